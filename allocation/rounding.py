"""The rounding-method registry: each method's algorithm and its lines in the trace, by name.

The names and labels come from koploper.methods (shared with the parser and the app); this table adds
what only the engine needs. A new method is one `RoundingMethod` here and one entry in
koploper.methods; the engine, `--vergelijk` and the trace pick it up from these two tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from allocation import apportion
from koploper.methods import METHOD_LABELS, METHODS
from koploper.numbers import fmt_dec, fmt_int

TIE_RULE = (
    "bij een exacte gelijkstand gaat de eenheid naar de gemeente met de grootste sleutelwaarde, "
    "en is die ook gelijk, naar de gemeente met de laagste CBS-code"
)
SHOWN = 40
"""Names listed in one trace line before '… en nog N'."""

Round = Callable[[Sequence[int], int, int, Sequence[Any], Sequence[int] | None, Sequence[int | None] | None], apportion.Rounding]
Explain = Callable[[str, apportion.Rounding, list[Fraction], list[str]], list[str]]


@dataclass(frozen=True)
class RoundingMethod:
    """How one method rounds exact quotas (nums/den) to integers, and how the trace explains it."""

    name: str
    round: Round
    """(nums, den, total, order, lower, upper) → Rounding; bounds are None when the request has none."""
    explain: Explain
    """(label, rounding, quotas, names) → Dutch trace lines about the rounding step."""


def _hamilton(nums: Sequence[int], den: int, total: int, order: Sequence[Any], lower: Sequence[int] | None, upper: Sequence[int | None] | None) -> apportion.Rounding:
    # the quotas already respect the bounds (water filling), and Hamilton stays within floor and ceiling
    return apportion.hamilton(nums, den, total, order)


def _divisor(method: str) -> Round:
    def round_(nums: Sequence[int], den: int, total: int, order: Sequence[Any], lower: Sequence[int] | None, upper: Sequence[int | None] | None) -> apportion.Rounding:
        return apportion.divisor(nums, den, total, method, order, lower, upper)

    return round_


def _explain_hamilton(label: str, rounding: apportion.Rounding, quotas: list[Fraction], names: list[str]) -> list[str]:
    lines = [f"Afronden met {label}: eerst krijgt elke gemeente het gehele deel van haar quotum, samen {fmt_int(sum(rounding.base))}."]
    if rounding.added:
        shown = [f"{names[i]} (rest {fmt_dec(quotas[i] - rounding.base[i], 4)})" for i in rounding.added[:SHOWN]]
        more = f" en nog {len(rounding.added) - SHOWN}" if len(rounding.added) > SHOWN else ""
        lines.append(f"De overige {fmt_int(len(rounding.added))} gaan één voor één naar de grootste resten: " + ", ".join(shown) + more + ".")
    return lines


def _explain_divisor(how: str) -> Explain:
    def explain(label: str, rounding: apportion.Rounding, quotas: list[Fraction], names: list[str]) -> list[str]:
        lines = [
            f"Afronden met {label}: elke gemeente krijgt haar quotum gedeeld door één gemeenschappelijke deler, {how}; "
            f"de deler is zo gekozen dat het totaal klopt. Bij deler 1 is dat samen {fmt_int(sum(rounding.base))}."
        ]
        for units, text in ((rounding.added, "Daarna kreeg er één bij, in volgorde van de hoogste deling: "),
                            (rounding.removed, "Daarna ging er één af, in volgorde van de laagste deling: ")):
            if units:
                lines.append(text + ", ".join(names[i] for i in units[:SHOWN]) + ("…" if len(units) > SHOWN else "") + ".")
        return lines

    return explain


ROUNDING: dict[str, RoundingMethod] = {
    "hamilton": RoundingMethod("hamilton", _hamilton, _explain_hamilton),
    "sainte-lague": RoundingMethod("sainte-lague", _divisor(apportion.SAINTE_LAGUE), _explain_divisor("gewoon afgerond (vanaf een half naar boven)")),
    "dhondt": RoundingMethod("dhondt", _divisor(apportion.DHONDT), _explain_divisor("naar beneden afgerond")),
}
assert set(ROUNDING) == set(METHODS), "koploper.methods and the rounding registry name the same methods"


def rounding_lines(method: str, rounding: apportion.Rounding, quotas: list[Fraction], names: list[str]) -> list[str]:
    """The trace lines of the rounding step, ending with the tie rule (applied or not needed)."""
    lines = ROUNDING[method].explain(METHOD_LABELS[method], rounding, quotas, names)
    if rounding.tie_winners and rounding.tie_losers:
        lines.append(
            "Gelijkstand tussen " + ", ".join(names[i] for i in [*rounding.tie_winners, *rounding.tie_losers])
            + f": volgens de vaste regel ({TIE_RULE}) ging de eenheid naar " + ", ".join(names[i] for i in rounding.tie_winners) + "."
        )
    else:
        lines.append(f"Er was geen gelijkstand; de vaste regel voor gelijkstand ({TIE_RULE}) was niet nodig.")
    return lines
