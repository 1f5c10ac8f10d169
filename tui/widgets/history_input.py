"""The question line: an Input that remembers what was asked (up/down), like a shell."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class HistoryInput(Input):
    """Input with a history of submitted lines; up/down walk through it."""

    BINDINGS = [
        Binding("up", "history_previous", "Vorige vraag", show=False),
        Binding("down", "history_next", "Volgende vraag", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
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
