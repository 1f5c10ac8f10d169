"""Slips of the keyboard in the request's own words: 'verdeln', 'statshouders', 'inwonrs'.

A word of seven letters or more that is one edit (a letter left out, added, changed, or two swapped)
away from exactly one word of the request vocabulary (what is shared out, the groups, the indicators,
the verb 'verdelen') is read as that word, and the reply says so. Place names have their own careful
fuzzy match (assistant.parsing.places); shorter words are left alone, because there a slip and
another Dutch word are too often one edit apart.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from assistant.parsing.text import Token
from assistant.parsing.vocab import GROUPS, INDICATORS, UNIT_WORDS

MIN_LENGTH = 7
_VERBS = frozenset(
    ["verdeel", "verdeelt", "verdeeld", "verdeelde", "verdelen", "verdeling", "verdelingen", "verdeelden", "bereken", "berekent", "berekend", "berekende", "berekenden", "berekenen", "uitrekenen", "uitgerekend"]
)
"""The request's verbs with their inflections: a correct form is never 'corrected' into another."""
_OTHER_WORDS = frozenset(["betekent", "betekend", "betekenen", "betekende", "betekenden", "verdelers", "verdedigen", "verdeeld"])
"""Everyday words one letter from a request verb ('wat betekent dat voor Delft' is not 'berekent')."""


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The words a request is made of, spelled out from the unit, group and indicator vocabularies."""
    words = set(UNIT_WORDS) | set(_VERBS)
    for pattern in [*GROUPS.values(), *INDICATORS.values()]:
        for word in re.findall(r"[a-z]+(?:\\w\*)?", pattern):
            stem = word.removesuffix("\\w*")
            words.update([stem, stem + "s", stem + "en"] if word.endswith("\\w*") else [stem])
    return frozenset(w for w in words if len(w) >= MIN_LENGTH)


@lru_cache(maxsize=1)
def spelled_right() -> frozenset[str]:
    """Every word the parser's vocabularies spell out (methods, cue phrases, common words, …): a word the
    parser knows is never a slip, even when it is one edit from a request word ('grootste', 'grootte')."""
    from assistant.parsing import limits, vocab

    texts: list[str] = []
    for module in (vocab, limits):
        for value in vars(module).values():
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, re.Pattern):
                texts.append(value.pattern)
            elif isinstance(value, (frozenset, set, tuple, list)):
                texts.extend(v for v in value if isinstance(v, str))
            elif isinstance(value, dict):
                texts.extend(f"{k} {v}" for k, v in value.items() if isinstance(v, str))
    return frozenset(w for text in texts for w in re.findall(rf"[a-z]{{{MIN_LENGTH},}}", text)) | vocabulary() | _OTHER_WORDS


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one letter left out, added or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return len(diff) == 1 or swapped
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def correct(tokens: list[Token], protected: set[int]) -> tuple[list[Token], list[str]]:
    """The tokens with slips corrected (never those in `protected`, such as place names), and a Dutch
    note for each correction."""
    known = vocabulary()
    right = spelled_right()
    fixed: list[Token] = []
    notes: list[str] = []
    for k, token in enumerate(tokens):
        word = token.text
        if k in protected or len(word) < MIN_LENGTH or not word.isalpha() or word in right:
            fixed.append(token)
            continue
        close = [w for w in known if w[0] == word[0] and one_edit(word, w)]
        if len({_canonical(w) for w in close}) == 1:
            fixed.append(replace(token, text=close[0]))
            notes.append(f"'{word}' lees ik als {close[0]}.")
        else:
            fixed.append(token)
    return fixed, notes


def _canonical(word: str) -> str:
    """'inwoner', 'inwoners' and 'inwoneren' are one word for the question whether a slip is clear."""
    return word.removesuffix("en").removesuffix("s")


LIMIT_WORDS = frozenset(["niemand", "maximaal", "minimaal", "maximum", "minimum", "hoogstens", "minstens", "tenminste", "plafond", "ondergrens", "bovengrens"])
"""The words of a cap or a floor long enough to tell a slip from another word ('nijmand boven de 400')."""


def correct_limit_words(text: str) -> tuple[str, list[str]]:
    """The message with slips in the words of a cap or a floor corrected, and a Dutch note for each. The
    limits are read on the text as typed (before the tokens' corrections), so these are put right first."""
    right = spelled_right()
    notes: list[str] = []

    def fix(match: re.Match[str]) -> str:
        typed = match.group(0)
        word = typed.lower()
        if word in right or word in LIMIT_WORDS:
            return typed
        close = [w for w in LIMIT_WORDS if w[0] == word[0] and one_edit(word, w)]
        if len(close) != 1:
            return typed
        notes.append(f"'{typed}' lees ik als {close[0]}.")
        return close[0].capitalize() if typed[0].isupper() else close[0]

    return re.sub(rf"\b[A-Za-z]{{{MIN_LENGTH},}}\b", fix, text), notes
