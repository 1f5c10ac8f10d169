"""Bar chart of an allocation (textual-plotext), the focus municipality in the accent colour.

textual-plotext builds the whole figure again on every render; an earlier chart in a long conversation
is rendered again whenever Textual repaints or re-lays out the transcript. The built figure is kept
per size and theme, so each chart is drawn once (and again only when resized or re-themed).
"""

from __future__ import annotations

import math
from typing import Any

from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

ROWS_PER_BAR = 2
"""Plotext draws horizontal bars cleanly only with two text rows per bar."""


class AllocationChart(PlotextPlot):
    """Horizontal bars, one per municipality, in table order (first at the top)."""

    def __init__(self, rows: list[dict[str, Any]], focused: list[bool], label: str = "toegewezen", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label = label
        self.rows = rows
        self.focused = focused
        self.styles.height = len(rows) * ROWS_PER_BAR + 4  # frame (2), tick labels, axis label
        self.builds = 0
        """How often the figure was built (drawn by plotext): once per size and theme."""
        self._built: tuple[tuple[int, int, str], Text] | None = None

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.replot())
        self.replot()

    def _colour(self, variable: str, fallback: str) -> tuple[int, int, int]:
        value = self.app.theme_variables.get(variable, fallback)
        return Color.parse(value).rgb

    def replot(self) -> None:
        """Draw the bars again, for instance after a theme change (colours follow the theme)."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        names = [str(row["municipality"]) for row in self.rows]
        values = [int(row["allocated"]) for row in self.rows]
        positions = list(range(len(names), 0, -1))
        other = [(p, v) for p, v, f in zip(positions, values, self.focused, strict=True) if not f]
        focused = [(p, v) for p, v, f in zip(positions, values, self.focused, strict=True) if f]
        if other:
            plt.bar([p for p, _ in other], [v for _, v in other], orientation="horizontal",
                    color=self._colour("primary", "#0178D4"), width=0.5)
        if focused:
            plt.bar([p for p, _ in focused], [v for _, v in focused], orientation="horizontal",
                    color=self._colour("accent", "#FFA62B"), width=0.5)
        plt.yticks([float(p) for p in positions], names)
        plt.ylim(0.5, len(names) + 0.5)
        step = max(1, math.ceil(max(values, default=0) / 5))
        plt.xticks(list(range(0, max(values, default=0) + step, step)))
        plt.xlabel(self.label)
        self._built = None
        self.refresh()

    def render(self) -> RenderResult:
        """The figure built for this size and theme, built only when one of them changed."""
        key = (self.size.width, self.size.height, self.app.theme)
        if self._built is None or self._built[0] != key:
            text = super().render()
            assert isinstance(text, Text)
            self._built = (key, text)
            self.builds += 1
        return self._built[1]
