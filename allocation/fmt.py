"""Exact arithmetic helpers of the engine (Dutch number formatting lives in koploper.numbers)."""

from __future__ import annotations

import math
from fractions import Fraction


def fsum(values: list[Fraction]) -> Fraction:
    """Exact sum of fractions, fast when they share small denominators."""
    if all(v.denominator == 1 for v in values):
        return Fraction(sum(v.numerator for v in values))
    common = math.lcm(*(v.denominator for v in values))
    return Fraction(sum(v.numerator * (common // v.denominator) for v in values), common)
