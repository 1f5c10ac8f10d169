"""What keeps the kennisbank fast on a large library, checked on behaviour (speed itself is in
bench/bench_scale.py): the HNSW search breadth, the change log, and a word index that catches up
with a changed file instead of being rebuilt.
"""

from __future__ import annotations

from pathlib import Path

import chromadb
import numpy as np
import pytest

from kennisbank.ingest.indexer import build_index
from kennisbank.search.lexical import LexicalIndex
from kennisbank.search.ranking import Mode
from kennisbank.service import KnowledgeBase
from kennisbank.store.chroma import chroma_settings
from kennisbank.store.embedded import EmbeddedStore
from kennisbank.store.opening import open_store
from kennisbank.store.records import CHUNKS, SEARCH_EF, STORE_DIR
from koploper.settings import Settings

NOTE = (
    "Notitie kangoeroewoningen\n\n"
    "In de gemeente Zwartewaterland bouwt de corporatie twaalf kangoeroewoningen voor mantelzorgers. "
    "De oplevering van de kangoeroewoningen is in het voorjaar.\n"
)
CHANGED_NOTE = (
    "Notitie kangoeroewoningen\n\n"
    "In de gemeente Zwartewaterland zijn de plannen voor kangoeroewoningen vervangen door tiny houses "
    "voor jongeren met een urgentieverklaring.\n"
)
QUESTION = "Hoeveel kangoeroewoningen bouwt de corporatie in Zwartewaterland?"
LEXICAL_MODES: tuple[Mode, ...] = ("bm25", "hybrid")
"""The search modes in which the word index takes part."""


def _ef_search(index_dir: Path) -> int:
    store = EmbeddedStore(index_dir)
    try:
        return store.search_breadth()
    finally:
        store.close()


def test_a_new_collection_searches_wide_and_keeps_it_after_reopening(tmp_path: Path) -> None:
    assert _ef_search(tmp_path / "index") == SEARCH_EF
    assert _ef_search(tmp_path / "index") == SEARCH_EF


def test_an_older_narrow_collection_is_widened_when_opened(tmp_path: Path) -> None:
    from kennisbank.store.chroma import make_embedding_function

    path = tmp_path / "index" / STORE_DIR
    client = chromadb.PersistentClient(path=str(path), settings=chroma_settings())
    client.get_or_create_collection(
        CHUNKS, embedding_function=make_embedding_function(None), metadata={"hnsw:space": "cosine", "hnsw:search_ef": 64}
    )
    assert client.get_collection(CHUNKS, embedding_function=make_embedding_function(None)).configuration["hnsw"]["ef_search"] == 64
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    assert _ef_search(tmp_path / "index") == SEARCH_EF
    assert _ef_search(tmp_path / "index") == SEARCH_EF


def test_the_change_log_names_exactly_the_passages_an_update_touched(home: Settings, tmp_path: Path) -> None:
    note = tmp_path / "eigen" / "notitie.txt"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    store = open_store(home)
    before = store.version()
    assert before is not None
    build_index(home, [note.parent])
    added = store.version()
    assert added is not None and added != before
    new_ids = next(entry.chunk_ids for key, entry in store.files().items() if key.endswith("notitie.txt"))
    assert store.changes(before, added, limit=1000) == sorted(new_ids)
    assert store.changes(before, added, limit=0) is None, "over the limit: the caller rebuilds"
    assert store.changes("een-onbekende-versie", added, limit=1000) is None

    note.write_text(CHANGED_NOTE, encoding="utf-8")
    build_index(home, [note.parent])
    changed = store.version()
    assert changed is not None
    newer_ids = next(entry.chunk_ids for key, entry in store.files().items() if key.endswith("notitie.txt"))
    assert set(store.changes(added, changed, limit=1000) or []) == set(new_ids) | set(newer_ids)
    assert set(store.changes(before, changed, limit=1000) or []) == set(new_ids) | set(newer_ids)


def _sources(kb: KnowledgeBase, mode: Mode) -> list[str]:
    return [Path(hit.source).name for hit in kb.search(QUESTION, k=5, mode=mode).results]


def test_an_update_is_caught_up_without_rebuilding_the_word_index(home: Settings, tmp_path: Path) -> None:
    kb = KnowledgeBase.open(home)
    base = kb.word_cache.words.base
    cached = sorted(p.name for p in kb.word_cache.root().iterdir())
    assert "notitie.txt" not in _sources(kb, "bm25")

    note = tmp_path / "eigen" / "notitie.txt"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    build_index(home, [note.parent], embedder=kb.embedder)
    assert _sources(kb, "bm25")[0] == "notitie.txt", "the word index knows the new file"
    assert _sources(kb, "hybrid")[0] == "notitie.txt"
    assert kb.word_cache.words.base is base, "caught up, not rebuilt"
    assert sorted(p.name for p in kb.word_cache.root().iterdir()) == cached
    assert kb.lexical.covers("Zwartewaterland")

    # a new process with the older cache catches up the same way
    fresh = KnowledgeBase.open(home, embedder=kb.embedder)
    assert [row[0] for row in fresh.word_cache.words.delta] == [row[0] for row in kb.word_cache.words.delta]
    assert _sources(fresh, "bm25")[0] == "notitie.txt"

    # changed: the old passage is gone from both rankings, the new text is found
    old_ids = {row[0] for row in kb.word_cache.words.delta}
    note.write_text(CHANGED_NOTE, encoding="utf-8")
    build_index(home, [note.parent], embedder=kb.embedder)
    hits = kb.search("tiny houses voor jongeren met een urgentieverklaring", k=3, mode="bm25").results
    assert Path(hits[0].source).name == "notitie.txt"
    for mode in LEXICAL_MODES:
        assert not old_ids & {hit.id for hit in kb.search(QUESTION, k=10, mode=mode).results}
    assert kb.word_cache.words.base is base

    # removed: nothing of it is found
    build_index(home, remove=[note])
    for mode in LEXICAL_MODES:
        assert "notitie.txt" not in _sources(kb, mode)
    assert kb.word_cache.words.base is base


def test_a_delta_scores_like_a_full_index() -> None:
    texts = [
        "De woonzorgvisie van de regio beschrijft wonen met zorg voor ouderen.",
        "Het convenant over uitstroom uit de maatschappelijke opvang is getekend.",
        "De wachtlijst voor beschermd wonen is korter geworden in het najaar.",
        "Gemeenten spreken af hoeveel statushouders zij huisvesten.",
        "De corporatie bouwt flexwoningen voor jongeren en starters.",
    ]
    full = LexicalIndex(texts)
    with_delta = LexicalIndex(texts[:3]).with_delta(texts[3:], dead=[])
    for query in ("statushouders huisvesten", "flexwoningen jongeren", "beschermd wonen wachtlijst", "wonen"):
        full_positions, full_scores = full.top(query, 5)
        positions, scores = with_delta.top(query, 5)
        assert sorted(positions.tolist()) == sorted(full_positions.tolist())
        assert positions[np.argmax(scores)] == full_positions[np.argmax(full_scores)]
        # the delta's passages score as in a full index (the base keeps the statistics it was built with)
        delta = {p: s for p, s in zip(positions.tolist(), scores.tolist(), strict=True) if p >= 3}
        expected = {p: s for p, s in zip(full_positions.tolist(), full_scores.tolist(), strict=True) if p >= 3}
        assert delta == pytest.approx(expected, rel=1e-4)
    # a dead base position is never returned; its replacement in the delta is
    replaced = LexicalIndex(texts).with_delta(["De wachtlijst voor beschermd wonen is weer langer."], dead=[2])
    positions, _ = replaced.top("wachtlijst beschermd wonen", 5)
    assert 2 not in positions.tolist() and 5 in positions.tolist()
