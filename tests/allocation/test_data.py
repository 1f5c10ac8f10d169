"""The shipped figures: complete, validated, traceable to SOURCES.md."""

from __future__ import annotations

import filecmp
import json
from fractions import Fraction
from pathlib import Path

import pytest

from allocation.data import DATA_DIR, Dataset, available_indicators, indicator_catalogue, missing_indicators

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def test_all_342_municipalities_with_national_totals(dataset: Dataset) -> None:
    assert len(dataset.municipalities) == 342
    # SOURCES.md: the definitive national totals on 1 January 2024
    assert sum(dataset.values["inwoners"].values()) == 17_942_942
    assert sum(dataset.values["woningen"].values()) == 8_204_049
    assert dataset.values["inwoners"]["GM0363"] == 931_298  # Amsterdam, confirmed in SOURCES.md
    assert dataset.municipalities["GM0518"].name == "'s-Gravenhage"


def test_regions_and_members(dataset: Dataset) -> None:
    sizes = {name: len(codes) for name, codes in dataset.members.items()}
    assert sizes == {
        "Metropoolregio Amsterdam": 30,
        "Regio Enschede": 8,
        "Provincie Groningen": 10,
        "Regio Haaglanden": 8,
        "Stadsregio Parkstad Limburg": 7,
        "Groene Metropoolregio Arnhem-Nijmegen": 18,
    }
    members = {code for codes in dataset.members.values() for code in codes}
    assert len(members) == 81
    assert members <= set(dataset.municipalities)
    assert set(dataset.values["huishoudens"]) == members


def test_corporatiewoningen_is_derived_exactly(dataset: Dataset) -> None:
    # Amsterdam: 39 % of 486.769 dwellings (2025) = 189.839,91 exactly, uncertain by half a percent
    assert dataset.values["corporatiewoningen"]["GM0363"] == Fraction(39 * 486_769, 100)
    assert round(dataset.uncertainty["corporatiewoningen"]["GM0363"]) == 2434
    info = dataset.indicators["corporatiewoningen"]
    assert info.derived and not info.exact
    assert "corporatie_pct / 100 × woningen_2025" in info.notes


def test_indicator_catalogue_is_complete() -> None:
    raw = json.loads((DATA_DIR / "indicators.json").read_text(encoding="utf-8"))
    names = [item["name"] for item in raw["indicators"]]
    assert names == ["inwoners", "woningen", "huishoudens", "corporatiewoningen"]
    for info in indicator_catalogue().values():
        assert info.label and info.unit and info.reference_date and info.source
        assert "NED" in info.source  # a named CBS StatLine table


def test_available_and_missing_indicators(dataset: Dataset) -> None:
    delft_rijswijk = ["GM0503", "GM0603"]  # not in any koploper region
    assert set(available_indicators(delft_rijswijk)) == {"inwoners", "woningen"}
    missing = missing_indicators([*delft_rijswijk, "GM0518"])
    assert missing == {"huishoudens": ["Delft", "Rijswijk"], "corporatiewoningen": ["Delft", "Rijswijk"]}
    assert set(available_indicators(dataset.members["Regio Haaglanden"])) == {"inwoners", "woningen", "huishoudens", "corporatiewoningen"}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared data folder is not next to this checkout")
def test_shipped_copies_match_the_shared_data() -> None:
    for name in ["gemeenten.csv", "kerncijfers_2025_regios.csv", "regio_leden.csv", "SOURCES.md"]:
        assert filecmp.cmp(SHARED / name, DATA_DIR / name, shallow=False), name


def test_dataset_as_a_frame(dataset: Dataset) -> None:
    frame = dataset.to_frame()
    assert len(frame) == 342
    assert int(frame["inwoners"].sum()) == 17_942_942
    assert frame["huishoudens"].notna().sum() == 81
