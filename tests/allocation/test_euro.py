"""Money through the engine and `koploper verdeel`: whole euros or cents, every euro (cent) accounted for."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from allocation.engine import allocate, compare_methods
from allocation.errors import AllocationError
from allocation.export import export_result
from allocation.models import AllocationRequest
from assistant.cli import main
from koploper.numbers import format_euro, parse_amount
from tests.rows import allocated

REGIONS = ["Parkstad", "Haaglanden", "MRA", "Twente", "Groningen", "Arnhem-Nijmegen"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["verdeel", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_whole_euros_are_apportioned_like_counts() -> None:
    euros = allocate(AllocationRequest(region="Parkstad", total=2_500_000, unit="euro"))
    homes = allocate(AllocationRequest(region="Parkstad", total=2_500_000))
    assert euros.unit == "euro" and homes.unit == "woningen"
    assert [r.allocated for r in euros.rows] == [r.allocated for r in homes.rows]
    assert sum(r.allocated for r in euros.rows) == 2_500_000
    kerkrade = euros.row("Kerkrade")
    assert kerkrade is not None
    assert f"toegewezen {format_euro(kerkrade.allocated)}" in " ".join(euros.trace) or any(
        format_euro(kerkrade.allocated) in line for line in euros.trace
    )
    assert "Te verdelen: € 2.500.000 over 7 gemeenten." in euros.trace


@settings(max_examples=60, deadline=None)
@given(
    cents=st.integers(min_value=1, max_value=10**13),
    region=st.sampled_from(REGIONS),
    method=st.sampled_from(["hamilton", "sainte-lague", "dhondt"]),
    years=st.integers(min_value=1, max_value=5),
)
def test_the_euro_sum_always_equals_the_total_to_the_cent(cents: int, region: str, method: str, years: int) -> None:
    total = Decimal(cents) / 100
    result = allocate(AllocationRequest(region=region, total=total, unit="euro", cents=True, method=method, years=years))
    assert result.total == cents and sum(r.allocated for r in result.rows) == cents
    data = result.to_json()
    assert Decimal(str(data["total"])) == total
    assert sum(Decimal(str(r["allocated"])) for r in data["rows"]) == total  # every cent, also in the JSON
    if years > 1:
        for row in result.rows:
            assert row.per_year is not None and sum(row.per_year) == row.allocated
    for row in result.rows:  # Hamilton and the divisor methods stay within one cent of the exact quota here
        assert abs(Fraction(row.allocated) - row.quota) < len(result.rows)


def test_caps_floors_and_years_hold_in_euros_and_cents() -> None:
    result = allocate(
        AllocationRequest(region="Parkstad", total="1234,56", unit="euro", cents=True, cap_absolute=300, floor_absolute=100, years=3)
    )
    assert sum(r.allocated for r in result.rows) == 123_456
    assert all(10_000 <= r.allocated <= 30_000 for r in result.rows)  # € 100 to € 300, in cents
    assert allocated(result, "Heerlen") == 30_000
    assert "Maximum per gemeente: € 300,00" in " ".join(result.trace)
    assert result.year_totals is not None and sum(result.year_totals) == 123_456


def test_money_the_engine_refuses() -> None:
    with pytest.raises(AllocationError, match="op-centen"):
        AllocationRequest.parse(region="Parkstad", total="1234,56", unit="euro")
    with pytest.raises(AllocationError, match="twee cijfers"):
        AllocationRequest.parse(region="Parkstad", total=Decimal("1.234"), unit="euro", cents=True)
    with pytest.raises(AllocationError, match="alleen bij bedragen"):
        AllocationRequest.parse(region="Parkstad", total=10, cents=True)
    with pytest.raises(AllocationError, match="onwaarschijnlijk groot"):
        AllocationRequest.parse(region="Parkstad", total=10**13, unit="euro")
    with pytest.raises(AllocationError, match="onwaarschijnlijk groot"):
        AllocationRequest.parse(region="Parkstad", total=20_000_000)  # homes keep their own limit


def test_comparison_in_euros() -> None:
    comparison = compare_methods(AllocationRequest(region="Haaglanden", total=1_000_001, unit="euro"))
    for result in comparison.results.values():
        assert result.unit == "euro" and sum(r.allocated for r in result.rows) == 1_000_001


@pytest.mark.parametrize(
    ("text", "value"),
    [("2500000", 2_500_000), ("€ 1.000.000", 1_000_000), ("2,5 miljoen", 2_500_000), ("1,2 mln", 1_200_000),
     ("3 ton", 300_000), ("€ 1.234,56", Decimal("1234.56")), ("EUR 300.000", 300_000), ("750.000 euro", 750_000)],
)
def test_dutch_money_notation(text: str, value: Decimal | int) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["2.5", "twee miljoen", "2,5 zakken", "1e6", "1,2,3"])
def test_ambiguous_money_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


def test_cli_euro_table_json_and_wording(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--regio", "Parkstad", "--totaal", "2500000", "--eenheid", "euro", "--focus", "Kerkrade")
    assert code == 0, err
    assert "Verdeling van € 2.500.000" in out and "Toegewezen (euro)" in out and "€ 2.500.000" in out
    assert "woningen" not in out.split("Hoe is dit berekend?")[0]
    code, out, err = run(capsys, "--regio", "Parkstad", "--totaal", "2,5 miljoen", "--eenheid", "euro", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["unit"] == "euro" and data["total"] == 2_500_000
    assert sum(r["allocated"] for r in data["rows"]) == 2_500_000
    code, out, _ = run(capsys, "--regio", "Parkstad", "--totaal", "€ 1.000.000", "--json")
    assert code == 0 and json.loads(out)["unit"] == "euro"  # the € sign says it
    code, out, _ = run(capsys, "--regio", "Parkstad", "--totaal", "60", "--json")
    assert json.loads(out)["unit"] == "woningen"


def test_cli_cents(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--regio", "MRA", "--totaal", "€ 1.234.567,89", "--eenheid", "euro", "--op-centen", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["cents"] is True and data["total"] == 1234567.89
    assert sum(Decimal(str(r["allocated"])) for r in data["rows"]) == Decimal("1234567.89")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--totaal", "2.5", "--eenheid", "euro"], "niet eenduidig"),
        (["--totaal", "1234,56", "--eenheid", "euro"], "--op-centen"),
        (["--totaal", "€ 500", "--eenheid", "woningen"], "--eenheid euro"),
        (["--totaal", "500", "--op-centen"], "--eenheid euro"),
        (["--totaal", "500", "--eenheid", "dollars"], "Onbekende eenheid"),
        (["--totaal", "-3 miljoen", "--eenheid", "euro"], "groter dan 0"),
    ],
)
def test_cli_bad_money_is_a_dutch_error(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "--regio", "Parkstad", *argv)
    assert code == 2 and out == ""
    assert err.startswith("Fout: ") and message in err


def test_exports_carry_the_unit(tmp_path: Path) -> None:
    result = allocate(AllocationRequest(region="Parkstad", total="2500000,50", unit="euro", cents=True, years=2))
    csv_path = export_result(result, tmp_path / "euro.csv")
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert "Toegewezen (euro)" in header
    column = header.index("Toegewezen (euro)")
    assert rows[-1][column] == "2500000,5"  # plain numbers, no € sign, decimal comma
    assert sum(Decimal(r[column].replace(",", ".")) for r in rows[1:-1]) == Decimal("2500000.50")
    xlsx_path = export_result(result, tmp_path / "euro.xlsx")
    sheet = load_workbook(xlsx_path)["Verdeling"]
    names = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=names.index("Toegewezen (euro)") + 1)
    assert isinstance(cell.value, float) and "€" in cell.number_format and "0.00" in cell.number_format
    year = sheet.cell(row=2, column=names.index("Jaar 1") + 1)
    assert "€" in year.number_format
    homes = export_result(allocate(AllocationRequest(region="Parkstad", total=60)), tmp_path / "homes.xlsx")
    plain = load_workbook(homes)["Verdeling"]
    assert "€" not in plain.cell(row=2, column=len(list(plain[1]))).number_format


def test_a_euro_comparison_exports_numbers(tmp_path: Path) -> None:
    comparison = compare_methods(AllocationRequest(region="Parkstad", total="1000,01", unit="euro", cents=True))
    sheet = load_workbook(export_result(comparison, tmp_path / "vergelijk.xlsx"))["Vergelijking"]
    values = [cell.value for cell in sheet[2]]
    assert all(isinstance(v, (int, float)) for v in values[2:-1]), values
    total_row = [cell.value for cell in list(sheet.rows)[-1]]
    assert total_row[2:6] == [1000.01, 1000.01, 1000.01, 1000.01]  # quota and the three methods, in euros


def test_existing_effort_in_euros_works_the_same_with_cents(tmp_path: Path) -> None:
    data = tmp_path / "bestaand.csv"
    data.write_text("gemeente;bestaand\nHeerlen;400000\nKerkrade;0\nLandgraaf;50000\nBrunssum;0\nBeekdaelen;0\nSimpelveld;0\nVoerendaal;0\n", encoding="utf-8")
    whole = allocate(AllocationRequest(region="Parkstad", total=1_000_000, unit="euro", existing="bestaand", data_path=str(data)))
    cents = allocate(AllocationRequest(region="Parkstad", total=1_000_000, unit="euro", cents=True, existing="bestaand", data_path=str(data)))
    assert sum(r.allocated for r in whole.rows) == 1_000_000 and sum(r.allocated for r in cents.rows) == 100_000_000
    for a, b in zip(whole.rows, cents.rows, strict=True):
        assert abs(a.allocated * 100 - b.allocated) <= 100  # the same split, to within one euro
        assert a.existing == b.existing  # shown in euros either way
    assert allocated(whole, "Heerlen") < allocated(
        allocate(AllocationRequest(region="Parkstad", total=1_000_000, unit="euro")), "Heerlen"
    )
