"""The app's allocation table shows what the calculation used: the indicator column(s), the
existing effort, per-year columns, and a legend that says what "Sleutelaandeel" and "Quotum" mean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Static

from tests.tui.conftest import SIZE, allocation_json, ask
from tests.tui.test_allocation import as_int, column
from tests.tui.test_export import export_to
from tui.app import KoploperApp
from tui.widgets.allocation_view import AllocationView

PARKSTAD_EXISTING = {"Heerlen": 40, "Kerkrade": 12, "Brunssum": 5, "Landgraaf": 3, "Beekdaelen": 0,
                     "Simpelveld": 1, "Voerendaal": 0}


def _labels(table: DataTable[Any]) -> list[str]:
    return [str(c.label) for c in table.columns.values()]


def _legend(view: AllocationView) -> str:
    return "\n".join(str(s.render()) for s in view.query(".table-legend").results(Static))


WIDE = (130, 32)
"""Wide enough for every column of a three-year table (narrower screens leave some out: see below)."""


async def test_indicator_and_year_columns(make_app: Callable[[], KoploperApp], tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        message = await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal, gespreid over 3 jaar")
        view = message.query_one(AllocationView)
        table = view.query_one(DataTable)
        labels = _labels(table)
        assert labels[:3] == ["Gemeente", "CBS-code", "inwoners"]
        assert labels[-3:] == ["Jaar 1", "Jaar 2", "Jaar 3"]
        for name, row in zip(column(table, "Gemeente"), allocation_json(message)["rows"], strict=False):
            assert name == row["municipality"]
            years = [as_int(column(table, f"Jaar {y}")[column(table, "Gemeente").index(name)]) for y in (1, 2, 3)]
            assert years == row["per_year"] and sum(years) == row["allocated"]
        legend = _legend(view)
        assert "Sleutelaandeel" in legend and "Jaar 1 tot en met Jaar 3" in legend
        exported = await export_to(pilot, "f8", tmp_path / "verdeling.csv")
        # the same columns first; then the columns that say what was distributed
        header = exported.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
        assert header[: len(labels)] == labels and "Verdeeld totaal" in header[len(labels):]


async def test_a_wide_table_stays_readable_on_a_narrow_screen(make_app: Callable[[], KoploperApp]) -> None:
    """At 100 columns a capped three-year table leaves out the CBS code and the indicator, says so, and
    every year stays on screen; the export keeps them."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        message = await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal, maximaal 30 per gemeente, gespreid over 3 jaar")
        view = message.query_one(AllocationView)
        table = view.query_one(DataTable)
        await pilot.pause(0.1)
        labels = _labels(table)
        assert labels[-4:] == ["Toegewezen", "Jaar 1", "Jaar 2", "Jaar 3"] and "CBS-code" not in labels
        assert table.virtual_size.width <= table.region.width
        assert "weggelaten: CBS-code" in _legend(view)


async def test_existing_effort_column_and_what_the_share_then_means(
    make_app: Callable[[], KoploperApp], tmp_path: Path
) -> None:
    data = tmp_path / "bestaand.csv"
    data.write_text("gemeente;bestaand\n" + "\n".join(f"{k};{v}" for k, v in PARKSTAD_EXISTING.items()) + "\n",
                    encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        loaded = await ask(pilot, f"/data {data}")
        assert loaded.reply.intent != "clarify", loaded.reply.answer
        message = await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal, rekening houdend met wat gemeenten al doen")
        assert message.reply.result is not None and message.reply.result.existing, message.reply.answer
        view = message.query_one(AllocationView)
        table = view.query_one(DataTable)
        labels = _labels(table)
        existing = next(label for label in labels if label.startswith("Bestaand"))
        names = column(table, "Gemeente")
        shown = {name: as_int(value.lstrip("≈")) for name, value in zip(names[:-1], column(table, existing)[:-1], strict=True)}
        assert shown == PARKSTAD_EXISTING
        assert "Sleutelaandeel" in labels and "Aandeel" not in labels
        legend = _legend(view)
        assert "níet Sleutelaandeel × 120" in legend and "Bestaand" in legend
