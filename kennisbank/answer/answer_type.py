"""Does a chosen sentence hold a value of the type the question asks for, about what the question names?

A near-topic question the material cannot answer is close in meaning to sentences about the same thing:
"Hoeveel is de eigen bijdrage …?" to the article that says who sets it, "Hoe heet de kwartiermaker van
Haaglanden?" to a sentence that names the national kwartiermaker, "Hoeveel leden …?" to an article full of
article numbers. The question's wh-word and the head it asks about decide the type of value an answer holds
(kennisbank.answer.shape, kennisbank.answer.quantity); this module asks it of each chosen sentence on its own:
- numbers that refer (artikel 25, lid 3, onderdeel b, Stb. 2014/458) and the numbers the question itself
  names are no value: "Hoeveel standplaatsen … volgens het onderzoek uit 2000?" is not answered by "in 2000";
- when the question names a place or body, the value must stand in a sentence whose context (the sentence,
  its heading, its document's title, its region and that region's other names) names it: a name in a
  sentence about the national programme does not answer who the kwartiermaker of one region is.
The rules read the question's form and the sentence's structure only, so they hold for any document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from kennisbank.answer.asker import circumstance
from kennisbank.answer.places import as_names, named_places
from kennisbank.answer.quantity import asks_how_much, counted, gives_count
from kennisbank.answer.question_kinds import QUESTION_WORDS, fold, halves, missing_specifics, specifics
from kennisbank.answer.shape import Value, asked_value, carries_value
from kennisbank.answer.subject import asks_time, is_noun, names_subject, subject_nouns, time_clause, with_leads
from kennisbank.answer.word_forms import compound_parts, finite_verb, function_word, person_noun, root
from koploper.text import dictionary_word

_ORDINALS = "eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde"
_NUMBERED = r"\d+(?:[.:/]\d+)*[a-z]?"
_REFERENCE = re.compile(
    r"\b(?:artikel(?:en)?|art\.|leden|lid|onderdel(?:en)?|onderdeel|hoofdstuk(?:ken)?|(?:onder)?afdeling|paragraaf|§|bijlage|titel|boek|"
    r"stb\.?|stcrt\.?|staatsblad|staatscourant|kamerstuk(?:ken)?|nr\.?|nummer|volzin)\s*" + _NUMBERED
    + r"(?:\s*(?:,|en|of|tot en met)\s*(?:" + _NUMBERED + r"|[a-z]\b)(?![\d%]))*"
    r"|\b" + _NUMBERED + r"(?=,?\s+(?:" + _ORDINALS + r")\s+(?:lid|volzin|onderdeel))"
    r"|\b(?:" + _ORDINALS + r")(?:\s*(?:,|en|of)\s*(?:" + _ORDINALS + r"))*\s+(?:lid|leden|volzin|onderdeel|alinea)\b"
    r"|\b\d{4}/\d+\b|\b\d+/\d{4}\b",
    re.IGNORECASE,
)
"""Numbers that point somewhere (an article, a member, a publication), not values: 'artikel 25, lid 3',
'artikel 25, tweede lid', 'titel 4 van Boek 7', 'of 30, derde lid', 'vierde of vijfde lid' ('derde' is no third here), 'Stb. 2014/458'."""
_LAW_YEAR = re.compile(
    r"(?<=[\w-]wet )(?:19|20)\d\d\b"
    r"|\b(?:wet|wetboek|besluit)(?: (?!(?:in|van|uit|op|per|sinds|vanaf|tot|na|voor|is|was|werd|wordt)\b)[^\W\d_]+)? (?:19|20)\d\d\b",
    re.IGNORECASE,
)
"""The year in a law's name ('Huisvestingswet 2014', 'Wet inkomstenbelasting 2001') is part of a name, no value in
a sentence; a question that writes it still names that year ('per welke datum is de Huisvestingswet 2014 …')."""

_COUNT_OF = re.compile(
    r"^(?:\w+ )?(?:(?:min|max)\.?|minimaal|maximaal|minimum|maximum|minimale|maximale) aantal\b"
    r"|\b(?:wat is|wat was|welk) (?:het |de )?(?:minimale |maximale |totale |gemiddelde )?aantal\b"
    r"|^(?:\w+ )?hoeveel (?:is|was|zijn|waren|bedraagt|bedroeg|bedragen) (?:de|het) ",
)
"""'Min. aantal leden …?', 'Wat is het maximale aantal …?', 'Hoeveel is de eigen bijdrage …?': a number
(an amount when the head names money, see shape's money heads)."""
_MONEY_HEAD = re.compile(r"\b[\w-]*(?:bedrag|budget|bijdrage|tarief|prijs|kosten|salaris|boete|subsidie|huur|grens|vergoeding)\b")
"""Heads that name a sum of money: 'Hoeveel is de eigen bijdrage …?' asks an amount, not any number."""


def expected_value(question: str) -> Value | None:
    """The type of value the question asks for: shape's forms, and the counts and amounts asked as
    'min. aantal …' or 'hoeveel is de …'."""
    value = asked_value(question)
    if value is not None:
        return value
    text = fold(question).strip()
    match = _COUNT_OF.search(text)
    if not match:
        return Value.NUMBER if asks_how_much(question) else None
    if match.group(0).lstrip().startswith(("hoeveel", "wat")) and _MONEY_HEAD.search(text[match.end() :]):
        return Value.MONEY
    return Value.NUMBER


def without_references(text: str, question: str) -> str:
    """The text without numbers that refer and without the numbers the question names itself."""
    text = _LAW_YEAR.sub(" ", _REFERENCE.sub(" ", text))
    own = {re.sub(r"\D", "", number) for number in re.findall(r"\d[\d.]*", _REFERENCE.sub(" ", question))}
    own.discard("")
    if not own:
        return text
    return re.sub(r"(?<![\d.,])\d[\d.]*\d|(?<![\d.,])\d", lambda m: " " if re.sub(r"\D", "", m.group(0)) in own else m.group(0), text)


_HALF_YEAR = re.compile(r"\b(?:eerste|tweede|1e|2e|1ste|2de|elk|ieder|per)\s+(?:half\s*jaar|helft|kwartaal|jaar)\b", re.IGNORECASE)
"""A part of the calendar ('een eerste halfjaar', 'per jaar'), no length of time: 'Hoe lang …?' is not answered by it."""


def holds_value(question: str, text: str, heading: str, known: Callable[[str], bool]) -> bool:
    """The sentence (with its heading for a count) holds a value of the asked type; True when none is asked."""
    value = expected_value(question)
    if value is not None and value is not Value.NAME and value is not Value.CONTACT:
        text = without_references(text, question)
    if value is Value.PERIOD:
        text = _HALF_YEAR.sub(" ", text)
    if value is Value.NAME:
        text = without_places(text)
    if value is not None and not carries_value(value, text, question):
        return False
    if counted(question):
        return gives_count(question, [without_references(text, question), heading], known)
    return True


def focus_compounds(question: str, known: Callable[[str], bool], texts: Sequence[str]) -> list[str]:
    """The compound nouns of the question that the chosen sentences or their headings (`texts`) use themselves
    ('aftoppingsgrens', 'huisvestingsvergunning'): the things a value is asked of, in the material's own word.
    A compound of time ('halfjaar') names no thing, nor a place; a compound the chosen sentences never write
    ('vergunninghouders' for their 'statushouders') is the user's word and holds no sentence to it. What a
    'hoeveel' question counts is checked by kennisbank.answer.quantity, in other words too ('14.100 nieuwe
    woningen' for 'hoeveel nieuwbouw')."""
    words = [word for word in re.findall(r"(?<![\w-])[^\W\d_]+(?![\w-])", question) if word.islower() and word not in counted(question)]
    found = []
    for word in words:
        if len(word) < 9 or not known(word) or word in place_words() or _not_a_noun(word):
            continue
        splits = compound_parts(word, dictionary_word)
        if not splits or any(carries_value(Value.PERIOD, "een " + parts[-1]) for parts in splits):
            continue
        if _names(word, fold(" ".join(texts))):
            found.append(word)
    return list(dict.fromkeys(found))


_ADJECTIVE = re.compile(r"(?:lijke?|ige?|ische?|baar|bare|loos|loze|zaam|zame|ende?)$")
"""Adjectives by their endings ('maatschappelijk', 'persoonlijke', 'geldende'): they say how a thing is, and the
sentence that answers may say it otherwise."""


def _not_a_noun(word: str) -> bool:
    """An adjective, or a participle: its dictionary form is a verb of another form ('voorgenomen': 'voornemen')."""
    return _ADJECTIVE.search(word) is not None or ("ge" in word and finite_verb(word))


def _names(word: str, haystack: str) -> bool:
    """The folded `haystack` has the word in some inflection ('aftoppingsgrenzen' for 'aftoppingsgrens')."""
    return re.search(r"(?<![^\W\d_])" + re.escape(fold(word)[: max(7, len(word) - 2)]), haystack) is not None


def names_focus(focus: Sequence[str], texts: Sequence[str]) -> bool:
    """The texts (a sentence with its heading, title and region names: a title scopes its sentences) name one of
    the focus compounds, whole, by its parts ('woningen voor ouderen' for 'ouderenwoningen') or by its head (the
    'organisaties' of 'huurdersorganisaties', named again): a sentence that
    names neither is about another thing ('€ 7.000 per woning' beside the
    aftoppingsgrens, 'een vergunning als bedoeld in artikel 21' beside the huisvestingsvergunning)."""
    haystack = fold(" ".join(texts))
    for word in focus:
        if _names(word, haystack):
            return True
        for parts in compound_parts(word, dictionary_word):
            if all(len(part) >= 4 for part in parts) and all(_names(part, haystack) for part in parts):
                return True
            if len(parts[-1]) >= 6 and _names(parts[-1], haystack):
                return True  # named again by its head: 'die organisaties' after 'huurdersorganisaties'

    return False


def names_compound(word: str, texts: Sequence[str], scope: Sequence[str] = ()) -> bool:
    """The texts (a sentence and its heading) name the compound whole, in some inflection, or by all its parts
    ('woningen voor ouderen' for 'ouderenwoningen'), or its `scope` (the sentence's own passage and document
    title) writes it whole, so that the sentence speaks of it ('de vergunning' after 'de huisvestingsvergunning').
    Its head alone elsewhere names any thing of its kind: 'een vergunning als bedoeld in artikel 21' is no
    huisvestingsvergunning."""
    haystack = fold(" ".join(texts))
    if _names(word, haystack) or _names(word, fold(" ".join(scope))):
        return True
    return any(
        all(len(part) >= 4 for part in parts) and all(_names(part, haystack) for part in parts)
        for parts in compound_parts(word, dictionary_word)
    )


def question_roots(question: str) -> frozenset[str]:
    """The roots (`root`) of the question's content words: no question words, function words or stopwords."""
    from kennisbank.search.lexical import stopwords

    stop = stopwords()
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", question)]
    return frozenset(root(w) for w in words if len(w) > 2 and w not in stop and w not in QUESTION_WORDS and not function_word(w))


def named_roots(text: str, roots: frozenset[str]) -> frozenset[str]:
    """Which of `roots` the text names, by the roots of its own words, a noun of an act by its verb ('stemming'
    names 'stemmen' of 'stemt'; `root` knows the verb only when the dictionary does), a particle verb by its
    verb ('instemmen' of 'ingestemd' by 'stemming')."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    acts = [re.sub(r"ing(?:en)?$", "en", w) for w in words if re.search(r"..ing(?:en)?$", w)]  # 'stemming': 'stemmen'
    keys = {root(w) for w in words} | set(acts)
    return frozenset(r for r in roots if r in keys or any(r == particle + key for key in keys for particle in _PARTICLES if r.startswith(particle)))


_PARTICLES = ("in", "aan", "af", "op", "uit", "mee", "toe", "door", "over", "om", "voor", "na", "bij", "terug", "vast")
"""The separable particles of Dutch verbs (a closed class): 'instemmen' is named by a 'stemming'."""


def asks_value(question: str) -> bool:
    """The question asks for a value of a type (an amount, a count, a date, a period, a name)."""
    return expected_value(question) is not None or bool(counted(question))


def named(question: str) -> list[str]:
    """What the question names that an answer's context must name too: its names (places, bodies), no
    years, amounts or half-years (those are checked against the quoted sentences themselves)."""
    return [s for s in specifics(question) if not s[:1].isdigit() and not s.startswith("€") and s not in halves(question)]


def lacking(
    question: str,
    asked: str,
    sentences: Sequence[tuple[str, str, list[str]]],
    known: Callable[[str], bool],
    passages: Sequence[str] = (),
    found: Sequence[tuple[str, str, str]] = (),
) -> str | None:
    """What the chosen sentences lack for a question that asks a value: the value itself ('dat bedrag'),
    or the value about what the question names ('die naam voor Haaglanden'); None when one sentence has both.

    `sentences`: each chosen sentence with its heading and its context (sentence, heading, title, region
    names); `asked` is the question with the places it writes in lower case capitalised. `passages`: the passage
    of each chosen sentence; `found`: the found passages as (title, heading, text), whose own words for what is
    asked ('huisvestingsvergunning') a value's sentence must name (`names_compound`)."""
    if not asks_value(question):
        return None
    focus = focus_compounds(question, known, [piece for text, heading, _ in sentences for piece in (text, heading)])
    # the words the question shares with the sentences that name its focus: the thing as the material says it,
    # which a sentence may name again by one of them ('het overzicht' after 'een overzicht van voorgenomen werkzaamheden')
    roots = question_roots(question)
    phrase = frozenset(r for text, heading, _ in sentences if names_focus(focus, [text, heading]) for r in named_roots(text, roots))
    phrase -= {root(word) for word in focus}
    value = expected_value(question)
    # without a compound of its own, a time is asked of the question's nouns: one must stand in the sentence
    # that holds the period or date, not only in a neighbour (kennisbank.answer.subject)
    subject = [] if focus or not asks_time(question) else _time_subject(question, known)
    led = with_leads([(text, heading) for text, heading, _ in sentences])  # a list item with its lead
    # the compounds the found passages write for what is asked ('huisvestingsvergunning'): the value's sentence
    # names one of them whole or by all its parts, or stands in a passage, article or document that writes it;
    # its head alone ('een vergunning als bedoeld in artikel 21') names another thing of the kind
    texts = [piece for _, section, text in found for piece in (section, text)]
    strict = [word for word in _things(question, known, texts) if word not in focus and not circumstance(question, word, known)]
    own = list(passages) or [""] * len(sentences)
    holding = [
        context
        for (text, heading, context), whole, passage in zip(sentences, led, own, strict=True)
        if holds_value(question, text, heading, known)
        and (not focus or names_focus(focus, [text, heading, *context]) or bool(named_roots(text, phrase)))
        and (not subject or names_subject(subject, [whole, *context[1:3]]))  # the sentence, its heading, its title
        and (not strict or any(names_compound(word, [whole, heading], [passage, *context[2:3], *_article(found, context[2:3], heading)]) for word in strict))
    ]
    label = value.value if value is not None else "dat aantal"
    if not holding:
        return label
    asked = as_names(_capitalised(asked, _single_places()))  # a place the question names, however written
    names = named(asked)
    if not names:
        return None
    # the place's own sentence may count the thing in other words ('14.100 nieuwe woningen' for 'hoeveel
    # nieuwbouw'): there any number will do, once some chosen sentence has the count itself
    loose = [context for text, _, context in sentences if counted(question) and carries_value(Value.NUMBER, without_references(text, question))]
    missing = [[name for name in missing_specifics(asked, context) if name in names] for context in holding + loose]
    if len(names) > 1:
        # a comparison ('hoeveel in Parkstad en hoeveel in Groningen') is answered side by side: one side will do
        missing = [found if len(found) == len(names) else [] for found in missing]
    if all(missing):
        return f"{label} voor {_listed(min(missing, key=len))}"
    return None


_ASKED_KIND = re.compile(r"\b(?:welke?|hoeveel|wat voor(?: een)?)\s+([^\W\d_]+)", re.IGNORECASE)
"""The noun right after the question word names the kind of value asked ('welk percentage', 'welke termijn'), no thing."""


def _things(question: str, known: Callable[[str], bool], texts: Sequence[str]) -> list[str]:
    """The compound nouns of the question that the found passages (`texts`) write: the material's own word for a
    thing the question asks about. No verbs ('toewijzen'), no kind of value asked ('welk percentage'), no persons
    ('verhuurder', by its derivation): who acts is named in many ways ('de eigenaar'), what is asked of is a thing.
    A compound of two words of their own ('huisvesting-s-vergunning'), not a word with a prefix ('ver-ordening')."""
    kinds = {match.group(1).lower() for match in _ASKED_KIND.finditer(question)}
    return [
        word
        for word in focus_compounds(question, known, texts)
        if word not in kinds and is_noun(word) and not person_noun(word) and any(all(len(part) >= 4 for part in parts) for parts in compound_parts(word, dictionary_word))
    ]


def _article(found: Sequence[tuple[str, str, str]], titles: Sequence[str], heading: str) -> list[str]:
    """The found passages of the sentence's own article or section (same document title, same heading): a word
    one member of an article writes ('huishoudens met een inkomen onder de inkomensgrens'), the next may name by
    its head or leave out."""
    return [text for title, section, text in found if title in titles and section == heading]


def _time_subject(question: str, known: Callable[[str], bool]) -> list[str]:
    """The nouns a period or date is asked of: those of the part that asks it when the question asks several
    things ('Vanaf wanneer geldt de wet … en welke groepen …?'), else (a part that names no noun of the
    material's, 'per wanneer gaat dat in') those of the whole question."""
    return subject_nouns(time_clause(question), known, place_words()) or subject_nouns(question, known, place_words())


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def without_places(text: str) -> str:
    """The text with the registry's place words in lower case: 'Den Haag' names no one who could be asked for."""
    places = place_words()
    return re.sub(r"(?<![\w-])[^\W\d_]+(?![\w-])", lambda m: m.group(0).lower() if m.group(0).lower() in places else m.group(0), text)


@lru_cache(maxsize=1)
def _place_names() -> tuple[str, ...]:
    """The registry's municipality names and aliases, and its region names, aliases and core cities."""
    from koploper.regions import registry

    places = registry()
    names = [*places.municipality_aliases]
    for region in places.regions.values():
        names += [region.name, *region.aliases, *region.core_cities]
    return tuple(names)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Lower-cased capitalised words of the registry's place names ('den', 'haag', 'groningen')."""
    return frozenset(word.lower() for name in _place_names() for word in re.findall(r"[^\W\d_]+", name) if word[:1].isupper())


@lru_cache(maxsize=1)
def _single_places() -> frozenset[str]:
    """The registry's one-word place names, lower case ('groningen', 'twente', 'mra'): each is a place in
    itself, unlike the parts of longer names ('groene', 'regio', 'noord')."""
    return frozenset(name.lower() for name in _place_names() if re.fullmatch(r"[^\W\d_]+", name))


def absent_places(question: str, texts: Sequence[str]) -> str:
    """The question with the places it writes in lower case capitalised when `texts` (the found passages)
    never mention them: 'hoeveel statushouders moet groningen …' or '… heeft rotterdam …' asked of passages
    about the country is then checked for Groningen or Rotterdam like a name the user capitalised. The
    places are the registry's one-word names and every municipality (kennisbank.answer.places)."""
    places = _single_places()
    registered = {fold(word) for word in re.findall(r"[^\W\d_]+", question)} & places
    municipalities = named_places(question)
    haystack = fold(" ".join(texts))

    def mentioned(words: str) -> bool:
        return re.search(r"(?<![\w-])" + re.escape(words) + r"(?![\w-])", haystack) is not None

    # several places: a comparison, whose sides the found passages may hold apart
    if len(registered) == 1:
        return _capitalised(question, {word for word in registered if not mentioned(word)})
    if len(municipalities) == 1 and not registered:
        return as_names(question, lambda m: not mentioned(" ".join(m.words)))
    return question


def _capitalised(question: str, words: frozenset[str] | set[str]) -> str:
    """The question with `words` (lower case) capitalised where it writes them in lower case."""
    return re.sub(r"(?<![\w-])[^\W\d_]+(?![\w-])", lambda m: m.group(0).capitalize() if m.group(0) in words else m.group(0), question)
