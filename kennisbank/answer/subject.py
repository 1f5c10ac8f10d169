"""What a question for a period or date asks it *of*: its nouns, one of which the sentence that gives it must name.

"Hoeveel weken heeft ze om bezwaar te maken?" comes close in meaning to an article in which colleges 'bezwaar
hebben gemaakt' and, a sentence on, 'binnen vier weken' send their views: the quote holds a period, but the
period of something else. "Hoe lang blijft urgentie geldig?" is no question about a verordening that lapses
'zes maanden' after a date. A value answers only in a sentence that names a thing the question asks about.

The things are the question's nouns that the material uses (a noun the material never writes may be the
user's own word for what the sentence says otherwise, and holds no sentence to it): no verbs (a finite form or
an infinitive, by its dictionary form), adjectives or participles, no units of time, no places, and not what a
'hoeveel' question counts (kennisbank.answer.quantity checks that the number counts it). One noun named is
enough: a question also names its asker's circumstance ('mijn cliënt', 'als woningcorporatie'). A word is named
in any inflection, by its root ('afwijzing' by 'afgewezen'), with or without accents ('client', 'cliënt'), or
as a part of a compound ('bezwaar' in 'bezwaarschrift'); a list item ('2°. ten minste zes jaar …') also by the
sentence that opens its list. The check reads the question's form and the sentence's words only, so it holds for
every document.

Only a period or a date is held to the nouns: held for every kind of value, the rule refused counts on the cards
whose sentence names the counted thing but not the question's other words ('om tafel', 'verder'), and a count
or amount already has its own checks (what the number counts, the focus compound).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kennisbank.answer.lists import item_kind
from kennisbank.answer.quantity import counted
from kennisbank.answer.question_kinds import QUESTION_WORDS
from kennisbank.answer.shape import Value, asked_value, carries_value
from kennisbank.answer.word_forms import compound_parts, folded, function_word, root
from koploper.text import dictionary_word

MIN_LETTERS = 3
"""Shorter words name nothing ('ze', 'om'); three letters keep a short name the material writes too ('rha', 'wet')."""
WHOLE_LETTERS = 5
"""A shorter noun is named only as a word of its own: as a piece of a longer word it is chance ('per' in 'persoon')."""
PART_LETTERS = 6
"""A part of a compound this long names the compound's thing ('transformatie' of 'transformatieproject')."""

_ADJECTIVE = re.compile(r"(?:lijke?|ige?|ische?|baar|bare|loos|loze|zaam|zame|ende?|ste)$")
"""Adjectives and superlatives by their endings ('maatschappelijk', 'geldige', 'minimaalste'): they say how a thing is."""


def is_noun(word: str) -> bool:
    """A noun by its dictionary form: not a verb or participle (its dictionary form is an infinitive: 'maken',
    'geeft', 'gaat', 'gekregen', 'beschermd'), nor an adjective."""
    from kennisbank.answer.lemmas import lemma

    base = lemma(word)
    if base.endswith("en") or (base != word and base.endswith("n") and not word.endswith(("n", "s"))):
        return False  # 'maken', 'geeft' ('geven'), 'gekregen' ('krijgen'), 'gaat' ('gaan'); a plural noun has its singular form
    if word.endswith("en") and lemma(base).endswith("en"):
        return False  # an infinitive the dictionary takes for a plural ('zitten': 'zit', whose form is 'zitten')
    return _ADJECTIVE.search(word) is None


def asks_time(question: str) -> bool:
    """The question asks a period or a date ('hoe lang', 'binnen welke termijn', 'hoeveel weken', 'per wanneer'):
    laws and rules name many periods, each of one thing, side by side. A count or an amount is checked by what
    it counts (kennisbank.answer.quantity, the focus compounds of kennisbank.answer.answer_type)."""
    if asked_value(question) in (Value.PERIOD, Value.DATE):
        return True
    things = counted(question)
    return bool(things) and carries_value(Value.PERIOD, "een " + things[0])


_JOINED_QUESTION = re.compile(r"[?.;]\s+|,?\s+(?:en|of)\s+(?=(?:" + "|".join(sorted(QUESTION_WORDS | {"per", "vanaf", "sinds", "binnen"})) + r")\b)", re.IGNORECASE)
"""Where one question ends and the next begins: a sentence end, or 'en'/'of' before a question word ('Vanaf wanneer
geldt de wet en welke groepen …?', '… in en hoe werkt het?')."""


def time_clause(question: str) -> str:
    """The part of a question of several that asks the period or date ('Per wanneer gaat het woonplaatsbeginsel in'
    of '… in en hoe werkt het nieuwe verdeelmodel?'): the value is asked of its nouns, not of the other part's. The
    whole question when no one part alone asks a time, or several do."""
    parts = [part for part in _JOINED_QUESTION.split(question) if part.strip()]
    timed = [part for part in parts if asks_time(part)]
    return timed[0] if len(parts) > 1 and len(timed) == 1 else question


def subject_nouns(question: str, known: Callable[[str], bool], places: frozenset[str] = frozenset()) -> list[str]:
    """The nouns of the question a value is asked of, in lower case; [] when it names none the material uses.
    Names and `places` are left to the checks of kennisbank.answer.answer_type, which read a sentence's
    whole context (its region, its title's other names)."""
    skip = set(counted(question)) | places
    tokens = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", question)
    found: list[str] = []
    for position, token in enumerate(tokens):
        if position and tokens[position - 1].lower() == "hoe":
            continue  # the degree asked ('hoe lang', 'hoe groot', 'hoe vaak'): the value, not its thing
        for word in token.split("-"):  # 'wmo-beschikking': its parts
            lowered = word.lower()
            if word != lowered and position:
                continue  # a name ('Haaglanden', 'Wmo'): not a thing to find in the sentence itself
            if _subject(lowered, known, skip):
                found.append(lowered)
    return list(dict.fromkeys(found))


def _subject(word: str, known: Callable[[str], bool], skip: set[str] | frozenset[str]) -> bool:
    """A noun of the material's that is no unit of time, no function word and nothing already checked (`skip`)."""
    from kennisbank.search.lexical import stopwords

    if len(word) < MIN_LETTERS or word in stopwords() or word in skip or function_word(word):
        return False
    return not carries_value(Value.PERIOD, "een " + word) and is_noun(word) and known(word)


_REFERRED = re.compile(r"[^\W\d_]+(?=,?\s+(?:als\s+)?bedoeld\s+(?:in|bij)\b)", re.IGNORECASE)
"""A noun a law points elsewhere for ('een bezwaar als bedoeld in onderdeel f', 'de vergunning, bedoeld in artikel
21'): the thing another provision defines, which the question, naming the noun without that provision, does not name."""


def names_subject(nouns: Sequence[str], texts: Sequence[str]) -> bool:
    """One of the nouns stands in the texts: in some inflection or by its root, as a word or a part of one, or by a
    long part of its own ('transformatie' for 'transformatieproject')."""
    words = [folded(w.lower()) for text in texts for w in re.findall(r"[^\W\d_]+", _REFERRED.sub(" ", text))]
    roots = {root(w) for w in words}
    for noun in nouns:
        plain = folded(noun)
        if len(plain) < WHOLE_LETTERS:
            if root(plain) in roots or plain in words:
                return True
            continue  # 'per', 'via', 'rha': inside another word ('persoonsgebonden') they name nothing
        stems = [plain[: max(4, len(plain) - 2)]]  # 'bezwa' of 'bezwaar' in 'bezwaren'
        stems += [part for parts in compound_parts(plain, dictionary_word) for part in parts if len(part) >= PART_LETTERS]
        if root(plain) in roots or any(stem in w for stem in stems for w in words):
            return True
    return False


def with_leads(sentences: Sequence[tuple[str, str]]) -> list[str]:
    """Each (sentence, heading) with the sentence that opens its list, when it is a list item (as
    kennisbank.answer.lists reads one) and that sentence was chosen too under the same heading ('voorrang wordt
    gegeven aan woningzoekenden die: … 2°. ten minste zes jaar …'): the item names its thing through its lead."""
    texts: list[str] = []
    for index, (text, heading) in enumerate(sentences):
        lead = ""
        if item_kind(text) is not None:
            for before, before_heading in reversed(sentences[:index]):
                if before_heading != heading:
                    break
                if item_kind(before) is None:
                    lead = before
                    break
        texts.append(f"{lead} {text}".strip())
    return texts
