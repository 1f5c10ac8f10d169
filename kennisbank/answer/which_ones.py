"""Does the quote say *which* ones, or only *how many*?

"Welke corporaties zitten in de G13?" is close in meaning to "… de directeur-bestuurders van alle dertien
Groninger woningcorporaties, samen bekend als de G13": that sentence counts the corporations and names none.
A "welke <meervoud>" question asks for the members of a group; a sentence that puts a number before the
asked noun and names nothing after it (no name the question lacks, no list after a colon or commas) gives
their count. When every chosen sentence either counts them that way or names no member at all, the material
has the number, not the names. The rule reads the question's form (the closed class 'welke' + a plural noun)
and the sentence's structure (a number before the noun, capitals, a list), so it holds for any document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kennisbank.answer.quantity import WINDOW, count_before
from kennisbank.answer.question_kinds import fold

_WHICH = re.compile(r"^\W*(?:[^\W\d_]+\s+)?welke\s+(?:\d+\s+)?(?P<noun>[^\W\d_]+)(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
"""'Welke corporaties …', 'In welke gemeenten …', 'Welke 13 corporaties …'."""
_LISTED = re.compile(r":|(?:[^,]+,){2}")
"""A list after the counted noun: a colon, or at least two commas."""


def asked_members(question: str) -> str | None:
    """The plural noun of a "welke <meervoud> …?" question ('corporaties'), or None for any other question
    (a singular noun, 'welk', a question word elsewhere)."""
    match = _WHICH.match(question.strip())
    if match is None:
        return None
    noun = match.group("noun").lower()
    if len(noun) < 5 or not noun.endswith(("en", "s")) or noun.endswith("ss"):
        return None
    return noun


def _new_capital(text: str, question: str) -> bool:
    """A capitalised word that opens no sentence and that the question does not have (by a forgiving prefix):
    the name of a member ('Lefier', 'Hengelo')."""
    asked = {fold(word)[:5] for word in re.findall(r"\w+", question)}
    text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)  # an aside or an abbreviation: '(MO)', '(13)'
    for match in re.finditer(r"(?<![\w-])[^\W\d_][\w'’-]*", text):
        word = match.group(0)
        before = text[: match.start()].rstrip()
        opens = not before or before[-1] in ".!?:"
        if word[0].isupper() and not opens and fold(word)[:5] not in asked:
            return True
    return False


def counts_only(noun: str, text: str, question: str) -> bool:
    """The sentence puts a number right before the asked noun (or a compound with it as head) and names no
    member after it: 'alle dertien Groninger woningcorporaties' for 'welke corporaties'. Names before the count
    ('In de regio Enschede hebben acht gemeenten …') say where, not which."""
    end = count_before(noun, text, WINDOW)
    if end is None:
        return False
    rest = text[end:]
    return not _LISTED.search(rest) and not _new_capital(rest, question)


def names_no_members(question: str, texts: Sequence[str]) -> bool:
    """For a "welke <meervoud>" question: some chosen sentence only counts the asked things, and none names a
    member (a name the question lacks, or a list after the counted noun)."""
    noun = asked_members(question)
    if noun is None or not texts:
        return False
    counting = [text for text in texts if counts_only(noun, text, question)]
    if not counting:
        return False
    return all(text in counting or not (_new_capital(text, question) or _LISTED.search(text)) for text in texts)
