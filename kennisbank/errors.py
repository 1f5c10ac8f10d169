"""The exceptions the kennisbank raises towards its users, always with a Dutch message."""

from __future__ import annotations


class KennisbankError(Exception):
    """Something the user can fix (missing index, other model, unreadable input); `message` is Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(KennisbankError):
    """The store is damaged or unreadable; the message says to run `koploper index --opnieuw`."""


class StoreUnavailable(KennisbankError):
    """The Chroma server cannot be reached (now); the next question tries again."""
