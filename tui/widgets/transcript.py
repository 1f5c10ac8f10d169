"""The scrolling conversation: start panel first, then questions and replies as they come.

Textual lays out and places every displayed widget of the transcript on each layout, and a reply asks
for a layout when it arrives: with all turns displayed, each reply cost more than the one before. So
only the newest turns (LIVE_MESSAGES) are displayed; older ones stay mounted, as they were drawn, but
`display: none` until the reader scrolls up to them (or presses Home), a few at a time. The screen at
the bottom of the conversation looks exactly as before.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Any

from textual.containers import VerticalScroll
from textual.widget import AwaitMount, Widget

from tui.widgets.messages import AssistantMessage, ReplyMarkdown, UserMessage
from tui.widgets.welcome import Welcome

RECENT_TURNS = 2
"""Turns of a reopened conversation painted at once; the older ones follow in batches, above them."""
MOUNT_WAIT = 2.0
"""Seconds the screen waits at most for a new reply's Markdown before it is drawn anyway."""
OLDER_BATCH = 4
"""Older turns mounted per step after a reopen (each step one refresh later, so the screen stays live)."""
LIVE_MESSAGES = 16
"""Questions and replies displayed below the older ones that wait out of layout (8 turns, well over a screen)."""
SHOW_OLDER = 8
"""Messages shown again each time the reader reaches the top of the displayed ones."""


class Transcript(VerticalScroll):
    """Holds the messages; always scrolled to the newest."""

    _generation = 0
    """Bumped by every reset: a batch of older turns still on its way for a previous conversation stops."""
    _hidden = 0
    """The first `_hidden` children are older messages kept out of layout (display: none)."""
    _welcome: Welcome | None = None
    """The start panel while it is shown: hidden by the first question without searching the transcript
    (a query walks every widget of every turn, which made each reply slower than the one before)."""

    def show_welcome(self, examples: dict[str, list[str]]) -> None:
        """Empty the transcript and show the start panel for a new conversation."""
        self._generation += 1
        self._hidden = 0
        self.remove_children()
        self._welcome = Welcome(examples)
        self.mount(self._welcome)

    def add_question(self, text: str, waiting: bool = False) -> UserMessage:
        self._hide_welcome()
        message = UserMessage(text, waiting=waiting)
        self.mount(message)
        self._keep_window()
        self.scroll_end(animate=False)
        return message

    def add_reply(self, reply: Any) -> AssistantMessage:
        """Mount the reply and show its start. It is drawn in one frame, complete: every layout of the
        transcript places every turn again, so the layouts its widgets would each ask for while they
        mount (the Markdown blocks, the table, the chart) are held back and made once."""
        self._hide_welcome()
        message = AssistantMessage(reply)
        hold = self.app.batch_update()
        hold.__enter__()
        try:
            mounted = self.mount(message)
            self._keep_window()
        except BaseException:
            hold.__exit__(None, None, None)
            raise
        self.run_worker(self._draw_when_mounted(message, mounted, hold), group="reply", exit_on_error=False)
        return message

    async def _draw_when_mounted(self, message: AssistantMessage, mounted: AwaitMount,
                                 hold: contextlib.AbstractContextManager[None]) -> None:
        try:
            await mounted
            markdown = message.query(ReplyMarkdown)
            if markdown:
                # never hold the screen longer than MOUNT_WAIT; the rest then appears as it comes
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(markdown.first().blocks_mounted.wait(), MOUNT_WAIT)
        finally:
            hold.__exit__(None, None, None)
        self.call_after_refresh(self._reveal, message)

    def show_turns(self, turns: Sequence[Any]) -> None:
        """A saved conversation: the last turns first (painted at once, scrolled to the end), then the
        older ones in small batches above them, so a long conversation opens in well under a second."""
        self._generation += 1
        self._welcome = None
        self._hidden = 0
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
        widgets = self._turn_widgets(batch)
        room = max(0, LIVE_MESSAGES - (len(self.children) - self._hidden))
        for widget in widgets[:max(0, len(widgets) - room)]:  # the oldest of the batch, once the window is full
            widget.display = False
            self._hidden += 1
        self.mount_all(widgets, before=first)
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

    def _keep_window(self) -> None:
        """A message was mounted at the end: hide the oldest displayed ones beyond the window."""
        children = list(self.children)
        excess = len(children) - self._hidden - LIVE_MESSAGES
        for widget in children[self._hidden:self._hidden + max(0, excess)]:
            widget.display = False
            self._hidden += 1
        if self._hidden:
            self.call_after_refresh(self._fill_view)

    def _fill_view(self) -> None:
        """Short messages may not fill the screen: then there is no scrolling up, so show older ones now."""
        if self._hidden and self.max_scroll_y == 0:
            self.show_older()

    @property
    def hidden_messages(self) -> int:
        """How many older messages are kept out of layout right now."""
        return self._hidden

    def show_older(self, count: int = SHOW_OLDER) -> None:
        """Display the `count` messages just above the displayed ones; what was in view stays in view."""
        if not self._hidden:
            return
        children = list(self.children)
        anchor = children[self._hidden]
        start = max(0, self._hidden - count)
        for widget in children[start:self._hidden]:
            widget.display = True
        self._hidden = start
        self.call_after_refresh(self.scroll_to_widget, anchor, animate=False, top=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value <= 0 < old_value and self._hidden:
            self.show_older()

    def scroll_home(self, *args: Any, **kwargs: Any) -> None:
        """Home means the start of the conversation: every older message is displayed first."""
        if self._hidden:
            self.show_older(self._hidden)
            self.call_after_refresh(super().scroll_home, *args, **kwargs)
            return
        super().scroll_home(*args, **kwargs)

    def _hide_welcome(self) -> None:
        if self._welcome is not None:
            self._welcome.remove()
            self._welcome = None
