"""The exact maths: blended key shares, caps and floors, existing effort, water filling, rounding and years.

Everything is a fraction or an integer, ordered by CBS code before any computation, so the same
request gives the same result on every machine and for every row order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from allocation import apportion
from allocation.data import Dataset
from allocation.errors import AllocationError
from allocation.groups import Group, sorted_names
from allocation.models import AllocationRequest
from allocation.rounding import ROUNDING
from allocation.userdata import SHAPE_HINT
from koploper.numbers import fmt_amount, plural


@dataclass
class Plan:
    """Everything computed for one request, before it is written up."""

    codes: list[str]
    weights: dict[str, Fraction]
    shares: list[Fraction]
    share_nums: list[int]
    existing: list[Fraction] | None
    lower: list[int]
    upper: list[int | None]
    level: Fraction | None
    quotas: list[Fraction]
    rounding: apportion.Rounding
    year_totals: list[int] | None
    per_year: list[list[int]] | None

    def held(self, i: int) -> str | None:
        """'min' or 'max' when a bound (or existing effort above the share) fixed this quota, else None."""
        if self.level is None:
            return None
        raw = self.shares[i] * self.level - (self.existing[i] if self.existing is not None else 0)
        upper = self.upper[i]
        if upper is not None and raw > upper:
            return "max"
        if raw < self.lower[i]:
            return "min"
        return None


def column(ds: Dataset, name: str, codes: Sequence[str], role: str) -> list[Fraction]:
    """The values of one indicator for the group, or a Dutch error that says how to supply them."""
    column = ds.values.get(name)
    if column is None:
        known = ", ".join(ds.indicators)
        text = f"De indicator {name!r} ({role}) is niet bekend. Beschikbaar: {known}. "
        shape = SHAPE_HINT.replace("corporatiewoningen", name)
        raise AllocationError(
            text + f"Lever eigen cijfers aan met --data BESTAND (CSV of XLSX) met een kolom {name!r}. " + shape,
            text + f"Lever eigen cijfers aan in een bestand met een kolom {name!r}. " + shape,
        )
    missing = [c for c in codes if c not in column]
    if missing:
        info = ds.indicators[name]
        names = sorted_names(missing, ds)
        shown = ", ".join(names[:12]) + (f" en nog {len(names) - 12}" if len(names) > 12 else "")
        text = (
            f"De indicator {name!r} ({role}) ontbreekt voor {len(names)} {plural(len(names), 'gemeente', 'gemeenten')} in de groep: {shown}. "
            f"Cijfers voor {info.label} zijn er voor {info.coverage}. "
        )
        end = " of kies een andere sleutel." if role == "sleutel" else "."
        raise AllocationError(
            text + f"Vul ze aan met --data BESTAND (kolommen 'gemeente' en {name!r})" + end,
            text + f"Vul ze aan met een eigen bestand (kolommen 'gemeente' en {name!r})" + end,
        )
    return [column[c] for c in codes]


def _weights(request: AllocationRequest) -> dict[str, Fraction]:
    raw = {name: Fraction(repr(weight)) for name, weight in request.key.items()}
    total = sum(raw.values())
    return {name: weight / total for name, weight in raw.items()}


def _shares(ds: Dataset, codes: list[str], weights: dict[str, Fraction]) -> tuple[list[int], int]:
    """Blended key shares as integer numerators over one denominator: s_i = Σ w_k · x_ik / Σ_j x_jk."""
    columns: list[tuple[int, list[int], int]] = []  # (weight numerator, scaled values, scaled total)
    weight_den = math.lcm(*(w.denominator for w in weights.values()))
    for name, weight in weights.items():
        values = column(ds, name, codes, "sleutel")
        if weight == 0:
            continue
        scale = math.lcm(*(v.denominator for v in values))
        scaled = [v.numerator * (scale // v.denominator) for v in values]
        group_total = sum(scaled)
        if group_total == 0:
            raise AllocationError(f"De indicator {name!r} is 0 voor alle gemeenten in de groep; daarmee valt niets te verdelen. Kies een andere sleutel.")
        columns.append((weight.numerator * (weight_den // weight.denominator), scaled, group_total))
    common = math.lcm(*(total for _, _, total in columns))
    den = weight_den * common
    nums = [0] * len(codes)
    for weight_num, scaled, group_total in columns:
        factor = weight_num * (common // group_total)
        for i, value in enumerate(scaled):
            nums[i] += factor * value
    return nums, den


def _bounds(request: AllocationRequest, ds: Dataset, codes: list[str]) -> tuple[list[int], list[int | None]]:
    lower = [0] * len(codes)
    upper: list[int | None] = [None] * len(codes)
    scale = request.scale  # bounds are given in euros, the engine divides cents
    for name, fraction in request.caps.items():
        factor = Fraction(repr(fraction)) * scale
        for i, value in enumerate(column(ds, name, codes, "maximum")):
            cap = math.floor(factor * value)
            current = upper[i]
            upper[i] = cap if current is None else min(current, cap)
    for name, fraction in request.floors.items():
        factor = Fraction(repr(fraction)) * scale
        for i, value in enumerate(column(ds, name, codes, "minimum")):
            lower[i] = max(lower[i], math.ceil(factor * value))
    if request.cap_absolute is not None:
        cap = request.cap_absolute * scale
        upper = [cap if hi is None else min(hi, cap) for hi in upper]
    if request.floor_absolute is not None:
        lower = [max(lo, request.floor_absolute * scale) for lo in lower]
    for i, (lo, hi) in enumerate(zip(lower, upper, strict=True)):
        if hi is not None and lo > hi:
            name = ds.municipalities[codes[i]].name
            low, high = fmt_amount(lo, request.unit, request.cents), fmt_amount(hi, request.unit, request.cents)
            text = f"Voor {name} is het minimum ({low}) groter dan het maximum ({high}); "
            raise AllocationError(text + "pas --min of --max aan.", text + "verlaag het minimum of verhoog het maximum.")
    return lower, upper


def _clamp(value: Fraction, lo: int, hi: int | None) -> Fraction:
    if value < lo:
        return Fraction(lo)
    if hi is not None and value > hi:
        return Fraction(hi)
    return value


def _water_fill(
    shares: list[Fraction], existing: list[Fraction], lower: list[int], upper: list[int | None], total: int
) -> tuple[Fraction, list[Fraction]]:
    """The level L with Σ clamp(s_i·L − e_i, lo_i, hi_i) = total: as close to proportional as the bounds allow.

    Existing plus new ends at s_i·L for everyone not held by a bound; those already above their share
    stay at their minimum (0 by default) and the capped at their maximum.
    """
    n = len(shares)

    def filled(level: Fraction) -> Fraction:
        return sum((_clamp(shares[i] * level - existing[i], lower[i], upper[i]) for i in range(n)), Fraction(0))

    points: set[Fraction] = set()
    for i in range(n):
        if shares[i] > 0:
            points.add((lower[i] + existing[i]) / shares[i])
            cap = upper[i]
            if cap is not None:
                points.add((cap + existing[i]) / shares[i])
    ordered = sorted(points)
    lo_idx, hi_idx = 0, len(ordered) - 1
    if filled(ordered[0]) > total:
        raise AllocationError("interne fout: minima groter dan het totaal")  # guarded by the caller
    while lo_idx < hi_idx:  # largest breakpoint with filled(b) <= total
        mid = (lo_idx + hi_idx + 1) // 2
        if filled(ordered[mid]) <= total:
            lo_idx = mid
        else:
            hi_idx = mid - 1
    base = ordered[lo_idx]
    if filled(base) == total:
        level = base
    else:
        active = [
            i
            for i in range(n)
            if shares[i] > 0 and (lower[i] + existing[i]) / shares[i] <= base
            and ((cap := upper[i]) is None or (cap + existing[i]) / shares[i] > base)
        ]
        active_set = set(active)
        fixed = sum((_clamp(shares[i] * base - existing[i], lower[i], upper[i]) for i in range(n) if i not in active_set), Fraction(0))
        level = (total - fixed + sum(existing[i] for i in active)) / sum(shares[i] for i in active)
    quotas = [_clamp(shares[i] * level - existing[i], lower[i], upper[i]) for i in range(n)]
    if sum(quotas) != total:
        raise AllocationError("interne fout bij het herverdelen; meld dit met de gebruikte opdracht")
    return level, quotas


def _capacity(shares: list[Fraction], lower: list[int], upper: list[int | None]) -> int | None:
    """The most the group can take (None = unlimited); a municipality with key share 0 only takes its minimum."""
    most = 0
    for share, lo, hi in zip(shares, lower, upper, strict=True):
        if share == 0:
            most += lo
        elif hi is None:
            return None
        else:
            most += hi
    return most


def _check_room(shares: list[Fraction], lower: list[int], upper: list[int | None], total: int, request: AllocationRequest) -> None:
    """The minima must fit in the total and the maxima must leave room for it; else a Dutch error."""
    def fmt(units: int) -> str:
        return fmt_amount(units, request.unit, request.cents)

    minimum = sum(lower)
    if minimum > total:
        text = f"De minima vragen samen {fmt(minimum)}, meer dan het totaal van {fmt(total)}: er ontbreken {fmt(minimum - total)}; "
        raise AllocationError(text + "verlaag --min of verhoog het totaal.", text + "verlaag het minimum of verhoog het totaal.")
    maximum = _capacity(shares, lower, upper)
    if maximum is not None and maximum < total:
        text = f"De maxima laten samen maar {fmt(maximum)} toe; er ontbreken {fmt(total - maximum)} van de {fmt(total)}. "
        raise AllocationError(
            text + "Verhoog de fractie bij --max, laat een maximum weg of verlaag het totaal.",
            text + "Verhoog het maximum, laat het weg of verlaag het totaal.",
        )


def named_existing(request: AllocationRequest, ds: Dataset, codes: Sequence[str]) -> list[Fraction]:
    """Existing effort named per municipality, in the group's order (0 for the others); a name outside
    the group or unknown is an error that says so, never silently ignored."""
    from allocation.names import resolve_municipality

    by_code: dict[str, Fraction] = {}
    for name, amount in request.existing_amounts.items():
        found = resolve_municipality(name, ds)
        if found is None:
            raise AllocationError(f"De gemeente {name!r} bij de bestaande inzet ken ik niet; noem een gemeente uit de groep.")
        if found.code not in codes:
            raise AllocationError(
                f"{found.name} hoort niet bij de groep waarover verdeeld wordt; wat {found.name} al gedaan heeft "
                "telt daarom niet mee. Laat het weg of voeg de gemeente toe aan de groep."
            )
        by_code[found.code] = Fraction(amount)
    return [by_code.get(code, Fraction(0)) for code in codes]


def plan(request: AllocationRequest, ds: Dataset, group: Group, method: str) -> Plan:
    """Shares, bounds, exact quotas, the rounding under `method` and the per-year split of one request."""
    codes = group.codes
    total = request.units_total
    weights = _weights(request)
    share_nums, share_den = _shares(ds, codes, weights)
    existing = column(ds, request.existing, codes, "bestaande inzet") if request.existing else None
    if request.existing_amounts:
        named = named_existing(request, ds, codes)
        existing = [(existing[i] if existing is not None else Fraction(0)) + named[i] for i in range(len(codes))]
    if existing is not None and request.scale != 1:  # existing effort is given in euros, the engine divides cents
        existing = [value * request.scale for value in existing]
    lower, upper = _bounds(request, ds, codes)
    bounded = bool(request.caps or request.floors or request.cap_absolute is not None or request.floor_absolute is not None)
    order = [(-share_nums[i], codes[i]) for i in range(len(codes))]

    if existing is None and not bounded:
        level = None
        nums = [s * total for s in share_nums]
        den = share_den
        shares = [Fraction(s, share_den) for s in share_nums]
        quotas = [Fraction(num, den) for num in nums]
    else:
        shares = [Fraction(s, share_den) for s in share_nums]
        _check_room(shares, lower, upper, total, request)
        level, quotas = _water_fill(shares, existing or [Fraction(0)] * len(codes), lower, upper, total)
        den = math.lcm(*(q.denominator for q in quotas))
        nums = [q.numerator * (den // q.denominator) for q in quotas]

    rounding = ROUNDING[method].round(nums, den, total, order, lower if bounded else None, upper if bounded else None)

    year_totals = per_year = None
    if request.years > 1:
        year_totals, per_year = _spread_years(rounding.allocated, total, request.years, order)
    return Plan(
        codes=codes, weights=weights, shares=shares, share_nums=share_nums, existing=existing, lower=lower, upper=upper,
        level=level, quotas=quotas, rounding=rounding, year_totals=year_totals, per_year=per_year,
    )


def _spread_years(allocated: list[int], total: int, years: int, order: Sequence[object]) -> tuple[list[int], list[list[int]]]:
    """Per-year integers that add up per municipality and per year.

    Year totals differ by at most one (earlier years first). Each year's total is divided with
    Hamilton in proportion to what every municipality still has to go; a Hamilton share never exceeds
    the ceiling of its quota, so nobody gets more than it still has, no figure is negative, and the
    last year divides exactly the remainder.
    """
    year_totals = [total // years + (1 if y < total % years else 0) for y in range(years)]
    remaining = list(allocated)
    left = total
    per_year = [[0] * years for _ in allocated]
    for y, amount in enumerate(year_totals):
        if amount == 0:  # fewer units than years: the later years stay empty
            continue
        this_year = apportion.hamilton([r * amount for r in remaining], left, amount, order).allocated
        for i, value in enumerate(this_year):
            per_year[i][y] = value
            remaining[i] -= value
        left -= amount
    return year_totals, per_year


