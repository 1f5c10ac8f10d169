"""The distribution key and its weights: 'naar inwonertal', 'half … half …', '70% inwoners en 30% woningen'.

An indicator word only counts as key when a key cue ('naar', 'op basis van', 'half', '30%', …) stands
before it; '240 woningen' is the total's unit, not the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from assistant.parsing.numbers import NumberToken
from assistant.parsing.text import Token
from assistant.parsing.vocab import EXISTING, INDICATORS, UNIT_WORDS

KEY_CUES = frozenset(
    ["naar", "rato", "basis", "volgens", "gewogen", "sleutel", "verdeelsleutel", "verhouding", "evenredig", "uitgaan", "uitgaande", "uitgaat", "gebaseerd", "half", "helft", "derde", "derden", "kwart", "driekwart", "procent", "%", "deels", "voor", "en", "of", "plus",
     "grondslag", "maatstaf", "uitgangspunt", "criterium", "verdeelmaatstaf", "verdeelcriterium", "verdeelgrondslag",
     "doe", "neem", "pak", "kies", "gebruik", "hanteer", "liever"]
)
"""Cue words before an indicator; the last rows are nouns for what a key is ('grondslag: huishoudens',
'met als maatstaf de woningvoorraad') and verbs of choosing ('doe dan maar huishoudens', 'pak liever inwoners')."""
_KEY_VERBS_AFTER = frozenset(["nemen", "neemt", "gebruiken", "gebruikt", "hanteren", "hanteert", "aanhouden", "pakken", "als", "leidend"])
"""'als we woningvoorraad nemen', 'met huishoudens als maatstaf': a verb of choosing right after the indicator."""
_STRONG_KEY_CUES = frozenset(["naar", "rato", "basis", "volgens", "gewogen", "sleutel", "verdeelsleutel", "verhouding", "evenredig"])


@dataclass(frozen=True)
class IndicatorMention:
    indicator: str
    start: int  # token index
    end: int


@dataclass(frozen=True)
class KeyParse:
    """The key as far as the message states it; `weights` is None when no key is mentioned."""

    weights: dict[str, float] | None
    mentions: tuple[IndicatorMention, ...] = ()
    equal_split_assumed: bool = False
    existing: bool = False
    weight_at: tuple[int, ...] = ()
    """Token positions of the numbers used as weights ('70%', 'twee' in 'twee derde')."""
    partial: bool = False
    """The weights add up to less than 1 ('voor de helft naar huishoudens'): the rest is the earlier key."""
    stated_sum: float | None = None
    """The sum of the weights as written when every indicator got one ('60% inwoners en 30% woningen':
    0.9); the weights are scaled to 1, and a sum that is not 1 is asked about (assistant.parsing.message)."""


def _char_to_token(tokens: list[Token]) -> list[int]:
    owner: list[int] = []
    for t in tokens:
        owner.extend([t.index] * len(t.text))
        owner.append(t.index)  # the separating space
    return owner


def indicator_mentions(tokens: list[Token]) -> list[IndicatorMention]:
    """Indicator words in order; where mentions overlap the earliest, then the longest wins ('sociale
    huurwoningen' is the social stock, not plain 'woningen'), whatever the catalogue's order."""
    norm = " ".join(t.text for t in tokens)
    owner = _char_to_token(tokens)
    matches = [
        (m.start(), m.end(), indicator)
        for indicator, pattern in INDICATORS.items()
        for m in re.finditer(rf"\b(?:{pattern})\b", norm)
    ]
    taken: set[int] = set()
    found: list[IndicatorMention] = []
    for start, end, indicator in sorted(matches, key=lambda m: (m[0], -m[1])):
        span = set(range(start, end))
        if span & taken:
            continue
        taken |= span
        found.append(IndicatorMention(indicator, owner[start], owner[end - 1] + 1))
    return _measured(tokens, found)


_MEASURE_NOUNS = frozenset(["omvang", "grootte", "aantal", "hoeveelheid"])


def _measured(tokens: list[Token], found: list[IndicatorMention]) -> list[IndicatorMention]:
    """'de omvang van de corporatievoorraad', 'de grootte van de woningvoorraad': a measure noun with 'van'
    and an indicator after it names that indicator (the measure noun alone, 'naar omvang', is size in
    inhabitants); the mention then spans from the measure noun, so cues before it still count."""
    words = [t.text for t in tokens]
    merged: list[IndicatorMention] = []
    skip: set[int] = set()
    for k, m in enumerate(found):
        if k in skip:
            continue
        nxt = found[k + 1] if k + 1 < len(found) else None
        between = words[m.end : nxt.start] if nxt is not None else []
        if (
            nxt is not None and m.end - m.start == 1 and words[m.start] in _MEASURE_NOUNS
            and between[:1] == ["van"] and len(between) <= 3 and all(w in ("van", "de", "het", "alle") for w in between)
        ):
            merged.append(IndicatorMention(nxt.indicator, m.start, nxt.end))
            skip.add(k + 1)
            continue
        merged.append(m)
    return merged


_DESCRIBING_BEFORE = frozenset(["van", "met", "heeft", "hebben", "telt", "tellen", "maar", "slechts", "ruim", "circa", "ongeveer", "zon", "wonen", "woonden"])


def _weight_shaped(tokens: list[Token], n: NumberToken, mentions: list[IndicatorMention]) -> bool:
    if n.percent or not n.integer or not 1 <= n.value < 100 or n.end >= len(tokens):
        return False
    if n.start > 0 and tokens[n.start - 1].text in _DESCRIBING_BEFORE:
        return False  # 'een buurtschap van 80 inwoners': a description
    return any(
        m.start == n.end and not any(t.text in UNIT_WORDS or t.text in ("huishoudens",) for t in tokens[m.start : m.end])
        and (m.end >= len(tokens) or tokens[m.end].text != "per")
        for m in mentions
    )


def bare_weight(tokens: list[Token], n: NumberToken) -> bool:
    """'70 inwoners en 30 woningvoorraad', 'oh 70 inwoners dan': whole numbers below 100 right before an
    indicator that is not counted (inhabitants, the housing stock) are weights in percent when they add up
    to 100 together, or when one such number is all a short reply says; a description ('een dorp van 80
    inwoners', '45 inwoners per hectare') is not."""
    from assistant.parsing.numbers import find_numbers

    mentions = indicator_mentions(tokens)
    if not _weight_shaped(tokens, n, mentions):
        return False
    shaped = [k for k in find_numbers(tokens) if _weight_shaped(tokens, k, mentions)]
    return (len(shaped) >= 2 and sum(k.value for k in shaped) == 100) or (len(shaped) == 1 and len(tokens) <= 6)


def _fraction_weights(tokens: list[Token], numbers: list[NumberToken], lo: int, hi: int) -> list[tuple[int, float]]:
    """Weights written in the span [lo, hi): percentages, 'half', 'een derde', 'twee derde', 'kwart'."""
    weights: list[tuple[int, float]] = [
        (n.start, n.value / 100) for n in numbers if (n.percent or bare_weight(tokens, n)) and lo <= n.start < hi
    ]
    words = [t.text for t in tokens]
    for i in range(lo, min(hi, len(words))):
        w = words[i]
        prev = words[i - 1] if i > 0 else ""
        if w in ("half", "helft") and prev != "anderhalf":
            weights.append((i, 0.5))
        elif w in ("derde", "derden"):
            weights.append((i - 1 if prev == "twee" else i, 2 / 3 if prev == "twee" else 1 / 3))
        elif w == "kwart":
            weights.append((i - 1 if prev == "drie" else i, 0.75 if prev == "drie" else 0.25))
        elif w == "driekwart":
            weights.append((i, 0.75))
        elif w in ("fifty", "fiftyfifty"):
            weights.append((i, 0.5))
    return sorted(weights)


def _is_total_unit(words: list[str], m: IndicatorMention, total: NumberToken | None) -> bool:
    """'300 woningen' and '400 sociale huurwoningen' name what is shared out, not the key."""
    if total is None or not total.end <= m.start <= total.end + 2:
        return False
    between = words[total.end : m.start]
    return not any(w in KEY_CUES - {"en", "of", "plus", "voor"} or w.endswith("%") or w in UNIT_WORDS for w in between)


_DONE_BEFORE = r"(?:eerdere|bestaande|huidige|geleverde|gerealiseerde|al geleverde|reeds geleverde|opgebouwde|voorgaande)"
"""Adjectives that mark something as already done: 'die eerdere inspanning', 'de bestaande prestaties'
(with any noun after it: the adjective carries the meaning)."""


def dropped_existing(norm: str) -> bool:
    """'reken zonder bestaande inzet', 'vergeet wat al gedaan is', 'en zonder die eerdere inspanning?':
    existing effort taken away altogether."""
    before = re.search(rf"\b(?:zonder|geen|vergeet|negeer)\b(?: \w+){{0,2}} (?:{EXISTING}|{_DONE_BEFORE} [a-z]+)\b", norm)
    # 'wat als we de bestaande inzet vergeten?', 'laat de eerdere inzet maar weg': the verb after
    after = re.search(rf"\b(?:{EXISTING}|{_DONE_BEFORE} [a-z]+)\b(?: \w+){{0,2}} (?:vergeten|negeren|weglaten|weg|schrappen|buiten beschouwing)\b", norm)
    return before is not None or after is not None


_ARTICLES = frozenset(["de", "het", "hun", "aantal"])


def _right_after_op(words: list[str], m: IndicatorMention) -> bool:
    """'op huishoudens', 'op de woningvoorraad', 'obv inwoners': 'op' (or its abbreviation of 'op basis
    van') right before the indicator, past articles, names the key. 'op' further away ('zit al op 70')
    does not."""
    i = m.start - 1
    while i >= 0 and words[i] in _ARTICLES:
        i -= 1
    return i >= 0 and words[i] in ("op", "obv", "o.b.v")


_GO_FORMS = frozenset(["te", "gaan", "gaat", "ga", "gingen", "ging", "gegaan", "worden", "wordt"])


def _goes_out_from(words: list[str], start: int) -> bool:
    """'we gaan uit van het aantal huishoudens', 'wij verzoeken u uit te gaan van de woningvoorraad',
    'er wordt uitgegaan van inwoners': the separable 'uitgaan van' in any form (split, with the
    infinitive's 'te', as one word) names the key; the indicator stands right after its 'van' (past
    articles and 'aantal')."""
    i = start - 1
    while i >= 0 and words[i] in _ARTICLES | {"alle"}:
        i -= 1
    if i < 0 or words[i] != "van":
        return False
    j = i - 1
    if j >= 0 and words[j] in ("uitgaan", "uitgaande", "uitgaat", "uitgegaan", "uitgangspunt"):
        return True
    while j >= 0 and i - j <= 3 and words[j] in _GO_FORMS:
        j -= 1
    return j >= 0 and words[j] == "uit"


def _one_key(tokens: list[Token], numbers: list[NumberToken], m: IndicatorMention, existing: bool) -> KeyParse:
    """One indicator; with one share next to it ('voor de helft naar huishoudens', '30% huishoudens') the
    key is partial: the rest stays with the key there was (the router completes it)."""
    near = _fraction_weights(tokens, numbers, max(0, m.start - 4), min(len(tokens), m.end + 3))
    if len(near) == 1 and 0 < near[0][1] < 1:
        at, weight = near[0]
        return KeyParse(weights={m.indicator: round(weight, 6)}, mentions=(m,), existing=existing, weight_at=(at,), partial=True)
    return KeyParse(weights={m.indicator: 1.0}, mentions=(m,), existing=existing)


def _weights_start(tokens: list[Token], first: int) -> int:
    """Where the weights of a key may begin: up to 8 words before the first indicator ('voor 40% op basis
    van het aantal inwoners'), not across the start of its sentence part."""
    lo = first
    while lo > 0 and first - lo < 8 and not tokens[lo].after_break:
        lo -= 1
    return lo


def _lone_indicator(tokens: list[Token], mentions: list[IndicatorMention]) -> list[IndicatorMention]:
    """'haaglanden 250 flexwoningen woningvoorraad': in a request with a total, the one indicator named
    without a cue, that counts nothing (no number next to it; the total's own unit was left out before),
    is the key."""
    words = [t.text for t in tokens]

    def counts(m: IndicatorMention) -> bool:
        near = words[max(0, m.start - 1) : m.start] + words[m.end : m.end + 1]
        return any(w[:1].isdigit() for w in near)

    homes = {"woningen", "woning", "huizen"}  # the usual unit ('minimaal 15 woningen' with its number read as a limit)
    lone = [m for m in mentions if not counts(m) and not all(w in homes for w in words[m.start : m.end])]
    return lone if len(lone) == 1 else []


_EQUAL_PHRASES: tuple[tuple[str, ...], ...] = (
    ("fifty", "fifty"), ("fiftyfifty",), ("half", "om", "half"), ("gelijke", "delen"), ("gelijk", "verdeeld"),
    ("gelijk", "gewicht"), ("gelijke", "gewichten"), ("evenveel", "gewicht"), ("even", "zwaar"), ("allebei", "de", "helft"),
    ("elk", "de", "helft"), ("ieder", "de", "helft"), ("elk", "half"), ("ieder", "half"),
)
"""Words that weigh the named keys equally: 'woningen en inwoners fifty-fifty', 'half om half inwoners en
huishoudens', 'gelijk verdeeld over inwoners en woningvoorraad', 'inwoners en huishoudens even zwaar'."""


_REPLY_FILLERS = frozenset(["en", "dan", "maar", "toch", "liever", "nee", "ja", "ok", "oke", "okay", "of", "met", "op", "nu", "eens", "misschien", "graag", "doe"])


def whole_reply(words: list[str], m: IndicatorMention) -> bool:
    """'huishoudens', 'dan maar woningvoorraad?': a message that is one indicator and a few particles is
    a short reply choosing the key (the router uses it only when there is a request to change)."""
    rest = words[: m.start] + words[m.end :]
    homes = all(w in ("woningen", "woning", "huizen") for w in words[m.start : m.end])  # as likely the unit as the key
    return not homes and len(rest) <= 3 and all(w in _REPLY_FILLERS for w in rest)


def _equal_split(tokens: list[Token], total: NumberToken | None) -> list[IndicatorMention] | None:
    """The indicators an equal-weight phrase applies to: two or more named within a few words of it. The
    noun right after the total ('300 woningen') is what is counted, not a key."""
    words = [t.text for t in tokens]
    for phrase in _EQUAL_PHRASES:
        for i in range(len(words) - len(phrase) + 1):
            if tuple(words[i : i + len(phrase)]) != phrase:
                continue
            near: list[IndicatorMention] = []
            for m in indicator_mentions(tokens):
                if total is not None and m.start == total.end:
                    continue
                close = i - 6 <= m.start and m.end <= i + len(phrase) + 6
                if close and all(k.indicator != m.indicator for k in near):
                    near.append(m)
            if len(near) >= 2:
                return near
    return None


def parse_key(tokens: list[Token], numbers: list[NumberToken], total: NumberToken | None) -> KeyParse:
    """Read the key: which indicators after a key cue, and their weights when the message gives them."""
    words = [t.text for t in tokens]
    norm = " ".join(words)
    existing = re.search(rf"\b(?:{EXISTING})\b", norm) is not None and not dropped_existing(norm)
    mentions = [m for m in indicator_mentions(tokens) if not _is_total_unit(words, m, total)]
    equal = _equal_split(tokens, total)
    if equal is not None:
        return KeyParse(weights={k.indicator: round(1 / len(equal), 6) for k in equal}, mentions=tuple(equal), existing=existing)
    keyed: list[IndicatorMention] = []
    for m in mentions:
        before = words[max(0, m.start - 4) : m.start]
        after = words[m.end : m.end + 2]
        cue = any(w in KEY_CUES - {"en", "of", "plus", "voor"} or w.endswith("%") for w in before) or _goes_out_from(words, m.start) or _right_after_op(words, m)
        chained = bool(keyed) and m.start - keyed[-1].end <= 4 and any(w in ("en", "plus", "of") for w in words[keyed[-1].end : m.start] or [""])
        weighted_after = any(w.endswith("%") or w in ("procent", "half", "helft") for w in after)
        cue = cue or bool(set(after) & _KEY_VERBS_AFTER)
        percent_after = any(w.endswith("%") or w == "procent" for w in after) or (
            bool(after) and after[0][:1].isdigit() and "procent" in words[m.end : m.end + 3]
        )
        weighted_before = any(n.end == m.start and bare_weight(tokens, n) for n in numbers)  # '70 inwoners en 30 woningvoorraad'
        # 'en als we het anders doen: huishoudens?': an indicator that is a whole part of the sentence by itself
        alone = (m.start == 0 or tokens[m.start].after_break) and (m.end >= len(tokens) or tokens[m.end].after_break) and m.start > 0
        alone = alone or whole_reply(words, m)
        cue = cue or alone
        if (cue or chained or percent_after or weighted_before or (weighted_after and keyed)) and all(k.indicator != m.indicator for k in keyed):
            keyed.append(m)
    if not keyed and total is not None:
        keyed = _lone_indicator(tokens, mentions)
    if not keyed:
        return KeyParse(weights=None, existing=existing)
    if len(keyed) == 1:
        return _one_key(tokens, numbers, keyed[0], existing)
    lo = _weights_start(tokens, keyed[0].start)
    hi = min(len(tokens), keyed[-1].end + 3)
    weights = _fraction_weights(tokens, numbers, lo, hi)
    values = [w for _, w in weights]
    if len(values) == len(keyed):
        result = {k.indicator: v for k, v in zip(keyed, values, strict=True)}
    elif len(values) == 1 and len(keyed) == 2:
        # '70% inwoners en de rest woningen', 'voor de helft naar inwoners, verder naar woningen'
        first_is_weighted = abs(weights[0][0] - keyed[0].start) <= abs(weights[0][0] - keyed[1].start)
        w = values[0]
        result = {keyed[0].indicator: w, keyed[1].indicator: 1 - w} if first_is_weighted else {keyed[0].indicator: 1 - w, keyed[1].indicator: w}
    elif values and all(v == 0.5 for v in values) and len(keyed) == 2:
        result = {k.indicator: 0.5 for k in keyed}
    else:
        share = Fraction(1, len(keyed))
        return KeyParse(weights={k.indicator: float(share) for k in keyed}, mentions=tuple(keyed), equal_split_assumed=True, existing=existing)
    total_weight = sum(result.values())
    if total_weight <= 0:
        return KeyParse(weights={k.indicator: 1 / len(keyed) for k in keyed}, mentions=tuple(keyed), equal_split_assumed=True, existing=existing)
    at = tuple(i for i, _ in weights)
    stated = round(total_weight, 6) if len(values) == len(keyed) else None
    return KeyParse(
        weights={k: round(v / total_weight, 6) for k, v in result.items()}, mentions=tuple(keyed), existing=existing, weight_at=at, stated_sum=stated
    )


_Name = TypeVar("_Name", bound=str)


def find_first(patterns: Mapping[_Name, str], norm: str) -> _Name | None:
    """The canonical name of the first pattern that occurs in the text (earliest position wins)."""
    best: tuple[int, _Name] | None = None
    for name, pattern in patterns.items():
        m = re.search(rf"\b(?:{pattern})\b", norm)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


_RATIO = re.compile(r"(?<![\d.,/:])\d{1,3}(?:,\d+)?(?:\s*[/:]\s*\d{1,3}(?:,\d+)?)+(?![\d/:%]|[.,]\d)")
"""'70/30', '2:1', '50/30/20', '2/3': numbers joined by a slash or colon, read as a ratio or a fraction."""


@dataclass(frozen=True)
class _Ratio:
    parts: tuple[float, ...]
    slash: bool
    first: int  # token index of the first part
    last: int  # token index of the last part
    at: tuple[int, ...]


_DASH_RATIO = re.compile(r"(?<![\d.,/:\-–])\d{1,3}(?:\s*[-–]\s*\d{1,3})+(?![\d%/:\-–]|[.,]\d|\s*(?:woning|plek|statushouder|euro|jaar|uur))")
"""'50-50', '60-40': percentages joined by dashes, a ratio only when they add up to 100 (else a range)."""


def _matches(text: str) -> list[re.Match[str]]:
    dashed = [m for m in _DASH_RATIO.finditer(text) if sum(int(p) for p in re.split(r"\s*[-–]\s*", m.group(0))) == 100]
    return sorted([*_RATIO.finditer(text), *dashed], key=lambda m: m.start())


def _ratios(text: str, tokens: list[Token]) -> list[_Ratio]:
    found: list[_Ratio] = []
    for match in _matches(text):
        at = tuple(t.index for t in tokens if match.start() <= t.start < match.end() and t.text[:1].isdigit())
        parts = tuple(float(p.replace(",", ".")) for p in re.split(r"\s*[/:\-–]\s*", match.group(0)))
        if len(at) == len(parts) and all(p > 0 for p in parts):
            found.append(_Ratio(parts, ":" not in match.group(0), at[0], at[-1], at))
    return found


def ratio_key(text: str, tokens: list[Token], total: NumberToken | None, existing: bool) -> KeyParse | None:
    """A key written as a ratio or with written fractions, by structure:
    - fractions before their indicators: '2/3 naar inwoners en 1/3 naar huishoudens' (a/b, a < b);
    - one ratio and as many indicators right after or before it: '70/30 inwoners/huishoudens',
      'inwoners en huishoudens in de verhouding 2:1', '50/30/20 naar inwoners, huishoudens en sociale huur'.
    The weights of a ratio are its parts scaled to 1; fractions are taken as written (their sum is
    checked like percentages). None when the message has no such key."""
    ratios = _ratios(text, tokens)
    if not ratios:
        return None
    words = [t.text for t in tokens]
    mentions = [m for m in indicator_mentions(tokens) if not _is_total_unit(words, m, total)]
    fractions = [r for r in ratios if len(r.parts) == 2 and r.slash and r.parts[0] < r.parts[1]]
    attached = [(r, next((m for m in mentions if 0 < m.start - r.last <= 3), None)) for r in fractions]
    pairs = [(r, m) for r, m in attached if m is not None]
    if pairs and len(pairs) == len(fractions) and len({m.indicator for _, m in pairs}) == len(pairs):
        weights = {m.indicator: r.parts[0] / r.parts[1] for r, m in pairs}
        at = tuple(i for r, _ in pairs for i in r.at)
        named = sum(weights.values())
        rest = [m for m in mentions if m.indicator not in weights and m.start > pairs[-1][1].end]
        if len(pairs) == 1 and rest and named < 1:  # '2/3 naar inwoners, de rest naar huishoudens'
            weights[rest[0].indicator] = 1 - named
            named = 1.0
        if len(weights) == 1:
            return KeyParse(weights={k: round(v, 6) for k, v in weights.items()}, mentions=tuple(m for _, m in pairs), existing=existing, weight_at=at, partial=named < 1)
        return KeyParse(
            weights={k: round(v / named, 6) for k, v in weights.items()}, mentions=tuple(m for _, m in pairs), existing=existing, weight_at=at,
            stated_sum=round(named, 6),
        )
    for r in ratios:
        k = len(r.parts)
        after = [m for m in mentions if m.start > r.last][:k]
        before = [m for m in mentions if m.end <= r.first][-k:]
        chosen = after if len(after) == k and after[0].start - r.last <= 4 and after[-1].end - r.last <= 10 else (
            before if len(before) == k and r.first - before[-1].end <= 5 and r.first - before[0].start <= 10 else []
        )
        if chosen and len({m.indicator for m in chosen}) == k:
            scale = sum(r.parts)
            return KeyParse(
                weights={m.indicator: round(p / scale, 6) for m, p in zip(chosen, r.parts, strict=True)}, mentions=tuple(chosen),
                existing=existing, weight_at=r.at,
            )
    return None
