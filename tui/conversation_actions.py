"""What the user does with conversations: help, new, reopen, region filter, compare, own data.

One of the classes `KoploperApp` is built from, split off to keep the modules small; every method only calls the
assistant's conversation or shows what it returned.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.widgets import Input

from assistant.api import EXAMPLES
from koploper.inert import screen_text
from koploper.numbers import plural
from tui.job_queue import JobQueue
from tui.jobs import Job
from tui.screens.choice import ChoiceScreen
from tui.screens.help import HelpScreen, help_markdown
from tui.screens.path_prompt import PathPrompt
from tui.screens.sources import SourcesScreen
from tui.widgets.status_bar import StatusBar
from tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from assistant.api import Conversation, Reply, Turn

ALL_REGIONS = "*"
"""Choice id of 'Alle regio's' in the region filter."""
LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class ConversationActions(JobQueue):
    """Actions on the conversation (a base of KoploperApp, on top of the job queue)."""

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):  # F1 again closes it
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(help_markdown()))

    def action_new_conversation(self) -> None:
        if self.assistant is None:
            self.notify("De assistent wordt nog gestart; probeer het zo opnieuw.", severity="warning")
            return
        if self.busy:
            self.notify("Wacht tot de lopende vragen zijn beantwoord.", severity="warning")
            return
        self.conversation = self.assistant.new_conversation()
        self.last_allocation = None
        self.last_sources = []
        self.saved_path = None
        self.query_one(StatusBar).region_filter = None
        self.query_one(Transcript).show_welcome(EXAMPLES)
        self.query_one("#question", Input).focus()
        self.notify("Nieuw gesprek begonnen.")

    def action_open_conversation(self) -> None:
        if self.assistant is None:
            self.notify("De assistent wordt nog gestart; probeer het zo opnieuw.", severity="warning")
            return
        try:
            from assistant.api import scan_conversations

            scan = scan_conversations(self.settings.conversations_dir)
        except Exception as exc:  # noqa: BLE001
            self.notify(f"De bewaarde gesprekken konden niet worden gelezen: {exc}", severity="error")
            return
        saved = scan.conversations
        if scan.skipped:
            names = ", ".join(scan.skipped[:5]) + (" …" if len(scan.skipped) > 5 else "")
            self.notify(f"{len(scan.skipped)} {plural(len(scan.skipped), 'bestand', 'bestanden')} in de map met "
                        f"gesprekken {plural(len(scan.skipped), 'is', 'zijn')} geen leesbaar bewaard gesprek en "
                        f"overgeslagen: {names}.", severity="warning")
        choices = [(str(info.path), saved_label(info)) for info in saved]
        self.push_screen(
            ChoiceScreen("Gesprek openen", choices, empty="Er zijn nog geen bewaarde gesprekken."),
            self.open_saved,
        )

    def open_saved(self, path: str | None) -> None:
        """Open a saved conversation (what choosing it in the list does); a file that cannot be read is a
        notification, never an exception."""
        if not path:
            return
        if self.busy:
            self.notify("Wacht tot de lopende vragen zijn beantwoord.", severity="warning")
            return
        try:
            from assistant.api import load_conversation

            conversation = load_conversation(Path(path), self.assistant, restore_data=False)
        except Exception as exc:  # noqa: BLE001
            self.notify(f"Dit gesprek kon niet worden geopend: {exc}", severity="error")
            return
        self.conversation = conversation
        self.saved_path = Path(path)
        self.show_conversation(conversation.turns)
        self.query_one(StatusBar).region_filter = conversation.region_filter
        self.notify("Gesprek geopend.")
        if conversation.pending_user_data is not None:  # read in the worker: the file may be on a hung share
            self._submit(Job(run=lambda opened: opened.restore_user_data(),
                             failure="Het gegevensbestand van dit gesprek is niet opnieuw geladen"))

    def show_conversation(self, turns: Iterable[Turn]) -> None:
        """Rebuild the transcript from saved turns (the newest painted first, see Transcript.show_turns)."""
        turns = list(turns)
        self.last_allocation = None
        self.last_sources = []
        for turn in turns:
            self._remember(turn.reply)
        self.query_one(Transcript).show_turns(turns)

    def action_filter_region(self) -> None:
        if self._require_conversation() is None:
            return
        regions = self._region_names()
        choices = [(ALL_REGIONS, "Alle regio's")] + [(name, name) for name in regions]
        self.push_screen(
            ChoiceScreen("Kennisbank filteren op regio", choices,
                         explanation="Kennisvragen zoeken dan alleen in het materiaal van deze regio."),
            self._set_region_filter,
        )

    def _region_names(self) -> list[str]:
        """The regions the assistant knows (the allocation engine's six koploper regions)."""
        from assistant.api import known_regions

        return known_regions()

    def _set_region_filter(self, region: str | None) -> None:
        if region is None or self.conversation is None:
            return
        region = None if region == ALL_REGIONS else region
        try:
            self.conversation.region_filter = region
        except Exception as exc:  # noqa: BLE001
            self.notify(f"Dit filter kon niet worden ingesteld: {exc}", severity="error")
            return
        self.query_one(StatusBar).region_filter = region
        self.notify(f"Kennisvragen zoeken nu in: {region or 'alle regio’s'}.")

    def action_compare_methods(self) -> None:
        if self._require_conversation() is None:
            return
        if self.last_allocation is None:
            self.notify("Er is nog geen verdeling om te vergelijken. Vraag eerst een verdeling.", severity="warning")
            return
        message = self.query_one(Transcript).add_question("Afrondingsmethoden vergelijken")
        self._submit(Job(run=lambda conversation: conversation.compare_methods(), message=message,
                         failure="De methoden konden niet worden vergeleken"))

    def action_load_data(self) -> None:
        if self._require_conversation() is None:
            return
        self.push_screen(
            PathPrompt("Gegevensbestand laden",
                       "Een CSV- of XLSX-bestand met één rij per gemeente (naam of CBS-code) en een kolom "
                       "per indicator, bijvoorbeeld corporatiewoningen.",
                       default=str(Path.cwd()) + os.sep, confirm="Laden"),
            self._load_data_file,
        )

    def _load_data_file(self, path: str | None) -> None:
        if not path:
            return
        file = Path(path).expanduser()
        message = self.query_one(Transcript).add_question(f"Gegevensbestand laden: {file.name}")
        self._submit(Job(run=partial(load_existing, file), message=message, failure="Het gegevensbestand kon niet worden geladen"))

    def action_show_sources(self) -> None:
        if not self.last_sources:
            self.notify("Er is nog geen antwoord met bronnen.", severity="warning")
            return
        self.push_screen(SourcesScreen(self.last_sources, 0))

    def action_toggle_theme(self) -> None:
        """F12: switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME


def load_existing(file: Path, conversation: Conversation) -> Reply:
    """`/data` for a file chosen with F6, in the worker: even looking the path up may hang on a share
    that does not answer, and the screen must not wait for it."""
    if not file.exists():
        raise FileNotFoundError(f"Bestand niet gevonden: {file}")
    return conversation.load_user_data(file)


def local_time(stamp: str) -> str:
    """A saved ISO time (UTC) as '2026-11-25 10:12' in the user's local time zone."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def saved_label(info: Any) -> str:
    """'Verdeel 120 woningen … — 3 vragen, 2026-11-25 10:12' (local time) for a `store.ConversationInfo`."""
    questions = plural(info.turns, "vraag", "vragen")
    return screen_text(f"{info.title} — {info.turns} {questions}, {local_time(info.created_at)}")
