"""Dutch dictionary lemmas (simplemma), so that a question's "kiest" is known from the material's "kiezen".

Stemming leaves strong verbs apart (kiest/kiezen/gekozen, kwamen/komen); a lemma joins them. Loaded on
first use (about 0.3 s for the Dutch dictionary), never on the way to the first screen.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    """The dictionary form of a Dutch word, lower-cased; the word itself when the dictionary lacks it.
    A separable verb comes back whole ('opgeleverd' → 'opleveren', not 'op_leveren')."""
    import simplemma

    return str(simplemma.lemmatize(word.lower(), lang="nl")).replace("_", "")
