"""The accounting rule over ≥ 10,000 generated conversations (issue 22): every number gets a role or a
question, and no follow-up changes the total unless it names one.

The grammar is tests/assistant/phrasing_grammar.py (the property test runs a few thousand of the same).
Prints the counts. Run: python bench/bench_accounting.py [--n 10000] [--full 1000]
`--n` conversations go through the parser and the router; `--full` of them also through the whole
assistant (engine, replies, clarifying questions).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from _setup import ROOT  # noqa: F401  (the worktree first on the path)

from assistant.parsing.accounting import role_of
from assistant.parsing.message import parse_message
from tests.assistant.phrasing_grammar import random_conversation
from tests.assistant.test_accounting import route_conversation, run_conversation


def _count_numbers(seed: int, counts: Counter[str]) -> None:
    for i, turn in enumerate(random_conversation(seed)):
        counts["turns"] += 1
        counts["follow-ups" if i else "requests"] += 1
        msg = parse_message(turn.text)
        for n in msg.numbers:
            counts["numbers"] += 1
            role = role_of(n, msg.roles)
            counts[f"role {role.role if role else 'none (asked)'}"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--full", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    failures: list[str] = []
    start = time.perf_counter()
    for seed in range(args.seed, args.seed + args.n):
        _count_numbers(seed, counts)
        problems = route_conversation(random_conversation(seed))
        counts["conversations"] += 1
        counts["conversations with a problem"] += bool(problems)
        counts["dropped numbers"] += sum("no role" in p or "read as" in p or "not shown" in p for p in problems)
        counts["asked about"] += sum(1 for t in random_conversation(seed) for e in t.expects if e.role == "asked")
        counts["total changed without being named"] += sum("without being named" in p for p in problems)
        failures += [f"seed {seed}: {p}" for p in problems]
    routed = time.perf_counter() - start
    full: Counter[str] = Counter()
    start = time.perf_counter()
    for seed in range(args.seed, args.seed + args.full):
        problems = run_conversation(random_conversation(seed))
        full["conversations"] += 1
        full["conversations with a problem"] += bool(problems)
        full["dropped numbers"] += sum("no role" in p or "read as" in p or "not shown" in p for p in problems)
        full["total changed without being named"] += sum("without being named" in p for p in problems)
        failures += [f"seed {seed} (full): {p}" for p in problems]
    whole = time.perf_counter() - start
    print(f"parser + router: {args.n} conversations in {routed:.1f} s")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]}")
    print(f"whole assistant: {args.full} conversations in {whole:.1f} s")
    for key in sorted(full):
        print(f"  {key}: {full[key]}")
    for line in failures[:20]:
        print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
