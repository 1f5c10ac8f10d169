"""Exports that stay true (issue 22): the CSV says what was distributed in a form pandas and Excel read,
XLSX columns fit their content, a Totaal row sums only what adds up, and keys side by side export too."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from allocation import AllocationRequest, AllocationResult, allocate
from allocation.engine import compare_keys
from allocation.export import export_result


def _limited() -> AllocationResult:
    return allocate(AllocationRequest.parse(region="Haaglanden", total=480, cap_absolute=200, floor_absolute=10, years=3,
                                            existing_amounts={"Den Haag": 40}))


def test_the_csv_says_what_was_distributed_and_pandas_reads_it(tmp_path: Path) -> None:
    target = export_result(_limited(), tmp_path / "v.csv")
    frame = pd.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig")
    assert list(frame.columns[-8:]) == ["Verdeeld totaal", "Eenheid", "Regio", "Sleutel", "Methode", "Grenzen", "Jaren", "Bestaande inzet"]
    assert set(frame["Verdeeld totaal"]) == {480} and set(frame["Regio"]) == {"Regio Haaglanden"}
    assert set(frame["Grenzen"]) == {"maximaal 200 per gemeente; minimaal 10 per gemeente"}
    body = frame[frame["Gemeente"] != "Totaal"]
    assert body["Toegewezen"].sum() == 480 and frame["Toegewezen"].dtype.kind == "i"
    assert (body["Toegewezen"] <= 200).all() and (body["Toegewezen"] >= 10).all()
    total = frame[frame["Gemeente"] == "Totaal"].iloc[0]
    assert pd.isna(total["Minimum"]) and pd.isna(total["Maximum"])  # bounds per municipality do not add up
    assert total["Bestaand (genoemd)"] == 40


def test_xlsx_columns_fit_their_content(tmp_path: Path) -> None:
    target = export_result(_limited(), tmp_path / "v.xlsx")
    sheet = openpyxl.load_workbook(target)["Verdeling"]
    widths = {cell.column_letter: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert len(set(widths.values())) > 3, "not every column the same width"
    for column in sheet.iter_cols(max_row=sheet.max_row):
        letter = column[0].column_letter
        longest = max(len(str(c.value)) for c in column if c.value is not None and isinstance(c.value, str))
        assert widths[letter] >= min(longest, 80), f"column {column[0].value} is narrower than its text"
    assert sheet.cell(row=sheet.max_row, column=1).value == "Totaal"
    header = [c.value for c in sheet[1]]
    totals = [c.value for c in sheet[sheet.max_row]]
    assert totals[header.index("Minimum")] is None and totals[header.index("Maximum")] is None


def test_keys_side_by_side_export_to_every_format(tmp_path: Path) -> None:
    comparison = compare_keys(AllocationRequest.parse(region="Haaglanden", total=480, focus="Zoetermeer"),
                              [{"inwoners": 1}, {"huishoudens": 1}])
    frame = pd.read_csv(export_result(comparison, tmp_path / "k.csv"), sep=";", decimal=",", encoding="utf-8-sig")
    body = frame[frame["Gemeente"] != "Totaal"]
    assert body["Naar inwoners"].sum() == body["Naar huishoudens"].sum() == 480
    assert (body["Verschil"] == body["Naar huishoudens"] - body["Naar inwoners"]).all()
    assert set(frame["Sleutels"]) == {"inwoners | huishoudens"}
    book = openpyxl.load_workbook(export_result(comparison, tmp_path / "k.xlsx"))
    assert book.sheetnames[0] == "Sleutels vergeleken"
    markdown = export_result(comparison, tmp_path / "k.md").read_text(encoding="utf-8")
    assert "| Zoetermeer ◀ |" in markdown and "Verschil: naar huishoudens min naar inwoners." in markdown
