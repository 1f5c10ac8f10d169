"""The user's own figures from real CSV and XLSX files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import Workbook

from allocation import AllocationError, AllocationRequest, allocate
from allocation.data import load_dataset
from allocation.userdata import read_user_data
from tests.rows import allocated

HAAGLANDEN = ["'s-Gravenhage", "Leidschendam-Voorburg", "Midden-Delfland", "Pijnacker-Nootdorp", "Voorschoten", "Wassenaar", "Westland", "Zoetermeer"]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def test_dutch_csv_with_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    file = write(tmp_path / "eigen.csv", "Gemeente;Corporatiewoningen;Vrijkomend\nDen Haag;1.234;12,5\ngemeente Delft;20512;3\n")
    data = read_user_data(file)
    assert data.columns["corporatiewoningen"] == {"GM0518": Fraction(1234), "GM0503": Fraction(20512)}
    assert data.columns["vrijkomend"]["GM0518"] == Fraction(25, 2)
    assert data.infos["vrijkomend"].reference_date == "eigen gegevens"


def test_codes_and_commas(tmp_path: Path) -> None:
    file = write(tmp_path / "eigen.csv", "gemeentecode,gehuisvest,opmerking\nGM0518,40,veel\nGM0503,0.5,\n")
    data = read_user_data(file, source="Regionaal meldpunt", reference_date="2025-06-30")
    assert data.columns == {"gehuisvest": {"GM0518": Fraction(40), "GM0503": Fraction(1, 2)}}  # text column ignored
    assert data.infos["gehuisvest"].source.startswith("Regionaal meldpunt")
    assert data.infos["gehuisvest"].reference_date == "2025-06-30"


def test_xlsx_overrides_a_shipped_indicator(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["gemeente", "corporatiewoningen"])
    for i, name in enumerate(HAAGLANDEN):
        sheet.append([name, 1000 * (i + 1)])
    file = tmp_path / "corporaties.xlsx"
    workbook.save(file)
    result = allocate(
        AllocationRequest(region="Haaglanden", total=36, key={"corporatiewoningen": 1}, data_path=str(file), data_source="Woningcorporaties Haaglanden", data_reference_date="2025-01-01")
    )
    assert allocated(result, "'s-Gravenhage") == 1  # 1000 of 36000
    assert result.data_sources[0].source == "Woningcorporaties Haaglanden (bestand corporaties.xlsx)"
    assert result.data_sources[0].reference_date == "2025-01-01"
    assert not any("afgeleid als corporatie_pct" in line for line in result.trace)  # the user's count replaced it


def test_row_order_of_the_file_does_not_matter(tmp_path: Path) -> None:
    lines = [f"{name};{(i * 37) % 11}" for i, name in enumerate(HAAGLANDEN)]
    a = write(tmp_path / "a.csv", "gemeente;gehuisvest\n" + "\n".join(lines))
    b = write(tmp_path / "b.csv", "gemeente;gehuisvest\n" + "\n".join(reversed(lines)))
    request = {"region": "Haaglanden", "total": 50, "existing": "gehuisvest"}
    ra = allocate(AllocationRequest(**request, data_path=str(a))).to_json()
    rb = allocate(AllocationRequest(**request, data_path=str(b))).to_json()
    ra["data_sources"] = rb["data_sources"] = None
    ra["trace"] = [line.replace("a.csv", "X") for line in ra["trace"]]
    rb["trace"] = [line.replace("b.csv", "X") for line in rb["trace"]]
    assert ra == rb


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "leeg"),
        ("gemeente;gehuisvest\n", "alleen kolomkoppen"),
        ("naam_x;gehuisvest\nDelft;3\n", "geen kolom 'gemeente'"),
        ("gemeente;gehuisvest\nDelft;3\ndelft;4\n", "meer dan één keer"),
        ("gemeente;gehuisvest\nDelft;3\nAmsterdm;4\n", "bedoelt u Amsterdam"),
        ("gemeente;gehuisvest\nDelft;3\nRijswijk;veel\n", "tekst waar een getal hoort"),
        ("gemeente;gehuisvest\nDelft;-3\n", "negatief"),
        ("gemeente,gehuisvest\nDelft,2.500\n", "dubbelzinnig"),
        ("gemeente;opmerking\nDelft;goed\n", "geen kolom met getallen"),
    ],
)
def test_bad_files(tmp_path: Path, content: str, fragment: str) -> None:
    file = write(tmp_path / "eigen.csv", content)
    with pytest.raises(AllocationError) as info:
        read_user_data(file)
    assert fragment in info.value.message


def test_unreadable_files(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"dit is geen excel")
    with pytest.raises(AllocationError, match="niet te lezen"):
        read_user_data(broken)
    with pytest.raises(AllocationError, match="bestaat niet"):
        read_user_data(tmp_path / "weg.csv")
    with pytest.raises(AllocationError, match=r"\.csv- of \.xlsx"):
        read_user_data(write(tmp_path / "eigen.json", "{}"))
    binary = tmp_path / "binair.csv"
    binary.write_bytes(b"\x00\x01\x02gemeente")
    with pytest.raises(AllocationError, match="geen tekstbestand"):
        read_user_data(binary)


def test_missing_values_are_named_never_zero(tmp_path: Path) -> None:
    file = write(tmp_path / "eigen.csv", "gemeente;vrijkomend\nDen Haag;100\nDelft;\n")
    with pytest.raises(AllocationError) as info:
        allocate(AllocationRequest(municipalities=["Den Haag", "Delft", "Rijswijk"], total=10, key={"vrijkomend": 1}, data_path=str(file)))
    assert "ontbreekt voor 2 gemeenten in de groep: Delft, Rijswijk" in info.value.message


def test_shipped_dataset_is_not_changed_by_user_data(tmp_path: Path) -> None:
    file = write(tmp_path / "eigen.csv", "gemeente;inwoners\nDelft;1\n")
    allocate(AllocationRequest(municipalities=["Delft"], total=1, data_path=str(file)))
    assert load_dataset().values["inwoners"]["GM0503"] > 1


def test_absurdly_large_values_are_refused_quickly_with_the_row(tmp_path: Path) -> None:
    file = write(tmp_path / "groot.csv", "gemeente;gehuisvest\nDelft;1e999999999\nRijswijk;12\n")
    with pytest.raises(AllocationError) as caught:
        read_user_data(file)
    assert "rij 2" in str(caught.value) and "te groot" in str(caught.value)


def test_a_column_mixing_thousands_dots_and_decimal_points_is_refused(tmp_path: Path) -> None:
    file = write(tmp_path / "gemengd.csv", "gemeente;gehuisvest\nDelft;1.250\nRijswijk;2.5\n")
    with pytest.raises(AllocationError) as caught:
        read_user_data(file)
    message = str(caught.value)
    assert "rij 2 (1.250)" in message and "rij 3 (2.5)" in message


def test_utf16_csv_from_windows_is_read(tmp_path: Path) -> None:
    file = write(tmp_path / "unicode.csv", "gemeente;gehuisvest\nDelft;12\nRijswijk;3\n", encoding="utf-16")
    data = read_user_data(file)
    assert data.columns["gehuisvest"] == {"GM0503": Fraction(12), "GM0603": Fraction(3)}


def test_formulas_without_saved_values_are_reported(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["gemeente", "gehuisvest"])
    sheet.append(["Delft", 10])
    sheet.append(["Rijswijk", "=B2*2"])
    file = tmp_path / "formules.xlsx"
    workbook.save(file)  # openpyxl stores the formula, never its result
    with pytest.raises(AllocationError) as caught:
        read_user_data(file)
    assert "B3" in str(caught.value) and "formule" in str(caught.value)
