"""A rich Console that prints document and user text inert: no markup, no emoji codes, no escapes.

Every CLI command that shows text from a document, a data file or the user prints through this
console. Markup is off by default (a title `Rapport [/bold] 2024` is printed as written; our own
labels pass `markup=True`), `:x:` stays `:x:`, and each segment of text goes through
`koploper.inert.screen_text` just before it is written, so table cells, titles and trace lines are
covered without every call site doing it. Rich's own style and control segments pass unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from koploper.inert import screen_text


class InertConsole(Console):
    """`rich.console.Console` with markup, emoji codes and highlighting off and escapes made visible."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        kwargs.setdefault("highlight", False)
        super().__init__(**kwargs)

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or segment.text.isprintable():  # the common case, checked in C
                yield segment
            else:
                yield Segment(screen_text(segment.text, newlines=True), segment.style, segment.control)
