"""Help: the keys, the commands, and what can be asked."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from assistant.api import compose_help
from tui.commands import APP_COMMANDS, key_label


class HelpScreen(ModalScreen[None]):
    """Shows a Markdown help text composed by the app from its bindings and the assistant's help."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "Sluiten")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="help-panel", classes="panel"):
            yield Static(Content("Hulp"), classes="panel-title")
            with VerticalScroll(id="help-scroll"):
                yield Markdown(self.markdown, id="help-text")
            yield Static(Content("Esc sluit de hulp."), classes="panel-hint")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()


def help_markdown() -> str:
    """The keys and commands of the app, then the assistant's own help with examples per region."""
    lines = ["## Toetsen en opdrachten", ""]
    for command in APP_COMMANDS:
        lines.append(f"- **{key_label(command.key)}** {command.title} — {command.help}")
    lines += [
        "- **Ctrl+P** — alle opdrachten zoeken (ook thema kiezen)",
        "- **↑ / ↓** in de vraagregel — vorige / volgende vraag",
        "- **Tab** — naar de bronvermeldingen [1], [2] en de tabellen; Enter opent een bron",
        "",
        "## Wat kunt u vragen?",
        "",
        compose_help(),
        "",
        "Het gesprek wordt na elk antwoord bewaard; **F3** opent een eerder gesprek.",
    ]
    return "\n".join(lines)
