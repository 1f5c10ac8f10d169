"""Allocation messages in users' own words (issue 22): how many conversations come out fully right.

Runs a JSONL file of conversations ({"id", "family", "turns": [{"say", "expect": {...}}]}) through the
real assistant, one conversation per line with its turns in one conversation (as the app keeps it),
and prints per family and overall how many turns and conversations are fully right: intent, group,
total, unit, key, compared keys, every limit, existing effort, years, focus, the words that must be
mentioned, and the allocated rows obey every limit.

Run: python bench/bench_allocation_words.py [bench/eval/alloc_tuning.jsonl] [-v]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from _setup import ROOT  # noqa: F401  (the worktree first on the path)

from allocation.data import load_dataset
from allocation.names import resolve_municipality
from assistant.models import Reply
from tests.assistant.helpers import offline_conversation


def _name(text: str) -> str:
    """A municipality's official name (aliases such as Den Haag resolved), else the text folded."""
    found = resolve_municipality(text, load_dataset())
    return found.name if found is not None else text.strip().lower()


def _intent(reply: Reply) -> str:
    return "comparison" if reply.key_comparison is not None else reply.intent


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-6)


def _key(key: dict[str, float]) -> dict[str, float]:
    total = sum(w for w in key.values() if w > 0) or 1.0
    return {k: round(w / total, 3) for k, w in key.items() if w > 0}


def _limit(expect: dict[str, Any] | None, absolute: int | None, share: float | None, columns: dict[str, float]) -> bool:
    if not expect:
        return absolute is None and share is None and not columns
    if "amount" in expect:
        return absolute is not None and _close(absolute, expect["amount"]) and share is None
    if "share" in expect:
        return share is not None and _close(share, expect["share"]) and absolute is None
    return False


def _rows_obey(reply: Reply) -> list[str]:
    """The allocated rows against the request's own limits (cap, floor, whole numbers, the total)."""
    request, result = reply.request, reply.result
    if request is None or result is None:
        return []
    problems: list[str] = []
    allocated = [row.allocated / (100 if result.cents else 1) for row in result.rows]
    cap, floor = request.max_per_municipality(), request.min_per_municipality()
    if cap is not None and max(allocated) > cap:
        problems.append(f"a row above the cap {cap}")
    if floor is not None and min(allocated) < floor:
        problems.append(f"a row below the floor {floor}")
    if request.total is not None and not _close(sum(allocated), float(request.total)):
        problems.append("rows do not add up to the total")
    return problems


def check(reply: Reply, expect: dict[str, Any]) -> list[str]:
    """What is wrong with one reply against its expectation (empty: fully right)."""
    wrong: list[str] = []
    intent = _intent(reply)
    if intent != expect["intent"]:
        wrong.append(f"intent {intent} (expected {expect['intent']})")
    for word in expect.get("must_mention", []):
        if word.lower() not in reply.answer.lower():
            wrong.append(f"does not mention {word!r}")
    if expect["intent"] in ("knowledge", "help"):
        return wrong
    request = reply.request
    if request is None:
        return [*wrong, "no request"]
    # a question is checked only on what the expectation names; an answer on every limit too
    skip = {k for k in ("cap", "floor", "existing", "years", "compare_keys") if k not in expect} if expect["intent"] == "clarify" else set()
    if "region" in expect and (request.region or "").lower() != expect["region"].lower():
        wrong.append(f"region {request.region!r}")
    if "municipalities" in expect:
        got = {_name(m) for m in request.municipalities or []}
        if got != {_name(m) for m in expect["municipalities"]}:
            wrong.append(f"municipalities {sorted(got)}")
    if "total" in expect and not _close(request.total, expect["total"]):
        wrong.append(f"total {request.total}")
    if "unit" in expect and expect["unit"] not in (request.unit, request.unit_kind):
        wrong.append(f"unit {request.unit}")
    if "key" in expect and not request.compare_keys and _key(request.key) != _key(expect["key"]):
        wrong.append(f"key {request.key}")
    return wrong + _limits_wrong(request, expect, skip) + _rows_obey(reply)


def _limits_wrong(request: Any, expect: dict[str, Any], skip: set[str]) -> list[str]:
    """Compared keys, cap, floor, existing effort, years and focus against the expectation."""
    wrong: list[str] = []
    compared = [k for key in request.compare_keys for k in key] if request.compare_keys else []
    if "compare_keys" not in skip and compared != expect.get("compare_keys", []):
        wrong.append(f"compared keys {compared}")
    if "cap" not in skip and not _limit(expect.get("cap"), request.cap_absolute, request.cap_share, request.caps):
        wrong.append(f"cap {request.cap_absolute or request.cap_share or request.caps or None}")
    if "floor" not in skip and not _limit(expect.get("floor"), request.floor_absolute, request.floor_share, request.floors):
        wrong.append(f"floor {request.floor_absolute or request.floor_share or request.floors or None}")
    existing = {_name(k): float(v) for k, v in request.existing_amounts.items()}
    if "existing" not in skip and existing != {_name(k): float(v) for k, v in (expect.get("existing") or {}).items()}:
        wrong.append(f"existing {request.existing_amounts}")
    if "years" not in skip and request.years != (expect.get("years") or 1):
        wrong.append(f"years {request.years}")
    if "focus" in expect and _name(request.focus or "") != _name(expect["focus"]):
        wrong.append(f"focus {request.focus!r}")
    return wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path, nargs="?", default=Path(__file__).parent / "eval" / "alloc_tuning.jsonl",
                        help="a JSONL file of conversations (default: the tuning half, bench/eval/alloc_tuning.jsonl)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every wrong turn")
    args = parser.parse_args()
    conversations = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    turns: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    whole: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in conversations:
        conv = offline_conversation()
        ok_all = True
        for turn in item["turns"]:
            reply = conv.ask(turn["say"])
            wrong = check(reply, turn["expect"])
            turns[item["family"]][0] += not wrong
            turns[item["family"]][1] += 1
            ok_all &= not wrong
            if wrong and args.verbose:
                print(f"{item['id']} {item['family']}: {turn['say']!r}: {'; '.join(wrong)}")
        whole[item["family"]][0] += ok_all
        whole[item["family"]][1] += 1
    print(f"{'family':<12} {'turns':>9} {'conversations':>15}")
    for family in sorted(whole):
        t, c = turns[family], whole[family]
        print(f"{family:<12} {t[0]:>4}/{t[1]:<4} {c[0]:>7}/{c[1]:<7}")
    t = [sum(v[0] for v in turns.values()), sum(v[1] for v in turns.values())]
    c = [sum(v[0] for v in whole.values()), sum(v[1] for v in whole.values())]
    print(f"{'overall':<12} {t[0]:>4}/{t[1]:<4} {c[0]:>7}/{c[1]:<7}  fully right: {100 * c[0] / max(c[1], 1):.1f} % of conversations, "
          f"{100 * t[0] / max(t[1], 1):.1f} % of turns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
