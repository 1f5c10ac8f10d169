"""Showing a result: a rich table with a total row, the trace, and the same as Markdown."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from allocation.models import AllocationResult, DataSource, KeyComparison, MethodComparison
from koploper.methods import METHOD_LABELS, METHOD_SHORT
from koploper.numbers import fmt_dec, fmt_pct, fmt_value, plural

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

TRACE_TITLE = "Hoe is dit berekend?"


def title(result: AllocationResult) -> str:
    """One line saying what was divided over whom, by which key and method."""
    key = " + ".join(f"{fmt_dec(Fraction(repr(w)) * 100, 0)} % {k}" if len(result.key) > 1 else k for k, w in result.key.items())
    what = f" {result.group}" if result.group else ""
    return f"Verdeling van {result.amount(result.total)}{what} over {result.region} — sleutel: {key} — methode: {METHOD_LABELS[result.method]}"


def allocated_header(result: AllocationResult) -> str:
    """'Toegewezen', or 'Toegewezen (euro)' for money: CSV and XLSX readers see the unit in the header."""
    return "Toegewezen (euro)" if result.unit == "euro" else "Toegewezen"


def _bounded(result: AllocationResult) -> tuple[bool, bool]:
    """Whether the result has floors and caps to show."""
    return bool(result.floors or result.floor_absolute is not None), bool(result.caps or result.cap_absolute is not None)


def table_rows(result: AllocationResult) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, body and total row as text, shared by the terminal table and the Markdown export."""
    indicators = list(result.rows[0].indicator_values) if result.rows else []
    scale = 100 if result.cents else 1
    header = ["Gemeente", "CBS-code", *indicators]
    if result.existing:
        header.append(f"Bestaand ({result.existing})")
    has_floor, has_cap = _bounded(result)
    if has_floor:
        header.append("Minimum")
    if has_cap:
        header.append("Maximum")
    header += ["Sleutelaandeel", "Quotum", allocated_header(result)]
    if result.years > 1:
        header += [f"Jaar {y}" for y in range(1, result.years + 1)]
    body: list[list[str]] = []
    for row in result.rows:
        line = [row.municipality + (" ◀" if row.municipality == result.focus else ""), row.cbs_code]
        line += [fmt_value(row.indicator_values[k]) for k in indicators]
        if result.existing:
            line.append(fmt_value(row.existing) if row.existing is not None else "")
        if has_floor:
            line.append(result.amount(row.lower) if row.lower is not None else "")
        if has_cap:
            line.append(result.amount(row.upper) if row.upper is not None else "")
        line += [fmt_pct(row.key_value, 2), fmt_dec(row.quota / scale, 2), result.amount(row.allocated)]
        if row.per_year is not None:
            line += [result.amount(v) for v in row.per_year]
        body.append(line)
    totals = ["Totaal", ""]
    for k in indicators:
        totals.append(fmt_value(sum((row.indicator_values[k] for row in result.rows), Fraction(0))))
    if result.existing:
        totals.append(fmt_value(sum((row.existing or Fraction(0) for row in result.rows), Fraction(0))))
    # a bound per municipality does not add up to anything meaningful: its total cell stays empty
    totals += [""] * (has_floor + has_cap)
    totals += [
        fmt_pct(sum((row.key_value for row in result.rows), Fraction(0)), 2),
        fmt_dec(sum((row.quota for row in result.rows), Fraction(0)) / scale, 2),
        result.amount(sum(row.allocated for row in result.rows)),
    ]
    if result.years > 1:
        totals += [result.amount(v) for v in result.year_totals or []]
    return header, body, totals


def rich_table(result: AllocationResult) -> Table:
    """The result as a rich table; numbers right-aligned, the focus municipality in bold."""
    from rich.table import Table

    header, body, totals = table_rows(result)
    table = Table(title=title(result), show_footer=False)
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i < 2 else "right", no_wrap=True)
    for row, line in zip(result.rows, body, strict=True):
        table.add_row(*line, style="bold" if row.municipality == result.focus else None)
    table.add_section()
    table.add_row(*totals, style="bold")
    return table


def comparison_rows(comparison: MethodComparison) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, body and total row of the side-by-side comparison; '≠' marks a method-dependent row."""
    base = comparison.results["hamilton"]
    scale = 100 if base.cents else 1  # quotas are in cents with --op-centen
    header = ["Gemeente", "CBS-code", "Quotum", *(METHOD_SHORT.get(m, m) for m in comparison.results), "Verschil"]
    body: list[list[str]] = []
    for row in base.rows:
        line = [row.municipality, row.cbs_code, fmt_dec(row.quota / scale, 2)]
        for result in comparison.results.values():
            other = result.row(row.cbs_code)
            line.append(result.amount(other.allocated) if other else "")
        line.append("≠" if row.cbs_code in comparison.differing else "")
        body.append(line)
    totals = ["Totaal", "", fmt_dec(sum((r.quota for r in base.rows), Fraction(0)) / scale, 2)]
    totals += [result.amount(sum(r.allocated for r in result.rows)) for result in comparison.results.values()]
    totals.append(f"{len(comparison.differing)} ≠")
    return header, body, totals


def rich_comparison(comparison: MethodComparison) -> Table:
    """The three methods side by side."""
    from rich.table import Table

    base = comparison.results["hamilton"]
    header, body, totals = comparison_rows(comparison)
    table = Table(title=title(base).split(" — methode")[0] + " — drie afrondmethoden vergeleken")
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i < 2 else "right", no_wrap=True)
    for line in body:
        table.add_row(*line, style="bold" if line[-1] else None)
    table.add_section()
    table.add_row(*totals, style="bold")
    return table


def print_result(result: AllocationResult, console: Console, trace: bool = True) -> None:
    """Table, then the trace and the sources."""
    console.print(rich_table(result))
    if trace:
        console.print()
        console.print(TRACE_TITLE, style="bold")
        console.print("\n".join(result.trace), highlight=False, markup=False, soft_wrap=not console.is_terminal)


def print_comparison(comparison: MethodComparison, console: Console) -> None:
    """Side-by-side table with a short explanation of why methods differ."""
    console.print(rich_comparison(comparison))
    count = len(comparison.differing)
    if count:
        console.print(
            f"Bij {count} {plural(count, 'gemeente', 'gemeenten')} hangt de uitkomst af van de afrondmethode (≠). "
            "Hamilton blijft altijd binnen het naar beneden en naar boven afgeronde quotum; D'Hondt bevoordeelt grote "
            "gemeenten, Sainte-Laguë is neutraal tussen groot en klein. De keuze is een beleidskeuze.",
            markup=False,
        )
    else:
        console.print("De drie methoden geven hier precies dezelfde uitkomst.", markup=False)
    base = comparison.results["hamilton"]
    for source in base.data_sources:
        console.print(f"Bron {source.indicator}: {source.source}; peildatum {source.reference_date}.", markup=False, highlight=False)


def _md_table(header: list[str], body: list[list[str]], totals: list[str]) -> list[str]:
    def esc(cell: str) -> str:
        return cell.replace("|", "\\|")

    lines = ["| " + " | ".join(esc(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|")
    for line in [*body, [f"**{t}**" if t else "" for t in totals]]:
        lines.append("| " + " | ".join(esc(c) for c in line) + " |")
    return lines


def markdown(result: AllocationResult) -> str:
    """The whole result as Markdown: title, table with total row, trace and sources."""
    header, body, totals = table_rows(result)
    lines = [f"# {title(result)}", "", *_md_table(header, body, totals), "", f"## {TRACE_TITLE}", ""]
    lines += [line if line.startswith("- ") else line + "\n" for line in result.trace]
    lines += ["", "## Bronnen", ""]
    lines += [f"- **{s.indicator}**: {s.source}; peildatum {s.reference_date}" for s in result.data_sources]
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def comparison_markdown(comparison: MethodComparison) -> str:
    """The comparison as Markdown."""
    header, body, totals = comparison_rows(comparison)
    base = comparison.results["hamilton"]
    lines = [f"# {title(base).split(' — methode')[0]} — drie afrondmethoden vergeleken", "", *_md_table(header, body, totals), "", "## Bronnen", ""]
    lines += [f"- **{s.indicator}**: {s.source}; peildatum {s.reference_date}" for s in base.data_sources]
    return "\n".join(lines) + "\n"


def key_comparison_rows(comparison: KeyComparison) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, body and total row of keys side by side: the allocation under each key and last − first."""
    first = comparison.results[0]
    header = ["Gemeente", "CBS-code", *(f"Naar {label}" for label in comparison.labels), "Verschil"]
    body: list[list[str]] = []
    for item in comparison.rows:
        name = item["municipality"] + (" ◀" if item["municipality"] == first.focus else "")
        values = [first.amount(v) if v is not None else "" for v in item["allocated"].values()]
        difference = item["difference"]
        shown = "" if difference is None else ("+" if difference > 0 else "") + first.amount(difference) if difference else "0"
        body.append([name, item["cbs_code"], *values, shown])
    totals = ["Totaal", "", *(result.amount(sum(r.allocated for r in result.rows)) for result in comparison.results), ""]
    return header, body, totals


def key_comparison_title(comparison: KeyComparison) -> str:
    first = comparison.results[0]
    what = f" {first.group}" if first.group else ""
    keys = " en ".join(comparison.labels)
    return f"Verdeling van {first.amount(first.total)}{what} over {first.region} — sleutels vergeleken: {keys} — methode: {METHOD_LABELS[first.method]}"


def print_key_comparison(comparison: KeyComparison, console: Console) -> None:
    """The keys side by side, with the sources."""
    from rich.table import Table

    header, body, totals = key_comparison_rows(comparison)
    table = Table(title=key_comparison_title(comparison))
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i < 2 else "right", no_wrap=True)
    for line in body:
        table.add_row(*line, style="bold" if line[0].endswith("◀") else None)
    table.add_section()
    table.add_row(*totals, style="bold")
    console.print(table)
    console.print(f"Verschil: naar {comparison.labels[-1]} min naar {comparison.labels[0]}.", markup=False)
    for source in _key_sources(comparison):
        console.print(f"Bron {source.indicator}: {source.source}; peildatum {source.reference_date}.", markup=False, highlight=False)


def _key_sources(comparison: KeyComparison) -> list[DataSource]:
    seen: dict[str, DataSource] = {}
    for result in comparison.results:
        for source in result.data_sources:
            seen.setdefault(source.indicator, source)
    return list(seen.values())


def key_comparison_markdown(comparison: KeyComparison) -> str:
    """The key comparison as Markdown."""
    header, body, totals = key_comparison_rows(comparison)
    lines = [f"# {key_comparison_title(comparison)}", "", *_md_table(header, body, totals), "",
             f"Verschil: naar {comparison.labels[-1]} min naar {comparison.labels[0]}.", "", "## Bronnen", ""]
    lines += [f"- **{s.indicator}**: {s.source}; peildatum {s.reference_date}" for s in _key_sources(comparison)]
    return "\n".join(lines) + "\n"
