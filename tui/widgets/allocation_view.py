"""An allocation reply: table with a total row, bar chart, the trace and the sources of the figures."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, DataTable, Static

from tui import format as fmt
from tui.widgets.allocation_chart import AllocationChart

COLUMNS = ("Gemeente", "CBS-code", "Aandeel", "Quotum", "Toegewezen")
TOTAL_KEY = "totaal"


class AllocationView(Vertical):
    """Everything the assistant returned for one allocation, laid out for reading and checking."""

    def __init__(self, result: dict[str, Any]) -> None:
        """`result` is `Reply.allocation`: the engine's JSON (region, total, key, rows, trace, …)."""
        super().__init__(classes="allocation")
        self.data = result

    def is_focus(self, row: dict[str, Any]) -> bool:
        """The engine names the focus municipality by CBS code (or by name in older results)."""
        focus = self.data.get("focus")
        return focus is not None and focus in (row.get("cbs_code"), row.get("municipality"))

    def compose(self) -> ComposeResult:
        data = self.data
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, classes="allocation-table")
        yield table
        yield Static(Content("Toegewezen per gemeente"), classes="chart-title")
        yield AllocationChart(
            data["rows"], [self.is_focus(row) for row in data["rows"]], classes="allocation-chart",
            label="toegewezen (€)" if data.get("unit") == "euro" else "toegewezen",
        )
        with Collapsible(title="Hoe is dit berekend?", classes="trace"):
            for line in data.get("trace") or []:
                if line.startswith("- "):  # a detail line of the step above it: indent it
                    yield Static(Content("· " + line[2:]), classes="trace-line trace-detail")
                else:
                    yield Static(Content(line), classes="trace-line")
        sources = data.get("data_sources") or []
        if sources:
            yield Static(Content("Bronnen van de cijfers"), classes="figures-title")
            for source in sources:
                line = f"• {source.get('indicator')}: {source.get('source')}"
                if source.get("reference_date"):
                    line += f" (peildatum {source['reference_date']})"
                yield Static(Content(line), classes="figures-source")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        unit, cents = self.data.get("unit"), bool(self.data.get("cents"))
        for label in COLUMNS:
            table.add_column("Toegewezen (€)" if label == "Toegewezen" and unit == "euro" else label, key=label)
        for row in self.data["rows"]:
            style = "bold reverse" if self.is_focus(row) else ""
            table.add_row(
                Text(str(row["municipality"]), style=style),
                Text(str(row.get("cbs_code") or ""), style=style),
                Text(fmt.percent(row.get("share"), 2), style=style, justify="right"),
                Text(fmt.decimal(row.get("quota")), style=style, justify="right"),
                Text(fmt.amount(row.get("allocated"), unit, cents), style=style, justify="right"),
                key=str(row.get("cbs_code") or row["municipality"]),
            )
        total = self.data["total"]
        table.add_row(
            Text("Totaal", style="bold"), Text(""),
            Text(fmt.percent(1, 2), style="bold", justify="right"),
            Text(fmt.decimal(total), style="bold", justify="right"),
            Text(fmt.amount(total, unit, cents), style="bold", justify="right"),
            key=TOTAL_KEY,
        )
