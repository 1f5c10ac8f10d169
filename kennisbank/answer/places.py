"""The municipalities a question names, however it writes them: 'rotterdam', 'sittard-geleen', 'Pekela'.

The region registry (koploper.regions) knows the six regions, their aliases and core cities; every other
municipality comes from the gazetteer (koploper.gazetteer, the rekenmodule's list of all 342). A name
written with a capital is a name, except where the capital only opens a sentence ('Huizen bouwen …'). In
lower case, or at a sentence opening, it is one only where no Dutch word can be meant: every
word of it is a function word ('aan', 'den', 'op') or unknown to the Dutch dictionary, and it has a word of
four letters or more. So 'rotterdam', 'sittard-geleen' and 'alphen aan den rijn' are places, and 'best',
'huizen', 'loon op zand' and 'delft' (a verb form) are words; 'epe' and 'oss' are too short to tell.
Names of the registry ('groningen', 'den haag', 'twente') are left to the registry's own handling: they
may name a region as well as a municipality.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from koploper.gazetteer import Mention, gazetteer, mentions
from koploper.regions import in_sentence, registry
from koploper.text import fold

FUNCTION_WORDS = frozenset(["aan", "bij", "de", "den", "der", "en", "het", "in", "op", "s", "t", "ten", "ter", "van"])
"""The articles, prepositions and conjunctions inside municipality names (a closed class)."""
MIN_LETTERS = 4
"""A name in lower case needs a word this long: 'ede', 'epe', 'oss' are too short to be sure of."""


@lru_cache(maxsize=1)
def _registry_names() -> frozenset[str]:
    """The folded names the region registry handles itself: region names, aliases, core cities."""
    reg = registry()
    return frozenset([*reg.aliases, *reg.core_cities])


def _dictionary_word(word: str) -> bool:
    """The Dutch dictionary (simplemma) knows the word: 'best', 'huizen', 'zand', 'delft'."""
    import simplemma

    return bool(simplemma.is_known(word, lang="nl"))


def meant(mention: Mention, opener: bool = False, dictionary: Callable[[str], bool] = _dictionary_word) -> bool:
    """The mention names the place: written with a capital (not only because it opens a sentence: 'Huizen
    bouwen …'), or in lower case a name no word can be."""
    if mention.capitalised and not opener:
        return True
    words = [word for word in mention.words if word not in FUNCTION_WORDS]
    return bool(words) and max(len(word) for word in words) >= MIN_LETTERS and not any(dictionary(word) for word in words)


def _openers(text: str) -> set[int]:
    """Where the text's sentences open: a capital there is no name."""
    return {match.end() for match in re.finditer(r"(?:^|[.!?:;]\s+)\W*", text)}


@lru_cache(maxsize=256)
def named_places(question: str) -> tuple[Mention, ...]:
    """The municipalities the question names that the region registry does not handle itself.

    Cached per question: one answer asks it of the same question from several places (the search, the
    gate, the refusal and membership lines)."""
    openers = _openers(question)
    return tuple(m for m in mentions(question) if " ".join(m.words) not in _registry_names() and meant(m, m.start in openers))


def as_names(question: str, which: Callable[[Mention], bool] = lambda _: True) -> str:
    """The question with the places of `named_places` that it writes in lower case (and `which` accepts)
    written as their official names are: 'sittard-geleen' → 'Sittard-Geleen', 'alphen aan den rijn' →
    'Alphen aan den Rijn'. A capitalised place is a specific of the question like any name."""
    parts: list[str] = []
    last = 0
    for mention in named_places(question):
        if mention.capitalised or not which(mention):
            continue
        parts += [question[last : mention.start], _capitals(mention)]
        last = mention.end
    return "".join([*parts, question[last:]])


def _capitals(mention: Mention) -> str:
    """The written mention with the capitals of the official name, word by word."""
    official = {fold(word): word for m in mention.municipalities for word in re.findall(r"[^\W_]+", m.name)}
    return re.sub(r"[^\W_]+", lambda w: w.group(0).capitalize() if official.get(fold(w.group(0)), "")[:1].isupper() else w.group(0), mention.text)


def _members(question: str) -> list[Mention]:
    """The places the question names that are a member of exactly one koploper region."""
    return [m for m in named_places(question) if len(m.regions) == 1]


def as_regions(question: str, texts: Sequence[str] = ()) -> str:
    """The question with each member municipality it names replaced by its koploper region ('Pekela' →
    'provincie Groningen'): material about the region covers its members where it does not name them one
    by one, for every question that asks no value of the municipality itself (answer_type.lacking checks
    that with the municipality's own name). The region is written as `texts` (the material at hand) name it,
    when they use one of its aliases ('regio Arnhem-Nijmegen' for the Groene Metropoolregio Arnhem-Nijmegen):
    a passage about the region need not spell out its full name to cover its members."""
    haystack = f" {fold(' '.join(texts))} "
    for mention in reversed(_members(question)):
        region = registry().regions.get(mention.regions[0])
        names = [] if region is None else sorted(dict.fromkeys([region.name, *region.aliases]), key=len, reverse=True)
        written = next((name for name in names if re.search(r"(?<![\w-])" + re.escape(fold(name)) + r"(?![\w-])", haystack)), None)
        question = question[: mention.start] + (written or in_sentence(mention.regions[0])) + question[mention.end :]
    return question


def with_region(question: str) -> str:
    """The question with its member municipalities' region beside them ('Pekela' → 'Pekela (provincie
    Groningen)'): the model and the word index then read the question as one about the region, so the
    region's passages come before the general material that happens to share its other words."""
    for mention in reversed(_members(question)):
        question = f"{question[: mention.end]} ({in_sentence(mention.regions[0])}){question[mention.end :]}"
    return question


def home_region(question: str) -> str | None:
    """The one koploper region of the member municipalities the question names, when it names no region,
    alias or core city itself ('… in veendam?' → Provincie Groningen); None otherwise."""
    folded = f" {fold(question)} "
    if any(f" {name} " in folded for name in _registry_names()):
        return None
    regions = {m.regions[0] for m in _members(question)}
    return regions.pop() if len(regions) == 1 else None


LISTED = 3
"""A sentence that names this many members of one region lists the region's members: it says the municipality
belongs there, nothing about what it does."""


def membership_lines(question: str, quoted: list[str]) -> list[str]:
    """For each member municipality the question names that the quoted sentences (with their headings) do not
    discuss: which koploper region it belongs to, with the source of that membership, in Dutch. A sentence that
    only lists the region's members ('De tien gemeenten … zijn: …, Pekela, …') does not discuss it."""
    lines: list[str] = []
    for mention in _members(question):
        municipality, region = mention.municipalities[0], mention.regions[0]
        if any(_discusses(text, municipality.code, region) for text in quoted):
            continue
        basis = registry().regions[region].basis
        lines.append(
            f"{municipality.name} hoort bij de koploperregio {in_sentence(region)} (ledenlijst {gazetteer().source}); die regio is "
            f"samengesteld volgens {basis}. Het materiaal noemt {municipality.name} hier niet apart: dit antwoord gaat over de regio."
        )
    return list(dict.fromkeys(lines))


def _discusses(text: str, code: str, region: str) -> bool:
    """The text names the municipality, and not as one of a list of its region's members."""
    found = {m.municipalities[0].code for m in mentions(text) if len(m.municipalities) == 1}
    members = {c for c in found if region in gazetteer().municipalities[c].regions}
    return code in found and len(members) < LISTED


_MUST = re.compile(r"(?<![\w-])(?:moet|moeten|moest|moesten|hoeft|hoeven)(?![\w-])", re.IGNORECASE)
"""The modal verbs of an obligation (a closed class): 'hoeveel … moet Pekela huisvesten' asks a share of a task."""


def refusal_lines(question: str) -> list[str]:
    """For a refused question that names municipalities: which koploper region each member belongs to, and,
    when it asks how many a municipality must take on, that the rekenmodule computes a fair share."""
    lines: list[str] = []
    places = named_places(question)
    for mention in places:
        if len(mention.regions) == 1:
            name, region = mention.municipalities[0].name, mention.regions[0]
            lines.append(f"{name} hoort bij de koploperregio {in_sentence(region)} (ledenlijst {gazetteer().source}).")
    if places and re.search(r"\bhoeveel\b", question, re.IGNORECASE) and _MUST.search(question):
        place = places[0]
        name = place.municipalities[0].name
        where = (
            f"over {in_sentence(place.regions[0])}, bijvoorbeeld «Verdeel 100 statushouders over {in_sentence(place.regions[0])}, met {name} voorop»"
            if len(place.regions) == 1
            else "en de gemeenten die de opgave delen"
        )
        lines.append(f"Wat {name} naar een eerlijk aandeel zou moeten doen, rekent Koploper wel uit met een verdeelvraag die het totaal noemt {where}.")
    return list(dict.fromkeys(lines))
