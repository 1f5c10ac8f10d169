"""The one region registry: the six koploper regions, every name people use for them, their core cities.

Read from koploper/data/regions.json by the kennisbank (`zoek --regio`, chunk tags), the allocation
engine (`verdeel --regio`) and the assistant's parser, so an alias added there works everywhere.
Which municipalities belong to a region is figures, not names: that list stays with the allocation
engine's data (allocation/data/regio_leden.csv, a traced copy of ../shared/data).

Resolution order, the same for every caller:
1. a region's name or alias ('MRA', 'regio Twente', 'GMR'), folded (case, accents, hyphens ignored);
2. where a region is clearly meant (`--regio`, `/regio`, "Vertel me over …"): the core city's name
   ('Enschede' → Regio Enschede, 'Den Haag' → Regio Haaglanden), but only when it is the core city of
   exactly one region;
3. a single word of exactly one alias ('Limburg' → Stadsregio Parkstad Limburg).
When more than one region fits, nothing is chosen: the caller asks which one was meant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from koploper.text import fold

DATA_FILE = Path(__file__).with_name("data") / "regions.json"
GENERAL = "algemeen"
"""Region tag of material about the country or the programme, not one region (kennisbank only)."""


@dataclass(frozen=True)
class Region:
    """A koploper region: canonical name, the names people use, its core cities and how it was delimited."""

    name: str
    aliases: tuple[str, ...]
    core_cities: tuple[str, ...]
    basis: str
    note: str | None = None


@dataclass(frozen=True)
class RegionMatch:
    """The outcome of resolving a name: one region, or the candidates to ask about (possibly none)."""

    region: str | None
    candidates: tuple[str, ...] = ()
    via: str = ""
    """'name', 'alias', 'core_city' or 'word': how the region was found (empty when not found)."""

    @property
    def ambiguous(self) -> bool:
        return self.region is None and len(self.candidates) > 1


@dataclass(frozen=True)
class Registry:
    """The parsed data file with its lookup tables (built once per process)."""

    regions: dict[str, Region]
    municipality_aliases: dict[str, str]
    """Everyday municipality names → CBS code ('Den Haag' → GM0518)."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Folded name or alias → region."""
    core_cities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Folded core-city name → the regions it is the core city of."""


@cache
def registry() -> Registry:
    """The registry from the data file; a broken file is an installation error, reported in Dutch."""
    try:
        raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        regions = {
            item["name"]: Region(
                name=item["name"],
                aliases=tuple(item.get("aliases") or ()),
                core_cities=tuple(item.get("core_cities") or ()),
                basis=item.get("basis") or "",
                note=item.get("note"),
            )
            for item in raw["regions"]
        }
        municipality_aliases = {str(k): str(v) for k, v in (raw.get("municipality_aliases") or {}).items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RuntimeError(f"De regiolijst {DATA_FILE} is beschadigd ({exc}); installeer Koploper opnieuw.") from None
    aliases: dict[str, str] = {}
    cores: dict[str, list[str]] = {}
    for region in regions.values():
        aliases.setdefault(fold(region.name), region.name)
        for alias in region.aliases:
            aliases.setdefault(fold(alias), region.name)
        for city in region.core_cities:
            cores.setdefault(fold(city), []).append(region.name)
    return Registry(
        regions=regions,
        municipality_aliases=municipality_aliases,
        aliases=aliases,
        core_cities={k: tuple(v) for k, v in cores.items()},
    )


def region_names() -> list[str]:
    """The canonical region names in the registry's order."""
    return list(registry().regions)


def get(name: str) -> Region:
    """The region with this canonical name (KeyError otherwise)."""
    return registry().regions[name]


def region_aliases() -> dict[str, str]:
    """Every folded name and alias → canonical region (for scanning free text)."""
    return dict(registry().aliases)


def core_city_regions(name: str) -> tuple[str, ...]:
    """The regions `name` is the core city of ('Den Haag' → ('Regio Haaglanden',)); empty when none."""
    return registry().core_cities.get(fold(name), ())


def resolve(text: str | None, core_city: bool = True, words: bool = True) -> RegionMatch:
    """Resolve a typed region name (see the module docstring for the order); never raises."""
    if not text or not fold(text):
        return RegionMatch(None)
    reg = registry()
    folded = fold(text)
    if folded in reg.aliases:
        region = reg.aliases[folded]
        return RegionMatch(region, (region,), "name" if fold(region) == folded else "alias")
    if core_city:
        regions = reg.core_cities.get(folded, ())
        if len(regions) == 1:
            return RegionMatch(regions[0], regions, "core_city")
        if regions:
            return RegionMatch(None, regions)
    if words and " " not in folded:
        found = tuple(dict.fromkeys(region for alias, region in reg.aliases.items() if folded in alias.split(" ")))
        if len(found) == 1:
            return RegionMatch(found[0], found, "word")
        if found:
            return RegionMatch(None, found)
    return RegionMatch(None)


def resolve_region(text: str | None, core_city: bool = True) -> str | None:
    """The canonical name for a typed region name, or None when unknown or ambiguous."""
    return resolve(text, core_city=core_city).region


def in_sentence(name: str) -> str:
    """A region's name inside a Dutch sentence: 'over regio Haaglanden', not 'over Regio Haaglanden'
    (the word regio or provincie is no part of the proper name there)."""
    for word in ("Regio ", "Provincie "):
        if name.startswith(word):
            return word.lower() + name[len(word) :]
    return name
