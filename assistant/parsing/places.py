"""Region and municipality names in free text, exact or with typos, against the allocation engine's names.

Names are matched on token n-grams (longest first). Typos are forgiven with difflib, but only where a
place is expected (after 'over', 'van', 'voor', ...) or the word is capitalised, and never for common
Dutch words: 'leden' must not become Leiden.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from assistant.parsing.text import Token, tokenize
from assistant.parsing.vocab import AMBIGUOUS_NAMES, COMMON_WORDS, PLACE_SLOT
from koploper.regions import core_city_regions, region_aliases
from koploper.text import dictionary_word

LIST_JOINS = frozenset(["en", "of"])
"""The words that join the last item of a list of places."""
KEY_INTRODUCERS = frozenset(["naar", "volgens"])
"""Words after which a list of places has ended and the key is named ('zeist en houten naar inwoners')."""

MAX_NGRAM = 5
FUZZY_CUTOFF = 0.84


@dataclass(frozen=True)
class Place:
    """A region (canonical name) or a municipality (official CBS name and code)."""

    kind: Literal["region", "municipality"]
    name: str
    code: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    """Where a name occurs in the message and what it can mean (Groningen: a region and a municipality)."""

    start: int
    end: int
    text: str
    places: tuple[Place, ...]
    fuzzy: bool = False

    @property
    def region(self) -> str | None:
        return next((p.name for p in self.places if p.kind == "region"), None)

    @property
    def municipality(self) -> Place | None:
        return next((p for p in self.places if p.kind == "municipality"), None)


COMPASS_WORDS = frozenset(["noord", "oost", "zuid", "west", "midden", "noordoost", "noordwest", "zuidoost", "zuidwest", "centraal"])
"""'Oost-Groningen', 'Zuid-Limburg': a compass word joined by a hyphen names another, smaller area."""


def _compass_compound(tokens: list[Token], i: int) -> bool:
    """The place at i is the second half of a compass compound ('Oost-Groningen' is not Groningen)."""
    return i > 0 and tokens[i].hyphen_before and tokens[i - 1].text in COMPASS_WORDS


def _compass_after(tokens: list[Token], end: int) -> bool:
    """'Amsterdam-Noord', 'Den Haag-Zuid': a compass word joined after the name names a part of the place."""
    return end < len(tokens) and tokens[end].hyphen_before and tokens[end].text in COMPASS_WORDS


@dataclass
class PlaceIndex:
    """Every name a user may type for a region or municipality, keyed by its folded token tuple."""

    names: dict[tuple[str, ...], tuple[Place, ...]]
    members: dict[str, tuple[Place, ...]]
    regions_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _by_length: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key in self.names:
            self._by_length.setdefault(len(key), []).append(" ".join(key))
        regions_of: dict[str, list[str]] = {}
        for region, places in self.members.items():
            for place in places:
                regions_of.setdefault(place.name, []).append(region)
        self.regions_of = {name: tuple(r) for name, r in regions_of.items()}

    def regions(self) -> list[str]:
        """The canonical region names."""
        return list(self.members)

    def core_city_region(self, municipality: str) -> str | None:
        """The region whose core city this municipality is, when that is exactly one region.

        Used only where a region is clearly meant (`/regio Enschede`, "Vertel me over Den Haag"): there
        the core city's name stands for its region, as in `--regio`.
        """
        regions = core_city_regions(municipality)
        return regions[0] if len(regions) == 1 and regions[0] in self.members else None

    def member_names(self, region: str) -> list[str]:
        return [p.name for p in self.members.get(region, ())]

    def find(self, tokens: list[Token]) -> list[PlaceMention]:
        """All place mentions, left to right, longest exact match first, then a careful fuzzy match."""
        mentions: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            mention = self._exact_at(tokens, i) or self._fuzzy_at(tokens, i) or self._listed_word_at(tokens, i, mentions)
            if mention is None or _compass_compound(tokens, i) or _compass_after(tokens, mention.end):
                i += 1
                continue
            mentions.append(mention)
            i = mention.end
        return mentions

    def _listed_word_at(self, tokens: list[Token], i: int, before: list[PlaceMention]) -> PlaceMention | None:
        """'eindhoven helmond veldhoven best geldrop-mierlo', 'utrecht, nieuwegein, houten en zeist', 'zeist en
        houten.': a name that is also a word ('best', 'houten') in lower case is the municipality when it stands
        in a list of municipalities: right after one and before the next (an 'en'/'of' may come between), or
        last, after 'en'/'of', where the list ends."""
        key = (tokens[i].text,)
        places = self.names.get(key)
        if not places or key[0] not in AMBIGUOUS_NAMES or not before or before[-1].municipality is None:
            return None
        joined = i >= 1 and tokens[i - 1].text in LIST_JOINS and not tokens[i].after_break
        if before[-1].end != i and not (joined and before[-1].end == i - 1):
            return None
        following = i + 2 if i + 2 < len(tokens) and tokens[i + 1].text in LIST_JOINS else i + 1
        if following < len(tokens) and (self._exact_at(tokens, following) or self._listed_word_at(tokens, following, before)):
            return PlaceMention(i, i + 1, key[0], places)
        ends_list = i + 1 == len(tokens) or tokens[i + 1].after_break or tokens[i + 1].text in KEY_INTRODUCERS
        return PlaceMention(i, i + 1, key[0], places) if joined and ends_list else None

    def _slot(self, tokens: list[Token], i: int) -> bool:
        return (tokens[i].capitalised and i > 0) or (i > 0 and tokens[i - 1].text in PLACE_SLOT)

    def _exact_at(self, tokens: list[Token], i: int) -> PlaceMention | None:
        for n in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
            key = tuple(t.text for t in tokens[i : i + n])
            places = self.names.get(key)
            if not places or any(t.after_break for t in tokens[i + 1 : i + n]):
                continue  # 'Arnhem, Nijmegen en Wijchen' lists places; only 'Arnhem-Nijmegen' is the region
            if n == 1 and key[0] in AMBIGUOUS_NAMES:
                after_number = i > 0 and tokens[i - 1].text[:1].isdigit()
                named = i > 0 and tokens[i - 1].text == "gemeente"
                if after_number or not (tokens[i].capitalised or named):
                    continue  # 'best', 'buren', 'huizen' in lower case are words, not Best, Buren, Huizen
            return PlaceMention(i, i + n, " ".join(key), places)
        return None

    def _fuzzy_at(self, tokens: list[Token], i: int) -> PlaceMention | None:
        if not tokens[i].text.isalpha() or tokens[i].text in COMMON_WORDS:
            return None
        if not self._slot(tokens, i):
            return None
        for n in range(min(3, len(tokens) - i), 0, -1):
            words = [t.text for t in tokens[i : i + n]]
            if any(t.after_break for t in tokens[i + 1 : i + n]):
                continue
            if not all(w.isalpha() and len(w) > 3 and w not in COMMON_WORDS for w in words):
                continue
            if any(self._exact_at(tokens, j) for j in range(i + 1, i + n)):
                continue  # never swallow an exactly named place into a fuzzy match
            candidate = " ".join(words)
            if len(candidate) < 5:
                continue
            match = difflib.get_close_matches(candidate, self._by_length.get(n, []), n=1, cutoff=FUZZY_CUTOFF)
            if match and edits(candidate, match[0]) <= _slips_allowed(match[0]) and not all(dictionary_word(w) for w in words):
                # 'wassen' is a word of the language, not a slip of Assen: only an unknown word is a misspelt place
                key = tuple(match[0].split(" "))
                return PlaceMention(i, i + n, candidate, self.names[key], fuzzy=True)
        return None


def edits(a: str, b: str) -> int:
    """Letters left out, added or changed, and two neighbours swapped, to turn a into b (optimal string
    alignment distance)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[len(b)]


def _slips_allowed(name: str) -> int:
    """How many slips make a typed name still that place: one in a name of up to nine letters, two in a
    longer one. 'Bussum' is two letters away from Brunssum: another (former) municipality, not a slip;
    it is named back and asked about, never silently read as a different place."""
    return 1 if len(name) <= 9 else 2


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(text))


def build_index(
    region_aliases: dict[str, str],
    municipalities: dict[str, Place],
    members: dict[str, list[Place]],
) -> PlaceIndex:
    """Index from plain mappings: alias → canonical region, name → municipality, region → members."""
    names: dict[tuple[str, ...], list[Place]] = {}

    def add(text: str, place: Place) -> None:
        key = _key(text)
        if not key or key[0][:1].isdigit() or (len(key) == 1 and key[0].startswith("gm") and key[0][2:].isdigit()):
            return
        bucket = names.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)

    for alias, region in region_aliases.items():
        add(alias, Place("region", region))
    for name, place in municipalities.items():
        add(name, place)
    return PlaceIndex(
        names={k: tuple(sorted(v, key=lambda p: p.kind != "region")) for k, v in names.items()},
        members={r: tuple(p) for r, p in members.items()},
    )


@cache
def default_index() -> PlaceIndex:
    """The index over the shipped names: the registry's region aliases, all 342 municipalities."""
    from assistant.engines import load_dataset, municipality_names

    dataset = load_dataset()
    municipalities = {
        name: Place("municipality", dataset.municipalities[code].name, code)
        for name, code in municipality_names(dataset).items()
    }
    members = {
        region: [Place("municipality", dataset.municipalities[c].name, c) for c in codes]
        for region, codes in dataset.members.items()
    }
    return build_index(region_aliases(), {**_halves(municipalities), **municipalities}, members)


_QUALIFIERS = frozenset(["neder", "ouder", "opper", "boven", "beneden", "sudwest", "noardeast", "noordoost", "zuidwest", "sint", "s"])
"""First parts of a double name that qualify the second ('Ouder-Amstel', 'Súdwest-Fryslân')."""


def _halves(municipalities: dict[str, Place]) -> dict[str, Place]:
    """'Pijnacker', 'Voorburg', 'Sittard': one half of a double-barrelled municipality name (joined by a
    hyphen) is that municipality, as people say it, when the half is a name of its own: five letters or
    more, no compass word or common word, and the first word of no other municipality's name ('Alphen'
    stays Alphen aan den Rijn's)."""
    first_words: dict[str, set[str]] = {}
    for name, place in municipalities.items():
        first_words.setdefault(name.split(" ")[0].split("-")[0], set()).add(place.name)
    halves: dict[str, Place] = {}
    taken: set[str] = set()
    for place in {p.name: p for p in municipalities.values()}.values():
        parts = [" ".join(_key(part)) for part in place.name.split("-")]
        if len(parts) != 2 or " " in place.name or any(part in COMPASS_WORDS | _QUALIFIERS for part in parts):
            continue  # 'Midden-Delfland', 'Neder-Betuwe': a qualifier and a landscape, not two places
        for half in (_key(part) for part in place.name.split("-")):
            word = " ".join(half)
            if len(half) != 1 or len(word) < 5 or word in COMPASS_WORDS or word in COMMON_WORDS or word in municipalities:
                continue
            if first_words.get(word, {place.name}) != {place.name} or word in taken:
                halves.pop(word, None)
                taken.add(word)
                continue
            halves[word] = place
            taken.add(word)
    return halves
