"""One message read once: everything the router needs, without any conversation state.

The router (assistant.router) decides what the message means in the conversation; this module
only says what is literally in it.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from assistant.parsing.accounting import NumberSpan, Role, char_span, number_spans, unaccounted
from assistant.parsing.existing import ExistingMention, find_existing, find_nothing_done
from assistant.parsing.identifiers import identifier_spans
from assistant.parsing.keys import KeyParse, bare_weight, dropped_existing, find_first, parse_key, ratio_key
from assistant.parsing.limits import Share, dropped_limits, find_limits, total_problem
from assistant.parsing.money import find_money
from assistant.parsing.numbers import NumberToken, find_numbers
from assistant.parsing.places import PlaceIndex, PlaceMention, default_index
from assistant.parsing.spelling import correct, correct_limit_words
from assistant.parsing.text import Token, expand_abbreviations, normalise, tokenize
from assistant.parsing.totals import TotalParse, find_total
from assistant.parsing.vocab import (
    ALLOCATION_QUESTION,
    EXCLUDE_WORDS,
    FOLLOW_UP,
    GROUPS,
    HELP,
    IMPERATIVE,
    INCLUDE_WORDS,
    INDICATORS,
    KEY_SLOT,
    LOOSE_ALLOCATION_QUESTION,
    METHODS,
    NOT_KEY_WORDS,
    NOT_UNITS,
    PROFILE,
    QUESTION_WORDS,
    STRONG_CUES,
    UNIT_WORDS,
)
from koploper.methods import Method
from koploper.text import verb_first, verb_form

MAX_CHARS = 2000
NATIONAL = re.compile(r"\b(?:heel|geheel|over|in|alle gemeenten van|alle gemeenten in) nederland\b")
"""The whole country as the group; the engine's name for it is NATIONAL_GROUP."""
NATIONAL_GROUP = "heel Nederland"
RIJK = re.compile(r"\bhet rijk\b.*\bverdee?l")
"""'als het Rijk 13.000 statushouders verdeelt': the Rijk shares a number over the whole country."""
_FOCUS_BEFORE = frozenset(["aandeel", "deel", "moet", "moeten", "krijgt", "doet", "levert", "neemt", "huisvest", "draagt", "bijdrage", "opgave", "taak"])
_FOCUS_AFTER = frozenset(["moet", "moeten", "doen", "krijgt", "krijgen", "leveren", "nemen", "huisvesten", "bijdragen"])


@dataclass
class ParsedMessage:
    """What one message literally says; places already split into region, municipality list and focus."""

    text: str
    norm: str
    tokens: list[Token]
    total: int | None = None
    unit: str | None = None
    bare_number: int | None = None
    mentions: list[PlaceMention] = field(default_factory=list)
    region: str | None = None
    region_inferred: bool = False
    municipalities: list[str] = field(default_factory=list)
    focus: str | None = None
    focus_cued: bool = False
    outside_regions: list[str] = field(default_factory=list)
    regions_named: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    included: list[str] = field(default_factory=list)
    unknown_key: str | None = None
    unknown_places: list[str] = field(default_factory=list)
    years: int | None = None
    cap_absolute: int | None = None
    floor_absolute: int | None = None
    cap_share: Share | None = None
    floor_share: Share | None = None
    total_problem: str | None = None
    """A Dutch question when the total is written so that it cannot be meant as is (-5, 0, 12,5, 1e3)."""
    total_delta: int | None = None
    """'en met 50 extra?', 'als er 20 woningen bij komen', '30 minder': the last total changed by this much."""
    total_factor: float | None = None
    """'en als het aantal verdubbelt?', 'doe maar 10% minder', 'als het de helft wordt': the last total times this."""
    delta_unit: str | None = None
    """The unit named with the change ('120 statushouders extra'): with no request before it, the total's."""
    key_problem: str | None = None
    """A Dutch question when the key's weights as written do not add up to 100 % ('60% inwoners en 30% woningen')."""
    drops_cap: bool = False
    drops_floor: bool = False
    drops_limit: bool = False
    """'laat die grens maar los': a limit taken away without saying which (the router drops those set)."""
    amount: Decimal | None = None
    """The total as an amount of money (unit 'euro'); may have cents."""
    key: KeyParse = field(default_factory=lambda: KeyParse(weights=None))
    existing: dict[str, int] = field(default_factory=dict)
    """'Den Haag heeft al 40 gehuisvest': municipality → what it already did (the engine's correction)."""
    existing_mentions: list[ExistingMention] = field(default_factory=list)
    existing_cleared: list[str] = field(default_factory=list)
    """'stel dat Nijmegen nog niks gedaan had': municipalities whose existing effort is taken away."""
    existing_dropped: bool = False
    """'reken zonder bestaande inzet': all existing effort taken away."""
    numbers: list[NumberSpan] = field(default_factory=list)
    """Every number in the message as typed."""
    roles: list[Role] = field(default_factory=list)
    """What each number was read as (the accounting rule: every number gets a role or a question)."""
    reference_years: list[int] = field(default_factory=list)
    """Calendar years named ('in 2026'): read as a date, never as an amount."""
    notes: list[str] = field(default_factory=list)
    """What the parser read differently from the letters ('huishoudes' as huishoudens): said in the reply."""
    noted: list[str] = field(default_factory=list)
    """How numbers that only inform were read: '2026 als jaartal', '1 januari 2024 als datum'."""
    bare_ratio: list[float] = field(default_factory=list)
    """'en 50/50?': weights without indicators, for the last key's indicators in their order."""
    list_as_subject: bool = False
    """'Nijmegen en Arnhem krijgen te veel': the municipalities named are the subject of a verb (in a
    follow-up about members of the last group they are no new group)."""
    member_count: int | None = None
    """'de 7 gemeenten': how many municipalities the message says the group has."""
    compare_keys: list[str] = field(default_factory=list)
    """'Wat scheelt het als we naar huishoudens verdelen?', 'vergelijk inwoners en woningvoorraad': the
    indicators to put side by side (one: against the last request's key)."""
    compare_cue: bool = False
    """'vergelijk', 'wat scheelt het', 'naast elkaar': the user wants two outcomes side by side."""
    loose_question: bool = False
    """'Hoeveel woningen levert Losser …': an allocation question when there is a request to follow up on."""
    per_year: bool = False
    """The total was given per year ('100 woningen per jaar')."""
    spread_asked: bool = False
    """'uitsmeren', 'spreiden' without a number of years: the reply asks over how many years."""
    method: Method | None = None
    group: str | None = None
    strong_cue: bool = False
    allocation_question: bool = False
    imperative: bool = False
    question: bool = False
    asks_later: bool = False
    """A later sentence part asks a question and nothing before it is a request ('ik werk bij gemeente
    Wijchen. Wat is …?'): a question when no request is going on (the router decides)."""
    follow_up: bool = False
    help: bool = False
    profile_target: str | None = None
    command: str | None = None
    command_arg: str = ""

    @property
    def unaccounted(self) -> list[NumberSpan]:
        """The numbers no reader gave a role: the reply must ask about them."""
        return unaccounted(self.numbers, self.roles)

    @property
    def has_place(self) -> bool:
        return bool(self.region or self.municipalities or self.focus)

    @property
    def has_total(self) -> bool:
        return self.total is not None or self.amount is not None

    @property
    def names_cap(self) -> bool:
        return self.cap_absolute is not None or self.cap_share is not None

    @property
    def names_floor(self) -> bool:
        return self.floor_absolute is not None or self.floor_share is not None

    @property
    def allocation_fields(self) -> set[str]:
        """Which allocation fields this message sets on its own (a follow-up changes exactly these)."""
        found: set[str] = set()
        if self.has_total or self.bare_number is not None or self.total_problem or self.total_delta is not None or self.total_factor is not None:
            found.add("total")
        if self.region or self.municipalities or self.excluded or self.included:
            found.add("region")
        if self.focus or self.unknown_places:  # 'wat krijgt Bussum?': a place asked about, even unknown
            found.add("focus")
        if self.key.weights is not None or self.unknown_key or self.bare_ratio:
            found.add("key")
        if self.key.existing or self.existing or self.existing_cleared or self.existing_dropped:
            found.add("existing")
        if self.method:
            found.add("method")
        if self.group:
            found.add("group")
        if self.years or self.spread_asked:
            found.add("years")
        if self.noted:
            found.add("year")
        if self.compare_keys:
            found.add("compare")
        if self.names_cap or self.names_floor or self.drops_cap or self.drops_floor or self.drops_limit:
            found.add("limits")
        return found

    @cached_property
    def yes_no(self) -> bool:
        """The message ends in a yes/no question: its last sentence opens with a finite verb and ends in '?' ('Zijn
        er cijfers over …?', 'telt hij mee voor de taakstelling?'). Without a number, an order or 'wat krijgt …' it
        asks about the material, not for a share. Read only when the router needs it: the verb test loads the
        dictionary (about 0.3 s), which a plain request should not pay for."""
        return _yes_no(self.text, self.tokens)


def _focus_cue(tokens: list[Token], m: PlaceMention) -> bool:
    before = {t.text for t in tokens[max(0, m.start - 3) : m.start]}
    after = {t.text for t in tokens[m.end : m.end + 2]}
    return bool(before & _FOCUS_BEFORE or after & _FOCUS_AFTER)


def _split_edits(msg: ParsedMessage) -> list[PlaceMention]:
    """'zonder Kerkrade' and 'plus Simpelveld' go to excluded/included; the other mentions are returned."""
    tokens = msg.tokens
    mentions: list[PlaceMention] = []
    for k, m in enumerate(msg.mentions):
        before = [t.text for t in tokens[max(0, m.start - 3) : m.start]]
        after = _words_after_list(msg, k)
        place = m.municipality
        let_go = bool(after & _LET_GO) and bool(set(before) & {"laat", "laten"})  # 'laat Delft maar zitten'
        if place is not None and (set(before) & EXCLUDE_WORDS or after & EXCLUDE_AFTER or let_go):
            msg.excluded.append(place.name)
        elif place is not None and (set(before) & INCLUDE_WORDS or after & INCLUDE_AFTER) and not (m.region and not after & INCLUDE_AFTER):
            msg.included.append(place.name)
        else:
            mentions.append(m)
    # 'Montferland doet niet meer mee …; kun je het zonder Montferland doen?': a name left out anywhere
    # in the message is left out, not also the municipality to look at
    return [m for m in mentions if m.municipality is None or m.municipality.name not in msg.excluded]


EXCLUDE_AFTER = frozenset(["erbuiten", "eruit", "buiten", "weglaten", "weg", "uitsluiten", "schrappen", "afhalen", "af", "eraf"])
INCLUDE_AFTER = frozenset(["erbij", "mee", "toevoegen", "meetellen", "meerekenen", "bijvoegen", "toe"])
"""The particles of separable verbs after a place: 'Landgraaf valt af', 'voeg Brunssum er ook aan toe',
'Delft doet mee'; with 'niet' before the particle ('Delft doet niet mee') an inclusion is an exclusion."""
_LET_GO = frozenset(["zitten", "vallen", "rusten", "achterwege", "liggen"])
"""'laat Delft maar zitten', 'laten we Rijswijk vallen': with 'laat/laten' before the place, left out."""
_FILLER_WORDS = frozenset(["dan", "maar", "ook", "nog", "wel", "toch", "laten", "we", "ook", "gewoon", "even", "meer"])


_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:\b(?:en|of)\b)?\s*(?:(?:de\s+)?(?:stad|gemeente)\s+)?", re.IGNORECASE)
"""Between two names of one list: a comma, 'en' or 'of', and 'de stad'/'gemeente' before the second name."""
_CITY_WORDS = frozenset(["stad", "gemeente"])


def _listed(msg: ParsedMessage, a: PlaceMention, b: PlaceMention) -> bool:
    """Two mentions next to each other in one list: only a comma, 'en' or 'of' between them in the text
    as typed ('Velsen, Beverwijk en Heemskerk'); a bracket, a full stop or any word ends the list."""
    tokens = msg.tokens
    if b.start <= a.end - 1 or b.start - a.end > 3:
        return False
    gap = msg.text[tokens[a.end - 1].end : tokens[b.start].start]
    return _LIST_GAP.fullmatch(gap) is not None


def _words_after_list(msg: ParsedMessage, k: int) -> set[str]:
    """The words right after the list of places that mention k belongs to ('Haaksbergen en Hof van
    Twente erbuiten laten', 'Delft dan maar mee'), skipping small filler words."""
    tokens, mentions = msg.tokens, msg.mentions
    end = mentions[k].end
    j = k
    while j + 1 < len(mentions) and _listed(msg, mentions[j], mentions[j + 1]):
        j += 1
        end = mentions[j].end
    found: set[str] = set()
    starts = {m.start for m in mentions}
    for t in tokens[end : end + 7]:
        if t.after_break or t.index in starts:  # another clause or another place's own verb
            break
        if t.text in _FILLER_WORDS:
            continue
        found.add(t.text)
        if t.text in EXCLUDE_AFTER | INCLUDE_AFTER | _LET_GO or ("er" in found and t.text in ("uit", "bij")) or (t.text.startswith("mee") and t.text != "meer"):
            break
    if "er" in found:  # 'Oldenzaal mag er ook uit', 'Borne komt er ook bij': 'er' splits eruit, erbij
        found |= {"er" + w for w in found if w in ("uit", "bij", "af", "buiten")}
    if any(w.startswith("mee") and len(w) > 5 for w in found):  # 'als Westland (niet) meedoet': fused particle
        found.add("mee")
    if "niet" in found and found & INCLUDE_AFTER:
        return {"buiten"}  # 'Delft doet niet mee'
    return found & (EXCLUDE_AFTER | INCLUDE_AFTER | _LET_GO)


def _qualifies_a_list(msg: ParsedMessage, region: PlaceMention, mentions: list[PlaceMention]) -> bool:
    """'de 4 Twentse steden Enschede, Hengelo, Almelo en Oldenzaal', 'de Parkstadgemeenten Heerlen en
    Kerkrade': a region named as a qualifier of a plural place noun, right before a list of
    municipalities, only describes the list; the list is the group."""
    tokens = msg.tokens
    noun = next((j for j in range(region.end, min(region.end + 2, len(tokens))) if tokens[j].text.endswith(_MEMBER_NOUNS)), None)
    if noun is None and not tokens[region.end - 1].text.endswith(_MEMBER_NOUNS):
        return False
    start = (noun + 1) if noun is not None else region.end
    listed = [m for m in mentions if m.municipality is not None and m.start >= start]
    return len(listed) >= 2 and listed[0].start <= start + 1 and _listed(msg, listed[0], listed[1])


def _municipality_readings(msg: ParsedMessage, mentions: list[PlaceMention]) -> set[int]:
    """Names that are both a region and a municipality (Groningen) read as the municipality: named as a
    city ('de stad Groningen', 'gemeente Groningen') or standing in a list of municipalities ('over
    Amsterdam, Enschede, Groningen en Heerlen': the list is a group of municipalities, each name resolved
    on its own)."""
    readings: set[int] = set()
    for k, m in enumerate(mentions):
        if m.municipality is None:
            continue
        if m.start > 0 and msg.tokens[m.start - 1].text in _CITY_WORDS:
            readings.add(id(m))
        for other in (mentions[k - 1] if k > 0 else None, mentions[k + 1] if k + 1 < len(mentions) else None):
            if other is None or other.municipality is None:
                continue
            first, second = (other, m) if other.start < m.start else (m, other)
            if _listed(msg, first, second) and not (other.region and not _city_named(msg, other) and len(mentions) == 2):
                readings.add(id(m))
    return readings


def _city_named(msg: ParsedMessage, m: PlaceMention) -> bool:
    return m.start > 0 and msg.tokens[m.start - 1].text in _CITY_WORDS


def _region_and_municipalities(msg: ParsedMessage, mentions: list[PlaceMention]) -> tuple[str | None, list[PlaceMention]]:
    """The region named (a pure region name first, else the first name that is both) and the municipalities."""
    pure_regions = [m for m in mentions if m.region and not m.municipality and not _qualifies_a_list(msg, m, mentions)]
    as_municipality = _municipality_readings(msg, mentions)
    ambiguous = [m for m in mentions if m.region and m.municipality and id(m) not in as_municipality]
    munis = [m for m in mentions if m.municipality and (not m.region or id(m) in as_municipality)]
    if pure_regions:
        return pure_regions[0].region, sorted(munis + ambiguous, key=lambda m: m.start)
    if ambiguous:
        first = ambiguous[0]
        if _focus_cue(msg.tokens, first) and not munis:
            munis = [first]
        return first.region, sorted(munis + ambiguous[1:], key=lambda m: m.start)
    return None, munis


def _names_and_cued(msg: ParsedMessage, munis: list[PlaceMention]) -> tuple[list[str], list[str]]:
    names: list[str] = []
    cued: list[str] = []
    for m in munis:
        place = m.municipality
        assert place is not None
        if place.name not in names:
            names.append(place.name)
        if _focus_cue(msg.tokens, m) and place.name not in cued:
            cued.append(place.name)
    return names, cued


def _assign_places(msg: ParsedMessage, index: PlaceIndex) -> None:
    """Split the mentions into the region, an explicit list of municipalities and the focus municipality."""
    mentions = _split_edits(msg)
    msg.regions_named = list(dict.fromkeys(m.region for m in mentions if m.region and not m.municipality))
    region, munis = _region_and_municipalities(msg, mentions)
    names, cued = _names_and_cued(msg, munis)
    if region:  # 'ook Simpelveld doet mee' about a member, 'Delft doet niet mee' about an outsider: no change
        in_region = set(index.member_names(region))
        msg.included = [n for n in msg.included if n not in in_region]
        outside = [n for n in msg.excluded if n not in in_region]
        if outside:
            msg.notes.append(f"{' en '.join(outside)} {'hoort' if len(outside) == 1 else 'horen'} al niet bij {region}; dat verandert niets aan de groep.")
        msg.excluded = [n for n in msg.excluded if n in in_region]
    if not region and names and msg.included:  # 'over Zwolle plus Kampen plus Dalfsen': one list of municipalities
        names = names + [n for n in msg.included if n not in names]
        msg.included = []
    only = _only_these(msg) if region else []
    if only:  # 'binnen de MRA alleen Amsterdam, Diemen en Amstelveen meenemen': the list is the group
        region, munis, cued = None, only, []
        names = list(dict.fromkeys(m.municipality.name for m in only if m.municipality is not None))
        msg.included = [n for n in msg.included if n not in names]
    if region and (msg.excluded or msg.included):
        members = [n for n in index.member_names(region) if n not in msg.excluded]
        msg.municipalities = members + [n for n in msg.included if n not in members]
        cued_members = [n for n in cued if n in msg.municipalities]
        if cued_members:
            msg.focus, msg.focus_cued = cued_members[0], True
    elif region:
        msg.region = region
        if names:
            msg.focus = cued[0] if cued else names[0]
            msg.focus_cued = bool(cued) or len(names) == 1
    elif len(names) >= 2:
        msg.municipalities = names
        msg.list_as_subject = _subject_of_a_verb(msg.tokens, munis)
        msg.unknown_places = _unknown_in_list(msg, munis)
        if cued and len(cued) < len(names):
            msg.focus, msg.focus_cued = cued[0], True
    elif names:
        msg.focus, msg.focus_cued = names[0], True
        regions = index.regions_of.get(names[0], ())
        if len(regions) == 1:
            msg.region, msg.region_inferred = regions[0], True
        else:
            msg.outside_regions = [names[0]]


_GENERIC_REGION = frozenset(["regio", "provincie"])


def _region_of_existing(msg: ParsedMessage, index: PlaceIndex) -> None:
    """'Groningen stad zit al op 50 en Oldambt op 8; de opgave voor de hele provincie is 300': a region named
    only by its kind ('de provincie', 'de regio', 'de regio-opgave') is the one region all municipalities
    with existing effort belong to (of that kind); the reply says how it read it."""
    if msg.region or msg.municipalities or not msg.existing:
        return
    nouns = [t for t in msg.tokens if t.text in _GENERIC_REGION]
    if not nouns:
        return
    regions = {r for name in msg.existing for r in index.regions_of.get(name, ())}
    if any(not index.regions_of.get(name) for name in msg.existing) or len(regions) != 1:
        return
    region = regions.pop()
    if all(t.text == "provincie" for t in nouns) and not region.lower().startswith("provincie"):
        return
    msg.region, msg.region_inferred = region, True
    names = list(msg.existing)
    noun = "provincie" if region.lower().startswith("provincie") and any(t.text == "provincie" for t in nouns) else nouns[0].text
    named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    msg.notes.append(f"'{noun}' lees ik als {region}, waar {named} bij {'hoort' if len(names) == 1 else 'horen'}.")


_ONLY = re.compile(r"\b(?:alleen|enkel|uitsluitend|slechts|namelijk|te weten)\b", re.IGNORECASE)


def _only_these(msg: ParsedMessage) -> list[PlaceMention]:
    """'Binnen de MRA alleen Amsterdam, Diemen en Amstelveen', 'alleen de drie grootste van Twente: Enschede,
    Hengelo en Almelo': a list of municipalities (joined by commas and 'en') that a word of restriction
    introduces in its own sentence narrows the region named to that list; its mentions, or none. A list
    that is the subject of a verb ('alleen Heerlen en Kerkrade hebben al iets gedaan') or is negated
    ('alleen Delft en Rijswijk niet') narrows nothing."""
    listed = [m for m in msg.mentions if m.municipality is not None and not m.region]
    run = next((k for k in range(len(listed) - 1) if _listed(msg, listed[k], listed[k + 1])), None)
    if run is None:
        return []
    end = run
    while end + 1 < len(listed) and _listed(msg, listed[end], listed[end + 1]):
        end += 1
    after = {t.text for t in msg.tokens[listed[end].end : listed[end].end + 2]}
    sentence = re.split(r"[.!?;]\s", msg.text[: msg.tokens[listed[run].start].start])[-1]
    if after & (_FINITE | {"niet", "geen"}) or _ONLY.search(sentence) is None:
        return []
    return listed[run : end + 1]


_FINITE = frozenset(
    ["krijgen", "krijgt", "hebben", "heeft", "zijn", "is", "doen", "doet", "gaan", "gaat", "komen", "komt", "vallen", "valt", "worden", "wordt",
     "staan", "staat", "zitten", "zit", "scoren", "scoort", "springen", "springt", "steken", "steekt", "lijken", "lijkt"]
)
_GROUP_LEADS = frozenset(["over", "tussen", "voor", "alleen", "met", "van", "enkel", "uitsluitend"])


def _subject_of_a_verb(tokens: list[Token], munis: list[PlaceMention]) -> bool:
    """'Nijmegen en Arnhem krijgen te veel': a list of names right before a finite verb, not introduced by
    a word of grouping ('over', 'tussen', 'voor'), is what the sentence is about, not a new group."""
    first, last = munis[0], munis[-1]
    before = tokens[first.start - 1].text if first.start > 0 else ""
    after = tokens[last.end].text if last.end < len(tokens) else ""
    return after in _FINITE and before not in _GROUP_LEADS


def _read_as(msg: ParsedMessage) -> list[str]:
    """'Ubbergen' read as Tubbergen: a name forgiven as a slip is said in the reply, so a former or
    unknown municipality one letter from another is never swapped silently."""
    notes: list[str] = []
    for m in msg.mentions:
        name = m.municipality.name if m.municipality is not None else m.region
        typed = msg.text[msg.tokens[m.start].start : msg.tokens[m.end - 1].end]
        if m.fuzzy and m.municipality is not None:
            notes.append(f"'{typed}' lees ik als {name}; bedoelt u een andere (of een voormalige) gemeente, noem dan de gemeente van nu.")
        elif m.fuzzy and name:
            notes.append(f"'{typed}' lees ik als {name}.")
    return notes


def _unknown_near(msg: ParsedMessage) -> list[str]:
    """Capitalised unknown words joined to a named place ('over Enschede en Sneek') or right after 'over'.

    A name that is no municipality or region must not silently drop out of the request.
    """
    tokens = msg.tokens
    covered = {i for m in [*msg.mentions, *(e.mention for e in msg.existing_mentions)] for i in range(m.start, m.end)}
    spots: set[int] = set()
    for m in msg.mentions:
        if m.end + 1 < len(tokens) and tokens[m.end].text in ("en", "of"):
            spots.add(_past_articles(tokens, m.end + 1))  # 'over Twente en de Achterhoek'
        if m.start >= 2 and tokens[m.start - 1].text in ("en", "of"):
            spots.add(m.start - 2)
        if m.start >= 1 and tokens[m.start - 1].capitalised and msg.text[tokens[m.start - 1].end : tokens[m.start].start].strip() == ",":
            spots.add(m.start - 1)  # 'Weesp, Diemen en Ouder-Amstel': a name in the same list
    spots |= {i + 1 for i in range(len(tokens) - 1) if _names_a_region(tokens, i)}  # 'regio foodvalley, 250 …'
    # 'wat krijgt Bussum?', 'hoeveel moet Bussum leveren', 'en Bussum?': the place a share is asked for
    spots |= {i + 1 for i in range(len(tokens) - 1) if tokens[i].text in _SHARE_VERBS and tokens[i + 1].capitalised and not tokens[i + 1].after_break}
    if len(tokens) >= 2 and tokens[0].text in ("en", "voor") and tokens[1].capitalised:
        spots.add(1)
    spots |= {  # '… voor Twente bij. Kun je …': a preposition at the end of a sentence governs nothing after it
        _past_articles(tokens, i + 1) for i, t in enumerate(tokens[:-1]) if t.text in ("over", "tussen", "van", "bij") and not tokens[i + 1].after_break
    }
    unknown: list[str] = []
    for spot in sorted(spots):
        i = spot
        while 0 < i < len(tokens) and tokens[i].hyphen_before and i - 1 not in covered and tokens[i - 1].text.isalpha():
            i -= 1  # 'Oud-Beijerland, Barendrecht': the name starts at its first part
        token = tokens[i]
        # 'over regio foodvalley': a name, whatever its capitals
        announced = (
            i > 0 and tokens[i - 1].text in _PLACE_NOUNS and not token.after_break and token.text not in _FUNCTION_WORDS and not verb_form(token.text)
        )
        if i == 0 or i in covered or not token.text.isalpha() or not (token.capitalised or announced):
            continue
        if token.text in ("de", "het", "een", "alle", "nederland") or find_first(METHODS, token.text) or find_first(GROUPS, token.text):
            continue
        last = i
        while last + 1 < len(tokens) and tokens[last + 1].text.isalpha() and last + 1 not in covered and (
            tokens[last + 1].hyphen_before or (tokens[last + 1].capitalised and not tokens[last + 1].after_break)
        ):
            last += 1  # 'Noord-Limburg', 'Holland Rijnland', 'Zuid Kennemerland': a name of several words is named whole
        word = msg.text[token.start : tokens[last].end] if last > i else _original_word(msg.text, token.text)
        if word.isupper():  # 'VERDEEL … OVER DE MRA': capitals everywhere say nothing about names
            continue
        if _names_a_document(tokens[last].text):  # 'artikel 12 van de Huisvestingswet': a law, not a place
            continue
        if tokens[last].text.endswith(_MEMBER_NOUNS) and any(m.start == last + 1 and m.municipality is not None for m in msg.mentions):
            continue  # 'de Drechtsteden-gemeenten Dordrecht, Zwijndrecht, …': a plural qualifier of the names that follow
        unknown.append(word)
    return [u for u in dict.fromkeys(unknown) if u]


_DOCUMENT_HEADS = ("wet", "besluit", "regeling", "verordening", "akkoord", "convenant", "nota", "brief", "rapport", "richtlijn", "circulaire", "agenda")


def _names_a_document(word: str) -> bool:
    """'Huisvestingswet', 'Omgevingsbesluit', 'Bestuursakkoord': a compound whose head is a kind of document
    names a text, never a place."""
    return any(word.endswith(head) and len(word) >= len(head) + 4 for head in _DOCUMENT_HEADS)


_NOT_A_NAME = frozenset(
    ["hele", "heel", "gehele", "alle", "verschillende", "meerdere", "betrokken", "deelnemende", "onze", "hun", "deze", "die", "dit", "dat", "elke",
     "iedere", "periode", "tijd", "termijn", "looptijd", "regio", "regios", "provincie", "gemeenten", "gemeente", "leden", "rest", "overige", "andere",
     "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "het", "een", "de", "meer", "minder", "enkele", "aantal", "paar",
     "elkaar", "zich", "iets", "langere", "kortere", "komende", "volgende", "jaar", "jaren", "maanden",
     "mijn", "jouw", "uw", "zijn", "haar", "jullie", "ons", "iedereen", "allen", "allemaal", "zoveel", "veel", "wie",
     "kernen", "wijken", "dorpen", "buurten", "steden", "gemeentes", "deelnemers", "partners", "posten", "partijen", "regiogemeenten"]
)
"""Words after 'over' that are no name ('over de hele regio', 'over een periode van drie jaar')."""


def _unknown_lower_case(msg: ParsedMessage, numbers: list[NumberToken]) -> list[str]:
    """'verdeel 300 woningen over holland rijnland': in a message that names no known place at all, the
    plain words right after 'over'/'tussen' (past an article) are the group's name as typed, even in lower
    case; they are named back and asked about, never dropped. Vocabulary, numbers and words such as
    'periode' or 'hele' are no name."""
    from assistant.parsing.keys import indicator_mentions
    from assistant.parsing.totals import _is_unit

    if msg.mentions or msg.region or msg.municipalities:
        return []
    tokens = msg.tokens
    taken = {i for n in numbers for i in range(n.start, n.end)} | {i for m in indicator_mentions(tokens) for i in range(m.start, m.end)}

    def plain(i: int) -> bool:
        word = tokens[i].text
        return (
            word.isalpha() and len(word) >= 3 and i not in taken and word not in _FUNCTION_WORDS and word not in _NOT_A_NAME and not _is_unit(word)
            and word not in NOT_UNITS and not STRONG_CUES.match(word) and find_first(METHODS, word) is None and find_first(GROUPS, word) is None
        )

    for k, t in enumerate(tokens[:-1]):
        pronoun = any(w.text in ("er", "daar", "hier", "waar") for w in tokens[max(0, k - 4) : k])  # 'als we er 2 jaar over doen'
        if t.text not in ("over", "tussen") or pronoun:
            continue
        i = k + 1 + (tokens[k + 1].text in ("de", "het") and k + 2 < len(tokens))
        if tokens[i].after_break or not plain(i) or (i + 1 < len(tokens) and tokens[i + 1].text == "van"):
            continue
        last = i
        while last + 1 < len(tokens) and last - i < 2 and not tokens[last + 1].after_break and plain(last + 1):
            last += 1
        return [msg.text[tokens[i].start : tokens[last].end]]
    return []


_SHARE_VERBS = frozenset(["krijgt", "moet", "levert", "doet", "huisvest", "neemt", "draagt", "ontvangt"])
_PLACE_NOUNS = frozenset(["regio", "provincie", "gemeente", "streek"])
_REGION_PLACES = frozenset(["over", "in", "voor", "binnen", "tussen", "namens"])


def _names_a_region(tokens: list[Token], i: int) -> bool:
    """'regio foodvalley, …', 'over de regio Achterhoek': 'regio'/'provincie' at the start of a sentence
    part or after a preposition of place introduces a name ('uit de regio gestapt' does not)."""
    if tokens[i].text not in ("regio", "provincie", "streek"):
        return False
    j = i - 1 if i > 0 and tokens[i - 1].text == "de" and not tokens[i].after_break else i
    return j == 0 or tokens[j].after_break or tokens[j - 1].text in _REGION_PLACES
_FUNCTION_WORDS = frozenset(
    ["met", "naar", "en", "of", "van", "voor", "in", "op", "om", "te", "die", "dat", "waar", "zonder", "plus", "over", "bij", "per", "is", "zijn",
     "heeft", "moet", "krijgt", "als", "ook", "nog", "dan", "maar", "wel", "niet", "graag", "alstublieft", "aub"]
)
"""Words that cannot start a name after 'regio'/'provincie': what follows there is the rest of the sentence."""
_NAME_LEADS = frozenset(["de", "het", "regio", "provincie", "gemeente", "stadsregio", "metropoolregio"])


def _past_articles(tokens: list[Token], i: int) -> int:
    """'over de Achterhoek', 'over de regio Achterhoek': where the name itself starts."""
    while i + 1 < len(tokens) and tokens[i].text in _NAME_LEADS and not tokens[i + 1].after_break:
        i += 1  # never past the end of the sentence ('bij de regio. Als we …': 'Als' names nothing)
    return i


def _unknown_in_list(msg: ParsedMessage, munis: list[PlaceMention]) -> list[str]:
    """Capitalised words inside or right after a list of municipalities that name no municipality.

    'over Heerlen, Kerkrade en Smurfendorp' must not quietly become a list of two.
    """
    tokens = msg.tokens
    unknown: list[str] = []
    first, last = munis[0].start, munis[-1].end
    covered = {i for m in munis for i in range(m.start, m.end)}
    span = list(range(first, last))
    if last + 1 < len(tokens) and tokens[last].text in ("en", "of"):
        span += [last + 1]
        while span[-1] + 1 < len(tokens) and tokens[span[-1] + 1].hyphen_before:
            span.append(span[-1] + 1)  # 'en Amsterdam-Noord': the whole name
    for i in span:
        token = tokens[i]
        if i in covered or not token.text.isalpha() or not (token.capitalised or token.hyphen_before):
            continue
        if token.hyphen_before and unknown and i - 1 not in covered and i - 1 in span:
            unknown[-1] = msg.text[msg.text.rfind(unknown[-1], 0, token.start) : token.end]  # 'Oud-Beijerland': one name
            continue
        if not token.capitalised:
            continue
        unknown.append(msg.text and _original_word(msg.text, token.text))
    return [u for u in unknown if u]


def _original_word(text: str, folded: str) -> str:
    match = re.search(rf"\b{re.escape(folded)}\b", text, flags=re.IGNORECASE)
    return match.group(0) if match else folded


def _read_key(msg: ParsedMessage, rest: str, tokens: list[Token], numbers: list[NumberToken], total: NumberToken | None) -> KeyParse:
    """The key: cue words and weights, or a ratio ('70/30 inwoners/huishoudens'); with existing effort
    named in amounts ('Haarlem: 30 al gerealiseerd') no data column of existing effort is asked for."""
    key = parse_key(tokens, numbers, total)
    key = ratio_key(rest, tokens, total, key.existing) or key
    return dataclasses.replace(key, existing=False) if msg.existing and key.existing else key


def _key_problem(key: KeyParse) -> str | None:
    """Weights that add up to more or less than 100 %: never scale them silently, ask which is meant."""
    if key.stated_sum is None or key.weights is None or abs(key.stated_sum - 1) < 0.005:
        return None
    shown = f"{key.stated_sum * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    parts = [f"{w * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" % {name}" for name, w in key.weights.items()]
    scaled = ", ".join(parts[:-1]) + " en " + parts[-1]
    return (
        f"De gewichten van de sleutel tellen op tot {shown} %, niet tot 100 %. Welke verdeling bedoelt u? "
        f"Zeg bijvoorbeeld \"reken met {scaled}\" (de genoemde verhouding, herschaald naar 100 %), of noem de gewichten opnieuw."
    )


def _unknown_key(msg: ParsedMessage) -> str | None:
    """A word in a key slot ('naar inkomen') that is no indicator, place, method or group: never guess it."""
    if msg.key.weights is not None:
        return None
    place_words = {t.text for m in msg.mentions for t in msg.tokens[m.start : m.end]}
    for match in KEY_SLOT.finditer(msg.norm):
        word = match.group("word")
        if word in NOT_KEY_WORDS or word in place_words or word.isdigit() or len(word) < 3:
            continue
        if word in ("statushouders", "studenten", "ouderen", "urgenten", "arbeidsmigranten", "woonwagenbewoners"):
            continue
        return word
    return None


def _command(text: str) -> tuple[str | None, str]:
    m = re.match(r"^\s*/(\w+)\s*(.*)$", text, flags=re.S)
    return (m.group(1).lower(), m.group(2).strip()) if m else (None, "")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given character spans replaced by spaces (their numbers are no total)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _read_amounts(msg: ParsedMessage, euro_context: bool, count_context: bool = False) -> str:
    """Limits, money and impossible totals, read on the raw text; returns the text left for the rest.
    Digits that name something (phone numbers, postcodes, dates, addresses, article numbers) are taken
    out first: context, noted, never read as an amount, a limit, a key or a place."""
    named = _identifiers(msg)
    text = _blank(msg.text, named)
    limits = find_limits(text)
    msg.cap_absolute, msg.floor_absolute, msg.years = limits.cap_absolute, limits.floor_absolute, limits.years
    msg.cap_share, msg.floor_share = limits.cap_share, limits.floor_share
    msg.roles.extend(Role(start, end, role) for start, end, role in limits.roles)
    spans = list(limits.spans) + named
    money = find_money(_blank(text, spans), euro_context=euro_context, count_context=count_context)
    after_money = re.match(r"\s*(?:euro\s*)?(?P<word>[a-z]+)", text[money.end :], re.IGNORECASE) if money is not None else None
    after_word = after_money.group("word").lower() if after_money else ""
    come = re.match(r"\s*(?:euro\s*)?bij\s*(?P<verb>[a-z]*)", text[money.end :], re.IGNORECASE) if money is not None else None
    if come is not None and come.group("verb").lower() in {*_COME, ""}:
        after_word = "erbij"  # 'stel dat er een ton bij komt': the amount is added to the last one
    comparing = re.match(r"\s*(?:euro\s*)?[a-z]+\s+dan\b", text[money.end :], re.IGNORECASE) if money is not None else None
    if money is not None and money.amount is not None and after_word in _MORE | _LESS and not comparing:
        # 'en met 3 ton extra?': the last amount changed by this much, not a new amount
        sign = 1 if after_word in _MORE else -1
        msg.total_delta = int(money.amount) * sign if money.amount == int(money.amount) else None
        if msg.total_delta is not None:
            spans.append((money.start, money.end))
            msg.roles.append(Role(money.start, money.end, "total", "delta"))
            return _blank(text, spans)
    if money is not None:
        spans.append((money.start, money.end))
        msg.roles.append(Role(money.start, money.end, "asked" if money.problem else "total"))
        msg.per_year = re.match(r"\s*(?:euro\s*)?per jaar\b", text[money.end :], re.IGNORECASE) is not None
        msg.unit = "euro"
        msg.total_problem = money.problem
        if money.amount is not None:
            msg.amount = money.amount
            msg.total = int(money.amount) if not money.has_cents else None
    else:
        msg.total_problem = total_problem(_blank(text, spans))
    return _blank(text, spans)


COMPARE_CUE = re.compile(
    r"\b(?:wat scheelt|scheelt|verschil\w*|vergelijk\w*|vergeleken|naast elkaar|tegenover|versus|vs)\b|\bwat (?:verandert|wijzigt|verschuift) (?:er|het|dat)\b"
    r"|\b(?:is|wordt|zou|komt) (?:dat|dit|het) (?:\w+ )?anders\b"
    r"|\bmaakt (?:het|dat|dit)\b(?: \w+){0,6} uit\b|\buitmaken\b"
    r"|\b(?:zet|leg|plaats|hou|houd)\b(?: \w+){0,14} (?:er|daar|hier)?naast\b"
    r"|\b(?:met|en) (?:\w+ ){1,4}(?:er|hier)naast\b|\b(?:ernaast|hiernaast) (?:gezet|gelegd|gehouden)\b"
    r"|\bverhoud\w* (?:\w+ ){0,3}(?:tot|met)\b|\bafgezet tegen\b|\bin vergelijking met\b|\btov\b|\bt o v\b|\bten opzichte van\b"
)
"""'wat scheelt het', 'maakt het voor Losser veel uit of …', 'zet daar … naast', 'met huishoudens ernaast':
two outcomes side by side."""


DEFINING_DIFFERENCE = re.compile(r"^(?:(?:en|maar|trouwens|overigens|verder|btw|ook|oh|o|dan|tot slot|tenslotte|nog een vraag|nog iets|andere vraag) )*wat (?:is|zijn) (?:\w+ ){0,2}(?:het |de )?verschil(?:len)? tussen\b")
"""'Wat is eigenlijk het verschil tussen woningvoorraad en huishoudens?': what two things are, not two outcomes."""


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[?!.])\s+", text.strip()) if part.strip()]


def _without_defining(text: str, norm: str) -> str:
    """The message without its sentences that ask what the difference between two things is, when other
    sentences are left ('verdeel … op dezelfde manier? En wat is het verschil tussen A en B?': the
    request is one thing, the definition another). A message of that sentence alone stays as it is."""
    sentences = _sentences(text)
    if len(sentences) < 2:
        return norm
    kept = [part for part in sentences if not DEFINING_DIFFERENCE.search(normalise(part))]
    return normalise(" ".join(kept)) if kept and len(kept) < len(sentences) else norm


def _alternative_keys(tokens: list[Token]) -> bool:
    """'naar inwoners of naar sociale huurwoningen', 'op basis van inwoners of huishoudens': two keys
    offered as alternatives ('of' between two indicator mentions) ask for the outcomes side by side."""
    from assistant.parsing.keys import indicator_mentions

    found = indicator_mentions(tokens)
    for a, b in itertools.pairwise(found):
        between = [t.text for t in tokens[a.end : b.start]]
        if a.indicator != b.indicator and between[:1] == ["of"] and len(between) <= 4:
            return True
        if a.indicator != b.indicator and _own_preposition_each(tokens, a.start, between):
            return True
        # 'hoeveel bij sleutel inwoners, en hoeveel bij sleutel sociale huur?', 'wat krijgt Losser naar
        # inwoners en wat naar huishoudens?': each key with its own question is a question per key
        keyed = all(set(w.text for w in tokens[max(0, m.start - 3) : m.start]) & _KEY_LEADS for m in (a, b))
        if a.indicator != b.indicator and keyed and set(between) & _ASKING and len(between) <= 8:
            return True
    return False


_EACH_LEADS = frozenset(["op", "naar", "volgens", "met"])


def _own_preposition_each(tokens: list[Token], first: int, between: list[str]) -> bool:
    """'zien op huishoudens en op corporatiewoningen', 'naar inwoners en naar huishoudens': the same
    preposition repeated before the second indicator, with nothing else between, offers each key by
    itself (a mix gives weights: 'half naar inwoners en half naar huishoudens')."""
    lead = tokens[first - 1].text if first > 0 else ""
    return lead in _EACH_LEADS and between in (["en", lead], ["of", lead], ["en", "ook", lead])


_KEY_LEADS = frozenset(["naar", "sleutel", "volgens", "basis", "rato", "gewogen", "verdeelsleutel", "maatstaf", "bij"])
_ASKING = frozenset(["hoeveel", "wat", "hoe", "welk", "welke"])


def _counted_before(tokens: list[Token], total: NumberToken, start: int) -> bool:
    """'240 flexwoningen - huishoudens vs inwoners': the total already has its counted noun before the
    mention, so the mention is a key named for the comparison, not the total's unit."""
    from assistant.parsing.totals import _is_unit

    return any(_is_unit(t.text) for t in tokens[total.end : start])


def _compared_indicators(tokens: list[Token], total: NumberToken | None) -> list[str]:
    """The indicators a comparison names, in order, without the total's unit ('480 woningen')."""
    from assistant.parsing.keys import indicator_mentions

    names: list[str] = []
    for m in indicator_mentions(tokens):
        if total is not None and total.end <= m.start <= total.end + 1 and not _counted_before(tokens, total, m.start):
            continue
        if m.indicator not in names:
            names.append(m.indicator)
    first = [m.indicator for m in indicator_mentions(tokens) if m.indicator in names and _named_as_base(tokens, m.start)]
    return [*dict.fromkeys(first[:1] + names)]


_INSTEAD = (["in", "plaats", "van"], ["ipv"], ["i", "p", "v"], ["eerst"])
"""'huishoudens in plaats van inwoners', 'eerst inwoners': the key named after these is the one to start from."""


def _named_as_base(tokens: list[Token], at: int) -> bool:
    words = [t.text for t in tokens[max(0, at - 4) : at]]
    words = words[:-1] if words[-1:] in (["de"], ["het"], ["naar"], ["op"]) else words
    return any(words[len(words) - len(cue) :] == cue for cue in _INSTEAD)


_DETERMINERS = frozenset(["de", "het", "alle", "onze", "uw", "jullie", "deze", "die", "dit", "dat", "hun", "zijn"])


def _unit_of_other_counts(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> str | None:
    """'Zoetermeer heeft al 25 opvangplekken, Den Haag 60. In totaal moeten er 180 komen', 'Vorig jaar hadden
    we 140 statushouders, dit jaar is de taakstelling 185': a total without a noun of its own counts what
    the other numbers of the message count (existing effort, an earlier situation, a limit), when they
    all count one thing."""
    from assistant.parsing.totals import _unit_after

    if msg.total is None:
        return None
    totals = {(r.start, r.end) for r in msg.roles if r.role == "total"}
    units = {
        u for u in (_unit_after(tokens, n) for n in numbers if not n.percent and char_span(tokens, n) not in totals) if u is not None
    }
    return units.pop() if len(units) == 1 else None


def _unit_named_alone(msg: ParsedMessage, tokens: list[Token]) -> str | None:
    """'Verdeel de statushouders over …', 'hoe verdelen we onze flexwoningen': what is shared out, named
    with a determiner and no number (the reply asks how many, in that unit). After a key cue ('naar de
    woningen') the word is the key, not the unit."""
    from assistant.parsing.keys import KEY_CUES
    from assistant.parsing.totals import _is_unit

    for i in range(1, len(tokens)):
        word, before = tokens[i].text, tokens[i - 1].text
        cue = tokens[i - 2].text if i >= 2 else ""
        if not _is_unit(word) or cue in KEY_CUES:
            continue
        if before in _DETERMINERS and cue not in ("van", "aan") and msg.total is None and msg.bare_number is None:
            return word
        if before in _COUNTING or (before in ("voor", "van", "aan") and cue in _TASK_NOUNS):
            return word  # 'hoeveel plekken … als we er 90 hebben', 'de opgave voor flexwoningen'
    return None


def _group_counted(msg: ParsedMessage, tokens: list[Token]) -> str | None:
    """'We moeten in Haaglanden statushouders huisvesten. De taakstelling is 185': a total without a noun of its
    own, in a message that names one group of people as what is taken in (a plural that counts people, not
    after 'voor': 'woningen voor statushouders' names whom the homes are for), counts that group."""
    from assistant.parsing.totals import _is_unit

    if msg.total is None or msg.group is None:
        return None
    counted = {
        t.text for k, t in enumerate(tokens)
        if _is_unit(t.text) and find_first(GROUPS, t.text) is not None and (k == 0 or tokens[k - 1].text not in ("voor", "van", "aan", "naar"))
    }
    units = {t.text for t in tokens if _is_unit(t.text)}
    return counted.pop() if len(counted) == 1 and units == counted else None


_COUNTING = frozenset(["hoeveel", "aantal"])
"""Words that ask or name a count: the noun right after them is what the message counts."""
_TASK_NOUNS = frozenset(["opgave", "taakstelling", "taak", "aantal", "opdracht", "quotum", "verdeling"])
"""The task nouns: 'de opgave voor flexwoningen', 'de taakstelling van statushouders' names what is shared out."""


def _counts_the_group(tokens: list[Token], n: NumberToken | None) -> bool:
    """'verdeel er 480', '480 daarvan': the number counts the group named in the message."""
    if n is None:
        return False
    near = {t.text for t in tokens[max(0, n.start - 2) : n.start]} | {t.text for t in tokens[n.end : n.end + 1]}
    return bool(near & {"er", "daarvan", "hiervan", "ervan"})


def _typo_key(msg: ParsedMessage, tokens: list[Token]) -> list[str]:
    """'naar huishoudes': a key word one slip away from a known indicator is read as that indicator,
    and the reply says so; anything further away stays unknown (asked about, never substituted)."""
    import difflib

    if msg.key.weights is not None:
        return []
    for match in KEY_SLOT.finditer(msg.norm):
        word = match.group("word")
        if word in NOT_KEY_WORDS or len(word) < 6:
            continue
        known = {w: name for name, pattern in INDICATORS.items() for w in re.findall(r"[a-z]{6,}", pattern)}
        close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.9)
        if close and close[0] != word:
            name = known[close[0]]
            msg.key = KeyParse(weights={name: 1.0}, existing=msg.key.existing)
            return [f"'{word}' lees ik als {close[0]}."]
    return []


def _scoped(msg: ParsedMessage, tokens: list[Token], n: NumberToken) -> bool:
    """A lone number in a clause about each municipality ('als elke gemeente 40 krijgt') is no total."""
    from assistant.parsing.limits import _SCOPE, _clauses

    start, _ = char_span(tokens, n)
    return any(lo <= start < hi and _SCOPE.search(msg.text[lo:hi]) for lo, hi in _clauses(msg.text))


def _odd_number(numbers: list[NumberToken]) -> str | None:
    """A lone 0 or a fraction where a total is expected ('en met 12,5?'): ask, never reuse the old total."""
    odd = next((n for n in numbers if not n.percent and (n.value == 0 or not n.integer)), None)
    if odd is None or len(numbers) != 1:
        return None
    if odd.value == 0:
        return "Bij een totaal van 0 valt er niets te verdelen. Hoeveel moet er verdeeld worden?"
    shown = f"{odd.value:g}".replace(".", ",")
    return f"Het totaal {shown} is geen heel aantal. Hoeveel hele woningen of plekken moeten er verdeeld worden?"


_SPREAD = re.compile(r"\b(?:uit ?smeren|uitgesmeerd|spreiden|gespreid|verspreid|verspreiden|over (?:meerdere|een aantal|verschillende) jaren|in (?:delen|tranches|stappen))\b")
_PER_YEAR = ("per", "jaar")


def _past_or_frequency(tokens: list[Token], n: NumberToken) -> bool:
    """'de afgelopen 3 jaar', 'om de 2 jaar', 'elke 2 jaar': a marker of the past or of a frequency before N."""
    before = [t.text for t in tokens[max(0, n.start - 2) : n.start]]
    if before[-1:] and before[-1] in _NOT_DURATION:
        return True
    return len(before) == 2 and before[1] in ("de", "het", "die") and before[0] in _NOT_DURATION


def _years_in_tokens(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'in vijf jaar' where the limits reader did not see it; returns the numbers still free."""
    free: list[NumberToken] = []
    for n in numbers:
        after = tokens[n.end].text if n.end < len(tokens) else ""
        beyond = tokens[n.end + 1].text if n.end + 1 < len(tokens) else ""
        # 'N jaar' measures a duration ('als we er 2 jaar over doen', 'we nemen 4 jaar de tijd') unless
        # it is marked as the past ('de afgelopen 3 jaar', '2 jaar geleden') or a frequency ('om de 2 jaar')
        # 'over twee begrotingsjaren', 'in 3 kalenderjaren': a compound of 'jaar' counts years too
        years_word = after in ("jaar", "jaren") or (len(after) > 7 and after.endswith(("jaren", "jaar")) and not after.startswith("peil"))
        spread = years_word and not _past_or_frequency(tokens, n) and beyond not in _AGO
        if spread and n.integer and not n.percent and msg.years is None and 1 < n.value <= 50:
            msg.years = int(n.value)
            msg.roles.append(Role(*char_span(tokens, n), "years"))
            continue
        free.append(n)
    return free


_MONTHS = frozenset(["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"])
_TIME_UNITS = frozenset(["jaar", "jaren", "maand", "maanden", "week", "weken", "dag", "dagen"])
_AGO = frozenset(["geleden", "terug", "eerder", "later", "daarvoor", "daarna", "oud"])
_NOT_DURATION = frozenset(["afgelopen", "vorige", "voorbije", "laatste", "laatst", "om", "elke", "iedere", "elk", "ieder", "per", "na", "sinds", "al"])
"""Words before 'N jaar' that make it the past or a frequency, not the years to spread over."""


_RANGE_LINKS: tuple[list[str], ...] = (["t", "m"], ["tot", "en", "met"], [], ["tm"], ["tot"])


_DATA_WORDS = frozenset(["cijfers", "gegevens", "data", "peiljaar", "peiljaren", "peildatum", "bron", "gemiddelde", "gemiddeld", "tellingen", "statistiek", "cbs"])
"""Words that make a period the time the figures are about ('de cijfers over 2020-2022'), not the years to spread over."""


def _listed_years(tokens: list[Token], years: list[NumberToken]) -> list[NumberToken]:
    """The longest run of consecutive calendar years named one by one ('2026, 2027 en 2028')."""
    best: list[NumberToken] = []
    run: list[NumberToken] = []
    for n in years:
        linked = bool(run) and n.value == run[-1].value + 1 and [t.text for t in tokens[run[-1].end : n.start]] in ([], ["en"])
        run = [*run, n] if linked else [n]
        if len(run) > len(best):
            best = run
    return best


def _another_term(word: str) -> bool:
    """'collegeperiode 2022-2026', 'raadstermijn 2022-2026': a compound of 'periode'/'termijn' names the
    term of something else (a council, a plan), not the years to spread over; plain 'periode' and
    'looptijd' are the request's own."""
    return any(word.endswith(head) and len(word) > len(head) + 2 for head in ("periode", "termijn"))


def _end_then_start(words: list[str], a: NumberToken, b: NumberToken) -> bool:
    """'tot en met 2028 … vanaf 2026': a year after 'tot (en met)' first and a later-named start year after
    'vanaf'/'van'/'per', within a few words of each other."""
    end_word = words[a.start - 1] if a.start > 0 else ""
    start_word = words[b.start - 1] if b.start > 0 else ""
    return end_word in ("tot", "met", "tm", "m") and start_word in ("vanaf", "van", "per") and b.value < a.value <= b.value + 50 and b.start - a.end <= 8


def _year_range(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'2026 t/m 2028', '2026-2028', 'de jaren 2027 tot en met 2030': a period of calendar years, the
    years to spread over (inclusive: 3) when no number of years was named; a period the figures are
    about ('de cijfers van 2020-2022') is only noted."""
    words = [t.text for t in tokens]
    years = [n for n in numbers if n.integer and not n.written and not n.percent and 1900 <= n.value <= 2100]
    named = _listed_years(tokens, years)
    if len(named) >= 3 and msg.years is None:  # 'in 2026, 2027 en 2028': each year named
        start, end = char_span(tokens, named[0])[0], char_span(tokens, named[-1])[1]
        msg.years = len(named)
        msg.roles.append(Role(start, end, "years"))
        msg.noted.append(f"{msg.text[start:end]} als {len(named)} jaar")
        return [n for n in numbers if all(n is not y for y in named)]
    for a, b in itertools.pairwise(years):
        link = words[a.end : b.start]
        before = words[a.start - 1] if a.start > 0 else ""
        if _end_then_start(words, a, b):  # 'tot en met 2028 …, vanaf 2026': the end named first
            count = int(a.value - b.value) + (1 if before in ("met", "tm", "m") else 0)
            if msg.years is None and 1 < count <= 50:
                msg.years = count
                for y in (a, b):
                    msg.roles.append(Role(*char_span(tokens, y), "years"))
                msg.noted.append(f"{int(b.value)} tot en met {int(a.value) - (0 if before in ('met', 'tm', 'm') else 1)} als {count} jaar")
                return [n for n in numbers if n is not a and n is not b]
        if link not in _RANGE_LINKS or (link == ["tot"] and before != "van") or not a.value < b.value <= a.value + 50:
            # 'tussen 2026 en 2030' (inclusive), 'in 2026 en 2027' (two years next to each other)
            listed = link == ["en"] and (before == "tussen" or (before in ("in", "voor", "over") and b.value == a.value + 1))
            if not listed or not a.value < b.value <= a.value + 50:
                continue
        count = int(b.value - a.value) + (0 if link == ["tot"] else 1)
        start, end = char_span(tokens, a)[0], char_span(tokens, b)[1]
        about_data = bool(set(words[max(0, a.start - 4) : a.start]) & _DATA_WORDS) or _another_term(before)
        if msg.years is None and not about_data and 1 < count <= 50:
            msg.years = count
            msg.roles.append(Role(start, end, "years"))
            msg.noted.append(f"{msg.text[start:end]} als {count} jaar")
        else:
            msg.roles.append(Role(start, end, "year"))
            msg.noted.append(f"{msg.text[start:end]} als periode")
        return [n for n in numbers if n is not a and n is not b]
    return numbers


_ORDINAL_ENDS = frozenset(["e", "de", "ste", "ste", "ee"])


def _ordinals(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'de 1e helft van 2022', 'het 3de kwartaal', '2e tranche': digits with an ordinal ending glued to
    them rank something; they are context, never the total."""
    free: list[NumberToken] = []
    for n in numbers:
        end = tokens[n.end] if n.end < len(tokens) else None
        glued = end is not None and end.text in _ORDINAL_ENDS and end.start == tokens[n.end - 1].end
        if not glued or n.written or n.percent or not n.integer or end is None:
            free.append(n)
            continue
        start = tokens[n.start].start
        msg.roles.append(Role(start, end.end, "context"))
        msg.noted.append(f"'{msg.text[start:end.end]}' als rangtelwoord")
    return free


def _informing(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """Numbers that only inform: a date ('1 januari 2024'), a time ('2 jaar geleden'), the number of
    municipalities ('de 7 gemeenten'), a calendar year ('in 2026'). Each gets its role and a phrase for
    the read-as line; the numbers left are returned."""
    free: list[NumberToken] = []
    words = [t.text for t in tokens]
    dated: set[int] = set()
    numbers = _year_range(msg, tokens, numbers)
    for n in numbers:
        nxt = words[n.end] if n.end < len(words) else ""
        after = words[n.end + 1] if n.end + 1 < len(words) else ""
        span = char_span(tokens, n)
        if nxt in _MONTHS and n.integer and 1 <= n.value <= 31:
            year = numbers[numbers.index(n) + 1] if numbers.index(n) + 1 < len(numbers) else None
            end = char_span(tokens, year)[1] if year is not None and year.start == n.end + 1 else tokens[n.end].end
            if year is not None and year.start == n.end + 1:
                dated.add(id(year))
            msg.roles.append(Role(span[0], end, "date"))
            msg.noted.append(f"{msg.text[span[0]:end]} als datum")
        elif id(n) in dated:
            continue
        elif nxt in _TIME_UNITS and (after in _AGO or _past_or_frequency(tokens, n)):
            msg.roles.append(Role(*span, "when"))
            marker = n.start - 1 if words[n.start - 1] in _NOT_DURATION else n.start - 2
            first, last = (n.start, n.end + 1) if after in _AGO else (marker, n.end)
            msg.noted.append(f"'{msg.text[tokens[first].start:tokens[last].end]}' als tijdsaanduiding")
        elif n.integer and not n.percent and (_counts_members(tokens, n) or _counts_the_list(msg, tokens, n)):
            msg.member_count = int(n.value)
            msg.roles.append(Role(*span, "members"))
            msg.noted.append(f"{int(n.value)} als het aantal gemeenten")
        elif n.value == 1 and not n.percent and nxt in ("gemeente", "stad", "dorp", "kern"):
            # 'niet meer dan 20% voor 1 gemeente', 'geen 1 gemeente boven de 50': one municipality, any of them
            msg.roles.append(Role(span[0], tokens[n.end].end, "context"))
            msg.noted.append(f"'{msg.text[span[0]:tokens[n.end].end]}' als één willekeurige gemeente")
        elif nxt in _SHORT_DURATIONS and not n.percent:
            msg.roles.append(Role(*span, "context"))
            msg.noted.append(f"'{msg.text[span[0]:tokens[n.end].end]}' als tijdsduur")
        elif bare_weight(tokens, n):  # 'oh 70 inwoners dan': a weight of the key, read with the key
            continue
        elif _describes_a_place(tokens, n):
            msg.roles.append(Role(*span, "context"))
            msg.noted.append(f"'{msg.text[span[0]:tokens[n.end].end]}' als gegeven (ik reken met de CBS-cijfers)")
        elif _looks_like_year(tokens, n):
            msg.reference_years.append(int(n.value))
            msg.roles.append(Role(*span, "year", str(int(n.value))))
            msg.noted.append(f"{int(n.value)} als jaartal")
        else:
            free.append(n)
    return free


def _describes_a_place(tokens: list[Token], n: NumberToken) -> bool:
    """'dat dorp heeft maar 1.700 inwoners': a count of an indicator that is nothing one shares out
    (inhabitants, the population) describes a place; it is context, never the total."""
    from assistant.parsing.keys import indicator_mentions
    from assistant.parsing.totals import _is_unit

    if n.percent or n.end >= len(tokens) or tokens[n.end].text in UNIT_WORDS:
        return False
    # '6000 sociale huurwoningen' counts homes (a unit), '1.700 inwoners' describes a place
    return any(m.start == n.end and not any(_is_unit(t.text) for t in tokens[m.start : m.end]) for m in indicator_mentions(tokens))


_SHORT_DURATIONS = frozenset(["min", "minuten", "minuut", "uur", "uren", "sec", "seconden", "kwartier"])
"""'20 min vertraging', 'over 2 uur': a time of day or a delay, no amount of the request."""
_MEMBER_NOUNS = ("gemeenten", "eilanden", "steden", "dorpen", "kernen", "gemeentes")


def _counts_the_list(msg: ParsedMessage, tokens: list[Token], n: NumberToken) -> bool:
    """'We doen dit met vier: Epe, Heerde, Hattem en Oldebroek': a number right before a colon, or after
    'met (z'n)', that equals the number of municipalities named counts them."""
    named = {m.municipality.name for m in msg.mentions if m.municipality is not None}
    if n.value != len(named) or len(named) < 2:
        return False
    colon = n.end < len(tokens) and tokens[n.end].after_break and msg.text[tokens[n.end - 1].end : tokens[n.end].start].strip() == ":"
    with_ = n.start > 0 and tokens[n.start - 1].text in ("met", "n", "zn")
    return colon or with_ or _heads_a_list(msg, tokens, n)


def _heads_a_list(msg: ParsedMessage, tokens: list[Token], n: NumberToken) -> bool:
    """'alleen de drie grootste van Twente: Enschede, Hengelo en Almelo': a number after an article, in a
    heading that ends in a colon a few words on, counts the names listed after it."""
    if n.start == 0 or tokens[n.start - 1].text not in ("de", "die", "deze", "onze", "alle"):
        return False
    for j in range(n.end, min(n.end + 7, len(tokens))):
        if tokens[j].after_break:
            return msg.text[tokens[j - 1].end : tokens[j].start].strip() == ":"
    return False


def _counts_members(tokens: list[Token], n: NumberToken) -> bool:
    """'de 7 gemeenten', 'de 30 MRA-gemeenten', 'de vier Friese Waddeneilanden': a number before a plural
    noun of places (a compound ending in one, past at most two adjectives or names) counts members."""
    for t in tokens[n.end : n.end + 3]:
        if t.text.endswith(_MEMBER_NOUNS):
            return True
        if t.text in UNIT_WORDS or t.text[:1].isdigit() or t.after_break:
            return False
    return False


_PERIOD_NOUNS = frozenset(["helft", "halfjaar", "jaarhelft", "kwartaal", "voorjaar", "najaar", "zomer", "winter", "lente", "herfst", "begroting", "begrotingsjaar"])


def _dated_year(tokens: list[Token], n: NumberToken) -> bool:
    """'dec 2021', 'februari 2023', 'de 1e helft 2022', 'het eerste halfjaar van 2022': a year after a
    month or a part of a year (directly or with 'van') is a date, never a count."""
    before = [t.text for t in tokens[max(0, n.start - 2) : n.start]]
    dating = _MONTHS | _PERIOD_NOUNS
    return bool(before) and (before[-1] in dating or (before[-1] == "van" and len(before) == 2 and before[0] in dating))


def _looks_like_year(tokens: list[Token], n: NumberToken) -> bool:
    if n.written or n.percent or not n.integer or not (1900 <= n.value <= 2100):
        return False
    if _dated_year(tokens, n):
        return True
    before = tokens[n.start - 1].text if n.start > 0 else ""
    after = tokens[n.end].text if n.end < len(tokens) else ""
    if before in _COUNT_OR_DATE and _is_counted_noun(after):
        return False  # 'voor 2000 statushouders': a number right before what it counts is a count
    return before in YEARS_BEFORE or after in ("t", "tot", "en") or (not _unit_follows(tokens, n) and before not in ("verdeel", "totaal"))


_COUNT_OR_DATE = frozenset(["voor", "van", "met", "om", "aan"])
"""Words before a number that mean 'for'/'of' as well as 'before': a year only without a counted noun right after."""


def _is_counted_noun(word: str) -> bool:
    from assistant.parsing.totals import _is_unit

    return _is_unit(word)


def _unit_follows(tokens: list[Token], n: NumberToken) -> bool:
    from assistant.parsing.totals import _unit_after

    return _unit_after(tokens, n) is not None


YEARS_BEFORE = frozenset(["in", "sinds", "vanaf", "tot", "voor", "na", "jaar", "peiljaar", "eind", "begin", "medio", "rond", "tussen", "t", "m", "per"])


def _read_existing(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'Den Haag heeft al 40 gehuisvest': existing effort; its numbers and places leave the rest."""
    found = find_existing(msg.text, tokens, numbers, msg.mentions)
    used = {id(e.number) for e in found}
    for e in found:
        msg.existing[e.municipality] = e.amount
        msg.roles.append(Role(*char_span(tokens, e.number), "existing", e.municipality))
    msg.existing_mentions = found
    msg.existing_cleared = [name for name in find_nothing_done(msg.text, tokens, msg.mentions) if name not in msg.existing]
    mentions_used = {id(e.mention) for e in found}
    msg.mentions = [m for m in msg.mentions if id(m) not in mentions_used]
    return [n for n in numbers if id(n) not in used]


_BOUND_CUES = (["niet", "meer", "dan"], ["niet", "minder", "dan"], ["maximaal"], ["minimaal"], ["hooguit"], ["hoogstens"], ["minstens"], ["ten", "minste"], ["tenminste"], ["max"], ["min"])


def _bound_for_one_place(msg: ParsedMessage, tokens: list[Token], n: NumberToken) -> bool:
    """'Amsterdam niet meer dan 200': a bound on one municipality is no total (and no limit the engine
    has); the number is left for the question."""
    words = [t.text for t in tokens]
    for cue in _BOUND_CUES:
        at = n.start - len(cue)
        if at > 0 and words[at : n.start] == cue:
            return any(m.end == at and m.municipality is not None for m in msg.mentions)
    return False


def _not_a_total(tokens: list[Token], n: NumberToken) -> bool:
    """'samen al 40', '50 meer dan vorig jaar': a number marked as already done or as a comparison is
    never the total; when no reader gives it a role, the reply asks about it."""
    from assistant.parsing.totals import tied_to_the_task

    before = {t.text for t in tokens[max(0, n.start - 2) : n.start]}
    after = [t.text for t in tokens[n.end : n.end + 3]]
    if after[:1] and after[0] in UNIT_WORDS:
        after = after[1:]
    already = bool(before & {"al", "reeds", "inmiddels"}) and not tied_to_the_task(tokens, n)  # 'de taakstelling is inmiddels 230': now, not done
    return already or (after[:2] in (["meer", "dan"], ["minder", "dan"]))


_MORE = frozenset(["extra", "meer", "erbij", "bovenop", "erbovenop"])
_LESS = frozenset(["minder", "eraf"])
_COME = frozenset(["komen", "komt", "bijkomen", "bijkomt", "erbij"])


def _unit_follows_word(word: str) -> bool:
    from assistant.parsing.totals import _is_unit

    return _is_unit(word)


_ROUGH_PLURALS = frozenset(["tientallen", "honderden", "duizenden"])
_ROUGHLY = frozenset(["paar", "enkele", "aantal", "stuk", "wat", "tig"])


def _vague_amount(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> None:
    """'een paar honderd woningen', 'enkele duizenden euro's': a round word number after a word of
    'some' is no amount to share out; the reply asks how many exactly, never shares out the 100."""
    if msg.unit == "euro":
        return  # the money reader has its own rules
    plural = next((k for k, t in enumerate(tokens) if t.text in _ROUGH_PLURALS and k + 1 < len(tokens) and _unit_follows_word(tokens[k + 1].text)), None)
    if plural is not None and msg.total is None and msg.bare_number is None:  # 'enkele honderden woningen'
        unit = tokens[plural + 1].text
        msg.unit = msg.unit or unit
        msg.total_problem = f"U schrijft '{tokens[plural].text} {unit}'. Om hoeveel {unit} gaat het precies? Antwoord bijvoorbeeld: \"het gaat om 300 {unit}\"."
        return
    for n in numbers:
        vague = n.written and n.value in (100, 1000) and n.start > 0 and tokens[n.start - 1].text in _ROUGHLY
        if not vague or (msg.total is not None and msg.total != int(n.value)) or (msg.total is None and msg.bare_number is None):
            continue
        said = " ".join(t.text for t in tokens[max(0, n.start - 2) : n.end])
        unit = msg.unit or "woningen"
        msg.total = msg.bare_number = None
        msg.total_problem = f"U schrijft '{said}'. Om hoeveel {unit} gaat het precies? Antwoord bijvoorbeeld: \"het gaat om 300 {unit}\"."
        span = char_span(tokens, n)
        msg.roles = [r for r in msg.roles if (r.start, r.end) != span] + [Role(*span, "asked")]
        return


def _take_total(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken], total: TotalParse) -> None:
    """The total (or a lone number a follow-up may use) with its role; the same number said again
    ('dit jaar 150. Verdeel die 150') is the total too."""
    if total.total is not None:
        msg.total, msg.unit = int(total.total.value), total.unit
        msg.roles.append(Role(*char_span(tokens, total.total), "total"))
        _per_year(msg, tokens, total.total)
        msg.roles.extend(Role(*char_span(tokens, n), "total") for n in numbers if n.integer and not n.percent and n.value == msg.total)
    elif total.bare is not None and not _scoped(msg, tokens, total.bare):
        msg.bare_number = int(total.bare.value)
        msg.roles.append(Role(*char_span(tokens, total.bare), "total"))


_PAST = frozenset(
    ["vorig", "vorige", "afgelopen", "toen", "destijds", "vroeger", "waren", "was", "had", "hadden", "kwam", "kwamen", "kreeg", "kregen",
     "ging", "gingen", "deed", "deden", "ving", "vingen", "huisvestte", "huisvestten", "bouwde", "bouwden", "realiseerde", "realiseerden",
     "leverde", "leverden", "plaatste", "plaatsten", "verdeelde", "verdeelden", "moest", "moesten"]
)
"""Words that put a clause in the past: time words and the past tense of the verbs of having, coming,
getting and housing ('In 2025 kwamen er 90 flexwoningen; voor 2026 is de opgave 120')."""


def _past_situation(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'Vorig jaar hebben we 120 woningen verdeeld, dit jaar 150. Verdeel die 150 …', 'In 2024 waren er
    13.500 statushouders; verdeel 300 daarvan …': numbers in a part of a sentence about the past are
    context, as long as another number is left to be the total."""
    words = [t.text for t in tokens]
    starts = [0] + [t.index for t in tokens if t.after_break] + [len(tokens)]
    past: list[NumberToken] = []
    for lo, hi in itertools.pairwise(starts):
        if set(words[lo:hi]) & _PAST and not (set(words[lo:hi]) & {"verdeel", "reken", "bereken"}):
            past += [n for n in numbers if lo <= n.start < hi and not n.percent]
    rest = [n for n in numbers if all(n is not p for p in past)]
    left = find_total(tokens, rest)
    if not past or (left.total is None and left.bare is None):
        return numbers
    for n in past:
        start, end = char_span(tokens, n)
        _as_context(msg, start, end, f"'{msg.text[start:end]}' als eerdere situatie")
    return rest


def _relative_total(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'en met 50 extra?', 'als er 20 woningen bij komen', 'en 30 minder?': a number with a word of more
    or less after it (past its unit) changes the last total by that much; it is never the total itself.
    'niet meer dan 40' is a cap and was read before this."""
    free: list[NumberToken] = []
    for n in numbers:
        j = n.end + (1 if n.end < len(tokens) and tokens[n.end].text in UNIT_WORDS else 0)
        word = tokens[j].text if j < len(tokens) else ""
        nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
        before = tokens[n.start - 1].text if n.start > 0 else ""
        # '60 extra plekken', '300 extra sociale huurwoningen': the adjective of a total, no change
        counted = any(_unit_follows_word(t.text) for t in tokens[j + 1 : j + 4])
        more = (word in _MORE and nxt != "dan" and not counted) or (word == "bij" and (nxt in _COME or nxt == ""))
        less = word in _LESS or (word == "af" and nxt in ("", "gaan", "gaat", "halen"))
        if msg.total_delta is None and n.integer and not n.percent and (more or less) and before not in ("dan", "niet", "al", "heeft"):
            msg.total_delta = int(n.value) * (1 if more else -1)
            msg.delta_unit = tokens[n.end].text if j > n.end else None
            msg.roles.append(Role(*char_span(tokens, n), "total", "delta"))
            continue
        free.append(n)
    return free


def _bare_ratio(msg: ParsedMessage, text: str, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'en 50/50?', 'doe maar 70/30': percentages joined by slashes that add up to 100, with no indicator
    named, re-weigh the last key in its own order (the router applies it); never a total."""
    from assistant.parsing.keys import _ratios

    for r in _ratios(text, tokens):
        if r.slash and len(r.parts) >= 2 and abs(sum(r.parts) - 100) < 1e-9:
            msg.bare_ratio = [p / 100 for p in r.parts]
            for n in numbers:
                if n.start in r.at:
                    msg.roles.append(Role(*char_span(tokens, n), "key"))
            return [n for n in numbers if n.start not in r.at]
    return numbers


_FACTORS = (
    (re.compile(r"\bverdubbel\w*|\b(?:wordt|worden|is) (?:het |dat )?het dubbele\b"), 2.0),
    (re.compile(r"\bverdrievoudig\w*"), 3.0),
    (re.compile(r"\bhalveer\w*|\bgehalveerd\b|\bhalveren\b|\b(?:het|dat|totaal|aantal|bedrag) (?:de |maar de )?helft (?:wordt|worden)\b"
                r"|\b(?:wordt|worden) (?:het |dat )?(?:maar )?de helft\b(?! (?:van|naar|voor|op|via)\b)"), 0.5),
)
_PERCENT_CHANGE = frozenset(["minder", "meer", "lager", "hoger", "erbij", "eraf", "extra"])


def _total_factor(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'en als het aantal verdubbelt?', 'als het de helft wordt', 'doe maar 10% minder': the last total
    changed by a factor; the percentage (role total, 'factor') is never a limit or weight. A
    percentage followed by 'dan' compares ('10% meer dan vorig jaar') and is left alone."""
    norm = " ".join(t.text for t in tokens)
    about_a_place = any(m.municipality is not None for m in msg.mentions)  # 'krijgt Delft dan de helft?' is no new total
    for pattern, factor in _FACTORS:
        if pattern.search(norm) and not about_a_place:
            msg.total_factor = factor
            return numbers
    free: list[NumberToken] = []
    for n in numbers:
        word = tokens[n.end].text if n.end < len(tokens) else ""
        nxt = tokens[n.end + 1].text if n.end + 1 < len(tokens) else ""
        if msg.total_factor is None and n.percent and 0 < n.value < 100 and word in _PERCENT_CHANGE and nxt != "dan":
            msg.total_factor = 1 + n.value / 100 * (-1 if word in ("minder", "lager", "eraf") else 1)
            msg.roles.append(Role(*char_span(tokens, n), "total", "factor"))
            continue
        free.append(n)
    return free


_PARENTHESIS = re.compile(r"\(([^()]{0,200})\)")
_REQUEST_WORDS = re.compile(
    r"per gemeente|\bmax|\bmin|\bal\b|\breeds\b|\bjaa?r|\bverde|\btotaal|%|procent|€|\beuro|\bminstens|\bhooguit|\bplafond|\bgrens",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?<![\d.,:])(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*uur)?(?![\d:])|\b(?:om|tot|vanaf)\s+(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?\s*uur\b")
"""'om 15:30', 'tot 17 uur': a time of day."""


def _identifiers(msg: ParsedMessage) -> list[tuple[int, int]]:
    """Phone numbers, postcodes, dates, addresses and the numbers of articles, pages and files name something
    (by the shape of their digits and the word before them): their spans, each with the role of context and
    a phrase for the read-as line."""
    spans: list[tuple[int, int]] = []
    for kind, a, b in sorted(identifier_spans(msg.text), key=lambda found: (found[1], -found[2])):
        if any(x <= a and b <= y for x, y in spans):
            continue  # inside one already taken ('postcode 7511 AB' and '7511 AB')
        spans = [(x, y) for x, y in spans if not (a <= x and y <= b)]
        spans.append((a, b))
        if any(n.start < b and a < n.end for n in msg.numbers):
            msg.roles.append(Role(a, b, "context"))
            msg.noted.append(f"'{msg.text[a:b]}' als {kind}")
    return spans


def _counts_a_unit(aside: str) -> bool:
    """'(1000 woningen)': a number with what is shared out after it is the request, not an aside."""
    words = re.findall(r"\d[\d.,]*\s+([A-Za-z]+)", aside)
    return any(_unit_follows_word(w.lower()) for w in words)


def _asides(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'(team wonen, 3 fte)': numbers in a bracketed aside that says nothing about the request (no limit,
    year or money word in it, no number of what is shared out), and times of day, are context: noted, never an amount. The numbers
    left are returned."""
    spans = [(m.start(), m.end()) for m in _PARENTHESIS.finditer(msg.text) if not _REQUEST_WORDS.search(m.group(1)) and not _counts_a_unit(m.group(1))]
    spans += [(m.start(), m.end()) for m in _CLOCK.finditer(msg.text)]
    if not spans:
        return numbers
    free: list[NumberToken] = []
    noted: set[tuple[int, int]] = set()
    for n in numbers:
        start, end = char_span(tokens, n)
        aside = next(((a, b) for a, b in spans if a <= start and end <= b), None)
        if aside is None:
            free.append(n)
            continue
        msg.roles.append(Role(start, end, "context"))
        if aside not in noted:
            noted.add(aside)
            msg.noted.append(f"'{msg.text[aside[0]:aside[1]]}' als toelichting")
    return free


_PARTICIPLE = re.compile(r"^(?:op|aan|af|in|uit|onder|door|over|toe|mee|bij|weg|vast)?ge")
_LIMIT_NEAR = frozenset(["maximaal", "minimaal", "hooguit", "hoogstens", "minstens", "max", "min", "niet", "dan", "tot", "boven", "onder", "plafond", "bodem", "vloer", "minimum", "maximum", "elke", "iedere", "per", "krijgt", "krijgen", "er"])
_MULTIPLIERS = frozenset(["miljoen", "mln", "duizend", "ton", "miljard", "k", "euro", "eur", "procent"])


def _counts_something_else(word: str) -> bool:
    """A plural noun (by its ending) that is no unit, no multiplier and no participle: what a number before it
    counts is not what is shared out ('3 overleggen', 'de drie woondeals')."""
    plural = word.isalpha() and len(word) >= 5 and word.endswith(("en", "s")) and not _PARTICIPLE.match(word)
    return plural and not _unit_follows_word(word) and word not in NOT_UNITS and word not in _MULTIPLIERS


def _other_things_counted(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'we hebben al 3 overleggen gehad, nu de cijfers: 900 woningen …': a number right before a plural
    noun that is no unit, indicator, place or limit word counts something else, when another number in
    the message counts what is shared out. It is context (noted), never the total or a limit."""
    from assistant.parsing.keys import indicator_mentions

    counting = [n for n in numbers if n.end < len(tokens) and _unit_follows_word(tokens[n.end].text)]
    if not counting:
        return numbers
    indicator_at = {i for m in indicator_mentions(tokens) for i in range(m.start, m.end)}
    place_at = {i for m in msg.mentions for i in range(m.start, m.end)}
    free: list[NumberToken] = []
    for n in numbers:
        j = n.end
        word = tokens[j].text if j < len(tokens) else ""
        before = {t.text for t in tokens[max(0, n.start - 1) : n.start]}
        after = {t.text for t in tokens[j + 1 : j + 3]}
        other = (
            n.integer and not n.percent and j < len(tokens) and not tokens[j].after_break and _counts_something_else(word)
            and j not in indicator_at and j not in place_at and not (before & _LIMIT_NEAR)
            and "per" not in after and not _unit_follows(tokens, n) and all(c is not n for c in counting)
        )
        if not other:
            free.append(n)
            continue
        start, end = char_span(tokens, n)
        _as_context(msg, start, end, f"'{msg.text[start:end]} {word}' als toelichting")
    return free


def _plural_noun_after(tokens: list[Token], n: NumberToken) -> str | None:
    """The plural noun a number counts, right after it or after one adjective ('drie Groningse woondeals'),
    when that noun is no unit, indicator word or member noun."""
    from assistant.parsing.keys import indicator_mentions

    indicator_at = {i for m in indicator_mentions(tokens) for i in range(m.start, m.end)}
    j = n.end
    if j < len(tokens) and tokens[j].text.endswith("e") and len(tokens[j].text) >= 4 and not tokens[j].after_break:
        j += 1  # one adjective between
    if j >= len(tokens) or tokens[j].after_break or j in indicator_at:
        return None
    word = tokens[j].text
    return word if _counts_something_else(word) and word not in _MEMBER_NOUNS else None


def _counted_while_asking(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'Om hoeveel woningen gaat het in de drie woondeals?', 'hoeveel plekken leveren de twee regio's
    samen op': when the message asks how many of a unit there are, a number that counts something else
    names what is asked about (with its article: 'de drie …'); it is context, never the total to share out."""
    asked = any(t.text == "hoeveel" and any(_unit_follows_word(u.text) for u in tokens[k + 1 : k + 3]) for k, t in enumerate(tokens))
    if not asked:
        return numbers
    free: list[NumberToken] = []
    for n in numbers:
        determined = n.start > 0 and tokens[n.start - 1].text in _DETERMINERS  # 'de drie woondeals', not 'er 90 hebben'
        word = _plural_noun_after(tokens, n) if n.integer and not n.percent and determined else None
        if word is None:
            free.append(n)
            continue
        start, end = char_span(tokens, n)
        _as_context(msg, start, end, f"'{msg.text[start:end]} {word}' als toelichting")
    return free


_POINTERS = frozenset(["die", "deze", "alle", "beide", "allebei"])


def _pointing_back(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> list[NumberToken]:
    """'wat is de taak van elk van die drie?', 'hoe doen alle vier dat?': a small number in words after a
    pointing word, with no noun after it, stands for things named before; it is context, never the total
    ('verdeel die 300' keeps its digits and stays the total)."""
    free: list[NumberToken] = []
    for n in numbers:
        after = tokens[n.end] if n.end < len(tokens) else None
        alone = after is None or after.after_break or not _unit_follows_word(after.text)
        pointed = n.written and n.value <= 12 and n.start > 0 and tokens[n.start - 1].text in _POINTERS and alone
        if not pointed:
            free.append(n)
            continue
        start, end = char_span(tokens, n)
        _as_context(msg, start, end, f"'{msg.text[tokens[n.start - 1].start:end]}' als verwijzing")
    return free


def _per_year_restated(msg: ParsedMessage, tokens: list[Token], numbers: list[NumberToken]) -> None:
    """'600 woningen in 3 jaar, dus 200 per jaar': a number per year that is the total over the years
    restates it (role per_year); one that is not is left for the question."""
    if msg.total is None or (msg.years is not None and msg.years < 2) or msg.per_year:
        return
    for n in numbers:
        words = [t.text for t in tokens[n.end : n.end + 3]]
        per_year = words[:2] == list(_PER_YEAR) or words[1:3] == list(_PER_YEAR)
        start, end = char_span(tokens, n)
        claimed = any(r.start < end and start < r.end for r in msg.roles)
        if not per_year or claimed or not n.integer or n.value < 1:
            continue
        if msg.years is not None and n.value * msg.years == msg.total:
            msg.roles.append(Role(start, end, "per_year"))
            msg.noted.append(f"{msg.text[start:end]} per jaar als controle ({msg.years} × {msg.text[start:end]} = {msg.total})")
        elif msg.years is None and msg.total % int(n.value) == 0 and 2 <= msg.total // int(n.value) <= 50:
            # '240 woningen, 60 per jaar': the years follow from the total and the amount per year
            msg.years = msg.total // int(n.value)
            msg.roles.append(Role(start, end, "per_year"))
            msg.noted.append(f"{msg.text[start:end]} per jaar als {msg.years} jaar ({msg.total} / {msg.text[start:end]})")


def _per_year(msg: ParsedMessage, tokens: list[Token], total: NumberToken | None) -> None:
    """'100 woningen per jaar': the total is per year; with a number of years the whole is that many times it."""
    if total is None:
        return
    words = [t.text for t in tokens[total.end : total.end + 4]]
    if any(words[i : i + 2] == list(_PER_YEAR) for i in range(len(words) - 1)):
        msg.per_year = True
        return
    start = total.start  # 'Per jaar moeten wij 25 woningen realiseren', 'jaarlijks 40 plekken'
    while start > 0 and not tokens[start].after_break:
        start -= 1
    clause = [t.text for t in tokens[start : total.start]]
    asked = bool(clause) and clause[0] in _QUESTION_OR_CONDITION
    said = "jaarlijks" in clause or any(a in ("per", "elk", "ieder") and b == "jaar" for a, b in itertools.pairwise(clause))
    msg.per_year = said and not asked


_QUESTION_OR_CONDITION = frozenset(["wat", "hoeveel", "welke", "hoe", "als", "wanneer", "indien", "stel"])
"""A clause that asks or supposes ('wat krijgt elke gemeente per jaar als …') does not state the total per year."""


_ACKNOWLEDGEMENTS = frozenset(
    ["ok", "oke", "okay", "okee", "helder", "duidelijk", "dank", "dankje", "dankjewel", "bedankt", "thanks", "top", "prima",
     "mooi", "fijn", "super", "aha", "ah", "ja", "jep", "goed", "heel", "zeker", "begrepen", "snap", "ik", "het", "u", "je", "wel"]
)
"""Words of a short opening acknowledgement ('ok helder.', 'dank je, duidelijk!', 'top, ik snap het.')."""


def _past_acknowledgement(tokens: list[Token]) -> int:
    """Where the message proper starts: past an opening of acknowledgement words only that ends at a
    sentence break ('ok helder. en wat krijgt Veendam dan?'); 0 when there is none."""
    for i, token in enumerate(tokens[:7]):
        if token.text not in _ACKNOWLEDGEMENTS:
            return i if i > 0 and token.after_break else 0
    return 0


_INTERJECTIONS = frozenset(["ok", "oke", "okay", "okee", "oh", "o", "ah", "aha", "nou", "hm", "hmm", "prima", "top", "goed", "ja", "jep", "mwah", "tja", "dus"])
"""Words that open a reply without a break ('ok doe dan maar huishoudens', 'oh 70 inwoners dan'): the
cues of an order or a follow-up start after them."""


def _past_interjections(tokens: list[Token], head: int) -> int:
    while head < min(len(tokens) - 1, 3) and tokens[head].text in _INTERJECTIONS:
        head += 1
    return head


_ASKING_LATER = frozenset(["wat", "welke", "welk", "hoeveel", "hoe", "wie", "waar", "wanneer", "waarom"])


def _is_question(msg: ParsedMessage, tokens: list[Token], head: int) -> bool:
    """A question word first, also past the preposition that governs it ('Op hoeveel woningen rekent …?',
    'In welke gemeenten …?'), or a yes/no question about a group of people."""
    if not tokens[head:]:
        return False
    if tokens[head].text in QUESTION_WORDS:
        return True
    if tokens[head].text in _GOVERNING and _later_question_at(tokens, head) == head + 1:
        return True
    return _people_receive(tokens, head)


_CLAUSE_LEADS = frozenset(
    ["en", "maar", "dus", "want", "of", "vanaf", "sinds", "tot", "binnen", "na", "voor", "in", "op", "met", "bij",
     "per", "over", "tegen", "door", "uit", "van", "aan", "om", "rond", "tussen", "onder", "boven", "zonder", "dan"]
)
"""Closed-class words that may open a clause before its question word: a conjunction ('…, maar wat was …')
and a preposition that governs the question word ('…, binnen hoeveel dagen …', '… toch? vanaf welke datum …')."""
_GOVERNING = _CLAUSE_LEADS - {"en", "maar", "dus", "want", "of", "dan"}
"""The prepositions of _CLAUSE_LEADS: one that opens the message governs the question word right after it."""


def _yes_no(text: str, tokens: list[Token]) -> bool:
    """The last sentence opens with a verb (past a conjunction) and the message ends in '?'."""
    if not tokens or not text.rstrip().endswith("?"):
        return False
    start = max((i for i, t in enumerate(tokens) if t.after_break), default=0)
    if tokens[start].text in ("en", "maar", "of", "dus") and start + 1 < len(tokens):
        start += 1
    return verb_first(tokens[start].text)


def _later_question_at(tokens: list[Token], k: int) -> int | None:
    """Where the question word of the clause that starts at token `k` stands, past at most one conjunction
    and one preposition; None when the clause does not open with a question word."""
    for j in range(k, min(k + 3, len(tokens))):
        if tokens[j].text in _ASKING_LATER:
            return j
        if tokens[j].text not in _CLAUSE_LEADS or (j > k and tokens[j].after_break):
            return None
    return None


def _asks_later(msg: ParsedMessage, tokens: list[Token], head: int) -> bool:
    """A message whose later sentence part starts with a question word after a heading or an introduction
    ('ik werk bij gemeente Wijchen. Wat is …?', 'Haaglanden tussenakkoord van dec 2021, hoeveel … komen
    erbij?', 'ik zit bij gemeente Losser, waar liepen ze … tegenaan', '…, binnen hoeveel dagen moeten ze …?'):
    the place or situation told first is the asker's context, the clause after it the question. Without a
    '?' the question must be the last sentence (nothing told after it). An order or a number to share out
    before it keeps it a request; the router reads it as a question only when no request is going on
    ('Parkstad. Wat krijgt Heerlen?' answers one)."""
    if msg.imperative or msg.has_total or msg.bare_number is not None:
        return False  # 'Twente 200 statushouders, wat betekent dat voor Almelo?': a request, then its question
    # 'wijchen hoeveel … moeten wij …': a place named on its own before the question, as a heading without a comma
    heading = {m.end for m in msg.mentions if m.start == head and not m.fuzzy}
    for k in range(head + 1, len(tokens)):
        at = _later_question_at(tokens, k) if tokens[k].after_break or k in heading else None
        if at is not None:
            if "?" not in msg.text and re.search(r"[.!]\s+\S", msg.text[tokens[at].start :]):
                return False  # 'Losser, wat krijgen we. Verdeel 300 …': something told after it, no question mark
            rest = " ".join(t.text for t in tokens[at:])
            # 'Parkstad, naar huishoudens. Wat krijgt Heerlen?': the later part asks a share, so it is a request
            return ALLOCATION_QUESTION.search(rest) is None and LOOSE_ALLOCATION_QUESTION.search(rest) is None
    return False


_RECEIVE = frozenset(["krijgen", "krijgt", "komen", "komt", "gaan", "gaat", "tellen", "telt", "vallen", "valt", "horen", "hoort"])


def _people_receive(tokens: list[Token], head: int) -> bool:
    """'krijgen uitstromers uit de MO voorrang?', 'tellen minderjarige statushouders mee?': a yes/no
    question whose subject is a group of people asks about their rights, not about a municipality's
    share ('krijgt Delft dan meer?' keeps a place as subject and follows up on the request)."""
    if tokens[head].text not in _RECEIVE or head + 1 >= len(tokens):
        return False
    subject = " ".join(t.text for t in tokens[head + 1 : head + 4])  # 'tellen alleenstaande minderjarige statushouders
    return find_first(GROUPS, subject) is not None


_ADDRESSED = frozenset(["je", "jij", "jou", "jouw", "u", "uw", "jullie", "hier", "tool", "app", "assistent", "programma", "koploper", "chatbot", "bot", "systeem", "hulpmiddel"])
"""Who a question about abilities is put to: the assistant (second person) or the tool by name."""
_ABILITY = frozenset(
    ["kan", "kun", "kunt", "kunnen", "doe", "doet", "doen", "helpen", "gebruiken", "gebruik", "mogelijkheden", "functies", "ben", "bent", "werkt", "stellen",
     "vragen", "voor", "berekenen", "uitrekenen", "verdelen", "beantwoorden", "opzoeken", "zoeken", "vinden", "betekenen"]
)
_ABILITY_FILLER = frozenset(
    ["wat", "waarmee", "waar", "hoe", "welke", "wie", "dingen", "ik", "me", "mij", "we", "wij", "allemaal", "zoal", "eigenlijk", "precies", "nou", "nu",
     "zo", "al", "met", "mee", "zijn", "is", "de", "deze", "dit", "het", "een", "in", "goed", "bij", "dan", "even", "nog", "hallo",
     "hoi", "hey", "hee", "dag", "goedemorgen", "goedemiddag", "goedenavond", "ok", "oke", "eens", "mogelijk", "allemaal", "soort", "ermee", "daarmee"]
)


def _asks_what_you_do(tokens: list[Token]) -> bool:
    """'wat kan ik allemaal met jou doen?', 'waarmee kun je me helpen?', 'wat zijn je mogelijkheden?': a
    question made only of question words, pronouns and words of being able, put to the assistant, with no
    topic of its own (a place, a number or any other noun makes it a question about that)."""
    words = [t.text for t in tokens]
    if not words or len(words) > 12 or words[0] not in _ABILITY_FILLER or any(not w.isalpha() for w in words):
        return False
    if not all(w in _ADDRESSED or w in _ABILITY or w in _ABILITY_FILLER for w in words):
        return False
    return bool(set(words) & _ADDRESSED) and bool(set(words) & _ABILITY) and bool(set(words) & {"wat", "waarmee", "waar", "hoe", "welke", "wie"})


def parse_message(text: str, index: PlaceIndex | None = None, euro_context: bool = False, count_context: bool = False) -> ParsedMessage:
    """Read one message. Never raises on odd input; very long input is cut to its first 2000 characters.

    `euro_context`: the conversation is about money, so a bare '3 miljoen' is an amount in euros;
    `count_context`: it is about counted things (homes, places), so a bare '3 miljoen' is asked about.
    Every number gets a role in `roles` (see assistant.parsing.accounting) or stays in `unaccounted`.
    """
    index = index or default_index()
    text, limit_slips = correct_limit_words(expand_abbreviations((text or "")[:MAX_CHARS]))
    msg = ParsedMessage(text=text, norm="", tokens=[], notes=limit_slips)
    command = text.lstrip().startswith("/")
    if not command:
        msg.numbers = number_spans(text)
    rest = _read_amounts(msg, euro_context, count_context) if not command else text
    tokens = tokenize(rest)
    if not command:
        exact = {i for m in index.find(tokens) if not m.fuzzy for i in range(m.start, m.end)}
        tokens, slips = correct(tokens, exact)
        msg.notes.extend(slips)
    norm = " ".join(t.text for t in tokens)
    msg.tokens, msg.norm = tokens, norm
    msg.command, msg.command_arg = _command(text)
    all_numbers = find_numbers(tokens)
    msg.mentions = index.find(tokens)
    msg.notes.extend(_read_as(msg))
    numbers = _read_existing(msg, tokens, all_numbers)
    numbers = _years_in_tokens(msg, tokens, numbers)
    numbers = _ordinals(msg, tokens, numbers)  # '1e helft', '3de kwartaal': a rank, never an amount
    numbers = _informing(msg, tokens, numbers)  # dates, times, member counts, calendar years: never a total
    numbers = _asides(msg, tokens, numbers)  # what is left in a bracketed aside: context
    numbers = _other_things_counted(msg, tokens, numbers)  # '3 overleggen' next to '900 woningen': context
    numbers = _counted_while_asking(msg, tokens, numbers)  # 'hoeveel woningen … de drie woondeals': context
    numbers = _pointing_back(msg, tokens, numbers)  # 'wat doet elk van die drie?': the things named before
    numbers = [n for n in numbers if not _bound_for_one_place(msg, tokens, n) and not _not_a_total(tokens, n)]
    ratio = ratio_key(rest, tokens, None, False)  # '50/50 tussen inwoners en woningvoorraad': weights, never a total
    numbers = [n for n in numbers if ratio is None or n.start not in ratio.weight_at]
    numbers = _bare_ratio(msg, rest, tokens, numbers) if ratio is None else numbers
    numbers = _relative_total(msg, tokens, numbers)
    numbers = _total_factor(msg, tokens, numbers)
    numbers = _past_situation(msg, tokens, numbers)
    total: TotalParse = find_total(tokens, numbers)
    money = msg.unit == "euro"  # the amount came from the money reader; other numbers are no total
    if not money:
        _take_total(msg, tokens, numbers, total)
    _vague_amount(msg, tokens, numbers)
    if not money and msg.total_problem is None and msg.total is None and msg.bare_number is None:
        msg.total_problem = _odd_number(all_numbers)
    if msg.total_problem:
        for n in msg.numbers:
            digits = re.sub(r"\D", "", n.text)
            if digits and digits in re.sub(r"\D", "", msg.total_problem):
                msg.roles.append(Role(n.start, n.end, "asked"))
    _per_year_restated(msg, tokens, all_numbers)
    _assign_places(msg, index)
    _region_of_existing(msg, index)
    national = NATIONAL.search(norm) or (RIJK.search(norm) and msg.total is not None)
    if national and (msg.region is None or msg.region_inferred) and not msg.municipalities:
        # 'over heel Nederland': every municipality, as the Rijk shares the statushouders taakstelling
        msg.region, msg.region_inferred, msg.outside_regions = NATIONAL_GROUP, False, []
    if not msg.unknown_places:
        msg.unknown_places = _unknown_near(msg) or _unknown_lower_case(msg, all_numbers)
    msg.key = _read_key(msg, rest, tokens, all_numbers, total.total)
    msg.existing_dropped = dropped_existing(norm)
    msg.roles.extend(Role(*char_span(tokens, n), "key") for n in all_numbers if n.start in msg.key.weight_at)
    msg.key_problem = _key_problem(msg.key)
    if msg.bare_ratio and msg.key.weights is None:  # answered by the router when the last key has as many parts
        shown = "/".join(f"{w * 100:g}" for w in msg.bare_ratio)
        msg.key_problem = f"U noemt {shown}, maar niet voor welke sleutels. Zeg bijvoorbeeld \"{shown.split('/')[0]}% inwoners en {shown.split('/')[1]}% huishoudens\"."
    msg.method = find_first(METHODS, norm)
    msg.group = find_first(GROUPS, norm)
    counted = total.total if msg.total is not None else total.bare if msg.bare_number is not None else None
    if msg.unit is None and msg.group and " " not in msg.group and _counts_the_group(tokens, counted):
        # 'Wat is een statushouder? En verdeel er 480 …': the number counts the group named
        msg.total, msg.unit, msg.bare_number = msg.total if msg.total is not None else msg.bare_number, msg.group, None
    msg.unit = msg.unit or _unit_named_alone(msg, tokens) or _unit_of_other_counts(msg, tokens, all_numbers) or _group_counted(msg, tokens)
    msg.notes.extend(_typo_key(msg, tokens))
    msg.strong_cue = STRONG_CUES.search(norm) is not None
    defining = not msg.has_place and all(DEFINING_DIFFERENCE.search(normalise(part)) for part in _sentences(text))
    # 'wat is eigenlijk het verschil tussen woningvoorraad en huishoudens als verdeelsleutel?': what two keys
    # are (the material answers), not two outcomes side by side; with a place named it asks the outcomes
    msg.compare_cue = not defining and (COMPARE_CUE.search(_without_defining(text, norm)) is not None or _alternative_keys(tokens))
    if msg.compare_cue:
        msg.compare_keys = _compared_indicators(tokens, total.total)
    head = _past_interjections(tokens, _past_acknowledgement(tokens))
    cue_norm = " ".join(t.text for t in tokens[head:])  # 'ok helder. en wat krijgt Veendam dan?': the cues start after the thanks
    msg.loose_question = LOOSE_ALLOCATION_QUESTION.search(cue_norm) is not None
    msg.allocation_question = ALLOCATION_QUESTION.search(cue_norm) is not None or (
        msg.loose_question and (msg.total is not None or msg.bare_number is not None)
    )
    if msg.allocation_question and msg.total is None and msg.bare_number is not None and msg.has_place:
        msg.total, msg.bare_number = msg.bare_number, None
    msg.imperative = IMPERATIVE.search(cue_norm) is not None
    msg.question = _is_question(msg, tokens, head)
    msg.asks_later = _asks_later(msg, tokens, head)
    msg.follow_up = FOLLOW_UP.search(cue_norm) is not None
    msg.help = HELP.match(norm) is not None or text.strip() in ("?", "help", "/help", "/hulp") or _asks_what_you_do(tokens)
    msg.unknown_key = _unknown_key(msg)
    msg.drops_cap, msg.drops_floor, either = dropped_limits(text)
    msg.drops_limit = either and not (msg.drops_cap or msg.drops_floor)
    msg.spread_asked = msg.years is None and _SPREAD.search(norm) is not None
    profile = PROFILE.match(norm)
    if profile:
        msg.profile_target = profile.group(1)
    return msg


def _as_context(msg: ParsedMessage, start: int, end: int, note: str) -> None:
    """A number that is context, not part of the request: its role for the accounting and the words
    "Ik lees dit als …" shows for it."""
    msg.roles.append(Role(start, end, "context"))
    msg.noted.append(note)
