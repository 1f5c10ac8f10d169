"""BM25 over the chunk texts with Dutch Snowball stemming, stopwords and compound handling.

Dutch writes compounds as one word (woonzorgvisie, huisvestingsopgave), so a plain word index misses
"woonzorg visie" and "opgave huisvesting". Two remedies, both checked against the corpus vocabulary:
document words are also indexed by their parts (huisvestingsopgave → huisvesting + opgave), and
adjacent query words are also tried joined, in both orders and with the linking s (opgave huisvesting
→ huisvestingsopgave). The index is built once per index version and saved (bm25s save/load plus the
vocabulary), so opening a large knowledge base reads it from disk instead of analysing every passage.
Passages changed since (a few files re-indexed) go into a small delta scored with the saved index's
statistics (`with_delta`), so one changed file never costs a rebuild over the whole library.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\b\d{1,3}(?:[ .]\d{3})+\b")
_LINKS = ("", "s", "e", "en", "-")
MIN_PART = 4
"""Shortest compound part; shorter pieces ('aan', 'tot') would split ordinary words."""
TAIL_MIN = 5
"""Shortest last part recognised on its own (woonzorgvisie → visie)."""
MAX_TOKEN = 100
"""Longest word analysed. Dutch compounds stay well under it; longer 'words' are hex dumps, base64 or
URLs run together, and the compound splitter is quadratic in word length (a 300 KB token once cost 26 s
at every open). Such tokens are left out of the lexical index and of queries."""
FORMAT = 2
"""Version of the saved layout (2: document lengths and frequencies for the delta, vectors beside it)."""
MAX_QUERY_CHARS = 2000
"""A query is cut to this many characters before analysis: a question is a few lines, not a file."""

QUESTION_WORDS = frozenset(
    ["welk", "welke", "wanneer", "waarom", "hoeveel", "waar", "waardoor", "waarmee", "hoe", "wie", "wat", "sinds", "volgens", "what", "which", "who", "when", "why", "how", "does", "do", "did", "the", "is", "are", "of", "a", "an", "in", "to", "for"]
)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DUTCH

    return frozenset(STOPWORDS_DUTCH) | QUESTION_WORDS


class _Stemmer(Protocol):
    """What we use of PyStemmer's Snowball stemmer (the C extension ships no types)."""

    def stemWord(self, word: str) -> str: ...

    def stemWords(self, words: Sequence[str]) -> list[str]: ...


@lru_cache(maxsize=1)
def _stemmer() -> _Stemmer:
    import Stemmer

    stemmer: _Stemmer = Stemmer.Stemmer("dutch")
    return stemmer


def words(text: str) -> list[str]:
    """Lower-cased words, with 20.000 and 36 512 also as 20000 and 36512; words over MAX_TOKEN left out."""
    found = [word for word in _WORD.findall(text.lower()) if len(word) <= MAX_TOKEN]
    found += [re.sub(r"[ .]", "", number) for number in _NUMBER.findall(text)]
    return found


LONG_RUN = re.compile(r"\S{301,}")
"""Over 300 characters without a space is no language (hex dump, base64; the longest URL in the cards
has 180): such runs are not given to the model, in questions nor in answer sentences."""


def cap_query(query: str) -> str:
    """The first MAX_QUERY_CHARS characters of a query without LONG_RUN runs (a pasted hex dump): no
    question costs the model or the analysis more than a short text."""
    return re.sub(r"\s+", " ", LONG_RUN.sub(" ", query[:MAX_QUERY_CHARS])).strip()


class CompoundSplitter:
    """Splits a word into parts that occur on their own in the corpus vocabulary."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        stop = stopwords()
        self.vocabulary = {w for w in vocabulary if len(w) >= MIN_PART and w not in stop and not w.isdigit()}
        self._cache: dict[str, list[str]] = {}

    def split(self, word: str) -> list[str]:
        """The parts of `word` (not the word itself), longest head first; [] when it is no compound.

        When only the last part is a known word (woonzorgvisie → visie), that part alone is returned:
        in Dutch the last part names what the compound is.
        """
        if len(word) > MAX_TOKEN:
            return []
        if word in self._cache:
            return self._cache[word]
        parts = self.split_known(word)
        if not parts:
            for cut in range(MIN_PART, len(word) - TAIL_MIN + 1):
                if word[cut:] in self.vocabulary:
                    parts = [word[cut:]]
                    break
        self._cache[word] = parts
        return parts

    def remembers(self, word: str) -> bool:
        """Whether the split of `word` is kept for the next call (an overlong word never is). Raises nothing."""
        return word in self._cache

    def split_known(self, word: str) -> list[str]:
        """A split in which every part is a known word (kamerstuknummer → kamerstuk + nummer), else []."""
        parts: list[str] = []
        if 2 * MIN_PART <= len(word) <= MAX_TOKEN:
            for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
                head = word[:cut]
                if head not in self.vocabulary:
                    continue
                rest = word[cut:]
                for link in _LINKS:
                    if not rest.startswith(link):
                        continue
                    tail = rest[len(link) :]
                    if len(tail) < MIN_PART:
                        continue
                    if tail in self.vocabulary:
                        parts = [head, tail]
                    else:
                        deeper = self.split_known(tail)
                        if deeper:
                            parts = [head, *deeper]
                    if parts:
                        break
                if parts:
                    break
        return parts

    def joins(self, first: str, second: str) -> list[str]:
        """Compounds in the vocabulary formed from two adjacent query words, in either order."""
        found = []
        for head, tail in ((first, second), (second, first)):
            for link in _LINKS:
                candidate = f"{head}{link}{tail}"
                if candidate in self.vocabulary:
                    found.append(candidate)
        return found


class LexicalIndex:
    """BM25 (bm25s, Lucene variant) over analysed chunk texts; scores every chunk for a query."""

    def __init__(self, texts: list[str]) -> None:
        import bm25s

        self.size = len(texts)
        token_lists = [words(text) for text in texts]
        self.splitter = CompoundSplitter(w for tokens in token_lists for w in tokens)
        documents = [self._analyse(tokens, expand=True) for tokens in token_lists]
        self.retriever = bm25s.BM25()
        self._known: set[str] = set()
        self.average_length = 1.0
        self._delta: _Delta | None = None
        self._alive: np.ndarray | None = None
        if texts:
            corpus = [doc if doc else ["\u2205"] for doc in documents]
            self.retriever.index(corpus, show_progress=False)
            self._known = {t for doc in corpus for t in doc}
            self.average_length = sum(len(doc) for doc in corpus) / len(corpus)

    @property
    def terms(self) -> frozenset[str]:
        """Every analysed term the index holds (stems and compound parts), for inspection."""
        return frozenset(self._known)

    # ------------------------------------------------------------------ persistence

    def save(self, folder: Path, extra: dict[str, Any], arrays: dict[str, np.ndarray] | None = None) -> None:
        """Write the index, `extra` (the caller's per-passage data) and `arrays` (read back memory-mapped
        with `load_array`) to `folder`, all or nothing.

        Written into a temporary sibling and renamed into place; a failure (disk full, read-only home)
        leaves no half-written folder behind.
        """
        folder.parent.mkdir(parents=True, exist_ok=True)
        temporary = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
        shutil.rmtree(temporary, ignore_errors=True)
        try:
            temporary.mkdir()
            if self.size:
                self.retriever.save(str(temporary / "bm25"))
            for name, array in (arrays or {}).items():
                np.save(temporary / f"{name}.npy", array)
            payload = {
                "format": FORMAT,
                "size": self.size,
                "average_length": self.average_length,
                "vocabulary": sorted(self.splitter.vocabulary),
                "known": sorted(self._known),
                "extra": extra,
            }
            (temporary / "lexical.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, folder)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise

    @classmethod
    def load(cls, folder: Path) -> tuple[LexicalIndex, dict[str, Any]]:
        """An index saved with `save`, and its extra data; raises OSError/ValueError when unreadable."""
        import bm25s

        payload = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        if payload.get("format") != FORMAT:
            raise ValueError("saved by another version")
        index = cls.__new__(cls)
        index.size = int(payload["size"])
        index.average_length = float(payload["average_length"])
        index.splitter = CompoundSplitter(())
        index.splitter.vocabulary = set(payload["vocabulary"])
        index._known = set(payload["known"])
        index._delta = None
        index._alive = None
        # memory-mapped: the score matrix is paged in as queries touch it, not read whole at open
        index.retriever = (
            bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False) if index.size else bm25s.BM25()
        )
        return index, dict(payload["extra"])

    @staticmethod
    def add_arrays(folder: Path, arrays: dict[str, np.ndarray], extra: dict[str, Any]) -> None:
        """Write `arrays` beside a saved index and replace its extra data (a cache saved by an earlier
        version, brought up to date in place); each file is replaced whole (written aside, renamed)."""
        for name, array in arrays.items():
            temporary = folder / f".{name}.{os.getpid()}.npy"
            np.save(temporary, array)
            os.replace(temporary, folder / f"{name}.npy")
        payload = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        payload["extra"] = extra
        temporary = folder / f".lexical.{os.getpid()}.json"
        temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, folder / "lexical.json")

    @staticmethod
    def load_array(folder: Path, name: str) -> np.ndarray:
        """An array saved with `save`, memory-mapped (read only)."""
        array: np.ndarray = np.load(folder / f"{name}.npy", mmap_mode="r")  # numpy types load() as Any
        return array

    # ------------------------------------------------------------------ changes after the save

    @property
    def base_size(self) -> int:
        """Passages in the saved (bm25s) part; positions from here on are the delta's."""
        return self.size - (len(self._delta.documents) if self._delta else 0)

    def with_delta(self, texts: list[str], dead: Iterable[int]) -> LexicalIndex:
        """This index (without any earlier delta) plus `texts` as positions base_size.., with the
        base positions in `dead` (deleted or changed passages) left out of every ranking.

        The delta is scored with the base's document frequencies and average length, so its scores
        are on the same scale as the base's; its size stays small (the caller rebuilds when not).
        """
        base = self.base_size
        view = LexicalIndex.__new__(LexicalIndex)
        view.retriever = self.retriever
        view.average_length = self.average_length
        token_lists = [words(text) for text in texts]
        view.splitter = CompoundSplitter(())
        view.splitter.vocabulary = self.splitter.vocabulary | {
            w for tokens in token_lists for w in tokens if len(w) >= MIN_PART and w not in stopwords() and not w.isdigit()
        }
        documents = [view._analyse(tokens, expand=True) for tokens in token_lists]
        view._known = self._known | {t for doc in documents for t in doc}
        view._delta = _Delta(documents) if documents else None
        view.size = base + len(documents)
        if view._delta is not None:
            view.average_length = (self.average_length * base + sum(view._delta.lengths)) / view.size
        alive = np.ones(view.size, dtype=np.float32)
        alive[[p for p in dead if 0 <= p < base]] = 0.0
        view._alive = alive if not alive.all() else None
        return view

    def _document_frequency(self, term: str) -> int:
        vocabulary = self.retriever.vocab_dict or {}
        column = vocabulary.get(term)
        if column is None:
            return 0
        indptr = self.retriever.scores["indptr"]
        return int(indptr[column + 1] - indptr[column])

    def _delta_scores(self, terms: list[str]) -> np.ndarray:
        """BM25 (Lucene idf, as bm25s) of each delta passage, with the statistics of base and delta."""
        delta = self._delta
        assert delta is not None
        scores = np.zeros(len(delta.documents), dtype=np.float32)
        total = self.size
        k1, b = float(self.retriever.k1), float(self.retriever.b)
        for term in terms:
            postings = delta.postings.get(term)
            if not postings:
                continue
            frequency = self._document_frequency(term) + len(postings)
            idf = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
            for position, count in postings:
                length = delta.lengths[position]
                scores[position] += idf * count / (count + k1 * (1 - b + b * length / self.average_length))
        return scores

    def top(self, query: str, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Positions and BM25 scores of the (at most) k best passages with any match, via bm25s's own
        top-k retrieval; `mask` (bool per passage) keeps only a region's passages."""
        terms = self.query_terms(query)
        if not terms or not self.size or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        base = self.base_size
        weights = mask[:base].astype(np.float32) if mask is not None else None
        if self._alive is not None:
            weights = self._alive[:base] if weights is None else weights * self._alive[:base]
        positions = np.zeros(0, dtype=np.int64)
        values = np.zeros(0, dtype=np.float32)
        base_terms = [t for t in terms if self.retriever.vocab_dict and t in self.retriever.vocab_dict]
        if base and base_terms:
            documents, scores = self.retriever.retrieve(
                [base_terms], k=min(k, base), weight_mask=weights, show_progress=False, n_threads=0
            )
            positions, values = np.asarray(documents[0], dtype=np.int64), np.asarray(scores[0], dtype=np.float32)
        if self._delta is not None:
            extra = self._delta_scores(terms)
            if mask is not None:
                extra = extra * mask[base:]
            positions = np.concatenate([positions, np.arange(base, self.size, dtype=np.int64)])
            values = np.concatenate([values, extra])
            if len(values) > k:
                best = np.argpartition(-values, k - 1)[:k]
                positions, values = positions[best], values[best]
        keep = values > 0
        return positions[keep], values[keep]

    def _analyse(self, tokens: list[str], expand: bool) -> list[str]:
        stop = stopwords()
        out: list[str] = []
        for token in tokens:
            if token in stop or (len(token) < 2 and not token.isdigit()):
                continue
            out.append(token)
            if expand:
                out.extend(self.splitter.split(token))
        return list(_stemmer().stemWords(out))

    def query_terms(self, query: str) -> list[str]:
        """Stemmed query terms: the words, their compound parts and compounds formed with the neighbour."""
        stop = stopwords()
        tokens = [t for t in words(cap_query(query)) if t not in stop]
        extra: list[str] = []
        for first, second in itertools.pairwise(tokens):
            # a compound the user wrote apart counts twice: it is what both words together mean
            extra.extend(2 * self.splitter.joins(first, second))
        terms = self._analyse(tokens, expand=True) + list(_stemmer().stemWords(extra))
        return [t for t in terms if t in self._known]

    def text_terms(self, text: str) -> set[str]:
        """Stemmed terms of a passage, analysed like the indexed chunks (for answer sentences)."""
        return set(self._analyse(words(text), expand=True))

    def coverage(self, query: str) -> float:
        """Share of the question's content words the corpus knows (1.0 for a question without any).

        Low for a question in another language or about something the material never names: then
        the lexical ranking says little and fusion leans on the dense side.
        """
        stop = stopwords()
        content = [t for t in words(cap_query(query)) if t not in stop and (len(t) > 1 or t.isdigit())]
        if not content:
            return 1.0
        return sum(self.covers(t) for t in content) / len(content)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk (0 where nothing matches), in corpus order."""
        if self._delta is None and self._alive is None:
            terms = self.query_terms(query)
            if not terms or not self.size:
                return np.zeros(self.size, dtype=np.float32)
            return np.asarray(self.retriever.get_scores(terms), dtype=np.float32)
        positions, values = self.top(query, self.size)
        found = np.zeros(self.size, dtype=np.float32)
        found[positions] = values
        return found

    def covers(self, word: str) -> bool:
        """Whether the corpus knows a word, on its own or as the parts of a compound."""
        lowered = word.lower()
        if len(lowered) > MAX_TOKEN:
            return False
        if lowered in self.splitter.vocabulary or lowered.isdigit():
            return True
        stem = _stemmer().stemWord(lowered)
        return stem in self._known or bool(self.splitter.split_known(lowered))


class _Delta:
    """Analysed passages added after the saved index: an inverted list term → (passage, count)."""

    def __init__(self, documents: list[list[str]]) -> None:
        from collections import Counter

        self.documents = documents
        self.lengths = [max(len(doc), 1) for doc in documents]
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for position, doc in enumerate(documents):
            for term, count in Counter(doc).items():
                self.postings.setdefault(term, []).append((position, count))
