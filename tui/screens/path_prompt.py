"""Ask for a file path (export target or data file), prefilled with a sensible default."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class PathPrompt(ModalScreen[str | None]):
    """Returns the typed path, or None when cancelled.

    The field and the buttons take keys only once the dialog has been drawn: keys typed before that
    (the next question, typed while a busy app was still opening the dialog) must not land in a
    field nobody can see and write a file named after them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Annuleren")]

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
            yield Input(self.default, placeholder="pad naar het bestand", id="path-input", disabled=True)
            with Horizontal(classes="buttons"):
                yield Button(self.confirm, variant="primary", id="path-ok", compact=True, disabled=True)
                yield Button("Annuleren", id="path-cancel", compact=True)

    ready = False
    """True once the dialog has been drawn and takes keys."""

    def on_mount(self) -> None:
        self.call_after_refresh(self._arm)

    def _arm(self) -> None:
        """After the first paint: the field and the confirm button work, and the field has the focus."""
        field = self.query_one("#path-input", Input)
        field.disabled = False
        self.query_one("#path-ok", Button).disabled = False
        field.focus()
        self.ready = True

    @on(Input.Submitted, "#path-input")
    @on(Button.Pressed, "#path-ok")
    def _confirm(self) -> None:
        if not self.ready:
            return
        value = self.query_one("#path-input", Input).value.strip()
        self.dismiss(value or None)

    @on(Button.Pressed, "#path-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
