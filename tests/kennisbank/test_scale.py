"""What keeps the kennisbank fast on a large library, checked on behaviour (speed itself is in
bench/bench_scale.py): the HNSW search breadth, the change log, and a word index that catches up
with a changed file instead of being rebuilt.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

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
from kennisbank.store.records import CHUNKS, META, SEARCH_EF, STORE_DIR
from koploper.settings import Settings

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder

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


def test_an_update_is_caught_up_without_rebuilding_the_word_index(home: Settings, tmp_path: Path, embedder: Embedder) -> None:
    kb = KnowledgeBase.open(home)
    base = kb.word_cache.words.base
    cached = sorted(p.name for p in kb.word_cache.root().iterdir())
    assert "notitie.txt" not in _sources(kb, "bm25")

    note = tmp_path / "eigen" / "notitie.txt"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    build_index(home, [note.parent], embedder=embedder)
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
    build_index(home, [note.parent], embedder=embedder)
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


def _cache_folder(kb: KnowledgeBase) -> Path:
    return kb.word_cache.root() / kb.state.version


def test_the_word_index_file_parsed_at_open_holds_nothing_per_passage(
    home: Settings, knowledge_base: KnowledgeBase
) -> None:
    """lexical.json is parsed whole at every open: it holds the vocabulary, not the passages (at 100,000
    passages their ids and regions were most of it); ids, regions and the id lookup are arrays read
    memory-mapped, so finding a passage reads a few pages of them."""
    KnowledgeBase.open(home, embedder=knowledge_base.embedder).store.close()  # builds and saves the cache
    kb = KnowledgeBase.open(home, embedder=knowledge_base.embedder)  # reads it, as every later open does
    text = (_cache_folder(kb) / "lexical.json").read_text(encoding="utf-8")
    ids = [kb.ids[position] for position in range(len(kb.ids))]
    assert ids and not [cid for cid in ids if cid in text]
    assert isinstance(kb.word_cache.words.ids.base, np.memmap)
    assert all(kb.word_cache.words.where(cid) == position for position, cid in enumerate(ids))
    assert kb.word_cache.words.where("geen-stuk") is None
    kb.store.close()


def test_a_word_index_saved_by_the_previous_version_is_brought_up_to_date_not_rebuilt(
    home: Settings, knowledge_base: KnowledgeBase
) -> None:
    """A cache with the ids and regions inside lexical.json (as saved before) gets its arrays once, in
    place: the saved word index itself is kept, not built again from the store (20 s at 100,000)."""
    kb = KnowledgeBase.open(home, embedder=knowledge_base.embedder)
    folder = _cache_folder(kb)
    words = kb.word_cache.words
    ids = [words.ids[position] for position in range(len(words.ids))]
    regions = [words.region_names[code - 1] if code else "" for code in np.asarray(words.region_codes)]
    expected = kb.search(QUESTION, k=5).results
    kb.store.close()
    payload = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
    payload["extra"] = {"ids": ids, "regions": regions}
    (folder / "lexical.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    for name in ("ids", "sorted_ids", "order", "region_codes"):
        (folder / f"{name}.npy").unlink()
    saved = (folder / "bm25" / "data.csc.index.npy").stat().st_ino

    again = KnowledgeBase.open(home, embedder=knowledge_base.embedder)
    assert (folder / "bm25" / "data.csc.index.npy").stat().st_ino == saved, "kept, not rebuilt"
    assert (folder / "ids.npy").is_file() and "ids" not in json.loads((folder / "lexical.json").read_text())["extra"]
    assert [hit.id for hit in again.search(QUESTION, k=5).results] == [hit.id for hit in expected]
    again.store.close()


def test_the_open_after_an_update_reads_the_saved_catch_up_not_the_store(
    home: Settings, tmp_path: Path, embedder: Embedder
) -> None:
    """After an update, every later open caught up from the store again, and the first read of passages
    loads the whole vector index (3 s at 100,000 after a restart). The catch-up is saved beside the
    word index: an open finds it there, even with the store's change log gone."""
    first = KnowledgeBase.open(home, embedder=embedder)  # builds and saves the word index
    base_version = first.state.version
    first.store.close()
    note = tmp_path / "eigen" / "notitie.txt"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    build_index(home, [note.parent], embedder=embedder)
    caught_up = KnowledgeBase.open(home, embedder=embedder)  # catches up through the change log
    assert caught_up.state.version != base_version and caught_up.word_cache.words.delta
    caught_up.store.close()

    store = EmbeddedStore(home.index_dir)
    store._collection(META).delete(where={"k": "change"})  # what the store could tell is gone
    store.close()
    again = KnowledgeBase.open(home, embedder=embedder)
    words = again.word_cache.words
    assert words.base_version == base_version, "the saved word index and its catch-up, not a rebuild"
    assert [row[0] for row in words.delta] == [row[0] for row in caught_up.word_cache.words.delta]
    assert _sources(again, "bm25")[0] == "notitie.txt"
    again.store.close()


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
