"""Rounding exact quotas to whole numbers: Hamilton, Sainte-Laguë and D'Hondt, all exact.

Quotas come in as integer numerators over one common denominator, so every comparison is integer
arithmetic: no float drift, the same answer on every machine.

Tie rule (documented in the trace and the README): when two municipalities have exactly the same
claim on the next unit (equal remainder under Hamilton, equal quotient under a divisor method), the
unit goes to the one with the larger key value; if that is equal too, to the lowest CBS code. The
caller passes that order as `order` (smaller sorts first = favoured), so the outcome never depends on
row order.

Divisor methods are computed as "the `total` best units in one fixed order" (unit u of municipality i
has priority q_i / d(u), d(u) = u for D'Hondt and u - 1/2 for Sainte-Laguë). That makes them house
monotone: one more unit in total never takes one away from anybody. Hamilton is not: it can show the
Alabama paradox (see tests/allocation/test_apportion.py and allocation/README.md).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

HAMILTON = "hamilton"
SAINTE_LAGUE = "sainte-lague"
DHONDT = "dhondt"


@dataclass
class Rounding:
    """How the integers came about, for the trace."""

    allocated: list[int]
    base: list[int]
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    tie_winners: list[int] = field(default_factory=list)
    tie_losers: list[int] = field(default_factory=list)


def hamilton(nums: Sequence[int], den: int, total: int, order: Sequence[Any]) -> Rounding:
    """Largest remainder: everyone gets the integer part of the quota, the rest go to the largest remainders.

    The quotas nums[i]/den must add up to `total` exactly.
    """
    base = [n // den for n in nums]
    rest = [n - b * den for n, b in zip(nums, base, strict=True)]
    missing = total - sum(base)
    if missing < 0 or missing > len(nums):
        raise ValueError("quotas do not add up to the total")
    allocated = list(base)
    result = Rounding(allocated=allocated, base=base)
    if missing == 0:
        return result
    ranking = sorted(range(len(nums)), key=lambda i: (-rest[i], order[i]))
    chosen = ranking[:missing]
    for i in chosen:
        allocated[i] += 1
    result.added = chosen
    if missing < len(ranking):
        cutoff = rest[ranking[missing - 1]]
        if rest[ranking[missing]] == cutoff:
            result.tie_winners = [i for i in chosen if rest[i] == cutoff]
            result.tie_losers = [i for i in ranking[missing:] if rest[i] == cutoff]
    return result


class _Best:
    """Heap entry: the unit with the highest priority num/div first, then the favoured by `order`."""

    __slots__ = ("div", "idx", "num", "tie")

    def __init__(self, num: int, div: int, tie: Any, idx: int) -> None:
        self.num, self.div, self.tie, self.idx = num, div, tie, idx

    def __lt__(self, other: _Best) -> bool:
        left, right = self.num * other.div, other.num * self.div
        if left != right:
            return left > right
        return bool(self.tie < other.tie)


class _Worst(_Best):
    """Heap entry: the unit with the lowest priority first, then the least favoured."""

    __slots__ = ()

    def __lt__(self, other: _Best) -> bool:
        left, right = self.num * other.div, other.num * self.div
        if left != right:
            return left < right
        return bool(self.tie > other.tie)


def _below(amount: int, cap: int | None) -> bool:
    """There is room for one more unit under the cap (None = no cap)."""
    return cap is None or amount < cap


def divisor(
    nums: Sequence[int],
    den: int,
    total: int,
    method: str,
    order: Sequence[Any],
    lower: Sequence[int] | None = None,
    upper: Sequence[int | None] | None = None,
) -> Rounding:
    """Sainte-Laguë or D'Hondt on quotas nums[i]/den, within optional per-municipality bounds.

    Starts from the allocation at divisor 1 (quota rounded down for D'Hondt, to nearest for
    Sainte-Laguë) and then adds or removes single units in priority order until the total is met.
    """
    n = len(nums)
    lo = list(lower) if lower is not None else [0] * n
    hi: list[int | None] = list(upper) if upper is not None else [None] * n
    if method == DHONDT:
        def div(unit: int) -> int:
            return unit
        start = [num // den for num in nums]
    elif method == SAINTE_LAGUE:
        def div(unit: int) -> int:
            return 2 * unit - 1
        start = [(2 * num + den) // (2 * den) for num in nums]
    else:
        raise ValueError(f"unknown divisor method {method}")
    base = []
    for i in range(n):
        value = max(start[i], lo[i])
        cap = hi[i]
        if cap is not None and value > cap:
            value = cap
        base.append(value)
    allocated = list(base)
    result = Rounding(allocated=allocated, base=base)
    count = sum(allocated)
    if count < total:
        heap = [_Best(nums[i], div(allocated[i] + 1), order[i], i) for i in range(n) if _below(allocated[i], hi[i])]
        heapq.heapify(heap)
        while count < total:
            if not heap:
                raise ValueError("bounds cannot hold the total")
            top = heapq.heappop(heap)
            i = top.idx
            allocated[i] += 1
            count += 1
            result.added.append(i)
            if _below(allocated[i], hi[i]):
                heapq.heappush(heap, _Best(nums[i], div(allocated[i] + 1), order[i], i))
    elif count > total:
        worst = [_Worst(nums[i], div(allocated[i]), order[i], i) for i in range(n) if allocated[i] > lo[i]]
        heapq.heapify(worst)
        while count > total:
            if not worst:
                raise ValueError("bounds cannot hold the total")
            bottom = heapq.heappop(worst)
            i = bottom.idx
            allocated[i] -= 1
            count -= 1
            result.removed.append(i)
            if allocated[i] > lo[i]:
                heapq.heappush(worst, _Worst(nums[i], div(allocated[i]), order[i], i))
    _divisor_tie(result, nums, div, lo, hi)
    return result


def _divisor_tie(result: Rounding, nums: Sequence[int], div: Any, lo: list[int], hi: list[int | None]) -> None:
    """Record a tie when the last unit given and the first unit refused have the same priority."""
    allocated = result.allocated
    last: tuple[int, int] | None = None  # lowest priority among given (non-forced) units
    first: tuple[int, int] | None = None  # highest priority among refused units
    for i, amount in enumerate(allocated):
        if amount > lo[i] and nums[i] > 0:
            d = div(amount)
            if last is None or nums[i] * last[1] < last[0] * d:
                last = (nums[i], d)
        if _below(amount, hi[i]) and nums[i] > 0:
            d = div(amount + 1)
            if first is None or nums[i] * first[1] > first[0] * d:
                first = (nums[i], d)
    if last is None or first is None or last[0] * first[1] != first[0] * last[1]:
        return
    result.tie_winners = [i for i, a in enumerate(allocated) if a > lo[i] and nums[i] * last[1] == last[0] * div(a)]
    result.tie_losers = [
        i for i, a in enumerate(allocated) if _below(a, hi[i]) and nums[i] * first[1] == first[0] * div(a + 1)
    ]


def apportion_votes(votes: Sequence[int], seats: int, method: str, order: Sequence[Any] | None = None) -> list[int]:
    """Plain apportionment of `seats` by integer `votes` (for tests and comparisons).

    Ties go to the lowest index unless `order` says otherwise.
    """
    weight = sum(votes)
    if weight <= 0:
        raise ValueError("votes must have a positive sum")
    nums = [v * seats for v in votes]
    ranks = list(order) if order is not None else list(range(len(votes)))
    if method == HAMILTON:
        return hamilton(nums, weight, seats, ranks).allocated
    return divisor(nums, weight, seats, method, ranks).allocated
