"""The fair-share engine: key shares, existing effort, caps and floors, rounding, years and the trace.

Everything is exact (fractions and integers) and ordered by CBS code before any computation, so the
same request gives the same result on every machine and for every row order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from allocation import apportion
from allocation.data import Dataset, IndicatorInfo, load_dataset
from allocation.errors import AllocationError
from allocation.fmt import _SWAP, fmt_dec, fmt_int, fmt_pct, fmt_value, fmt_weight, fsum
from allocation.models import (
    METHOD_LABELS,
    METHODS,
    AllocationRequest,
    AllocationResult,
    AllocationRow,
    DataSource,
    Method,
    MethodComparison,
)
from allocation.names import (
    normalise,
    resolve_municipality,
    resolve_region,
    split_municipality_list,
    suggest_municipalities,
    suggest_regions,
)
from allocation.userdata import SHAPE_HINT, merge_user_data, read_user_data

TIE_RULE = (
    "bij een exacte gelijkstand gaat de eenheid naar de gemeente met de grootste sleutelwaarde, "
    "en is die ook gelijk, naar de gemeente met de laagste CBS-code"
)


@dataclass
class _Group:
    label: str
    codes: list[str]
    lines: list[str]


@dataclass
class _Plan:
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


def prepare_dataset(request: AllocationRequest, dataset: Dataset | None = None) -> Dataset:
    """The shipped data, plus the user's file when the request names one."""
    ds = dataset or load_dataset()
    if request.data_path:
        user = read_user_data(request.data_path, ds, request.data_source, request.data_reference_date)
        ds = merge_user_data(ds, user)
    return ds


def allocate(request: AllocationRequest, dataset: Dataset | None = None) -> AllocationResult:
    """Divide `request.total` over the group; raise AllocationError (Dutch) on anything wrong."""
    ds = prepare_dataset(request, dataset)
    return _allocate(request, ds, request.method)


def compare_methods(request: AllocationRequest, dataset: Dataset | None = None) -> MethodComparison:
    """The same request under Hamilton, Sainte-Laguë and D'Hondt, with the rows where they differ."""
    ds = prepare_dataset(request, dataset)
    results = {method: _allocate(request, ds, method) for method in METHODS}
    base = results["hamilton"]
    differing = [
        row.cbs_code
        for row in base.rows
        if len({result.row(row.cbs_code).allocated for result in results.values()}) > 1  # type: ignore[union-attr]
    ]
    return MethodComparison(results=results, differing=differing)


def _allocate(request: AllocationRequest, ds: Dataset, method: Method) -> AllocationResult:
    group = _resolve_group(request, ds)
    focus = _resolve_focus(request, ds, group)
    plan = _plan(request, ds, group, method)
    return _write_up(request, ds, group, focus, plan, method)


# --- the group -----------------------------------------------------------------------------------


def _resolve_group(request: AllocationRequest, ds: Dataset) -> _Group:
    if request.region and request.municipalities:
        raise AllocationError("Kies een regio (--regio) of een lijst gemeenten (--gemeenten), niet allebei.")
    if request.region:
        canonical = resolve_region(request.region, ds)
        if canonical is None:
            hint = suggest_regions(request.region, 3, ds)
            known = ", ".join(ds.regions)
            extra = f" Bedoelt u {' of '.join(hint)}?" if hint else ""
            raise AllocationError(
                f"Onbekende regio {request.region!r}.{extra} Bekende regio's: {known}. "
                "Voor een andere groep gebruikt u --gemeenten \"Delft, Rijswijk, 's-Gravenhage\"."
            )
        info = ds.regions[canonical]
        codes = sorted(ds.members[canonical])
        lines = [f"Groep: {canonical}, {len(codes)} gemeenten; samenstelling volgens {info.basis} (regio_leden.csv)."]
        if info.note:
            lines.append(f"Let op: {info.note}")
        return _Group(label=canonical, codes=codes, lines=lines)
    if request.municipalities is None:
        raise AllocationError("Geef een regio (--regio MRA) of een lijst gemeenten (--gemeenten \"Delft, Rijswijk\").")
    names: list[str] = []
    for item in request.municipalities:
        if item in ds.municipalities:  # a CBS code: no splitting or matching needed
            names.append(item)
        else:
            names.extend(split_municipality_list(item, ds))
    names = [name for name in names if name.strip()]
    if not names:
        raise AllocationError("De lijst gemeenten is leeg; geef minstens één gemeente, bijvoorbeeld --gemeenten \"Delft, Rijswijk\".")
    codes: list[str] = []
    seen: set[str] = set()
    problems: list[str] = []
    for name in names:
        municipality = ds.municipalities.get(name) or resolve_municipality(name, ds)
        if municipality is None:
            region = resolve_region(name, ds)
            hint = suggest_municipalities(name, 3, ds)
            if region is not None:
                problems.append(f"{name!r} is een regio ({region}); gebruik daarvoor --regio")
            else:
                problems.append(f"{name!r}" + (f" (bedoelt u {' of '.join(hint)}?)" if hint else " (geen gemeente die erop lijkt)"))
        elif municipality.code in seen:
            raise AllocationError(f"{municipality.name} staat twee keer in de lijst gemeenten; noem elke gemeente één keer.")
        else:
            codes.append(municipality.code)
            seen.add(municipality.code)
    if problems:
        raise AllocationError("Onbekende gemeente: " + "; ".join(problems) + ". Gebruik de officiële naam of de CBS-code.")
    codes.sort()
    label = f"Eigen groep ({len(codes)} gemeente{'n' if len(codes) != 1 else ''})"
    lines = [f"Groep: eigen selectie van {len(codes)} gemeenten: " + ", ".join(_sorted_names(codes, ds)) + "."]
    return _Group(label=label, codes=codes, lines=lines)


def _sorted_names(codes: Sequence[str], ds: Dataset) -> list[str]:
    return sorted((ds.municipalities[c].name for c in codes), key=normalise)


def _resolve_focus(request: AllocationRequest, ds: Dataset, group: _Group) -> str | None:
    if not request.focus:
        return None
    municipality = resolve_municipality(request.focus, ds)
    if municipality is None:
        hint = suggest_municipalities(request.focus, 3, ds)
        raise AllocationError(f"Onbekende gemeente bij --focus: {request.focus!r}" + (f" (bedoelt u {' of '.join(hint)}?)" if hint else "") + ".")
    if municipality.code not in group.codes:
        raise AllocationError(f"{municipality.name} hoort niet bij {group.label}; kies bij --focus een gemeente uit de groep.")
    return municipality.code


# --- indicators ------------------------------------------------------------------------------------


def _column(ds: Dataset, name: str, codes: Sequence[str], role: str) -> list[Fraction]:
    """The values of one indicator for the group, or a Dutch error that says how to supply them."""
    column = ds.values.get(name)
    if column is None:
        known = ", ".join(ds.indicators)
        raise AllocationError(
            f"De indicator {name!r} ({role}) is niet bekend. Beschikbaar: {known}. "
            f"Lever eigen cijfers aan met --data BESTAND (CSV of XLSX) met een kolom {name!r}. " + SHAPE_HINT.replace("corporatiewoningen", name)
        )
    missing = [c for c in codes if c not in column]
    if missing:
        info = ds.indicators[name]
        names = _sorted_names(missing, ds)
        shown = ", ".join(names[:12]) + (f" en nog {len(names) - 12}" if len(names) > 12 else "")
        raise AllocationError(
            f"De indicator {name!r} ({role}) ontbreekt voor {len(names)} gemeente{'n' if len(names) != 1 else ''} in de groep: {shown}. "
            f"Cijfers voor {info.label} zijn er voor {info.coverage}. Vul ze aan met --data BESTAND (kolommen 'gemeente' en {name!r})"
            + (" of kies een andere sleutel." if role == "sleutel" else ".")
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
        values = _column(ds, name, codes, "sleutel")
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
    for name, fraction in request.caps.items():
        factor = Fraction(repr(fraction))
        for i, value in enumerate(_column(ds, name, codes, "maximum")):
            cap = math.floor(factor * value)
            current = upper[i]
            upper[i] = cap if current is None else min(current, cap)
    for name, fraction in request.floors.items():
        factor = Fraction(repr(fraction))
        for i, value in enumerate(_column(ds, name, codes, "minimum")):
            lower[i] = max(lower[i], math.ceil(factor * value))
    if request.cap_absolute is not None:
        upper = [request.cap_absolute if hi is None else min(hi, request.cap_absolute) for hi in upper]
    if request.floor_absolute is not None:
        lower = [max(lo, request.floor_absolute) for lo in lower]
    for i, (lo, hi) in enumerate(zip(lower, upper, strict=True)):
        if hi is not None and lo > hi:
            name = ds.municipalities[codes[i]].name
            raise AllocationError(f"Voor {name} is het minimum ({lo}) groter dan het maximum ({hi}); pas --min of --max aan.")
    return lower, upper


# --- quotas ----------------------------------------------------------------------------------------


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
            if upper[i] is not None:
                points.add((upper[i] + existing[i]) / shares[i])  # type: ignore[operator]
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
            and (upper[i] is None or (upper[i] + existing[i]) / shares[i] > base)  # type: ignore[operator]
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


def _plan(request: AllocationRequest, ds: Dataset, group: _Group, method: Method) -> _Plan:
    codes = group.codes
    total = request.total
    weights = _weights(request)
    share_nums, share_den = _shares(ds, codes, weights)
    existing = _column(ds, request.existing, codes, "bestaande inzet") if request.existing else None
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
        minimum = sum(lower)
        if minimum > total:
            raise AllocationError(
                f"De minima vragen samen {fmt_int(minimum)}, meer dan het totaal van {fmt_int(total)}; verlaag --min of verhoog het totaal."
            )
        maximum = _capacity(shares, lower, upper)
        if maximum is not None and maximum < total:
            raise AllocationError(
                f"De maxima laten samen maar {fmt_int(maximum)} toe; er ontbreken {fmt_int(total - maximum)} van de {fmt_int(total)}. "
                "Verhoog de fractie bij --max, laat een maximum weg of verlaag het totaal."
            )
        level, quotas = _water_fill(shares, existing or [Fraction(0)] * len(codes), lower, upper, total)
        den = math.lcm(*(q.denominator for q in quotas))
        nums = [q.numerator * (den // q.denominator) for q in quotas]

    if method == "hamilton":
        rounding = apportion.hamilton(nums, den, total, order)
    else:
        rounding = apportion.divisor(nums, den, total, method, order, lower if bounded else None, upper if bounded else None)

    year_totals = per_year = None
    if request.years > 1:
        year_totals, per_year = _spread_years(rounding.allocated, total, request.years, order)
    return _Plan(
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


# --- the write-up ----------------------------------------------------------------------------------


def _fmt_exact(value: Fraction) -> str:
    """Exact when that fits in a few decimals, else a rounded decimal marked with '≈'."""
    den = value.denominator
    if den == 1:
        return fmt_int(value.numerator)
    if 10_000 % den == 0:
        for digits in (1, 2, 3, 4):
            if (10**digits) % den == 0:
                return fmt_dec(value, digits)
    return "≈" + fmt_dec(value, 4)


def _pct_texts(values: list[float], digits: int) -> list[str]:
    """Many Dutch percentages at once (one translate call instead of one per number)."""
    joined = "\n".join([f"{v * 100:,.{digits}f} %" for v in values])
    return joined.translate(_SWAP).split("\n")


def _equals(value: Fraction) -> str:
    """' = 3' for an exactly shown value, ' ≈ 2,8504' for a rounded one."""
    text = _fmt_exact(value)
    return " ≈ " + text[1:] if text[0] == "≈" else " = " + text


def _show(value: Fraction, info: IndicatorInfo) -> str:
    """A derived (inexact) figure is shown rounded with '≈'; exact figures as they are."""
    return fmt_value(value) if info.derived else _fmt_exact(value)


def _source_line(info: IndicatorInfo) -> str:
    date = info.reference_date_label
    if info.user_supplied and date == "eigen gegevens":
        date = "niet opgegeven (eigen gegevens; geef hem met --data-peildatum)"
    text = f"Bron {info.name}: {info.source}; peildatum {date}."
    if info.derived:
        text += f" {info.notes}"
    if info.caveat:
        text += f" Let op: {info.caveat}"
    elif info.user_supplied:
        text += " Aangeleverd door de gebruiker."
    return text


def _write_up(request: AllocationRequest, ds: Dataset, group: _Group, focus: str | None, plan: _Plan, method: Method) -> AllocationResult:
    codes = plan.codes
    total = request.total
    n = len(codes)
    names = [ds.municipalities[c].name for c in codes]
    used = [k for k, w in plan.weights.items() if w > 0]
    trace: list[str] = list(group.lines)
    what = f" ({request.group})" if request.group else ""
    trace.append(f"Te verdelen: {fmt_int(total)}{what} over {n} gemeenten.")

    key_text = " + ".join(f"{fmt_weight(w)} × {k}" for k, w in plan.weights.items())
    trace.append(
        f"Verdeelsleutel: {key_text} (gewichten genormaliseerd naar een som van 1). Het aandeel van een gemeente is "
        "Σ gewicht × (waarde van de gemeente ÷ totaal van de groep), zodat eenheden er niet toe doen."
    )
    for name, weight in plan.weights.items():
        if weight == 0:
            trace.append(f"{name} heeft gewicht 0 en telt niet mee.")
    group_totals: dict[str, Fraction] = {}
    columns: dict[str, list[Fraction]] = {}
    for name in used:
        columns[name] = [ds.values[name][c] for c in codes]
        group_totals[name] = fsum(columns[name])
        info = ds.indicators[name]
        title = name if info.label == name else f"{name} ({info.label})"
        trace.append(f"{title}: groepstotaal {_show(group_totals[name], info)}; peildatum {info.reference_date_label}.")

    if plan.existing is not None:
        existing_total = fsum(plan.existing)
        trace.append(
            f"Bestaande inzet (kolom {request.existing}): samen {_fmt_exact(existing_total)}. Het nieuwe totaal is zo verdeeld dat "
            f"bestaand + nieuw per gemeente zo dicht mogelijk bij aandeel × ({_fmt_exact(existing_total)} + {fmt_int(total)}) ligt, "
            "zonder negatieve toewijzing."
        )
    caps = [f"{fmt_weight(Fraction(repr(f)))} × {k}" for k, f in request.caps.items()]
    caps += [fmt_int(request.cap_absolute)] if request.cap_absolute is not None else []
    if caps:
        trace.append(f"Maximum per gemeente: {' en '.join(caps)} (het laagste telt; naar beneden afgerond op hele aantallen).")
    floors = [f"{fmt_weight(Fraction(repr(f)))} × {k}" for k, f in request.floors.items()]
    floors += [fmt_int(request.floor_absolute)] if request.floor_absolute is not None else []
    if floors:
        trace.append(f"Minimum per gemeente: {' en '.join(floors)} (het hoogste telt; naar boven afgerond op hele aantallen).")
    if plan.level is not None:
        trace.append(
            f"Herverdeling: elke gemeente die niet aan een grens vastzit komt uit op aandeel × {_fmt_exact(plan.level)}"
            + (" (bestaand + nieuw)" if plan.existing is not None else "")
            + f"; dat niveau is zo gekozen dat de quota samen precies {fmt_int(total)} zijn."
        )
        held_low = [i for i in range(n) if _held(plan, i) == "min"]
        held_high = [i for i in range(n) if _held(plan, i) == "max"]
        if held_low:
            ordered_low = sorted(held_low, key=lambda i: normalise(names[i]))
            if plan.existing is not None and all(plan.lower[i] == 0 for i in held_low):
                trace.append(
                    "Al boven hun aandeel (krijgen 0; het nieuwe gaat naar de anderen): "
                    + ", ".join(
                        f"{names[i]} (bestaand {_fmt_exact(plan.existing[i])}, aandeel × niveau {fmt_dec(plan.shares[i] * plan.level, 2)})"
                        for i in ordered_low
                    ) + "."
                )
            elif plan.existing is not None:
                trace.append(
                    "Al boven hun aandeel of op hun minimum (krijgen alleen hun minimum, het overige gaat naar de anderen): "
                    + ", ".join(f"{names[i]} ({fmt_int(plan.lower[i])})" for i in ordered_low) + "."
                )
            else:
                trace.append("Op hun minimum gezet: " + ", ".join(f"{names[i]} ({fmt_int(plan.lower[i])})" for i in sorted(held_low, key=lambda i: normalise(names[i]))) + "; het tekort is bij de anderen weggehaald naar rato van hun aandeel.")
        if held_high:
            trace.append(
                "Op hun maximum gezet: " + ", ".join(f"{names[i]} ({fmt_int(plan.upper[i])})" for i in sorted(held_high, key=lambda i: normalise(names[i]))) + "; "  # type: ignore[arg-type]
                "het overschot is herverdeeld over de anderen naar rato van hun aandeel."
            )

    float_totals = {name: float(value) for name, value in group_totals.items()}
    text_totals = {name: _fmt_exact(value) for name, value in group_totals.items()}
    trace.append("Per gemeente (sleutelwaarden, aandeel en exact quotum):")
    by_name = sorted(range(n), key=lambda i: normalise(names[i]))
    value_texts: dict[str, list[str]] = {}
    exact_texts: dict[str, list[str]] = {}
    for name in used:
        info = ds.indicators[name]
        margins = ds.uncertainty.get(name, {})
        group_total = float_totals[name]
        exact = [_fmt_exact(value) for value in columns[name]]
        shown = [_show(value, info) for value in columns[name]] if info.derived else exact
        pcts = _pct_texts([value.numerator / value.denominator / group_total for value in columns[name]], 3)
        if margins:
            shown = [f"{text} ±{fmt_int(math.ceil(margins[code]))}" if code in margins else text for text, code in zip(shown, codes, strict=True)]
        value_texts[name] = [f"{name} {text} ({pct} van de groep)" for text, pct in zip(shown, pcts, strict=True)]
        exact_texts[name] = exact
    weight_texts = {name: fmt_weight(plan.weights[name]) for name in used}
    total_text = fmt_int(total)
    allocated = plan.rounding.allocated
    # texts built column by column (this loop is most of the time of a 342-municipality allocation)
    share_texts = _pct_texts([s.numerator / s.denominator for s in plan.shares], 4)
    quota_texts = [_equals(q) for q in plan.quotas]
    allocated_texts = [f"{a:,}".replace(",", ".") for a in allocated]
    if plan.level is None:
        if len(used) == 1:
            only = used[0]
            head = f"{total_text} × "
            tail = f"/{text_totals[only]}"
            formulas = [head + text + tail for text in exact_texts[only]]
        else:
            formulas = [
                f"{total_text} × (" + " + ".join(f"{weight_texts[k]} × {exact_texts[k][i]}/{text_totals[k]}" for k in used) + ")"
                for i in range(n)
            ]
    values_joined = value_texts[used[0]] if len(used) == 1 else [", ".join(value_texts[k][i] for k in used) for i in range(n)]
    for i in by_name:
        line = f"- {names[i]} ({codes[i]}): {values_joined[i]}; aandeel {share_texts[i]}"
        if plan.level is None:
            line += f"; quotum = {formulas[i]}{quota_texts[i]}"
        else:
            held_at = _held(plan, i)
            if held_at == "max":
                line += f"; quotum {_fmt_exact(plan.quotas[i])} (vastgezet op het maximum)"
            elif held_at == "min":
                why = "al boven het aandeel" if plan.existing is not None and plan.lower[i] == 0 else "vastgezet op het minimum"
                line += f"; quotum {_fmt_exact(plan.quotas[i])} ({why})"
            else:
                extra = f" − bestaand {_fmt_exact(plan.existing[i])}" if plan.existing is not None else ""
                line += f"; quotum = aandeel × {_fmt_exact(plan.level).lstrip('≈')}{extra}{quota_texts[i]}"
        trace.append(f"{line} → {allocated_texts[i]}.")

    trace.extend(_rounding_lines(method, plan, names))
    if plan.year_totals is not None:
        trace.append(
            f"Spreiding over {len(plan.year_totals)} jaren: per jaar {', '.join(fmt_int(t) for t in plan.year_totals)} "
            "(het restant gaat naar de eerste jaren). Elk jaar is het jaartotaal met Hamilton verdeeld naar verhouding van wat "
            "elke gemeente nog te gaan heeft, zodat de jaren per gemeente en per jaar precies optellen en geen jaar negatief is."
        )
    if focus is not None:
        i = codes.index(focus)
        diff = plan.rounding.allocated[i] - plan.quotas[i]
        trace.insert(
            len(group.lines) + 1,
            f"Focus op {names[i]}: aandeel {fmt_pct(plan.shares[i], 4)}, exact quotum {_fmt_exact(plan.quotas[i])}, "
            f"toegewezen {fmt_int(plan.rounding.allocated[i])} ({'+' if diff >= 0 else '−'}{fmt_dec(abs(diff), 4)} door afronding).",
        )

    indicators_used = list(dict.fromkeys([*used, *([request.existing] if request.existing else []), *request.caps, *request.floors]))
    data_sources = []
    for name in indicators_used:
        info = ds.indicators[name]
        trace.append(_source_line(info))
        data_sources.append(DataSource(indicator=name, reference_date=info.reference_date, source=info.source))

    rows = []
    for i in by_name:
        rows.append(
            AllocationRow.fast(
                municipality=names[i],
                cbs_code=codes[i],
                key_value=plan.shares[i],
                share=plan.shares[i] if plan.level is None else plan.quotas[i] / total,
                quota=plan.quotas[i],
                allocated=plan.rounding.allocated[i],
                indicator_values={name: columns[name][i] for name in used},
                existing=plan.existing[i] if plan.existing is not None else None,
                lower=plan.lower[i] if floors else None,
                upper=plan.upper[i] if caps else None,
                per_year=plan.per_year[i] if plan.per_year is not None else None,
            )
        )
    return AllocationResult.model_construct(
        region=group.label,
        total=total,
        key={k: float(w) for k, w in plan.weights.items()},
        method=method,
        group=request.group,
        focus=ds.municipalities[focus].name if focus else None,
        rows=rows,
        trace=trace,
        data_sources=data_sources,
        years=request.years,
        year_totals=plan.year_totals,
        existing=request.existing,
        caps=dict(request.caps),
        floors=dict(request.floors),
        cap_absolute=request.cap_absolute,
        floor_absolute=request.floor_absolute,
        notes=[],
    )


def _held(plan: _Plan, i: int) -> str | None:
    """'min' or 'max' when a bound (or existing effort above the share) fixed this quota, else None."""
    if plan.level is None:
        return None
    raw = plan.shares[i] * plan.level - (plan.existing[i] if plan.existing is not None else 0)
    upper = plan.upper[i]
    if upper is not None and raw > upper:
        return "max"
    if raw < plan.lower[i]:
        return "min"
    return None


def _rounding_lines(method: Method, plan: _Plan, names: list[str]) -> list[str]:
    rounding = plan.rounding
    lines: list[str] = []
    base_sum = sum(rounding.base)
    label = METHOD_LABELS[method]
    if method == "hamilton":
        lines.append(
            f"Afronden met {label}: eerst krijgt elke gemeente het gehele deel van haar quotum, samen {fmt_int(base_sum)}."
        )
        if rounding.added:
            shown = [
                f"{names[i]} (rest {fmt_dec(plan.quotas[i] - rounding.base[i], 4)})" for i in rounding.added[:40]
            ]
            more = f" en nog {len(rounding.added) - 40}" if len(rounding.added) > 40 else ""
            lines.append(f"De overige {fmt_int(len(rounding.added))} gaan één voor één naar de grootste resten: " + ", ".join(shown) + more + ".")
    else:
        how = "naar beneden afgerond" if method == "dhondt" else "gewoon afgerond (vanaf een half naar boven)"
        lines.append(
            f"Afronden met {label}: elke gemeente krijgt haar quotum gedeeld door één gemeenschappelijke deler, {how}; "
            f"de deler is zo gekozen dat het totaal klopt. Bij deler 1 is dat samen {fmt_int(base_sum)}."
        )
        if rounding.added:
            lines.append("Daarna kreeg er één bij, in volgorde van de hoogste deling: " + ", ".join(names[i] for i in rounding.added[:40]) + ("…" if len(rounding.added) > 40 else "") + ".")
        if rounding.removed:
            lines.append("Daarna ging er één af, in volgorde van de laagste deling: " + ", ".join(names[i] for i in rounding.removed[:40]) + ("…" if len(rounding.removed) > 40 else "") + ".")
    if rounding.tie_winners and rounding.tie_losers:
        lines.append(
            "Gelijkstand tussen " + ", ".join(names[i] for i in [*rounding.tie_winners, *rounding.tie_losers])
            + f": volgens de vaste regel ({TIE_RULE}) ging de eenheid naar " + ", ".join(names[i] for i in rounding.tie_winners) + "."
        )
    else:
        lines.append(f"Er was geen gelijkstand; de vaste regel voor gelijkstand ({TIE_RULE}) was niet nodig.")
    return lines
