"""Accent and case folding, so that 'Súdwest-Fryslân', 'sudwest fryslan' and 'SÚDWEST-FRYSLÂN' compare equal.

Users type without accents, hyphens or capitals; every name lookup (regions, municipalities,
methods, the parser's vocabulary) goes through these two functions so that all layers agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"['’‘`´]")  # noqa: RUF001 (every apostrophe users type)
_HYPHENS = re.compile(r"[-‐‑‒–—/]")  # noqa: RUF001 (every dash users type)
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """The text without diacritics ('Sainte-Laguë' → 'Sainte-Lague'); case and punctuation kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plain_words(text: str) -> str:
    """No accents or apostrophes, hyphens and slashes as spaces; case kept (the tokenizer needs capitals)."""
    plain = _APOSTROPHES.sub("", strip_accents(text))
    return _HYPHENS.sub(" ", plain)


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case ASCII words separated by single spaces: the form names are compared in.

    "'s-Gravenhage" → "s gravenhage", "Pijnacker/Nootdorp" → "pijnacker nootdorp".
    """
    plain = _APOSTROPHES.sub("", strip_accents(text)).lower()
    plain = plain.encode("ascii", "ignore").decode()
    return _SEPARATORS.sub(" ", plain).strip()


@lru_cache(maxsize=8192)
def dictionary_word(word: str) -> bool:
    """A word of the Dutch dictionary (simplemma's), given in lower case.

    The dictionary loads on first use (about 0.3 s), so it is asked only where a word must be told from a
    slip or a name: 'wassen' is a verb, not a slip of Assen (assistant.parsing.places); a compound's parts
    must be such words (kennisbank.answer.word_forms)."""
    import simplemma

    return bool(simplemma.is_known(word, lang="nl"))


def verb_form(word: str) -> bool:
    """An inflected form of a Dutch verb (a participle or a finite form: 'verdeeld', 'gelegen', 'woont'), given in
    lower case: after 'over de regio' such a word goes on with the sentence ('… over de regio verdeeld zijn'),
    it does not name the region. A name that looks like a verb's stem ('gooi') is not inflected, so it stays."""
    import simplemma

    base = simplemma.lemmatize(word, lang="nl")
    return base != word and _infinitive_shape(base) and word.endswith(("d", "t", "en"))


def verb_first(word: str) -> bool:
    """A word that opens a yes/no question, given in lower case: a finite form of a verb ('telt', 'kan', 'is') or a
    plural, which has the infinitive's form ('tellen', 'zijn')."""
    import simplemma

    base = simplemma.lemmatize(word, lang="nl")
    if base != word:
        return _infinitive_shape(base)
    return _infinitive_shape(word) and bool(simplemma.is_known(word, lang="nl"))


def _infinitive_shape(word: str) -> bool:
    """'tellen', 'zijn', 'gaan', 'doen': the form of a Dutch infinitive (-en, or a short word on vowel + n)."""
    return word.endswith("en") or (len(word) <= 5 and word.endswith("n") and word[-2] in "aeiouj")


@lru_cache(maxsize=1)
def _english_function_words() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_EN_PLUS

    return frozenset(STOPWORDS_EN) | frozenset(STOPWORDS_EN_PLUS)


def english_function_word(word: str) -> bool:
    """A word of English's closed classes (pronouns, articles, prepositions, auxiliaries, question words: the
    English stop words that ship with bm25s), in any case: 'I', 'the', 'until', 'which'. It names no thing, so a
    Dutch text cannot be expected to contain it; some are Dutch words too ('in', 'over'), which name nothing either."""
    return word.lower() in _english_function_words()


@lru_cache(maxsize=8192)
def english_word(word: str) -> bool:
    """A content word of English that is no Dutch word: the English dictionary (simplemma's) knows it, the Dutch one
    does not ('houses', 'affordable', 'research'; not 'plan', 'manager' or 'target', which Dutch writes too), given in
    lower case. International staff write partly in English: such a word is a synonym the Dutch material cannot use,
    not a name it lacks."""
    return word.isalpha() and not dictionary_word(word) and english_dictionary_word(word)


@lru_cache(maxsize=8192)
def english_dictionary_word(word: str) -> bool:
    """A word of the English dictionary (simplemma's), given in lower case; Dutch writes some of them too ('plan')."""
    import simplemma

    return bool(simplemma.is_known(word, lang="en"))
