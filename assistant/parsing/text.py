"""Text normalisation and tokenisation shared by all parsers.

Users type lower case, drop accents and hyphens, and write D'Hondt or dhondt: everything is folded to
plain ASCII words so that one vocabulary matches all spellings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from koploper.text import plain_words

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|%|[A-Za-z]+")


@dataclass(frozen=True)
class Token:
    """One word or number of the message, folded to lower-case ASCII."""

    text: str
    capitalised: bool
    index: int
    start: int = 0
    """Where the token starts in the message as typed (characters), so every number can be accounted for."""
    end: int = 0
    hyphen_before: bool = False
    """'Oost-Groningen': the token is joined to the one before by a hyphen (one compound name)."""
    after_break: bool = False
    """A comma, semicolon, colon or full stop stands between this token and the one before: 'Arnhem,
    Nijmegen' is a list of two names, 'Arnhem-Nijmegen' one name."""


_BREAK = re.compile(r"[,;:!?]|\.(?!\d)")


def fold(text: str) -> str:
    """Strip accents, apostrophes and hyphens so that 'Sainte-Laguë' and 'sainte lague' compare equal
    (koploper.text.plain_words: capitals are kept for the tokens' `capitalised` flag)."""
    return plain_words(text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return fold(ch)


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the position in `text` it came from."""
    if text.isascii() and not re.search(r"['`/-]", text):
        return text, list(range(len(text)))
    pieces: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        pieces.append(piece)
        where.extend([i] * len(piece))
    return "".join(pieces), where


def tokenize(text: str) -> list[Token]:
    """Tokens of the folded text; capitalisation is kept as a flag for names that are also words."""
    tokens: list[Token] = []
    folded, where = _folded_with_offsets(text)
    previous = 0
    for i, match in enumerate(_TOKEN.finditer(folded)):
        raw = match.group(0)
        start, end = where[match.start()], where[match.end() - 1] + 1
        broken = i > 0 and _BREAK.search(folded, previous, match.start()) is not None
        hyphen = bool(tokens) and text[tokens[-1].end : start] in ("-", "\u2010", "\u2013")
        tokens.append(Token(raw.lower(), raw[:1].isupper(), i, start, end, hyphen_before=hyphen, after_break=broken))
        previous = match.end()
    return tokens


def normalise(text: str) -> str:
    """One space-separated lower-case string of the tokens: the form every phrase pattern is matched on."""
    return " ".join(t.text for t in tokenize(text))


ABBREVIATED = ("gemeente", "inwoners", "huishoudens", "woningen", "woningvoorraad", "statushouders", "corporatiewoningen", "provincie", "inclusief", "exclusief", "ongeveer")
"""The words of a request that users shorten with a full stop ('per gem.', 'naar inw.', 'incl. Delft').
An abbreviation is read by its form: letters and a full stop that begin exactly one of these words
(or a word and its own longer forms, 'woningen'/'woningvoorraad' are both 'won.': too vague, left)."""
_ABBREVIATION = re.compile(r"(?<![\w.])([A-Za-z]{3,12})\.(?=\s|$|[,;:)])")


_BEFORE_A_NAME = frozenset(["inclusief", "exclusief", "ongeveer"])
"""Abbreviations that stand before what they qualify ('incl. Delft'): a capital after them starts no sentence."""


def _expansion(word: str) -> str | None:
    low = word.lower()
    found = [w for w in ABBREVIATED if w.startswith(low) and w != low]
    return found[0] if len(found) == 1 else None


def expand_abbreviations(text: str) -> str:
    """'min. 4 per gem.' -> 'min. 4 per gemeente.'; 'naar inw. en huish.' -> 'naar inwoners en huishoudens'.

    The full stop stays where it may end the sentence (before a capital or at the end), so clause
    breaks are kept; inside a sentence it goes, so a list is not cut."""

    def replace(match: re.Match[str]) -> str:
        full = _expansion(match.group(1))
        if full is None:
            return match.group(0)
        rest = text[match.end() :].lstrip()
        ends = rest == "" or rest[:1] == "\n" or (rest[:1].isupper() and full not in _BEFORE_A_NAME)
        return full + ("." if ends else "")

    text = _ABBREVIATION.sub(replace, text) if "." in text else text
    text = _PER_SLASH.sub("per ", text)
    text = _YEARS_SHORT.sub(r"\1 jaar", text)
    return _SCOPED_SHORT.sub(lambda m: m.group(1) + "gemeente" if _short_for("gemeente", m.group(2)) else m.group(0), text)


def _short_for(word: str, short: str) -> bool:
    """'gem', 'gemeen': the first letters (at least three) of `word`, not the word itself."""
    return len(short) >= 3 and short.lower() != word and word.startswith(short.lower())


_YEARS_SHORT = re.compile(r"(\d+|\b[a-z]+)\s*jrs?\b\.?", re.IGNORECASE)
"""'over 4 jr', 'in drie jr.': the short form of 'jaar' after a number."""
_PER_SLASH = re.compile(r"(?<![\w/])p/\s?(?=[a-z])", re.IGNORECASE)
"""'30 p/gemeente': the slash abbreviation of 'per'."""
_SCOPED_SHORT = re.compile(r"\b((?:per|elke|iedere|ieder|elk)\s+)([a-z]{3,7})\b(?!\.)", re.IGNORECASE)
"""'hooguit 30 per gem': after 'per'/'elke' a shortened 'gemeente' without its full stop."""
