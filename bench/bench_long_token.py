"""Pathological text benchmark: one 300 KB unbroken token in a file, a 1 MB word in a question.

Run from the project root:  .venv/bin/python bench/bench_long_token.py [--lexical-only]

The bound (issue 10): no input makes opening or searching the knowledge base more than BOUND_S seconds
slower. Measured twice, each time beside the same run without the pathological input:
- lexical: building the BM25/compound index over the shipped cards' chunks (what every open does) and
  scoring a question, without a model;
- full: `KnowledgeBase.open` on a real index (cards, or cards plus the 300 KB-token file) and `search`
  with a normal question and with the same question plus a 1 MB word.
Exits 1 when a difference exceeds the bound.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _setup import cards_home, copy_home

from kennisbank.ingest.chunking import chunk_document
from kennisbank.ingest.discovery import shipped_cards
from kennisbank.ingest.indexer import build_index
from kennisbank.ingest.readers import read_document
from kennisbank.search.lexical import LexicalIndex
from koploper.settings import load_settings

BOUND_S = 1.0
"""Largest slowdown allowed for opening or searching because of pathological input."""
TOKEN_BYTES = 300_000
QUERY_WORD_BYTES = 1_000_000
QUESTION = "Welke gemeenten horen bij Parkstad?"


def _token(length: int, seed: int) -> str:
    """A hex dump without spaces: letters a–f and digits, as a log or export would hold."""
    generator = random.Random(seed)
    return "".join(generator.choice("0123456789abcdef") for _ in range(length))


def _long_token_file(folder: Path) -> Path:
    path = folder / "hexdump.txt"
    path.write_text(f"Logboek export\n\nDe sleutel is {_token(TOKEN_BYTES, 1)} volgens het systeem. Daarna volgt het verslag.\n", encoding="utf-8")
    return path


def _pair(plain: Callable[[], object], pathological: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds of each, measured in turns: the machine is shared, so load hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, bucket in ((plain, times[0]), (pathological, times[1])):
            started = time.perf_counter()
            action()
            bucket.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def lexical(folder: Path) -> list[tuple[str, float, float]]:
    """Open (index build) and query cost of the lexical side, without and with the pathological input."""
    texts = [c.text for card in shipped_cards() for c in chunk_document(read_document(card, 2**26), card.name)]
    extra = [c.text for c in chunk_document(read_document(_long_token_file(folder), 2**26), "hexdump.txt")]
    opening = _pair(lambda: LexicalIndex(texts), lambda: LexicalIndex(texts + extra), 3)
    index = LexicalIndex(texts + extra)
    long_question = f"{QUESTION} {_token(QUERY_WORD_BYTES, 2)}"
    query = _pair(
        lambda: (index.scores(QUESTION), index.coverage(QUESTION)),
        lambda: (index.scores(long_question), index.coverage(long_question)),
        5,
    )
    return [("lexicale index openen", *opening), ("lexicaal zoeken, 1 MB-woord", *query)]


def full(folder: Path) -> list[tuple[str, float, float]]:
    """KnowledgeBase.open and search on real indexes: the cards alone, and the cards plus the token file."""
    from kennisbank.service import KnowledgeBase

    plain_settings = cards_home(folder / "gewoon", load_settings().model_path)
    long_settings = copy_home(plain_settings, folder / "lang")
    files = folder / "bestanden"
    files.mkdir()
    build_index(long_settings, [_long_token_file(files)])
    opening = _pair(lambda: KnowledgeBase.open(plain_settings), lambda: KnowledgeBase.open(long_settings), 3)
    plain, long = KnowledgeBase.open(plain_settings), KnowledgeBase.open(long_settings)
    hit = "Wat zegt het logboek over de sleutel?"
    for knowledge_base in (plain, long):
        knowledge_base.search(QUESTION)  # warm-up
    long_question = f"{QUESTION} {_token(QUERY_WORD_BYTES, 2)}"
    assert any(r.source.endswith("hexdump.txt") for r in long.search(hit).results[:3]), "the 300 KB chunk is hit"
    return [
        ("kennisbank openen", *opening),
        ("zoeken, gewone vraag", *_pair(lambda: plain.search(QUESTION), lambda: long.search(QUESTION), 5)),
        ("zoeken, vraag + 1 MB-woord", *_pair(lambda: long.search(QUESTION), lambda: long.search(long_question), 5)),
        ("zoeken, treft het 300 KB-stuk", *_pair(lambda: plain.search(hit), lambda: long.search(hit), 5)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexical-only", action="store_true", help="alleen de lexicale kant, zonder model")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="koploper-bench-lang-"))
    try:
        (folder / "lex").mkdir()
        rows = lexical(folder / "lex")
        if not args.lexical_only:
            (folder / "full").mkdir()
            rows += full(folder / "full")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{'meting':34} {'gewoon':>9} {'lang woord':>11} {'verschil':>9}  (grens {BOUND_S:.1f} s)")
    over = False
    for name, plain, long in rows:
        over |= long - plain > BOUND_S
        print(f"{name:34} {plain:8.3f}s {long:10.3f}s {long - plain:+8.3f}s")
    print("binnen de grens" if not over else "GRENS OVERSCHREDEN")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
