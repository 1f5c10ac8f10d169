"""A 30-turn conversation stays as light as a short one: what is drawn once stays drawn, only the newest
turns take part in layout, and the whole conversation is still saved and reopened newest first.

Timings are in bench/bench_tui.py (`--gesprek`); these tests check the behaviour that keeps them flat.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList
from textual.widgets.markdown import MarkdownBlock

from tests.tui.conftest import SIZE, allocation_json, ask, replies, wait_until
from tui.app import KoploperApp
from tui.screens.choice import ChoiceScreen
from tui.widgets.allocation_chart import AllocationChart
from tui.widgets.messages import SOURCES_HEADING, TRACE_HEADING, AssistantMessage, ReplyMarkdown, UserMessage
from tui.widgets.transcript import LIVE_MESSAGES, Transcript

KNOWLEDGE = ["Hoeveel gemeenten doen mee in Parkstad?", "Welke gemeenten horen bij Parkstad?"]
REGIONS = ["Parkstad", "Twente", "Haaglanden", "Groningen"]


def questions(turns: int = 30) -> list[str]:
    """Every third question a knowledge question, the others allocations and follow-ups over regions."""
    asked: list[str] = []
    for n in range(turns):
        if n % 3 == 2:
            asked.append(KNOWLEDGE[(n // 3) % len(KNOWLEDGE)])
        elif n % 3 == 1:
            asked.append(f"En als het er {200 + n} zijn?")
        else:
            asked.append(f"Verdeel {100 + n} woningen over {REGIONS[(n // 3) % len(REGIONS)]} naar inwonertal")
    return asked


def blocks(message: AssistantMessage) -> list[MarkdownBlock]:
    return list(message.query_one(ReplyMarkdown).query_children(MarkdownBlock))


async def test_thirty_turns_draw_each_turn_once_and_lay_out_only_the_newest(
    make_app: Callable[[], KoploperApp],
) -> None:
    asked = questions()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        transcript = app.query_one(Transcript)
        first = await ask(pilot, asked[0])
        chart = first.query_one(AllocationChart)
        transcript.scroll_to_widget(chart, animate=False)
        await wait_until(pilot, lambda: chart.builds >= 1)
        built = chart.builds
        first_blocks = blocks(first)

        for text in asked[1:]:
            message = await ask(pilot, text)
            await wait_until(pilot, lambda: message.query_one(ReplyMarkdown).rendered and message.region.height > 0)  # noqa: B023 (awaited here)
            markdown = message.query_one(ReplyMarkdown)
            if message.reply.intent == "allocation":
                # the table and the trace are widgets below the answer: their Markdown is not mounted at all
                trace = allocation_json(message)["trace"]
                assert not markdown.query("MarkdownTable")
                assert TRACE_HEADING in message.reply.answer and trace[0] in message.reply.answer
                assert not [b for b in blocks(message) if TRACE_HEADING in (b.source or "") or trace[0] in (b.source or "")]
            if message.reply.sources:
                assert SOURCES_HEADING in message.reply.answer
                assert all((block.source or "").strip() != SOURCES_HEADING for block in blocks(message))
                assert "(#bron-1)" in markdown.source, "the answer still cites its sources, as links"
        intents = {message.reply.intent for message in replies(app)}
        assert "allocation" in intents and len(intents) > 1, "a mixed conversation"

        # every turn is there, in order; only the newest LIVE_MESSAGES take part in layout
        shown = list(transcript.children)
        assert [m.text for m in app.query(UserMessage)] == asked and len(replies(app)) == 30
        assert transcript.hidden_messages == 60 - LIVE_MESSAGES
        assert not any(w.display for w in shown[:transcript.hidden_messages])
        assert all(w.display for w in shown[transcript.hidden_messages:])
        assert shown[-1] is replies(app)[-1] and replies(app)[-1].region.height > 0

        # the first turn was not composed again, and its chart not drawn again, by 29 later replies
        assert blocks(first) == first_blocks
        assert chart.builds == built

        # Home shows the start of the conversation: the older turns are displayed again, as they were
        await pilot.press("home")
        await wait_until(pilot, lambda: transcript.hidden_messages == 0 and transcript.scroll_y == 0)
        transcript.scroll_to_widget(chart, animate=False)
        await wait_until(pilot, lambda: chart.region.height > 0 and transcript.region.overlaps(chart.region))
        await pilot.pause(0.2)
        assert chart.builds == built, "shown again from the figure it already built"
        app.action_toggle_theme()
        await wait_until(pilot, lambda: chart.builds == built + 1)  # colours follow the theme: built anew

        # saved after every reply, off the UI thread, atomically: the file is the whole conversation
        saved = app.saved_path
        assert saved is not None and app.conversation is not None
        assert json.loads(saved.read_text(encoding="utf-8")) == app.conversation.to_json()
        assert [turn["question"] for turn in json.loads(saved.read_text(encoding="utf-8"))["turns"]] == asked
        assert not [p for p in saved.parent.iterdir() if p.suffix != ".json"], "no half-written files"

    await reopen_newest_first(make_app, saved, asked)


async def reopen_newest_first(make_app: Callable[[], KoploperApp], saved: Path, asked: list[str]) -> None:
    """The saved 30-turn conversation (listed under F3) reopened: the newest turns are shown (and laid out)
    at once, every turn follows above them, and scrolling up brings the older ones into view."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        options = app.screen.query_one("#choices", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert str(saved) in ids
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1)
        app.open_saved(str(saved))  # what choosing it in the list calls; checked here before any refresh
        first_shown = [m.text for m in app.query(UserMessage)]
        assert first_shown and first_shown == asked[-len(first_shown):] and len(first_shown) < 30, "newest first"
        transcript = app.query_one(Transcript)
        await wait_until(pilot, lambda: len(replies(app)) == 30)
        assert [m.text for m in app.query(UserMessage)] == asked, "the older ones above them, in order"
        newest = replies(app)[-1]
        await wait_until(pilot, lambda: newest.region.height > 0)
        assert transcript.hidden_messages == 60 - LIVE_MESSAGES
        hidden = transcript.hidden_messages
        for _ in range(60):  # PageUp from the question line until the top of the displayed turns is reached
            await pilot.press("pageup")
            await pilot.pause(0.05)
            if transcript.hidden_messages < hidden:
                break
        assert transcript.hidden_messages < hidden and transcript.scroll_y > 0, "what was in view stays in view"
