"""Decide what a message means in the conversation: knowledge, allocation, clarify, help, profile.

The parser says what a message literally contains; the router combines that with the conversation
state (the last request, a pending clarifying question, the last knowledge question) so that
"En als het er 300 zijn?" changes only the total of the last allocation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from assistant.models import Intent, ParsedRequest
from assistant.parsing.accounting import Role, RoleName
from assistant.parsing.limits import Share
from assistant.parsing.message import ParsedMessage
from assistant.parsing.places import PlaceIndex, PlaceMention
from assistant.question_shapes import (
    asks_comparison,
    asks_newcomer,
    each_own,
    edges_trimmed,
    has_content,
    newcomer_question,
    parallel_parts,
    sides,
    with_aside,
    without_comparison,
)

RouteKind = Literal[
    "help", "profile", "knowledge", "allocation", "compare", "region_filter", "load_data", "unknown_command"
]


class ConversationState(BaseModel):
    """What the router remembers between messages (saved with the conversation)."""

    last_request: ParsedRequest | None = None
    pending: bool = False
    """The last reply asked a clarifying question about `last_request`."""
    last_intent: Intent | None = None
    last_knowledge_question: str | None = None
    last_knowledge_region: str | None = None
    last_region_named: str | None = None
    """The last region a message named (for 'over die regio')."""
    own_municipality: str | None = None
    """'ik werk bij de gemeente Lingewaard': whom 'wij' and 'ons aandeel' mean later in the conversation."""


@dataclass
class Route:
    """The router's decision for one message."""

    kind: RouteKind
    request: ParsedRequest | None = None
    follow_up: bool = False
    loose: bool = False
    """Something was filled in that the message did not say (a region inferred, a default key)."""
    notes: list[str] = field(default_factory=list)
    problem: str | None = None
    query: str = ""
    region: str | None = None
    compare: list[str] = field(default_factory=list)
    """Two or three regions (or things) to answer side by side, per aspect."""
    compare_regions: bool = False
    """`compare` holds region names (searched with their filter), not things named in the question."""
    topic: str = ""
    """For a comparison: the question without what is compared and without the comparing words."""
    compare_places: list[str] = field(default_factory=list)
    """For a comparison of regions: the place each column's question names, as the user wrote it when it was
    a municipality ('Den Haag' for Haaglanden: its own figures, not the region's), else the region."""
    compare_parts: list[str] = field(default_factory=list)
    """For a comparison of regions whose question gives each its own words ('de kwartiermaker in Haaglanden
    en de aanjager in Arnhem-Nijmegen'): those words per region, in the order of `compare`."""
    compare_questions: list[str] = field(default_factory=list)
    """For a comparison of regions that lists them ('Met hoeveel gemeenten doen Twente, Parkstad en Groningen
    mee?'): per region, the question as if it named that region alone, in the order of `compare`."""


def _new_request(msg: ParsedMessage, allow_bare: bool) -> ParsedRequest:
    total: int | float | None = msg.total if msg.total is not None else (msg.bare_number if allow_bare else None)
    if msg.amount is not None and msg.total is None:
        total = float(msg.amount)  # an amount with cents
    if msg.total_problem is not None:
        total = None  # asked about, never guessed
    request = ParsedRequest(
        region=msg.region,
        municipalities=msg.municipalities or None,
        total=total,
        focus=msg.focus,
        key=complete_key(msg.key.weights, {"inwoners": 1.0}) if msg.key.weights else {"inwoners": 1.0},
        method=msg.method or "hamilton",
        group=msg.group,
        unit=msg.unit or "woningen",
        existing=msg.key.existing,
        existing_amounts=dict(msg.existing),
        years=msg.years or 1,
        cents=msg.amount is not None and msg.total is None,
        noted=list(msg.noted),
        changed=["existing"] if msg.existing else [],
    )
    if msg.per_year and isinstance(request.total, int) and request.years > 1:
        request.total = request.total * request.years
    _apply_limits(request, msg)
    return request


def complete_key(weights: dict[str, float], base: dict[str, float]) -> dict[str, float]:
    """A partial key ('voor de helft naar huishoudens') filled up with the key there was (or inwoners):
    the named share for the named indicator, the rest in the old key's proportions."""
    named = sum(weights.values())
    if named >= 1 - 1e-9:
        return dict(weights)
    rest = {k: v for k, v in base.items() if k not in weights and v > 0} or (
        {"inwoners": 1.0} if "inwoners" not in weights else {}
    )
    if not rest:
        return {k: v / named for k, v in weights.items()}
    scale = (1 - named) / sum(rest.values())
    return {**{k: round(v * scale, 6) for k, v in rest.items()}, **weights}


def _apply_limits(data: ParsedRequest, msg: ParsedMessage) -> None:
    """A cap (floor) in the message replaces the previous one of any kind: a number, a share of the
    total or a share of an indicator; 'zonder maximum' drops it."""
    unnamed = msg.drops_limit and not (msg.names_cap or msg.names_floor)  # 'laat die grens los': those set
    if msg.names_cap or msg.drops_cap or unnamed:
        data.cap_absolute, data.cap_share, data.caps = _limit_fields(msg.cap_absolute, msg.cap_share)
    if msg.names_floor or msg.drops_floor or unnamed:
        data.floor_absolute, data.floor_share, data.floors = _limit_fields(msg.floor_absolute, msg.floor_share)


def _limit_fields(absolute: int | None, share: Share | None) -> tuple[int | None, float | None, dict[str, float]]:
    """One limit as the request holds it (absolute, share of the total, per indicator), every kind
    filled so that a new limit clears whatever kind the old one was; the same for caps and floors."""
    if share is not None and share.indicator:
        return absolute, None, {share.indicator: share.fraction}
    return absolute, share.fraction if share is not None else None, {}


def _ambiguous_same_region(msg: ParsedMessage, region: str | None) -> str | None:
    """'En voor Groningen?' inside the province Groningen means the municipality, not the region again."""
    for m in msg.mentions:
        if m.region and m.municipality and m.region == region:
            return m.municipality.name
    return None


def _merge_places(data: ParsedRequest, msg: ParsedMessage, index: PlaceIndex, notes: list[str]) -> str | None:
    """Apply what a follow-up says about the group and the focus; returns a Dutch problem, if any."""
    members = set(index.member_names(data.region)) if data.region else set(data.municipalities or [])
    same = _ambiguous_same_region(msg, data.region)
    included = [n for n in msg.included if n not in members]  # 'Heerlen doet ook mee' about a member: no change
    excluded = [n for n in msg.excluded if n in members]  # 'zonder Delft' when Delft is not in the group: no change
    outside = [n for n in msg.excluded if n not in members]
    if outside and not msg.municipalities and not (msg.region and not msg.region_inferred):
        notes.append(f"{' en '.join(outside)} {'hoort' if len(outside) == 1 else 'horen'} al niet bij {data.region or 'de gekozen gemeenten'}; dat verandert niets aan de groep.")
    if data.focus in outside:  # 'laat Delft maar zitten' after a question about Delft outside the group
        data.focus = None
    named_region = msg.region if not msg.region_inferred else None  # 'Wat krijgt Arnhem als we Nijmegen eruit halen?'
    if (excluded or included) and not msg.municipalities and not named_region:
        current = index.member_names(data.region) if data.region else list(data.municipalities or [])
        kept = [n for n in current if n not in excluded] + [n for n in included if n not in current]
        data.region, data.municipalities = None, kept
        if data.focus in msg.excluded:
            data.focus = None
        if msg.focus in kept:
            data.focus = msg.focus
    elif msg.municipalities and msg.list_as_subject and not msg.has_total and set(msg.municipalities) <= members:
        pass  # 'Nijmegen en Arnhem krijgen te veel; zet een max van 80': members talked about, the group stays
    elif msg.municipalities:
        data.region, data.municipalities = None, list(msg.municipalities)
        # 'Haaglanden plus Delft' after a question about Delft keeps Delft in view; a new list does not
        data.focus = msg.focus or (data.focus if msg.included and data.focus in msg.municipalities else None)
    elif same and not msg.focus:
        data.focus = same
    elif msg.region and not msg.region_inferred and msg.region != data.region:
        data.region, data.municipalities = msg.region, None
        new_members = set(index.member_names(msg.region))
        if msg.focus and msg.focus in new_members:
            data.focus = msg.focus
        elif data.focus and data.focus not in new_members:
            notes.append(f"{data.focus} hoort niet bij {msg.region}; ik laat het aandeel van {data.focus} weg.")
            data.focus = None
    elif msg.focus:
        return _merge_focus(data, msg, members, notes)
    return None


def _merge_focus(data: ParsedRequest, msg: ParsedMessage, members: set[str], notes: list[str]) -> str | None:
    """A new focus municipality: inside the group, in another region (switch to it), or nowhere (ask)."""
    assert msg.focus is not None
    if msg.focus in members:
        data.focus = msg.focus
    elif msg.region:
        notes.append(f"{msg.focus} hoort niet bij {data.region or 'de gekozen gemeenten'}; ik reken daarom voor {msg.region}.")
        data.region, data.municipalities, data.focus = msg.region, None, msg.focus
    else:
        where = data.region or "de gekozen gemeenten"
        return (
            f"{msg.focus} hoort niet bij {where} en ook bij geen van de andere koploperregio's. Wilt u "
            f"{msg.focus} meetellen, zeg dan \"plus {msg.focus}\"; of noem zelf de gemeenten waarover verdeeld "
            f"moet worden, bijvoorbeeld \"verdeel {data.total or 100} {data.unit} over {msg.focus}, Rijswijk en Zoetermeer\"."
        )
    return None


def _merge_total(data: ParsedRequest, msg: ParsedMessage) -> str | None:
    """A new total, a change by an amount ('50 extra') or a factor ('verdubbelt'); a Dutch problem when the
    change cannot be applied."""
    delta_problem: str | None = None
    if msg.total_problem is not None:
        data.total = None
    elif msg.amount is not None:
        data.total = msg.total if msg.total is not None else float(msg.amount)
        data.unit, data.cents = "euro", msg.total is None or data.cents
    elif msg.total is not None or msg.bare_number is not None:
        data.total = msg.total if msg.total is not None else msg.bare_number
        if msg.unit:
            data.unit = msg.unit
    elif msg.total_delta is not None and isinstance(data.total, int) and data.total + msg.total_delta > 0:
        data.total = data.total + msg.total_delta  # 'en met 50 extra?': the change is said in words (changes())
    elif msg.total_factor is not None and data.total is not None:
        data.total, delta_problem = _times(data.total, msg.total_factor, data.unit == "euro")
        data.cents = data.cents or isinstance(data.total, float)
    elif msg.total_delta is not None:
        delta_problem = (
            f"U noemt {abs(msg.total_delta)} {'meer' if msg.total_delta > 0 else 'minder'}, maar dat kan ik niet bij het totaal "
            f"({data.total if data.total is not None else 'nog onbekend'}) optellen of ervan aftrekken. Hoeveel moet er in totaal verdeeld worden?"
        )
    return delta_problem


def merge(base: ParsedRequest, msg: ParsedMessage, index: PlaceIndex) -> tuple[ParsedRequest, list[str], str | None]:
    """Apply what a follow-up says to the last request; returns the request, Dutch notes and a problem."""
    data = base.model_copy(deep=True)
    data.noted = list(msg.noted)
    notes: list[str] = []
    delta_problem = _merge_total(data, msg)
    _apply_limits(data, msg)
    problem = _merge_places(data, msg, index, notes)
    if msg.key.weights is not None:
        data.key = complete_key(msg.key.weights, base.key)
    key_problem = msg.key_problem
    if msg.key.weights is None and msg.bare_ratio and len(msg.bare_ratio) == len(base.key):  # 'en 50/50?': the last key re-weighed
        data.key = {name: round(w, 6) for name, w in zip(base.key, msg.bare_ratio, strict=True)}
        key_problem = None
    if msg.key.existing:
        data.existing = True
    if msg.existing_dropped:
        data.existing, data.existing_amounts = False, {}
    if msg.existing or msg.existing_cleared:
        data.existing_amounts = {k: v for k, v in {**data.existing_amounts, **msg.existing}.items() if k not in msg.existing_cleared}
    if msg.method:
        data.method = msg.method
    if msg.group:
        data.group = msg.group
    if msg.years:
        data.years = msg.years
    if msg.per_year and isinstance(data.total, int) and (msg.total is not None or msg.bare_number is not None) and data.years > 1:
        data.total = data.total * data.years
    problem = problem or msg.total_problem or delta_problem or key_problem or _two_regions(msg) or _unknown_places(msg)
    notes[:0] = changes(base, data)
    data.changed = [name for name, old, new in (
        ("total", base.total, data.total),
        ("cap", (base.cap_absolute, base.cap_share, base.caps), (data.cap_absolute, data.cap_share, data.caps)),
        ("floor", (base.floor_absolute, base.floor_share, base.floors), (data.floor_absolute, data.floor_share, data.floors)),
        ("years", base.years, data.years),
        ("existing", base.existing_amounts, data.existing_amounts),
    ) if old != new]
    return data, notes, problem


def _times(total: float, factor: float, money: bool) -> tuple[float | int | None, str | None]:
    """The last total times a factor ('verdubbelt', '10% minder'); an amount to the cent, a count only when
    it comes out whole (else the reply asks)."""
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(str(total)) * Decimal(str(factor))
    if money:
        cents = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return (int(cents) if cents == cents.to_integral_value() else float(cents)), None
    if exact == exact.to_integral_value():
        return int(exact), None
    shown = f"{exact:f}".rstrip("0").rstrip(".").replace(".", ",")
    return None, f"Dat komt uit op {shown}, geen heel aantal. Met welk totaal zal ik rekenen?"


def _what(request: ParsedRequest) -> str:
    from assistant.compose_allocation import counted_amount

    return counted_amount(request, request.total) if request.total is not None else "?"


def changes(base: ParsedRequest, new: ParsedRequest) -> list[str]:
    """What a follow-up changed, in words: a changed total is always said, and so is everything else
    that changed, so the user sees that the rest of the request stayed as it was."""
    from assistant.compose_allocation import describe_key, limits_phrase

    said: list[str] = []
    if new.total is not None and base.total is not None and new.total != base.total:
        said.append(f"het totaal (nu {_what(new)}, was {_what(base)})")
    elif new.total is not None and base.total is None:
        said.append(f"het totaal (nu {_what(new)})")
    if new.unit_kind != base.unit_kind and new.total is not None:
        said.append(f"de eenheid (nu {new.unit})")
    if (new.region, new.municipalities) != (base.region, base.municipalities):
        said.append("de groep gemeenten")
    if new.key != base.key:
        said.append(f"de sleutel (nu {describe_key(new.key)})")
    if new.method != base.method:
        said.append("de afrondingsmethode")
    if new.years != base.years:
        said.append(f"de looptijd (nu {new.years} jaar)" if new.years > 1 else "de looptijd (nu één jaar)")
    if limits_phrase(new) != limits_phrase(base):
        said.append(f"de grenzen (nu{limits_phrase(new).lstrip(',') or ' geen'})")
    if new.existing_amounts != base.existing_amounts or new.existing != base.existing:
        said.append("de bestaande inzet")
    if new.group != base.group and new.group:
        said.append(f"de doelgroep (nu {new.group})")
    if not said:
        return []
    return ["Ten opzichte van de vorige verdeling verandert alleen " + _join(said) + "; de rest blijft gelijk."]


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


_DEFINING = re.compile(r"^(?:wat (?:is|zijn|betekent|betekenen|houdt|doet|doen)|hoe (?:werkt|werken|zit|wordt|worden)|waarom|wanneer)\b")
_QUESTION_STARTS = frozenset(["hoeveel", "wat", "welke", "welk", "hoe", "wie", "waar", "wanneer", "waarom"])


def _knowledge_first(msg: ParsedMessage, last: ParsedRequest | None) -> bool:
    """A knowledge question stays one even when it names a number, unless it asks to share something
    out: a question about what something is or how it works that names no place ("Wat is het verschil
    tussen Hamilton en D'Hondt als je 19 plekken verdeelt?"), or a message with two questions and no
    number to share while no allocation is going on ("Hoeveel geld geeft de provincie … en hoeveel komen
    er in Westerkwartier?": the material may answer both; there is nothing to compute)."""
    if msg.imperative or msg.compare_keys:
        return False
    if _DEFINING.match(msg.norm) and not msg.has_place and last is None:
        return True
    if _how_to_start(msg) or _asks_what_was_agreed(msg):
        return True
    questions = sum(1 for t in msg.tokens if t.text in _QUESTION_STARTS)
    return last is None and not msg.has_total and msg.bare_number is None and questions >= 2


_HOW_TO_START = re.compile(r"\b(?:hoe|waar|waarmee) (?:begin|start|moet) ik\b|\bhoe (?:pak|ga|kan) ik (?:dat|dit|het|zo n|zoiets)\b")


def _how_to_start(msg: ParsedMessage) -> bool:
    """'ik ben net gestart als coördinator en moet … 300 plekken verdelen. hoe begin ik daarmee?': a newcomer
    asking how to go about a task asks for the material's approach, even when the task has a number."""
    return asks_newcomer(msg.text) and _HOW_TO_START.search(msg.norm) is not None and not msg.allocation_question


_AGREED = re.compile(
    r"\b(?:afgesproken|overeengekomen|besloten|vastgelegd|toegezegd|opgenomen|beloofd)\b"
    r"|\b(?:staat|staan|stond|stonden) (?:er )?(?:\w+ )?in (?:de|het|die|dat) (?:\w+ )?(?:woondeal|woondeals|akkoord|afspraken|convenant|plan|deal)\b"
    r"|\bin (?:de|het|die|dat) (?:\w+ )?(?:woondeal|woondeals|akkoord|afspraken|convenant|plan|deal)(?: \w+)? (?:staat|staan|stond|stonden)\b"
)
_ASKS = frozenset(["wat", "welke", "welk", "hoeveel", "hoe", "wanneer", "waarom"])


def _asks_what_was_agreed(msg: ParsedMessage) -> bool:
    """'Wat is in de woondeal afgesproken over de verdeling van de 500 flexwoningen?', 'In de woondeal
    staan 3000 woningen, hoeveel daarvan zijn voor starters?': a question about what was agreed or what
    a deal holds asks the material, even with a number and a word of sharing in it; asking a share of a
    municipality ('hoeveel moet Delft …') still asks to share out."""
    from assistant.parsing.text import normalise
    from assistant.parsing.vocab import ALLOCATION_QUESTION, IMPERATIVE

    if msg.allocation_question or not _AGREED.search(msg.norm):
        return False
    sentences = [normalise(part) for part in re.split(r"(?<=[?!.;])\s+", msg.text) if part.strip()]
    if any(IMPERATIVE.search(part) or ALLOCATION_QUESTION.search(part) for part in sentences[1:]):
        return False  # '… staan 3000 woningen. Kun je die over Twente verdelen?': an order after the fact
    return "?" in msg.text and any(t.text in _ASKS for t in msg.tokens)


def _compare_keys(msg: ParsedMessage, last: ParsedRequest | None, index: PlaceIndex) -> Route | None:
    """'Wat scheelt het voor Zoetermeer als we naar huishoudens verdelen?': the last request (or the one in
    the message) under its own key and the named one, side by side; with two keys named, those two."""
    if not msg.compare_keys:
        if msg.compare_cue and msg.method and last is not None and last.total is not None and not msg.has_total:
            return Route("compare")  # 'wat scheelt het als we met D'Hondt afronden?': the methods side by side
        return None
    own = msg.has_total and bool(msg.region or msg.municipalities)
    if not own and last is None:
        return None
    if own or last is None:
        notes: list[str] = []
        request, problem = _new_request(msg, allow_bare=True), None
    else:
        request, notes, problem = merge(last, msg, index)
        request.key = dict(last.key)
        notes = [n for n in notes if not n.startswith("Ten opzichte")]
    named = [{name: 1.0} for name in msg.compare_keys]
    keys = named if len(named) >= 2 else [dict(request.key), *named]
    if len(keys) == 2 and keys[0] == keys[1]:
        keys = [{"inwoners": 1.0}, keys[1]] if keys[1] != {"inwoners": 1.0} else keys[:1]
    if len(keys) < 2:
        return None
    request.compare_keys = keys
    request.key = dict(keys[0])
    return Route("allocation", request=request, follow_up=not own, notes=notes, problem=problem)


def _knowledge(msg: ParsedMessage, region_filter: str | None, index: PlaceIndex | None = None) -> Route:
    """A knowledge question searches the filter's region, unless it names another region: then that
    region wins for this question (the reply says so), so a filter never silently blocks it.

    A comparison of two or three regions ("Vergelijk Haaglanden en Parkstad", "Hoe doen Amsterdam en Den
    Haag het …") or of two things ("verschil tussen Hamilton en D'Hondt") is answered side by side."""
    query, notes = _corrected(msg)
    regions = _regions_named(msg, index) if index is not None else []
    if index is not None and 2 <= len(regions) <= 3:  # two or three regions named: each answers its own part
        return _compare_regions(msg, query, notes, regions, index)
    if asks_comparison(query):
        compared = sides(query, loose=not regions)
        if compared is not None:
            a, b, rest = compared
            return Route("knowledge", query=query, notes=notes, compare=[a, b], region=region_filter, topic=_trimmed(without_comparison(rest)))
    region = msg.region if msg.region and region_filter and msg.region != region_filter else region_filter
    return Route("knowledge", query=query, region=region, notes=notes)


def _region_of(m: PlaceMention, index: PlaceIndex) -> str | None:
    """The koploper region a mention names: by name, or by a municipality of exactly one region."""
    region = m.region
    if region is None and m.municipality is not None:
        region = index.core_city_region(m.municipality.name)
        if region is None:
            regions = index.regions_of.get(m.municipality.name, ())
            region = regions[0] if len(regions) == 1 else None
    return region


def _compare_regions(msg: ParsedMessage, query: str, notes: list[str], regions: list[str], index: PlaceIndex) -> Route:
    """'wie loopt verder achter, Den Haag of Amsterdam?', 'hoeveel gemeenten in Parkstad en hoeveel in
    Groningen?', 'de kwartiermaker in Haaglanden en de aanjager in Arnhem-Nijmegen': a question that names
    two or three regions is answered per region, side by side. The topic is the question without the names
    (and the words each name has for itself, which go to its own column)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    places: dict[str, str] = {}
    for m in msg.mentions:
        region = _region_of(m, index)
        pattern = r"[\W_]*".join(re.escape(word) for word in m.text.split(" "))
        taken = [s for found in spans.values() for s in found]
        match = next((x for x in re.finditer(pattern, query, re.IGNORECASE) if (x.start(), x.end()) not in taken), None)
        if region in regions and match is not None:
            spans.setdefault(region, []).append((match.start(), match.end()))
            if region not in places:
                places[region] = match.group(0) if m.region is None and m.municipality is not None else region
    # an adjective ('de Groningse provincie') names the region together with its noun: the noun stays in
    # the topic, but the two are one name when the question's structure is read
    whole = {span: _with_noun(query, span) for found in spans.values() for span in found}
    if any(region not in spans for region in regions):
        parts = None
    else:
        regions = sorted(regions, key=lambda r: spans[r][0][0])
        parts = parallel_parts(query, [whole[spans[r][0]] for r in regions])
    removed = [s for found in spans.values() for s in found] + (parts or [])
    if parts is None:  # 'in Parkstad en hoeveel in de …': the links between the names go with them
        names = sorted(whole.items(), key=lambda item: item[1])
        for (_, a), (b, b_whole) in itertools.pairwise(names):
            a = with_aside(query, a)  # 'Haaglanden (Zuid-Holland) en de MRA': the aside goes with its name
            gap = query[a[1] : b[0]]
            if a[1] < b[0] and not has_content(gap):
                kept = re.search(r"(?:\b(?:in|bij|van|voor|rond|de|het)\s+)*$", gap) if b_whole != b else None
                removed.append((a[1], a[1] + (kept.start() if kept is not None else len(gap))))
    widened = []
    for start, end in removed:  # a name goes with its article and preposition ('in de MRA'), an adjective alone
        before = re.search(r"(?:\b(?:in|bij|van|voor|rond|de|het)\s+)*$", query[:start], re.IGNORECASE)
        named = before is not None and (start, end) not in (parts or []) and whole.get((start, end), (start, end)) == (start, end)
        widened.append((before.start() if named and before is not None else start, with_aside(query, (start, end))[1]))
    topic = re.sub(r"\(\s*\)", " ", _cut(query, widened))
    own = [edges_trimmed(query[s:e], keep_article=True) for s, e in parts] if parts else []
    alone = each_own(query, [[whole[s] for s in spans[r]] for r in regions]) if parts is None and all(r in spans for r in regions) else []
    return Route(
        "knowledge", query=query, notes=notes, compare=regions, compare_regions=True,
        topic=_trimmed(without_comparison(topic)), compare_parts=own, compare_places=[places.get(r, r) for r in regions],
        compare_questions=alone,
    )


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans (overlapping ones merged) replaced by a space each."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    for start, end in reversed(merged):
        text = text[:start] + " " + text[end:]
    return text


def _with_noun(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """'Groningse provincie', 'Groninger gemeenten': a region's adjective (ending in -se or -er) with the word
    after it; any other name as it stands."""
    start, end = span
    noun = re.match(r"\s+[^\W\d_]+", text[end:])
    if noun is None or re.search(r"(?:se|er)$", text[start:end], re.IGNORECASE) is None:
        return span
    return start, end + noun.end()


def _trimmed(topic: str) -> str:
    """'en : hoeveel gemeenten doen er mee?' → 'hoeveel gemeenten doen er mee?'. Only whole words go: 'voor de
    kleine gemeenten' keeps its last word ('gemeenten' ends in 'en' but is no 'en')."""
    import re

    topic = re.sub(r"\s+([,.:;?!])", r"\1", re.sub(r"\s{2,}", " ", topic))
    asked = topic.rstrip().endswith("?")
    topic = topic.strip().rstrip("?")
    previous = None
    while previous != topic:
        previous = topic
        topic = re.sub(r"^(?:(?:en|of|de|het|van|met)\b|[,.:;?])\s*|\s*(?:\b(?:en|of|de|het|van|met)|[,.:;?])$", "", topic.strip(), flags=re.IGNORECASE).strip()
    return topic + "?" if asked and topic else topic


def _regions_named(msg: ParsedMessage, index: PlaceIndex) -> list[str]:
    """The koploper regions a message names, in order: by name, or by a municipality of exactly one region
    (Amsterdam for the MRA, Den Haag for Haaglanden)."""
    found: list[str] = []
    for m in msg.mentions:
        region = _region_of(m, index)
        if region and region not in found:
            found.append(region)
    return found


def _corrected(msg: ParsedMessage) -> tuple[str, list[str]]:
    """The question with forgiven typos of place names spelled right ('Enchede' → 'Enschede'), and a note
    saying so: the search matches the material's spelling, and the user sees what was searched."""
    query = msg.text.strip()
    notes: list[str] = []
    for m in msg.mentions:
        place = m.municipality
        name = place.name if place is not None else m.region
        surface = _surface(query, m.text) if m.fuzzy else None
        if surface and name and surface != name:
            query = query.replace(surface, name, 1)
            notes.append(f"'{surface}' lees ik als {name}.")
    return query, notes


def route(msg: ParsedMessage, state: ConversationState, index: PlaceIndex, region_filter: str | None = None) -> Route:
    """The decision for one message; never raises. An allocation never drops a number: one that no
    reader gave a role is asked about (the accounting rule), and so is a spread without years."""
    state.own_municipality = _own_municipality(msg) or state.own_municipality
    _member_of_own_list(msg, state)
    _that_region(msg, state)
    if msg.region and not msg.region_inferred:
        state.last_region_named = msg.region
    decision = _route(msg, state, index, region_filter)
    if decision.kind == "allocation" and decision.request is not None:
        _we_are(msg, state, decision.request, index)
    if decision.kind == "allocation":
        decision.notes[:0] = msg.notes + _alias_caveats(msg, decision.request, index)
        if decision.problem is None:
            decision.problem = (
                unaccounted_question(msg) or _spread_question(msg, decision.request) or _focus_outside(decision.request, index)
            )
    return decision


def _member_of_own_list(msg: ParsedMessage, state: ConversationState) -> None:
    """'hoeveel blijft er voor Groningen?' after a request over an own list with the municipality Groningen
    in it: a name that is both a region and a municipality of that list is the member asked about, not
    the region (a message with a total of its own may start anew and keeps the region)."""
    last = state.last_request
    if last is None or not last.municipalities or msg.municipalities or msg.has_total or msg.bare_number is not None:
        return
    for m in msg.mentions:
        if m.region and m.municipality and m.region == msg.region and not msg.region_inferred and m.municipality.name in last.municipalities:
            msg.region, msg.focus, msg.focus_cued = None, m.municipality.name, True
            msg.regions_named = [r for r in msg.regions_named if r != m.region]
            return


_FIRST_PERSON = frozenset(["ik", "wij", "we", "ons", "onze", "mijn"])
_WORK_AT = re.compile(r"\b(?:werk|werken|zit|zitten|ben|zijn|namens|vanuit|voor)\b(?: \w+){0,4} (?:bij|van|namens|voor) (?:de )?gemeente$|\bnamens$|\bvanuit$")
_THAT_REGION = re.compile(r"\b(?:die|deze|dezelfde|diezelfde|dat|hetzelfde) (?:regio|gebied|samenwerkingsverband)\b")


def _own_municipality(msg: ParsedMessage) -> str | None:
    """'ik werk bij de gemeente Lingewaard', 'namens Voerendaal': the municipality the user speaks for."""
    if not _FIRST_PERSON & {t.text for t in msg.tokens}:
        return None
    for m in msg.mentions:
        before = " ".join(t.text for t in msg.tokens[max(0, m.start - 8) : m.start])
        if m.municipality is not None and _WORK_AT.search(before):
            return m.municipality.name
    return None


def _that_region(msg: ParsedMessage, state: ConversationState) -> None:
    """'over die regio': the region of the last request, or of the last knowledge question."""
    if (msg.region and not msg.region_inferred) or msg.municipalities or not _THAT_REGION.search(msg.norm):
        return
    region = state.last_region_named or (state.last_request.region if state.last_request is not None else None)
    if region:
        msg.region, msg.region_inferred = region, False


def _we_are(msg: ParsedMessage, state: ConversationState, request: ParsedRequest, index: PlaceIndex) -> None:
    """'wat krijgen wij?' from someone who said where they work: that municipality's share, when it is
    in the group."""
    own = state.own_municipality
    if own is None or request.focus is not None or not {"wij", "we", "ons", "onze"} & {t.text for t in msg.tokens}:
        return
    members = index.member_names(request.region) if request.region else list(request.municipalities or [])
    if own in members:
        request.focus = own


def _focus_outside(request: ParsedRequest | None, index: PlaceIndex) -> str | None:
    """A municipality asked about that is not in the region: the ways forward instead of a dead end."""
    if request is None or not request.focus or not request.region or request.region not in index.members:
        return None
    members = index.member_names(request.region)
    if request.focus in members:
        return None
    from assistant.compose_allocation import counted_amount

    what = counted_amount(request, request.total) if request.total is not None else request.unit
    listed = ", ".join(members[:-1]) + " en " + members[-1]
    from koploper.regions import in_sentence

    short = in_sentence(request.region)  # 'regio Enschede': the region, not the municipality Enschede
    return (
        f"{request.focus} hoort niet bij {request.region} ({len(members)} gemeenten: {listed}). U kunt: "
        f"het aandeel vragen van een van die gemeenten; {request.focus} meetellen (zeg \"{short} plus {request.focus}\" "
        f"of \"neem {request.focus} mee\", dan verdeel ik over {len(members) + 1} gemeenten); of zelf de gemeenten noemen, "
        f"bijvoorbeeld \"verdeel {what} over {request.focus}, {members[0]} en {members[1]}\"."
    )


_GENERIC = frozenset(["regio", "stadsregio", "metropoolregio", "metropool", "provincie", "woningmarktregio", "de", "het", "gemeenten"])


def _exact_alias(alias: str, region: str) -> bool:
    """Whether a name the user typed is the official region: its words are words of the official
    name (or their adjective: 'amsterdamse'), or it is the acronym of the official name."""
    from assistant.parsing.text import normalise

    official = [w for w in normalise(region).split()]
    words = [w for w in alias.split() if w not in _GENERIC]
    joined = "".join(official)
    if len(words) == 1 and len(words[0]) <= 4 and words[0][0] == joined[0]:
        letters = iter(joined)  # an acronym: its letters in order in the official name ('mra', 'gmr')
        if all(ch in letters for ch in words[0]):
            return True
    return bool(words) and all(any(w == o or (w.startswith(o) and len(w) - len(o) <= 2) for o in official) for w in words)


def _alias_caveats(msg: ParsedMessage, request: ParsedRequest | None, index: PlaceIndex) -> list[str]:
    """'Twente' is read as Regio Enschede: say so, with what the group is, whenever the typed name is
    not exactly the official region."""
    if request is None or not request.region:
        return []
    notes: list[str] = []
    for m in msg.mentions:
        if m.region == request.region and not m.municipality and not _exact_alias(m.text, m.region):
            count = len(index.member_names(m.region))
            typed = _surface(msg.text, m.text) or m.text
            notes.append(
                f"'{typed}' lees ik als {m.region}, de {count} gemeenten van die koploperregio; dat is niet per se "
                f"hetzelfde gebied als '{typed}' in het dagelijks spraakgebruik. Bedoelt u andere gemeenten, noem ze dan."
            )
    return notes


def unaccounted_question(msg: ParsedMessage) -> str | None:
    """The question for numbers that got no role: say which numbers, and the roles they could have."""
    loose = msg.unaccounted
    if not loose:
        return None
    shown = _join([f"'{n.text}'" for n in loose])
    return (
        f"In uw bericht staat {shown}, maar ik weet niet waar {'dat getal' if len(loose) == 1 else 'die getallen'} "
        "bij hoort: het totaal, een maximum of minimum per gemeente (\"maximaal 40 per gemeente\"), wat een gemeente "
        "al gedaan heeft (\"Delft heeft al 20 gehuisvest\") of het aantal jaren (\"over 3 jaar\")? Zeg het in een paar woorden."
    )


def _spread_question(msg: ParsedMessage, request: ParsedRequest | None) -> str | None:
    if not msg.spread_asked or request is None or request.years > 1:
        return None
    what = "dat bedrag" if request.unit_kind == "euro" else "de verdeling"
    return f"Over hoeveel jaar wilt u {what} spreiden? Zeg bijvoorbeeld \"over 3 jaar\"."


_REFERS = re.compile(
    r"\b(?:maak|zet|verander|wijzig|verhoog|verlaag|breng) (?:dat|die|het|dit|deze|hem)\b|\b(?:dat|die|het) (?:wordt|mag|moet|naar)\b"
)
"""'En maak dat 250.000': a number for the thing the last follow-up changed."""


def _resolve_reference(msg: ParsedMessage, state: ConversationState) -> None:
    """A lone number that points back ('maak dat 250.000') replaces the limit or years the last
    follow-up set, not the total; its role in the accounting moves with it."""
    last = state.last_request
    if last is None or msg.bare_number is None or len(last.changed) != 1 or not _REFERS.search(msg.norm):
        return
    kind = last.changed[0]
    role: RoleName
    if kind == "cap":
        role = "cap"
    elif kind == "floor":
        role = "floor"
    elif kind == "years":
        role = "years"
    else:
        return
    value, msg.bare_number = msg.bare_number, None
    if role == "cap":
        msg.cap_absolute = value
    elif role == "floor":
        msg.floor_absolute = value
    else:
        msg.years = value
    msg.roles = [Role(r.start, r.end, role) if r.role == "total" else r for r in msg.roles]


def _continue_existing(msg: ParsedMessage, state: ConversationState) -> None:
    """'en Veendam 3' right after 'Oldambt heeft er al 5 opgeleverd': the verb left out, so the number has
    the role the last turn gave its number (what that municipality already did), not the total."""
    from assistant.parsing.limits import LIMIT_REMOVAL

    last = state.last_request
    if last is None or last.changed != ["existing"] or not msg.follow_up or msg.focus is None or msg.existing:
        return
    if LIMIT_REMOVAL.search(msg.norm):  # 'en zonder die 40 van Den Haag?': taken away, not repeated
        return
    value = msg.bare_number if msg.bare_number is not None else (msg.total if msg.amount is None else None)
    if value is None or msg.allocation_fields - {"total", "focus", "region"} or (msg.region and not msg.region_inferred):
        return
    msg.existing[msg.focus] = value
    msg.bare_number = msg.total = None
    msg.unit = None
    msg.focus, msg.region, msg.region_inferred = None, None, False
    msg.roles = [Role(r.start, r.end, "existing") if r.role == "total" else r for r in msg.roles]


def _forget_existing(msg: ParsedMessage, state: ConversationState) -> None:
    """'vergeet die 100 van Den Haag', 'schrap de inzet van Delft': a municipality whose existing effort
    the last request holds, with a removal word; its number (if any) is that effort, not a new total."""
    from assistant.parsing.limits import LIMIT_REMOVAL

    last = state.last_request
    if last is None or not last.existing_amounts or msg.existing or not LIMIT_REMOVAL.search(msg.norm):
        return
    named = [m.municipality.name for m in msg.mentions if m.municipality is not None and m.municipality.name in last.existing_amounts]
    number = msg.bare_number if msg.bare_number is not None else msg.total
    if len(named) != 1 or (number is not None and number != last.existing_amounts[named[0]]):
        return
    msg.existing_cleared.append(named[0])
    # 'reken die 12 van Westland niet mee': the effort is not counted, the municipality stays in the group
    msg.excluded = [name for name in msg.excluded if name != named[0]] if number is not None else msg.excluded
    if number is not None:
        msg.bare_number = msg.total = None
        msg.roles = [Role(r.start, r.end, "existing", named[0]) if r.role == "total" else r for r in msg.roles]
    msg.focus, msg.region, msg.region_inferred = None, None, False


_SAME_WAY = re.compile(
    r"\b(?:op|volgens|naar|met) (?:die|deze|dezelfde|diezelfde|datzelfde|zo n) (?:manier|wijze|sleutel|verdeelsleutel|maatstaf|grondslag|basis|verhouding)\b"
    r"|\bop dezelfde voet\b"
)
"""'op die manier', 'met dezelfde sleutel': the key said before, not a new one."""


def _same_key(msg: ParsedMessage, state: ConversationState) -> None:
    """'verdeel dan 120 statushouders over Haaglanden op die manier': a message without a key of its own
    that points back to a way of sharing takes the last request's key, or after a knowledge question
    about one key ('Wat bedoel je met corporatiewoningen als sleutel?') that key."""
    from assistant.parsing.keys import KeyParse, indicator_mentions
    from assistant.parsing.text import tokenize

    said = _SAME_WAY.search(msg.norm)
    if msg.key.weights is not None or said is None:
        return
    weights: dict[str, float] | None = None
    if state.last_intent == "knowledge" and state.last_knowledge_question:
        named = {m.indicator for m in indicator_mentions(tokenize(state.last_knowledge_question))}
        weights = {named.pop(): 1.0} if len(named) == 1 else None
    if weights is None and state.last_request is not None:
        weights = dict(state.last_request.key)
    if weights is not None:
        msg.key = KeyParse(weights=weights, existing=msg.key.existing)
        msg.notes.append(f"'{said.group(0)}' lees ik als dezelfde sleutel als hiervoor.")


def _early(msg: ParsedMessage, state: ConversationState, index: PlaceIndex, region_filter: str | None) -> Route | None:
    """What is decided before any allocation reading: commands, help, a region profile, a comparison of
    keys, and a knowledge question that merely names a number."""
    if msg.command:
        return _command(msg, index)
    if msg.help or not (msg.tokens or msg.allocation_fields):
        return Route("help")
    if msg.profile_target:
        profile = _profile(msg, index)
        if profile is not None:
            return profile
    last = state.last_request
    compared = _compare_keys(msg, last, index)
    if compared is None and _knowledge_first(msg, last):
        return _newcomer(msg, index) or _knowledge(msg, region_filter, index)  # a newcomer gets the region's profile
    return compared


def _route(msg: ParsedMessage, state: ConversationState, index: PlaceIndex, region_filter: str | None = None) -> Route:
    """The decision for one message, before the accounting check."""
    _resolve_reference(msg, state)
    _extra_without_base(msg, state)
    _continue_existing(msg, state)
    _forget_existing(msg, state)
    _same_key(msg, state)
    msg.question = msg.question or (msg.asks_later and state.last_request is None)
    early = _early(msg, state, index, region_filter)
    if early is not None:
        return early

    fields = msg.allocation_fields
    place_fields = fields & {"region", "focus"}
    last = state.last_request

    # a clarifying question is answered
    fresh_imperative = msg.imperative and msg.strong_cue and msg.has_place
    knowledge_aside = msg.question and not msg.allocation_question and msg.total is None and "key" not in fields
    if state.pending and last is not None and fields and not fresh_imperative and not knowledge_aside:
        request, notes, problem = merge(last, msg, index)
        return Route("allocation", request=request, follow_up=True, notes=notes, problem=problem)

    # a knowledge follow-up: "En in Parkstad?"
    if (
        state.last_intent == "knowledge"
        and state.last_knowledge_question
        and msg.follow_up
        and fields
        and fields <= {"region", "focus"}
        and len(msg.tokens) <= 8
        and not (msg.allocation_question and last is not None)  # 'en wat krijgt Veendam dan?' asks the last request
    ):
        region = msg.region
        query = _swap_place(state.last_knowledge_question, msg, index)
        return Route("knowledge", query=query, region=region, follow_up=True)

    asks_allocation = msg.strong_cue or msg.imperative or msg.allocation_question
    # a fresh, self-contained allocation request
    # 'Heerlen zit al op 20 en Kerkrade op 10; de opgave is 150': a total with existing effort is a request too
    if msg.has_total and (asks_allocation or ((msg.has_place or msg.existing) and not msg.question)):
        complete = bool(msg.region or msg.municipalities)
        if last is not None and (msg.follow_up or not msg.has_place) and not (complete and asks_allocation):
            request, notes, problem = merge(last, msg, index)
            return Route("allocation", request=request, follow_up=True, notes=notes, problem=problem)
        request = _new_request(msg, allow_bare=True)
        notes = _unit_of_the_conversation(request, msg, last)
        loose = msg.region_inferred or msg.key.weights is None or msg.key.equal_split_assumed
        problem = msg.total_problem or msg.key_problem or _unknown_places(msg) or _outside(msg) or _two_regions(msg)
        return Route("allocation", request=request, loose=loose, problem=problem, notes=notes)

    # a follow-up with nothing to follow: "En als het er 300 zijn?" as the first message
    if last is None and msg.has_total and msg.follow_up and not msg.question:
        return Route("allocation", request=_new_request(msg, allow_bare=True), loose=True)

    # a follow-up on the last allocation
    numbers_or_key = bool(fields - {"region", "focus"})
    # a knowledge turn in between does not clear the last request: 'en wat krijgt Veendam dan?' asks its share
    # an order ('doe dan maar huishoudens') after a knowledge question changes the last request as well
    follows = (msg.follow_up or msg.imperative) and (numbers_or_key or msg.allocation_question)
    # 'Wat is een statushouder?' and then 'Hoeveel krijgt Leeuwarden?': one municipality's share asks the last request
    follows = follows or (msg.allocation_question and msg.focus is not None and fields <= {"focus", "region"} and not (msg.region and not msg.region_inferred))
    if last is not None and fields and (state.last_intent in ("allocation", "clarify") or follows):
        # 'Wat betekent dat voor Zoetermeer?', 'Is dat anders met huishoudens als sleutel?': a pronoun for the
        # last outcome with one municipality or one key asks about that outcome
        back = (_points_back(msg) or _shows(msg)) and (
            (msg.focus is not None and fields <= {"focus", "region"}) or (bool(fields & {"key", "method"}) and fields <= {"key", "method", "focus", "compare"})
        )
        knowledge_like = msg.question and not msg.allocation_question and not msg.loose_question and not msg.follow_up and not (
            fields & {"limits", "existing", "years"}
        ) and not back and not (msg.excluded or msg.included)
        # 'hoe pakt het uit als Westland niet meedoet?': a change to the group is about the last request too
        specific = bool(fields & {"limits", "existing", "years"}) or back or bool(msg.excluded or msg.included)
        asks_share = msg.allocation_question or (msg.loose_question and msg.focus is not None)  # 'Wat is het deel van Assen?'
        if not knowledge_like and (msg.follow_up or not msg.question or asks_share or specific or len(msg.tokens) <= 4):
            request, notes, problem = merge(last, msg, index)
            return Route("allocation", request=request, follow_up=True, notes=notes, problem=problem)

    # an allocation request without a total: ask for it
    wants = (msg.imperative and (msg.strong_cue or place_fields)) or (msg.allocation_question and place_fields) or (
        msg.strong_cue and not msg.question and place_fields and not msg.yes_no  # 'Zijn er cijfers over …?' asks the material
    ) or _rough_request(msg)
    if wants and not (msg.question and not msg.allocation_question and not msg.imperative):
        request = _new_request(msg, allow_bare=True)
        problem = msg.total_problem or msg.key_problem or _unknown_places(msg) or _outside(msg) or _two_regions(msg)
        return Route("allocation", request=request, loose=msg.region_inferred, problem=problem)

    newcomer = _newcomer(msg, index)
    if newcomer is not None:
        return newcomer
    return _knowledge(msg, region_filter, index)


def _unit_of_the_conversation(request: ParsedRequest, msg: ParsedMessage, last: ParsedRequest | None) -> list[str]:
    """'Verdeel 300 statushouders over Haaglanden', then 'Verdeel 185 over Parkstad': a new request whose total
    has no noun of its own counts what the conversation counted (said in the reply), never silently homes.
    Money is never carried over: an amount needs its own euro."""
    if last is None or msg.unit is not None or msg.amount is not None or request.unit_kind == "euro" or last.unit_kind == "euro":
        return []
    if last.unit == request.unit or request.total is None:
        return []
    request.unit = last.unit
    request.group = request.group or last.group
    return [f"Het getal {request.total} lees ik als {last.unit}, zoals in de vorige verdeling; bedoelt u iets anders, noem het dan (\"{request.total} woningen\")."]


def _rough_request(msg: ParsedMessage) -> bool:
    """'een paar honderd woningen over de GMR graag': a request whose number was too rough to share out
    (asked about by the parser) is still a request for that place, so its question is asked."""
    return msg.total_problem is not None and bool(msg.region or msg.municipalities) and not msg.question and msg.unit is not None


def _extra_without_base(msg: ParsedMessage, state: ConversationState) -> None:
    """'we moeten 120 statushouders extra huisvesten' with no request before it: nothing to add the extra
    to, so the extra amount is what is shared out (a follow-up adds it to the last total instead)."""
    fresh = state.last_request is None and not msg.follow_up
    if fresh and msg.total_delta is not None and msg.total_delta > 0 and not msg.has_total and msg.bare_number is None:
        msg.total, msg.total_delta = msg.total_delta, None
        msg.unit = msg.delta_unit or msg.unit


_BACK = frozenset(["dat", "dit", "daarvan", "hiervan", "ervan", "daarmee", "hiermee"])


_SUBJECTS = frozenset(["we", "wij", "ze", "zij", "jullie", "u", "je", "hij", "het", "de", "die", "er"])
_HOW_ABOUT = re.compile(r"^(?:en )?hoe (?:zit|staat|ziet) het (?:er )?(?:met|voor|bij|uit voor)\b")


_SHOW = frozenset(["zien", "toon", "tonen", "laat", "geef", "geven", "laten"])


def _shows(msg: ParsedMessage) -> bool:
    """'kan ik ook de exacte quota zien voor Simpelveld?', 'toon Landgraaf': asking to be shown a part of
    the last outcome."""
    return any(t.text in _SHOW for t in msg.tokens)


def _points_back(msg: ParsedMessage) -> bool:
    """'Wat betekent dat voor Zoetermeer?', 'hoe zit het met Renkum?': a pronoun for the last outcome and
    one municipality asks that municipality's share of it, not what the material says about it. 'dat'
    before a subject ('hoe komt het dat Arnhem zo veel krijgt') is the conjunction, not the pronoun."""
    if _HOW_ABOUT.search(msg.norm):
        return True
    starts = {m.start for m in msg.mentions}
    tokens = msg.tokens
    return any(
        t.text in _BACK and (k + 1 >= len(tokens) or (k + 1 not in starts and tokens[k + 1].text not in _SUBJECTS))
        for k, t in enumerate(tokens)
    )


def _newcomer(msg: ParsedMessage, index: PlaceIndex) -> Route | None:
    """"Ik ben nieuw als coördinator in Haaglanden, waar begin ik?": the region's profile (members, figures,
    what the material says about the approach and what happened since 2022) is where to begin."""
    if not asks_newcomer(msg.text):
        return None
    regions = _regions_named(msg, index)
    asked = newcomer_question(msg.text) or ""  # 'wie zijn de partners?' is answered above the profile
    return Route("profile", region=regions[0], query=asked) if len(regions) == 1 else None


def _profile(msg: ParsedMessage, index: PlaceIndex) -> Route | None:
    """"Vertel me over Parkstad": a region by name, or by its core city ("Vertel me over Enschede")."""
    target = next((m for m in msg.mentions if m.region and not m.municipality), None) or next(
        (m for m in msg.mentions if m.region), None
    )
    region = target.region if target is not None else None
    if target is None:
        for m in msg.mentions:
            core = index.core_city_region(m.municipality.name) if m.municipality else None
            if core is not None:
                target, region = m, core
                break
    if target is not None and len(msg.tokens) - (target.end - target.start) <= 6:
        return Route("profile", region=region)
    return None


def _swap_place(question: str, msg: ParsedMessage, index: PlaceIndex) -> str:
    """'Welke gemeenten werken samen in Parkstad?' + 'En in Groningen?' → '… samen in Groningen?'.

    The old place name would pull the search back to the old region; the new one is what the user typed.
    """
    from assistant.parsing.message import parse_message

    new = next((m for m in msg.mentions if m.region or m.municipality), None)
    if new is None:
        return question
    original = msg.text
    typed = _surface(original, new.text) or new.text
    old = parse_message(question, index)
    for m in old.mentions:
        if m.region or m.municipality:
            surface = _surface(question, m.text)
            if surface:
                return with_article(question, surface, typed)
    return question


def with_article(question: str, surface: str, typed: str) -> str:
    """Put `typed` where `surface` stood, keeping the Dutch grammatical: 'Wat doet de MRA?' + 'En
    Haaglanden?' becomes 'Wat doet de regio Haaglanden?', not 'Wat doet de Haaglanden?'."""
    import re

    at = question.index(surface)
    before = question[:at]
    takes_article = typed.isupper() or re.match(r"(?i)(?:de |het )?(?:regio|provincie|metropoolregio|stadsregio|gemeente)\b", typed)
    if re.search(r"(?i)\b(?:de|het)\s+$", before) and not takes_article:
        typed = "regio " + typed
    return before + typed + question[at + len(surface) :]


def _surface(text: str, folded: str) -> str | None:
    """The span of `text` whose folded form is `folded` (case, hyphens and apostrophes ignored)."""
    import re

    pattern = r"[\W_]*".join(re.escape(word) for word in folded.split(" "))
    match = re.search(pattern, text, flags=re.IGNORECASE)
    return match.group(0) if match else None


def _unknown_places(msg: ParsedMessage) -> str | None:
    if not msg.unknown_places:
        return None
    from assistant.engines import suggest_places

    parts = []
    for name in msg.unknown_places:
        municipalities, regions = suggest_places(name, 3)
        hints = municipalities + [r for r in regions if r not in municipalities]
        parts.append(
            f"'{name}'" + (f" (bedoelt u {' of '.join(hints)}?)" if hints else " (geen gemeente of regio die erop lijkt)")
        )
    return (
        "Deze naam ken ik niet als gemeente of regio: " + "; ".join(parts) + ". Ik ken alle 342 gemeenten van het CBS "
        "(1 januari 2024) en de zes koploperregio's (" + ", ".join(sorted(_regions_known())) + "); een woonplaats of kern (zoals een dorp binnen een gemeente) noemt u "
        "met de naam van de gemeente, en een voormalige gemeente die in een fusie is opgegaan met de naam van de gemeente van nu. Ik reken niet met een kortere lijst."
    )


def _regions_known() -> list[str]:
    from assistant.engines import known_regions

    return [r for r in known_regions() if r != "heel Nederland"]


def _two_regions(msg: ParsedMessage) -> str | None:
    if len(msg.regions_named) > 1:
        named = " en ".join(msg.regions_named)
        return (
            f"U noemt meer dan één regio ({named}). Ik verdeel over één regio tegelijk; kies er een, of noem "
            "de gemeenten waarover verdeeld moet worden als lijst."
        )
    return None


def _outside(msg: ParsedMessage) -> str | None:
    if msg.outside_regions and not msg.region and not msg.municipalities:
        name = msg.outside_regions[0]
        return (
            f"{name} hoort bij geen van de zes koploperregio's, en één gemeente alleen valt niet te verdelen. "
            f"Noem een regio of de gemeenten waarover verdeeld moet worden, bijvoorbeeld "
            f'"over {name}, Zeist en Houten".'
        )
    return None


def _command(msg: ParsedMessage, index: PlaceIndex) -> Route:
    name = msg.command or ""
    if name in ("help", "hulp"):
        return Route("help")
    if name in ("vergelijk", "vergelijking"):
        return Route("compare")
    if name in ("data", "gegevens", "bestand"):
        return Route("load_data", query=msg.command_arg)
    if name == "regio":
        if not msg.command_arg:
            return Route("region_filter", region=None)
        region = next((m.region for m in msg.mentions if m.region and not m.municipality), None) or next(
            (m.region for m in msg.mentions if m.region), None
        )
        if region is None and msg.focus:
            regions = index.regions_of.get(msg.focus, ())
            region = regions[0] if len(regions) == 1 else None
        if region is None:
            return Route("region_filter", problem=msg.command_arg)
        return Route("profile", region=region)
    return Route("unknown_command", problem=name)


_POINTING = frozenset(["dat", "dit", "daarvan", "hiervan", "ervan", "daarmee", "hiermee", "daar", "hier"])


def _points_at_the_rest(msg: ParsedMessage) -> bool:
    """'Hoe komt dat uit?', 'Wat levert dit op?': a short question whose only subject points back at the
    rest of the message asks about that request, not something of its own."""
    words = [t.text for t in msg.tokens]
    return len(words) <= 6 and bool(set(words) & _POINTING) and not msg.mentions


def knowledge_part(text: str, index: PlaceIndex) -> str | None:
    """In a message that asks two things ("Wat is een statushouder precies? En verdeel er 480 over
    Haaglanden."), the sentence that is a knowledge question on its own: the reply answers both."""
    from assistant.parsing.message import DEFINING_DIFFERENCE, parse_message

    sentences = [part.strip() for part in re.split(r"(?<=[?!.])\s+", text.strip()) if part.strip()]
    if len(sentences) < 2:
        return None
    for sentence in sentences:
        msg = parse_message(sentence, index)
        numbers = msg.allocation_fields & {"total", "limits", "existing", "years", "key", "compare"}
        defining = DEFINING_DIFFERENCE.search(msg.norm) is not None and numbers <= {"key", "compare"} and not msg.has_place
        if sentence.endswith("?") and msg.question and (not numbers or defining) and not msg.allocation_question and not msg.strong_cue and not _points_at_the_rest(msg):
            return sentence
    return None
