"""The shipped municipality figures: loading, validation and the indicator catalogue.

The CSVs in allocation/data/ are copies of ../shared/data/ (see SOURCES.md there and here); every
indicator is described in indicators.json with its source table and reference date, so every number
the engine uses can be traced. The files are read with the csv module and validated with pydantic:
importing pandas alone costs about 0.3 s, which would eat most of the half second `koploper verdeel`
may take (pandas is used for `AllocationResult.to_frame()` only).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from allocation.errors import AllocationError
from koploper.env import env_folder
from koploper.regions import registry as region_registry

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


class Formula(BaseModel):
    """A derived figure: the product of columns of the indicator's file, divided by a constant."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    multiply: list[str]
    divide_by: int = 1
    maximum: dict[str, int] = {}
    """Upper limits of the input columns (a percentage is at most 100); checked on load."""

    def columns(self) -> list[str]:
        return [*self.multiply, *self.maximum]


class IndicatorInfo(BaseModel):
    """What an indicator means, where its figures come from and the words people use for it.

    indicators.json is the only place an indicator is declared: the loader reads `file` and `column`
    (or `formula`), the assistant's parser listens for `words`, and replies use `phrase`.
    """

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
    formula: Formula | None = None
    """How a derived figure is computed from columns of `file` (else the figure is column `column`)."""
    margin: Formula | None = None
    """The ± uncertainty of a derived figure, computed the same way."""
    words: str = ""
    """Regular expression (on folded text) for the words that name this indicator in a question."""
    phrase: str = ""
    """How replies name the indicator in a sentence ('naar corporatiewoningen (sociale huurvoorraad)')."""


class RegionInfo(BaseModel):
    """A koploper region as the engine reports it: canonical name, the names people use (from the one
    registry, koploper/data/regions.json), and how its membership was set."""

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


class _FigureRow(BaseModel):
    """One row of a figures file: the municipality, and the columns indicators read (counts ≥ 0)."""

    model_config = ConfigDict(defer_build=True)
    gemeentecode: _Code
    gemeente: Annotated[str, Field(min_length=1)]
    figures: dict[str, _Count]


class _MemberRow(BaseModel):
    model_config = ConfigDict(defer_build=True)
    regio: Annotated[str, Field(min_length=1)]
    gemeentecode: _Code
    gemeente: Annotated[str, Field(min_length=1)]


class _IndicatorsFile(BaseModel):
    model_config = ConfigDict(defer_build=True)
    about: str = ""
    indicators: list[IndicatorInfo]


@cache
def _figure_rows_adapter() -> TypeAdapter[list[_FigureRow]]:
    """Built on first load, not at import: `koploper verdeel` must not pay for schemas it may not need."""
    return TypeAdapter(list[_FigureRow])


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


def _read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    try:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as exc:
        raise AllocationError(f"Het gegevensbestand {name} ontbreekt of is onleesbaar ({exc.strerror or exc}); installeer Koploper opnieuw.") from None


def _validate(adapter: TypeAdapter[Any], rows: list[Any], name: str) -> list[Any]:
    try:
        return list(adapter.validate_python(rows))
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


def _figure_rows(folder: Path, name: str, columns: set[str], municipalities: Mapping[str, Municipality]) -> list[_FigureRow]:
    """The rows of one figures file with the columns the indicators need, checked against the municipalities."""
    raw = _read_csv(folder, name)
    missing = columns - set(raw[0] if raw else ())
    if missing:
        raise AllocationError(f"{name} mist de kolom(men) {', '.join(sorted(missing))} die indicators.json noemt; installeer Koploper opnieuw.")
    rows = [{"gemeentecode": r.get("gemeentecode"), "gemeente": r.get("gemeente"), "figures": {c: r.get(c) for c in columns}} for r in raw]
    checked: list[_FigureRow] = _validate(_figure_rows_adapter(), rows, name)
    _unique([r.gemeentecode for r in checked], name)
    for row in checked:
        known = municipalities.get(row.gemeentecode)
        if known is None or known.name != row.gemeente:
            raise AllocationError(f"De meegeleverde gegevens kennen {row.gemeentecode} ({row.gemeente}) niet; installeer Koploper opnieuw.")
    return checked


def _formula_value(formula: Formula, figures: Mapping[str, int], name: str) -> Fraction:
    for column, most in formula.maximum.items():
        if figures[column] > most:
            raise AllocationError(f"{name}: {column} is groter dan {most}; installeer Koploper opnieuw.")
    product = 1
    for column in formula.multiply:
        product *= figures[column]
    return Fraction(product, formula.divide_by)


def _indicator_values(
    folder: Path, indicators: Mapping[str, IndicatorInfo], municipalities: Mapping[str, Municipality]
) -> tuple[dict[str, dict[str, Fraction]], dict[str, dict[str, Fraction]]]:
    """Every indicator's exact values (and margins) per CBS code, read as indicators.json says."""
    needed: dict[str, set[str]] = {}
    for info in indicators.values():
        columns = needed.setdefault(info.file, set())
        columns.update(info.formula.columns() if info.formula else [info.column])
        columns.update(info.margin.columns() if info.margin else [])
    tables = {file: _figure_rows(folder, file, columns, municipalities) for file, columns in needed.items()}
    values: dict[str, dict[str, Fraction]] = {}
    uncertainty: dict[str, dict[str, Fraction]] = {}
    for name, info in indicators.items():
        formula, margin = info.formula, info.margin
        rows = tables[info.file]
        if formula is None:
            values[name] = {r.gemeentecode: Fraction(r.figures[info.column]) for r in rows}
        else:
            values[name] = {r.gemeentecode: _formula_value(formula, r.figures, info.file) for r in rows}
        if margin is not None:
            uncertainty[name] = {r.gemeentecode: _formula_value(margin, r.figures, info.file) for r in rows}
    return values, uncertainty


def read_indicators(folder: Path | None = None) -> dict[str, IndicatorInfo]:
    """indicators.json of a data folder (the shipped one by default), without reading any figures.

    Light: the assistant's parser builds its vocabulary from it without loading the dataset.
    """
    return dict(_read_indicators(folder or default_data_dir()))


@cache
def _read_indicators(folder: Path) -> dict[str, IndicatorInfo]:
    try:
        parsed = _IndicatorsFile.model_validate_json((folder / "indicators.json").read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise AllocationError(f"indicators.json in {folder} ontbreekt of is beschadigd ({exc}); installeer Koploper opnieuw.") from None
    return {info.name: info for info in parsed.indicators}


@cache
def default_data_dir() -> Path:
    """The shipped data folder, or KOPLOPER_DATA_DIR when set (read once per process)."""
    return env_folder("data_dir") or DATA_DIR


def load_dataset(folder: Path | None = None) -> Dataset:
    """Load and validate a data folder once per process (codes unique, counts non-negative, members known).

    `folder` defaults to the shipped data (or KOPLOPER_DATA_DIR); a folder with another indicators.json
    and CSVs gives another catalogue, without code changes.
    """
    return _load_dataset(Path(folder) if folder is not None else default_data_dir())


@cache
def _load_dataset(folder: Path) -> Dataset:
    gemeenten = _validate(TypeAdapter(list[_MunicipalityRow]), _read_csv(folder, "gemeenten.csv"), "gemeenten.csv")
    leden = _validate(TypeAdapter(list[_MemberRow]), _read_csv(folder, "regio_leden.csv"), "regio_leden.csv")
    _unique([r.gemeentecode for r in gemeenten], "gemeenten.csv")
    names = region_registry()
    municipalities = {r.gemeentecode: Municipality(code=r.gemeentecode, name=r.gemeente, province=r.provincie) for r in gemeenten}
    for row in leden:
        known = municipalities.get(row.gemeentecode)
        if known is None or known.name != row.gemeente:
            raise AllocationError(f"De meegeleverde gegevens kennen {row.gemeentecode} ({row.gemeente}) niet; installeer Koploper opnieuw.")
    indicators = _read_indicators(folder)
    values, uncertainty = _indicator_values(folder, indicators, municipalities)
    regions = {
        region.name: RegionInfo(name=region.name, aliases=list(region.aliases), basis=region.basis, note=region.note)
        for region in names.regions.values()
    }
    members: dict[str, list[str]] = {name: [] for name in regions}
    for row in leden:
        if row.regio not in members:
            raise AllocationError(f"Onbekende regio {row.regio!r} in regio_leden.csv; installeer Koploper opnieuw.")
        members[row.regio].append(row.gemeentecode)
    for name, codes in members.items():
        _unique(codes, f"regio_leden.csv ({name})")
    for code in names.municipality_aliases.values():
        if code not in municipalities:
            raise AllocationError(f"regions.json verwijst naar onbekende gemeentecode {code}; installeer Koploper opnieuw.")
    return Dataset(
        municipalities=municipalities,
        values=values,
        indicators=dict(indicators),
        regions=regions,
        members={name: tuple(sorted(codes)) for name, codes in members.items()},
        municipality_aliases=dict(names.municipality_aliases),
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
