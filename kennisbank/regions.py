"""The kennisbank's view of the six koploper regions: resolving `--regio`, tagging text with a region.

Names and aliases come from the one registry (koploper.regions, shared with the allocation engine
and the assistant), so `zoek --regio GMR` and `verdeel --regio GMR` accept the same names. The member
municipalities serve only to guess the region of a file without front matter; they come from the
rekenmodule's ledenlijst through koploper.gazetteer (the kennisbank does not import the allocation engine).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kennisbank.errors import KennisbankError
from koploper import regions as registry
from koploper.gazetteer import gazetteer
from koploper.regions import GENERAL
from koploper.text import fold

__all__ = ["GENERAL", "canonical_region", "detect_region", "known_regions", "members", "resolve_region"]

def members() -> dict[str, tuple[str, ...]]:
    """Member municipalities per region as texts write them: the official names of the rekenmodule's
    ledenlijst and the everyday names of the registry ('Den Haag'), through the one reader koploper.gazetteer."""
    places = gazetteer()
    found: dict[str, list[str]] = {name: [] for name in registry.region_names()}
    for municipality in places.municipalities.values():
        for region in municipality.regions:
            found.setdefault(region, []).append(municipality.name)
    for alias, code in registry.registry().municipality_aliases.items():
        for region in places.municipalities[code].regions if code in places.municipalities else ():
            found[region].append(alias)
    return {name: tuple(names) for name, names in found.items()}


def canonical_region(name: str | None) -> str | None:
    """The region's full name for a user's spelling ("MRA", "parkstad", "Arnhem Nijmegen", "Enschede"), else None."""
    if not name:
        return None
    if fold(name) == GENERAL:
        return GENERAL
    return registry.resolve_region(name)


@lru_cache(maxsize=1)
def _terms() -> tuple[dict[str, tuple[str, int]], re.Pattern[str]]:
    """Every name (lower case) → (region, weight), and one alternation of them all, longest first, so
    'Stadsregio Parkstad Limburg' counts once, not also as 'Parkstad'; a hyphen of a name may be written as
    a slash ('Pijnacker/Nootdorp' is Pijnacker-Nootdorp)."""
    terms: dict[str, tuple[str, int]] = {}
    for name, names in members().items():
        for term in names:
            terms[term.lower()] = (name, 1)
    for region in registry.registry().regions.values():
        for term in (region.name, *region.aliases):
            terms[term.lower()] = (region.name, 3)
    alternation = "|".join(re.escape(t).replace(r"\-", "[-/]") for t in sorted(terms, key=len, reverse=True))
    return terms, re.compile(r"(?<!\w)(" + alternation + r")(?!\w)", re.IGNORECASE)


def detect_region(text: str) -> str | None:
    """The region a text is mostly about: region names weigh three, member municipalities one.

    Returns None when nothing is named or when two regions tie, rather than guessing.
    """
    scores: dict[str, int] = {}
    terms, pattern = _terms()
    for match in pattern.finditer(text):
        region, weight = terms[match.group(1).lower().replace("/", "-")]
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
