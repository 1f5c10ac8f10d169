"""Dutch number display: thousands with dots, decimals with a comma."""

from __future__ import annotations

from fractions import Fraction

from tui import format as fmt


def test_dutch_numbers() -> None:
    assert fmt.integer(1234567) == "1.234.567"
    assert fmt.integer(120) == "120"
    assert fmt.decimal(1234.5) == "1.234,50"
    assert fmt.decimal(-1234.5, 1) == "-1.234,5"
    assert fmt.decimal(Fraction(1, 3), 3) == "0,333"
    assert fmt.percent(0.1234, 2) == "12,34 %"
    assert fmt.percent(1, 2) == "100,00 %"
    assert fmt.integer("n.v.t.") == "n.v.t."


def test_amounts_in_their_unit() -> None:
    assert fmt.amount(442179, "euro") == "€ 442.179"
    assert fmt.amount(1234.56, "euro", cents=True) == "€ 1.234,56"
    assert fmt.amount(1234.5, "euro", cents=True) == "€ 1.234,50"
    assert fmt.amount(442179, "woningen") == "442.179"
    assert fmt.amount(None, "euro") == "None"
