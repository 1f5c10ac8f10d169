"""Cells that come from a user, a data file or a document are written as data, never as formulas.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some read a leading tab or
carriage return the same way): `--data-bron '=HYPERLINK(…)'` or a CSV header `=2+5` would become a
live formula in the export. XLSX cells holding text get the string type and, when they look like a
formula, Excel's quote prefix; CSV cells that look like one get the single quote OWASP recommends
(https://owasp.org/www-community/attacks/CSV_Injection). A plain number written as text ("-2,5")
is no formula and stays as it is, so the numbers we computed still read as numbers.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d.,]*|[.,]\d+)( ?%)?")


def looks_like_formula(text: str) -> bool:
    """A spreadsheet could read `text` as a formula (a plain signed number it reads as a number)."""
    return text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def csv_text(value: str) -> str:
    """`value` for a CSV cell: a single quote before anything a spreadsheet would run."""
    return "'" + value if looks_like_formula(value) else value


def xlsx_cell(cell: Any) -> None:
    """An openpyxl cell holding text keeps it as text: string type, and Excel's quote prefix (the
    leading `'` that is not part of the value) when it starts like a formula. Numbers are left alone."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if looks_like_formula(cell.value):
            cell.quotePrefix = True
