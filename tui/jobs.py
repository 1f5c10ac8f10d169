"""A queued request to the conversation: run in a worker thread, one at a time, in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.widgets.messages import UserMessage

if TYPE_CHECKING:
    from assistant.api import Conversation, Reply


@dataclass
class Job:
    """What to call on the conversation, the question on screen it answers, and the Dutch failure."""

    run: Callable[[Conversation], Reply | None]
    """None: nothing to show (restoring a saved conversation's data file)."""
    message: UserMessage | None = None
    failure: str = "Het antwoord kon niet worden gemaakt"
