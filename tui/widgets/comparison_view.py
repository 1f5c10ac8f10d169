"""The rounding methods side by side, with the municipalities where they differ marked."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from tui import format as fmt
from tui.widgets.allocation_view import METHOD_LABELS

NAME_KEYS = ("municipality", "gemeente")


class ComparisonView(Vertical):
    """A table with one column per method; rows the assistant reports as differing are highlighted."""

    def __init__(self, comparison: Any) -> None:
        super().__init__(classes="comparison")
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, classes="comparison-table")
        for line in self.comparison.differences:
            yield Static(Content("• " + str(line)), classes="figures-source")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        methods = list(self.comparison.methods)
        table.add_column("Gemeente", key="gemeente")
        for method in methods:
            table.add_column(METHOD_LABELS.get(method, method), key=method)
        for row in self.comparison.rows:
            name = next((str(row[k]) for k in NAME_KEYS if k in row), "")
            values = [row.get(method) for method in methods]
            differs = bool(row.get("differs", False))
            table.add_row(
                Text(name + (" *" if differs else ""), style="bold" if differs else ""),
                *(Text(fmt.integer(v) if v is not None else "—", style="bold" if differs else "", justify="right")
                  for v in values),
            )
