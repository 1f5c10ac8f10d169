"""How an index run reports while it works: progress for a bar, notices for Dutch lines."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
"""progress(description, done, total): called while files are read and chunks embedded."""
Notice = Callable[[str], None]
"""notice(message): a Dutch line for the user (waiting for another run, a migration)."""


def no_progress(description: str, done: int, total: int) -> None:
    """Default progress callback: silent."""
