"""The scrolling conversation: start panel first, then questions and replies as they come."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.containers import VerticalScroll
from textual.widget import Widget

from tui.widgets.messages import AssistantMessage, UserMessage
from tui.widgets.welcome import Welcome

RECENT_TURNS = 2
"""Turns of a reopened conversation painted at once; the older ones follow in batches, above them."""
OLDER_BATCH = 4
"""Older turns mounted per step after a reopen (each step one refresh later, so the screen stays live)."""


class Transcript(VerticalScroll):
    """Holds the messages; always scrolled to the newest."""

    _generation = 0
    """Bumped by every reset: a batch of older turns still on its way for a previous conversation stops."""
    _welcome: Welcome | None = None
    """The start panel while it is shown: hidden by the first question without searching the transcript
    (a query walks every widget of every turn, which made each reply slower than the one before)."""

    def show_welcome(self, examples: dict[str, list[str]]) -> None:
        """Empty the transcript and show the start panel for a new conversation."""
        self._generation += 1
        self.remove_children()
        self._welcome = Welcome(examples)
        self.mount(self._welcome)

    def add_question(self, text: str, waiting: bool = False) -> UserMessage:
        self._hide_welcome()
        message = UserMessage(text, waiting=waiting)
        self.mount(message)
        self.scroll_end(animate=False)
        return message

    def add_reply(self, reply: Any) -> AssistantMessage:
        self._hide_welcome()
        message = AssistantMessage(reply)
        self.mount(message)
        self.call_after_refresh(self._reveal, message)
        return message

    def show_turns(self, turns: Sequence[Any]) -> None:
        """A saved conversation: the last turns first (painted at once, scrolled to the end), then the
        older ones in small batches above them, so a long conversation opens in well under a second."""
        self._generation += 1
        self._welcome = None
        self.remove_children()
        recent, older = list(turns[-RECENT_TURNS:]), list(turns[:-RECENT_TURNS])
        self.mount_all(self._turn_widgets(recent))
        self.call_after_refresh(self.scroll_end, animate=False)
        if older:
            self.call_after_refresh(self._mount_older, older, self._generation)

    def _mount_older(self, older: list[Any], generation: int) -> None:
        if generation != self._generation or not older:
            return
        batch, rest = older[-OLDER_BATCH:], older[:-OLDER_BATCH]
        at_end = self.scroll_y >= self.max_scroll_y - 1
        first = self.children[0] if self.children else None
        self.mount_all(self._turn_widgets(batch), before=first)
        if at_end:
            self.call_after_refresh(self.scroll_end, animate=False)
        if rest:
            self.set_timer(0.02, lambda: self._mount_older(rest, generation))

    @staticmethod
    def _turn_widgets(turns: Sequence[Any]) -> list[Widget]:
        widgets: list[Widget] = []
        for turn in turns:
            widgets += [UserMessage(turn.question), AssistantMessage(turn.reply)]
        return widgets

    def _reveal(self, message: AssistantMessage) -> None:
        """Show the start of a reply; long tables and charts are then read downwards."""
        self.scroll_to_widget(message, animate=False, top=True)

    def _hide_welcome(self) -> None:
        if self._welcome is not None:
            self._welcome.remove()
            self._welcome = None
