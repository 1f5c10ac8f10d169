"""The one exception the allocation engine raises: a Dutch message the user can act on."""

from __future__ import annotations


class AllocationError(Exception):
    """Bad input or an impossible request; `.message` is Dutch and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
