"""The cache of vectors beside the model folder: what it finds, what it must miss, and that no state of
its file (garbage, a garbled entry, two writers at once) makes it fail or hand back wrong vectors.

These tests use a stand-in model folder (the cache reads the folder's files, never loads the model); the
last ones run the real model and a real index build through it.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from kennisbank.ingest.chunking import Chunk
from kennisbank.ingest.embed import embed_chunks
from kennisbank.model.vector_cache import VectorCache, cache_path

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder
    from koploper.settings import Settings

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def model_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "models" / "stand-in"
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "config.json").write_text('{"hidden_size": 4}', encoding="utf-8")
    (folder / "model.safetensors").write_bytes(bytes(range(256)) * 64)
    (folder / "1_Pooling" / "config.json").write_text('{"pooling_mode_mean_tokens": true}', encoding="utf-8")
    return folder


def _open(folder: Path, max_bytes: int = 100 * MB) -> VectorCache:
    cache = VectorCache.for_model(folder, max_bytes)
    assert cache is not None
    return cache


def _matrix(seed: int, rows: int = 3) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((rows, 4)).astype(np.float32)


def test_a_stored_matrix_comes_back_exactly_and_lives_beside_the_model(model_folder: Path) -> None:
    cache = _open(model_folder)
    key = cache.key("late", "De gemeente bouwt woningen.", [(0, 10), (11, 27)])
    cache.put({key: _matrix(1)})
    cache.close()
    again = _open(model_folder)
    found = again.get([again.key("late", "De gemeente bouwt woningen.", [(0, 10), (11, 27)])])
    assert list(found) == [key]
    np.testing.assert_array_equal(found[key], _matrix(1))
    assert cache_path(model_folder) == model_folder.parent / "stand-in.vectors.sqlite3"
    assert cache_path(model_folder).is_file()
    assert not any(p.name.endswith(".sqlite3") for p in model_folder.rglob("*"))  # the model folder is untouched


def test_a_linked_model_folder_shares_the_cache_of_its_target(model_folder: Path, tmp_path: Path) -> None:
    link = tmp_path / "other-home" / "models" / "stand-in"
    link.parent.mkdir(parents=True)
    link.symlink_to(model_folder, target_is_directory=True)
    cache = _open(model_folder)
    cache.put({cache.key("passage", "tekst"): _matrix(2, 1)})
    linked = _open(link)
    assert len(linked.get([linked.key("passage", "tekst")])) == 1


def test_changed_text_spans_or_mode_miss(model_folder: Path) -> None:
    cache = _open(model_folder)
    cache.put({cache.key("late", "Tien woningen.", [(0, 14)]): _matrix(3, 2)})
    misses = [
        cache.key("late", "Tien woningen!", [(0, 14)]),
        cache.key("late", "Tien woningen.", [(0, 13)]),
        cache.key("passage", "Tien woningen."),
        cache.key("late", "Tien woningen. ", [(0, 14)]),
    ]
    assert cache.get(misses) == {}
    assert len(cache.get([cache.key("late", "Tien woningen.", [(0, 14)])])) == 1


@pytest.mark.parametrize("change", ["weights", "pooling config", "new file"])
def test_a_changed_model_misses(model_folder: Path, change: str) -> None:
    cache = _open(model_folder)
    cache.put({cache.key("passage", "tekst"): _matrix(4, 1)})
    cache.close()
    if change == "weights":  # same size, one byte different: the content counts, not only the size
        data = bytearray((model_folder / "model.safetensors").read_bytes())
        data[100] ^= 1
        (model_folder / "model.safetensors").write_bytes(bytes(data))
    elif change == "pooling config":
        (model_folder / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}', encoding="utf-8")
    else:
        (model_folder / "tokenizer.json").write_text("{}", encoding="utf-8")
    changed = _open(model_folder)
    assert changed.get([changed.key("passage", "tekst")]) == {}


@pytest.mark.parametrize("garbage", [b"", b"dit is geen database" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_file_that_is_no_cache_is_started_anew(model_folder: Path, garbage: bytes) -> None:
    cache_path(model_folder).write_bytes(garbage)
    cache = _open(model_folder)
    key = cache.key("passage", "tekst")
    assert cache.get([key]) == {}
    cache.put({key: _matrix(5, 1)})
    np.testing.assert_array_equal(cache.get([key])[key], _matrix(5, 1))


def test_a_file_damaged_while_in_use_is_never_an_error(model_folder: Path) -> None:
    cache = _open(model_folder)
    keys = [cache.key("passage", f"tekst {i}") for i in range(200)]
    cache.put({key: _matrix(i, 1) for i, key in enumerate(keys)})
    cache.close()
    path = cache_path(model_folder)
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 8192] = b"\xa5" * 8192  # pages in the middle
    path.write_bytes(bytes(data))
    cache = _open(model_folder)
    found = cache.get(keys)  # whatever is still readable and sound, or nothing; never an exception
    for key, matrix in found.items():
        np.testing.assert_array_equal(matrix, _matrix(keys.index(key), 1))
    cache.put({keys[0]: _matrix(0, 1)})
    assert keys[0] in cache.get([keys[0]]) or cache.get([keys[0]]) == {}


@pytest.mark.parametrize("data", [b"\x01\x00\x00\x00\x04\x00\x00\x00abc", b"xy", b"\x01\x00\x00\x00\x04\x00\x00\x00" + b"\xff" * 16])
def test_a_garbled_entry_is_a_miss(model_folder: Path, data: bytes) -> None:
    cache = _open(model_folder)
    key = cache.key("passage", "tekst")
    cache.put({key: _matrix(6, 1)})
    cache.close()
    with sqlite3.connect(cache_path(model_folder)) as db:  # too short, no header, NaN values
        db.execute("UPDATE vectors SET data = ?", (data,))
    cache = _open(model_folder)
    assert cache.get([key]) == {}


def _write_many(folder: str, worker: int, count: int) -> None:
    cache = VectorCache.for_model(Path(folder), 100 * MB)
    assert cache is not None
    for i in range(count):
        cache.put({cache.key("passage", f"{worker}-{i}"): np.full((1, 4), worker * 1000 + i, dtype=np.float32)})
    cache.close()


def test_concurrent_writers_lose_nothing(model_folder: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(str(model_folder), worker, 60)) for worker in range(3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    cache = _open(model_folder)
    keys = {cache.key("passage", f"{w}-{i}"): w * 1000 + i for w in range(3) for i in range(60)}
    found = cache.get(list(keys))
    assert len(found) == len(keys)
    assert all(float(found[key][0, 0]) == value for key, value in keys.items())


def test_over_its_limit_it_drops_what_was_used_longest_ago(model_folder: Path) -> None:
    cache = _open(model_folder, max_bytes=MB)
    old = cache.key("passage", "oud")
    cache.put({old: _matrix(7, 1)})
    for batch in range(40):
        cache.put({cache.key("passage", f"nieuw {batch} {i}"): _matrix(i, 512) for i in range(10)})
    assert cache.get([old]) == {}
    assert cache_path(model_folder).stat().st_size < 3 * MB
    assert len(cache.get([cache.key("passage", "nieuw 39 9")])) == 1


def test_off_and_unwritable_mean_no_cache(model_folder: Path, tmp_path: Path) -> None:
    assert VectorCache.for_model(model_folder, 0) is None
    cache_path(model_folder).mkdir()  # something that cannot be opened as a file is in the way
    assert VectorCache.for_model(model_folder, MB) is None


# ---------------------------------------------------------------------------------- with the real model


def _chunks() -> list[Chunk]:
    texts = [
        "De gemeente Kerkrade bouwt twintig woningen voor statushouders. Die komen er in 2027.",
        "Heerlen reserveert tien woningen voor uitstromers uit de opvang.",
        "Simpelveld zoekt drie woningen voor jongeren die de jeugdzorg verlaten. Dat is weinig. Het moet meer.",
    ]
    return [
        Chunk(id=f"c{i}", source="plan.md", title="Plan", section="Wonen", text=text, start=0, end=len(text),
              page=None, region=None, source_url=None, reference_date=None)
        for i, text in enumerate(texts)
    ]


@pytest.fixture(scope="module")
def embedder(model_dir: Path) -> Embedder:
    from kennisbank.model.embedding import Embedder

    return Embedder(model_dir)


@pytest.mark.parametrize("late", [True, False])
def test_cached_vectors_are_the_model_s_vectors_in_order(embedder: Embedder, tmp_path: Path, late: bool) -> None:
    cache = VectorCache.for_model(embedder.folder, 100 * MB, path=tmp_path / "cache.sqlite3")
    assert cache is not None
    chunks = _chunks()
    plain, plain_sentences = embed_chunks(embedder, chunks, late_chunking=late)
    embed_chunks(embedder, chunks[1:2], late_chunking=late, cache=cache)  # one hit among misses next
    first, first_sentences = embed_chunks(embedder, chunks, late_chunking=late, cache=cache)
    again, again_sentences = embed_chunks(embedder, chunks, late_chunking=late, cache=cache)  # all hits
    for vectors, sentences in ((first, first_sentences), (again, again_sentences)):
        np.testing.assert_allclose(vectors, plain, atol=1e-5)
        for (spans, matrix), (plain_spans, plain_matrix) in zip(sentences, plain_sentences, strict=True):
            assert spans == plain_spans and matrix.shape == plain_matrix.shape
            np.testing.assert_allclose(matrix, plain_matrix, atol=1e-5)


def test_the_cache_is_read_before_the_model(embedder: Embedder, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    cache = VectorCache.for_model(embedder.folder, 100 * MB, path=path)
    assert cache is not None
    chunk = _chunks()[1]  # one sentence: the entry is the passage vector and one sentence vector
    embed_chunks(embedder, [chunk], late_chunking=True, cache=cache)
    planted = np.zeros((2, embedder.dimension), dtype=np.float32)
    planted[0, 0] = planted[1, 1] = 1.0
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 1
        db.execute("UPDATE vectors SET data = ?", (struct.pack("<II", 2, embedder.dimension) + planted.tobytes(),))
    vectors, sentences = embed_chunks(embedder, [chunk], late_chunking=True, cache=cache)
    np.testing.assert_array_equal(vectors[0], planted[0])
    np.testing.assert_array_equal(sentences[0][1][0], planted[1])
    other = VectorCache.for_model(embedder.folder, 100 * MB, path=tmp_path / "empty.sqlite3")
    fresh, _ = embed_chunks(embedder, [chunk], late_chunking=True, cache=other)  # without the planted entry
    assert float(fresh[0] @ planted[0]) < 0.99


NO_MODEL_REBUILD = (
    "import sys; from pathlib import Path; from kennisbank.ingest.indexer import build_index; "
    "from koploper.settings import Settings; "
    "report = build_index(Settings(home=Path(sys.argv[1]), embedding_model=Path(sys.argv[2])), rebuild=True); "
    "print('sentence_transformers' in sys.modules, 'torch' in sys.modules, report.chunks_embedded)"
)


def test_a_rebuild_of_unchanged_text_needs_no_model(home: Settings, tmp_path: Path) -> None:
    """`index --opnieuw` of a home whose passages the model already embedded: every vector comes from
    the cache (the model is not even imported), and the index finds the same passages as before."""
    from kennisbank.ingest.indexer import build_index
    from kennisbank.service import KnowledgeBase

    note = tmp_path / "notitie.md"
    note.write_text("# Notitie\n\nDe gemeente Kerkrade bouwt twintig woningen voor statushouders.\n", encoding="utf-8")
    build_index(home, [note])
    build_index(home, rebuild=True)  # every passage of this home is in the cache now, whatever ran before
    question = "Hoeveel woningen bouwt Kerkrade voor statushouders?"
    before = KnowledgeBase.open(home).search(question, k=5)
    rebuild = subprocess.run(
        [sys.executable, "-c", NO_MODEL_REBUILD, str(home.home), str(home.model_path)],
        capture_output=True, text=True, timeout=600, env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT,
    )
    assert rebuild.returncode == 0, rebuild.stderr
    imported_st, imported_torch, embedded = rebuild.stdout.split()
    assert (imported_st, imported_torch) == ("False", "False")
    assert int(embedded) == KnowledgeBase.open(home).store.count() > 300  # the cards and the note, all again
    after = KnowledgeBase.open(home).search(question, k=5)
    assert [hit.id for hit in after.results] == [hit.id for hit in before.results]
    assert after.results[0].source == str(note)
