"""The shipped municipality figures: loading, validation and the indicator catalogue.

The CSVs in allocation/data/ are copies of ../shared/data/ (see SOURCES.md there and here); every
indicator is described in indicators.json with its source table and reference date, so every number
the engine uses can be traced. The files are read with the csv module and validated with pydantic:
importing pandas alone costs about 0.3 s, which would eat most of the half second `koploper verdeel`
may take (pandas is used for `AllocationResult.to_frame()` only).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from allocation.errors import AllocationError

if TYPE_CHECKING:
    import pandas as pd

DATA_DIR = Path(__file__).with_name("data")

_Code = Annotated[str, Field(pattern=r"^GM\d{4}$")]
_Count = Annotated[int, Field(ge=0, strict=False)]


class Municipality(BaseModel):
    """A Dutch municipality as CBS lists it (division of 1 January 2024)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    code: str
    name: str
    province: str


class IndicatorInfo(BaseModel):
    """What an indicator means and where its figures come from."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    name: str
    label: str
    unit: str
    reference_date: str
    reference_date_label: str
    source: str
    file: str
    column: str
    coverage: str
    derived: bool = False
    exact: bool = True
    precision: str | None = None
    notes: str = ""
    caveat: str | None = None
    user_supplied: bool = False


class RegionInfo(BaseModel):
    """A koploper region: canonical name, the names people use, and how its membership was set."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    name: str
    aliases: list[str]
    basis: str
    note: str | None = None


class _MunicipalityRow(BaseModel):
    model_config = ConfigDict(defer_build=True)
    gemeentecode: _Code
    gemeente: Annotated[str, Field(min_length=1)]
    provincie: Annotated[str, Field(min_length=1)]
    inwoners: _Count
    woningen: _Count


class _KerncijfersRow(BaseModel):
    model_config = ConfigDict(defer_build=True)
    gemeentecode: _Code
    gemeente: Annotated[str, Field(min_length=1)]
    huishoudens: _Count
    woningen_2025: _Count
    corporatie_pct: Annotated[int, Field(ge=0, le=100)]


class _MemberRow(BaseModel):
    model_config = ConfigDict(defer_build=True)
    regio: Annotated[str, Field(min_length=1)]
    gemeentecode: _Code
    gemeente: Annotated[str, Field(min_length=1)]


class _RegionsFile(BaseModel):
    model_config = ConfigDict(defer_build=True)
    source: str
    regions: list[RegionInfo]
    municipality_aliases: dict[str, _Code]


class _IndicatorsFile(BaseModel):
    model_config = ConfigDict(defer_build=True)
    indicators: list[IndicatorInfo]


@dataclass(frozen=True, eq=False)
class Dataset:
    """All figures the engine may use: shipped CBS figures plus any user columns.

    `values[indicator][code]` is exact (a Fraction; derived figures keep their fraction);
    `uncertainty[indicator][code]` is the ± margin of a derived figure, when known.
    """

    municipalities: Mapping[str, Municipality]
    values: Mapping[str, Mapping[str, Fraction]]
    indicators: Mapping[str, IndicatorInfo]
    regions: Mapping[str, RegionInfo]
    members: Mapping[str, tuple[str, ...]]
    municipality_aliases: Mapping[str, str]
    uncertainty: Mapping[str, Mapping[str, Fraction]] = field(default_factory=dict)
    user_file: str | None = None

    def available_indicators(self, codes: Iterable[str]) -> dict[str, IndicatorInfo]:
        """Indicators with a figure for every one of `codes`."""
        wanted = list(codes)
        return {
            name: info
            for name, info in self.indicators.items()
            if all(code in self.values.get(name, {}) for code in wanted)
        }

    def to_frame(self) -> pd.DataFrame:
        """All municipalities with every indicator as a pandas DataFrame (exact counts as int, derived as float)."""
        import pandas as pd

        records = []
        for code, municipality in sorted(self.municipalities.items()):
            record: dict[str, object] = {"gemeentecode": code, "gemeente": municipality.name, "provincie": municipality.province}
            for name, column in self.values.items():
                value = column.get(code)
                record[name] = None if value is None else (value.numerator if value.denominator == 1 else float(value))
            records.append(record)
        return pd.DataFrame.from_records(records)

    def missing_indicators(self, codes: Iterable[str]) -> dict[str, list[str]]:
        """For each indicator lacking figures for some of `codes`: the names of those municipalities."""
        wanted = list(codes)
        missing: dict[str, list[str]] = {}
        for name in self.indicators:
            column = self.values.get(name, {})
            lacking = [self.municipalities[c].name for c in wanted if c not in column]
            if lacking:
                missing[name] = lacking
        return missing


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _validate(adapter: TypeAdapter, rows: list[dict[str, str]], name: str) -> list:  # type: ignore[type-arg]
    try:
        return adapter.validate_python(rows)  # type: ignore[no-any-return]
    except ValidationError as exc:
        raise AllocationError(
            f"De meegeleverde gegevens in {name} zijn beschadigd ({exc.error_count()} fouten); "
            "installeer Koploper opnieuw."
        ) from exc


def _unique(codes: list[str], name: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise AllocationError(f"De meegeleverde gegevens in {name} noemen {code} twee keer; installeer Koploper opnieuw.")
        seen.add(code)


@cache
def load_dataset() -> Dataset:
    """Load and validate the shipped data once per process (codes unique, counts non-negative, members known)."""
    gemeenten = _validate(TypeAdapter(list[_MunicipalityRow]), _read_csv("gemeenten.csv"), "gemeenten.csv")
    kern = _validate(TypeAdapter(list[_KerncijfersRow]), _read_csv("kerncijfers_2025_regios.csv"), "kerncijfers_2025_regios.csv")
    leden = _validate(TypeAdapter(list[_MemberRow]), _read_csv("regio_leden.csv"), "regio_leden.csv")
    _unique([r.gemeentecode for r in gemeenten], "gemeenten.csv")
    _unique([r.gemeentecode for r in kern], "kerncijfers_2025_regios.csv")
    regions_file = _RegionsFile.model_validate_json((DATA_DIR / "regions.json").read_text(encoding="utf-8"))
    indicators_file = _IndicatorsFile.model_validate_json((DATA_DIR / "indicators.json").read_text(encoding="utf-8"))

    municipalities = {r.gemeentecode: Municipality(code=r.gemeentecode, name=r.gemeente, province=r.provincie) for r in gemeenten}
    for row in [*kern, *leden]:
        known = municipalities.get(row.gemeentecode)
        if known is None or known.name != row.gemeente:
            raise AllocationError(f"De meegeleverde gegevens kennen {row.gemeentecode} ({row.gemeente}) niet; installeer Koploper opnieuw.")

    values: dict[str, dict[str, Fraction]] = {
        "inwoners": {r.gemeentecode: Fraction(r.inwoners) for r in gemeenten},
        "woningen": {r.gemeentecode: Fraction(r.woningen) for r in gemeenten},
        "huishoudens": {r.gemeentecode: Fraction(r.huishoudens) for r in kern},
        "corporatiewoningen": {r.gemeentecode: Fraction(r.corporatie_pct * r.woningen_2025, 100) for r in kern},
    }
    uncertainty = {"corporatiewoningen": {r.gemeentecode: Fraction(r.woningen_2025, 200) for r in kern}}
    indicators = {info.name: info for info in indicators_file.indicators}
    if set(indicators) != set(values):
        raise AllocationError("indicators.json en de meegeleverde cijfers lopen uiteen; installeer Koploper opnieuw.")

    regions = {region.name: region for region in regions_file.regions}
    members: dict[str, list[str]] = {name: [] for name in regions}
    for row in leden:
        if row.regio not in members:
            raise AllocationError(f"Onbekende regio {row.regio!r} in regio_leden.csv; installeer Koploper opnieuw.")
        members[row.regio].append(row.gemeentecode)
    for name, codes in members.items():
        _unique(codes, f"regio_leden.csv ({name})")
    for code in regions_file.municipality_aliases.values():
        if code not in municipalities:
            raise AllocationError(f"regions.json verwijst naar onbekende gemeentecode {code}; installeer Koploper opnieuw.")
    return Dataset(
        municipalities=municipalities,
        values=values,
        indicators=indicators,
        regions=regions,
        members={name: tuple(sorted(codes)) for name, codes in members.items()},
        municipality_aliases=dict(regions_file.municipality_aliases),
        uncertainty=uncertainty,
    )


def available_indicators(codes: Iterable[str], dataset: Dataset | None = None) -> dict[str, IndicatorInfo]:
    """Indicators that have a figure for every municipality in `codes` (CBS codes)."""
    return (dataset or load_dataset()).available_indicators(codes)


def missing_indicators(codes: Iterable[str], dataset: Dataset | None = None) -> dict[str, list[str]]:
    """Indicator → names of the municipalities in `codes` that lack a figure (only incomplete indicators)."""
    return (dataset or load_dataset()).missing_indicators(codes)


def indicator_catalogue(dataset: Dataset | None = None) -> dict[str, IndicatorInfo]:
    """Every indicator the dataset knows, with label, unit, reference date and source."""
    return dict((dataset or load_dataset()).indicators)
