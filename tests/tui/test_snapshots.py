"""Snapshots of the start screen, a cited answer and an allocation (pytest-textual-snapshot).

Deterministic: fixed size, the shared loaded assistant (status always "Kennisbank klaar"), no
cursor blink, no notifications, no clock. Update with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import replies, wait_until
from tui.app import KoploperApp

SNAP_SIZE = (100, 32)


def settle(question: str | None = None, *, scroll_to: str | None = None) -> Callable[[Pilot[Any]], Any]:
    """run_before: wait until ready, optionally ask a question and wait for its reply."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, KoploperApp)
        await wait_until(pilot, lambda: app.knowledge_ready and app.conversation is not None)
        field = app.query_one("#question", Input)
        field.cursor_blink = False
        if question:
            field.value = question
            await pilot.press("enter")
            await wait_until(pilot, lambda: bool(replies(app)) and not app.busy)
        app.clear_notifications()
        if scroll_to:
            reply = replies(app)[-1]
            app.query_one("#transcript").scroll_to_widget(reply.query_one(scroll_to), animate=False, top=True)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    return run_before


def test_start_screen(snap_compare: Any, make_app: Callable[[], KoploperApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=settle())


def test_cited_answer(snap_compare: Any, make_app: Callable[[], KoploperApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SNAP_SIZE,
                        run_before=settle("Hoeveel gemeenten doen mee in Parkstad?"))


def test_allocation(snap_compare: Any, make_app: Callable[[], KoploperApp]) -> None:
    assert snap_compare(
        make_app(), terminal_size=SNAP_SIZE,
        run_before=settle("Wat is het eerlijk aandeel van Kerkrade als Parkstad 120 woningen verdeelt naar inwonertal?",
                          scroll_to=".allocation-table"),
    )


def test_allocation_light_theme_at_80x24(snap_compare: Any, make_app: Callable[[], KoploperApp]) -> None:
    """The smallest supported terminal, in the light theme."""
    app = make_app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24),
                        run_before=settle("Verdeel 120 woningen over Parkstad naar inwonertal",
                                          scroll_to=".allocation-table"))


def test_euro_allocation(snap_compare: Any, make_app: Callable[[], KoploperApp]) -> None:
    """A budget: euro amounts in the table (issue 13)."""
    assert snap_compare(
        make_app(), terminal_size=SNAP_SIZE,
        run_before=settle("Verdeel 2,5 miljoen euro over Parkstad naar inwoners; hoeveel krijgt Kerkrade?",
                          scroll_to=".allocation-table"),
    )
