"""Escapes, markup and emoji codes from documents and users are shown as written in the app: no ESC
reaches the screen, `[concept]` stays `[concept]` (transcript, citations, F10, F3, notifications)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from assistant.api import Hit, Reply
from tests.hostile.hostile_text import HOSTILE, MARKUP
from tests.tui.conftest import SIZE, ask, wait_until
from tui.app import KoploperApp
from tui.screens.choice import ChoiceScreen
from tui.screens.sources import SourcesScreen
from tui.widgets.status_bar import FAILED, StatusBar
from tui.widgets.transcript import Transcript


def screen_segments(app: KoploperApp) -> list[str]:
    """The text of every segment the app would send to the terminal for the current screen."""
    strips = app.screen._compositor.render_strips()
    return [segment.text for strip in strips for segment in strip]


def assert_inert(app: KoploperApp) -> str:
    texts = screen_segments(app)
    assert not any("\x1b" in text or "\x07" in text for text in texts), [t for t in texts if "\x1b" in t]
    return "".join(texts)


def hostile_hit() -> Hit:
    return Hit(id="h1", source=f"notulen {HOSTILE}.md", title=f"Jaarverslag [concept] {HOSTILE}", section="Inleiding [/bold]",
               text=f"De regio verdeelt woningen. {HOSTILE}\nTweede regel :x:.", score=0.9, reference_date="2024-01-01")


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KoploperApp:
    """The real app without a knowledge base (allocations need none); hostile replies are added as the assistant would."""
    monkeypatch.setenv("KOPLOPER_HOME", str(tmp_path))
    monkeypatch.setenv("KOPLOPER_EMBEDDING_MODEL", str(tmp_path / "geen-model"))
    return KoploperApp()


async def _ready(pilot: Pilot[None], app: KoploperApp) -> None:
    await wait_until(pilot, lambda: app.query_one(StatusBar).knowledge == FAILED)


async def test_transcript_citations_and_sources_panel_are_inert(app: KoploperApp) -> None:
    async with app.run_test(size=(120, 60)) as pilot:
        await _ready(pilot, app)
        hit = hostile_hit()
        reply = Reply(question="q", intent="knowledge", answer=f"{HOSTILE} [1]\n\n> {HOSTILE}", sources=[hit])
        app.add_reply(reply)
        await pilot.pause(0.3)
        shown = assert_inert(app)
        assert "[concept]" in shown and "[/bold]" in shown and ":x:" in shown and "␛]0;gekaapt␇" in shown

        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, SourcesScreen))
        await pilot.pause(0.3)
        panel = assert_inert(app)
        assert "Jaarverslag [concept]" in panel and "Inleiding [/bold]" in panel and ":x:" in panel


async def test_typed_question_saved_title_and_notification_are_inert(app: KoploperApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await ask(pilot, f"Verdeel 100 woningen over Parkstad {HOSTILE}")
        app.query_one(Transcript).scroll_home(animate=False)
        await pilot.pause(0.2)
        shown = assert_inert(app)
        assert "␛[2J" in shown and "[concept]" in shown

        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.pause(0.2)
        listed = assert_inert(app)
        assert "Parkstad Beleid ␛]0;gekaapt␇" in listed, "the conversation's title, shown as typed"
        await pilot.press("escape")

        app.notify(f"Bestand niet gevonden: {HOSTILE}", severity="error")
        await pilot.pause(0.3)
        assert MARKUP in assert_inert(app)
