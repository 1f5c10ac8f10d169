"""The shared package: one region registry, folding, Dutch numbers, the atomic writer, method names."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from koploper import atomic
from koploper.methods import METHOD_INFO, METHODS, normalise_method
from koploper.numbers import counted, fmt_dec, fmt_exact, fmt_int, fmt_pct, fmt_weight, plural
from koploper.regions import DATA_FILE, core_city_regions, region_names, resolve
from koploper.text import fold, plain_words


@pytest.mark.parametrize(
    ("typed", "region", "via"),
    [
        ("GMR", "Groene Metropoolregio Arnhem-Nijmegen", "alias"),
        ("regio Twente", "Regio Enschede", "alias"),
        ("regio Parkstad", "Stadsregio Parkstad Limburg", "alias"),
        ("regio Den Haag", "Regio Haaglanden", "alias"),
        ("REGIO  den-haag", "Regio Haaglanden", "alias"),
        ("Enschede", "Regio Enschede", "core_city"),
        ("Den Haag", "Regio Haaglanden", "core_city"),
        ("'s-Gravenhage", "Regio Haaglanden", "core_city"),
        ("Groningen", "Provincie Groningen", "alias"),
        ("Stadsregio Parkstad Limburg", "Stadsregio Parkstad Limburg", "name"),
    ],
)
def test_every_alias_and_core_city_resolves(typed: str, region: str, via: str) -> None:
    match = resolve(typed)
    assert (match.region, match.via) == (region, via)


def test_core_cities_only_where_a_region_is_meant_and_ambiguity_asks() -> None:
    assert resolve("Heerlen").region == "Stadsregio Parkstad Limburg"
    assert resolve("Heerlen", core_city=False).region is None
    assert resolve("Utrecht").region is None and not resolve("Utrecht").candidates
    regio = resolve("regio")  # a word of every alias: which one?
    assert regio.region is None and regio.ambiguous and len(regio.candidates) == 6


def test_registry_file_is_the_one_source_of_region_names() -> None:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert [r["name"] for r in raw["regions"]] == region_names()
    for region in raw["regions"]:  # every core city names exactly its own region
        for city in region["core_cities"]:
            assert core_city_regions(city) == (region["name"],)


def test_folding() -> None:
    assert fold("Súdwest-Fryslân") == fold("sudwest fryslan") == "sudwest fryslan"
    assert fold("'s-Gravenhage") == "s gravenhage"
    assert plain_words("Sainte-Laguë") == "Sainte Lague"


def test_dutch_numbers_and_plurals() -> None:
    assert fmt_int(1234567) == "1.234.567"
    assert fmt_dec(Fraction(1, 3), 3) == "0,333"
    assert fmt_pct(0.1769, 2) == "17,69 %"
    assert fmt_weight(Fraction(7, 10)) == "0,7" and fmt_weight(Fraction(1, 3)) == "1/3"
    assert fmt_exact(Fraction(1, 4)) == "0,25" and fmt_exact(Fraction(1, 3)).startswith("≈")
    assert plural(1, "gemeente", "gemeenten") == "gemeente" and counted(3, "gemeente", "gemeenten") == "3 gemeenten"


def test_method_vocabulary() -> None:
    assert METHODS == tuple(METHOD_INFO) == ("hamilton", "sainte-lague", "dhondt")
    assert normalise_method("Sainte-Laguë") == "sainte-lague"
    assert normalise_method("D'Hondt") == "dhondt"
    assert normalise_method("grootste overschot") == "hamilton"
    assert normalise_method("loting") is None


def test_atomic_writer_replaces_whole_files_and_folders(tmp_path: Path) -> None:
    target = atomic.write_text(tmp_path / "sub" / "a.txt", "één\n")
    assert target.read_text(encoding="utf-8") == "één\n"
    atomic.write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"

    def fail(temp: Path) -> None:
        temp.write_text("half")
        raise OSError("schijf vol")

    with pytest.raises(OSError):
        atomic.write_with(target, fail)
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"], "no temp file left behind"

    folder = tmp_path / "index"

    def write_x(d: Path) -> None:
        (d / "x").write_text("1")

    def write_y(d: Path) -> None:
        (d / "y").write_text("2")

    atomic.replace_dir(folder, write_x)
    atomic.replace_dir(folder, write_y)
    assert sorted(p.name for p in folder.iterdir()) == ["y"]

    def broken(d: Path) -> None:
        (d / "z").write_text("3")
        raise RuntimeError("stuk")

    with pytest.raises(RuntimeError):
        atomic.replace_dir(folder, broken)
    assert sorted(p.name for p in folder.iterdir()) == ["y"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index", "sub"]


def test_the_light_env_reader_agrees_with_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from koploper.env import env_path
    from koploper.settings import Settings

    monkeypatch.setenv("KOPLOPER_DATA_DIR", str(tmp_path))
    assert env_path("data_dir") == Settings().data_dir == tmp_path
    monkeypatch.delenv("KOPLOPER_DATA_DIR")
    assert env_path("data_dir") is None and Settings().data_dir is None


def test_region_names_inside_a_sentence() -> None:
    from koploper.regions import in_sentence

    assert in_sentence("Regio Haaglanden") == "regio Haaglanden"
    assert in_sentence("Provincie Groningen") == "provincie Groningen"
    assert in_sentence("Stadsregio Parkstad Limburg") == "Stadsregio Parkstad Limburg"
