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
MARGIN = 12
"""Columns the conversation takes around a table (borders, padding, scrollbar)."""


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
        self.shown: list[int] = list(range(len(self.table.header)))
        """The columns on screen (see `_shown_columns`)."""

    def is_focus(self, row: dict[str, Any]) -> bool:
        """The engine names the focus municipality by CBS code (or by name in older results)."""
        focus = self.data.get("focus")
        return focus is not None and focus in (row.get("cbs_code"), row.get("municipality"))

    def _shown_columns(self) -> list[int]:
        """The columns that fit the screen: on a narrow screen the CBS code, the indicator figures, the
        bounds and the quota give way (in that order) so that Toegewezen and every year stay readable;
        the exports keep every column."""
        header, rows = self.table.header, [*self.table.body, self.table.totals]
        widths = [max(len(header[i]), *(len(r[i]) for r in rows)) + 2 for i in range(len(header))]
        room = max(40, self.app.size.width - MARGIN)
        order = ["CBS-code", *self._indicator_labels(), "Minimum", "Maximum", "Quotum"]
        shown = list(range(len(header)))
        for label in order:
            if sum(widths[i] for i in shown) <= room:
                break
            shown = [i for i in shown if header[i] != label]
        return shown

    def _indicator_labels(self) -> list[str]:
        return list(self.result.rows[0].indicator_values) if self.result.rows else []

    def compose(self) -> ComposeResult:
        data = self.data
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, classes="allocation-table")
        yield table
        self.shown = self._shown_columns()
        hidden = [label for i, label in enumerate(self.table.header) if i not in self.shown]
        for line in self.table.legend:
            yield Static(Content(screen_text(line)), classes="table-legend")
        if hidden:
            yield Static(Content(f"Voor deze schermbreedte weggelaten: {', '.join(hidden)}; de export (F8/F9) heeft alle kolommen."),
                         classes="table-legend")
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
        for i in self.shown:
            table.add_column(Text(screen_text(self.table.header[i])), key=self.table.header[i])
        for line, row in zip(self.table.body, self.data["rows"], strict=True):
            style = "bold reverse" if self.is_focus(row) else ""
            table.add_row(*self._cells(line, style), key=str(row.get("cbs_code") or row["municipality"]))
        table.add_row(*self._cells(self.table.totals, "bold"), key=TOTAL_KEY)

    def _cells(self, line: list[str], style: str) -> list[Text]:
        return [Text(screen_text(line[i]), style=style, justify="left" if i < TEXT_COLUMNS else "right") for i in self.shown]
