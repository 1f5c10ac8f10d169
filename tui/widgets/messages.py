"""One turn of the conversation on screen: the question as typed, the reply as the assistant gave it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Markdown, Static

from tui.widgets.allocation_view import AllocationView
from tui.widgets.citations import CitationBar
from tui.widgets.comparison_view import ComparisonView
from tui.widgets.region_profile import RegionProfileView

WAITING_NOTE = "wacht op de kennisbank…"


class UserMessage(Static):
    """The user's question; while it waits in the queue it says so."""

    def __init__(self, text: str, waiting: bool = False) -> None:
        super().__init__(classes="user-message")
        self.text = text
        self.waiting = waiting

    def on_mount(self) -> None:
        self.border_title = "U"
        self._refresh_text()

    def set_waiting(self, waiting: bool) -> None:
        self.waiting = waiting
        self._refresh_text()

    def _refresh_text(self) -> None:
        content = Content(self.text)
        if self.waiting:
            content = Content.assemble(content, ("  (" + WAITING_NOTE + ")", "italic $text-muted"))
        self.update(content)


class AssistantMessage(Vertical):
    """A reply: how it was read, the Markdown answer, citations, and the allocation when there is one."""

    def __init__(self, reply: Any) -> None:
        classes = "assistant-message"
        if getattr(reply, "region_profile", None):
            classes += " region-profile"
        super().__init__(classes=classes)
        self.reply = reply

    def compose(self) -> ComposeResult:
        reply = self.reply
        read_as = getattr(reply, "read_as", None)
        if read_as:
            yield Static(Content(str(read_as)), classes="read-as")
        yield Markdown(str(reply.answer or ""), classes="answer")
        sources = list(getattr(reply, "sources", None) or [])
        if sources:
            yield CitationBar(sources)
        if getattr(reply, "allocation", None) is not None:
            yield AllocationView(reply.allocation)
        if getattr(reply, "comparison", None) is not None:
            yield ComparisonView(reply.comparison)
        if getattr(reply, "region_profile", None) is not None:
            yield RegionProfileView(reply.region_profile)

    def on_mount(self) -> None:
        profile = getattr(self.reply, "region_profile", None)
        if profile is not None:
            self.border_title = f"Regioprofiel {profile.region}"
        else:
            self.border_title = "Koploper"
