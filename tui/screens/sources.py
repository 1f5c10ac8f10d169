"""The sources panel: the cited passage with its source, section, page and reference date."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from koploper.inert import screen_text
from tui.widgets.citations import citation_label

if TYPE_CHECKING:
    from assistant.api import Hit


def passage_markdown(number: int, hit: Hit) -> str:
    """The passage of one source as Markdown, with every detail the assistant gave."""
    lines = [f"### [{number}] {screen_text(hit.title or hit.source)}", ""]
    details = [
        ("Bron", hit.source),
        ("Sectie", hit.section),
        ("Pagina", hit.page),
        ("Peildatum", hit.reference_date),
        ("Regio", hit.region),
        ("Adres", hit.source_url),
    ]
    for label, value in details:
        if value not in (None, ""):
            lines.append(f"- **{label}:** {screen_text(str(value))}")
    lines.append("")
    lines.extend("> " + line if line else ">" for line in screen_text(hit.text.strip(), newlines=True).splitlines())
    return "\n".join(lines)


class SourcesScreen(ModalScreen[None]):
    """All sources of one reply; the chosen one is highlighted and its passage shown."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Sluiten")]

    def __init__(self, sources: list[Hit], index: int = 0) -> None:
        super().__init__()
        self.sources = sources
        self.index = index

    def compose(self) -> ComposeResult:
        with Vertical(id="sources-panel", classes="panel"):
            yield Static(Content("Bronnen"), classes="panel-title")
            yield OptionList(
                *(Option(Content(citation_label(n, hit)), id=str(n - 1)) for n, hit in enumerate(self.sources, 1)),
                id="source-list",
            )
            with VerticalScroll(id="passage-scroll"):
                yield Markdown(passage_markdown(self.index + 1, self.sources[self.index]), id="passage")
            yield Button("Sluiten (Esc)", id="close-sources", compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#source-list", OptionList)
        options.highlighted = self.index
        options.focus()

    @property
    def shown_index(self) -> int:
        return self.index

    @on(OptionList.OptionHighlighted, "#source-list")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        index = int(event.option.id or 0)
        if index != self.index:
            self.index = index
            self.query_one("#passage", Markdown).update(passage_markdown(index + 1, self.sources[index]))

    @on(Button.Pressed, "#close-sources")
    def _close(self) -> None:
        self.dismiss()
