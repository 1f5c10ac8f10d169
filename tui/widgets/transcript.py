"""The scrolling conversation: start panel first, then questions and replies as they come."""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll

from tui.widgets.messages import AssistantMessage, UserMessage
from tui.widgets.welcome import Welcome


class Transcript(VerticalScroll):
    """Holds the messages; always scrolled to the newest."""

    def show_welcome(self, examples: dict[str, list[str]]) -> None:
        """Empty the transcript and show the start panel for a new conversation."""
        self.remove_children()
        self.mount(Welcome(examples))

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

    def _reveal(self, message: AssistantMessage) -> None:
        """Show the start of a reply; long tables and charts are then read downwards."""
        self.scroll_to_widget(message, animate=False, top=True)

    def _hide_welcome(self) -> None:
        for welcome in self.query(Welcome):
            welcome.remove()
