"""A template grammar of allocation messages, for the accounting property (tests and bench).

Each generated turn knows which role every number it contains should get (total, cap, floor,
existing, years, year) and how the reply's "Ik lees dit als …" line shows it. The phrasings cover the
families of issue 22: totals, caps and floors in several wordings (amounts, euros, shares), existing
effort, years, reference years, as full requests and as follow-ups.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from hypothesis import strategies as st

from koploper.numbers import fmt_int

_T = TypeVar("_T")


class Pick(Protocol):
    """Where the grammar's choices come from: hypothesis (shrinkable) or a seeded Random (fast, for bench)."""

    def choice(self, options: Sequence[_T]) -> _T: ...
    def integer(self, lo: int, hi: int) -> int: ...
    def boolean(self) -> bool: ...
    def sample(self, options: Sequence[_T], k: int) -> list[_T]: ...


class DrawPick:
    """Choices drawn by hypothesis."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def choice(self, options: Sequence[_T]) -> _T:
        return self.draw(st.sampled_from(list(options)))

    def integer(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def boolean(self) -> bool:
        return self.draw(st.booleans())

    def sample(self, options: Sequence[_T], k: int) -> list[_T]:
        return self.draw(st.lists(st.sampled_from(list(options)), min_size=k, max_size=k, unique=True))


class RandomPick:
    """Choices from a seeded Random (bench: 10,000 conversations in seconds)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def choice(self, options: Sequence[_T]) -> _T:
        return self.rng.choice(list(options))

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def boolean(self) -> bool:
        return self.rng.random() < 0.5

    def sample(self, options: Sequence[_T], k: int) -> list[_T]:
        return self.rng.sample(list(options), k)


REGIONS: dict[str, list[str]] = {
    "Parkstad": ["Heerlen", "Kerkrade", "Brunssum", "Landgraaf"],
    "Haaglanden": ["Zoetermeer", "Westland", "Den Haag", "Leidschendam-Voorburg"],
    "de MRA": ["Zaanstad", "Haarlemmermeer", "Almere", "Purmerend"],
    "regio Enschede": ["Hengelo", "Enschede", "Losser", "Oldenzaal"],
}
MEMBERS = {"Parkstad": 7, "Haaglanden": 8, "de MRA": 30, "regio Enschede": 8}
KEYS = ["", " voor 70% naar inwoners en voor 30% naar huishoudens", " half naar inwoners en half naar de woningvoorraad", " naar inwoners", " naar huishoudens", " op basis van de woningvoorraad", " naar rato van het aantal huishoudens"]
COUNT_UNITS = ["woningen", "plekken", "statushouders"]
SMALL_WORDS = {5: "vijf", 10: "tien", 12: "twaalf", 20: "twintig", 3: "drie", 4: "vier"}


@dataclass
class Expect:
    """One number the text contains: where (the exact substring), its role and how the reply shows it."""

    text: str
    role: str
    shown: str
    at: int | None = None
    """Where `text` starts in the message (set when the turn is put together)."""


@dataclass
class Turn:
    text: str
    expects: list[Expect] = field(default_factory=list)
    total: int | None = None
    """The total the reply must use (the previous one when the turn names none)."""
    names_total: bool = False


def _num(p: Pick, value: int, words_ok: bool = True) -> str:
    if words_ok and value in SMALL_WORDS and p.boolean():
        return SMALL_WORDS[value]
    return fmt_int(value)


def _amount(euro: bool, p: Pick, value: int) -> tuple[str, str]:
    """The phrase for an amount per municipality and how the read-as line shows it."""
    if euro:
        form = p.choice(["{n} euro", "€ {n}", "€{n}"])
        return form.format(n=fmt_int(value)), f"€ {fmt_int(value)}"
    return _num(p, value), fmt_int(value)


CAP_FORMS = [
    "maximaal {a} per gemeente", "hoogstens {a} per gemeente", "niet meer dan {a} per gemeente",
    "geen gemeente meer dan {a}", "geen enkele gemeente krijgt meer dan {a}", "elke gemeente krijgt hooguit {a}",
    "met een plafond van {a}", "een bovengrens van {a}", "iedere gemeente ten hoogste {a}",
    "ten hoogste {a} voor elke gemeente", "geen gemeente boven de {a}",
]
FLOOR_FORMS = [
    "minimaal {a} per gemeente", "elke gemeente minstens {a}", "iedere gemeente krijgt ten minste {a}",
    "met een ondergrens van {a}", "op zijn minst {a} per gemeente", "niet minder dan {a} per gemeente",
    "een vloer van {a}", "elke gemeente krijgt er minstens {a}", "met een minimum van {a}",
]
SHARE_CAP_FORMS = ["maximaal {p} per gemeente", "geen gemeente krijgt meer dan {p}", "hoogstens {p} per gemeente",
                   "een plafond van {p}", "geen enkele gemeente meer dan {p}"]
EXISTING_FORMS = [
    "{m} heeft al {e} gehuisvest", "{m} heeft er al {e} opgevangen", "{m} heeft al {e} gerealiseerd",
    "{m} heeft reeds {e} gebouwd", "{m} heeft inmiddels {e} gehuisvest",
]
YEARS_FORMS = ["over {y} jaar", "in {y} jaar", "gespreid over {y} jaar", "uitgesmeerd over {y} jaar",
               "verdeeld over de komende {y} jaar"]
REFYEAR_FORMS = ["voor {y}", "in {y}", "met peiljaar {y}"]
JOINS = [", ", " en ", ", met ", "; "]


@dataclass
class Context:
    region: str
    euro: bool
    unit: str
    total: int
    members: list[str]


def clause(p: Pick, ctx: Context, kinds: list[str]) -> tuple[str, list[Expect]]:
    """One side clause of a kind drawn from `kinds`: cap, floor, share cap, existing, years, reference year."""
    kind = p.choice(kinds)
    if kind == "cap":
        value = p.integer(ctx.total // 3, ctx.total // 2) if not ctx.euro else p.integer(300, 600) * 1000
        phrase, shown = _amount(ctx.euro, p, value)
        return p.choice(CAP_FORMS).format(a=phrase), [Expect(phrase, "cap", f"maximaal {shown} per gemeente")]
    if kind == "floor":
        value = p.choice([3, 4, 5, 10, 12]) if not ctx.euro else p.integer(10, 50) * 1000
        phrase, shown = _amount(ctx.euro, p, value)
        return p.choice(FLOOR_FORMS).format(a=phrase), [Expect(phrase, "floor", f"minimaal {shown} per gemeente")]
    if kind == "share":
        pct = p.choice([30, 35, 40, 45, 50, 60])
        phrase = p.choice([f"{pct}%", f"{pct} procent"])
        return p.choice(SHARE_CAP_FORMS).format(p=phrase), [Expect(phrase, "cap", f"maximaal {pct}% van het totaal")]
    if kind == "existing":
        who = p.choice(ctx.members)
        value = p.integer(1, max(2, ctx.total // 20)) if not ctx.euro else p.integer(1, 90) * 1000
        phrase = fmt_int(value) if ctx.euro or p.boolean() else _num(p, value)
        text = p.choice(EXISTING_FORMS).format(m=who, e=phrase)
        return text, [Expect(phrase, "existing", fmt_int(value))]
    if kind == "years":
        years = p.integer(2, 6)
        phrase = _num(p, years)
        return p.choice(YEARS_FORMS).format(y=phrase), [Expect(phrase, "years", f"gespreid over {years} jaar")]
    if kind == "two_existing":
        first, second = p.sample(ctx.members, 2)
        a, b = p.integer(1, 9), p.integer(11, 19)
        text = f"{first} heeft er al {a} gerealiseerd en {second} {b}"
        return text, [Expect(str(a), "existing", str(a)), Expect(str(b), "existing", str(b))]
    if kind == "when":
        who, ago, value = p.choice(ctx.members), p.integer(2, 5), p.integer(11, 19)
        text = f"{who} heeft {ago} jaar geleden al {value} gehuisvest"
        return text, [Expect(str(ago), "when", f"{ago} jaar geleden"), Expect(str(value), "existing", str(value))]
    if kind == "stray":  # a number with no role in its sentence: the reply must ask about it
        stray = str(p.integer(13, 97))
        text = p.choice(["met {n} als richtgetal", "zoals besproken in overleg {n}", "volgens scenario {n}"]).format(n=stray)
        return text, [Expect(stray, "asked", stray)]
    if kind == "date":
        day, year = p.integer(1, 28), p.integer(2023, 2026)
        phrase = f"{day} {p.choice(['januari', 'juli', 'oktober'])} {year}"
        return f"(peildatum {phrase})", [Expect(phrase, "date", f"{phrase} als datum")]
    if kind == "members":
        count = MEMBERS[ctx.region]
        return f"over de {count} gemeenten", [Expect(str(count), "members", f"{count} als het aantal gemeenten")]
    reference_year = str(p.integer(2023, 2030))
    return p.choice(REFYEAR_FORMS).format(y=reference_year), [Expect(reference_year, "year", reference_year)]


def context(p: Pick) -> Context:
    region = p.choice(sorted(REGIONS))
    euro = p.boolean() and p.boolean()
    total = p.integer(12, 90) * 100_000 if euro else p.integer(120, 900)
    unit = "euro" if euro else p.choice(COUNT_UNITS)
    return Context(region, euro, unit, total, REGIONS[region])


def _total_phrase(p: Pick, ctx: Context, value: int) -> tuple[str, str]:
    if ctx.euro:
        form = p.choice(["€ {n}", "{n} euro"])
        return form.format(n=fmt_int(value)), f"€ {fmt_int(value)}"
    return f"{fmt_int(value)} {ctx.unit}", f"{fmt_int(value)} {ctx.unit}"


SIDE_KINDS = ["cap", "floor", "share", "existing", "years", "year", "two_existing", "when", "date", "members"]


def _place(found: list[Expect], words: str, offset: int) -> None:
    """Note where each expected number stands: in `words`, which starts at `offset` in the message."""
    cursor = 0
    for expect in found:
        expect.at = offset + words.index(expect.text, cursor)
        cursor = expect.at - offset + len(expect.text)


def full_request(p: Pick, ctx: Context) -> Turn:
    """'Verdeel 300 woningen over Parkstad naar inwoners, maximaal 80 per gemeente en …'."""
    phrase, shown = _total_phrase(p, ctx, ctx.total)
    kinds = p.sample([*SIDE_KINDS, "stray"], p.integer(0, 3))
    if "cap" in kinds and "share" in kinds:
        kinds.remove("share")
    if len({"existing", "two_existing", "when"} & set(kinds)) > 1:  # one existing-effort clause per message
        kinds = [k for k in kinds if k not in ("two_existing", "when")]
    clauses = [clause(p, ctx, [k]) for k in kinds]
    opener = p.choice(["Verdeel {t} over {r}{k}", "Verdeel {t} over {r}{k}", "Bereken de verdeling van {t} over {r}{k}"])
    text = opener.format(t=phrase, r=ctx.region, k=p.choice(KEYS))
    expects = [Expect(phrase, "total", shown, at=text.index(phrase))]
    for words, found in clauses:
        text += p.choice(JOINS)
        _place(found, words, len(text))
        text += words
        expects += found
    return Turn(text + p.choice(["", ".", "?"]), expects, total=ctx.total, names_total=True)


def follow_up(p: Pick, ctx: Context) -> Turn:
    """A follow-up on the last request: one side clause, a new key, or a new total (said as such)."""
    what = p.choice(["side", "side", "side", "key", "total"])
    if what == "total":
        new = ctx.total + p.integer(1, 50) * (100_000 if ctx.euro else 1)
        phrase, shown = _total_phrase(p, ctx, new)
        form = p.choice(["En met {t}?", "Wat als het {t} zijn?", "En als het er {t} zijn?", "Maak het {t}."])
        ctx.total = new
        return Turn(form.format(t=phrase), [Expect(phrase, "total", shown)], total=new, names_total=True)
    if what == "key":
        key = p.choice(["huishoudens", "de woningvoorraad", "inwoners"])
        form = p.choice(["En naar {k}?", "Wat als we naar {k} verdelen?", "En als we naar {k} kijken?"])
        return Turn(form.format(k=key), [], total=ctx.total)
    words, found = clause(p, ctx, SIDE_KINDS)
    form = p.choice(["En als {c}?", "Wat als {c}?", "En {c}?", "{C}.", "Stel dat {c}."])
    text = form.format(c=words, C=words[:1].upper() + words[1:])
    _place(found, words[1:], form.index("{") + 1)
    return Turn(text, found, total=ctx.total)


def conversation(p: Pick) -> list[Turn]:
    """A full request followed by zero to three follow-ups on it."""
    ctx = context(p)
    turns = [full_request(p, ctx)]
    for _ in range(p.integer(0, 3)):
        turns.append(follow_up(p, ctx))
    return turns


@st.composite
def conversations(draw: st.DrawFn) -> list[Turn]:
    """The grammar as a hypothesis strategy."""
    return conversation(DrawPick(draw))


def random_conversation(seed: int) -> list[Turn]:
    """The grammar driven by a seeded Random."""
    return conversation(RandomPick(seed))
