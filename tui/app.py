"""The Koploper app: a thin Textual face over `assistant`.

The window paints before anything heavy is imported: the assistant (pandas, the allocation engine)
and then the knowledge base (torch, the embedding model, ChromaDB) load in a background thread,
while the status line says so. Questions typed meanwhile wait in a queue and are answered, in order,
once the assistant can answer them. Every reply is saved under KOPLOPER_HOME straight away.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.notifications import SeverityLevel
from textual.widgets import Footer, Input, Static

from assistant.api import EXAMPLES

from tui.commands import KoploperCommands, app_bindings
from tui.conversation_actions import DARK_THEME, ConversationActions
from tui.export_actions import ExportActions
from tui.jobs import Job
from tui.screens.palette import DutchCommandPalette
from tui.screens.sources import SourcesScreen
from tui.widgets.citations import CitationBar
from tui.widgets.history_input import HistoryInput
from tui.widgets.status_bar import FAILED, READY, StatusBar
from tui.widgets.transcript import Transcript
from tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from assistant.api import AllocationResult, Assistant, Conversation, Hit, Reply, Settings

WAIT_NOTE_AFTER = 0.5
"""Seconds a reply may take during the load before the question says it waits for the knowledge base."""


class KoploperApp(ConversationActions, ExportActions, App[None]):
    """Chat with the assistant: cited answers, allocation tables and charts, saved conversations."""

    TITLE = "Koploper"
    SUB_TITLE = "eerlijk verdelen van de huisvesting van aandachtsgroepen"
    CSS_PATH = Path(__file__).with_name("koploper.tcss")
    """Absolute, so that subclasses in other folders (tests, benchmarks) find it too."""
    BINDINGS = app_bindings()
    COMMANDS = App.COMMANDS | {KoploperCommands}
    NOTIFICATION_TIMEOUT = 8
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    """Below 90 columns the screen gets `-narrow`: the palette hint gives its room to the status."""

    def __init__(self, assistant: "Assistant | None" = None) -> None:
        """`assistant` lets a caller share one loaded assistant (the tests do); normally it is built in
        the background after the first paint."""
        super().__init__()
        self.assistant: "Assistant | None" = assistant
        self.conversation: "Conversation | None" = None
        self.last_allocation: "AllocationResult | None" = None
        """`Reply.result` of the newest allocation reply (the engine's full result): what F8/F9 export."""
        self.last_sources: list["Hit"] = []
        self.saved_path: Path | None = None
        self._pending: deque[Job] = deque()
        self._busy = False
        self._current: Job | None = None
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

    @property
    def knowledge_ready(self) -> bool:
        """The assistant has its knowledge base open (knowledge questions answer without waiting)."""
        return self.assistant is not None and self.assistant.knowledge_ready

    def _pump(self) -> None:
        """Start the next queued job when nothing is running and the conversation exists.

        Jobs run one at a time, in order, because follow-ups depend on the turn before. A knowledge
        question asked during the load simply waits inside the assistant until the knowledge base is
        open; an allocation question needs no knowledge base and is answered at once.
        """
        status = self.query_one(StatusBar)
        if not self._busy and self._pending and self.conversation is not None:
            job = self._pending.popleft()
            self._busy = True
            self._current = job
            if job.message is not None:
                job.message.set_waiting(False)
                if not self.knowledge_ready:
                    self.set_timer(WAIT_NOTE_AFTER, partial(self._note_waiting, job))
            self._run_job(job)
        status.busy = self._busy
        status.waiting = len(self._pending)

    def _note_waiting(self, job: Job) -> None:
        """Still busy while the knowledge base loads: the question is waiting for it, say so."""
        if self._current is job and job.message is not None and not self.knowledge_ready:
            job.message.set_waiting(True)

    @work(thread=True, group="ask", exit_on_error=False)
    def _run_job(self, job: Job) -> None:
        conversation = self.conversation
        assert conversation is not None
        try:
            reply = job.run(conversation)
        except Exception as exc:  # noqa: BLE001 - a Dutch notification, never a traceback
            self.call_from_thread(self._job_failed, f"{job.failure}: {exc}")
            return
        save_error = self._save(conversation)
        self.call_from_thread(self._show_reply, reply, save_error)

    def _save(self, conversation: "Conversation") -> str | None:
        """Save the conversation atomically; returns a Dutch error instead of raising."""
        try:
            from assistant.api import save_conversation

            self.saved_path = save_conversation(conversation, self.settings.conversations_dir)
        except Exception as exc:  # noqa: BLE001
            return f"Het gesprek kon niet worden bewaard: {exc}"
        return None

    def _finish_job(self) -> None:
        if self._current is not None and self._current.message is not None:
            self._current.message.set_waiting(False)
        self._current = None
        self._busy = False

    def _show_reply(self, reply: "Reply", save_error: str | None) -> None:
        self._finish_job()
        self.query_one(Transcript).add_reply(reply)
        self._remember(reply)
        if self.conversation is not None:
            self.query_one(StatusBar).region_filter = self.conversation.region_filter
        if save_error:
            self.notify(save_error, severity="error")
        self._pump()

    def _remember(self, reply: "Reply") -> None:
        """Keep what the export and sources commands work on: the newest allocation and sources."""
        if reply.result is not None:
            self.last_allocation = reply.result
        if reply.sources:
            self.last_sources = list(reply.sources)

    def _job_failed(self, message: str) -> None:
        self._finish_job()
        self.notify(message, severity="error")
        self._pump()

    # ----------------------------------------------------------------- asking

    @property
    def busy(self) -> bool:
        """A reply is being made or questions are waiting."""
        return self._busy or bool(self._pending)

    def ask(self, text: str) -> None:
        """Show the question and queue it; it is answered as soon as the assistant can."""
        text = text.strip()
        if not text:
            return
        job = Job(run=lambda conversation: conversation.ask(text))
        job.message = self.query_one(Transcript).add_question(text, waiting=self._would_wait())
        self._submit(job)

    def _would_wait(self) -> bool:
        """A new question waits when something runs or the assistant is not there, during the load."""
        return not self.knowledge_ready and (self.busy or self.conversation is None)

    def _submit(self, job: Job) -> None:
        self._pending.append(job)
        self._pump()

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

    # ------------------------------------------------------------- settings

    @property
    def settings(self) -> "Settings":
        """The assistant's settings (KOPLOPER_HOME and the folders under it); the assistant exists once
        the first screen is up, and every command that needs the settings waits for it."""
        assert self.assistant is not None
        return self.assistant.settings

    def _require_conversation(self) -> "Conversation | None":
        if self.conversation is None:
            self.notify("De assistent wordt nog gestart; probeer het zo opnieuw.", severity="warning")
        return self.conversation

    # ---------------------------------------------------------------- actions

    def action_help_quit(self) -> None:
        self.notify("Afsluiten doet u met Ctrl+Q (of F-toets Stop in de onderbalk).", title="Wilt u stoppen?")

    # --------------------------------------------------- Textual, in Dutch

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry paths and error texts with brackets: shown as plain text by default."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _handle_exception(self, error: Exception) -> None:
        """A bug in the app itself: in a terminal, stop with a Dutch message and a log, not a traceback.

        Everything the assistant or a file operation can raise is already caught and notified; this is
        the last net. Headless runs (tests) keep Textual's behaviour, so a test sees the exception.
        """
        if self.is_headless:
            super()._handle_exception(error)
            return
        log = crash_log(error)
        self._return_code = 1
        self.exit(
            return_code=1,
            message=(
                f"Koploper stopte door een onverwachte fout ({type(error).__name__}: {error}). "
                f"De details staan in {log}. Het gesprek is tot het laatste antwoord bewaard; "
                "open het opnieuw met F3."
            ),
        )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
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


def crash_log(error: Exception) -> Path:
    """Write the traceback of an unexpected error next to the conversations; returns the file."""
    import traceback

    from assistant.api import load_settings

    try:
        folder = load_settings().home
    except Exception:  # noqa: BLE001 - settings themselves may be the problem
        folder = Path.cwd()
    path = folder / "koploper-fout.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write("".join(traceback.format_exception(error)) + "\n")
    except OSError:
        pass
    return path


def run_app() -> None:
    """Start the app in the terminal (`koploper` without arguments); non-zero exit after a crash."""
    app = KoploperApp()
    app.run()
    if app.return_code:
        raise SystemExit(app.return_code)
