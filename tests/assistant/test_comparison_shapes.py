"""Issue 21, questions the material answers in pieces: comparisons that name two or three regions without a
comparing word, things compared with 'vs', 'tegenover' or 'of', the words each region has for itself, and a
newcomer's own question. Phrasings written for this file; real parser, router, model and index, no mocks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.compose_side_by_side import _questions
from assistant.parsing.message import parse_message
from assistant.parsing.places import default_index
from assistant.question_shapes import edges_trimmed, for_one, newcomer_question, parallel_parts, sides
from assistant.router import ConversationState, Route, _trimmed, route
from assistant.session import Assistant

ROOT = Path(__file__).resolve().parents[2]
HAAGLANDEN, PARKSTAD, ENSCHEDE = "Regio Haaglanden", "Stadsregio Parkstad Limburg", "Regio Enschede"
GMR, MRA, GRONINGEN = "Groene Metropoolregio Arnhem-Nijmegen", "Metropoolregio Amsterdam", "Provincie Groningen"


def _route(text: str) -> Route:
    index = default_index()
    return route(parse_message(text, index), ConversationState(), index)


@pytest.mark.parametrize(
    ("question", "regions"),
    [
        # no comparing word: the names alone make it a question per region
        ("hoeveel woningen bouwen ze in twente en hoeveel in de MRA?", [ENSCHEDE, MRA]),
        ("Doen Parkstad en Haaglanden allebei iets met een woonzorgvisie?", [PARKSTAD, HAAGLANDEN]),
        ("wie zit er in de stuurgroep van Arnhem-Nijmegen, Groningen en Enschede?", [GMR, GRONINGEN, ENSCHEDE]),
        ("waar wachten meer mensen op beschermd wonen, Enschede of Heerlen?", [ENSCHEDE, PARKSTAD]),
    ],
)
def test_two_or_three_regions_named_are_answered_per_region(question: str, regions: list[str]) -> None:
    decision = _route(question)
    assert decision.kind == "knowledge" and decision.compare == regions and decision.compare_regions
    for name in ("twente", "mra", "parkstad", "haaglanden", "arnhem", "groningen", "enschede", "heerlen"):
        assert name not in decision.topic.lower(), decision.topic


def test_a_municipality_that_stands_for_its_region_is_asked_about_by_its_own_name() -> None:
    decision = _route("Hoe ver lopen Heerlen en Enschede achter met statushouders?")
    assert decision.compare == [PARKSTAD, ENSCHEDE]
    assert [p.lower() for p in decision.compare_places] == ["heerlen", "enschede"]
    assert [q for _, asks in _questions(decision.topic, decision.compare, True, [], decision.compare_places) for q, _ in asks] == [
        "Hoe ver lopen achter met statushouders in Heerlen?",
        "Hoe ver lopen achter met statushouders in Enschede?",
    ]


def test_each_region_keeps_the_words_the_question_gives_it() -> None:
    after = _route("wat is het verschil tussen de projectleider in Parkstad en de stuurgroep in de MRA?")
    assert after.compare == [PARKSTAD, MRA] and after.compare_parts == ["de projectleider", "de stuurgroep"]
    assert after.topic == ""
    before = _route("In Groningen heeft de VVG een rol, in Haaglanden de kwartiermaker. Wat doen die precies?")
    assert before.compare == [GRONINGEN, HAAGLANDEN]
    assert before.compare_parts == ["de VVG een rol", "de kwartiermaker"] and before.topic == "Wat doen die precies?"
    rows = _questions(before.topic, before.compare, True, before.compare_parts, before.compare_places)
    assert [q for q, _ in rows[0][1]] == [
        "Wat doen die precies: de VVG een rol in Provincie Groningen?",
        "Wat doen die precies: de kwartiermaker in Regio Haaglanden?",
    ]


def test_a_plain_list_of_regions_has_no_parts() -> None:
    text = "Hoe werken Parkstad, Enschede en Haaglanden samen met corporaties?"
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Parkstad", "Enschede", "Haaglanden")]
    assert parallel_parts(text, spans) is None
    assert _route(text).topic == "Hoe werken samen met corporaties?"


def test_an_adjective_of_a_region_leaves_its_noun() -> None:
    decision = _route("welke corporaties doen mee in de Groningse provincie en in Parkstad?")
    assert decision.compare == [GRONINGEN, PARKSTAD]
    assert "provincie" in decision.topic and "groning" not in decision.topic.lower()


@pytest.mark.parametrize(
    ("question", "a", "b"),
    [
        ("Sainte-Laguë vs D'Hondt: wie heeft er baat bij?", "Sainte-Laguë", "D'Hondt"),
        ("medische tegenover sociale urgentie, waarin zit het verschil?", "medische urgentie", "sociale urgentie"),
        ("woningbouw 2024 vergeleken met 2025?", "woningbouw 2024", "woningbouw 2025"),
        ("eerste tranche 2023 vergeleken met tweede tranche 2024?", "eerste tranche 2023", "tweede tranche 2024"),
        ("Inwoners of huishoudens, wat maakt het uit als sleutel?", "Inwoners", "huishoudens"),
        ("maakt het verschil of je sociale huur of middenhuur bouwt?", "sociale huur", "middenhuur bouwt"),
        ("Hoe verschilt beschermd wonen van maatschappelijke opvang?", "beschermd wonen", "maatschappelijke opvang"),
    ],
)
def test_two_things_compared_are_both_named(question: str, a: str, b: str) -> None:
    found = sides(question)
    assert found is not None and found[:2] == (a, b), found
    decision = _route(question)
    assert decision.compare == [a, b] and not decision.compare_regions


def test_a_question_with_a_region_compares_things_only_between_tussen_and_en() -> None:
    assert _route("Hoe verschilt de woondeal in Parkstad van de oude?").compare == []
    assert sides("Hoe verschilt de woondeal in Parkstad van de oude?", loose=False) is None


def test_the_topic_keeps_whole_words() -> None:
    assert _trimmed("bij het verdelen, vooral voor de kleinere gemeenten") == "bij het verdelen, vooral voor de kleinere gemeenten"
    assert _trimmed("en: hoe zit het met de wachtlijsten en?") == "hoe zit het met de wachtlijsten?"
    assert edges_trimmed("de aanjager in", keep_article=True) == "de aanjager"
    assert edges_trimmed("hebben ze een aanjager") == "aanjager"


def test_a_things_cell_without_a_question_word_asks_how_the_thing_works() -> None:
    rows = _questions("voor gemeenten met weinig inwoners?", ["Hamilton", "D'Hondt"], False)
    assert [q for q, _ in rows[0][1]] == [
        "Hoe werkt Hamilton voor gemeenten met weinig inwoners?",
        "Hoe werkt D'Hondt voor gemeenten met weinig inwoners?",
    ]


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("ik ben net begonnen in Enschede. met welke corporaties werken we samen?", "met welke corporaties werken we samen?"),
        ("Pas gestart bij de MRA, hoe is de stuurgroep samengesteld?", "hoe is de stuurgroep samengesteld?"),
        ("zojuist aangenomen bij Parkstad, waar begin ik?", None),
        ("Ik start volgende week als adviseur in Haaglanden. Wat moet ik als eerste weten?", None),
        ("eerste week als coördinator bij de GMR, klopt het dat er een aanjager is?", "klopt het dat er een aanjager is?"),
        ("eerste week als coördinator bij de GMR, zit er een aanjager?", "zit er een aanjager?"),
    ],
)
def test_a_newcomer_asks_what_more_than_where_to_begin(question: str, asked: str | None) -> None:
    assert newcomer_question(question) == asked
    decision = _route(question)
    assert decision.kind == "profile" and decision.query == (asked or "")


@pytest.mark.slow
def test_regions_without_a_comparing_word_come_as_a_table_in_the_app_and_as_data(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("hoeveel gemeenten werken samen in Parkstad en hoeveel in Groningen?")
    table = reply.side_by_side
    assert table is not None and table.columns == [PARKSTAD, GRONINGEN], reply.answer
    assert len(table.rows) == 1 and all(cell.quotes for cell in table.rows[0].cells), reply.answer
    by_id = {hit.id: hit for hit in reply.sources}
    for cell in table.rows[0].cells:
        for quote in cell.quotes:
            assert quote.text in by_id[quote.source_id].text and by_id[quote.source_id].region == cell.column
    assert "| Onderwerp |" in reply.answer
    assert reply.to_json()["side_by_side"]["columns"] == [PARKSTAD, GRONINGEN]


@pytest.mark.slow
def test_an_everyday_word_does_not_empty_a_cell(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("Wie staat in Haaglanden en Parkstad aan het roer van de regionale aanpak?")
    table = reply.side_by_side
    assert table is not None and all(cell.quotes for row in table.rows for cell in row.cells), reply.answer


@pytest.mark.slow
def test_a_newcomers_own_question_is_answered_above_the_profile(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("net begonnen bij de regio Enschede. wie begeleidt het koplopertraject?")
    assert reply.answer.startswith("**wie begeleidt het koplopertraject?**"), reply.answer[:300]
    assert reply.region_profile is not None and reply.region_profile.region == ENSCHEDE
    assert "Tellers&Benoemers" in reply.answer or "HHM" in reply.answer, reply.answer[:800]


def test_vraag_json_carries_the_table_of_a_comparison_named_by_regions_only(cli_env: dict[str, str]) -> None:
    code = "import sys\nfrom assistant.cli import main\nsys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "vraag", "hoeveel gemeenten doen mee in Haaglanden en in Enschede?", "--json"],
        capture_output=True, text=True, cwd=ROOT, env=cli_env, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["side_by_side"]["columns"] == [HAAGLANDEN, ENSCHEDE]


@pytest.mark.parametrize(
    "question",
    [
        "Geldt die voorrang ook tegenover mensen die net uit de opvang komen?",
        "Staat de regio daar tegenover positief of negatief?",
    ],
)
def test_tegenover_after_a_verb_compares_nothing(question: str) -> None:
    assert sides(question) is None


def test_a_noun_on_the_right_is_a_whole_name() -> None:
    found = sides("wat is het verschil tussen een sociale huurwoning en een flexwoning?")
    assert found is not None and found[:2] == ("sociale huurwoning", "flexwoning")


def test_a_topic_of_only_a_question_word_asks_what_each_thing_is() -> None:
    decision = _route("Hoe verschilt de woonzorgvisie van het volkshuisvestingsprogramma?")
    assert decision.compare == ["woonzorgvisie", "volkshuisvestingsprogramma"]
    rows = _questions(decision.topic, decision.compare, False)
    assert [q for q, _ in rows[0][1]] == ["Wat is woonzorgvisie?", "Wat is volkshuisvestingsprogramma?"]


@pytest.mark.parametrize(
    ("question", "name", "expected"),
    [
        # the word for every compared thing refers to the one column: replaced by its name, with its noun
        ("hoeveel plekken leverde elke regeling op?", "regeling 2021", "hoeveel plekken leverde regeling 2021 op?"),
        ("Wat is de taak van elk", "de projectleider", "Wat is de taak van de projectleider"),
        ("wat doet elk van die drie precies?", "de stuurgroep", "wat doet de stuurgroep precies?"),
        # the question already names the column: the word goes, another word after it stays
        ("met hoeveel corporaties doen Heerlen elk mee?", "Heerlen", "met hoeveel corporaties doen Heerlen mee?"),
        ("wat doen Parkstad en Twente allebei aan preventie?", "Twente", "wat doen Parkstad en Twente aan preventie?"),
        ("hoe zit het met de rol van die twee?", "", "hoe zit het met de rol?"),
    ],
)
def test_a_word_for_each_compared_thing_refers_to_the_one_column(question: str, name: str, expected: str) -> None:
    assert for_one(question, name) == expected


def test_a_thing_column_asks_the_question_with_its_own_name_in_it() -> None:
    asks = _questions("hoeveel plekken leverde elke regeling op?", ["regeling 2021", "regeling 2024"], False)
    assert asks == [
        ("Hoeveel plekken leverde elke regeling op", [("hoeveel plekken leverde regeling 2021 op?", None), ("hoeveel plekken leverde regeling 2024 op?", None)])
    ]


def test_an_aside_after_a_region_goes_with_its_name_out_of_the_row_label() -> None:
    decision = _route("Hoeveel plekken beschermd wonen hebben Parkstad, Enschede (Twente) en de MRA?")
    assert decision.compare == [PARKSTAD, ENSCHEDE, MRA]
    assert "(" not in decision.topic and not decision.topic.rstrip("?").endswith(" en"), decision.topic
    assert " en " not in decision.topic, decision.topic


@pytest.mark.parametrize(
    ("question", "compared"),
    [
        ("geldt de urgentieregeling in Zwolle op dezelfde manier als in Deventer?", ["Zwolle", "Deventer"]),
        ("Utrecht en Zeeland hebben allebei een quotum, is dat hetzelfde?", ["Utrecht", "Zeeland"]),
    ],
)
def test_a_yes_or_no_question_that_compares_two_places_names_both_sides(question: str, compared: list[str]) -> None:
    found = sides(question, loose=False)
    assert found is not None and list(found[:2]) == compared


def test_two_names_that_both_do_something_are_no_comparison_without_a_comparing_word() -> None:
    assert sides("Zwolle en Deventer hebben allebei een urgentieregeling, wat staat daarin?", loose=False) is None
