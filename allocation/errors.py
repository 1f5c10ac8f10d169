"""The one exception the allocation engine raises: a Dutch message the user can act on."""

from __future__ import annotations


class AllocationError(Exception):
    """Bad input or an impossible request; `.message` is Dutch and says what to do.

    `.message` may name command-line options (`--max`, `--data BESTAND`): it is what `koploper verdeel`
    prints. `.words` is the same advice for a conversation, where nobody typed an option: it says
    what to write instead. Without a separate wording the two are the same text.
    """

    def __init__(self, message: str, words: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.words = words or message

    def __str__(self) -> str:
        return self.message


class AdviceError(ValueError):
    """A validator's Dutch message with its conversational wording (see AllocationError.words).

    pydantic keeps the original exception, so `AllocationRequest.parse` can carry both wordings on.
    """

    def __init__(self, message: str, words: str) -> None:
        super().__init__(message)
        self.words = words
