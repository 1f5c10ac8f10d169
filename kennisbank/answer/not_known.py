"""Does a sentence say that the very thing the question asks is not known?

The cards say outright what public sources do not tell: "Op welke wet die toewijzing zou steunen, is niet
openbaar bekend", "Wat er precies in de afspraken van 2021 staat, is niet openbaar bekend". Such a sentence is the
material's best evidence on the asked thing, and the honest reply is that sentence alone: a neighbour about the
plan or the tussenakkoord beside it reads as an answer it is not. A sentence says it of the asked thing when what
it says is not known (its subject, the words before 'is niet bekend') mirrors the question's own structure:
- an embedded question with the question's question word and the thing that word asks about, named by its stem
  or as a compound's head ('op welke wet' for 'op grond van welke wet', 'hoeveel mensen' for 'hoeveel mensen');
  a question word without a thing ('wat', 'wie') needs half of the question's content words beside it;
- a yes/no clause ('Of de raden de visie hebben vastgesteld') for a question asking whether or when that
  happened, naming the question's verb and half of its content words;
- a noun phrase whose head ('Een vastgestelde verdeelsleutel', before 'voor aandachtsgroepen … is niet openbaar
  bekend') names the thing a 'welke' or 'hoeveel' question asks about, beside another content word of the question.
Only the sentences that ask are read for the question's question words: a remark beside them ('weet niet bij welke
regio ik moet aankloppen') is the asker's situation.
Every test reads the question's form and the sentence's structure by lemma, root and compound, never a list of
topics, so it holds for any document that says what it does not know.
"""

from __future__ import annotations

import re

from kennisbank.answer.answer_type import named_roots
from kennisbank.answer.question_kinds import QUESTION_WORDS, REQUEST_WORDS, fold
from kennisbank.answer.word_forms import finite_verb, function_word, root

NOT_KNOWN = re.compile(r"\bniet (?:openbaar |publiek |precies )?bekend\b|\bniet uit openbare \w+ bekend\b|\bonbekend\b", re.IGNORECASE)
"""How material says that something is not known ('Of dat eindakkoord is gesloten, is niet openbaar bekend')."""

_LEAD = 4
"""An embedded question opens within this many words of its sentence ('Op grond van welke wet …')."""
MIN_STEM = 6
"""A shared start this long names the same word in another form ('Haaglanden', 'Haaglandse'); shorter ones are
no evidence ('raad', 'raam')."""
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def unknown_subject(sentence: str) -> str | None:
    """What the sentence says is not known: the words of its clause before the verb of 'is niet (openbaar) bekend'
    (after a semicolon, only the clause that says it); None when it says nothing is unknown."""
    match = NOT_KNOWN.search(sentence)
    if not match:
        return None
    head = re.split(r"[;:]", sentence[: match.start()])[-1]  # the clause that says it: '…vastgesteld; of dat is gebeurd'
    head = re.sub(r"[,;]?\s*\b(?:is|zijn|was|waren)\b(?:\s+(?:ook|nog|dus|daarom))*\s*$", "", head.strip(), flags=re.IGNORECASE)
    return head.strip(" ,;") or None


def _wh_phrases(text: str, lead: int | None = None) -> list[tuple[str, str | None]]:
    """The question words of the text with the thing each asks about (the next word after 'welke', 'welk' or
    'hoeveel'; None for the others): ('welke', 'wet') for 'Op grond van welke wet …'. With `lead`, only a
    question word among the first `lead` words (an embedded question opens its clause)."""
    words = _WORD.findall(text)
    found: list[tuple[str, str | None]] = []
    for index, word in enumerate(words[:lead] if lead else words):
        lowered = word.lower()
        if lowered == "of" and lead and index == 0:
            found.append(("of", None))
        if lowered not in QUESTION_WORDS:
            continue
        thing = words[index + 1].lower() if lowered in ("welke", "welk", "hoeveel") and index + 1 < len(words) else None
        found.append(("welke" if lowered == "welk" else lowered, thing))
    return found


def _same_thing(asked: str, said: str) -> bool:
    """Two words name one thing: the same root, or one is the other's compound head ('verdeelsleutel', 'sleutel')."""
    a, b = root(asked), root(said)
    return a == b or (len(a) > 3 and len(b) > 3 and (a.endswith(b) or b.endswith(a)))


def _names_thing(thing: str, text: str) -> bool:
    return any(_same_thing(thing, word.lower()) for part in _WORD.findall(text) for word in part.split("-"))


def _content(question: str) -> list[str]:
    """The question's content words: no question, function or stop words, nor words that shape the request
    ('precies', 'concreet')."""
    from kennisbank.search.lexical import stopwords

    skip = stopwords() | QUESTION_WORDS | REQUEST_WORDS
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", question)]
    return list(dict.fromkeys(w for w in words if len(w) > 2 and w not in skip and not function_word(w)))


def _named(question: str, text: str) -> int:
    """How many of the question's content words the text names: by root (`named_roots`), in another inflection or
    derivation (a shared start: 'Haaglandse' for 'Haaglanden') or as a compound's head ('gemeenteraden' for 'raden')."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    haystack = fold(" ".join(words))
    count = 0
    for word in _content(question):
        prefix = fold(word)[: max(MIN_STEM, len(word) - 2)]
        if named_roots(text, frozenset([root(word)])) or (len(prefix) >= MIN_STEM and re.search(r"(?<![^\W\d_])" + re.escape(prefix), haystack)) or any(_same_thing(word, other) for other in words):
            count += 1
    return count


def _share(question: str, text: str) -> float:
    """The share of the question's content words the text names (`_named`)."""
    content = _content(question)
    return _named(question, text) / len(content) if content else 0.0


def _verbs(question: str) -> frozenset[str]:
    """The roots of the question's verbs and participles: words whose dictionary form is another word ending in -en."""
    from kennisbank.search.lexical import stopwords

    stop = stopwords()  # the auxiliaries ('heeft', 'worden') name no act
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", question)]
    return frozenset(root(w) for w in words if len(w) > 3 and w not in stop and finite_verb(w))


_CONJUNCT = re.compile(r",?\s+en\s+(?=(?:of|" + "|".join(sorted(QUESTION_WORDS)) + r")\b)", re.IGNORECASE)
"""Where a subject joins a second embedded question ('Wat er in de visie staat, en of daarin een sleutel …')."""


def says_asked_unknown(question: str, sentence: str, yes_no: bool = False, when: bool = False) -> bool:
    """The sentence says that what the question asks is not known (see the module docstring). `yes_no`: the
    question asks whether something is so; `when`: it asks a date."""
    subject = unknown_subject(sentence)
    if subject is None:
        return False
    return any(_mirrors(question, part, yes_no, when) for part in _CONJUNCT.split(subject))


def _asked(question: str) -> str:
    """The sentences of the question that ask (end in a question mark), when it has any: a remark beside them
    ('weet niet bij welke regio ik moet aankloppen') is the asker's situation, not the asked thing."""
    asking = re.findall(r"[^.?!]*\?", question)
    if not asking:
        return question
    rest = question[question.rfind("?") + 1 :]
    if _wh_phrases(rest, _LEAD):  # '… ? en op welke wet baseren ze dat': a question without its mark
        asking.append(rest)
    return " ".join(asking)


def _head(subject: str) -> str:
    """The words of the subject up to its first function word after a content word: the noun phrase that says
    what is not known ('Een vastgestelde verdeelsleutel' of 'Een vastgestelde verdeelsleutel voor …')."""
    from kennisbank.search.lexical import stopwords

    stop = stopwords()
    words = _WORD.findall(subject)
    for index, word in enumerate(words):
        if word.lower() in stop and any(w.lower() not in stop for w in words[:index]):
            return " ".join(words[:index])
    return subject


def _mirrors(question: str, subject: str, yes_no: bool, when: bool) -> bool:
    """One clause of what is not known mirrors the question (see the module docstring)."""
    asked = _wh_phrases(_asked(question))
    things = [thing for _, thing in asked if thing]
    shared = _named(question, subject)
    embedded = _wh_phrases(subject, _LEAD)
    for word, thing in embedded:
        if word == "of":
            # whether the very act happened is not known: nor is it known when
            if (yes_no or when) and named_roots(subject, _verbs(question)) and _share(question, subject) >= 0.5:
                return True
            if any(_names_thing(asked_thing, subject) for asked_thing in things) and shared >= 2:
                return True  # 'welke verdeelsleutel …?' beside 'of daarin een verdeelsleutel is vastgesteld'
            continue
        for q_word, q_thing in asked:
            if q_word != word:
                continue
            if q_thing and thing and _same_thing(q_thing, thing) and shared >= 2:
                return True
            if not q_thing and not thing and _share(question, subject) >= 0.5:
                return True
    if embedded:
        return False
    return any(_names_thing(thing, _head(subject)) for thing in things) and shared >= 2
