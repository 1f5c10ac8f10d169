"""Split a blind evaluation set once, at random, into a tuning half and a frozen half.

Run: python bench/eval/split.py SET.jsonl NAME SEED  (writes NAME_tuning.jsonl and NAME_frozen.jsonl here)
The seed is recorded in README.md; the halves keep the writer's order.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path


def main() -> int:
    source, name, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    order = list(range(len(lines)))
    random.Random(seed).shuffle(order)
    tuning = set(order[: len(lines) // 2])
    here = Path(__file__).parent
    for half, keep in (("tuning", True), ("frozen", False)):
        chosen = [line for i, line in enumerate(lines) if (i in tuning) == keep]
        (here / f"{name}_{half}.jsonl").write_text("\n".join(chosen) + "\n", encoding="utf-8")
        print(f"{name}_{half}: {len(chosen)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
