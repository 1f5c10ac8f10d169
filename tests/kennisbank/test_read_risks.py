"""Risks of issue 20 found by reading, each shown with the real parts.

- `sentence_vectors` read only the first 400 ids it was asked for.
- The answer gate raised KeyError for a `sentence_vectors` value it had no calibration for.
- A region the material does not know fell back to searching everything while "Ik lees dit als" still
  named the region.
- `argparse._` was replaced for the whole process on import of the command line.
- `assistant.engines.__all__` named a class that exists only for the type checker.
- Copying an index of exactly n × GET_BATCH passages (to a team server) failed on the empty last page.
"""

from __future__ import annotations

import argparse
import gettext
from pathlib import Path

import numpy as np
import pytest

from assistant import engines
from assistant.handle_knowledge import answer_knowledge
from assistant.router import Route
from assistant.session import Assistant
from kennisbank.service import KnowledgeBase
from kennisbank.store.copying import copy_store
from kennisbank.store.embedded import EmbeddedStore
from kennisbank.store.records import GET_BATCH


def _filled(store: EmbeddedStore, count: int, seed: int) -> tuple[list[str], np.ndarray]:
    """`count` passages of one sentence each, with seeded random vectors (no model needed)."""
    rng = np.random.default_rng(seed)
    ids = [f"p{i:04d}" for i in range(count)]
    vectors = rng.normal(size=(count, 4)).astype(np.float32)
    store.upsert_chunks(
        ids,
        vectors,
        [f"Zin {i}." for i in range(count)],
        [{"source": "s.md", "start": i} for i in range(count)],
        [([(0, 5)], vectors[i : i + 1]) for i in range(count)],
    )
    return ids, vectors


def test_sentence_vectors_of_more_ids_than_one_batch(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "index")
    ids, vectors = _filled(store, GET_BATCH + 50, seed=3)
    found = store.sentence_vectors(ids)
    assert sorted(found) == ids
    assert np.allclose(found[ids[-1]][(0, 5)], vectors[-1], atol=1e-2)
    store.close()


def test_an_index_of_exactly_whole_batches_is_copied(tmp_path: Path, knowledge_base: KnowledgeBase) -> None:
    source = EmbeddedStore(tmp_path / "bron")
    count = 2 * GET_BATCH
    ids, _ = _filled(source, count, seed=5)
    state = knowledge_base.store.state()
    assert state is not None
    source.write_state(state)
    target = EmbeddedStore(tmp_path / "doel")
    assert copy_store(source, target) == count
    assert target.count() == count
    assert sorted(target.sentence_vectors(ids)) == ids
    source.close()
    target.close()


def test_an_unknown_sentence_vectors_value_still_answers(knowledge_base: KnowledgeBase) -> None:
    state = knowledge_base.state.model_copy(update={"sentence_vectors": 99})
    kb = KnowledgeBase(knowledge_base.settings, knowledge_base.store, state, knowledge_base.embedder)
    response = kb.search("Wat is een woonzorgvisie?")
    assert response.answer is not None


def test_an_unknown_region_is_not_named_as_searched(knowledge_base: KnowledgeBase) -> None:
    conversation = Assistant(knowledge=knowledge_base).new_conversation()
    question = "Wat is een woonzorgvisie?"
    route = Route(kind="knowledge", follow_up=True, query=question, region="Atlantis")
    reply = answer_knowledge(conversation, question, route)
    assert reply.read_as is not None
    assert "in al het materiaal" in reply.read_as, reply.read_as
    assert "gezocht in het materiaal over Atlantis" not in reply.read_as
    assert reply.sources


def test_the_command_line_leaves_argparse_alone(capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import build_parser, main

    # typeshed does not declare argparse's module-level `_` (its gettext), hence the ignores
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert main([]) == 0
    assert "gebruik:" in capsys.readouterr().out  # our own parser still speaks Dutch
    build_parser()
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    other = argparse.ArgumentParser(prog="ander")
    assert "usage:" in other.format_usage()


def test_every_name_in_engines_all_exists() -> None:
    missing = [name for name in engines.__all__ if not hasattr(engines, name)]
    assert not missing
