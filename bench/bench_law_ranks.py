"""Where does the passage that carries the fact rank? A finding probe for the evaluation sets.

Run from the project root:  python bench/bench_law_ranks.py [--set PATH ...] [--k 30] [--mode hybrid,dense,bm25]
[--dense-weight 0.5]

Per set and mode it prints how many answerable questions have the first passage carrying the fact (one phrase
of `expect_any`, or of any group of `expect_all_groups`) at rank 1, within 3, 5, 10 and k, and with
--details the rank per question (0: not in the first k). The homes are those of bench/bench_answers.py
(gov* sets: the cards plus the government texts), so bench_answers.py must have built them once. The search
skips the answer (it measures finding only), so a run over every set takes minutes, not an hour.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bench_answers import CACHE, TUNING, _jsonl, carries_some

CUTS = (1, 3, 5, 10)


def ranks_of(kb: Any, questions: list[dict[str, Any]], k: int, mode: str) -> dict[str, int]:
    """Per answerable question: the rank (1-based) of the first passage that carries the fact, 0 when none of k."""
    from kennisbank.answer import gate

    found: dict[str, int] = {}
    quiet = gate.answer
    gate.answer = lambda *args, **kwargs: None  # finding only: the quoted answer is bench_answers.py's to measure
    try:
        for number, q in enumerate(questions):
            if not q.get("answerable", True):
                continue
            hits = kb.search(q["q"], k=k, mode=mode).results
            found[str(q.get("id", number))] = next((i + 1 for i, hit in enumerate(hits) if carries_some(hit.text, q)), 0)
    finally:
        gate.answer = quiet
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", type=Path, help="a JSONL set (repeatable); default: every gov* set")
    parser.add_argument("--k", type=int, default=30)
    parser.add_argument("--mode", default="hybrid", help="comma-separated: hybrid, dense, bm25")
    parser.add_argument("--details", action="store_true", help="the rank of every question")
    parser.add_argument(
        "--dense-weight", type=float, default=None, help="the dense share of normalised fusion to try (default: the shipped DENSE_WEIGHT)"
    )
    args = parser.parse_args()
    if args.dense_weight is not None:
        from kennisbank.search import fusion

        fusion.normalised_fusion.__defaults__ = (1.0, args.dense_weight)  # lexical_weight, dense_weight
    sets = args.sets or sorted(TUNING.glob("gov*.jsonl"))

    from kennisbank.model.convert import ensure_model
    from kennisbank.model.embedding import Embedder
    from kennisbank.service import KnowledgeBase
    from koploper.settings import Settings, load_settings

    model = ensure_model(load_settings())
    embedder = Embedder(model)
    opened: dict[str, Any] = {}
    totals: dict[str, list[int]] = {}
    for path in sets:
        home = "overheid" if path.name.startswith("gov") else "kaarten"
        if home not in opened:
            if not (CACHE / home / "index").is_dir():
                print(f"Eerst bench/bench_answers.py draaien: {CACHE / home} ontbreekt.", file=sys.stderr)
                return 2
            opened[home] = KnowledgeBase.open(Settings(home=CACHE / home, embedding_model=model), embedder)
        questions = _jsonl(path)
        for mode in args.mode.split(","):
            ranks = ranks_of(opened[home], questions, args.k, mode)
            counts = [sum(0 < r <= cut for r in ranks.values()) for cut in (*CUTS, args.k)]
            total = totals.setdefault(mode, [0] * (len(counts) + 1))
            for i, count in enumerate([*counts, len(ranks)]):
                total[i] += count
            shown = ", ".join(f"<={cut} {count}" for cut, count in zip((*CUTS, args.k), counts, strict=True))
            print(f"{path.stem} {mode}: {shown} of {len(ranks)}", flush=True)
            if args.details:
                print("  " + " ".join(f"{qid}:{rank}" for qid, rank in ranks.items()))
    for mode, total in totals.items():
        shown = ", ".join(f"<={cut} {count}" for cut, count in zip((*CUTS, args.k), total, strict=False))
        print(f"ALL {mode}: {shown} of {total[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
