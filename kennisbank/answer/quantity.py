"""Does the quote give the count a "Hoeveel …?" question asks for?

"Hoeveel inwoners heeft Parkstad?" is near in meaning to "Parkstad is een samenwerking van zeven gemeenten",
and that sentence has a number; it still does not answer. A count answers when a number stands right before
what is counted: "171.200 woningen" for "hoeveel woningen", "acht weken" for "binnen hoeveel weken",
"€ 37 mln" for "hoeveel euro", "30%" for "hoeveel procent". Dates, years and article numbers are no counts.
What is counted matches by stem (woningen/woning) or as the head of a compound either way
(nieuwbouwwoningen/woningen); a synonym the material uses instead ("huizen" for "woningen") is not seen,
so a counted word the material never uses is not checked at all. "Hoeveel mensen …" asks a number of people,
which a number of any noun of persons answers ('120 inwoners', '38 statushouders', '40 woningzoekenden'): such a
noun is told by its Dutch derivation, an agent ('-er' after a verb's stem: inwon-er, houd-er) or a nominalised
present participle ('-ende(n)': woningzoek-ende), not by a list of nouns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from kennisbank.answer.lemmas import lemma
from kennisbank.answer.shape import Value, carries_value
from kennisbank.answer.word_forms import person_noun
from kennisbank.search.lexical import stopwords
from koploper.text import english_word

_NUMBER_WORDS = (
    "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|"
    "achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend"
)
_COUNT = re.compile(r"(?<![\w.,])(?:[±~]\s*)?(?:\d[\d.,]*|(?:" + _NUMBER_WORDS + r")(?:en)?)(?!\w)", re.IGNORECASE)
_NOT_A_COUNT = re.compile(
    r"\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b"
    r"|\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:19|20)\d\d)?"
    r"|\b(?:artikel(?:en)?|lid|onderdeel|hoofdstuk|afdeling|paragraaf|stb\.?|kamerstuk)\s+[\d.:a-z]+(?:,? (?:en|of|tot en met) [\d.:a-z]+)*",
    re.IGNORECASE,
)
_ASKED = re.compile(r"^\W*(?:[^\W\d_]+\s+)?hoeveel\s+(?P<rest>.+)", re.IGNORECASE)
"""'Hoeveel …' or 'Binnen/Met hoeveel …' opening the question; 'Hoe ver van tevoren … hoeveel …' asks a time."""
_MONEY = re.compile(r"€|\beuro\b|\bmln\b|\bmiljoen\b|\bmiljard\b", re.IGNORECASE)
_SHARE = re.compile(r"%|\bprocent\b", re.IGNORECASE)
_DURATION = frozenset(["tijd", "bedenktijd", "doorlooptijd", "wachttijd", "reactietijd"])
"""'Hoeveel tijd …' (and its compounds of duration) asks how long, which no number of 'tijd' answers."""
PEOPLE = frozenset(["mens", "persoon"])
"""The nouns for people in general (the dictionary forms): what they count is counted by any noun of persons."""
WINDOW = 4
"""Words after a number that may name what it counts ('120 inwoners', '85 naar Hagenaars' does not)."""


@lru_cache(maxsize=1)
def _stem() -> Callable[[str], str]:
    import Stemmer

    stem: Callable[[str], str] = Stemmer.Stemmer("dutch").stemWord  # the C extension ships no types
    return stem


def counted(question: str) -> list[str]:
    """What a 'Hoeveel …?' question counts: the word after 'hoeveel' and the next one unless that is a
    function word; [] when the question counts nothing named, or names it in English (the Dutch material cannot
    be searched for 'people' or 'houses')."""
    match = _ASKED.search(question)
    if not match:
        return []
    rest = re.sub(r"^[^\W\d_]+- (?:en|of) ", "", match.group("rest"))  # 'dak- en thuislozen': the whole word
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", rest)
    if not words or words[0].lower() in stopwords() or english_word(words[0].lower()):
        return []  # 'how many people' (read 'hoeveel people'): a thing named in English is no word to look up
    first = words[0].lower()
    base = lemma(first)
    if base != first and base.endswith("en") and not first.endswith("en"):
        return []  # 'Hoeveel kost …', 'Hoeveel bedraagt …': a verb, the question names nothing it counts
    found = [first]
    plural = len(first) > 4 and first.endswith(("en", "s"))
    if len(words) > 1 and words[1].lower() not in stopwords() and not plural:
        # 'sociale huurwoningen', 'extra woningen': either word may be the thing; after a plural noun the
        # next word is its verb ('hoeveel arbeidsmigranten wonen er'), which counts nothing
        found.append(words[1].lower())
    return found


def asks_how_much(question: str) -> bool:
    """A 'Hoeveel …' question that names nothing it counts asks a quantity all the same: 'Hoeveel mag de huur
    omhoog?' (a verb after 'hoeveel'), 'Hoeveel van die woningen …?' (a part of something). The material's
    sentences about the thing without a number (the article that caps a rent, with its article numbers) do
    not answer it."""
    return _ASKED.search(question) is not None and not counted(question)


def _same_thing(asked: set[str], word: str, following: list[str] | None = None, asked_words: list[str] | None = None) -> bool:
    """The word names an asked thing: the same stem, a compound with it as head ('nieuwbouwwoningen' for
    'woningen'), or the head of an asked compound ('woningen' for 'nieuwbouwwoningen') unless the words
    `following` it name another kind ('woningen voor ouderen' is no number of 'studentenwoningen')."""
    stem = _stem()(word.lower())
    if stem in asked or any(len(stem) > 3 and len(a) > 3 and stem.endswith(a) for a in asked):
        return True
    if asked_words is None:
        return any(len(stem) > 3 and len(a) > 3 and a.endswith(stem) for a in asked)
    lowered = word.lower()
    modifiers = [
        a[: -len(lowered)] if a.endswith(lowered) else a[: -len(stem)]  # 'jongeren' of 'jongerenwoningen', as written
        for a in asked_words
        if len(stem) > 3 and len(_stem()(a)) > len(stem) and _stem()(a).endswith(stem)
    ]
    if not modifiers:
        return False
    rest = [w.lower() for w in following or []]
    if len(rest) > 1 and rest[0] in ("voor", "van", "met") and rest[1] not in stopwords():
        return any(modifier[: max(4, len(modifier) - 2)] in rest[1] for modifier in modifiers)
    return True


def gives_count(question: str, texts: Iterable[str], known: Callable[[str], bool]) -> bool:
    """True unless the question asks 'hoeveel <thing>' and no text has a number right before that thing
    (money and shares need an amount or a percentage). `known`: whether the material uses a word; a thing it
    never names is asked in the user's own words and cannot be checked this way."""
    things = counted(question)
    if not things:
        return True
    text = _NOT_A_COUNT.sub(" ", " ".join(texts))
    if things[0] in ("euro", "geld"):
        return bool(_MONEY.search(text))
    if things[0] == "procent":
        return bool(_SHARE.search(text))
    if things[0] in _DURATION:
        return True  # 'hoeveel tijd' asks a period, not a count of 'tijd': kennisbank.answer.shape checks it
    if carries_value(Value.PERIOD, "twee " + things[0]):
        # 'hoeveel uur huishoudelijke hulp': a unit of time is counted, in the material's words or not, right
        # after its number and also as a compound's head ('vijf kalenderjaren' for 'hoeveel jaar'); 'twee weken'
        # to decide on an application are no hours of help
        unit = _stem()(things[0])
        return any(_stem()(word.lower()).endswith(unit) for word in _UNIT_AFTER_NUMBER.findall(text))
    if not all(known(thing) for thing in things):
        parts = _compound(things[0], known) if not known(things[0]) else None
        if parts is None:
            return True
        # 'studentenwoningen' the material never uses: a number of 'woningen' in a text about 'studenten'
        modifier, head = parts
        if modifier[: max(4, len(modifier) - 2)] not in text.lower():
            return False
        things = [head]
    asked = {_stem()(thing) for thing in things}
    people = lemma(things[0]) in PEOPLE  # 'hoeveel mensen': '120 inwoners' counts them
    for number in _COUNT.finditer(text):
        after = re.findall(r"[^\W\d_]+", text[number.end() : number.end() + 120])[: WINDOW + 2]
        if any(
            (_same_thing(asked, word, after[i + 1 :], things) and not _other_kind(after[i + 1 :], question))
            or (people and person_noun(word))
            for i, word in enumerate(after[:WINDOW])
        ):
            return True
    return False


_FOR = ("voor", "van")
"""The prepositions that say for whom or what a counted thing is ('woningen voor ouderen', 'plekken van de opvang')."""


def _other_kind(following: list[str], question: str) -> bool:
    """The counted word is followed by whom or what it is for ('18.410 woningen voor ouderen'), a word the question
    does not have, while the question says itself whom or what it asks about ('hoeveel woningen … voor dak- en
    thuislozen'): the number counts another kind of the thing."""
    if len(following) < 2 or following[0].lower() not in _FOR:
        return False
    kind = following[1].lower()
    if kind in stopwords() or len(kind) < 4:
        return False
    match = _ASKED.search(question)
    rest = (match.group("rest") if match else question).lower()
    if not re.search(r"\bvoor\s+(?!\d)[^\W\d_]", rest):
        return False
    return kind[: max(4, len(kind) - 2)] not in rest


_UNIT_AFTER_NUMBER = re.compile(r"(?:" + _COUNT.pattern + r"|\b(?:een|half|halve|anderhalf)\b)\s+([^\W\d_]+)", re.IGNORECASE)
"""The word right after a number ('dertien weken', 'vijf kalenderjaren', 'een jaar'): the unit it counts."""


def _compound(word: str, known: Callable[[str], bool]) -> tuple[str, str] | None:
    """A compound the material never uses split into its modifier and the longest head it does use
    ('studentenwoningen' -> 'studenten', 'woningen'); None when no part of four letters or more is known."""
    for cut in range(4, len(word) - 3):
        if known(word[cut:]):
            return word[:cut].rstrip("-"), word[cut:]
    return None


def mentions_counted(question: str, text: str) -> bool:
    """The text names what a 'Hoeveel …?' question counts (with or without a number); True when it counts nothing.
    'Hoeveel mensen … is niet bekend' is about a 'hoeveel mensen' question, not about 'hoeveel gemeenten'."""
    things = counted(question)
    if not things:
        return True
    asked = {_stem()(thing) for thing in things}
    return any(_same_thing(asked, word) for word in re.findall(r"[^\W\d_]+", text))


def count_before(noun: str, text: str, window: int = WINDOW) -> int | None:
    """Where the first number that counts `noun` ends its noun in the text ('dertien Groninger
    woningcorporaties' for 'corporaties': the end of 'woningcorporaties'); None when no number counts it.
    Dates, years and article numbers are no counts."""
    asked = {_stem()(noun.lower())}
    text = _NOT_A_COUNT.sub(lambda m: " " * len(m.group(0)), text)
    for number in _COUNT.finditer(text):
        words = list(re.finditer(r"[^\W\d_]+", text[number.end() : number.end() + 120]))[:window]
        for word in words:
            if _same_thing(asked, word.group(0)):
                return number.end() + word.end()
    return None
