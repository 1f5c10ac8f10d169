"""Typing always reaches the question line (after Tab, after a panel closes), PageUp/PageDown/Home/End
scroll the conversation from the question line, and a long saved conversation reopens newest first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Input

from assistant.api import save_conversation
from assistant.engines import AllocationResult
from assistant.session import Assistant
from koploper.settings import Settings
from tests.tui.conftest import SIZE, allocation_json, ask, replies, wait_until
from tui.app import KoploperApp
from tui.screens.help import HelpScreen
from tui.screens.sources import SourcesScreen
from tui.widgets.messages import UserMessage
from tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from kennisbank.service import KnowledgeBase


async def test_typing_after_tab_and_after_panels_goes_to_the_question(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ask(pilot, "Hoeveel gemeenten doen mee in Parkstad?")
        question = app.query_one("#question", Input)
        for _ in range(3):
            await pilot.press("tab")
        assert app.focused is not question
        await pilot.press("a", "b")
        assert app.focused is question and question.value == "ab"
        question.value = ""

        app.query(".citation").first().focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SourcesScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1 and app.focused is question)

        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("f1")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1 and app.focused is question)


async def test_page_keys_scroll_the_transcript_from_the_question(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for total in (120, 300):
            await ask(pilot, f"Verdeel {total} woningen over Twente naar inwonertal")
        transcript = app.query_one(Transcript)
        question = app.query_one("#question", Input)
        assert app.focused is question and transcript.max_scroll_y > 0
        await pilot.press("end")
        await wait_until(pilot, lambda: transcript.scroll_y == transcript.max_scroll_y)
        await pilot.press("pageup")
        await wait_until(pilot, lambda: transcript.scroll_y < transcript.max_scroll_y)
        up = transcript.scroll_y
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: transcript.scroll_y > up)
        await pilot.press("home")
        await wait_until(pilot, lambda: transcript.scroll_y == 0)
        assert app.focused is question
        question.value = "abc"
        await pilot.press("home")
        assert question.cursor_position == 0 and transcript.scroll_y == 0, "with text, Home moves the cursor"


async def test_a_30_turn_conversation_reopens_newest_first(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    assistant = Assistant(Settings(home=tmp_path), knowledge=knowledge_base)
    conversation = assistant.new_conversation()
    questions = [f"Verdeel {100 + i} woningen over Parkstad naar inwonertal" for i in range(30)]
    for text in questions:
        conversation.ask(text)
    path = save_conversation(conversation, assistant.settings.conversations_dir)
    app = KoploperApp(assistant=assistant)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        app.open_saved(str(path))  # checked before any refresh: the older turns follow in the background
        shown = [m.text for m in app.query(UserMessage)]
        assert shown and shown == questions[-len(shown):] and len(shown) < 30, "the newest turns first"
        await wait_until(pilot, lambda: len(replies(app)) == 30)
        assert [m.text for m in app.query(UserMessage)] == questions, "the older ones above them, in order"
        assert isinstance(app.last_allocation, AllocationResult) and app.last_allocation.total == 129
        follow = await ask(pilot, "En als het er 200 zijn?")
        assert allocation_json(follow)["total"] == 200 and replies(app)[-1] is follow
