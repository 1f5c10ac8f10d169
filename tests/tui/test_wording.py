"""Wording in the app (issue 12): example data lines stay lines, and no command-line options are shown."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.widgets._markdown import MarkdownFence

from tests.tui.conftest import SIZE, ask
from tui.app import KoploperApp


async def test_example_file_lines_stay_on_their_own_lines(make_app: Callable[[], KoploperApp]) -> None:
    """Markdown joins plain lines; the example rows of a data file are a code block, one row a line."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        existing = await ask(pilot, "Verdeel 120 woningen over Parkstad, rekening houdend met wat gemeenten al doen")
        codes = [fence.code for fence in existing.query(MarkdownFence)]
        assert any("gemeente;bestaand\nHeerlen;40\nKerkrade;12" in code for code in codes), codes
        missing = await ask(pilot, "Verdeel 50 woningen over Utrecht, Zeist en Houten naar huishoudens")
        codes = [fence.code for fence in missing.query(MarkdownFence)]
        assert any(re.search(r"gemeente;huishoudens\nDelft;\d+\nRijswijk;\d+", code) for code in codes), codes
        for message in (existing, missing):
            assert not re.search(r"(?<![\w-])--[a-z]", message.reply.answer), message.reply.answer
