"""Who shares the task: a koploper region (by name, alias or core city) or the user's own list of municipalities.

Also the focus municipality, which must belong to the group. Every problem is a Dutch AllocationError
that says what to type instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from allocation.data import Dataset
from allocation.errors import AllocationError
from allocation.models import AllocationRequest
from allocation.names import (
    normalise,
    region_candidates,
    resolve_municipality,
    resolve_region,
    split_municipality_list,
    suggest_municipalities,
    suggest_regions,
)
from koploper.numbers import plural


@dataclass
class Group:
    """The municipalities (sorted CBS codes) with the label and the trace lines that describe them."""

    label: str
    codes: list[str]
    lines: list[str]


def resolve_group(request: AllocationRequest, ds: Dataset) -> Group:
    """The group of the request: a region, or the listed municipalities (never both, never neither)."""
    if request.region and request.municipalities:
        raise AllocationError(
            "Kies een regio (--regio) of een lijst gemeenten (--gemeenten), niet allebei.",
            "Noem een regio of een lijst gemeenten, niet allebei.",
        )
    if request.region:
        return _region_group(request.region, ds)
    if request.municipalities is None:
        raise AllocationError(
            "Geef een regio (--regio MRA) of een lijst gemeenten (--gemeenten \"Delft, Rijswijk\").",
            "Noem een regio (\"over de MRA\") of een lijst gemeenten (\"over Delft en Rijswijk\").",
        )
    return _list_group(request.municipalities, ds)


NATIONAL_NAMES = frozenset({"nederland", "heel nederland", "alle gemeenten", "landelijk", "het rijk", "rijk", "nl"})
"""Names that mean every municipality: the national statushouders taakstelling is shared this way."""
NATIONAL_LABEL = "heel Nederland"
NATIONAL_NOTE = (
    "Dit is een reconstructie, niet het officiële getal: het Rijk stelt de halfjaarlijkse taakstelling "
    "vast met een eigen peildatum van de bevolking en een eigen afronding, die niet openbaar zijn "
    "beschreven; de uitkomst per gemeente kan daardoor een eenheid afwijken."
)


def _national_group(ds: Dataset) -> Group:
    """All municipalities in the figures: 'verdeel 13.000 statushouders over heel Nederland'."""
    codes = sorted(ds.municipalities)
    lines = [
        f"Groep: {NATIONAL_LABEL}, alle {len(codes)} gemeenten in de CBS-cijfers (gemeentelijke indeling van de peildatum).",
        f"Let op: {NATIONAL_NOTE}",
    ]
    return Group(label=NATIONAL_LABEL, codes=codes, lines=lines)


def _region_group(name: str, ds: Dataset) -> Group:
    """A region by name, alias or core city ('Enschede' in --regio is the region Enschede); 'Nederland'
    is every municipality."""
    if normalise(name) in NATIONAL_NAMES:
        return _national_group(ds)
    canonical = resolve_region(name, ds)
    if canonical is None:
        known = ", ".join(ds.regions)
        candidates = region_candidates(name)
        if candidates:
            raise AllocationError(
                f"{name!r} kan meerdere regio's zijn: bedoelt u {' of '.join(candidates)}? Noem de regio bij naam."
            )
        hint = suggest_regions(name, 3, ds)
        extra = f" Bedoelt u {' of '.join(hint)}?" if hint else ""
        text = f"Onbekende regio {name!r}.{extra} Bekende regio's: {known}. "
        raise AllocationError(
            text + "Voor een andere groep gebruikt u --gemeenten \"Delft, Rijswijk, 's-Gravenhage\".",
            text + "Voor een andere groep noemt u de gemeenten, bijvoorbeeld \"over Delft, Rijswijk en 's-Gravenhage\".",
        )
    info = ds.regions[canonical]
    codes = sorted(ds.members[canonical])
    lines = [f"Groep: {canonical}, {len(codes)} gemeenten; samenstelling volgens {info.basis} (regio_leden.csv)."]
    if info.note:
        lines.append(f"Let op: {info.note}")
    return Group(label=canonical, codes=codes, lines=lines)


def _list_names(items: list[str], ds: Dataset) -> list[str]:
    names: list[str] = []
    for item in items:
        if item in ds.municipalities:  # a CBS code: no splitting or matching needed
            names.append(item)
        else:
            names.extend(split_municipality_list(item, ds))
    names = [name for name in names if name.strip()]
    if not names:
        raise AllocationError(
            "De lijst gemeenten is leeg; geef minstens één gemeente, bijvoorbeeld --gemeenten \"Delft, Rijswijk\".",
            "De lijst gemeenten is leeg; noem minstens één gemeente, bijvoorbeeld \"over Delft en Rijswijk\".",
        )
    return names


def _unknown(name: str, ds: Dataset) -> tuple[str, str]:
    """Why a listed name is no municipality (for the command line, and in words): a region, or a near miss."""
    region = resolve_region(name, ds, core_city=False)
    if region is not None:
        return f"{name!r} is een regio ({region}); gebruik daarvoor --regio", f"{name!r} is een regio ({region}); noem die regio dan alleen"
    hint = suggest_municipalities(name, 3, ds)
    text = f"{name!r}" + (f" (bedoelt u {' of '.join(hint)}?)" if hint else " (geen gemeente die erop lijkt)")
    return text, text


def _list_group(items: list[str], ds: Dataset) -> Group:
    """The user's own list: every name must be a known municipality, each named once."""
    codes: list[str] = []
    seen: set[str] = set()
    problems: list[tuple[str, str]] = []
    for name in _list_names(items, ds):
        municipality = ds.municipalities.get(name) or resolve_municipality(name, ds)
        if municipality is None:
            problems.append(_unknown(name, ds))
        elif municipality.code in seen:
            raise AllocationError(f"{municipality.name} staat twee keer in de lijst gemeenten; noem elke gemeente één keer.")
        else:
            codes.append(municipality.code)
            seen.add(municipality.code)
    if problems:
        raise AllocationError(
            "Onbekende gemeente: " + "; ".join(p[0] for p in problems) + ". Gebruik de officiële naam of de CBS-code.",
            "Onbekende gemeente: " + "; ".join(p[1] for p in problems) + ". Gebruik de officiële naam of de CBS-code.",
        )
    codes.sort()
    label = f"Eigen groep ({len(codes)} {plural(len(codes), 'gemeente', 'gemeenten')})"
    lines = [f"Groep: eigen selectie van {len(codes)} gemeenten: " + ", ".join(sorted_names(codes, ds)) + "."]
    return Group(label=label, codes=codes, lines=lines)


def sorted_names(codes: Sequence[str], ds: Dataset) -> list[str]:
    """Official names in Dutch alphabetical order (accents and "'s-" ignored)."""
    return sorted((ds.municipalities[c].name for c in codes), key=normalise)


def resolve_focus(request: AllocationRequest, ds: Dataset, group: Group) -> str | None:
    """The CBS code of the focus municipality, which must be in the group; None without a focus."""
    if not request.focus:
        return None
    municipality = resolve_municipality(request.focus, ds)
    if municipality is None:
        hint = suggest_municipalities(request.focus, 3, ds)
        near = (f" (bedoelt u {' of '.join(hint)}?)" if hint else "") + "."
        raise AllocationError(
            f"Onbekende gemeente bij --focus: {request.focus!r}" + near,
            f"Onbekende gemeente om op te letten: {request.focus!r}" + near,
        )
    if municipality.code not in group.codes:
        raise AllocationError(
            f"{municipality.name} hoort niet bij {group.label}; kies bij --focus een gemeente uit de groep.",
            f"{municipality.name} hoort niet bij {group.label}; kies een gemeente uit de groep om op te letten.",
        )
    return municipality.code


