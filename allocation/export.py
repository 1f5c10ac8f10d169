"""Writing a result to .csv, .xlsx or .md, atomically (koploper.atomic: a temp file beside the target, then a rename).

A failed export never leaves a half-written file behind.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from allocation.errors import AllocationError
from allocation.models import AllocationResult, KeyComparison, MethodComparison
from allocation.render import (
    TRACE_TITLE,
    _bounded,
    _key_sources,
    allocated_header,
    comparison_markdown,
    comparison_rows,
    key_comparison_markdown,
    key_comparison_rows,
    key_comparison_title,
    markdown,
    table_rows,
    title,
)
from koploper.atomic import os_error_text, write_with
from koploper.formulas import csv_text, xlsx_cell
from koploper.methods import METHOD_LABELS
from koploper.numbers import amount_value
from koploper.user_file import shown_name

FORMATS = (".csv", ".xlsx", ".md")
NAME_MAX_BYTES = 255
"""The longest file name (in bytes) common file systems allow."""


def check_export_path(path: str | Path) -> Path:
    """The target as a Path, or a Dutch error before anything is computed or written."""
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise AllocationError(f"Exporteren kan naar .csv, .xlsx of .md, niet naar {target.name!r}.")
    try:
        return _check_place(target)
    except OSError as exc:  # a name or path over the system's limits, a path through a file, …
        raise AllocationError(f"Exporteren naar {shown_name(target)} kan niet ({os_error_text(exc)}); kies een kortere naam of een andere plek.") from None


def _check_place(target: Path) -> Path:
    if len(target.name.encode()) > NAME_MAX_BYTES:
        raise AllocationError(f"De bestandsnaam is te lang ({len(target.name)} tekens; hoogstens {NAME_MAX_BYTES}). Kies een kortere naam, "
                              "bijvoorbeeld verdeling.xlsx.")
    if target.is_dir():
        raise AllocationError(f"{target} is een map; geef een bestandsnaam, bijvoorbeeld {target / 'verdeling.xlsx'}.")
    parent = target.parent if str(target.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise AllocationError(f"{parent} is een bestand, geen map; kies een andere plek.")
    if not parent.is_dir():
        raise AllocationError(f"De map {parent} bestaat niet; maak haar eerst aan of kies een andere plek.")
    if not os.access(parent, os.W_OK):
        raise AllocationError(f"In de map {parent} mag niet worden geschreven (geen schrijfrechten); kies een andere plek.")
    return target


def _atomic_write(target: Path, write: Callable[[Path], None]) -> None:
    """koploper.atomic's writer; a disk error becomes a Dutch message (nothing was written)."""
    try:
        write_with(target, write)
    except OSError as exc:
        raise AllocationError(f"Kon {target} niet schrijven ({os_error_text(exc)}); er is niets opgeslagen.") from None


def _csv_text(header: list[str], body: list[list[str]], totals: list[str], about: list[tuple[str, str]] | None = None) -> str:
    """Semicolons and decimal commas (Dutch Excel); `about` adds columns saying what was distributed,
    repeated on every row so that Excel shows it and `pandas.read_csv(sep=";", decimal=",")` reads a plain table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    names = [name for name, _ in about or []]
    values = [value for _, value in about or []]
    for line in [[*header, *names], *([*row, *values] for row in body), [*totals, *values]]:
        writer.writerow([csv_text(cell) for cell in line])
    return buffer.getvalue()


def _limits_text(result: AllocationResult) -> str:
    """'maximaal 50 per gemeente; minimaal 2 per gemeente' or 'geen'."""
    parts: list[str] = []
    if result.cap_absolute is not None:
        parts.append(f"maximaal {result.amount(result.cap_absolute * (100 if result.cents else 1))} per gemeente")
    parts += [f"maximaal {fraction:g} × {name} per gemeente" for name, fraction in result.caps.items()]
    if result.floor_absolute is not None:
        parts.append(f"minimaal {result.amount(result.floor_absolute * (100 if result.cents else 1))} per gemeente")
    parts += [f"minimaal {fraction:g} × {name} per gemeente" for name, fraction in result.floors.items()]
    return "; ".join(parts) or "geen"


def describe_columns(result: AllocationResult) -> list[tuple[str, str]]:
    """What was distributed, as (column, value): total, unit, region, key, method, limits, years, existing."""
    key = " + ".join(f"{w * 100:g}% {k}" if len(result.key) > 1 else k for k, w in result.key.items())
    return [
        ("Verdeeld totaal", _csv_cell(amount_value(result.total, result.cents))),
        ("Eenheid", result.unit),
        ("Regio", result.region),
        ("Sleutel", key),
        ("Methode", METHOD_LABELS[result.method]),
        ("Grenzen", _limits_text(result)),
        ("Jaren", str(result.years)),
        ("Bestaande inzet", result.existing or "geen"),
    ]


def _write_text(text: str, bom: bool = False) -> Callable[[Path], None]:
    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")

    return write


def _write_xlsx(
    sheets: Sequence[tuple[str, Sequence[Sequence[object]]]], formats: dict[str, dict[int, str]] | None = None
) -> Callable[[Path], None]:
    """`formats`: per sheet name, a number format per (0-based) column, e.g. euros."""
    def write(temp: Path) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        workbook.remove(workbook.active)
        for name, rows in sheets:
            sheet = workbook.create_sheet(name)
            for row in rows:
                sheet.append(row)
            for line in sheet.iter_rows():
                for cell in line:
                    xlsx_cell(cell)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            _number_formats(sheet)
            for column, number_format in (formats or {}).get(name, {}).items():  # euro columns
                for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
                    cell.number_format = number_format
            _fit_widths(sheet)
        workbook.save(temp)

    return write


def _shown_width(value: object, number_format: str) -> int:
    """About how many characters Excel needs to show a cell (numbers with separators and decimals)."""
    if value is None:
        return 0
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = len(f"{abs(value):,.0f}") + (1 if value < 0 else 0)
        extra = 3 if "0.00" in number_format else 0
        extra += 2 if "€" in number_format else 0
        extra += 1 if "%" in number_format else 0
        return (len(f"{abs(value) * 100:,.0f}") + 4 if "%" in number_format else digits + extra)
    return len(str(value))


def _fit_widths(sheet: Any, most: int = 80) -> None:
    """Column widths that fit their content (header included), within `most` characters: a long line of
    explanation wraps in the cell instead of making the column endless."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            widths[cell.column] = max(widths.get(cell.column, 0), _shown_width(cell.value, cell.number_format))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 4) + 2, most)
        if width > most:
            for (cell,) in sheet.iter_rows(min_col=column, max_col=column):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


PERCENT_FORMAT = "0.00%"
DECIMAL_FORMAT = "#,##0.00"
INTEGER_FORMAT = "#,##0"


def _number_formats(sheet: Any) -> None:
    """Give every number cell a format: shares as percentages, counts with thousands, the rest with two
    decimals (the full value stays in the cell); Excel shows them in the user's own locale."""
    header = [str(cell.value or "") for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
                continue
            name = header[cell.column - 1].lower() if cell.column - 1 < len(header) else ""
            if "aandeel" in name or "%" in name:
                cell.number_format = PERCENT_FORMAT
            elif isinstance(cell.value, int):
                cell.number_format = INTEGER_FORMAT
            else:
                cell.number_format = DECIMAL_FORMAT


def _number(text: str) -> object:
    """Table text back to a number for Excel where that is exact; otherwise the text."""
    plain = text.replace(".", "").replace(" %", "").replace("≈", "").replace("€ ", "").replace(",", ".")
    try:
        return int(plain)
    except ValueError:
        try:
            return float(plain) / (100 if text.endswith("%") else 1)
        except ValueError:
            return text


def _csv_cell(value: object) -> str:
    """Numbers the way Dutch Excel reads them (decimal comma), no thousands separators."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.12g}".replace(".", ",")
    return str(value)


def _result_sheet(result: AllocationResult) -> list[list[object]]:
    """The table for Excel, with real numbers (exact counts, full-precision shares and quotas)."""
    header, _, _ = table_rows(result)
    has_floor, has_cap = _bounded(result)
    indicators = list(result.rows[0].indicator_values) if result.rows else []
    scale = 100 if result.cents else 1
    rows: list[list[object]] = [list(header)]
    for row in result.rows:
        line: list[object] = [row.municipality, row.cbs_code]
        line += [float(v) if v.denominator != 1 else v.numerator for v in row.indicator_values.values()]
        if result.existing:
            line.append(float(row.existing) if row.existing is not None else None)
        if has_floor:
            line.append(None if row.lower is None else amount_value(row.lower, result.cents))
        if has_cap:
            line.append(None if row.upper is None else amount_value(row.upper, result.cents))
        line += [float(row.key_value), float(row.quota) / scale, amount_value(row.allocated, result.cents)]
        if row.per_year is not None:
            line += [amount_value(v, result.cents) for v in row.per_year]
        rows.append(line)
    total: list[object] = ["Totaal", ""]
    total += [float(sum(r.indicator_values[k] for r in result.rows)) for k in indicators]
    if result.existing:
        total.append(float(sum(r.existing or 0 for r in result.rows)))
    total += [None] * (has_floor + has_cap)  # bounds per municipality do not add up
    total += [
        float(sum(r.key_value for r in result.rows)),
        float(sum(r.quota for r in result.rows)) / scale,
        amount_value(sum(r.allocated for r in result.rows), result.cents),
    ]
    if result.years > 1:
        total += [amount_value(v, result.cents) for v in result.year_totals or []]
    rows.append(total)
    return rows


EURO_FORMAT = '"€" #,##0'
EURO_CENTS_FORMAT = '"€" #,##0.00'


def _euro_formats(result: AllocationResult) -> dict[int, str]:
    """Columns holding amounts of money (minimum, maximum, allocated, per year) get a euro number format."""
    header, _, _ = table_rows(result)
    money = {"Minimum", "Maximum", allocated_header(result), *(f"Jaar {y}" for y in range(1, result.years + 1))}
    number_format = EURO_CENTS_FORMAT if result.cents else EURO_FORMAT
    return {i: number_format for i, name in enumerate(header) if name in money}


def _export_keys(comparison: KeyComparison, target: Path) -> Path:
    """Keys side by side: the same table as in the reply, with real numbers in Excel."""
    suffix = target.suffix.lower()
    header, body, totals = key_comparison_rows(comparison)
    if suffix == ".md":
        _atomic_write(target, _write_text(key_comparison_markdown(comparison)))
        return target
    cents = comparison.results[0].cents
    numbers: list[list[object]] = [list(header)]
    for item in comparison.rows:
        numbers.append([item["municipality"], item["cbs_code"], *item["allocated"].values(), item["difference"]])
    numbers.append(["Totaal", "", *(amount_value(sum(r.allocated for r in res.rows), cents) for res in comparison.results), None])
    if suffix == ".csv":
        sheet = [[_csv_cell(cell) for cell in line] for line in numbers]
        about = [(name, value) for name, value in describe_columns(comparison.results[0]) if name != "Sleutel"]
        about.append(("Sleutels", " | ".join(comparison.labels)))
        _atomic_write(target, _write_text(_csv_text(sheet[0], sheet[1:-1], sheet[-1], about), bom=True))
    else:
        sources = [["indicator", "peildatum", "bron"], *[[s.indicator, s.reference_date, s.source] for s in _key_sources(comparison)]]
        title_rows: list[list[object]] = [[key_comparison_title(comparison)], [f"Verschil: naar {comparison.labels[-1]} min naar {comparison.labels[0]}."]]
        _atomic_write(target, _write_xlsx([("Sleutels vergeleken", numbers), ("Toelichting", title_rows), ("Bronnen", sources)]))
    del body, totals
    return target


def export_result(result: AllocationResult | MethodComparison | KeyComparison, path: str | Path) -> Path:
    """Write the result (or a method or key comparison) to .csv, .xlsx or .md; returns the path written."""
    target = check_export_path(path)
    suffix = target.suffix.lower()
    if isinstance(result, KeyComparison):
        return _export_keys(result, target)
    if isinstance(result, MethodComparison):
        header, body, totals = comparison_rows(result)
        base = next(iter(result.results.values()))
        if suffix == ".csv":
            _atomic_write(target, _write_text(_csv_text(header, body, totals), bom=True))
        elif suffix == ".md":
            _atomic_write(target, _write_text(comparison_markdown(result)))
        else:
            table: list[list[object]] = [list(header), *[[_number(c) if i >= 2 else c for i, c in enumerate(line)] for line in [*body, totals]]]
            sources = [["indicator", "peildatum", "bron"], *[[s.indicator, s.reference_date, s.source] for s in base.data_sources]]
            _atomic_write(target, _write_xlsx([("Vergelijking", table), ("Bronnen", sources)]))
        return target
    if suffix == ".csv":
        sheet = [[_csv_cell(cell) for cell in line] for line in _result_sheet(result)]
        _atomic_write(target, _write_text(_csv_text(sheet[0], sheet[1:-1], sheet[-1], describe_columns(result)), bom=True))
    elif suffix == ".md":
        _atomic_write(target, _write_text(markdown(result)))
    else:
        trace = [[title(result)], [TRACE_TITLE], *[[line] for line in result.trace]]
        sources = [["indicator", "peildatum", "bron"], *[[s.indicator, s.reference_date, s.source] for s in result.data_sources]]
        formats = {"Verdeling": _euro_formats(result)} if result.unit == "euro" else None
        _atomic_write(target, _write_xlsx([("Verdeling", _result_sheet(result)), ("Berekening", trace), ("Bronnen", sources)], formats))
    return target
