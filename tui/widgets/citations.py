"""The numbered citations under an answer: one button per source, pressing it opens the sources panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button

from koploper.inert import screen_text

if TYPE_CHECKING:
    from assistant.api import Hit


def citation_label(number: int, hit: Hit) -> str:
    """'[1] Titel — sectie, p. 3' in one line."""
    label = f"[{number}] {hit.title or hit.source}"
    if hit.section:
        label += f" — {hit.section}"
    if hit.page is not None:
        label += f", p. {hit.page}"
    return screen_text(label)


class CitationBar(Vertical):
    """Buttons [1], [2], … for the sources of one reply."""

    class Selected(Message):
        """A citation was chosen: show the passage of `sources[index]`."""

        def __init__(self, sources: list[Hit], index: int) -> None:
            super().__init__()
            self.sources = sources
            self.index = index

    def __init__(self, sources: list[Hit]) -> None:
        super().__init__(classes="citations")
        self.sources = list(sources)

    def compose(self) -> ComposeResult:
        for number, hit in enumerate(self.sources, start=1):
            button = Button(Content(citation_label(number, hit)), compact=True, classes="citation", name=str(number - 1))
            button.tooltip = "Toon de passage in het bronnenpaneel"
            yield button

    @on(Button.Pressed, ".citation")
    def _open(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Selected(self.sources, int(event.button.name or 0)))
