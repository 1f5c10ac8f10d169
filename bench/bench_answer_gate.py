"""When does the kennisbank answer, and when does it say the material has nothing? Separate sentence vectors
against late chunking.

Run from the project root:  .venv/bin/python bench/bench_answer_gate.py [--details]

Builds two temporary indexes of the shipped cards: one whose sentence vectors come from a second model pass
over every sentence, one whose sentence vectors are pooled from the passage pass (late chunking,
kennisbank.store.upgrades.LATE_CHUNKING). For each it asks the development questions (dev_vragen*.jsonl, which the
cards answer), the unknown development questions (dev_onbekend*.jsonl) and bench/near_topic_questions.txt
(questions in the field's own words that no card answers), and prints:
- per answer bound (kennisbank.answer.gate.ANSWER_CALIBRATION, by kind of sentence vectors), how many answerable questions get an answer
  that carries the fact, and how many unanswerable ones get an answer anyway;
- the closest calls on both sides;
- indexing speed of each kind beside raw model.encode of the passages.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from _setup import EVAL, ROOT

os.environ["KOPLOPER_VECTOR_CACHE_MB"] = "0"  # timed index runs embed every passage, whatever an earlier run cached

import kennisbank.answer.gate as gate
import kennisbank.ingest.embed as embed
import kennisbank.ingest.indexer as indexer
import kennisbank.service as service
from kennisbank.answer.evidence import Candidate, choose
from kennisbank.ingest.chunking import chunk_document
from kennisbank.ingest.discovery import shipped_cards
from kennisbank.ingest.readers import read_document
from kennisbank.store import upgrades
from koploper.settings import Settings, load_settings

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder

NEAR_TOPIC = ROOT / "bench" / "near_topic_questions.txt"

BOUNDS = [0.80, 0.81, 0.82, 0.825, 0.83, 0.835, 0.84, 0.85]


@dataclass
class Outcome:
    """One question under one kind of sentence vectors, asked with no answer bound."""

    question: str
    answerable: bool
    expect: list[str]
    answer: str | None
    gate: float | None
    """Highest cosine among the chosen sentences: what the answer bound is compared with."""

    def answered(self, bound: float) -> bool:
        return self.answer is not None and self.gate is not None and self.gate >= bound

    def carries_fact(self) -> bool:
        return any(e.lower() in (self.answer or "").lower() for e in self.expect)


def _set_switch(module: ModuleType, name: str, value: object) -> None:
    """Rebind a module global the engine reads at call time: the switch this experiment turns."""
    setattr(module, name, value)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _questions() -> list[tuple[str, bool, list[str]]]:
    answerable: list[tuple[str, bool, list[str]]] = [(q["q"], True, q["expect_any"]) for p in sorted(EVAL.glob("dev_vragen*.jsonl")) for q in _jsonl(p)]
    unknown: list[tuple[str, bool, list[str]]] = [(q["q"], False, []) for p in sorted(EVAL.glob("dev_onbekend*.jsonl")) for q in _jsonl(p)]
    near: list[tuple[str, bool, list[str]]] = [
        (line.strip(), False, [])
        for line in NEAR_TOPIC.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return answerable + unknown + near


def _build(home: Path, late: bool, model: Path, embedder: Embedder) -> tuple[Settings, float]:
    """An index of the shipped cards with the given kind of sentence vectors; returns passages/s."""
    _set_switch(embed, "LATE_CHUNKING", late)
    _set_switch(indexer, "SENTENCE_VECTORS", 2 if late else 1)
    settings = Settings(home=home, embedding_model=model)
    started = time.perf_counter()
    report = indexer.build_index(settings, [], rebuild=True, embedder=embedder)
    return settings, report.chunks_embedded / (time.perf_counter() - started)


def _ask(kb: service.KnowledgeBase, questions: list[tuple[str, bool, list[str]]]) -> list[Outcome]:
    """Every question with the bound off; the gate value is read from the sentences `choose` picks."""
    seen: dict[str, float | None] = {}

    def recording(found: list[Candidate], margin: float) -> list[Candidate]:
        chosen = choose(found, margin)
        seen["gate"] = max((c.semantic for c in chosen), default=None)
        return chosen

    _set_switch(gate, "choose", recording)
    calibration = dict(gate.ANSWER_CALIBRATION)
    gate.ANSWER_CALIBRATION = {kind: c._replace(bound=-1.0) for kind, c in calibration.items()}
    try:
        outcomes = []
        for question, answerable, expect in questions:
            seen.clear()
            response = kb.search(question, k=3)
            outcomes.append(Outcome(question, answerable, expect, response.answer, seen.get("gate")))
        return outcomes
    finally:
        _set_switch(gate, "choose", choose)
        gate.ANSWER_CALIBRATION = calibration


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="every unanswerable question answered anyway")
    args = parser.parse_args()

    from kennisbank.model.convert import ensure_model
    from kennisbank.model.embedding import Embedder

    model = ensure_model(load_settings())
    embedder = Embedder(model)
    questions = _questions()
    texts = [
        chunk.embedding_text()
        for card in shipped_cards()
        for chunk in chunk_document(read_document(card, 2**30), card.name)
    ]
    embedder.encode_passages(texts[:8])  # warm-up
    started = time.perf_counter()
    embedder.encode_passages(texts)
    raw = len(texts) / (time.perf_counter() - started)

    in_use = (upgrades.LATE_CHUNKING, upgrades.SENTENCE_VECTORS)
    n_answerable = sum(1 for _, answerable, _ in questions if answerable)
    n_unknown = len(questions) - n_answerable
    print(f"{n_answerable} beantwoordbare vragen, {n_unknown} onbeantwoordbare ({NEAR_TOPIC.name} en dev_onbekend*)")
    print(f"raw model.encode van de {len(texts)} passages: {raw:.1f} passages/s\n")
    for label, late in (("aparte zinsvectoren", False), ("late chunking", True)):
        with tempfile.TemporaryDirectory(prefix="koploper-gate-") as home:
            settings, speed = _build(Path(home), late, model, embedder)
            kb = service.KnowledgeBase.open(settings, embedder)
            outcomes = _ask(kb, questions)
            del kb
        used = gate.ANSWER_CALIBRATION[2 if late else 1]
        print(f"{label} (grens {used.bound}, marge {used.margin}): indexeren {speed:.1f} passages/s ({speed / raw:.2f} x raw encode)")
        print(f"  {'grens':>6} {'antwoord met feit':>18} {'beantwoordbaar beantwoord':>26} {'onbeantwoordbaar beantwoord':>28}")
        for bound in BOUNDS:
            fact = sum(o.answered(bound) and o.carries_fact() for o in outcomes if o.answerable)
            answered = sum(o.answered(bound) for o in outcomes if o.answerable)
            wrong = sum(o.answered(bound) for o in outcomes if not o.answerable)
            print(f"  {bound:>6.3f} {fact:>14}/{n_answerable} {answered:>22}/{n_answerable} {wrong:>24}/{n_unknown}")
        lowest = sorted((o.gate, o.question) for o in outcomes if o.answerable and o.answer and o.gate is not None)[:3]
        highest = sorted(
            ((o.gate, o.question) for o in outcomes if not o.answerable and o.answer and o.gate is not None), reverse=True
        )[:3]
        print("  laagste beantwoordbare: " + "; ".join(f"{g:.3f} {q}" for g, q in lowest))
        print("  hoogste onbeantwoordbare die alle andere toetsen doorstaan: " + "; ".join(f"{g:.3f} {q}" for g, q in highest))
        if args.details:
            bound = used.bound
            for o in outcomes:
                if not o.answerable and o.answered(bound):
                    print(f"    beantwoord bij {bound}: {o.question} -> {o.answer!r}")
        print()
    _set_switch(embed, "LATE_CHUNKING", in_use[0])
    _set_switch(indexer, "SENTENCE_VECTORS", in_use[1])
    print(f"In gebruik: late chunking {'aan' if in_use[0] else 'uit'}, grens en marge per soort zinsvectoren")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Belasting (load average 1/5/15 min): {load} op {os.cpu_count()} kernen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
