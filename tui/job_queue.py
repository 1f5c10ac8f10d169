"""The ordered queue of questions: run one at a time in a worker thread, saved after every reply.

Jobs run in order because follow-ups depend on the turn before. A knowledge question asked while the
knowledge base loads waits inside the assistant; an allocation question needs no knowledge base and
is answered at once.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING

from textual import work

from tui.base import AppState
from tui.jobs import Job
from tui.widgets.status_bar import StatusBar
from tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from assistant.api import Assistant, Conversation, Reply

WAIT_NOTE_AFTER = 0.5
"""Seconds a reply may take during the load before the question says it waits for the knowledge base."""


class JobQueue(AppState):
    """Questions and commands queued for the conversation, answered in order."""

    def __init__(self, assistant: Assistant | None = None) -> None:
        super().__init__(assistant)
        self._pending: deque[Job] = deque()
        self._busy = False
        self._current: Job | None = None

    @property
    def knowledge_ready(self) -> bool:
        """The assistant has its knowledge base open (knowledge questions answer without waiting)."""
        return self.assistant is not None and self.assistant.knowledge_ready

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

    def _pump(self) -> None:
        """Start the next queued job when nothing is running and the conversation exists."""
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

    def _show_reply(self, reply: Reply | None, save_error: str | None) -> None:
        self._finish_job()
        if reply is not None:
            self.add_reply(reply)
        if save_error:
            self.notify(save_error, severity="error")
        self._pump()

    def _save(self, conversation: Conversation) -> str | None:
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

    def add_reply(self, reply: Reply) -> None:
        """Show a reply in the transcript and keep its allocation and sources for export and F10."""
        self.query_one(Transcript).add_reply(reply)
        self._remember(reply)
        if self.conversation is not None:
            self.query_one(StatusBar).region_filter = self.conversation.region_filter

    def _job_failed(self, message: str) -> None:
        self._finish_job()
        self.notify(message, severity="error")
        self._pump()
