"""Allocation replies: how the request was read, a short summary (focus first), the table and the trace."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.engines import KeyComparison, key_comparison_rows, read_indicators
from assistant.models import ParsedRequest
from koploper.methods import METHOD_LABELS, method_label
from koploper.numbers import counted, fmt_dec, fmt_int, format_euro
from koploper.regions import in_sentence


def indicator_phrase(name: str) -> str:
    """How a sentence names an indicator: its `phrase` in indicators.json, else its (user column) name."""
    info = read_indicators().get(name)
    return info.phrase if info is not None and info.phrase else name


def pct(weight: float) -> str:
    """0.5 -> '50%', 1/3 -> '33,3%'."""
    value = weight * 100
    return f"{value:.0f}%" if abs(value - round(value)) < 1e-6 else f"{value:.1f}%".replace(".", ",")


def describe_key(key: dict[str, float]) -> str:
    """{'inwoners': 0.5, 'woningen': 0.5} -> 'voor 50% naar inwoners en voor 50% naar woningvoorraad'."""
    positive = {k: v for k, v in key.items() if v > 0}
    if len(positive) == 1:
        return "naar " + indicator_phrase(next(iter(positive)))
    total = sum(positive.values()) or 1.0
    parts = [f"voor {pct(v / total)} naar {indicator_phrase(k)}" for k, v in positive.items()]
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def _names(names: list[str]) -> str:
    """['A', 'B', 'C'] -> 'A, B en C'; long lists are shortened."""
    if len(names) > 8:
        return ", ".join(names[:6]) + f" en nog {len(names) - 6} gemeenten"
    return ", ".join(names[:-1]) + " en " + names[-1] if len(names) > 1 else names[0]


def amount(request: ParsedRequest, value: Decimal | float | int) -> str:
    """A total or allocation in the request's unit: '€ 2.500.000', '€ 1.234,56' or '1.200'."""
    if request.unit_kind == "euro":
        return format_euro(value, cents=request.cents)
    return fmt_int(int(value))


def counted_amount(request: ParsedRequest, value: Decimal | float | int) -> str:
    """'€ 2.500.000' for money, '300 woningen' for counts (money never gets a unit word)."""
    if request.unit_kind == "euro":
        return amount(request, value)
    return f"{fmt_int(int(value))} {request.unit}"


def _share(fraction: float) -> str:
    """0.25 -> '25%', 0.0002 -> '0,02%', 1/3 -> '33,33%' (a bound as the user wrote it, to two decimals)."""
    text = f"{fraction * 100:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def _bound(word: str, request: ParsedRequest, absolute: int | None, share: float | None,
           columns: dict[str, float], effective: int | None) -> str:
    """', maximaal 50 per gemeente', ', maximaal 20% van het totaal per gemeente (24)', ', maximaal 1% van de inwoners per gemeente'."""
    text = ""
    if share is not None:
        text += f", {word} {_share(share)} van het totaal per gemeente"
        if effective is not None:
            text += f" ({counted_amount(request, effective)})"
    elif absolute is not None:
        text += f", {word} {_per(request, absolute)} per gemeente"
    for name, fraction in columns.items():
        text += f", {word} {_share(fraction)} van de {indicator_phrase(name)} per gemeente"
    return text


def limits_phrase(request: ParsedRequest) -> str:
    """', maximaal 50 per gemeente, minimaal 2 per gemeente' (empty without limits)."""
    return _limits(request)


def _limits(request: ParsedRequest) -> str:
    return _bound(
        "maximaal", request, request.cap_absolute, request.cap_share, request.caps, request.max_per_municipality()
    ) + _bound(
        "minimaal", request, request.floor_absolute, request.floor_share, request.floors, request.min_per_municipality()
    )


def _per(request: ParsedRequest, value: int) -> str:
    return format_euro(value) if request.unit_kind == "euro" else fmt_int(value)


def describe_request(request: ParsedRequest) -> str:
    """'verdeel 300 woningen over Stadsregio Parkstad Limburg naar inwoners (Hamilton), aandeel van Kerkrade voorop'."""
    if request.total is not None:
        total = counted_amount(request, request.total)
    elif request.unit_kind == "euro":
        total = "€ ? (bedrag nog onbekend)"
    else:
        total = f"? (aantal nog onbekend) {request.unit}"
    if request.region:
        where = in_sentence(request.region)
    elif request.municipalities:
        where = _names(request.municipalities)
    else:
        where = "? (regio nog onbekend)"
    if request.compare_keys:
        keys = " en ".join(describe_key(key) for key in request.compare_keys)
        text = f"vergelijk de verdeling van {total} over {where} {keys}"
    else:
        text = f"verdeel {total} over {where} {describe_key(request.key)}"
    if _names_group(request, total):
        text += f", voor {request.group}"
    if request.existing:
        text += ", rekening houdend met wat gemeenten al doen"
    if request.existing_amounts:
        named = _names([f"{name} {_per(request, int(value))}" for name, value in request.existing_amounts.items()])
        text += f", rekening houdend met wat al gedaan is ({named})"
    text += _limits(request)
    if request.years > 1:
        text += f", gespreid over {request.years} jaar"
    text += f", afgerond met {method_label(request.method)}"
    if request.focus:
        text += f"; met het aandeel van {request.focus} voorop"
    if request.noted:
        text += "; " + _names(request.noted)
    return text


def _table(result: dict[str, Any], request: ParsedRequest) -> str:
    rows = result["rows"]
    has_existing = any("existing" in r for r in rows)
    head = "| Gemeente | Sleutelwaarde | Aandeel | Quotum |" + (" Bestaand |" if has_existing else "") + " Toegewezen |"
    sep = "|---|---:|---:|---:|" + ("---:|" if has_existing else "") + "---:|"
    lines = [head, sep]
    focus_code = result.get("focus")
    digits = 0 if max((r["key_value"] for r in rows), default=0) >= 100 else 4
    for r in rows:
        name = r["municipality"]
        if focus_code and focus_code in (r["cbs_code"], name):
            name = f"**{name}**"
        cells = [name, fmt_dec(r["key_value"], digits), fmt_dec(r["share"] * 100, 2) + " %", fmt_dec(r["quota"], 2)]
        if has_existing:
            cells.append(fmt_dec(r.get("existing") or 0, 0))
        cells.append(amount(request, r["allocated"]))
        lines.append("| " + " | ".join(cells) + " |")
    total_row = ["**Totaal**", fmt_dec(sum(r["key_value"] for r in rows), digits), "100,00 %", fmt_dec(sum(r["quota"] for r in rows), 2)]
    if has_existing:
        total_row.append(fmt_dec(sum(r.get("existing") or 0 for r in rows), 0))
    allocated = sum(Decimal(str(r["allocated"])) for r in rows)  # the sum, not the asked total: it shows that both agree
    total_row.append(f"**{amount(request, allocated)}**")
    lines.append("| " + " | ".join(total_row) + " |")
    return "\n".join(lines)


def focus_row(result: dict[str, Any], focus: str | None) -> dict[str, Any] | None:
    """The row of the focus municipality (the engine's focus is a CBS code; ours may be a name)."""
    wanted = {result.get("focus"), focus} - {None}
    return next((r for r in result["rows"] if r["cbs_code"] in wanted or r["municipality"] in wanted), None)


def _shares(request: ParsedRequest, result: dict[str, Any], row: dict[str, Any]) -> str:
    """The key share, and under limits or existing effort also the share actually received (the two differ)."""
    key = f"{fmt_dec(row['key_value'] * 100, 2)} % van de sleutel"
    limited = request.max_per_municipality() is not None or request.min_per_municipality() is not None or bool(
        request.caps or request.floors or request.existing or request.existing_amounts
    )
    total = Decimal(str(result["total"]))
    if not limited or total == 0:
        return f"{key}, quotum {fmt_dec(row['quota'], 2)}"
    received = Decimal(str(row["allocated"])) / total * 100
    why = "door de bestaande inzet" if request.existing or request.existing_amounts else "door de grenzen"
    return f"{key}; feitelijk {fmt_dec(float(received), 2)} % van het totaal {why}, quotum {fmt_dec(row['quota'], 2)}"


def _names_group(request: ParsedRequest, total: str) -> bool:
    """Say 'voor statushouders' only when the total does not already ('90 statushouders voor statushouders')."""
    return bool(request.group) and str(request.group).lower() not in total.lower()


def compose_allocation(request: ParsedRequest, result: dict[str, Any], read_as: str | None, notes: list[str]) -> str:
    """Dutch Markdown: read-as line, summary with the focus first, the table with a total row, the trace."""
    parts: list[str] = []
    if read_as:
        parts.append(f"_{read_as}_")
    parts.extend(notes)
    row = focus_row(result, request.focus)
    region = in_sentence(result["region"])
    if request.municipalities:
        region = _names(request.municipalities)
    total = counted_amount(request, result["total"])
    if row is not None:
        parts.append(f"**{row['municipality']}** krijgt **{amount(request, row['allocated'])}** van de {total} ({_shares(request, result, row)}).")
    ranked = sorted(result["rows"], key=lambda r: (-r["allocated"], r["municipality"]))
    top = ", ".join(f"{r['municipality']} {amount(request, r['allocated'])}" for r in ranked[:3])
    parts.append(
        f"{total}{f' voor {request.group}' if _names_group(request, total) else ''} over {region} "
        f"({len(result['rows'])} gemeenten) {describe_key(result['key'])}, "
        f"afgerond met {method_label(result['method'])}. Grootste aandelen: {top}."
    )
    trace = result.get("trace") or []
    # what the group's composition means for the figures (heel Nederland is a reconstruction of the
    # Rijk's taakstelling; a region that changed members) belongs in the reply, not only in the trace
    parts.extend(line.strip() for line in trace if line.strip().startswith("Let op:"))
    parts.append(_table(result, request))
    if trace:
        lines = [f"    - {line.lstrip()[2:]}" if line.lstrip().startswith("- ") else f"- {line}" for line in trace]
        parts.append("**Hoe is dit berekend?**\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def compose_comparison(
    described: str, methods: list[str], rows: list[dict[str, Any]], differing: list[str], request: ParsedRequest | None = None
) -> str:
    """The `/vergelijk` reply: which municipalities differ (⚑) and a table with a column per method."""
    header = "| Gemeente | Quotum | " + " | ".join(METHOD_LABELS[m] for m in methods) + " |"
    lines = [header, "|---|---:|" + "---:|" * len(methods)]
    for r in rows:
        mark = " ⚑" if r["municipality"] in differing else ""
        lines.append(f"| {r['municipality']}{mark} | {fmt_dec(r['quota'], 2)} | " + " | ".join(amount(request, r[m]) if request else fmt_int(r[m]) for m in methods) + " |")
    summary = (
        "De drie afrondingsmethoden geven hier precies dezelfde uitkomst."
        if not differing
        else f"De methoden verschillen voor {counted(len(differing), 'gemeente', 'gemeenten')} (⚑): " + ", ".join(differing) + "."
    )
    return "\n\n".join([f"_Vergelijking voor: {described}._", summary, "\n".join(lines)])


def compose_key_comparison(request: ParsedRequest, comparison: KeyComparison, read_as: str | None, notes: list[str]) -> str:
    """Keys side by side: the focus municipality's figures first, then every municipality with the difference."""
    parts: list[str] = [f"_{read_as}_"] if read_as else []
    parts.extend(notes)
    first = comparison.results[0]
    labels = [describe_key(r.key) for r in comparison.results]
    row = focus_row(first.to_json(), request.focus)
    if row is not None:
        values = [r.row(row["cbs_code"]) for r in comparison.results]
        shown = " en ".join(f"{amount(request, _units(request, v.allocated))} {label}" for v, label in zip(values, labels, strict=True) if v is not None)
        a, b = values[0], values[-1]
        if a is not None and b is not None:
            diff = Decimal(_units(request, b.allocated)) - Decimal(_units(request, a.allocated))
            change = "evenveel" if diff == 0 else f"{amount(request, abs(diff))} {'meer' if diff > 0 else 'minder'}"
            parts.append(f"**{row['municipality']}** krijgt {shown}: {change} {labels[-1]} dan {labels[0]}.")
    moved = sum(1 for item in comparison.rows if item["difference"])
    parts.append(
        f"Verschil {labels[-1]} tegenover {labels[0]}: bij {moved} van de {len(comparison.rows)} gemeenten verandert het aantal; "
        f"het totaal blijft {counted_amount(request, _units(request, first.total))}."
    )
    header, body, totals = key_comparison_rows(comparison)
    keep = [i for i in range(len(header)) if i != 1]  # the CBS code is in the exports
    lines = ["| " + " | ".join(header[i] for i in keep) + " |", "|---|" + "---:|" * (len(keep) - 1)]
    for line in body:
        cells = [line[i] for i in keep]
        if cells[0].endswith(" ◀"):
            cells[0] = f"**{cells[0][:-2]}**"
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("| " + " | ".join(f"**{totals[i]}**" if totals[i] else "" for i in keep) + " |")
    parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _units(request: ParsedRequest, units: int) -> Decimal | int:
    """Engine units back to the request's unit (cents to euros when divided to the cent)."""
    return Decimal(units) / 100 if request.cents else units
