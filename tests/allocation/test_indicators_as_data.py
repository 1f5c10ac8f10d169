"""An indicator is data: a CSV column plus an entry in indicators.json, in a data folder of its own,
is loaded, heard by the assistant's parser and allocated on, with no Python change."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from allocation.data import DATA_DIR, load_dataset
from allocation.engine import allocate
from allocation.models import AllocationRequest

ROOT = Path(__file__).resolve().parents[2]
PARKSTAD = {"GM1954": ("Beekdaelen", 30), "GM0899": ("Brunssum", 20), "GM0917": ("Heerlen", 60), "GM0928": ("Kerkrade", 40),
            "GM0882": ("Landgraaf", 25), "GM0965": ("Simpelveld", 5), "GM0986": ("Voerendaal", 10)}


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """The shipped data plus `opvangcapaciteit` (a made-up test column) for the seven Parkstad municipalities."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    with (folder / "opvang.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["gemeentecode", "gemeente", "opvangcapaciteit"])
        for code, (name, places) in PARKSTAD.items():
            writer.writerow([code, name, places])
    catalogue = json.loads((folder / "indicators.json").read_text(encoding="utf-8"))
    catalogue["indicators"].append({
        "name": "opvangcapaciteit",
        "label": "opvangcapaciteit",
        "unit": "plekken",
        "reference_date": "2026-01-01",
        "reference_date_label": "1 januari 2026 (testgegevens)",
        "source": "testgegevens van deze test, geen echte cijfers",
        "file": "opvang.csv",
        "column": "opvangcapaciteit",
        "coverage": "alleen de zeven gemeenten van Parkstad",
        "words": r"opvangcapaciteit|opvang ?plaatsen",
        "phrase": "opvangcapaciteit",
    })
    (folder / "indicators.json").write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    return folder


def test_the_loader_reads_a_new_indicator_from_the_catalogue(data_folder: Path) -> None:
    dataset = load_dataset(data_folder)
    assert dataset.values["opvangcapaciteit"]["GM0917"] == Fraction(60)
    assert dataset.indicators["opvangcapaciteit"].source.startswith("testgegevens")
    result = allocate(AllocationRequest(region="Parkstad", total=95, key={"opvangcapaciteit": 1}), dataset)
    allocated = {row.cbs_code: row.allocated for row in result.rows}
    # 95 over capacities summing to 190: exactly half of each, Simpelveld 2,5 → Hamilton gives the unit to the larger key
    assert sum(allocated.values()) == 95
    assert allocated["GM0917"] == 30 and allocated["GM0928"] == 20 and allocated["GM0986"] == 5
    assert any("opvangcapaciteit" in line and "testgegevens" in line for line in result.trace)
    assert load_dataset().indicators.keys() == {"inwoners", "woningen", "huishoudens", "corporatiewoningen"}


def _koploper(data_folder: Path, *argv: str) -> dict[str, object]:
    env = dict(os.environ, KOPLOPER_DATA_DIR=str(data_folder), PYTHONPATH=str(ROOT))
    code = "import sys\nfrom assistant.cli import main\nsys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    reply: dict[str, object] = json.loads(done.stdout)
    return reply


def test_verdeel_and_the_assistant_use_it_through_koploper_data_dir(data_folder: Path) -> None:
    verdeel = _koploper(data_folder, "verdeel", "--regio", "Parkstad", "--totaal", "95", "--sleutel", "opvangcapaciteit", "--json")
    assert verdeel["key"] == {"opvangcapaciteit": 1.0}
    reply = _koploper(data_folder, "vraag", "Verdeel 95 plekken over Parkstad naar opvangcapaciteit", "--json")
    assert reply["intent"] == "allocation", reply["answer"]
    allocation = reply["allocation"]
    assert isinstance(allocation, dict) and allocation["key"] == {"opvangcapaciteit": 1.0}
    assert allocation["rows"] == verdeel["rows"]
    assert "naar opvangcapaciteit" in str(reply["answer"])
