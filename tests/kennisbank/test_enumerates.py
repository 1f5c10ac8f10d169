"""A text that numbers three items or more lists its own main points (kennisbank.answer.lists.enumerates)."""

from __future__ import annotations

import pytest

from kennisbank.answer.lists import enumerates


@pytest.mark.parametrize(
    ("text", "numbered"),
    [
        ("Het plan kent drie lijnen: (1) bouwen; (2) verdelen; en (3) begeleiden.", True),
        ("Stappen:\n1. inventariseren\n2. verdelen\n3. evalueren", True),
        ("Er zijn twee lijnen: (1) bouwen en (2) verdelen.", False),
        ("In 2023 kwamen er 2.933 flexwoningen bij, 1. de eerste ronde.", False),
    ],
)
def test_three_numbered_items_are_an_enumeration(text: str, numbered: bool) -> None:
    assert enumerates(text) is numbered
