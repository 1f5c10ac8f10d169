"""The kennisbank at scale: open time, memory and search latency for N passages, embedded or on a server.

    python bench/bench_scale.py --chunks 10000 --json [--server http://127.0.0.1:8000]

Builds (once, seeded, cached under the user cache folder) an index of N passages: the shipped cards
indexed for real with `build_index`, plus synthetic passages recombined from the cards' real sentences.
Their vectors derive from real e5 vectors: each synthetic passage's vector is the normalised mean of
the stored (late-chunked) vectors of the sentences it borrows plus a little seeded noise, so building
100k passages needs no 100k model calls. Queries use the real model and the real
`KnowledgeBase.search` on the development questions (38, warm). Prints one JSON line.

Opening is measured three ways: warm (`open_s`: a second open in this process, every file in the page
cache), cold (`open_cold_s` and `first_question_cold_s`: a new process after every file of the index and
its word-index cache was dropped from the operating system's page cache, as after a machine restart; the
model's files stay cached, the process loads the model before the clock starts) and without the
word-index cache (`open_without_word_cache_s`: a new process whose cache folder was moved aside, so the
word index is built from the store; what the first open after `koploper index --opnieuw` pays).

Also measured in the same run: `floor_p50_ms` (one query embedding plus a bare Chroma top-10 query on
the same collection), `dense_recall_at_10` (share of the exact numpy cosine top-10 over all vectors
found among the search's dense candidates), `update_s` (`build_index` of one new small file into the
N index, its embedding included), `ingest_ratio` (passages/s of `build_index` of the cards into an
empty index, sentence vectors included and the vector cache empty, against raw `model.encode` of the
same passages, timed before and after the run and averaged), `rebuild_cached_s` (`--opnieuw` of that
index again, now from the vector cache) and `ingest_at_n_ratio` (the same passages as new files into
the N index, again through an empty vector cache, against raw encode: the per-passage cost of the
store and the word index at N without embedding N passages for real).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _setup import EVAL

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # this benchmark's own choice (see bench/_setup.py)

SEED = 14
REGIONS = [
    "Metropoolregio Amsterdam", "Regio Enschede", "Provincie Groningen", "Regio Haaglanden",
    "Stadsregio Parkstad Limburg", "Groene Metropoolregio Arnhem-Nijmegen", "algemeen",
]
PASSAGES_PER_FILE = 20


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _questions() -> list[str]:
    questions = []
    for name in ("dev_vragen.jsonl", "dev_vragen_2.jsonl"):
        path = EVAL / name
        if path.exists():
            questions += [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return questions


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def evict(*folders: Path) -> int:
    """Drop every file under `folders` from the page cache (dirty pages written first), as a machine restart
    would; the bytes it concerned. posix_fadvise(DONTNEED) touches only these files, not the machine's cache."""
    total = 0
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if not path.is_file() or path.is_symlink():
                continue
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
                total += os.fstat(descriptor).st_size
            finally:
                os.close(descriptor)
    return total


def resident_mb(*folders: Path) -> float | None:
    """Megabytes of the files under `folders` in the page cache (util-linux `fincore`), None without it."""
    fincore = shutil.which("fincore")
    files = [str(p) for f in folders if f.exists() for p in f.rglob("*") if p.is_file() and not p.is_symlink()]
    if fincore is None or not files:
        return None
    output = subprocess.run(
        [fincore, "--bytes", "--noheadings", "--raw", "--output", "RES", *files],
        capture_output=True, text=True, check=False,
    ).stdout
    return round(sum(int(line) for line in output.split() if line.isdigit()) / 2**20, 1)


def open_in_new_process(home: Path, model_dir: Path, server: str | None, question: str) -> dict[str, float]:
    """`open_once` in a new Python process: no Chroma system, no module state from this one."""
    command = [sys.executable, __file__, "--open-once", str(home), "--model", str(model_dir), "--question", question]
    if server:
        command += ["--server", server]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"open-once failed: {done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def open_once(home: Path, model_dir: Path, server: str | None, question: str) -> dict[str, float]:
    """The model loaded first (it is not what is measured), then the clock: open the knowledge base, then
    the first question."""
    from kennisbank.model.embedding import Embedder
    from kennisbank.service import KnowledgeBase
    from koploper.settings import Settings

    settings = Settings(home=home, embedding_model=model_dir, chroma_url=server)
    embedder = Embedder(model_dir)
    embedder.encode_queries(["opwarmen"])
    started = time.perf_counter()
    kb = KnowledgeBase.open(settings, embedder=embedder)
    opened = time.perf_counter()
    kb.search(question, k=5)
    return {"open_s": opened - started, "first_question_s": time.perf_counter() - opened}


def open_figures(settings: Any, model_dir: Path, server: str | None, question: str) -> dict[str, Any]:
    """Cold (a new process after the index and its word-index cache left the page cache: a machine restart)
    and without the word-index cache (moved aside and back: the word index is built from the store)."""
    open_in_new_process(settings.home, model_dir, server, question)  # the word-index cache exists
    index_files = [settings.home / "cache"] if server else [settings.index_dir, settings.home / "cache"]
    evicted = evict(*index_files)
    resident = resident_mb(*index_files)
    cold = open_in_new_process(settings.home, model_dir, server, question)
    lexical_cache = settings.home / "cache" / "lexical"
    aside = settings.home / "cache" / "lexical.aside"
    shutil.rmtree(aside, ignore_errors=True)
    if lexical_cache.exists():
        os.replace(lexical_cache, aside)
    try:
        without_cache = open_in_new_process(settings.home, model_dir, server, question)
    finally:
        if aside.exists():
            shutil.rmtree(lexical_cache, ignore_errors=True)
            os.replace(aside, lexical_cache)
    return {
        "open_cold_s": round(cold["open_s"], 2),
        "first_question_cold_s": round(cold["first_question_s"], 2),
        "cold_evicted_mb": round(evicted / 2**20),
        "cold_resident_mb": resident,
        "open_without_word_cache_s": round(without_cache["open_s"], 2),
    }


def build_corpus(home: Path, chunks: int, model_dir: Path) -> None:
    """The cards for real, then synthetic passages up to `chunks`, written straight into the store."""
    from kennisbank.ingest.discovery import file_hash
    from kennisbank.ingest.indexer import build_index
    from kennisbank.ingest.sentences import sentence_spans
    from kennisbank.store.opening import open_store
    from kennisbank.store.records import CHUNKS, GET_BATCH, FileEntry, new_version
    from koploper.settings import Settings

    settings = Settings(home=home, embedding_model=model_dir, chroma_url=None)
    build_index(settings)
    store = open_store(settings)
    # every real sentence with its stored (late-chunked) vector
    pool: list[tuple[str, np.ndarray]] = []
    rows = [(cid, text, meta) for cid, text, meta, _ in store.iter_chunks()]
    vectors = store.sentence_vectors([cid for cid, _, _ in rows])
    for cid, text, _ in rows:
        for (a, b), vector in vectors.get(cid, {}).items():
            if len(text[a:b].split()) >= 4:
                pool.append((text[a:b], vector))
    by_text = dict(pool)
    rng = random.Random(SEED)
    noise = np.random.default_rng(SEED)
    existing = len(rows)
    files: dict[str, FileEntry] = {}
    contents: dict[str, list[str]] = {}
    batch: list[tuple[str, str, dict[str, Any], np.ndarray, list[tuple[int, int]], np.ndarray]] = []

    def flush() -> None:
        if not batch:
            return
        store.upsert_chunks(
            [b[0] for b in batch], np.vstack([b[3] for b in batch]), [b[1] for b in batch],
            [b[2] for b in batch], [(b[4], b[5]) for b in batch],
        )
        batch.clear()

    started = time.perf_counter()
    for number in range(max(0, chunks - existing)):
        chosen = rng.sample(pool, rng.randint(2, 5))
        text = " ".join(sentence for sentence, _ in chosen) + f" Dossier {number // PASSAGES_PER_FILE}-{number % PASSAGES_PER_FILE}."
        spans = sentence_spans(text)
        average: np.ndarray = np.mean([v for _, v in chosen], axis=0)
        sentence_matrix = np.vstack([by_text.get(text[a:b], average) for a, b in spans]).astype(np.float32)
        vector = np.mean([v for _, v in chosen], axis=0) + noise.normal(0, 0.01, size=chosen[0][1].shape)
        vector = (vector / np.linalg.norm(vector)).astype(np.float32)
        source = str((home / "dossiers" / f"dossier-{number // PASSAGES_PER_FILE:05d}.md").resolve())
        region = REGIONS[(number // PASSAGES_PER_FILE) % len(REGIONS)]
        cid = f"s{number:08d}"
        title = f"Dossier {number // PASSAGES_PER_FILE}"
        meta: dict[str, Any] = {"source": source, "title": title, "section": "Verslag",
                "start": (number % PASSAGES_PER_FILE) * 1000, "end": (number % PASSAGES_PER_FILE) * 1000 + len(text),
                "region": region, "reference_date": "2025-01-01"}
        batch.append((cid, text, meta, vector, spans, sentence_matrix))
        entry = files.setdefault(source, FileEntry(path=source, name=Path(source).name, hash="",
                                                  chunk_ids=[], title=title, region=region))
        entry.chunk_ids.append(cid)
        contents.setdefault(source, []).append(text)
        if len(batch) >= GET_BATCH:
            flush()
            if number % 10000 < GET_BATCH:
                print(f"  {existing + number + 1} passages ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    flush()
    # the files exist on disk with these contents, so that later index runs see them unchanged
    (home / "dossiers").mkdir(parents=True, exist_ok=True)
    for source, texts in contents.items():
        Path(source).write_text("\n\n".join(texts) + "\n", encoding="utf-8")
        files[source].hash = file_hash(Path(source))
    store.put_files(files)
    state = store.state()
    assert state is not None
    store.write_state(state.model_copy(update={"version": new_version()}))
    del CHUNKS


def _cold_model(model_dir: Path, where: Path) -> Path:
    """A copy of the model folder (same name, so the same fingerprint) whose vector cache starts empty:
    an index run through it embeds every passage with the model and writes the cache, as a first run does."""
    copy = where / "models" / model_dir.name
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(model_dir, copy)
    return copy


def _card_texts() -> list[str]:
    from kennisbank.ingest.chunking import chunk_document
    from kennisbank.ingest.discovery import shipped_cards
    from kennisbank.ingest.readers import read_document

    return [c.embedding_text() for card in shipped_cards() for c in chunk_document(read_document(card, 50 * 2**20), card.name)]


def _raw_encode(embedder: Any, texts: list[str]) -> float:
    started = time.perf_counter()
    embedder.encode_passages(texts)
    return len(texts) / (time.perf_counter() - started)


def _ingest(embedder: Any, model_dir: Path) -> dict[str, float]:
    """Passages/s of indexing the cards into an empty index (sentence vectors included, the vector cache
    empty, so every passage goes through the model and into the cache) against raw `model.encode` of the
    same passages, timed before and after the run and averaged: a shared machine's load drifts. Then
    `--opnieuw` once more, now served by the vector cache (`rebuild_cached_s`)."""
    from kennisbank.ingest.indexer import build_index
    from koploper.settings import Settings

    texts = _card_texts()
    raw_before = _raw_encode(embedder, texts)
    with tempfile.TemporaryDirectory(prefix="koploper-ingest-") as home:
        settings = Settings(home=Path(home), embedding_model=_cold_model(model_dir, Path(home)), chroma_url=None, vector_cache_mb=2000)
        started = time.perf_counter()
        report = build_index(settings, embedder=embedder)
        indexing = report.chunks_total / (time.perf_counter() - started)
        started = time.perf_counter()
        build_index(settings, rebuild=True, embedder=embedder)
        rebuild_cached = time.perf_counter() - started
    raw = (raw_before + _raw_encode(embedder, texts)) / 2
    return {
        "ingest_chunks_per_s": round(indexing, 1),
        "raw_encode_chunks_per_s": round(raw, 1),
        "ingest_ratio": round(indexing / raw, 2),
        "rebuild_cached_s": round(rebuild_cached, 2),
    }


def _ingest_at_scale(settings: Any, embedder: Any, model_dir: Path) -> dict[str, float]:
    """Passages/s of indexing the cards' text as new files of the user into the N-passage index (the
    model through an empty vector cache, so it embeds every passage) against raw `model.encode` of the
    same passages: what the store, the word index and the cache cost per passage at N, not only in an
    empty index. The files are taken out again afterwards, so the cached corpus stays N passages."""
    from kennisbank.ingest.discovery import shipped_cards
    from kennisbank.ingest.indexer import build_index

    texts = _card_texts()
    folder = Path(tempfile.mkdtemp(prefix="koploper-scale-ingest-"))
    for card in shipped_cards():
        shutil.copy(card, folder / card.name)
    cold = settings.model_copy(update={"embedding_model": _cold_model(model_dir, folder / "model-home"), "vector_cache_mb": 2000})
    raw_before = _raw_encode(embedder, texts)
    try:
        started = time.perf_counter()
        report = build_index(cold, [folder], embedder=embedder)
        seconds = time.perf_counter() - started
    finally:
        build_index(cold, remove=[folder], embedder=embedder)
        shutil.rmtree(folder)
    raw = (raw_before + _raw_encode(embedder, texts)) / 2
    indexing = report.chunks_embedded / seconds
    return {
        "ingest_at_n_chunks": report.chunks_embedded,
        "ingest_at_n_chunks_per_s": round(indexing, 1),
        "ingest_at_n_raw_chunks_per_s": round(raw, 1),
        "ingest_at_n_ratio": round(indexing / raw, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="one JSON line (the default output)")
    parser.add_argument("--server", metavar="URL", help="measure against this Chroma server (the index is copied in)")
    parser.add_argument("--no-update", action="store_true", help="skip the one-file update and ingest figures")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest figures (re-indexes the cards)")
    parser.add_argument("--open-once", metavar="HOME", help=argparse.SUPPRESS)  # the child of open_in_new_process
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--question", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.open_once:
        print(json.dumps(open_once(Path(args.open_once), Path(args.model), args.server, args.question)))
        return 0
    load_start = [round(x, 1) for x in os.getloadavg()]

    from platformdirs import user_cache_dir

    from kennisbank.ingest.indexer import build_index
    from kennisbank.model.convert import ensure_model
    from kennisbank.model.embedding import Embedder
    from kennisbank.service import KnowledgeBase
    from kennisbank.store.copying import copy_store
    from kennisbank.store.embedded import EmbeddedStore
    from kennisbank.store.server import ServerStore
    from kennisbank.store.upgrades import CHUNKING, SENTENCE_VECTORS
    from koploper.settings import Settings, load_settings

    model_dir = ensure_model(Settings(embedding_model=None, chroma_url=None, home=load_settings().home))
    cache = Path(user_cache_dir("koploper")) / f"bench-scale-{args.chunks}"
    cached = None
    if (cache / "index" / "store" / "chroma.sqlite3").exists():
        probe = EmbeddedStore(cache / "index")
        cached = probe.state()
        probe.close()  # Chroma keeps one client per folder in a process: let go before the folder goes
    if cached is not None and (cached.chunking != CHUNKING or cached.sentence_vectors != SENTENCE_VECTORS):
        # made by older reading rules: an index run would embed every synthetic passage for real
        print(f"Corpus in {cache} is met oudere regels gemaakt; opnieuw opbouwen …", file=sys.stderr)
        shutil.rmtree(cache)
    if not (cache / "index" / "store" / "chroma.sqlite3").exists() or EmbeddedStore(cache / "index").count() < args.chunks:
        print(f"Corpus van {args.chunks} passages opbouwen in {cache} …", file=sys.stderr)
        build_corpus(cache, args.chunks, model_dir)
    settings = Settings(home=cache, embedding_model=model_dir, chroma_url=None)
    catch_up = time.perf_counter()
    caught = build_index(settings)  # a cache built by older code is brought up to date first, so that
    catch_up = time.perf_counter() - catch_up  # `update_s` below measures one new file, not the catch-up
    if args.server:
        server = ServerStore(args.server)
        if server.state() is None or server.count() != EmbeddedStore(cache / "index").count():  # none, or a copy cut off
            print(f"Index naar {args.server} kopiëren …", file=sys.stderr)
            copy_store(EmbeddedStore(cache / "index"), server)
        client_home = Path(tempfile.mkdtemp(prefix="koploper-scale-client-"))
        settings = Settings(home=client_home, embedding_model=model_dir, chroma_url=args.server)

    questions = _questions()
    opening = open_figures(settings, model_dir, args.server, questions[0])

    embedder = Embedder(model_dir)
    embedder.encode_queries(["opwarmen"])
    rss_model = _rss_mb()
    KnowledgeBase.open(settings, embedder=embedder)
    started = time.perf_counter()
    kb = KnowledgeBase.open(settings, embedder=embedder)
    open_warm = time.perf_counter() - started
    rss = _rss_mb()

    for question in questions:  # warm-up
        kb.search(question, k=5)
    latencies: list[float] = []
    split: dict[str, list[float]] = {k: [] for k in ("embed", "dense", "lexical", "fusion", "answer")}
    floors: list[float] = []
    dense_sets: list[set[str]] = []
    query_vectors: list[np.ndarray] = []
    for question in questions:
        started = time.perf_counter()
        kb.search(question, k=5)
        latencies.append(time.perf_counter() - started)
        for key, value in kb.last_timings.items():
            split[key].append(value)
        dense_sets.append(set(kb.last_dense))
        started = time.perf_counter()
        vector = embedder.encode_queries([question])[0]
        kb.store.query(vector, 10)  # the store's own top-10: one Chroma query, nothing around it
        floors.append(time.perf_counter() - started)
        query_vectors.append(vector)

    # exact cosine top-10 over all vectors, read in batches
    ids: list[str] = []
    matrix_parts: list[np.ndarray] = []
    for cid, _, _, vector in kb.store.iter_chunks(vectors=True):
        ids.append(cid)
        matrix_parts.append(np.asarray(vector, dtype=np.float32)[None, :])
    matrix = np.vstack(matrix_parts)
    recalls = []
    for vector, dense in zip(query_vectors, dense_sets, strict=True):
        scores = matrix @ vector
        top = np.argpartition(-scores, 9)[:10]
        recalls.append(sum(ids[i] in dense for i in top) / 10)

    result: dict[str, object] = {
        "chunks": kb.store.count(),
        "store": "server" if args.server else "embedded",
        "open_s": round(open_warm, 2),
        **opening,
        "rss_mb": round(rss),
        "rss_above_model_mb": round(rss - rss_model),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
        **{f"{key}_ms": round(1000 * statistics.median(values), 1) for key, values in split.items()},
        "floor_p50_ms": round(1000 * statistics.median(floors), 1),
        "dense_recall_at_10": round(float(np.mean(recalls)), 4),
        "questions": len(questions),
        "catch_up_s": round(catch_up, 2),
        "catch_up_chunks_embedded": caught.chunks_embedded,
    }
    if not args.no_update:
        folder = Path(tempfile.mkdtemp(prefix="koploper-scale-update-"))
        note = folder / f"notitie-{time.time_ns()}.txt"
        note.write_text(
            "Notitie wachtlijst\n\nDe wachtlijst voor beschermd wonen in de regio is in het najaar korter geworden. "
            "Gemeenten en corporaties spraken af om elk kwartaal de uitstroom te bespreken.\n",
            encoding="utf-8",
        )
        started = time.perf_counter()
        report = build_index(settings, [note], embedder=embedder)
        result["update_s"] = round(time.perf_counter() - started, 2)
        result["update_chunks_embedded"] = report.chunks_embedded
        started = time.perf_counter()
        kb.search("Wat is er afgesproken over de wachtlijst voor beschermd wonen?", k=3)
        result["first_search_after_update_s"] = round(time.perf_counter() - started, 2)
        build_index(settings, remove=[note], embedder=embedder)  # the cached corpus stays N passages
        shutil.rmtree(folder)
        print(json.dumps(result), file=sys.stderr)  # the search figures survive an interrupted ingest run
    if not args.no_update and not args.no_ingest:
        result.update(_ingest(embedder, model_dir))
        print(json.dumps(result), file=sys.stderr)
        result.update(_ingest_at_scale(settings, embedder, model_dir))
    result["load_start"] = load_start
    result["load"] = [round(x, 1) for x in os.getloadavg()]
    """1, 5 and 15 minute load averages at the start and the end: the machine is shared, and the
    figures (the model's query embedding above all) only compare between runs at similar load."""
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
