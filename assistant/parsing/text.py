"""Text normalisation and tokenisation shared by all parsers.

Users type lower case, drop accents and hyphens, and write D'Hondt or dhondt: everything is folded to
plain ASCII words so that one vocabulary matches all spellings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from koploper.text import plain_words

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|%|[A-Za-z]+")


@dataclass(frozen=True)
class Token:
    """One word or number of the message, folded to lower-case ASCII."""

    text: str
    capitalised: bool
    index: int


def fold(text: str) -> str:
    """Strip accents, apostrophes and hyphens so that 'Sainte-Laguë' and 'sainte lague' compare equal
    (koploper.text.plain_words: capitals are kept for the tokens' `capitalised` flag)."""
    return plain_words(text)


def tokenize(text: str) -> list[Token]:
    """Tokens of the folded text; capitalisation is kept as a flag for names that are also words."""
    tokens: list[Token] = []
    for i, match in enumerate(_TOKEN.finditer(fold(text))):
        raw = match.group(0)
        tokens.append(Token(text=raw.lower(), capitalised=raw[:1].isupper(), index=i))
    return tokens


def normalise(text: str) -> str:
    """One space-separated lower-case string of the tokens: the form every phrase pattern is matched on."""
    return " ".join(t.text for t in tokenize(text))
