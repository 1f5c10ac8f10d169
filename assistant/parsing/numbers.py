"""Dutch numbers in digits ('1.200') and in words ('twaalfhonderd', 'drieduizend vijfhonderd').

A number only becomes the total of an allocation when something says so (a unit such as 'woningen'
after it, or 'verdeel' before it); years and percentages never do. That decision is made in
`totals`, this module only reads numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.parsing.text import Token

_UNITS = {
    "nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90,
}
_DIGITS = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?(%?)$")


_COUNT_MULTIPLIERS = {"k": 1000, "duizend": 1000, "dzd": 1000}
"""Multiplier words after digits in a count ('1,5k woningen', '2 duizend plekken'); the large ones
('miljoen', 'ton') are money or context and are read by the money reader."""


@dataclass(frozen=True)
class NumberToken:
    """A number found in the message, with the token span it came from."""

    value: float
    start: int
    end: int  # exclusive token index
    percent: bool = False
    written: bool = False  # in words rather than digits
    integer: bool = True


def _below_hundred(word: str) -> int | None:
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    for tens_word, tens in _TENS.items():
        if word.endswith("en" + tens_word):
            unit = word[: -len("en" + tens_word)]
            if unit in _UNITS and 1 <= _UNITS[unit] <= 9:
                return _UNITS[unit] + tens
    return None


def _compound(word: str, unit_word: str, unit: int, part: Callable[[str], int | None]) -> int | None:
    """'driehonderdvijf', 'tweeduizendenvijftig': a count of `unit` and a rest, each read by `part`."""
    left, right = word.split(unit_word, 1)
    count = 1 if left == "" else part(left)
    if count is None or count == 0:
        return None
    if right.startswith("en") and part(right[2:]) is not None:
        right = right[2:]
    rest = 0 if right == "" else part(right)
    return None if rest is None else count * unit + rest


def _below_thousand(word: str) -> int | None:
    if "honderd" in word:
        return _compound(word, "honderd", 100, _below_hundred)
    return _below_hundred(word)


def words_to_number(word: str) -> int | None:
    """'drieduizendvijfhonderd' -> 3500; None when the word is not a whole Dutch number."""
    if not word or not word.isalpha():
        return None
    for unit_word, unit in (("duizend", 1000), ("honderd", 100)):
        if (halves := _and_a_half(word, unit_word)) is not None:
            return halves * unit // 2
    if "duizend" in word:
        return _compound(word, "duizend", 1000, _below_thousand)
    return _below_thousand(word)


def _and_a_half(word: str, unit_word: str) -> int | None:
    """Twice the count of 'anderhalfduizend', 'drieënhalfduizend', 'tweeenhalfhonderd' (3, 7, 5): a whole
    number of units and a half, written as one word; None for any other word."""
    head, found, rest = word.replace("ë", "e").partition("half" + unit_word)
    if not found or rest:
        return None
    if head == "ander":
        return 3
    count = _UNITS.get(head[:-2]) if head.endswith("en") else None
    return 2 * count + 1 if count is not None and 1 <= count <= 9 else None


_FRACTION_NOUNS = {"half": 2, "halve": 2, "helft": 2, "kwart": 4}


def fraction_value(phrase: str) -> float | None:
    """A Dutch fraction in words: 'een kwart' 0.25, 'driekwart' 0.75, 'twee derde' 2/3, 'de helft' 0.5,
    'een vijfde', 'drie tiende', 'een honderdste'. The denominator is read by its form (an ordinal: the
    number word with -de or -ste, 'half'/'helft', 'kwart'), the count before it as a number word; None
    when the phrase is no fraction."""
    words = phrase.lower().split()
    if words[:1] in (["de"], ["het"], ["een"]):
        count_words, words = (["een"] if words[0] == "een" else []), words[1:]
    else:
        count_words = []
    if not words:
        return None
    *count_words_rest, noun = words
    count_words += count_words_rest
    denominator = _FRACTION_NOUNS.get(noun) or _ordinal_denominator(noun)
    if denominator is None:
        for head in ("kwart", "derde", "vijfde"):  # 'driekwart', 'tweederde': count and noun written as one
            if noun.endswith(head) and noun != head and words_to_number(noun[: -len(head)]) is not None:
                count_words, denominator = [noun[: -len(head)]], _FRACTION_NOUNS.get(head) or _ordinal_denominator(head)
                break
    if denominator is None:
        return None
    count = 1 if count_words in ([], ["een"]) else words_to_number("".join(count_words))
    if count is None or not 0 < count < denominator:
        return None
    return count / denominator


def _ordinal_denominator(word: str) -> int | None:
    """'derde' 3, 'vijfde' 5, 'tiende' 10, 'twintigste' 20, 'honderdste' 100 (not 'eerste', 'tweede')."""
    for ending in ("ste", "de"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            value = {"der": 3, "vier": 4, "ach": 8}.get(stem) or words_to_number(stem)
            if value is not None and value >= 3:
                return value
    return None


def _is_number_word(word: str) -> bool:
    return words_to_number(word) is not None or word == "anderhalf"


def find_numbers(tokens: list[Token]) -> list[NumberToken]:
    """Every number in the message: digits (with Dutch thousands dots), percentages, number words.

    A lone 'een' is an article, not a number, unless a 'honderd'/'duizend' word follows it.
    """
    found: list[NumberToken] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        digits = _DIGITS.match(word)
        if digits and len(word) > 40:  # a run of digits beyond any float: no number anyone means
            i += 1
            continue
        point = re.fullmatch(r"\d{1,3}\.\d{1,2}", word)
        factor_after = _COUNT_MULTIPLIERS.get(tokens[i + 1].text) if i + 1 < len(tokens) else None
        if point and factor_after is not None:  # '1.5k woningen': with a multiplier a dot before 1-2 digits is a decimal point
            value_point = float(word) * factor_after
            found.append(NumberToken(value_point, i, i + 2, integer=value_point == int(value_point)))
            i += 2
            continue
        if digits:
            whole = int(digits.group(1).replace(".", ""))
            decimals = digits.group(2)
            end = i + 1
            # '1 200 woningen': thousands separated by a space
            spaced = not decimals and not digits.group(3) and len(word) <= 3
            while spaced and end < len(tokens) and re.fullmatch(r"\d{3}", tokens[end].text):
                whole = whole * 1000 + int(tokens[end].text)
                end += 1
            value: float = float(f"{whole}.{decimals[1:]}") if decimals else float(whole)
            percent = bool(digits.group(3))
            factor = _COUNT_MULTIPLIERS.get(tokens[end].text) if end < len(tokens) and not percent else None
            if factor is not None:  # '1,5k woningen', '2 duizend plekken': the number times its multiplier word
                value, end = value * factor, end + 1
                found.append(NumberToken(value, i, end, integer=value == int(value)))
                i = end
                continue
            if not percent and end < len(tokens) and tokens[end].text in ("%", "procent"):
                percent, end = True, end + 1
            found.append(NumberToken(value, i, end, percent=percent, integer=decimals is None))
            i = end
            continue
        if word.isalpha() and _is_number_word(word):
            best: tuple[int, int] | None = None
            k = i
            while k < len(tokens) and tokens[k].text.isalpha() and _is_number_word(tokens[k].text):
                k += 1
                value_int = words_to_number("".join(t.text for t in tokens[i:k]))
                if value_int is not None:
                    best = (k, value_int)
            if best is not None and not (best[0] == i + 1 and word == "een"):
                end, value_int = best
                percent = end < len(tokens) and tokens[end].text in ("%", "procent")
                if percent:
                    end += 1
                found.append(NumberToken(float(value_int), i, end, percent=percent, written=True))
                i = end
                continue
        i += 1
    return found
