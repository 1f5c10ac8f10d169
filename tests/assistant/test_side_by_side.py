"""Questions the material answers in pieces: comparisons side by side, newcomers, follow-ups, law citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.legal_path import legal_path, short_title
from assistant.parsing.message import parse_message
from assistant.parsing.places import default_index
from assistant.router import ConversationState, Route, route
from assistant.session import Assistant

ROOT = Path(__file__).resolve().parents[2]
LAW = ROOT / "bench" / "data" / "overheid" / "docs" / "huisvestingswet-2014.md"


def _route(text: str, state: ConversationState | None = None) -> Route:
    index = default_index()
    return route(parse_message(text, index), state or ConversationState(), index)


@pytest.mark.parametrize(
    ("question", "regions"),
    [
        ("Vergelijk de aanpak van Haaglanden en Parkstad", ["Regio Haaglanden", "Stadsregio Parkstad Limburg"]),
        # municipalities stand for the one region they are the core city of
        ("Hoe doen Amsterdam en Den Haag het vergeleken met elkaar bij statushouders?", ["Metropoolregio Amsterdam", "Regio Haaglanden"]),
        ("Wat doet Parkstad anders dan Enschede?", ["Stadsregio Parkstad Limburg", "Regio Enschede"]),
    ],
)
def test_a_comparison_of_regions_is_answered_per_region(question: str, regions: list[str]) -> None:
    decision = _route(question)
    assert decision.kind == "knowledge" and decision.compare == regions and decision.compare_regions
    assert not any(word in decision.topic.lower() for word in ("vergelijk", "vergeleken", "anders dan"))


def test_a_comparison_of_two_things_names_both_sides() -> None:
    decision = _route("wat is het verschil tussen Hamilton en D'Hondt als afrondingsmethode?")
    assert decision.compare == ["Hamilton", "D'Hondt"] and not decision.compare_regions
    assert decision.topic == "als afrondingsmethode?"


def test_one_region_is_no_comparison() -> None:
    decision = _route("Hoe verschilt de aanpak in Haaglanden van vroeger?")
    assert decision.compare == []


def test_a_newcomer_gets_the_profile_of_the_region() -> None:
    decision = _route("Ik ben net begonnen als coördinator in de regio Enschede, waar begin ik?")
    assert decision.kind == "profile" and decision.region == "Regio Enschede"


def test_a_follow_up_that_names_a_municipality_keeps_the_topic_and_swaps_the_region() -> None:
    state = ConversationState(
        last_intent="knowledge", last_knowledge_question="Hoe pakt Haaglanden de uitstroom uit de maatschappelijke opvang aan?"
    )
    decision = _route("En in Enschede?", state)
    assert decision.follow_up and decision.region == "Regio Enschede"
    assert "Haaglanden" not in decision.query and "uitstroom uit de maatschappelijke opvang" in decision.query


def test_a_quoted_member_of_an_article_is_cited_with_its_number() -> None:
    text = LAW.read_text(encoding="utf-8")
    article = text[text.index("#### Artikel 14") : text.index("#### Artikel 15")]
    second = next(line for line in article.splitlines() if line.startswith("2. "))
    part = next(line for line in article.splitlines() if line.startswith("a. "))
    assert legal_path("Artikel 14", article, [second[:60]]) == "artikel 14, lid 2"
    assert legal_path("Artikel 14", article, [part[:40]]) == "artikel 14, lid 3, onderdeel a"
    assert legal_path("Sinds 2022: de woondeal", article, [second]) is None  # no article: the heading is cited
    assert short_title(text.splitlines()[0].lstrip("# ")) == "Huisvestingswet 2014"


@pytest.mark.slow
def test_a_comparison_is_a_table_of_verbatim_quotes(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("Vergelijk Groningen en Parkstad: hoeveel gemeenten doen er mee?")
    table = reply.side_by_side
    assert table is not None and table.columns == ["Provincie Groningen", "Stadsregio Parkstad Limburg"]
    by_id = {hit.id: hit for hit in reply.sources}
    cells = [cell for row in table.rows for cell in row.cells if cell.quotes]
    assert len(cells) == 2, reply.answer
    for cell in cells:  # every sentence is verbatim in the passage it cites, of the cell's own region
        for quote in cell.quotes:
            assert quote.text in by_id[quote.source_id].text
            assert by_id[quote.source_id].region == cell.column
    assert "| Onderwerp |" in reply.answer and "**Bronnen**" in reply.answer
    data = reply.to_json()
    assert data["side_by_side"]["columns"] == table.columns


@pytest.mark.slow
def test_aspects_are_compared_when_the_question_names_none(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("Vergelijk de aanpak van Haaglanden en Parkstad")
    table = reply.side_by_side
    assert table is not None and len(table.rows) > 1
    for row in table.rows:
        assert len(row.cells) == 2
    assert "staat niet in het materiaal" in reply.answer or all(c.quotes for r in table.rows for c in r.cells)


def test_the_items_of_a_list_in_the_passage_after_its_lead_are_cited_under_the_leads_member() -> None:
    text = LAW.read_text(encoding="utf-8")
    start = text.index("#### Artikel 35")
    article = text[start : text.index("### ", start + 5)]
    lines = [line for line in article.splitlines() if line.strip()]
    lead = "\n\n".join(lines[1:3])  # '1. De gemeenteraad …' and '2. De op te leggen bestuurlijke boete bedraagt ten hoogste:'
    item = next(line for line in lines if line.startswith("a. "))
    assert legal_path("Artikel 35", item, [item[:40]]) == "artikel 35"  # on its own the passage names no member
    assert legal_path("Artikel 35", item, [item[:40]], before=lead) == "artikel 35, lid 2, onderdeel a"
    numbered = lines[1]
    assert legal_path("Artikel 35", numbered, [numbered[3:50]], before=item) == "artikel 35, lid 1"  # its own number wins


@pytest.mark.slow
def test_each_cell_of_two_compared_things_quotes_its_own_thing(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("Sainte-Laguë tegenover D'Hondt: welke gemeenten hebben er baat bij?")
    table = reply.side_by_side
    assert table is not None and table.columns == ["Sainte-Laguë", "D'Hondt"], reply.answer
    for row in table.rows:
        for cell in row.cells:
            other = "D'Hondt" if cell.column == "Sainte-Laguë" else "Sainte-Laguë"
            for quote in cell.quotes:  # a sentence about the other method alone belongs in the other column
                assert cell.column in quote.text or other not in quote.text, (cell.column, quote.text)
    assert any(cell.quotes for row in table.rows for cell in row.cells)
    assert reply.to_json()["side_by_side"]["columns"] == table.columns
