"""The gazetteer: every CBS municipality and its koploper regions, read from the rekenmodule's own files, and
found in free text however it is written (case, hyphens, the longest name first, no half of a compass compound)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from koploper.gazetteer import MEMBERS_FILE, MUNICIPALITIES_FILE, SHIPPED, gazetteer, mentions
from koploper.regions import region_names


def _rows(name: str) -> list[dict[str, str]]:
    with (SHIPPED / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_municipality_and_membership_of_the_shipped_files() -> None:
    places = gazetteer()
    municipalities = _rows(MUNICIPALITIES_FILE)
    assert len(places.municipalities) == len(municipalities) == 342
    members = _rows(MEMBERS_FILE)
    for row in members:
        assert row["regio"] in places.municipalities[row["gemeentecode"]].regions
    assert sum(len(m.regions) for m in places.municipalities.values()) == len(members)
    assert {region for m in places.municipalities.values() for region in m.regions} == set(region_names())


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ik zit bij sittard-geleen, hoeveel moeten wij", ["Sittard-Geleen"]),
        ("hoe doet Alphen aan den Rijn dat?", ["Alphen aan den Rijn"]),
        ("in midden groningen en in Pekela", ["Midden-Groningen", "Pekela"]),
        ("wat doet Den Haag?", ["'s-Gravenhage"]),  # an everyday name from the region registry
        ("Arnhem, Nijmegen en Wijchen", ["Arnhem", "Nijmegen", "Wijchen"]),  # a list, not one name
        ("in Oost-Groningen en Amsterdam-Noord", []),  # a compass word joined by a hyphen names another area
        ("wat is de woningmarkt", []),
    ],
)
def test_names_in_text(text: str, found: list[str]) -> None:
    assert [m.municipalities[0].name for m in mentions(text)] == found


def test_a_name_of_two_municipalities_names_no_region() -> None:
    (bergen,) = mentions("de opvang in Bergen")
    assert {m.name for m in bergen.municipalities} == {"Bergen (L.)", "Bergen (NH.)"}
    assert bergen.regions == ()
    (pekela,) = mentions("de opvang in pekela")
    assert pekela.regions == ("Provincie Groningen",) and not pekela.capitalised


def test_another_data_folder_brings_its_own_memberships(tmp_path: Path) -> None:
    for name in (MUNICIPALITIES_FILE, MEMBERS_FILE):
        shutil.copy(SHIPPED / name, tmp_path / name)
    rows = _rows(MEMBERS_FILE)
    kept = [row for row in rows if row["gemeente"] != "Pekela"]
    with (tmp_path / MEMBERS_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    (pekela,) = gazetteer(tmp_path).mentions("Pekela")
    assert pekela.regions == ()
    for broken in ("regio;gemeentecode\nRegio Enschede;GM0153\n", "regio,gemeentecode\nRegio Enschede,GM9999\n", "regio,gemeentecode\nTwente,GM0153\n"):
        (tmp_path / MEMBERS_FILE).write_text(broken, encoding="utf-8")
        gazetteer.cache_clear()
        with pytest.raises(RuntimeError, match="beschadigd"):
            gazetteer(tmp_path)
    gazetteer.cache_clear()
