"""What the user can do besides asking: one table feeds the key bindings, the palette and the help.

Everything here is in Dutch, including the entries that replace Textual's own system commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class AppCommand:
    """A user action: palette title and help, the app action it runs, its key and footer label."""

    title: str
    help: str
    action: str
    key: str
    footer: str
    show: bool = True


APP_COMMANDS: tuple[AppCommand, ...] = (
    AppCommand("Hulp", "Toetsen, opdrachten en voorbeeldvragen", "help", "f1", "Hulp"),
    AppCommand("Nieuw gesprek", "Begin opnieuw met een leeg gesprek", "new_conversation", "f2", "Nieuw"),
    AppCommand("Gesprek openen", "Open een eerder bewaard gesprek", "open_conversation", "f3", "Open"),
    AppCommand("Kennisbank filteren op regio", "Zoek alleen in het materiaal van één regio",
               "filter_region", "f4", "Regio"),
    AppCommand("Afrondingsmethoden vergelijken",
               "Vergelijk grootste overschot, Sainte-Laguë en D'Hondt voor de laatste verdeling",
               "compare_methods", "f5", "Vergelijk"),
    AppCommand("Gegevensbestand laden", "Eigen cijfers per gemeente (CSV of XLSX) gebruiken bij verdelingen",
               "load_data", "f6", "Data"),
    AppCommand("Exporteren", "Kies: gesprek naar Markdown, laatste verdeling naar CSV of XLSX",
               "export", "f7", "Export"),
    AppCommand("Gesprek exporteren naar Markdown", "Schrijf het hele gesprek naar een .md-bestand",
               "export_markdown", "ctrl+s", "Markdown", show=False),
    AppCommand("Laatste verdeling exporteren naar CSV", "Schrijf de tabel van de laatste verdeling naar .csv",
               "export_csv", "f8", "CSV", show=False),
    AppCommand("Laatste verdeling exporteren naar XLSX",
               "Tabel, berekening en bronnen van de laatste verdeling naar .xlsx", "export_xlsx", "f9", "XLSX",
               show=False),
    AppCommand("Bronnen van het laatste antwoord", "Open het bronnenpaneel van het laatste geciteerde antwoord",
               "show_sources", "f10", "Bronnen", show=False),
    AppCommand("Licht of donker thema", "Wissel tussen een licht en een donker kleurenschema",
               "toggle_theme", "f12", "Thema", show=False),
    AppCommand("Afsluiten", "Sluit Koploper; het gesprek is al bewaard", "quit", "ctrl+q", "Stop"),
)


def key_label(key: str) -> str:
    """'f1' → 'F1', 'ctrl+q' → 'Ctrl+Q'."""
    return "+".join(part.capitalize() if len(part) > 2 else part.upper() for part in key.split("+"))


def app_bindings() -> list[BindingType]:
    """Footer bindings (priority, so they work while the question line has focus)."""
    bindings: list[BindingType] = [
        Binding(c.key, c.action, c.footer, show=c.show, priority=True, tooltip=c.title, key_display=key_label(c.key))
        for c in APP_COMMANDS
    ]
    bindings.append(Binding("ctrl+p", "command_palette", "Opdrachten", show=False, priority=True,
                            tooltip="Alle opdrachten zoeken"))
    bindings.append(Binding("ctrl+c", "help_quit", show=False, system=True))
    return bindings


class KoploperCommands(Provider):
    """Command palette entries for every AppCommand."""

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for command in APP_COMMANDS:
            yield DiscoveryHit(command.title, partial(self._run, command.action), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in APP_COMMANDS:
            score = max(matcher.match(command.title), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), partial(self._run, command.action),
                          help=command.help)
