"""An allocation reply: table with a total row, bar chart, the trace and the sources of the figures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, DataTable, Static

from koploper.inert import screen_text
from tui.widgets.allocation_chart import AllocationChart

if TYPE_CHECKING:
    from assistant.api import AllocationResult

TEXT_COLUMNS = 2
"""Gemeente and CBS-code: left-aligned; every column after them is a number."""
TOTAL_KEY = "totaal"


class AllocationView(Vertical):
    """Everything the assistant returned for one allocation, laid out for reading and checking."""

    def __init__(self, result: AllocationResult) -> None:
        """`result` is `Reply.result`, the engine's full result: the table has the same columns as the
        CLI and its exports (assistant.api.allocation_table)."""
        from assistant.api import allocation_table

        super().__init__(classes="allocation")
        self.result = result
        self.data: dict[str, Any] = result.to_json()
        """The engine's JSON (region, total, key, rows, trace, …), as `koploper verdeel --json`."""
        self.table = allocation_table(result)

    def is_focus(self, row: dict[str, Any]) -> bool:
        """The engine names the focus municipality by CBS code (or by name in older results)."""
        focus = self.data.get("focus")
        return focus is not None and focus in (row.get("cbs_code"), row.get("municipality"))

    def compose(self) -> ComposeResult:
        data = self.data
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, classes="allocation-table")
        yield table
        for line in self.table.legend:
            yield Static(Content(screen_text(line)), classes="table-legend")
        yield Static(Content("Toegewezen per gemeente"), classes="chart-title")
        yield AllocationChart(
            data["rows"], [self.is_focus(row) for row in data["rows"]], classes="allocation-chart",
            label="toegewezen (€)" if data.get("unit") == "euro" else "toegewezen",
        )
        with Collapsible(title="Hoe is dit berekend?", classes="trace"):
            for line in data.get("trace") or []:
                if line.startswith("- "):  # a detail line of the step above it: indent it
                    yield Static(Content(screen_text("· " + line[2:])), classes="trace-line trace-detail")
                else:
                    yield Static(Content(screen_text(line)), classes="trace-line")
        sources = data.get("data_sources") or []
        if sources:
            yield Static(Content("Bronnen van de cijfers"), classes="figures-title")
            for source in sources:
                line = f"• {source.get('indicator')}: {source.get('source')}"
                if source.get("reference_date"):
                    line += f" (peildatum {source['reference_date']})"
                yield Static(Content(screen_text(line)), classes="figures-source")

    def on_mount(self) -> None:
        tables = self.query(DataTable)
        if not tables:  # removed again before it was mounted (a new conversation, the app closing)
            return
        table = tables.first()
        for label in self.table.header:
            table.add_column(Text(screen_text(label)), key=label)
        for line, row in zip(self.table.body, self.data["rows"], strict=True):
            style = "bold reverse" if self.is_focus(row) else ""
            table.add_row(*self._cells(line, style), key=str(row.get("cbs_code") or row["municipality"]))
        table.add_row(*self._cells(self.table.totals, "bold"), key=TOTAL_KEY)

    @staticmethod
    def _cells(line: list[str], style: str) -> list[Text]:
        return [Text(screen_text(cell), style=style, justify="left" if i < TEXT_COLUMNS else "right") for i, cell in enumerate(line)]
