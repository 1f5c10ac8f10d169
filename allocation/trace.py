"""The Dutch trace (*Hoe is dit berekend?*) and the result rows, written from a finished plan.

Every number in the trace is the exact value or marked '≈'; every figure names its source and
reference date. The per-municipality lines are built column by column: for 342 municipalities this
is most of the time of an allocation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from allocation.data import Dataset, IndicatorInfo
from allocation.fmt import fsum
from allocation.groups import Group
from allocation.models import AllocationRequest, AllocationResult, AllocationRow, DataSource
from allocation.names import normalise
from allocation.quota import Plan
from allocation.rounding import rounding_lines
from koploper.methods import Method
from koploper.numbers import fmt_amount, fmt_dec, fmt_exact, fmt_int, fmt_pct, fmt_pcts, fmt_value, fmt_weight


@dataclass
class _Context:
    """What every part of the write-up needs: the request, data, group, plan and the names in order."""

    request: AllocationRequest
    ds: Dataset
    group: Group
    plan: Plan
    names: list[str]
    used: list[str]
    columns: dict[str, list[Fraction]]
    group_totals: dict[str, Fraction]


def _amt(request: AllocationRequest, units: int) -> str:
    """An amount in the request's unit: '1.234' for counts, '€ 1.234' for money (units are cents with --op-centen)."""
    return fmt_amount(units, request.unit, request.cents)


def _euro_sign(request: AllocationRequest) -> str:
    return "€ " if request.unit == "euro" else ""


def _equals(value: Fraction) -> str:
    """' = 3' for an exactly shown value, ' ≈ 2,8504' for a rounded one."""
    text = fmt_exact(value)
    return " ≈ " + text[1:] if text[0] == "≈" else " = " + text


def _show(value: Fraction, info: IndicatorInfo) -> str:
    """A derived (inexact) figure is shown rounded with '≈'; exact figures as they are."""
    return fmt_value(value) if info.derived else fmt_exact(value)


def _source_line(info: IndicatorInfo) -> str:
    date = info.reference_date_label
    if info.user_supplied and date == "eigen gegevens":
        date = "niet opgegeven (eigen gegevens)"
    text = f"Bron {info.name}: {info.source}; peildatum {date}."
    if info.derived:
        text += f" {info.notes}"
    if info.caveat:
        text += f" Let op: {info.caveat}"
    elif info.user_supplied:
        text += " Aangeleverd door de gebruiker."
    return text


def _by_name(ctx: _Context, indices: list[int] | range) -> list[int]:
    return sorted(indices, key=lambda i: normalise(ctx.names[i]))


def _key_lines(ctx: _Context) -> list[str]:
    """What is divided over whom, the key and each key indicator's group total."""
    request, plan = ctx.request, ctx.plan
    what = f" ({request.group})" if request.group else ""
    lines = [f"Te verdelen: {_amt(request, request.units_total)}{what} over {len(plan.codes)} gemeenten."]
    if request.cents:
        lines.append("Er is op de cent gerekend: quota en afronding hieronder zijn in centen; elke cent is toegewezen.")
    key_text = " + ".join(f"{fmt_weight(w)} × {k}" for k, w in plan.weights.items())
    lines.append(
        f"Verdeelsleutel: {key_text} (gewichten genormaliseerd naar een som van 1). Het aandeel van een gemeente is "
        "Σ gewicht × (waarde van de gemeente ÷ totaal van de groep), zodat eenheden er niet toe doen."
    )
    lines += [f"{name} heeft gewicht 0 en telt niet mee." for name, weight in plan.weights.items() if weight == 0]
    for name in ctx.used:
        info = ctx.ds.indicators[name]
        title = name if info.label == name else f"{name} ({info.label})"
        lines.append(f"{title}: groepstotaal {_show(ctx.group_totals[name], info)}; peildatum {info.reference_date_label}.")
    return lines


def _existing_label(request: AllocationRequest) -> str:
    """Where the existing effort comes from: a column, the municipalities named in the question, or both."""
    named = ", ".join(f"{name} {fmt_exact(Fraction(amount))}" for name, amount in request.existing_amounts.items())
    parts = ([f"kolom {request.existing}"] if request.existing else []) + ([f"genoemd: {named}"] if named else [])
    return "; ".join(parts)


def _bound_lines(ctx: _Context) -> list[str]:
    """Existing effort, caps and floors as the request gave them."""
    request, plan = ctx.request, ctx.plan
    lines: list[str] = []
    if plan.existing is not None:
        existing_total = fsum(plan.existing)
        lines.append(
            f"Bestaande inzet ({_existing_label(request)}): samen {_euro_sign(request)}{fmt_exact(existing_total / request.scale)}. "
            "Het nieuwe totaal is zo verdeeld dat "
            f"bestaand + nieuw per gemeente zo dicht mogelijk bij aandeel × ({fmt_exact(existing_total)} + {fmt_int(request.units_total)}) ligt, "
            "zonder negatieve toewijzing."
        )
    caps, floors = _cap_texts(request), _floor_texts(request)
    if caps:
        lines.append(f"Maximum per gemeente: {' en '.join(caps)} (het laagste telt; naar beneden afgerond op hele aantallen).")
    if floors:
        lines.append(f"Minimum per gemeente: {' en '.join(floors)} (het hoogste telt; naar boven afgerond op hele aantallen).")
    return lines


def _cap_texts(request: AllocationRequest) -> list[str]:
    caps = [f"{fmt_weight(Fraction(repr(f)))} × {k}" for k, f in request.caps.items()]
    return caps + ([_amt(request, request.cap_absolute * request.scale)] if request.cap_absolute is not None else [])


def _floor_texts(request: AllocationRequest) -> list[str]:
    floors = [f"{fmt_weight(Fraction(repr(f)))} × {k}" for k, f in request.floors.items()]
    return floors + ([_amt(request, request.floor_absolute * request.scale)] if request.floor_absolute is not None else [])


def _level_lines(ctx: _Context) -> list[str]:
    """The redistribution level and who is held at a bound (only when bounds or existing effort apply)."""
    plan, names = ctx.plan, ctx.names
    if plan.level is None:
        return []
    level = plan.level
    lines = [
        f"Herverdeling: elke gemeente die niet aan een grens vastzit komt uit op aandeel × {fmt_exact(level)}"
        + (" (bestaand + nieuw)" if plan.existing is not None else "")
        + f"; dat niveau is zo gekozen dat de quota samen precies {_amt(ctx.request, ctx.request.units_total)} zijn."
    ]
    n = len(plan.codes)
    held_low = _by_name(ctx, [i for i in range(n) if plan.held(i) == "min"])
    held_high = _by_name(ctx, [i for i in range(n) if plan.held(i) == "max"])
    if held_low:
        if plan.existing is not None and all(plan.lower[i] == 0 for i in held_low):
            existing = plan.existing
            lines.append(
                "Al boven hun aandeel (krijgen 0; het nieuwe gaat naar de anderen): "
                + ", ".join(
                    f"{names[i]} (bestaand {fmt_exact(existing[i])}, aandeel × niveau {fmt_dec(plan.shares[i] * level, 2)})"
                    for i in held_low
                ) + "."
            )
        elif plan.existing is not None:
            lines.append(
                "Al boven hun aandeel of op hun minimum (krijgen alleen hun minimum, het overige gaat naar de anderen): "
                + ", ".join(f"{names[i]} ({_amt(ctx.request, plan.lower[i])})" for i in held_low) + "."
            )
        else:
            lines.append("Op hun minimum gezet: " + ", ".join(f"{names[i]} ({_amt(ctx.request, plan.lower[i])})" for i in held_low) + "; het tekort is bij de anderen weggehaald naar rato van hun aandeel.")
    if held_high:
        lines.append(
            "Op hun maximum gezet: " + ", ".join(f"{names[i]} ({_amt(ctx.request, plan.upper[i] or 0)})" for i in held_high) + "; "
            "het overschot is herverdeeld over de anderen naar rato van hun aandeel."
        )
    return lines


def _value_texts(ctx: _Context) -> list[str]:
    """Per municipality: each key indicator's value (± margin when derived) and its share of the group."""
    texts: dict[str, list[str]] = {}
    codes = ctx.plan.codes
    for name in ctx.used:
        info = ctx.ds.indicators[name]
        margins = ctx.ds.uncertainty.get(name, {})
        group_total = float(ctx.group_totals[name])
        shown = [_show(value, info) for value in ctx.columns[name]]
        pcts = fmt_pcts([value.numerator / value.denominator / group_total for value in ctx.columns[name]], 3)
        if margins:
            shown = [f"{text} ±{fmt_int(math.ceil(margins[code]))}" if code in margins else text for text, code in zip(shown, codes, strict=True)]
        texts[name] = [f"{name} {text} ({pct} van de groep)" for text, pct in zip(shown, pcts, strict=True)]
    if len(ctx.used) == 1:
        return texts[ctx.used[0]]
    return [", ".join(texts[k][i] for k in ctx.used) for i in range(len(codes))]


def _formulas(ctx: _Context) -> list[str]:
    """'total × value/group total' per municipality (proportional case, without bounds)."""
    total_text = fmt_int(ctx.request.units_total)
    exact = {name: [fmt_exact(value) for value in ctx.columns[name]] for name in ctx.used}
    totals = {name: fmt_exact(value) for name, value in ctx.group_totals.items()}
    if len(ctx.used) == 1:
        only = ctx.used[0]
        head, tail = f"{total_text} × ", f"/{totals[only]}"
        return [head + text + tail for text in exact[only]]
    weights = {name: fmt_weight(ctx.plan.weights[name]) for name in ctx.used}
    return [
        f"{total_text} × (" + " + ".join(f"{weights[k]} × {exact[k][i]}/{totals[k]}" for k in ctx.used) + ")"
        for i in range(len(ctx.plan.codes))
    ]


def _held_quota(ctx: _Context, i: int, held_at: str) -> str:
    plan = ctx.plan
    if held_at == "max":
        return f"; quotum {fmt_exact(plan.quotas[i])} (vastgezet op het maximum)"
    why = "al boven het aandeel" if plan.existing is not None and plan.lower[i] == 0 else "vastgezet op het minimum"
    return f"; quotum {fmt_exact(plan.quotas[i])} ({why})"


def _row_lines(ctx: _Context) -> list[str]:
    """One trace line per municipality: key values, share, exact quotum and what it got."""
    plan = ctx.plan
    codes, names = plan.codes, ctx.names
    share_texts = fmt_pcts([s.numerator / s.denominator for s in plan.shares], 4)
    quota_texts = [_equals(q) for q in plan.quotas]
    allocated_texts = [_amt(ctx.request, a) for a in plan.rounding.allocated]
    values = _value_texts(ctx)
    formulas = _formulas(ctx) if plan.level is None else []
    level_text = fmt_exact(plan.level).lstrip("≈") if plan.level is not None else ""
    lines = ["Per gemeente (sleutelwaarden, aandeel en exact quotum):"]
    for i in _by_name(ctx, range(len(codes))):
        line = f"- {names[i]} ({codes[i]}): {values[i]}; aandeel {share_texts[i]}"
        held_at = plan.held(i)
        if plan.level is None:
            line += f"; quotum = {formulas[i]}{quota_texts[i]}"
        elif held_at is not None:
            line += _held_quota(ctx, i, held_at)
        else:
            extra = f" − bestaand {fmt_exact(plan.existing[i])}" if plan.existing is not None else ""
            line += f"; quotum = aandeel × {level_text}{extra}{quota_texts[i]}"
        lines.append(f"{line} → {allocated_texts[i]}.")
    return lines


def _focus_line(ctx: _Context, focus: str) -> str:
    plan = ctx.plan
    i = plan.codes.index(focus)
    diff = plan.rounding.allocated[i] - plan.quotas[i]
    return (
        f"Focus op {ctx.names[i]}: aandeel {fmt_pct(plan.shares[i], 4)}, exact quotum {fmt_exact(plan.quotas[i])}, "
        f"toegewezen {_amt(ctx.request, plan.rounding.allocated[i])} ({'+' if diff >= 0 else '−'}{fmt_dec(abs(diff), 4)} door afronding)."
    )


def _year_line(plan: Plan, request: AllocationRequest) -> str:
    assert plan.year_totals is not None
    return (
        f"Spreiding over {len(plan.year_totals)} jaren: per jaar {', '.join(_amt(request, t) for t in plan.year_totals)} "
        "(het restant gaat naar de eerste jaren). Elk jaar is het jaartotaal met Hamilton verdeeld naar verhouding van wat "
        "elke gemeente nog te gaan heeft, zodat de jaren per gemeente en per jaar precies optellen en geen jaar negatief is."
    )


def _rows(ctx: _Context) -> list[AllocationRow]:
    plan, request = ctx.plan, ctx.request
    has_caps = bool(_cap_texts(request))
    has_floors = bool(_floor_texts(request))
    rows = []
    for i in _by_name(ctx, range(len(plan.codes))):
        rows.append(
            AllocationRow(
                municipality=ctx.names[i],
                cbs_code=plan.codes[i],
                key_value=plan.shares[i],
                share=plan.shares[i] if plan.level is None else plan.quotas[i] / request.units_total,
                quota=plan.quotas[i],
                allocated=plan.rounding.allocated[i],
                indicator_values={name: ctx.columns[name][i] for name in ctx.used},
                existing=plan.existing[i] / request.scale if plan.existing is not None else None,
                lower=plan.lower[i] if has_floors else None,
                upper=plan.upper[i] if has_caps else None,
                per_year=plan.per_year[i] if plan.per_year is not None else None,
            )
        )
    return rows


def write_up(request: AllocationRequest, ds: Dataset, group: Group, focus: str | None, plan: Plan, method: Method) -> AllocationResult:
    """The result: rows in alphabetical order, the full trace and the sources of every figure used."""
    used = [k for k, w in plan.weights.items() if w > 0]
    columns = {name: [ds.values[name][c] for c in plan.codes] for name in used}
    ctx = _Context(
        request=request, ds=ds, group=group, plan=plan,
        names=[ds.municipalities[c].name for c in plan.codes], used=used, columns=columns,
        group_totals={name: fsum(columns[name]) for name in used},
    )
    trace = [*group.lines, *_key_lines(ctx), *_bound_lines(ctx), *_level_lines(ctx), *_row_lines(ctx)]
    trace += rounding_lines(method, plan.rounding, plan.quotas, ctx.names)
    if plan.year_totals is not None:
        trace.append(_year_line(plan, request))
    if focus is not None:
        trace.insert(len(group.lines) + 1, _focus_line(ctx, focus))
    indicators_used = list(dict.fromkeys([*used, *([request.existing] if request.existing else []), *request.caps, *request.floors]))
    trace += [_source_line(ds.indicators[name]) for name in indicators_used]
    data_sources = [
        DataSource(indicator=name, reference_date=ds.indicators[name].reference_date, source=ds.indicators[name].source)
        for name in indicators_used
    ]
    return AllocationResult.model_construct(
        region=group.label,
        total=request.units_total,
        unit=request.unit,
        cents=request.cents,
        key={k: float(w) for k, w in plan.weights.items()},
        method=method,
        group=request.group,
        focus=ds.municipalities[focus].name if focus else None,
        rows=_rows(ctx),
        trace=trace,
        data_sources=data_sources,
        years=request.years,
        year_totals=plan.year_totals,
        existing=request.existing or ("genoemd" if request.existing_amounts else None),
        caps=dict(request.caps),
        floors=dict(request.floors),
        cap_absolute=request.cap_absolute,
        floor_absolute=request.floor_absolute,
        notes=[],
    )
