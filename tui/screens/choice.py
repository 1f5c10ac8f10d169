"""Pick one item from a short list (region filter, saved conversation, export format)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ChoiceScreen(ModalScreen[str | None]):
    """A titled option list; returns the id of the chosen option, or None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Annuleren")]

    def __init__(self, title: str, choices: list[tuple[str, str]], explanation: str = "", empty: str = "") -> None:
        """choices: (id, label) pairs."""
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.explanation = explanation
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-panel", classes="panel"):
            yield Static(Content(self.title_text), classes="panel-title")
            if self.explanation:
                yield Static(Content(self.explanation), classes="panel-text")
            if self.choices:
                yield OptionList(*(Option(Content(label), id=key) for key, label in self.choices), id="choices")
            else:
                yield Static(Content(self.empty), classes="panel-text")
            yield Static(Content("Enter kiest, Esc annuleert."), classes="panel-hint")

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
