"""Ask for a file path (export target or data file), prefilled with a sensible default."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class PathPrompt(ModalScreen[str | None]):
    """Returns the typed path, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren")]

    def __init__(self, title: str, explanation: str, default: str = "", confirm: str = "OK") -> None:
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.default = default
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(id="path-panel", classes="panel"):
            yield Static(Content(self.title_text), classes="panel-title")
            yield Static(Content(self.explanation), classes="panel-text")
            yield Input(self.default, placeholder="pad naar het bestand", id="path-input")
            with Horizontal(classes="buttons"):
                yield Button(self.confirm, variant="primary", id="path-ok", compact=True)
                yield Button("Annuleren", id="path-cancel", compact=True)

    @on(Input.Submitted, "#path-input")
    @on(Button.Pressed, "#path-ok")
    def _confirm(self) -> None:
        value = self.query_one("#path-input", Input).value.strip()
        self.dismiss(value or None)

    @on(Button.Pressed, "#path-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
