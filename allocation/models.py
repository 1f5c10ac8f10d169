"""Requests and results of the allocation engine: the pydantic boundary other code talks to."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from allocation.errors import AdviceError, AllocationError
from koploper.methods import METHOD_LABELS, METHODS, Method, normalise_method
from koploper.numbers import TOO_LARGE_TO_SHOW, amount_value, fmt_amount, fmt_int, format_euro

__all__ = [
    "METHODS",
    "METHOD_LABELS",
    "UNITS",
    "AllocationRequest",
    "AllocationResult",
    "AllocationRow",
    "DataSource",
    "Method",
    "MethodComparison",
    "Unit",
    "normalise_method",
]

if TYPE_CHECKING:
    import pandas as pd

MAX_TOTAL = 10_000_000
"""Above the whole Dutch housing stock (8,2 million): anything larger is a typing error."""
MAX_YEARS = 50
MAX_EURO = 1_000_000_000_000
"""A thousand billion euros, above the whole Dutch national budget: anything larger is a typing error."""
Unit = Literal["woningen", "plekken", "personen", "euro"]
UNITS: tuple[str, ...] = ("woningen", "plekken", "personen", "euro")


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{what} moet een getal zijn, niet {value!r}.")
    if isinstance(value, str):
        if re.fullmatch(r"\s*\d{1,3}(\.\d{3})+\s*", value):
            raise ValueError(f"{what} {value!r} is dubbelzinnig: schrijf het getal zonder punt, bijvoorbeeld {value.strip().replace('.', '')}.")
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise ValueError(f"{what} moet een getal zijn, niet {value!r}.") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{what} moet een gewoon getal zijn, niet {value!r}.")
    return float(value) if isinstance(value, float) else value


class AllocationRequest(BaseModel):
    """One question: divide `total` over a region or a list of municipalities by a key.

    `caps` and `floors` map an indicator column to a fraction: the new allocation of a municipality
    is at most (at least) fraction × its value in that column (fraction 1 on a column of absolute
    numbers gives a cap per municipality); `cap_absolute`/`floor_absolute` hold for every member. `existing` names a column with what each municipality already
    carries. `data_path` adds or overrides columns from the user's CSV/XLSX.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    region: str | None = None
    municipalities: list[str] | None = None
    total: int | Decimal
    """Whole units; an amount with cents (a Decimal) only for euros with `cents`."""
    unit: Unit = "woningen"
    cents: bool = False
    """Euros divided to the cent: the engine works in cents, and caps and floors stay in euros."""
    key: dict[str, float] = {"inwoners": 1.0}
    method: Method = "hamilton"
    group: str | None = None
    focus: str | None = None
    existing: str | None = None
    existing_amounts: dict[str, Decimal] = {}
    """What named municipalities already did ('Den Haag heeft al 40 gehuisvest'): name or CBS code →
    amount in the request's unit; the others count 0. Adds to the `existing` column when both are given."""
    caps: dict[str, float] = {}
    floors: dict[str, float] = {}
    cap_absolute: int | None = None
    floor_absolute: int | None = None
    years: int = 1
    data_path: str | None = None
    data_source: str | None = None
    data_reference_date: str | None = None

    @field_validator("total", mode="before")
    @classmethod
    def _check_total(cls, value: Any) -> int | Decimal:
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError(f"Het totaal moet een gewoon getal zijn, niet {value}.")
            number: int | float | Decimal = int(value) if value == value.to_integral_value() else value
        else:
            number = _number(value, "Het totaal")
        if isinstance(number, float):
            number = int(number) if number.is_integer() else Decimal(repr(number))
        if number <= 0:
            raise ValueError(f"Het totaal moet groter dan 0 zijn, niet {number}.")
        return number

    @model_validator(mode="after")
    def _check_total_for_unit(self) -> AllocationRequest:
        """Whole units unless euros to the cent; the largest believable total depends on the unit."""
        total = self.total
        if isinstance(total, Decimal):
            if not (self.unit == "euro" and self.cents):
                text = f"Het totaal moet een geheel aantal zijn, niet {total}: geef bijvoorbeeld {math.floor(total)} of {math.ceil(total)}"
                if self.unit != "euro":
                    raise ValueError(text + ".")
                raise AdviceError(text + " (of reken op de cent met --op-centen).", text + ".")
            if total != total.quantize(Decimal("0.01")):
                raise ValueError(f"Het bedrag {total} heeft meer dan twee cijfers achter de komma; rond af op centen.")
        if total >= TOO_LARGE_TO_SHOW:  # not echoed: its last digits may be lost in a float
            raise ValueError("Het totaal is te groot: meer dan 15 cijfers, meer dan alle woningen of budgetten van Nederland; controleer het getal.")
        if self.unit == "euro":
            if total > MAX_EURO:
                raise ValueError(f"Het bedrag {format_euro(total)} is onwaarschijnlijk groot (meer dan {format_euro(MAX_EURO)}); controleer het getal.")
        elif total > MAX_TOTAL:
            raise ValueError(
                f"Het totaal {fmt_int(int(total))} is onwaarschijnlijk groot (meer dan {fmt_int(MAX_TOTAL)}, meer dan alle "
                "woningen van Nederland); controleer het getal."
            )
        if self.cents and self.unit != "euro":
            raise AdviceError(
                "Op de cent rekenen kan alleen bij bedragen in euro (--eenheid euro).",
                "Op de cent rekenen kan alleen bij bedragen in euro.",
            )
        return self

    @property
    def scale(self) -> int:
        """Units per whole: 100 when euros are divided to the cent, else 1."""
        return 100 if self.cents else 1

    @property
    def units_total(self) -> int:
        """The total in the units the engine divides (cents when `cents`)."""
        try:
            return int(Decimal(self.total) * self.scale)
        except InvalidOperation:  # pragma: no cover - validated above
            raise AllocationError("Ongeldig totaal.") from None

    @field_validator("method", mode="before")
    @classmethod
    def _check_method(cls, value: Any) -> Any:
        if isinstance(value, str):
            canonical = normalise_method(value)
            if canonical is None:
                raise ValueError(f"Onbekende methode {value!r}: kies {', '.join(METHODS[:-1])} of {METHODS[-1]}.")
            return canonical
        return value

    @field_validator("key", mode="before")
    @classmethod
    def _check_key(cls, value: Any) -> dict[str, float]:
        if not isinstance(value, dict) or not value:
            raise AdviceError(
                "De sleutel is leeg: geef minstens één indicator, bijvoorbeeld --sleutel inwoners=1.",
                "De sleutel is leeg: noem minstens één indicator, bijvoorbeeld \"naar inwoners\".",
            )
        key: dict[str, float] = {}
        for name, weight in value.items():
            column = normalise_column(str(name))
            if not column:
                raise ValueError("De sleutel bevat een lege indicatornaam.")
            number = _number(weight, f"Het gewicht van {name}")
            if number < 0:
                raise ValueError(f"Het gewicht van {name} is negatief ({weight}); gewichten moeten 0 of groter zijn.")
            if column in key:
                raise ValueError(f"De sleutel noemt {column} twee keer.")
            key[column] = float(number)
        if all(weight == 0 for weight in key.values()):
            raise ValueError("Alle gewichten in de sleutel zijn 0; geef minstens één indicator een positief gewicht.")
        return key

    @field_validator("caps", "floors", mode="before")
    @classmethod
    def _check_bounds(cls, value: Any) -> dict[str, float]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise AdviceError(
                "Een maximum of minimum is een kolom met een fractie, bijvoorbeeld --max vrijkomende_woningen=0,1.",
                "Een maximum of minimum is een aantal of een deel van een kolom, bijvoorbeeld \"maximaal 10% van de vrijkomende woningen per gemeente\".",
            )
        bounds: dict[str, float] = {}
        for name, fraction in value.items():
            number = _number(fraction, f"De fractie bij {name}")
            if number < 0:
                raise ValueError(f"De fractie bij {name} is negatief ({fraction}); gebruik 0 of meer.")
            bounds[normalise_column(str(name))] = float(number)
        return bounds

    @field_validator("cap_absolute", "floor_absolute", mode="before")
    @classmethod
    def _check_absolute(cls, value: Any) -> int | None:
        if value is None:
            return None
        number = _number(value, "Een vast maximum of minimum")
        if (isinstance(number, float) and not number.is_integer()) or number < 0:
            raise ValueError(f"Een vast maximum of minimum is een geheel getal van 0 of meer, niet {value!r}.")
        return int(number)

    @field_validator("existing_amounts", mode="before")
    @classmethod
    def _check_existing_amounts(cls, value: Any) -> dict[str, Decimal]:
        if not value:
            return {}
        if not isinstance(value, dict):
            raise ValueError("Bestaande inzet per gemeente is een lijst van gemeente en aantal, bijvoorbeeld Delft=40.")
        amounts: dict[str, Decimal] = {}
        for name, amount in value.items():
            number = _number(amount, f"De bestaande inzet van {name}")
            if number < 0:
                raise ValueError(f"De bestaande inzet van {name} is negatief ({amount}); gebruik 0 of meer.")
            amounts[str(name)] = Decimal(str(number))
        return amounts

    @field_validator("existing", mode="before")
    @classmethod
    def _check_existing(cls, value: Any) -> Any:
        return normalise_column(value) if isinstance(value, str) else value

    @field_validator("years", mode="before")
    @classmethod
    def _check_years(cls, value: Any) -> int:
        number = _number(value, "Het aantal jaren")
        if isinstance(number, float) and not number.is_integer():
            raise ValueError(f"Het aantal jaren moet een geheel getal zijn, niet {value!r}.")
        number = int(number)
        if not 1 <= number <= MAX_YEARS:
            raise ValueError(f"Het aantal jaren moet tussen 1 en {MAX_YEARS} liggen, niet {number}.")
        return number

    @classmethod
    def parse(cls, **fields: Any) -> AllocationRequest:
        """Build a request; bad input becomes an AllocationError with the Dutch message(s)."""
        try:
            return cls(**fields)
        except ValidationError as exc:
            raise AllocationError(dutch_validation_message(exc), dutch_validation_message(exc, words=True)) from None


def dutch_validation_message(exc: ValidationError, words: bool = False) -> str:
    """The Dutch text of pydantic errors (our validators raise Dutch ValueErrors); `words`: the wording
    for a conversation where a validator has one (AdviceError)."""
    messages: list[str] = []
    for error in exc.errors():
        text = str(error.get("msg", ""))
        original = (error.get("ctx") or {}).get("error")
        if words and isinstance(original, AdviceError):
            messages.append(original.words)
            continue
        if text.startswith("Value error, "):
            messages.append(text.removeprefix("Value error, "))
            continue
        where = ".".join(str(part) for part in error.get("loc", ()))
        if error.get("type") == "missing":
            messages.append(f"Verplicht veld ontbreekt: {where}.")
        elif error.get("type") == "extra_forbidden":
            messages.append(f"Onbekend veld: {where}.")
        else:
            messages.append(f"Ongeldige waarde voor {where}: {error.get('input')!r}.")
    return " ".join(messages)


def normalise_column(text: str) -> str:
    """A column or indicator name as the engine stores it: lowercase, words joined by underscores."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


class DataSource(BaseModel):
    """Where the figures of one indicator come from."""

    model_config = ConfigDict(defer_build=True)

    indicator: str
    reference_date: str
    source: str


@dataclass(frozen=True, slots=True)
class AllocationRow:
    """One municipality's outcome; key_value, share and quota are exact fractions.

    A plain frozen dataclass rather than a pydantic model: the engine builds 342 of them per
    allocation from values it has already checked, and a dataclass costs no validation and needs no
    pydantic internals. pydantic still validates and serialises it inside AllocationResult (saved
    conversations store the fractions as exact strings such as '107688/12809').
    """

    municipality: str
    cbs_code: str
    key_value: Fraction
    share: Fraction
    quota: Fraction
    allocated: int
    indicator_values: dict[str, Fraction] = field(default_factory=dict)
    existing: Fraction | None = None
    lower: int | None = None
    upper: int | None = None
    per_year: list[int] | None = None


class AllocationResult(BaseModel):
    """The answer: rows, the Dutch trace (*Hoe is dit berekend?*) and the data sources."""

    model_config = ConfigDict(defer_build=True)

    region: str
    total: int
    """In the units divided: cents when `cents`, else whole homes, places, people or euros."""
    key: dict[str, float]
    method: Method
    group: str | None = None
    focus: str | None = None
    unit: str = "woningen"
    cents: bool = False
    rows: list[AllocationRow]
    trace: list[str]
    data_sources: list[DataSource]
    years: int = 1
    year_totals: list[int] | None = None
    existing: str | None = None
    caps: dict[str, float] = {}
    floors: dict[str, float] = {}
    cap_absolute: int | None = None
    floor_absolute: int | None = None
    notes: list[str] = []

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (floats for the exact fractions); extras only when used."""
        rows: list[dict[str, Any]] = []
        for row in self.rows:
            item: dict[str, Any] = {
                "municipality": row.municipality,
                "cbs_code": row.cbs_code,
                "key_value": float(row.key_value),
                "share": float(row.share),
                "quota": float(row.quota) / (100 if self.cents else 1),
                "allocated": amount_value(row.allocated, self.cents),
            }
            if self.existing is not None and row.existing is not None:
                item["existing"] = float(row.existing)
            if row.per_year is not None:
                item["per_year"] = [amount_value(v, self.cents) for v in row.per_year]
            rows.append(item)
        data: dict[str, Any] = {
            "region": self.region,
            "total": amount_value(self.total, self.cents),
            "key": dict(self.key),
            "method": self.method,
            "group": self.group,
            "focus": self.focus,
            "rows": rows,
            "trace": list(self.trace),
            "data_sources": [source.model_dump() for source in self.data_sources],
            "unit": self.unit,
        }
        if self.years > 1:
            data["years"] = self.years
            data["year_totals"] = [amount_value(v, self.cents) for v in self.year_totals or []]
        if self.cents:
            data["cents"] = True
        return data

    def to_frame(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame with Dutch column names (imports pandas on demand)."""
        import pandas as pd

        indicators = list(self.rows[0].indicator_values) if self.rows else []
        records: list[dict[str, Any]] = []
        for row in self.rows:
            record: dict[str, Any] = {"gemeente": row.municipality, "cbs_code": row.cbs_code}
            for name in indicators:
                record[name] = float(row.indicator_values[name])
            if self.existing is not None:
                record[f"bestaand ({self.existing})"] = float(row.existing) if row.existing is not None else None
            record["sleutelwaarde"] = float(row.key_value)
            record["aandeel"] = float(row.share)
            record["quotum"] = float(row.quota) / (100 if self.cents else 1)
            record[self.allocated_label] = amount_value(row.allocated, self.cents)
            if row.per_year is not None:
                for year, amount in enumerate(row.per_year, start=1):
                    record[f"jaar {year}"] = amount_value(amount, self.cents)
            records.append(record)
        return pd.DataFrame.from_records(records)

    @property
    def allocated_label(self) -> str:
        """The column name of the allocation: 'toegewezen', or 'toegewezen (euro)' for money."""
        return "toegewezen (euro)" if self.unit == "euro" else "toegewezen"

    def amount(self, units: int) -> str:
        """An amount of this result in Dutch notation ('1.234' or '€ 1.234,56')."""
        return fmt_amount(units, self.unit, self.cents)

    def row(self, name_or_code: str) -> AllocationRow | None:
        """The row of one municipality by official name or CBS code."""
        for row in self.rows:
            if name_or_code in (row.municipality, row.cbs_code):
                return row
        return None


class MethodComparison(BaseModel):
    """The same request under the three rounding methods (`--vergelijk`)."""

    model_config = ConfigDict(defer_build=True)

    results: dict[str, AllocationResult]
    differing: list[str]
    """CBS codes of the municipalities whose allocation depends on the method."""

    @property
    def methods(self) -> list[str]:
        """The method names in the order they were computed."""
        return list(self.results)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Per municipality: name, CBS code, quota and the number under each method (for tables)."""
        base = next(iter(self.results.values()))
        rows: list[dict[str, Any]] = []
        for row in base.rows:
            item: dict[str, Any] = {
                "municipality": row.municipality, "cbs_code": row.cbs_code, "quota": float(row.quota) / (100 if base.cents else 1),
            }
            for method, result in self.results.items():
                other = result.row(row.cbs_code)
                item[method] = amount_value(other.allocated, result.cents) if other else None
            rows.append(item)
        return rows

    @property
    def differences(self) -> list[str]:
        """Names of the municipalities whose number depends on the method."""
        base = next(iter(self.results.values()))
        return [row.municipality for row in base.rows if row.cbs_code in self.differing]

    def to_json(self) -> dict[str, Any]:
        """Each method's full result plus the rows where the methods disagree."""
        differences = [item for item in self.rows if item["cbs_code"] in self.differing]
        return {
            "methods": {method: result.to_json() for method, result in self.results.items()},
            "differences": differences,
        }


class KeyComparison(BaseModel):
    """The same request under two or more keys side by side (`--sleutels inwoners,huishoudens`, "wat
    scheelt het als we naar huishoudens verdelen?"): each key's full result and the difference."""

    model_config = ConfigDict(defer_build=True)

    labels: list[str]
    """Dutch name of each key ('inwoners', '50% inwoners + 50% huishoudens'), in the order compared."""
    results: list[AllocationResult]

    @property
    def rows(self) -> list[dict[str, Any]]:
        """Per municipality: name, CBS code, the allocation under each key and last − first."""
        first = self.results[0]
        rows: list[dict[str, Any]] = []
        for row in first.rows:
            values = []
            for result in self.results:
                other = result.row(row.cbs_code)
                values.append(amount_value(other.allocated, result.cents) if other else None)
            difference = values[-1] - values[0] if values[0] is not None and values[-1] is not None else None
            rows.append({"municipality": row.municipality, "cbs_code": row.cbs_code, "allocated": dict(zip(self.labels, values, strict=True)),
                         "difference": difference})
        return rows

    def to_json(self) -> dict[str, Any]:
        """The keys, the side-by-side rows and each key's full result."""
        return {
            "keys": self.labels,
            "rows": self.rows,
            "results": [result.to_json() for result in self.results],
        }
