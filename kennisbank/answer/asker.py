"""What the user says about themselves is no specific of the question.

"Ik zit bij gemeente Wijchen; hoeveel woningen moeten er in onze regio bij?", "Kunnen wij als gemeente
(Zwolle) een vergunningplicht invoeren?", "Een man uit Almere meldt zich bij ons in Utrecht. Moet hij terug?":
the place names there say who asks or where the case plays, while the question asks about the region or the
law. A name the material never has rules an answer out only when the question asks about it, so the names of
such a context are left out before the specifics are checked.

Recognised by structure, not by any list of places:
- a sentence before the asked one (the last with a question mark, else the last) that speaks in the first
  person ('ik', 'wij', 'ons', …): a statement about the asker or the case;
- a clause that opens with a first-person subject followed by its verb ('wij zijn een corporatie in Zwolle,
  mogen wij …'): Dutch word order makes it a statement, not the question;
- a name set beside the first person ('wij als gemeente (Zwolle)', 'bij ons in Westland', 'onze gemeente
  Deventer', 'mijn corporatie in Zwolle'): an apposition that says who 'we' are;
- a statement after the asked sentence (`remark`) that speaks in the first person, with its pronoun ('Wij
  hebben veel bezit in Heerlen-Noord.') or with the pronoun dropped, the finite verb straight before a
  preposition ('zit namens Pekela in het netwerk'): where the asker works, lives or owns is their case, not
  the asked subject. Such a remark also names places in lower case ('namens het hogeland'): a municipality
  of the gazetteer counts there however it is written, and so do initials ('moet het aan ons MT uitleggen':
  whom the asker reports to). A sentence whose opening verb has its subject right after it ('moeten wij …',
  'geldt dat …') asks, and keeps its names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from kennisbank.answer.places import meant
from kennisbank.answer.question_kinds import QUESTION_WORDS
from kennisbank.answer.word_forms import finite_verb, infinitive
from koploper.gazetteer import mentions

_FIRST_PERSON = r"(?:ik|wij|we|ons|onze|mijn|m'n)"
_FIRST = re.compile(rf"(?<![\w'’-]){_FIRST_PERSON}(?![\w'’-])", re.IGNORECASE)
_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[a-z][\w'’-]*(?![\w'’-])")
_INITIALS = re.compile(r"(?<![\w'’&-])[A-Z](?:&?[A-Z]){1,4}(?![\w'’&-])")
"""Initials in capitals ('MT', 'GS'): in a remark about the asker, the body they report to."""
_SUBJECTS = frozenset(["ik", "wij", "we", "jij", "je", "u", "jullie", "zij", "ze", "hij", "het", "dat", "dit", "er"])
"""The pronouns that can stand as subject right after a question's opening verb ('moeten wij …', 'geldt dat …')."""
_SENTENCE_END = re.compile(r"(?:[;!?]|(?<![\s.][^\W\d_])\.)[.;!?]*(?=\s|$)")
"""A sentence ends at its mark, not at the dot of initials ('t.b.v. een notitie', 'i.v.m. de wet')."""
_STATEMENT = re.compile(r"^\W*(?:ik|wij|we)\s+(?:ben|zijn|zit|zitten|werk|werken|woon|wonen|kom|komen|hebben|heb)\b[^,?]*,", re.IGNORECASE)
_NAMED = r"\(?\s*(?P<name>[A-Z][\w'’-]*[a-z][\w'’-]*)"
_BESIDE = re.compile(
    r"(?<![\w'’-])(?i:"
    r"(?:wij|we|ik) als (?:de |het |een )?[a-z][\w-]* "  # wij als gemeente (Zwolle)
    r"|(?:ons|wij|we|ik|hier) (?:hier )?(?:in|uit|te) "  # bij ons in Westland
    r"|(?:onze|mijn|m'n) [a-z][\w-]* (?:(?:in|uit|te) )?"  # onze gemeente Deventer, mijn corporatie in Zwolle
    r"|(?:wij|we|ik) (?=\())" + _NAMED
)
"""A name set beside the first person: after 'wij als <wie>', 'ons in', 'onze <wat>', or in brackets."""


_OWN_COUNT = re.compile(r"\bhoeveel\b.*(?<![\w'’-])(?:wij|we|ons|onze(?! regio\b)|mijn)(?![\w'’-])|(?<![\w'’-])(?:wij|we|ons|onze(?! regio\b)|mijn)(?![\w'’-]).*\bhoeveel\b", re.IGNORECASE)
"""A count asked of the asker themselves ('hoeveel moeten wij …', 'hoeveel krijgt onze gemeente'): then the context
names who 'we' are, and the count must be theirs; 'in onze regio' asks about the region, not the asker."""


def _sentences(question: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(question):
        spans.append((start, match.end()))
        start = match.end()
    if question[start:].strip():
        spans.append((start, len(question)))
    return spans


def _asked(question: str, spans: list[tuple[int, int]]) -> int:
    """Index of the asked sentence: the last one that ends in a question mark, else the last one."""
    marked = [i for i, (a, b) in enumerate(spans) if "?" in question[a:b]]
    return marked[-1] if marked else len(spans) - 1


def _about_asker(sentence: str) -> bool:
    """A sentence after the asked one that tells about the asker: a statement (`remark`) in the first person or
    with the writer as dropped subject, or one without a question mark whose opening verb has no subject pronoun
    after it while the first person stands in it ('moet het vanmiddag aan ons MT uitleggen'), where a question
    without its mark sets its subject right after the verb ('moeten wij dat melden')."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    if "?" in sentence or (len(words) > 1 and words[1] in _SUBJECTS - {"het", "dat", "dit", "er"} and words[0] not in _SUBJECTS):
        return False  # 'moeten wij in Zwolle dat ook doen': the verb before its subject asks
    if remark(sentence):
        return _FIRST.search(sentence) is not None or subject_dropped(sentence)
    return len(words) >= 3 and finite_verb(words[0]) and words[1] not in _SUBJECTS - {"het"} and _FIRST.search(sentence) is not None


def context_names(question: str, known: Callable[[str], bool] = lambda _: False) -> list[str]:
    """The names the question uses to say who asks or where the case plays, as written.

    A name beside the first person in the asked sentence itself ('Wat doet onze regio Haaglanden?') may be
    what is asked about: it counts as context only when the material does not know it (`known`)."""
    spans = _sentences(question)
    if not spans:
        return []
    asked = _asked(question, spans)
    if _OWN_COUNT.search(question[spans[asked][0] : spans[asked][1]]):
        return []  # 'Wij zitten in Meppel. Hoeveel statushouders moeten wij huisvesten?': Meppel's own number
    found: list[str] = []
    for index, (a, b) in enumerate(spans):
        sentence = question[a:b]
        opener = len(sentence) - len(re.sub(r"^\W+", "", sentence))  # a capital at the first word is no name
        if index < asked and _FIRST.search(sentence):
            found += [m.group(0) for m in _NAME.finditer(sentence) if m.start() > opener]
            found += [m.group(0) for m in _INITIALS.finditer(sentence)]  # 'Ik doe bij de GGD de screening.'
            continue
        if index == asked:
            # 'Journalist van de Gelderlander belt: …', '… t.b.v. een notitie aan de DG': names that are no place, in
            # a heading, a purpose or the asker's own clause; 'Veilig Thuis krijgt een melding, binnen hoeveel …' asks of them
            for x, y in case_spans(sentence, conditions=False):
                part = sentence[x:y]
                if not (part.rstrip().endswith(":") or _PURPOSE.search(part) or _FIRST.search(part)):
                    continue
                places = {m.text.lower() for m in mentions(part)}
                names = [m.group(0) for m in _NAME.finditer(part) if x + m.start() > opener] + [m.group(0) for m in _INITIALS.finditer(part)]
                found += [name for name in names if name.lower() not in places and not known(name)]
        if index > asked and _about_asker(sentence):
            # 'Wij hebben veel bezit in Heerlen-Noord.', 'zit namens het hogeland in het netwerk'
            found += [m.group(0) for m in _NAME.finditer(sentence) if m.start() > opener]
            found += [m.group(0) for m in _INITIALS.finditer(sentence)]  # 'moet het aan ons MT uitleggen'
            starts = {match.end() for match in re.finditer(r"^\W*", sentence)}
            found += [m.text for m in mentions(sentence) if meant(m, m.start in starts)]  # 'namens het hogeland'
            continue
        statement = _STATEMENT.search(sentence)
        if statement:
            found += [m.group(0) for m in _NAME.finditer(statement.group(0)) if m.start() > opener]
        found += [m.group("name") for m in _BESIDE.finditer(sentence) if index != asked or not known(m.group("name"))]
    return list(dict.fromkeys(found))


def without_context(question: str, known: Callable[[str], bool] = lambda _: False) -> str:
    """The question with the names of its context about the asker left out (see `context_names`)."""
    for name in context_names(question, known):
        question = re.sub(r"\(\s*" + re.escape(name) + r"\s*\)|(?<![\w'’-])" + re.escape(name) + r"(?![\w'’-])", " ", question)
    return re.sub(r"[ \t]+", " ", question).strip()


def _occurs(word: str, text: str) -> bool:
    return re.search(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])", text, re.IGNORECASE) is not None


def _without_glosses(sentence: str, word: str, known: Callable[[str], bool]) -> str:
    """The sentence without the places where `word` only renames a word the material knows: in brackets right
    after it ('het onderzoek (keukentafelgesprek)') or joined to it by a slash ('keukentafelgesprek/onderzoek')."""
    escaped = re.escape(word)
    bracketed = re.compile(r"(?P<known>[^\W\d_][\w'’-]*)\s*\(\s*" + escaped + r"\s*\)", re.IGNORECASE)
    slashed = re.compile(
        r"(?<![\w'’-])(?:(?P<before>[^\W\d_][\w'’-]*)\s*/\s*" + escaped + r"|" + escaped + r"\s*/\s*(?P<after>[^\W\d_][\w'’-]*))(?![\w'’-])",
        re.IGNORECASE,
    )
    sentence = bracketed.sub(lambda m: m.group("known") if known(m.group("known")) else m.group(0), sentence)
    return slashed.sub(lambda m: (m.group("before") or m.group("after")) if known(m.group("before") or m.group("after")) else m.group(0), sentence)


SUBORDINATORS = frozenset(["als", "indien", "nadat", "voordat", "zodra", "omdat", "doordat", "terwijl", "tenzij", "zolang", "mits", "hoewel", "zodat"])
"""The Dutch subordinating conjunctions of condition, time, cause and concession (a closed class); not 'wanneer', which
also opens an embedded question ('weet iemand wanneer de Kamer stemt')."""
_PURPOSE = re.compile(r"(?<![\w'’-])(?:t\.?b\.?v\.?|ten behoeve van)(?![\w'’-])", re.IGNORECASE)
"""'t.b.v.' and 'ten behoeve van': what the answer is for (a note, a meeting), not what it is about."""
_SEGMENT = re.compile(r"[^,:;]+[,:;]?")
_PLURAL_SUBJECTS = frozenset(["wij", "we", "ze", "zij", "jullie"])


def _points_back(words: list[str]) -> bool:
    """The asking clause points back at the statement before it with 'dat' or 'dit' standing alone, no determiner of
    a noun: at its end or before a function word ('collega zegt steeds MO en BW, waar staat dat voor', '…, geldt dat
    ook in Haaglanden?'): then the statement is what is asked. 'vervalt dat tekort' names its own noun."""
    from kennisbank.search.lexical import stopwords

    return any(
        word in ("dat", "dit") and (following is None or following in PREPOSITIONS or following in stopwords())
        for word, following in zip(words, [*words[1:], None], strict=True)
    )


def _finite(word: str) -> bool:
    """A finite verb form: `finite_verb`, or a form of 'zijn', 'gaan' or 'staan' ('was', 'gaat'), whose dictionary
    forms end in -n without -en."""
    from kennisbank.answer.lemmas import lemma

    base = lemma(word)
    return finite_verb(word) or (base != word and (base == "zijn" or base.endswith("aan")))


def _participle(word: str) -> bool:
    """A past participle ('gebonden', 'ingediend'): no finite verb of a clause of its own."""
    return re.fullmatch(r"[a-z]{0,5}ge[a-z]{2,}[dtn]", word) is not None


def _has_finite(words: list[str]) -> bool:
    """The words hold a finite verb that is no participle, or a plural subject pronoun before a form that equals
    the infinitive ('we hebben', 'ze willen'), or 'ik' before a verb's stem that the dictionary reads as a noun
    ('ik werk')."""
    return any(_finite(w) and not _participle(w) for w in words) or any(
        (w in _PLURAL_SUBJECTS and infinitive(n)) or (w == "ik" and _verb_stem(n)) for w, n in pairwise(words)
    )


def _asks(words: list[str]) -> bool:
    """A clause that asks: it opens with a question word, with a preposition before one ('binnen hoeveel tijd'),
    or with its finite verb (Dutch puts the verb first in a yes/no question: 'mag een handhaver …')."""
    if not words:
        return False
    if words[0] in QUESTION_WORDS or (len(words) > 1 and words[0] in PREPOSITIONS and words[1] in QUESTION_WORDS):
        return True
    return _finite(words[0]) and not first_person_form(words[0])


def case_spans(sentence: str, conditions: bool = True) -> list[tuple[int, int]]:
    """The parts of the asked sentence that tell the asker's case or purpose, not what is asked (offsets in the
    sentence). The sentence is cut at commas, colons and semicolons; what is asked is the first clause that asks
    (`_asks`), and the parts are:
    - a statement before it ('we hebben na het keukentafelgesprek de aanvraag ingediend, binnen hoeveel tijd …'):
      a clause with a finite verb that does not ask, unless the asking clause points back at it (`_points_back`:
      '…, waar staat dat voor');
    - a heading before a colon ('Scope check: hoeveel …', 'voor een stuk in de huis-aan-huiskrant: …', 'Journalist
      van de Gelderlander belt: klopt het …');
    - an adverbial clause, from a subordinating conjunction (`SUBORDINATORS`) with a finite verb of its own to the
      end of its part ('… een woning in als de bewoner de deur niet open wil doen'): the condition or the moment,
      where 'als woningaanpassing' without a verb is no clause (left out when not `conditions`: a place or name
      in a condition is still a specific of the question);
    - a purpose after 't.b.v.' or 'ten behoeve van' to the end of its part ('t.b.v. een notitie aan de DG')."""
    parts = [(m.start(), m.end()) for m in _SEGMENT.finditer(sentence) if re.search(r"[^\W\d_]", m.group(0))]
    words_of = [re.findall(r"[^\W\d_]+", sentence[a:b].lower()) for a, b in parts]
    asking = next((i for i, words in enumerate(words_of) if _asks(words)), None)
    found: list[tuple[int, int]] = []
    for index, ((a, b), words) in enumerate(zip(parts, words_of, strict=True)):
        heading = sentence[a:b].rstrip().endswith(":")
        if asking is not None and index < asking and (heading or (_has_finite(words) and not _points_back(words_of[asking]))):
            found.append((a, b))
            continue
        for match in re.finditer(r"[^\W\d_]+", sentence[a:b]) if conditions else ():
            word = match.group(0).lower()
            if word in SUBORDINATORS and match.start() > 0 and _has_finite(re.findall(r"[^\W\d_]+", sentence[a + match.end() : b].lower())):
                found.append((a + match.start(), b))
                break
        purpose = _PURPOSE.search(sentence, a, b)
        if purpose:
            found.append((purpose.start(), b))
    return found


def _outside(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the spans blanked out (offsets kept)."""
    for a, b in spans:
        sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    return sentence


def circumstance(question: str, word: str, known: Callable[[str], bool]) -> bool:
    """`word` stands only in the asker's case, not in what is asked: in a sentence of three words or more before
    the asked one ('Een huurder heeft een traplift nodig … . Moet de eigenaar toestemming geven voor de
    woningaanpassing?'), or in the asked one only as the user's own name for a word the material knows, in
    brackets after it or joined to it by a slash ('het onderzoek (keukentafelgesprek)',
    'keukentafelgesprek/onderzoek'). The question is then asked in the material's words. A remark after the
    asked sentence ('zit er een inkomensgrens in') may be a question of its own, as is an earlier sentence with a
    question mark, and a shortening ('min.') is no sentence: none of them is a case. A remark after the asked
    sentence that reads as a statement ('die term komt steeds terug in de stukken', see `remark`) is."""
    spans = _sentences(question)
    if not spans or not _occurs(word, question):
        return False
    asked = _asked(question, spans)
    a, b = spans[asked]
    own_count = _OWN_COUNT.search(question[a:b]) is not None  # 'Wij zitten in zwolle. Hoeveel moeten wij …?'
    for index, (start, end) in enumerate(spans):
        sentence = question[start:end]
        if not _occurs(word, sentence):
            continue
        if index == asked:
            own = [] if own_count else case_spans(sentence)  # 'ik werk in zwolle, hoeveel hebben wij …': their own count
            if _occurs(word, _without_glosses(_outside(sentence, own), word, known)):
                return False
        elif index > asked and not remark(sentence):
            return False  # a question after the asked one, written without its mark ('zit er een inkomensgrens in')
        elif own_count or "?" in sentence or len(sentence.split()) < 3:
            return False  # an earlier question ('Wie hakt de knoop door? En …?'), no sentence
    return True


_QUESTION_OPENERS = QUESTION_WORDS | {"of", "en"}
"""The words that open a Dutch question: a question word, or one that joins it to the last ('en', 'of')."""


PREPOSITIONS = frozenset(
    ["aan", "achter", "bij", "binnen", "boven", "buiten", "door", "in", "langs", "met", "na", "naar", "naast", "namens", "om", "onder", "op", "over", "per", "rond", "sinds", "tegen", "tijdens", "tot", "tussen", "uit", "van", "vanaf", "vanuit", "via", "voor", "zonder"]
)
"""The Dutch prepositions (a closed class): a finite verb straight before one has no subject after it."""


def subject_dropped(sentence: str) -> bool:
    """The sentence opens with a finite verb straight before a preposition ('zit namens Pekela in het netwerk',
    'werk bij de provincie'): no subject follows the verb, as it would in a question without its mark ('zit er
    een inkomensgrens in', 'geldt dat ook'), so the dropped subject is the writer: a statement about the asker.
    So too a verb in the form only the first person has, the bare stem where the third person adds -t ('zoek een
    cijfer voor een Q&A', 'merk het aan de wachttijden', 'krijg er steeds vragen over'), when no subject pronoun
    follows it ('heb je …' asks)."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    if len(words) < 3:
        return False
    if (finite_verb(words[0]) or _verb_stem(words[0])) and words[1] in PREPOSITIONS:
        return True
    return first_person_form(words[0]) and words[1] not in _SUBJECTS - {"het", "er", "dat", "dit"}


def first_person_form(word: str) -> bool:
    """The verb form of 'ik' alone: the stem, where the third person adds -t ('zoek' beside 'zoekt', 'krijg' beside
    'krijgt'); not 'zit' or 'moet' (the same for 'hij'), nor 'kan' or 'mag' (no -t form)."""
    from kennisbank.answer.lemmas import lemma

    return not word.endswith(("t", "d")) and finite_verb(word) and finite_verb(word + "t") and lemma(word + "t") == lemma(word)


def _verb_stem(word: str) -> bool:
    """The word is the stem of a Dutch verb, its form after 'ik' ('werk' → 'werken', 'zit' → 'zitten', 'woon' →
    'wonen'), which the dictionary may read as a noun ('werk')."""
    forms = {word + "en", word + word[-1:] + "en"}
    if len(word) > 3 and word[-3] == word[-2] and word[-2] in "aeou":
        forms.add(word[:-2] + word[-1] + "en")  # 'woon' → 'wonen', 'maak' → 'maken'
    return any(infinitive(form) for form in forms)


def remark(sentence: str) -> bool:
    """A sentence after the asked one is the asker's remark about it, not a second question: it has no question
    mark, three words or more, and opens as a Dutch statement does, with neither a question word nor a finite verb
    ('die term komt steeds terug in de stukken', 'discussie bij ons op kantoor'), where a question without its
    mark opens with the verb ('zit er een inkomensgrens in') or a question word. The finite verb is told by
    its dictionary form: an infinitive that differs from the word ('zit' → 'zitten', 'geldt' → 'gelden'); a verb
    straight before a preposition opens a statement whose subject, the writer, is dropped (`subject_dropped`)."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    if "?" in sentence or len(words) < 3 or words[0] in _QUESTION_OPENERS:
        return False
    return not finite_verb(words[0]) or subject_dropped(sentence)
