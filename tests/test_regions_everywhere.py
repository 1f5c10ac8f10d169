"""One region registry: every alias works in `zoek --regio`, `verdeel --regio` and the assistant's parser,
and in `--regio` (or "Vertel me over …") a core city names its region. Through the real commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from tests.assistant.helpers import decide, offline_conversation

ALIASES = [
    ("GMR", "Groene Metropoolregio Arnhem-Nijmegen"),
    ("regio Twente", "Regio Enschede"),
    ("regio Parkstad", "Stadsregio Parkstad Limburg"),
    ("regio Den Haag", "Regio Haaglanden"),
]
CORE_CITIES = [("Enschede", "Regio Enschede"), ("Groningen", "Provincie Groningen"), ("Den Haag", "Regio Haaglanden")]


@pytest.mark.parametrize(("typed", "region"), ALIASES + CORE_CITIES)
def test_verdeel_regio_accepts_aliases_and_core_cities(typed: str, region: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verdeel", "--regio", typed, "--totaal", "100", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["region"] == region


@pytest.mark.parametrize(("typed", "region"), ALIASES + CORE_CITIES)
def test_zoek_regio_accepts_the_same_names(typed: str, region: str, kb_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zoek", "Hoe werken de gemeenten samen?", "--regio", typed, "--json", "-k", "10"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    # the filter narrows regional material to the named region and keeps general material (issue 21)
    assert results and {hit["region"] for hit in results} <= {region, "algemeen", None}
    assert region in {hit["region"] for hit in results}


def test_an_unknown_region_is_refused_the_same_way_by_both(kb_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verdeel", "--regio", "Randstad", "--totaal", "5"]) != 0
    assert "Onbekende regio" in capsys.readouterr().err
    assert main(["zoek", "woonzorgvisie", "--regio", "Randstad"]) != 0
    assert "Onbekende regio" in capsys.readouterr().err


def test_an_ambiguous_name_asks_which_region(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verdeel", "--regio", "regio", "--totaal", "5"]) != 0
    err = capsys.readouterr().err
    assert "kan meerdere regio's zijn" in err and "Regio Haaglanden" in err


@pytest.mark.parametrize(("typed", "region"), ALIASES)
def test_the_parser_knows_every_alias(typed: str, region: str) -> None:
    reply = offline_conversation().ask(f"Verdeel 100 woningen over {typed}")
    assert reply.request is not None and reply.request.region == region
    assert reply.allocation is not None and reply.allocation["region"] == region


@pytest.mark.parametrize("text", ["/regio Enschede", "Vertel me over Enschede", "/regio Den Haag", "Vertel me over Den Haag"])
def test_a_core_city_names_its_region_where_a_region_is_meant(text: str) -> None:
    decision = decide(text)
    assert decision.kind == "profile"
    assert decision.region == ("Regio Enschede" if "Enschede" in text else "Regio Haaglanden")


def test_a_core_city_in_an_allocation_stays_the_focus() -> None:
    """'verdeel over Den Haag' names one municipality: the region is inferred, Den Haag is the focus."""
    reply = offline_conversation().ask("Verdeel 100 woningen over Den Haag")
    assert reply.request is not None and (reply.request.region, reply.request.focus) == ("Regio Haaglanden", "'s-Gravenhage")
