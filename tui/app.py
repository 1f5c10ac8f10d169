"""The Koploper app: a thin Textual face over `assistant` (through its public API, assistant.api).

The window paints before anything heavy is imported: the assistant (pandas, the allocation engine)
and then the knowledge base (torch, the embedding model, ChromaDB) load in a background thread,
while the status line says so. Questions typed meanwhile wait in the job queue (tui.job_queue) and
are answered, in order, once the assistant can answer them. Every reply is saved under
KOPLOPER_HOME straight away. A bug in the app itself ends in a Dutch message and a log (tui.crash).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from assistant.api import EXAMPLES
from tui.commands import KoploperCommands, app_bindings
from tui.conversation_actions import DARK_THEME, ConversationActions
from tui.crash import crash_log, crash_message
from tui.export_actions import ExportActions
from tui.screens.palette import DutchCommandPalette
from tui.screens.sources import SourcesScreen
from tui.widgets.citations import CitationBar
from tui.widgets.history_input import HistoryInput
from tui.widgets.status_bar import FAILED, READY, StatusBar
from tui.widgets.transcript import Transcript
from tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from assistant.api import Assistant

__all__ = ["KoploperApp", "crash_log", "run_app"]


class KoploperApp(ConversationActions, ExportActions):
    """Chat with the assistant: cited answers, allocation tables and charts, saved conversations."""

    TITLE = "Koploper"
    SUB_TITLE = "eerlijk verdelen van de huisvesting van aandachtsgroepen"
    CSS_PATH = Path(__file__).with_name("koploper.tcss")
    """Absolute, so that subclasses in other folders (tests, benchmarks) find it too."""
    BINDINGS = app_bindings()
    COMMANDS = App.COMMANDS | {KoploperCommands}
    NOTIFICATION_TIMEOUT = 8
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]  # noqa: RUF012 (Textual declares it per instance)
    """Below 90 columns the screen gets `-narrow`: the palette hint gives its room to the status."""

    def __init__(self, assistant: Assistant | None = None) -> None:
        """`assistant` lets a caller share one loaded assistant (the tests do); normally it is built in
        the background after the first paint."""
        super().__init__(assistant)
        self.theme = DARK_THEME

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(Content.styled("Koploper", "bold"), id="app-title")
            yield StatusBar(id="status")
            yield Static(Content.styled("Ctrl+P opdrachten", "$text-muted"), id="palette-hint")
        yield Transcript(id="transcript")
        yield HistoryInput(
            placeholder="Typ een vraag, bijvoorbeeld: Verdeel 120 woningen over Parkstad naar inwoners",
            id="question",
            select_on_focus=False,  # focus coming back (after a panel, or a redirected key) must not select the text
        )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(Transcript).show_welcome(EXAMPLES)
        self.query_one("#question", Input).focus()
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """The first screen is up: only now start on what is slow to import and load."""
        self.start_loading()

    def start_loading(self) -> None:
        """Build the assistant and load the knowledge base in a worker thread."""
        self._load()

    # ------------------------------------------------------------ background

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self) -> None:
        try:
            if self.assistant is None:
                from assistant.api import Assistant

                self.assistant = Assistant()
            self.call_from_thread(self._assistant_ready)
            self.assistant.load_knowledge()
            error = self.assistant.knowledge_error
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
            error = str(exc) or exc.__class__.__name__
        self.call_from_thread(self._knowledge_loaded, error)

    def _assistant_ready(self) -> None:
        if self.conversation is None and self.assistant is not None:
            self.conversation = self.assistant.new_conversation()
        self._pump()

    def _knowledge_loaded(self, error: str | None) -> None:
        status = self.query_one(StatusBar)
        if error:
            status.knowledge = FAILED
            self.notify(f"De kennisbank kon niet worden geladen: {error}", severity="error", timeout=15)
        else:
            status.knowledge = READY
        self._pump()

    # ----------------------------------------------------------------- events

    @on(Input.Submitted, "#question")
    def _question_submitted(self, event: Input.Submitted) -> None:
        question = self.query_one("#question", HistoryInput)
        question.remember(event.value.strip())
        question.value = ""
        self.ask(event.value)

    @on(Welcome.ExampleChosen)
    def _example_chosen(self, event: Welcome.ExampleChosen) -> None:
        self.query_one("#question", HistoryInput).remember(event.question)
        self.ask(event.question)
        self.query_one("#question", Input).focus()

    @on(CitationBar.Selected)
    def _citation_selected(self, event: CitationBar.Selected) -> None:
        self.push_screen(SourcesScreen(event.sources, event.index))

    # ------------------------------------------------------------------ focus

    def pop_screen(self) -> AwaitComplete:
        """Every panel and modal closes through here: back on the main screen, typing goes to the question."""
        done = super().pop_screen()
        self.call_after_refresh(self._focus_question)
        return done

    def _focus_question(self) -> None:
        if len(self.screen_stack) == 1:
            self.query_one("#question", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing while a button, the table or the example list has focus (after Tab or a click) goes
        into the question line instead of nowhere."""
        if len(self.screen_stack) != 1 or isinstance(self.focused, Input):
            return
        if event.is_printable and event.character:
            question = self.query_one("#question", Input)
            question.focus()
            question.insert_text_at_cursor(event.character)
            event.stop()

    # ---------------------------------------------------------------- actions

    def action_help_quit(self) -> None:
        self.notify("Afsluiten doet u met Ctrl+Q (of F-toets Stop in de onderbalk).", title="Wilt u stoppen?")

    # --------------------------------------------------- Textual, in Dutch

    def _handle_exception(self, error: Exception) -> None:
        """A bug in the app itself: in a terminal, stop with a Dutch message and a log, not a traceback.

        Everything the assistant or a file operation can raise is already caught and notified; this is
        the last net. Headless runs (tests) keep Textual's behaviour, so a test sees the exception.
        """
        if self.is_headless:
            super()._handle_exception(error)
            return
        self._return_code = 1
        self.exit(return_code=1, message=crash_message(error, crash_log(error)))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App[None] is an App[object]
            self.push_screen(DutchCommandPalette(placeholder="Zoek een opdracht…", id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(DutchCommandPalette(providers=[ThemeProvider], placeholder="Zoek een thema…"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("Thema kiezen", "Kies een van de kleurenschema's", self.action_change_theme)
        yield SystemCommand("Schermafdruk opslaan", "Bewaar het scherm als SVG in de exportmap",
                            self._save_screenshot)

    def _save_screenshot(self) -> None:
        try:
            path = self.save_screenshot(path=str(self.settings.exports_dir))
        except Exception as exc:  # noqa: BLE001
            self.notify(f"Schermafdruk mislukt: {exc}", severity="error")
            return
        self.notify(f"Schermafdruk bewaard: {path}")


def run_app() -> None:
    """Start the app in the terminal (`koploper` without arguments); non-zero exit after a crash."""
    app = KoploperApp()
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)
