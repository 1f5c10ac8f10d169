"""Time bounds the tests used to assert, measured here instead (a loaded machine made them flake):

- every message of a fuzzed conversation gets its reply well within 2 s (tests/assistant/test_fuzz.py
  checks the replies themselves, with the same generated messages);
- `parse_message` takes any text of up to 3000 characters well within 2 s;
- `koploper voorbereiden` is a quick no-op (well within 5 s) when model and index are there.

Prints the slowest and the median case of each, in milliseconds, against its bound, and exits 1 when
a bound is exceeded. Run from the project root (after `koploper voorbereiden`; `make bench` does):
  .venv/bin/python bench/bench_bounds.py [--examples 300]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time

import _setup  # noqa: F401  (offline, quiet, this worktree importable: before the project's imports)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.cli import main as koploper
from assistant.parsing import parse_message
from tests.assistant.helpers import offline_assistant
from tests.assistant.test_fuzz import messages

REPLY_BOUND = 2.0
PARSE_BOUND = 2.0
PREPARE_BOUND = 5.0


def _line(label: str, seconds: list[float], bound: float) -> str:
    worst = max(seconds)
    verdict = "ok" if worst < bound else "TE TRAAG"
    return (
        f"{label:<34} n={len(seconds):>4}  p50 {statistics.median(seconds) * 1000:8.1f} ms  "
        f"max {worst * 1000:8.1f} ms  grens {bound * 1000:6.0f} ms  {verdict}"
    )


def reply_times(examples: int) -> list[float]:
    """Seconds per reply over fuzzed conversations of an assistant without knowledge index."""
    assistant = offline_assistant()
    assistant.load_knowledge()  # fails once (no index), so knowledge questions answer at once, as in the test
    seconds: list[float] = []

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(messages, min_size=1, max_size=5))
    def run(texts: list[str]) -> None:
        conv = assistant.new_conversation()
        for text in texts:
            start = time.perf_counter()
            conv.ask(text)
            seconds.append(time.perf_counter() - start)

    run()
    return seconds


def parse_times(examples: int) -> list[float]:
    """Seconds per `parse_message` over any text of up to 3000 characters."""
    seconds: list[float] = []

    @settings(max_examples=examples, deadline=None, database=None)
    @given(st.text(max_size=3000))
    def run(text: str) -> None:
        start = time.perf_counter()
        parse_message(text)
        seconds.append(time.perf_counter() - start)

    run()
    return seconds


def prepare_times(rounds: int) -> list[float]:
    """Seconds per `koploper voorbereiden` in this process, when model and index are already there."""
    seconds: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = koploper(["voorbereiden"])
        seconds.append(time.perf_counter() - start)
        if code != 0 or "aanwezig" not in out.getvalue():
            raise SystemExit(f"voorbereiden was geen no-op (code {code}): {out.getvalue()[-300:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=300, help="generated conversations and texts")
    parser.add_argument("--rounds", type=int, default=3, help="runs of `koploper voorbereiden`")
    args = parser.parse_args()
    figures = [
        ("antwoord per bericht (fuzz)", reply_times(args.examples), REPLY_BOUND),
        ("parse_message, tekst ≤ 3000 tekens", parse_times(args.examples), PARSE_BOUND),
        ("koploper voorbereiden (no-op)", prepare_times(args.rounds), PREPARE_BOUND),
    ]
    for label, seconds, bound in figures:
        print(_line(label, seconds, bound), flush=True)
    return 0 if all(max(seconds) < bound for _, seconds, bound in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
