"""Municipality and region names as people type them, matched to CBS codes and canonical regions.

Matching ignores case, accents, hyphens, apostrophes, brackets and a leading "gemeente" (folding from
koploper.text); region names, aliases and common municipality names (Den Haag = 's-Gravenhage) come
from the one registry, koploper/data/regions.json. The parser of the assistant can scan free text
with `municipality_names()` and `region_aliases()`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache

from allocation.data import Dataset, Municipality, load_dataset
from koploper import regions as registry
from koploper.text import fold

_PREFIX = re.compile(r"^(?:de\s+)?(?:gemeente|gem)\s+")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Folded (lower case, no accents or apostrophes, punctuation as spaces) without a leading 'gemeente'."""
    return _PREFIX.sub("", fold(text)).strip()


_CACHE: dict[tuple[str, int], tuple[object, dict[str, str]]] = {}


def _cached(kind: str, source: object, build: Callable[[], dict[str, str]]) -> dict[str, str]:
    """One index per underlying mapping: datasets merged with user data share the shipped names."""
    hit = _CACHE.get((kind, id(source)))
    if hit is not None and hit[0] is source:
        return hit[1]
    index = build()
    _CACHE[(kind, id(source))] = (source, index)
    return index


def _municipality_index(dataset: Dataset) -> dict[str, str]:
    return _cached("municipality", dataset.municipalities, lambda: _build_municipality_index(dataset))


def _region_index(dataset: Dataset) -> dict[str, str]:
    return _cached("region", dataset.regions, lambda: _build_region_index(dataset))


def _build_municipality_index(dataset: Dataset) -> dict[str, str]:
    index: dict[str, str] = {}
    for code, municipality in dataset.municipalities.items():
        index[normalise(municipality.name)] = code
        index[code.lower()] = code
        index[code[2:]] = code
    for alias, code in dataset.municipality_aliases.items():
        index.setdefault(normalise(alias), code)
    return index


def _build_region_index(dataset: Dataset) -> dict[str, str]:
    index: dict[str, str] = {}
    for name, region in dataset.regions.items():
        index[normalise(name)] = name
        for alias in region.aliases:
            index.setdefault(normalise(alias), name)
    return index


def municipality_names(dataset: Dataset | None = None) -> dict[str, str]:
    """Every normalised municipality name, alias and code (lowercase) → CBS code."""
    return dict(_municipality_index(dataset or load_dataset()))


def region_aliases(dataset: Dataset | None = None) -> dict[str, str]:
    """Every normalised region name and alias (lowercase, no accents) → canonical region name."""
    return dict(_region_index(dataset or load_dataset()))


def resolve_region(text: str, dataset: Dataset | None = None, core_city: bool = True) -> str | None:
    """The canonical region name for 'MRA', 'regio Twente' or, where a region is meant, a core city
    ('Enschede'); None when unknown or ambiguous (see koploper.regions for the rules)."""
    region = registry.resolve(text, core_city=core_city).region
    ds = dataset or load_dataset()
    return region if region in ds.regions else None


def region_candidates(text: str) -> tuple[str, ...]:
    """The regions a name could mean when it names more than one (the caller then asks which)."""
    match = registry.resolve(text)
    return match.candidates if match.ambiguous else ()


def resolve_municipality(text: str, dataset: Dataset | None = None) -> Municipality | None:
    """The municipality for a name, alias or CBS code ('Den Haag', 'gemeente Súdwest-Fryslân', 'GM0518')."""
    ds = dataset or load_dataset()
    code = _municipality_index(ds).get(normalise(text))
    return ds.municipalities[code] if code else None


def suggest_municipalities(text: str, n: int = 3, dataset: Dataset | None = None) -> list[str]:
    """Official names of the closest matches, for the Dutch 'did you mean' message."""
    ds = dataset or load_dataset()
    index = _municipality_index(ds)
    names = [key for key in index if not key[:1].isdigit() and not key.startswith("gm")]
    found: list[str] = []
    for key in difflib.get_close_matches(normalise(text), names, n=n * 3, cutoff=0.6):
        official = ds.municipalities[index[key]].name
        if official not in found:
            found.append(official)
    return found[:n]


def suggest_regions(text: str, n: int = 3, dataset: Dataset | None = None) -> list[str]:
    """Canonical names of the regions that look most like `text`."""
    ds = dataset or load_dataset()
    index = _region_index(ds)
    found: list[str] = []
    for key in difflib.get_close_matches(normalise(text), list(index), n=n * 3, cutoff=0.5):
        if index[key] not in found:
            found.append(index[key])
    return found[:n]


def region_members(region: str, dataset: Dataset | None = None) -> list[Municipality]:
    """The members of a region (name or alias), sorted by name; an empty list when unknown."""
    ds = dataset or load_dataset()
    canonical = resolve_region(region, ds)
    if canonical is None:
        return []
    members = [ds.municipalities[code] for code in ds.members[canonical]]
    return sorted(members, key=lambda m: normalise(m.name))


def split_municipality_list(text: str, dataset: Dataset | None = None) -> list[str]:
    """Split 'Delft, Rijswijk; Den Haag' into names, keeping names with a comma in them together.

    "Nuenen, Gerwen en Nederwetten" is one municipality: adjacent parts are joined when together they
    name a known municipality.
    """
    ds = dataset or load_dataset()
    index = _municipality_index(ds)
    parts = [part.strip() for part in re.split(r"[,;\n]", text)]
    names: list[str] = []
    i = 0
    while i < len(parts):
        for width in (3, 2):
            if i + width <= len(parts):
                joined = ", ".join(parts[i : i + width])
                if normalise(joined) in index:
                    names.append(joined)
                    i += width
                    break
        else:
            if parts[i]:
                names.append(parts[i])
            i += 1
    return names
