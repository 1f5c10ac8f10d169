"""`koploper verdeel` end to end: in-process through assistant.cli.main, and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from allocation.cli import parse_pairs
from assistant.cli import main

ROOT = Path(__file__).resolve().parents[2]
KOPLOPER = ROOT / ".venv" / "bin" / "koploper"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["verdeel", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_with_total_row_and_trace(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--regio", "Haaglanden", "--totaal", "100", "--focus", "Den Haag", "--groep", "statushouders")
    assert code == 0, err
    assert "Totaal" in out and "1.018.859" in out and "100,00 %" in out
    assert "'s-Gravenhage ◀" in out
    assert "Hoe is dit berekend?" in out and "85984NED" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--gemeenten", "Delft, Rijswijk, 's-Gravenhage", "--totaal", "40", "--sleutel", "inwoners=0,7,woningen=0,3", "--methode", "Sainte-Laguë", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["key"] == {"inwoners": 0.7, "woningen": 0.3}
    assert data["method"] == "sainte-lague"
    assert sum(row["allocated"] for row in data["rows"]) == 40
    assert [row["municipality"] for row in data["rows"]] == ["Delft", "Rijswijk", "'s-Gravenhage"]


def test_compare_methods(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--regio", "MRA", "--totaal", "97", "--vergelijk")
    assert code == 0
    assert "Sainte-Laguë" in out and "D'Hondt" in out and "≠" in out and "beleidskeuze" in out


def test_years_caps_existing_from_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "eigen.csv"
    data.write_text(
        "gemeente;gehuisvest;vrijkomend\n"
        + "\n".join(f"{name};{i * 3};{200 + i}" for i, name in enumerate(["Borne", "Enschede", "Hengelo", "Losser", "Dinkelland", "Haaksbergen", "Hof van Twente", "Oldenzaal"])),
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "--regio", "Twente", "--totaal", "90", "--data", str(data), "--data-bron", "GGD Twente", "--bestaand", "gehuisvest",
        "--max", "vrijkomend=0.1", "--jaren", "3", "--json",
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["years"] == 3 and result["year_totals"] == [30, 30, 30]
    assert all(row["allocated"] <= 20 for row in result["rows"])
    assert all(sum(row["per_year"]) == row["allocated"] for row in result["rows"])
    assert {"indicator": "gehuisvest", "reference_date": "eigen gegevens", "source": "GGD Twente (bestand eigen.csv)"} in result["data_sources"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".md"])
def test_export(capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"verdeling{suffix}"
    code, out, err = run(capsys, "--regio", "Parkstad", "--totaal", "60", "--export", str(target))
    assert code == 0, err
    assert target.exists() and "Opgeslagen" in out
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp file left behind
    if suffix == ".xlsx":
        workbook = load_workbook(target)
        assert workbook.sheetnames == ["Verdeling", "Berekening", "Bronnen"]
        rows = list(workbook["Verdeling"].iter_rows(values_only=True))
        assert rows[-1][0] == "Totaal" and rows[-1][-1] == 60
        assert "85984NED" in str(list(workbook["Bronnen"].iter_rows(values_only=True)))
    elif suffix == ".csv":
        text = target.read_text(encoding="utf-8-sig")
        assert text.splitlines()[0].startswith("Gemeente;CBS-code;inwoners") and "Totaal" in text
    else:
        text = target.read_text(encoding="utf-8")
        assert "| **Totaal** |" in text and "## Hoe is dit berekend?" in text and "## Bronnen" in text


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--regio", "MRA", "--totaal", "-5"], "groter dan 0"),
        (["--regio", "MRA", "--totaal", "12.5"], "geheel aantal"),
        (["--regio", "MRA", "--totaal", "NaN"], "gewoon getal"),
        (["--regio", "MRA", "--totaal", "99999999999"], "onwaarschijnlijk"),
        (["--regio", "Randstad", "--totaal", "5"], "Onbekende regio"),
        (["--gemeenten", "Delft, Rijswjik", "--totaal", "5"], "Rijswijk"),
        (["--gemeenten", ",", "--totaal", "5"], "leeg"),
        (["--regio", "MRA", "--totaal", "5", "--sleutel", "inwoners=-1"], "negatief"),
        (["--regio", "MRA", "--totaal", "5", "--sleutel", "inwoners=0,woningen=0"], "Alle gewichten"),
        (["--regio", "MRA", "--totaal", "5", "--sleutel", "inwoners=veel"], "moet een getal zijn"),
        (["--regio", "MRA", "--totaal", "5", "--sleutel", "=1"], "niet te lezen"),
        (["--gemeenten", "Delft, Den Haag", "--totaal", "5", "--sleutel", "huishoudens"], "Delft"),
        (["--regio", "MRA", "--totaal", "5", "--max", "woningen=0.0000001"], "er ontbreken"),
        (["--regio", "MRA", "--totaal", "5", "--methode", "loting"], "Onbekende methode"),
        (["--regio", "MRA", "--totaal", "5", "--jaren", "1.5"], "geheel getal"),
        (["--regio", "MRA", "--totaal", "5", "--data", "/bestaat/niet.csv"], "bestaat niet"),
    ],
)
def test_bad_input_dutch_message_nonzero_exit_nothing_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], fragment: str
) -> None:
    target = tmp_path / "uit.xlsx"
    code, out, err = run(capsys, *argv, "--export", str(target))
    assert code == 2
    assert err.startswith("Fout: ") and fragment in err
    assert out == ""
    assert list(tmp_path.iterdir()) == []


def test_bad_export_target(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--regio", "MRA", "--totaal", "5", "--export", str(tmp_path / "uit.pdf"))
    assert code == 2 and ".csv, .xlsx of .md" in err
    code, _, err = run(capsys, "--regio", "MRA", "--totaal", "5", "--export", str(tmp_path / "geen" / "uit.csv"))
    assert code == 2 and "bestaat niet" in err
    assert list(tmp_path.iterdir()) == []


def test_argparse_errors_are_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["verdeel", "--totaal", "5"])
    assert info.value.code == 2
    assert "een van deze argumenten is verplicht" in capsys.readouterr().err


def test_parse_pairs() -> None:
    assert parse_pairs("inwoners=0,7,corporatiewoningen=0,3", "--sleutel") == {"inwoners": "0,7", "corporatiewoningen": "0,3"}
    assert parse_pairs("inwoners=70, woningen=30", "--sleutel") == {"inwoners": "70", "woningen": "30"}
    assert parse_pairs("inwoners", "--sleutel", default_value="1") == {"inwoners": "1"}


def test_verdeel_imports_no_machine_learning() -> None:
    """What keeps `koploper verdeel` quick: no model, no vector store, no app. Its wall time is measured in
    bench/bench_allocation.py."""
    probe = (
        "import sys\n"
        "from assistant.cli import main\n"
        "code = main(['verdeel', '--regio', 'MRA', '--totaal', '250', '--json'])\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'chromadb', 'kennisbank.model.embedding', 'textual', 'pandas', 'openpyxl') if m in sys.modules]\n"
        "print('HEAVY', heavy, code, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert "HEAVY [] 0" in proc.stderr, proc.stderr


@pytest.mark.skipif(not KOPLOPER.exists(), reason="the koploper script is not installed in .venv")
def test_the_installed_command_allocates() -> None:
    done = subprocess.run([str(KOPLOPER), "verdeel", "--regio", "MRA", "--totaal", "250"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Totaal" in done.stdout, done.stderr


def test_absolute_max_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--regio", "Haaglanden", "--totaal", "100", "--max", "30", "--min", "3", "--json")
    assert code == 0, err
    rows = json.loads(out)["rows"]
    assert max(row["allocated"] for row in rows) == 30 and min(row["allocated"] for row in rows) >= 3


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "leeg"),
        (b"gemeente;gehuisvest\nHeerlen;3\nheerlen;4\n", "meer dan één keer"),
        (b"gemeente;gehuisvest\nHeerlen;drie\nKerkrade;2\n", "tekst waar een getal hoort"),
        (b"PK\x03\x04\x00\x00 kapot", "geen tekstbestand"),
    ],
)
def test_bad_data_files_exit_nonzero_and_write_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, fragment: str) -> None:
    data = tmp_path / "in" / "eigen.csv"
    data.parent.mkdir()
    data.write_bytes(content)
    out_dir = tmp_path / "uit"
    out_dir.mkdir()
    code, out, err = run(capsys, "--regio", "Parkstad", "--totaal", "10", "--data", str(data), "--bestaand", "gehuisvest", "--export", str(out_dir / "v.csv"))
    assert code == 2 and fragment in err and out == ""
    assert list(out_dir.iterdir()) == []
