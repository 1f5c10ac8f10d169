"""An allocation request gets a table that adds up and a chart; a follow-up changes only the total."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Collapsible, DataTable, Markdown, Static

from tests.tui.conftest import SIZE, allocation_json, ask
from tui.app import KoploperApp
from tui.widgets.allocation_chart import AllocationChart
from tui.widgets.allocation_view import TOTAL_KEY, AllocationView


def column(table: DataTable[Any], label: str) -> list[str]:
    """The plain text of one column, total row last."""
    return [str(table.get_cell(row.key, label)) for row in table.ordered_rows]


def as_int(text: str) -> int:
    return int(text.replace(".", ""))


async def test_allocation_table_adds_up_and_has_a_chart(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        message = await ask(pilot, "Wat is het eerlijk aandeel van Kerkrade als Parkstad 120 woningen verdeelt naar inwonertal?")
        assert message.reply.intent == "allocation"
        view = message.query_one(AllocationView)
        table = view.query_one(DataTable)
        names = column(table, "Gemeente")
        allocated = [as_int(v) for v in column(table, "Toegewezen")]
        assert names[-1] == "Totaal"
        assert table.ordered_rows[-1].key.value == TOTAL_KEY
        assert sum(allocated[:-1]) == allocated[-1] == 120
        assert len(names) - 1 == len(allocation_json(message)["rows"]) == 7

        chart = view.query_one(AllocationChart)
        assert [r["municipality"] for r, f in zip(chart.rows, chart.focused, strict=True) if f] == ["Kerkrade"]
        assert [r["municipality"] for r in chart.rows] == names[:-1]
        assert chart.size.height >= 2 * len(chart.rows)
        rendered = chart.plt.build()
        assert "Kerkrade" in rendered and "Heerlen" in rendered

        trace = view.query_one(Collapsible)
        assert trace.title == "Hoe is dit berekend?"
        assert trace.collapsed
        assert len(trace.query(".trace-line")) == len(allocation_json(message)["trace"]) > 0
        sources = [str(s.render()) for s in view.query(".figures-source").results(Static)]
        assert any("inwoners" in line for line in sources)


async def test_follow_up_changes_only_the_total(make_app: Callable[[], KoploperApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first = await ask(pilot, "Verdeel 120 woningen over Parkstad naar inwonertal")
        second = await ask(pilot, "En als het er 300 zijn?")
        a, b = allocation_json(first), allocation_json(second)
        assert (a["total"], b["total"]) == (120, 300)
        assert a["region"] == b["region"] and a["key"] == b["key"] and a["method"] == b["method"]
        assert [r["municipality"] for r in a["rows"]] == [r["municipality"] for r in b["rows"]]
        assert second.reply.read_as and "300" in second.reply.read_as
        assert second.reply.read_as in second.query_one(".answer", Markdown).source

        new_total = as_int(column(second.query_one(DataTable), "Toegewezen")[-1])
        old_total = as_int(column(first.query_one(DataTable), "Toegewezen")[-1])
        assert (old_total, new_total) == (120, 300), "the earlier table must stay as it was"
