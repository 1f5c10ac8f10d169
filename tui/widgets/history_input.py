"""The question line: an Input that remembers what was asked (up/down), like a shell."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class HistoryInput(Input):
    """Input with a history of submitted lines; up/down walk through it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history_previous", "Vorige vraag", show=False),
        Binding("down", "history_next", "Volgende vraag", show=False),
        Binding("pageup", "scroll_transcript('page_up')", "Gesprek omhoog", show=False),
        Binding("pagedown", "scroll_transcript('page_down')", "Gesprek omlaag", show=False),
        Binding("ctrl+home", "scroll_transcript('home')", "Begin van het gesprek", show=False),
        Binding("ctrl+end", "scroll_transcript('end')", "Einde van het gesprek", show=False),
    ]
    TRANSCRIPT = "#transcript"
    """The conversation this line scrolls while it has focus."""

    def __init__(self, **kwargs: Any) -> None:  # Input's own keyword arguments, passed on as they are
        super().__init__(**kwargs)
        self.history: list[str] = []
        self._cursor: int | None = None
        self._draft = ""

    def remember(self, text: str) -> None:
        """Add a submitted line (not twice in a row) and go back to an empty draft."""
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._cursor = None
        self._draft = ""

    def action_history_previous(self) -> None:
        if not self.history:
            return
        if self._cursor is None:
            self._draft = self.value
            self._cursor = len(self.history)
        self._cursor = max(0, self._cursor - 1)
        self._show(self.history[self._cursor])

    def action_history_next(self) -> None:
        if self._cursor is None:
            return
        self._cursor += 1
        if self._cursor >= len(self.history):
            self._cursor = None
            self._show(self._draft)
        else:
            self._show(self.history[self._cursor])

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)

    def action_scroll_transcript(self, where: str) -> None:
        """PageUp/PageDown (and Ctrl+Home/End) scroll the conversation without leaving the question line."""
        transcript = self.app.query_one(self.TRANSCRIPT)
        if where == "home":
            transcript.scroll_home(animate=False)
        elif where == "end":
            transcript.scroll_end(animate=False)
        else:
            getattr(transcript, f"scroll_{where}")(animate=False)

    def action_home(self, select: bool = False) -> None:
        """Home: to the start of the line, or — with an empty line — to the start of the conversation."""
        if self.value or select:
            super().action_home(select)
        else:
            self.action_scroll_transcript("home")

    def action_end(self, select: bool = False) -> None:
        """End: to the end of the line, or — with an empty line — to the newest reply."""
        if self.value or select:
            super().action_end(select)
        else:
            self.action_scroll_transcript("end")
