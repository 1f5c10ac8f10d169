"""Whether a question's word is a word of the material written another way: without its diaeresis, as a
compound of the material's words, or as the short form of words that stand in the found passages.

Users write "client" for "cliënt", "afrondmethode" where the text has "afronden" and "methode", "Hvw" for
the Huisvestingswet, "woco" for woningcorporatie, "B&W" for burgemeester en wethouders, and
"asielzoekerscentrum" where the text has "azc". Such a word names what the material names; refusing the
question because of it would refuse it on a spelling. Every test is structural (morphology, initials) and
checked against the material at hand and the Dutch dictionary of simplemma, never against a list of words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache

from kennisbank.answer.lemmas import lemma
from koploper.text import dictionary_word

LINKS = ("", "s", "e", "en", "-")
"""What Dutch puts between the parts of a compound (huisvesting-s-wet, zieke-n-huis, bedrijf-s-)."""
MIN_PART = 3
"""Shortest compound part ('wet' in 'huisvestingswet'); every part must also be a dictionary word."""
MAX_SHORT = 6
"""Longest short form taken for an abbreviation ('DAEB', 'woco', 'Hvw'); longer words are words."""
DIAERESIS = str.maketrans("eiou", "ëïöü")

_PRONOMINAL = re.compile(
    r"(?:daar|er|hier|waar)(?:aan|achter|af|bij|binnen|boven|buiten|door|in|langs|mee|na|naar|naast|om|omheen|onder|op"
    r"|over|tegen|toe|tussen|uit|van|vandaan|voor|zonder)"
)
"""Pronominal adverbs (daarmee, erover, hiervoor, waaraan): a closed class that points at something else."""
INDEFINITES = frozenset(["iets", "niets", "niks", "alles", "iemand", "niemand", "ergens", "nergens", "overal", "allemaal"])
"""Indefinite pronouns and adverbs (a closed class): they name nothing the material could lack."""
QUESTION_COMPOUNDS = frozenset(["hoelang", "hoever", "hoeveelste", "hoezo", "waarheen", "vanwaar"])
"""Question words written as one ('hoelang' for 'hoe lang'): the closed class of question words."""


def function_word(word: str) -> bool:
    """A word of a closed grammatical class that names no thing: 'daarmee', 'erover', 'niks', 'overal'."""
    lowered = word.lower()
    return lowered in INDEFINITES or lowered in QUESTION_COMPOUNDS or _PRONOMINAL.fullmatch(lowered) is not None


def finite_verb(word: str) -> bool:
    """A finite verb or participle, told by its dictionary form: an infinitive that differs from the word ('zit' →
    'zitten', 'geldt' → 'gelden', 'gekregen' → 'krijgen')."""
    from kennisbank.answer.lemmas import lemma

    base = lemma(word)
    return base != word and base.endswith("en")


def infinitive(word: str) -> bool:
    """A Dutch infinitive the dictionary knows as its own dictionary form ('wonen', 'houden', 'zoeken'), not a form
    of another word ('kamen')."""
    import simplemma

    from kennisbank.answer.lemmas import lemma

    return word.endswith("en") and bool(simplemma.is_known(word, lang="nl")) and lemma(word) == word


def person_noun(word: str) -> bool:
    """A noun of persons by its derivation: its head (the whole word, or the last part of a compound) is an agent
    noun, a verb's stem with '-er' or, after an r, '-der' ('inwoner', 'statushouder', 'verhuurder'), or a nominalised present participle
    ('woningzoekende', 'wachtenden')."""
    base = lemma(word)
    for cut in range(len(base) - 4):
        head = base[cut:]
        if head.endswith("er") and infinitive(head[:-2] + "en"):
            return True
        if head.endswith("der") and infinitive(re.sub(r"([aeou])\1([^\Waeiou])$", r"\1\2", head[:-3]) + "en"):
            return True  # after an r the agent ends in '-der': 'huurder', 'verhuurder' ('verhuren')
        for ending in ("enden", "ende"):
            if head.endswith(ending) and len(head) > len(ending) + 2 and infinitive(head[: -len(ending) + 2]):
                return True
    return False


def root(word: str) -> str:
    """The verb a word is made from, else its dictionary form: 'binding' and 'gebonden' → 'binden',
    'toewijzing' → 'toewijzen', 'afrond' → 'afronden'. Dutch makes the noun of an act with -ing; the material
    may use the verb. (Not -er: an 'aannemer' is no 'aangenomen' motion.)"""
    from kennisbank.answer.lemmas import lemma

    base = lemma(word)
    if base.endswith("ing") and len(base) > 6:
        stem = base[:-3]
        # the verb: 'bind' + 'en'; a doubled consonant or long vowel as the stem's spelling needs it
        for verb in (stem + "en", stem[:-1] + "en" if stem[-1] == stem[-2] else "", stem[:-1] + stem[-2:] + "en"):
            if verb and dictionary_word(verb) and lemma(verb) == verb:
                return verb
    return base


def material_roots(vocabulary: Iterable[str]) -> frozenset[str]:
    """The roots (`root`) of the material's words: what a question's derived word is looked up in."""
    return frozenset(root(word) for word in vocabulary if word.isalpha())


def folded(word: str) -> str:
    """The word without accents or diaeresis ('cliënt' → 'client')."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def spellings(word: str) -> list[str]:
    """Other spellings of a word written without its diaeresis or accents: 'client' → 'cliënt', 'belgie' →
    'belgië', 'coordinator' → 'coördinator' (a diaeresis sits on a vowel that follows a vowel); and a word
    written with them, without ('financiële' → 'financiele')."""
    lowered = word.lower()
    found = []
    plain = folded(lowered)
    if plain != lowered:
        found.append(plain)
    for position in range(1, len(plain)):
        if plain[position] in "eiou" and plain[position - 1] in "aeiou":
            found.append(plain[:position] + plain[position].translate(DIAERESIS) + plain[position + 1 :])
    return found


def compound_parts(word: str, known: Callable[[str], bool]) -> list[list[str]]:
    """Every way to cut `word` into two or more parts that `known` accepts, joined by a linking sound.
    'afrondmethode' → [['afrond', 'methode']]; 'huisvestingswet' → [['huis', 'vesting', 'wet'], …]."""
    lowered = word.lower()

    @cache
    def cuts(start: int) -> tuple[tuple[str, ...], ...]:
        found: list[tuple[str, ...]] = []
        for end in range(start + MIN_PART, len(lowered) + 1):
            part = lowered[start:end]
            if not known(part):
                continue
            if end == len(lowered):
                found.append((part,))
                continue
            for link in LINKS:
                if link and not lowered.startswith(link, end):
                    continue
                following = end + len(link)
                if following < len(lowered):
                    found.extend((part, *rest) for rest in cuts(following))
        return tuple(dict.fromkeys(found))

    if not re.fullmatch(r"[^\W\d_]+", lowered) or len(lowered) > 60:
        return []
    return [list(parts) for parts in cuts(0) if len(parts) > 1]


def same_compound(word: str, vocabulary: Iterable[str]) -> bool:
    """The material has the same compound made another way: 'afrondmethode' where it writes
    'afrondingsmethode' or 'afrondingsmethoden', its parts (dictionary words) with the same roots in the same
    order. Parts alone are not enough: a 'wachttijd' is not known from 'wachten' and 'tijd', nor a
    'wachtwoord' from 'wachten' and 'woord'."""
    lowered = word.lower()
    splits = compound_parts(lowered, dictionary_word)
    if not splits:
        return False
    wanted = {tuple(root(part) for part in parts) for parts in splits}
    heads = {parts[-1][:4] for parts in splits}
    for other in vocabulary:
        if other == lowered or other[:2] != lowered[:2] or not any(head in other[len(other) // 3 :] for head in heads):
            continue
        if any(tuple(root(part) for part in parts) in wanted for parts in compound_parts(other, dictionary_word)):
            return True
    return False


def _prefixes(short: str, parts: list[str]) -> bool:
    """`short` is the beginnings of every part in order ('woco': wo-ning, co-rporatie; 'hvw': h-uis,
    v-esting, w-et), each part giving at least its first letter."""
    if not parts:
        return not short
    if not short:
        return False
    part = parts[0]
    return any(part.startswith(short[:n]) and _prefixes(short[n:], parts[1:]) for n in range(1, min(len(short), len(part)) + 1))


def shortens(short: str, word: str) -> bool:
    """`short` is made of the beginnings of the parts of the compound `word`, all of them dictionary words:
    'Hvw' of 'Huisvestingswet', 'woco' of 'woningcorporatie', 'azc' of 'asielzoekerscentrum'."""
    letters = short.lower()
    lowered = word.lower()
    if not 2 <= len(letters) <= MAX_SHORT or len(lowered) <= len(letters) + 2 or lowered[0] != letters[0]:
        return False
    return any(_prefixes(letters, parts) for parts in compound_parts(lowered, dictionary_word))


def letters_of(word: str) -> str:
    """The letters of a short form, lower case: 'B&W' → 'bw', 'Hvw' → 'hvw'."""
    return "".join(c for c in word.lower() if c.isalpha())


def looks_short(word: str) -> bool:
    """A word that can be a short form: 'B&W', 'DAEB', 'Hvw', or a lower-case 'woco' that is no dictionary word."""
    letters = letters_of(word)
    if not 2 <= len(letters) <= MAX_SHORT:
        return False
    return "&" in word or any(c.isupper() for c in word) or not dictionary_word(letters)


def initials(words: list[str]) -> list[str]:
    """The initials of every run of two to five words ('bw' for 'beschermd wonen')."""
    return ["".join(w[0] for w in words[i : i + n]).lower() for n in range(2, 6) for i in range(len(words) - n + 1)]


def abbreviates(word: str, texts: Iterable[str]) -> bool:
    """`word` is the short form of words of the texts: the initials of a run of their words ('B&W',
    'bw'), or the beginnings of the parts of one of their compounds ('Hvw', 'woco'); or, the other way
    round, the texts hold a short form of the compound `word` ('azc' for 'asielzoekerscentrum')."""
    from kennisbank.search.lexical import stopwords

    stop = stopwords()
    joined = " ".join(texts)
    tokens = re.findall(r"[^\W\d_]+", joined)
    if looks_short(word):
        letters = letters_of(word)
        content = [t for t in tokens if t.lower() not in stop or t[0].isupper()]
        if letters in initials(content):
            return True
        if any(shortens(letters, t) for t in {t.lower() for t in tokens if len(t) > len(letters) + 2 and t[0].lower() == letters[0]}):
            return True
        return _phrase_of_parts(letters, [t.lower() for t in content])
    # the other way round only the initials of the parts count: a short word of the texts that happens to
    # begin like the question's compound ('wat', 'woon') is no short form of it
    lowered = word.lower()
    shorts = {t.lower() for t in tokens if 3 <= len(t) <= MAX_SHORT and t.lower() not in stop and t[0].lower() == lowered[:1]}
    if not shorts or len(lowered) < 8:
        return False
    return any("".join(part[0] for part in parts) in shorts for parts in compound_parts(lowered, dictionary_word))


def _phrase_of_parts(letters: str, words: list[str]) -> bool:
    """`letters` is the initials of the compound parts of a run of words: 'pgb' of 'persoonsgebonden budget'
    (persoon-s-gebonden, budget), each word giving the initials of one of its cuts or its own first letter."""
    options: dict[str, set[str]] = {}

    def initials_of(word: str) -> set[str]:
        if word not in options:
            options[word] = {word[0]} | {"".join(part[0] for part in parts) for parts in compound_parts(word, dictionary_word)}
        return options[word]

    def matches(rest: str, start: int) -> bool:
        if not rest:
            return True
        if start >= len(words) or words[start][0] != rest[0]:
            return False
        return any(rest.startswith(option) and matches(rest[len(option) :], start + 1) for option in initials_of(words[start]))

    return any(matches(letters, start) for start in range(len(words)) if words[start][0] == letters[0])
