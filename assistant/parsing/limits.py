"""Caps, floors, years and impossible totals in a Dutch allocation request.

"maximaal 50 per gemeente", "een plafond van 50", "minimaal 2 per gemeente", "gespreid over 3 jaar",
"in 60 jaar". Caps and floors may be a share: of the total ("maximaal 20% per gemeente", "hoogstens een
kwart per gemeente") or of an indicator ("maximaal 1% van de inwoners per gemeente", which the engine
takes as fraction × column). A limit needs its context ('per gemeente', 'plafond', 'ondergrens'): "verdeel
maximaal 250 woningen" names the total, not a cap. Totals that cannot be meant as written
(negative, zero, a fraction of a home, scientific notation) get a question, never a guess.
Read on the raw text because the tokenizer drops minus signs and exponents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.parsing.numbers import fraction_value, words_to_number
from assistant.parsing.vocab import INDICATORS

_NUM = (
    r"(?P<num>\d{1,3}(?:\.\d{3})+|\d+|[a-zéë]+)"
    r"(?!\d|[.,]\d|\s?(?:%|procent)|\s+(?:kwart|derde|vijfde|tiende|helft)\b)"
)
"""A number of units; a share ('20%', 'een kwart') is read by the share patterns below."""
_YEAR_PATTERNS = (
    re.compile(rf"\b(?:gespreid|verspreid|verdeeld|uitgesmeerd|uitsmeren|spreiden|verspreiden)\s+(?:over|in)\s+(?:de\s+komende\s+)?{_NUM}\s+ja(?:ar|ren)\b", re.IGNORECASE),
    re.compile(rf"\bper jaar\s+(?:over|gedurende|voor)\s+{_NUM}\s+ja(?:ar|ren)\b", re.IGNORECASE),
    re.compile(rf"\b(?:in|over|binnen|gedurende|verdeeld over)\s+(?:de\s+komende\s+|een\s+periode\s+van\s+|een\s+looptijd\s+van\s+)?{_NUM}\s+ja(?:ar|ren)\b", re.IGNORECASE),
    re.compile(rf"\b(?:komende|periode van|looptijd van)\s+{_NUM}\s+ja(?:ar|ren)\b", re.IGNORECASE),
    re.compile(rf"\b{_NUM}\s+ja(?:ar|ren)\s+(?:lang|de tijd)\b", re.IGNORECASE),
)
_UNIT = r"(?:woningen|woning|plekken|plek|personen|huishoudens|statushouders|mensen|eenheden|units)"
_NEGATIVE = re.compile(rf"(?:^\s*[-−–]\s?|(?:^|[\s(])[-−])(?P<num>\d[\d.,]*)\s*{_UNIT}?", re.IGNORECASE)
"""'-5 woningen', 'verdeel −30': a minus sign glued to the number; a dash between spaces ('parkstad - 75
wooneenheden - inwoners') separates the parts of a message."""
_SCIENTIFIC = re.compile(r"\b\d+(?:[.,]\d+)?e[+-]?\d+\b", re.IGNORECASE)
_FRACTION = re.compile(rf"\b(?P<num>\d+,\d+|\d+\.\d{{1,2}})\s+{_UNIT}\b", re.IGNORECASE)
_ZERO = re.compile(rf"(?:\bverdeel\s+0\b|\b0\s+{_UNIT}\b|\bnul\s+{_UNIT}\b)", re.IGNORECASE)


_SHARE = (
    r"(?P<share>\d{1,3}(?:[.,]\d{1,2})?\s?(?:%|procent)"
    r"|(?:(?:een|de|[a-z]{3,12})\s+)?(?:helft|kwart|[a-z]{3,12}(?:de|ste))|[a-z]{3,12}(?:kwart|derde))"
)
"""A share: a percentage, or a fraction in words ('de helft', 'een kwart', 'twee derde', 'een tiende',
'driekwart'), read by numbers.fraction_value (words that only look like one, 'gemeente', give None)."""
_OF = r"(?P<of>\s+van\s+(?:(?:het|de|alle)\s+)?(?:aantal\s+)?[a-z]+(?:\s+[a-z]+)?)?"
"""'van het totaal', 'van de inwoners', 'van de sociale huurvoorraad': at most two words after the article."""
_AMOUNT = (
    r"(?P<cur>(?:€|eur\b|euro\b)\s?)?(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|[a-zéë]+)"
    r"(?:\s?(?P<mult>miljoen|mln|duizend|k|ton)\b)?(?:\s?(?P<eur>euro'?s?|eur)\b)?"
    r"(?!\d|[.,]\d|\s?(?:%|procent)|\s+(?:kwart|derde|vijfde|tiende|helft)\b|\s+ja(?:ar|ren)\b|\s+gemeenten?\b)"
)
"""An amount per municipality: '50', 'tien', '60.000 euro', '€ 60.000', '60 duizend euro'."""
_CAP_CUES = (
    r"maximaal|hooguit|hoogstens|ten hoogste|op zijn hoogst|op z['’`]?\s?n hoogst|niet meer dan|nooit meer dan|"
    r"max\.?|tot maximaal|tot een maximum van|een maximum van|maximum van|een plafond van|niet boven|niet hoger dan|"
    r"aftoppen (?:op|bij)|afgetopt (?:op|bij)|af (?:op|bij)|begrenzen (?:op|tot)|begrensd (?:op|tot)|limiteren tot|gelimiteerd tot"
)
"""Cap cues; the last row are verbs of capping with their preposition ('aftoppen op 100 per gemeente',
'toppen we af op 20%', 'begrensd tot 60')."""
_FLOOR_CUES = (
    r"minimaal|ten minste|tenminste|minstens|op zijn minst|op z['’`]?\s?n minst|niet minder dan|nooit minder dan|"
    r"min\.|een minimum van|minimum van|een ondergrens van|niet onder|niet lager dan|in ieder geval|in elk geval|sowieso"
)
_NEGATED_CAP = r"meer dan|boven|hoger dan|over"
_NEGATED_FLOOR = r"minder dan|onder|lager dan"
"""'geen gemeente (krijgt) meer dan 30%': a cap only when the scope is negated ('geen gemeente')."""
_CAP_NOUNS = r"plafond|maximum|bovengrens|max|cap"
_FLOOR_NOUNS = r"ondergrens|minimum|vloer|bodem|min"
_NOUN_LINK = (
    r"(?:\s+per\s+gemeente)?(?:\s+(?:die|dat))?(?:\s+(?:heeft|hebben|krijgt|krijgen|ligt|liggen|zit|zitten|staat|komt|op|er))?"
    r"\s*(?:(?:van|op|is|=|:|ligt op|wordt|bij|tot)\s+|(?=\d))(?:een\s+|het\s+)?"
)
"""'plafond van 50', 'ondergrens op 5%', the bare noun before digits ('minimum 15', 'cap 400'), and a verb
or particle between noun and link: 'een bodem heeft van 10.000', 'een maximum op van 20%', 'ligt bij 5'."""
_SCOPE = re.compile(
    r"\b(?:per|voor\s+(?:elke|iedere|een|ieder|elk))\s+(?:deelnemende\s+)?gemeente\b"
    r"|\b(?:elke|iedere|ieder|elk|geen(?:\s+enkele)?|alle|een)\s+(?:deelnemende\s+)?gemeenten?\b"
    r"|\bgemeenten?\s+(?:krijg\w*|mag|mogen|moet\w*|hoeft|hoeven|ontvang\w*)\b|\bper stuk\b|\b(?:iedereen|allemaal|allen)\b"
    r"|\b(?:ieder|elk|elke|iedere)\s+(?=(?:minimaal|maximaal|minstens|hooguit|hoogstens|max|min|ten|tenminste|op)\b)"
    r"|\b(?:de|een|zelfs)\s+(?:allerkleinste|kleinste|kleinere|kleine|allergrootste|grootste|grotere|grote)\s+(?:deelnemende\s+)?gemeenten?\b",
    re.IGNORECASE,
)
"""Words that make a number per municipality: without them 'verdeel maximaal 250 woningen' names the total.
'ook de kleinste gemeenten niet onder de 10': what holds for the smallest (or the largest) holds for all."""
_NEGATED_SCOPE = re.compile(
    r"\bgeen(?:\s+enkele)?\s+(?:deelnemende\s+)?gemeente|\bniemand\b|\bgeen van de gemeenten"
    r"|\bnergens\b|\bzonder dat\s+(?:er\s+)?(?:ook\s+maar\s+)?(?:een|één|1|enige|de)?\s*(?:enkele\s+)?gemeente",
    re.IGNORECASE,
)
"""'geen gemeente', 'niemand', 'zonder dat één gemeente er meer dan 150 krijgt': the scope negated."""
_CLAUSE_BREAK = re.compile(r"[;:?!\n]|,(?!\d)|(?<!\bmin)(?<!\bmax)(?<!\bca)(?<!\bevt)\.(?=\s|$)|\b(?:(?<!ook )maar|terwijl|waarbij|zodat)\b", re.IGNORECASE)
_TOTAL_LEAD = re.compile(r"\b(?:verdeel\w*|totaal|opgave|taakstelling|budget|bedrag|er zijn|het gaat om)\s+$", re.IGNORECASE)
_SHARE_WORDS = {
    "een kwart": 0.25, "een derde": 1 / 3, "de helft": 0.5, "een vijfde": 0.2, "een tiende": 0.1,
    "twee derde": 2 / 3, "drie kwart": 0.75, "driekwart": 0.75,
}
_OF_TOTAL = re.compile(r"\b(?:totaal|opgave|taakstelling|geheel|alles|aantal)\b")


LimitKind = Literal["cap", "floor"]
LimitRole = Literal["cap", "floor", "years"]
"""What a number read here is, as its role in the accounting (assistant.parsing.accounting.RoleName)."""


@dataclass
class Share:
    """'20% per gemeente' (of the total: `indicator` None) or '1% van de inwoners' (of a column)."""

    fraction: float
    indicator: str | None = None


@dataclass
class Limits:
    """What the message says about caps, floors and years; `spans` are the characters used for it and
    `roles` the same spans with the role each number got ('cap', 'floor', 'years')."""

    cap_absolute: int | None = None
    floor_absolute: int | None = None
    cap_share: Share | None = None
    floor_share: Share | None = None
    years: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    roles: list[tuple[int, int, LimitRole]] = field(default_factory=list)


def _share_value(raw: str) -> float | None:
    raw = raw.lower()
    if raw in _SHARE_WORDS:
        return _SHARE_WORDS[raw]
    if not re.search(r"\d", raw):
        return fraction_value(raw)
    number = float(re.sub(r"\s?(?:%|procent)$", "", raw).replace(",", "."))
    return number / 100 if 0 < number <= 100 else None


def _of_what(of: str | None, text: str) -> tuple[bool, str | None]:
    """'van het totaal' -> (True, None); 'van de inwoners' -> (True, 'inwoners'); '' -> (True, None);
    something that is neither -> (False, None): then the share is not read as a limit. 'van de
    woningen' in 'verdeel 250 woningen' is the total being divided, not the housing stock."""
    if not of:
        return True, None
    words = of.lower()
    # 'meer dan 40% van de woningen krijgen' with '400 woningen' shared out: the share of what is shared out
    if any(re.search(rf"\d\s+{re.escape(word)}\b", text, re.IGNORECASE) for word in words.split()[1:] if word not in ("de", "het", "alle", "aantal")):
        return True, None
    indicator = next((name for name, pattern in INDICATORS.items() if re.search(rf"\b(?:{pattern})\b", words)), None)
    if _OF_TOTAL.search(words) and not re.search(r"aantal (?:mensen|woningen|inwoners)", words):
        return True, None
    if indicator is not None:
        return True, indicator
    return False, None


def _value(raw: str) -> int | None:
    if raw.isdigit() or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return int(raw.replace(".", ""))
    return words_to_number(raw.lower().replace("é", "e").replace("ë", "e"))  # 'één', 'drieëntwintig'


def _amount_value(match: re.Match[str]) -> int | None:
    """'50' → 50, 'tien' → 10, '60.000 euro' → 60000, '60 duizend' → 60000, '1,5 ton' → 150000."""
    raw = match.group("num")
    mult = (match.group("mult") or "").lower()
    if "," in raw:
        if not mult:
            return None
        number = float(raw.replace(".", "").replace(",", "."))
    else:
        whole = _value(raw)
        if whole is None:
            return None
        number = float(whole)
    factor = {"miljoen": 1_000_000, "mln": 1_000_000, "duizend": 1000, "k": 1000, "ton": 100_000}.get(mult, 1)
    value = number * factor
    return int(value) if value == int(value) else None


def _clauses(text: str) -> list[tuple[int, int]]:
    """The message cut at punctuation and clause words: a limit's scope ('per gemeente') must be in its clause."""
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]


def _after_cue(text: str, at: int) -> tuple[str, Share | int, tuple[int, int]] | None:
    """The share or amount right after a cue ('er', 'een', 'slechts' may come between): ('share', Share)
    or ('amount', int), with its span; None when no number follows."""
    rest = text[at:]
    lead = re.match(r"\s*(?:(?:er|nog|slechts|wel|dan|de|het|eens|even|maar|gewoon|toch|dus)\s+)*(?:(?:op|naar)\s+)?", rest, re.IGNORECASE)
    offset = at + (lead.end() if lead else 0)
    share = re.match(rf"{_SHARE}{_OF}(?=$|[\s,.;?!])", text[offset:], re.IGNORECASE)
    if share:
        value = _share_value(share.group("share"))
        ok, indicator = _of_what(share.group("of"), text)
        if value is not None and ok:
            return "share", Share(value, indicator), (offset, offset + share.end())
        if value is not None:  # 'van de woningen' that are the total: the share of the total
            end = offset + share.end("share")
            return "share", Share(value, None), (offset, end)
    amount = re.match(_AMOUNT, text[offset:], re.IGNORECASE)
    if amount:
        value_int = _amount_value(amount)
        if value_int is not None:
            return "amount", value_int, (offset, offset + amount.end())
    return None


@dataclass
class _Bound:
    kind: LimitKind
    what: str  # 'share' or 'amount'
    value: Share | int
    span: tuple[int, int]


def _number_before_noun(text: str, nouns_of: tuple[tuple[str, LimitKind], ...], found: list[_Bound], taken: list[tuple[int, int]]) -> None:
    """'30 procent is het max', '5 per gemeente als minimum', 'een kwart is het plafond': the number
    first, then a form of 'zijn'/'als' and the limit noun."""
    for nouns, kind in nouns_of:
        pattern = rf"(?:^|(?<=\s))(?=\S)[^\s]+(?:\s?(?:%|procent))?\s+(?:per\s+gemeente\s+)?(?:is|als|wordt|geldt als)\s+(?:het|de|een|ons)?\s*(?:{nouns})\b"
        for cue in re.finditer(pattern, text, re.IGNORECASE):
            after = _after_cue(text, cue.start())
            if after is not None and not any(s <= cue.start() < e for s, e in taken):
                what, value, _ = after
                found.append(_Bound(kind, what, value, (cue.start(), cue.end())))
                taken.append((cue.start(), cue.end()))


def _bounds_in(text: str) -> list[_Bound]:
    """Every cap and floor: a cue ('maximaal', 'ten minste', 'niet meer dan') with a number after it,
    in a clause that makes it per municipality ('per gemeente', 'elke gemeente', 'geen gemeente'),
    or a noun ('plafond van 50', 'ondergrens van 5%') that is a per-municipality limit by itself."""
    found: list[_Bound] = []
    taken: list[tuple[int, int]] = []

    def add(kind: LimitKind, cue_start: int, cue_end: int) -> None:
        if any(s <= cue_start < e for s, e in taken):
            return
        after = _after_cue(text, cue_end)
        if after is None:
            return
        what, value, (_, end) = after
        found.append(_Bound(kind, what, value, (cue_start, end)))
        taken.append((cue_start, end))

    nouns_of: tuple[tuple[str, LimitKind], ...] = ((_CAP_NOUNS, "cap"), (_FLOOR_NOUNS, "floor"))
    for nouns, kind in nouns_of:
        for cue in re.finditer(rf"\b(?:{nouns}){_NOUN_LINK}", text, re.IGNORECASE):
            if not _TOTAL_LEAD.search(text[max(0, cue.start() - 25) : cue.start()]):  # 'verdeel maximum 400 woningen'
                add(kind, cue.start(), cue.end())
        # 'maak die vloer 7', 'het plafond naar 60': a limit named before, given a new number
        for cue in re.finditer(rf"\b(?:die|dat|de|het|dit|deze)\s+(?:{nouns})\s+(?:naar\s+|op\s+)?(?=\S)", text, re.IGNORECASE):
            add(kind, cue.start(), cue.end())
        # 'het plafond mag omhoog naar 25', 'het minimum gaat terug tot 3': a few words, then naar/op/tot
        for cue in re.finditer(
            rf"\b(?:die|dat|de|het|dit|deze|een)\s+(?:{nouns})(?:\s+[a-z]+){{0,3}}?(?:\s+(?:naar|op|tot)\s+|\s*:\s*)(?=\S)", text, re.IGNORECASE
        ):
            add(kind, cue.start(), cue.end())
    _number_before_noun(text, nouns_of, found, taken)
    for lo, hi in _clauses(text):
        clause = text[lo:hi]
        scoped = _SCOPE.search(clause) is not None
        negated = _NEGATED_SCOPE.search(clause) is not None
        cues: list[tuple[str, LimitKind, bool]] = [(_CAP_CUES, "cap", scoped), (_FLOOR_CUES, "floor", scoped),
                (_NEGATED_CAP, "cap", negated), (_NEGATED_FLOOR, "floor", negated)]
        for words, kind, allowed in cues:
            for cue in re.finditer(rf"\b(?:{words})(?=\s)", clause, re.IGNORECASE):
                if not allowed and not _limit_by_itself(text, lo, hi, lo + cue.end()):
                    continue
                if _TOTAL_LEAD.search(text[max(0, lo + cue.start() - 25) : lo + cue.start()]):
                    continue  # 'verdeel maximaal 250 woningen …': the total, even with a scope elsewhere
                add(kind, lo + cue.start(), lo + cue.end())
    return sorted(found, key=lambda b: b.span[0])


_FILLER = re.compile(
    r"^(?:\s|en|met|dan|wel|nog|graag|a\.?u\.?b\.?|alstublieft|aub|stuks|woningen|woning|plekken|plek|plaatsen|"
    r"personen|statushouders|euro|eur|[.!?,;:])*$", re.IGNORECASE)


def _limit_by_itself(text: str, lo: int, hi: int, cue_end: int) -> bool:
    """A cue without 'per gemeente' still makes a limit when the number is a share ('maximaal 25%': a
    share of the total cannot be the total) or when the clause holds nothing but the cue and its amount
    (', maximaal 50'): the total is named elsewhere."""
    after = _after_cue(text, cue_end)
    if after is None:
        return False
    what, _, (start, end) = after
    if what == "share":
        return True
    before = text[lo:start]
    before = re.sub(rf"\b(?:{_CAP_CUES}|{_FLOOR_CUES})\b", " ", before, flags=re.IGNORECASE)
    return bool(_FILLER.match(before)) and bool(_FILLER.match(text[end:hi]))


def _first_years(text: str) -> tuple[int, tuple[int, int]] | None:
    best: tuple[int, tuple[int, int]] | None = None
    for pattern in _YEAR_PATTERNS:
        for match in pattern.finditer(text):
            value = _value(match.group("num"))
            if value is not None and (best is None or match.start() < best[1][0]):
                best = (value, match.span())
                break
    return best


def find_limits(text: str) -> Limits:
    """Caps, floors and years named in `text`; the first of each kind counts, later ones of the same
    kind are left for the accounting (which asks about them)."""
    limits = Limits()
    for bound in _bounds_in(text):
        if bound.kind == "cap" and limits.cap_absolute is None and limits.cap_share is None:
            if isinstance(bound.value, Share):
                limits.cap_share = bound.value
            else:
                limits.cap_absolute = bound.value
        elif bound.kind == "floor" and limits.floor_absolute is None and limits.floor_share is None:
            if isinstance(bound.value, Share):
                limits.floor_share = bound.value
            else:
                limits.floor_absolute = bound.value
        else:
            continue
        limits.spans.append(bound.span)
        limits.roles.append((*bound.span, bound.kind))
    years = _first_years(text)
    if years is not None:
        limits.years = years[0]
        limits.spans.append(years[1])
        limits.roles.append((*years[1], "years"))
    return limits


LIMIT_REMOVAL = re.compile(
    r"\b(?:zonder|geen|weg|weglaten|eruit|eraf|erafhalen|eruithalen|schrap\w*|verwijder\w*|verval\w*|vallen|"
    r"loslaten|los|af|ophef\w*|afschaf\w*|niet meer|hoeft niet|hoeven niet|vergeet|vergeten|negeer\w*|telt niet|niet mee|niet meetellen|niet meerekenen|niet meenemen)\b",
    re.IGNORECASE,
)
"""The words that take a limit (or existing effort) away: 'zonder maximum', 'geen plafond', 'laat dat
maximum weg', 'haal die ondergrens eruit', 'het minimum vervalt', 'vergeet die 100 van Delft'. A closed
class of particles and verbs (the one place it lives); what is taken away is named by its own words."""
_DROPPED_CAP = re.compile(r"\b(?:plafond|maximum|bovengrens|cap)\b|\b(?:zonder|geen) max\b", re.IGNORECASE)
_DROPPED_FLOOR = re.compile(r"\b(?:ondergrens|minimum|vloer|bodem)\b|\b(?:zonder|geen) min\b", re.IGNORECASE)
"""The limit nouns; 'max' and 'min' only right after 'zonder'/'geen' ('min Kerkrade' leaves a municipality out)."""
_DROPPED_EITHER = re.compile(r"\b(?:grens|grenzen|limiet|limieten|begrenzing)\b", re.IGNORECASE)
_SENTENCE_PART = re.compile(r"[.;?!\n]|,(?!\d)")


def dropped_limits(text: str) -> tuple[bool, bool, bool]:
    """(cap dropped, floor dropped, a limit of either kind dropped): a limit noun and a removal word in
    the same part of a sentence. 'laat die grens los' names no kind: the caller drops the limits there are.

    A new number for the same limit wins over the removal (the caller applies the number)."""
    cap = floor = either = False
    for part in _SENTENCE_PART.split(text):
        if not LIMIT_REMOVAL.search(part):
            continue
        cap = cap or _DROPPED_CAP.search(part) is not None
        floor = floor or _DROPPED_FLOOR.search(part) is not None
        either = either or _DROPPED_EITHER.search(part) is not None
    return cap, floor, either


_RANGE_TOTAL = re.compile(rf"(?<![\d.,])(?P<a>\d{{1,3}}(?:\.\d{{3}})*|\d+)\s*(?:à|a|-|–|tot|of)\s*(?P<b>\d{{1,3}}(?:\.\d{{3}})*|\d+)\s+{_UNIT}\b", re.IGNORECASE)


def total_problem(text: str) -> str | None:
    """A Dutch question when the total is written in a way that cannot be meant as is ('300 à 350
    woningen': two totals, one is asked for)."""
    span = _RANGE_TOTAL.search(text)
    if span and int(span.group("a").replace(".", "")) < int(span.group("b").replace(".", "")):
        return f"U noemt {span.group('a')} tot {span.group('b')}: met welk totaal zal ik rekenen? Noem één aantal."
    negative = _NEGATIVE.search(text)
    if negative:
        return (
            f"Een negatief totaal (-{negative.group('num')}) kan ik niet verdelen. "
            "Hoeveel woningen of plekken moeten er verdeeld worden?"
        )
    scientific = _SCIENTIFIC.search(text)
    if scientific:
        return (
            f"'{scientific.group(0)}' lees ik niet als aantal. Schrijf het totaal uit, bijvoorbeeld 1000 of 1.000."
        )
    fraction = _FRACTION.search(text)
    if fraction:
        return (
            f"Het totaal {fraction.group('num')} is geen heel aantal. "
            "Hoeveel hele woningen of plekken moeten er verdeeld worden?"
        )
    if _ZERO.search(text):
        return "Bij een totaal van 0 valt er niets te verdelen. Hoeveel woningen of plekken moeten er verdeeld worden?"
    return None
