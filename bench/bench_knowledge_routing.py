"""Knowledge questions must never be read as an allocation request (issue 22, point 4).

Runs every question of one or more JSONL files ({"id", "q", ...}: the cards and gov sets) through the
real assistant offline, each in a fresh conversation, and counts how many come back as an allocation,
a comparison or a question about one (should be none). The model is never loaded: a question that
is routed to the knowledge base gets the offline 'not available' reply.

Run: python bench/bench_knowledge_routing.py bench/eval/cards_tuning.jsonl bench/eval/gov_tuning.jsonl [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from _setup import ROOT  # noqa: F401  (the worktree first on the path)

from tests.assistant.helpers import offline_conversation

MISROUTED = {"allocation", "clarify"}
"""Intents that mean a knowledge question was taken for (a question about) an allocation."""


def misrouted(path: Path, verbose: bool) -> tuple[int, int]:
    """How many questions of one file were taken for an allocation, and how many there are."""
    questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = 0
    for item in questions:
        reply = offline_conversation().ask(item["q"])
        if reply.intent in MISROUTED or reply.key_comparison is not None:
            wrong += 1
            if verbose:
                print(f"  {item['id']}: {item['q']!r} -> {reply.intent}")
    return wrong, len(questions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", type=Path, nargs="+", help="JSONL files of knowledge questions")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every misrouted question")
    args = parser.parse_args()
    total_wrong = total = 0
    for path in args.paths:
        wrong, count = misrouted(path, args.verbose)
        print(f"{path.name:<28} {wrong:>3}/{count:<3} read as allocation")
        total_wrong, total = total_wrong + wrong, total + count
    print(f"{'overall':<28} {total_wrong:>3}/{total:<3} read as allocation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
