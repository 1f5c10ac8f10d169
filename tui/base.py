"""What every part of the app shares: the assistant, the conversation and what commands work on.

`KoploperApp` is assembled from small classes on top of this one (job queue, conversation actions,
export actions), so each stays short and typed without circular imports.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.notifications import SeverityLevel

from koploper.inert import screen_text

if TYPE_CHECKING:
    from assistant.api import AllocationResult, Assistant, Conversation, Hit, KeyComparison, Reply, Settings


class AppState(App[None]):
    """The app's state: the assistant (built after the first paint), the conversation, the newest
    allocation and sources (what export and the sources panel work on)."""

    def __init__(self, assistant: Assistant | None = None) -> None:
        super().__init__()
        self.assistant: Assistant | None = assistant
        self.conversation: Conversation | None = None
        self.last_allocation: AllocationResult | KeyComparison | None = None
        """`Reply.result` of the newest allocation reply (the engine's full result), or its keys side by
        side: what F8/F9 export."""
        self.last_sources: list[Hit] = []
        self.saved_path: Path | None = None

    @property
    def settings(self) -> Settings:
        """The assistant's settings (KOPLOPER_HOME and the folders under it); the assistant exists once
        the first screen is up, and every command that needs the settings waits for it."""
        assert self.assistant is not None
        return self.assistant.settings

    def _require_conversation(self) -> Conversation | None:
        if self.conversation is None:
            self.notify("De assistent wordt nog gestart; probeer het zo opnieuw.", severity="warning")
        return self.conversation

    def _remember(self, reply: Reply) -> None:
        """Keep what the export and sources commands work on: the newest allocation and sources."""
        if reply.key_comparison is not None:
            self.last_allocation = reply.key_comparison
        elif reply.result is not None:
            self.last_allocation = reply.result
        if reply.sources:
            self.last_sources = list(reply.sources)

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
        super().notify(screen_text(message, newlines=True), title=screen_text(title), severity=severity, timeout=timeout, markup=markup)
