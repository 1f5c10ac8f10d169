"""The kennisbank's view of the six koploper regions: resolving `--regio`, tagging text with a region.

Names and aliases come from the one registry (koploper.regions, shared with the allocation engine
and the assistant), so `zoek --regio GMR` and `verdeel --regio GMR` accept the same names. The member
municipalities below serve only to guess the region of a file without front matter; the kennisbank
does not import the allocation engine, which holds the authoritative member list with CBS codes.
"""

from __future__ import annotations

import re

from kennisbank.errors import KennisbankError
from koploper import regions as registry
from koploper.regions import GENERAL
from koploper.text import fold

__all__ = ["GENERAL", "MEMBERS", "canonical_region", "detect_region", "known_regions", "resolve_region"]

MEMBERS: dict[str, tuple[str, ...]] = {
    "Metropoolregio Amsterdam": (
        "Aalsmeer", "Almere", "Amstelveen", "Amsterdam", "Beverwijk", "Blaricum", "Bloemendaal",
        "Diemen", "Edam-Volendam", "Gooise Meren", "Haarlem", "Haarlemmermeer", "Heemskerk",
        "Heemstede", "Hilversum", "Huizen", "Landsmeer", "Laren", "Lelystad", "Oostzaan",
        "Ouder-Amstel", "Purmerend", "Uitgeest", "Uithoorn", "Velsen", "Waterland", "Wijdemeren",
        "Wormerland", "Zaanstad", "Zandvoort",
    ),
    "Regio Enschede": (
        "Borne", "Enschede", "Hengelo", "Losser", "Dinkelland", "Haaksbergen", "Hof van Twente",
        "Oldenzaal",
    ),
    "Provincie Groningen": (
        "Eemsdelta", "Groningen", "Het Hogeland", "Midden-Groningen", "Oldambt", "Pekela",
        "Stadskanaal", "Veendam", "Westerkwartier", "Westerwolde",
    ),
    "Regio Haaglanden": (
        "'s-Gravenhage", "Den Haag", "Leidschendam-Voorburg", "Midden-Delfland", "Wassenaar",
        "Pijnacker-Nootdorp", "Pijnacker/Nootdorp", "Voorschoten", "Westland", "Zoetermeer",
    ),
    "Stadsregio Parkstad Limburg": (
        "Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal",
    ),
    "Groene Metropoolregio Arnhem-Nijmegen": (
        "Arnhem", "Berg en Dal", "Beuningen", "Doesburg", "Druten", "Duiven", "Heumen", "Lingewaard",
        "Mook en Middelaar", "Montferland", "Nijmegen", "Overbetuwe", "Renkum", "Rheden", "Rozendaal",
        "Westervoort", "Wijchen", "Zevenaar",
    ),
}
"""Member municipalities as texts write them (also 'Den Haag' and 'Pijnacker/Nootdorp')."""


def canonical_region(name: str | None) -> str | None:
    """The region's full name for a user's spelling ("MRA", "parkstad", "Arnhem Nijmegen", "Enschede"), else None."""
    if not name:
        return None
    if fold(name) == GENERAL:
        return GENERAL
    return registry.resolve_region(name)


def _terms() -> dict[str, tuple[str, int]]:
    terms: dict[str, tuple[str, int]] = {}
    for name, members in MEMBERS.items():
        for term in members:
            terms[term.lower()] = (name, 1)
    for region in registry.registry().regions.values():
        for term in (region.name, *region.aliases):
            terms[term.lower()] = (region.name, 3)
    return terms


_TERMS = _terms()
_TERM_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(_TERMS, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)
"""All names in one alternation, longest first, so 'Stadsregio Parkstad Limburg' counts once, not also
as 'Parkstad'."""


def detect_region(text: str) -> str | None:
    """The region a text is mostly about: region names weigh three, member municipalities one.

    Returns None when nothing is named or when two regions tie, rather than guessing.
    """
    scores: dict[str, int] = {}
    for match in _TERM_PATTERN.finditer(text):
        region, weight = _TERMS[match.group(1).lower()]
        scores[region] = scores.get(region, 0) + weight
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def resolve_region(name: str | None) -> str | None:
    """A user's region filter as the full name; None for no filter; a Dutch KennisbankError if unknown."""
    if name is None or not name.strip():
        return None
    canonical = canonical_region(name)
    if canonical is None:
        match = registry.resolve(name)
        if match.ambiguous:
            raise KennisbankError(f"'{name}' kan meerdere regio's zijn: " + " of ".join(match.candidates) + ". Kies er één.")
        raise KennisbankError(f"Onbekende regio '{name}'. Kies uit: " + ", ".join(known_regions()) + ".")
    return canonical


def known_regions() -> list[str]:
    """The six region names and `algemeen`, in a stable order."""
    return [*registry.region_names(), GENERAL]
