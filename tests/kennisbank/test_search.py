"""Search over the shipped cards with the real model: quoted answers, nothing-found, region filter, JSON shape."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kennisbank.errors import KennisbankError
from kennisbank.models import HIT_JSON_KEYS
from kennisbank.service import KnowledgeBase
from koploper.regions import GENERAL

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder

QUESTIONS = [
    "Welke gemeenten doen mee in de Stadsregio Parkstad Limburg?",
    "Wanneer nam de Tweede Kamer de Wet versterking regie volkshuisvesting aan?",
    "Wat is een kwartiermaker?",
    "Hoe wordt het geld voor beschermd wonen nu verdeeld?",
    "Hoeveel gemeenten telt de Groene Metropoolregio Arnhem-Nijmegen?",
    "Wat betekent eerlijk aandeel?",
]
OFF_TOPIC = [
    "Hoe bak ik een appeltaart met kaneel?",
    "Wie won de Tour de France in 1989?",
    "Hoeveel woningen bouwt Maastricht dit jaar?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_answer_sentences_are_quoted_from_their_hit(knowledge_base: KnowledgeBase, question: str) -> None:
    response = knowledge_base.search(question, k=5)
    assert response.answer is not None, question
    assert 1 <= len(response.answer_sentences) <= 3
    by_id = {hit.id: hit for hit in response.results}
    for sentence in response.answer_sentences:
        assert sentence.hit_id in by_id
        assert sentence.text in by_id[sentence.hit_id].text
    assert response.answer == " ".join(s.text for s in response.answer_sentences)


def test_known_facts_come_first(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Waar staat RHA voor?", k=3)
    assert response.answer is not None and "Regeling huisvesting aandachtsgroepen" in response.answer
    assert "36 512" in knowledge_base.search("Kamerstuknummer wetsvoorstel regie volkshuisvesting", k=1).results[0].text


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_off_topic_questions_get_no_answer(knowledge_base: KnowledgeBase, question: str) -> None:
    response = knowledge_base.search(question, k=3)
    assert response.answer is None
    assert response.answer_sentences == []


def test_region_filter_accepts_everyday_names(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Wat is de woonzorgvisie?", region="MRA", k=5)
    assert response.results
    # the region narrows the regional material; general material (no region) stays in (issue 21)
    regions = {hit.region for hit in response.results}
    assert "Metropoolregio Amsterdam" in regions and regions <= {"Metropoolregio Amsterdam", GENERAL, None}
    assert "Provincie Groningen" in knowledge_base.regions()
    with pytest.raises(KennisbankError, match="Onbekende regio"):
        knowledge_base.search("woonzorgvisie", region="Atlantis")


def test_compound_written_apart_finds_the_compound(knowledge_base: KnowledgeBase) -> None:
    hits = knowledge_base.search("woonzorg visie", k=3, mode="bm25").results
    assert hits and all("woonzorgvisie" in hit.text.lower() for hit in hits)


def test_json_has_exactly_the_documented_keys(knowledge_base: KnowledgeBase) -> None:
    data = knowledge_base.search("Wat doet de VVG?", k=2).to_json()
    assert set(data) == {"query", "answer", "note", "results"}
    assert len(data["results"]) == 2
    for result in data["results"]:
        assert tuple(result) == HIT_JSON_KEYS
        assert isinstance(result["score"], float) and isinstance(result["text"], str)


def test_sources_list_every_card_with_chunks_and_dates(knowledge_base: KnowledgeBase) -> None:
    from kennisbank.ingest.discovery import shipped_cards

    cards = {f"bronnen/{card.name}": card.read_text(encoding="utf-8") for card in shipped_cards()}
    sources = knowledge_base.sources()
    assert {s.source for s in sources} == set(cards)
    for source in sources:
        assert source.chunks > 0 and source.reference_date
        front_matter = cards[source.source].split("\n---\n", 1)[0]
        if "http" in front_matter.split("bron:", 1)[1]:
            assert source.source_url and source.source_url in front_matter


def test_empty_question(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("   ")
    assert response.answer is None and response.results == []


def test_opening_and_searching_never_touch_the_network(
    kb_home: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from koploper.settings import Settings

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    knowledge_base = KnowledgeBase.open(Settings(home=kb_home, embedding_model=model_dir))
    assert knowledge_base.search("Wat doet een kwartiermaker?", k=1).results


def test_a_search_makes_exactly_one_model_call(
    knowledge_base: KnowledgeBase, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer's sentence vectors come from the index (embedded at index time), not from the model."""
    calls: list[int] = []
    encode = embedder.model.encode

    def counting(*args: Any, **kwargs: Any) -> Any:  # the model's encode (sentence-transformers is Any to mypy)
        calls.append(len(args[0]) if args else 0)
        return encode(*args, **kwargs)

    monkeypatch.setattr(embedder.model, "encode", counting)
    response = knowledge_base.search("Welke gemeenten doen mee in de Stadsregio Parkstad Limburg?", k=5)
    assert response.answer is not None
    assert calls == [1], "one call, for the question alone"
