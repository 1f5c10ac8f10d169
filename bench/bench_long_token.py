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
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kennisbank.chunking import chunk_document  # noqa: E402
from kennisbank.indexer import build_index, shipped_cards  # noqa: E402
from kennisbank.lexical import LexicalIndex  # noqa: E402
from kennisbank.readers import read_document  # noqa: E402
from kennisbank.settings import Settings, load_settings  # noqa: E402

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
    path.write_text(f"Logboek export\n\nDe sleutel is {_token(TOKEN_BYTES, 1)} volgens het systeem.\n", encoding="utf-8")
    return path


def _best(action: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` runs (the machine is shared; the median is steadier than one run)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def lexical(folder: Path) -> list[tuple[str, float, float]]:
    """Open (index build) and query cost of the lexical side, without and with the pathological input."""
    texts = [c.text for card in shipped_cards() for c in chunk_document(read_document(card, 2**26), card.name)]
    extra = [c.text for c in chunk_document(read_document(_long_token_file(folder), 2**26), "hexdump.txt")]
    plain_open = _best(lambda: LexicalIndex(texts), 3)
    long_open = _best(lambda: LexicalIndex(texts + extra), 3)
    index = LexicalIndex(texts + extra)
    word = _token(QUERY_WORD_BYTES, 2)
    plain_query = _best(lambda: (index.scores(QUESTION), index.coverage(QUESTION)), 5)
    long_query = _best(lambda: (index.scores(f"{QUESTION} {word}"), index.coverage(f"{QUESTION} {word}")), 5)
    return [("lexicale index openen", plain_open, long_open), ("lexicaal zoeken", plain_query, long_query)]


def full(folder: Path) -> list[tuple[str, float, float]]:
    """KnowledgeBase.open and search on real indexes: the cards alone, and the cards plus the token file."""
    from kennisbank.service import KnowledgeBase

    model = load_settings().model_path
    plain_home, long_home = folder / "gewoon", folder / "lang"
    build_index(Settings(home=plain_home, embedding_model=model))
    shutil.copytree(plain_home / "index", long_home / "index")
    files = folder / "bestanden"
    files.mkdir()
    build_index(Settings(home=long_home, embedding_model=model), [_long_token_file(files)])
    plain_open = _best(lambda: KnowledgeBase.open(Settings(home=plain_home, embedding_model=model)), 3)
    long_open = _best(lambda: KnowledgeBase.open(Settings(home=long_home, embedding_model=model)), 3)
    knowledge_base = KnowledgeBase.open(Settings(home=long_home, embedding_model=model))
    knowledge_base.search(QUESTION)  # warm-up
    word = _token(QUERY_WORD_BYTES, 2)
    plain_search = _best(lambda: knowledge_base.search(QUESTION), 5)
    long_search = _best(lambda: knowledge_base.search(f"{QUESTION} {word}"), 5)
    hit_search = _best(lambda: knowledge_base.search("Wat zegt het logboek over de sleutel?"), 5)
    return [
        ("kennisbank openen", plain_open, long_open),
        ("zoeken (1 MB-woord in de vraag)", plain_search, long_search),
        ("zoeken (treft het 300 KB-stuk)", plain_search, hit_search),
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
