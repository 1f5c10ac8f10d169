"""Exports write files that read back: the conversation as Markdown, the last allocation as CSV/XLSX."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import SIZE, allocation_json, ask, wait_until
from tui.app import KoploperApp
from tui.screens.path_prompt import PathPrompt


async def export_to(pilot: Pilot[Any], key: str, target: Path | None = None) -> Path:
    """Press the export key, type the target (or keep the suggested one), confirm, wait for the file."""
    app = pilot.app
    assert isinstance(app, KoploperApp)
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt) and app.screen.ready)
    field = app.screen.query_one("#path-input", Input)
    assert field.value.startswith(str(app.settings.exports_dir)), "the suggestion is in the exports folder"
    if target is None:
        target = Path(field.value)
    else:
        field.value = str(target)
    await pilot.press("enter")
    await wait_until(pilot, lambda: target.exists())
    return target


async def test_exports_read_back(make_app: Callable[[], KoploperApp], tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        message = await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal")
        rows = allocation_json(message)["rows"]

        csv_file = await export_to(pilot, "f8")  # the suggested name in a folder that did not exist yet
        assert csv_file.parent == app.settings.exports_dir and csv_file.suffix == ".csv"
        text = csv_file.read_text(encoding="utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
        table = list(csv.reader(text.splitlines(), dialect))
        body = "\n".join(";".join(r) for r in table)
        for row in rows:
            assert row["municipality"] in body
        assert "120" in body

        xlsx_file = tmp_path / "verdeling.xlsx"
        await export_to(pilot, "f9", xlsx_file)
        book = openpyxl.load_workbook(xlsx_file)
        cells = [str(c) for sheet in book.worksheets for r in sheet.iter_rows(values_only=True) for c in r if c]
        assert all(row["municipality"] in cells for row in rows)
        assert len(book.worksheets) >= 3, "table, trace and sources on separate sheets"

        md_file = tmp_path / "gesprek.md"
        await export_to(pilot, "ctrl+s", md_file)
        markdown = md_file.read_text(encoding="utf-8")
        assert "Verdeel 120 woningen over Parkstad naar inwonertal" in markdown
        assert "Heerlen" in markdown

        # A folder that does not exist (with brackets in its name): a Dutch error, shown as typed.
        missing = tmp_path / "[geen map]" / "verdeling.csv"
        await pilot.press("f8")
        await wait_until(pilot, lambda: isinstance(app.screen, PathPrompt) and app.screen.ready)
        app.screen.query_one("#path-input", Input).value = str(missing)
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(n.severity == "error" for n in app._notifications), timeout=10)
        error = next(n.message for n in app._notifications if n.severity == "error")
        assert error.startswith("Exporteren mislukt") and "[geen map]" in error and "bestaat niet" in error
        assert not missing.exists() and app.is_running


async def test_export_without_allocation_is_a_dutch_warning(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.conversation is not None)
        await pilot.press("f8")
        await wait_until(pilot, lambda: bool(app._notifications), timeout=10)
        assert not isinstance(app.screen, PathPrompt)
        messages = [n.message for n in app._notifications]
        assert any("nog geen verdeling" in m for m in messages), messages
