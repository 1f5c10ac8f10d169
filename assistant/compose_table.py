"""The allocation table as every face shows it, and a legend that says what its columns mean.

The app's table uses the engine's own rows (allocation.render.table_rows, through assistant.engines):
the same columns, in the same order, as `koploper verdeel` and its CSV/XLSX export — the indicator
column(s), the existing effort, the bounds, the per-year columns. The legend says what "Sleutelaandeel"
and "Quotum" mean for this result, which changes when existing effort counts.
"""

from __future__ import annotations

from pydantic import BaseModel

from assistant.compose_allocation import describe_key
from assistant.engines import AllocationResult, table_rows
from koploper.numbers import fmt_int


class AllocationTable(BaseModel):
    """Header, body and total row as text (Dutch number formats), plus the legend lines."""

    header: list[str]
    body: list[list[str]]
    totals: list[str]
    legend: list[str]


FOCUS_MARK = " ◀"
"""What the engine's text table appends to the focus municipality's name (the app highlights instead)."""


def _listing(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " en " + names[-1]


def _whole(result: AllocationResult) -> str:
    """What Toegewezen is rounded to: whole homes or places, whole euros, or cents."""
    if result.unit == "euro":
        return "centen" if result.cents else "hele euro's"
    return "hele aantallen"


def table_legend(result: AllocationResult) -> list[str]:
    """One line per column group that needs saying, in Dutch."""
    total = fmt_int(result.total)
    names = list(result.key)
    columns = f"de kolom {names[0]} toont" if len(names) == 1 else f"de kolommen {_listing(names)} tonen"
    lines = [f"Sleutelaandeel: het aandeel van de gemeente in de verdeelsleutel ({describe_key(result.key)}); "
             f"{columns} de cijfers waarmee is gerekend."]
    if result.existing:
        lines.append(
            f"Bestaand ({result.existing}): wat elke gemeente al doet. Het nieuwe is zo verdeeld dat bestaand + nieuw "
            f"per gemeente zo dicht mogelijk bij het Sleutelaandeel komt. Het Quotum is daarom níet Sleutelaandeel × "
            f"{total}: wie al boven zijn aandeel zit krijgt 0, de anderen krijgen meer."
        )
        lines.append(f"Quotum: het exacte deel van de {total} nieuwe; Toegewezen: afgerond op {_whole(result)}.")
    has_floor = bool(result.floors or result.floor_absolute is not None)
    has_cap = bool(result.caps or result.cap_absolute is not None)
    if not result.existing and (has_floor or has_cap):
        # under limits the quota is no longer key share × total for everyone: say what it is
        lines.append(
            f"Quotum: het exacte deel van de {total} binnen de grenzen: wie aan een grens zit krijgt de grens, de "
            f"anderen Sleutelaandeel × hetzelfde niveau, zo dat alles samen {total} is; Toegewezen: afgerond op {_whole(result)}."
        )
    elif not result.existing:
        lines.append(f"Quotum: Sleutelaandeel × {total}, exact; Toegewezen: afgerond op {_whole(result)}.")
    if has_floor or has_cap:
        which = " en ".join(name for name, used in (("Minimum", has_floor), ("Maximum", has_cap)) if used)
        lines.append(f"{which}: de grens per gemeente; het Quotum blijft daarbinnen en het verschil gaat naar de anderen.")
    if result.years > 1:
        lines.append(f"Jaar 1 tot en met Jaar {result.years}: de toegewezen aantallen per jaar; per gemeente "
                     "tellen ze op tot Toegewezen.")
    return lines


def allocation_table(result: AllocationResult) -> AllocationTable:
    """The table the CLI prints and exports, with the focus mark taken off (the app highlights the row)."""
    header, body, totals = table_rows(result)
    rows = [[line[0].removesuffix(FOCUS_MARK), *line[1:]] for line in body]
    return AllocationTable(header=header, body=rows, totals=totals, legend=table_legend(result))
