"""The six koploper regions, their everyday names and member municipalities.

The kennisbank keeps its own small table (the allocation engine has the authoritative member list,
but the two engines do not import each other). Used to tag chunks of files without front matter and
to accept `--regio MRA` as well as `--regio "Metropoolregio Amsterdam"`.
"""

from __future__ import annotations

import re
import unicodedata

from kennisbank.errors import KennisbankError

GENERAL = "algemeen"
"""Region tag of material that is about the country or the programme, not one region."""

REGIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "Metropoolregio Amsterdam": {
        "aliases": ("MRA", "Metropoolregio Amsterdam", "regio Amsterdam"),
        "members": (
            "Aalsmeer", "Almere", "Amstelveen", "Amsterdam", "Beverwijk", "Blaricum", "Bloemendaal",
            "Diemen", "Edam-Volendam", "Gooise Meren", "Haarlem", "Haarlemmermeer", "Heemskerk",
            "Heemstede", "Hilversum", "Huizen", "Landsmeer", "Laren", "Lelystad", "Oostzaan",
            "Ouder-Amstel", "Purmerend", "Uitgeest", "Uithoorn", "Velsen", "Waterland", "Wijdemeren",
            "Wormerland", "Zaanstad", "Zandvoort",
        ),
    },
    "Regio Enschede": {
        "aliases": ("Enschede", "regio Enschede", "Twente"),
        "members": (
            "Borne", "Enschede", "Hengelo", "Losser", "Dinkelland", "Haaksbergen", "Hof van Twente",
            "Oldenzaal",
        ),
    },
    "Provincie Groningen": {
        "aliases": ("Groningen", "provincie Groningen", "regio Groningen", "VVG"),
        "members": (
            "Eemsdelta", "Groningen", "Het Hogeland", "Midden-Groningen", "Oldambt", "Pekela",
            "Stadskanaal", "Veendam", "Westerkwartier", "Westerwolde",
        ),
    },
    "Regio Haaglanden": {
        "aliases": ("Haaglanden", "regio Haaglanden", "woningmarktregio Haaglanden"),
        "members": (
            "'s-Gravenhage", "Den Haag", "Leidschendam-Voorburg", "Midden-Delfland", "Wassenaar",
            "Pijnacker-Nootdorp", "Pijnacker/Nootdorp", "Voorschoten", "Westland", "Zoetermeer",
        ),
    },
    "Stadsregio Parkstad Limburg": {
        "aliases": ("Parkstad", "Parkstad Limburg", "Stadsregio Parkstad", "Stadsregio Parkstad Limburg"),
        "members": (
            "Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal",
        ),
    },
    "Groene Metropoolregio Arnhem-Nijmegen": {
        "aliases": (
            "Arnhem-Nijmegen", "Arnhem Nijmegen", "Groene Metropoolregio", "Groene Metropoolregio Arnhem-Nijmegen",
            "regio Arnhem-Nijmegen",
        ),
        "members": (
            "Arnhem", "Berg en Dal", "Beuningen", "Doesburg", "Druten", "Duiven", "Heumen", "Lingewaard",
            "Mook en Middelaar", "Montferland", "Nijmegen", "Overbetuwe", "Renkum", "Rheden", "Rozendaal",
            "Westervoort", "Wijchen", "Zevenaar",
        ),
    },
}


def _fold(text: str) -> str:
    """Lower case without accents or punctuation differences, for name comparisons."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


_ALIAS_TO_REGION: dict[str, str] = {_fold(GENERAL): GENERAL}
for _name, _info in REGIONS.items():
    _ALIAS_TO_REGION[_fold(_name)] = _name
    for _alias in _info["aliases"]:
        _ALIAS_TO_REGION[_fold(_alias)] = _name


def canonical_region(name: str | None) -> str | None:
    """The region's full name for a user's spelling ("MRA", "parkstad", "Arnhem Nijmegen"), else None."""
    if not name:
        return None
    folded = _fold(name)
    if folded in _ALIAS_TO_REGION:
        return _ALIAS_TO_REGION[folded]
    matches = {region for alias, region in _ALIAS_TO_REGION.items() if folded and folded in alias.split(" ")}
    return matches.pop() if len(matches) == 1 else None


_TERMS: dict[str, tuple[str, int]] = {}
for _name, _info in REGIONS.items():
    for _term in _info["members"]:
        _TERMS[_term.lower()] = (_name, 1)
    for _term in (_name, *_info["aliases"]):
        _TERMS[_term.lower()] = (_name, 3)
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
        raise KennisbankError(f"Onbekende regio '{name}'. Kies uit: " + ", ".join(known_regions()) + ".")
    return canonical


def known_regions() -> list[str]:
    """The six region names and `algemeen`, in a stable order."""
    return [*REGIONS, GENERAL]
