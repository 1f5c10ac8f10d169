"""Municipality and region names as people type them."""

from __future__ import annotations

import pytest

from allocation.names import (
    municipality_names,
    normalise,
    region_aliases,
    region_members,
    resolve_municipality,
    resolve_region,
    split_municipality_list,
    suggest_municipalities,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("s gravenhage", "GM0518"),
        ("gemeente Den Haag", "GM0518"),
        ("Gemeente Súdwest-Fryslân", "GM1900"),
        ("sudwest fryslan", "GM1900"),
        ("LEIDSCHENDAM VOORBURG", "GM1916"),
        ("Den Bosch", "GM0796"),
        ("GM0363", "GM0363"),
        ("Bergen (NH.)", "GM0373"),
        ("Bergen L", "GM0893"),
        ("Nuenen", "GM0820"),
    ],
)
def test_resolve_municipality(text: str, code: str) -> None:
    municipality = resolve_municipality(text)
    assert municipality is not None and municipality.code == code


def test_unknown_municipality_gets_suggestions() -> None:
    assert resolve_municipality("Amsterdm") is None
    assert suggest_municipalities("Amsterdm")[0] == "Amsterdam"
    assert "Leidschendam-Voorburg" in suggest_municipalities("Leidschendam")


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("MRA", "Metropoolregio Amsterdam"),
        ("regio Amsterdam", "Metropoolregio Amsterdam"),
        ("Twente", "Regio Enschede"),
        ("regio enschede", "Regio Enschede"),
        ("Groningen", "Provincie Groningen"),
        ("VVG", "Provincie Groningen"),
        ("Haaglanden", "Regio Haaglanden"),
        ("regio Den Haag", "Regio Haaglanden"),
        ("Parkstad", "Stadsregio Parkstad Limburg"),
        ("parkstad limburg", "Stadsregio Parkstad Limburg"),
        ("Arnhem-Nijmegen", "Groene Metropoolregio Arnhem-Nijmegen"),
        ("GMR", "Groene Metropoolregio Arnhem-Nijmegen"),
        ("groene metropoolregio", "Groene Metropoolregio Arnhem-Nijmegen"),
    ],
)
def test_resolve_region(text: str, region: str) -> None:
    assert resolve_region(text) == region


def test_unknown_region() -> None:
    assert resolve_region("Randstad") is None


def test_tables_for_a_free_text_parser() -> None:
    names = municipality_names()
    assert names["den haag"] == "GM0518" and names["s gravenhage"] == "GM0518"
    assert len({code for code in names.values()}) == 342
    aliases = region_aliases()
    assert aliases["mra"] == "Metropoolregio Amsterdam"
    assert all(key == normalise(key) for key in aliases)


def test_region_members() -> None:
    members = region_members("Parkstad")
    assert [m.name for m in members] == ["Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal"]
    assert region_members("nergens") == []


def test_split_list_keeps_names_with_commas() -> None:
    assert split_municipality_list("Delft, Rijswijk; Den Haag, Nuenen, Gerwen en Nederwetten") == [
        "Delft",
        "Rijswijk",
        "Den Haag",
        "Nuenen, Gerwen en Nederwetten",
    ]
