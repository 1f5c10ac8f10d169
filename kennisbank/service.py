"""The kennisbank as the rest of Koploper sees it: open the index once, then search and list sources.

    kb = KnowledgeBase.open(load_settings())
    response = kb.search("Wat is een woonzorgvisie?", region="MRA", k=5)

Heavy libraries (torch, chromadb, bm25s) are imported when a KnowledgeBase is opened, not before.

A search asks the store for the dense top-k and the word index for its own top-k, fuses the scores
over the union of both, and fetches text only for the k results; the answer's sentence vectors were
made at index time, so a search makes one model call (the question). The word index is cached per
index version under HOME/cache; when another run (or a colleague on the server) changes the index,
the next question sees it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np

from kennisbank.answer.evidence import Candidate, as_answer, candidates, choose, score_candidates, weigh_shape
from kennisbank.answer.question_kinds import ENGLISH_NOTE, REQUEST_WORDS, looks_english, missing_line, missing_specifics, unknown_line
from kennisbank.errors import KennisbankError
from kennisbank.search.fusion import normalised_fusion, reciprocal_rank_fusion
from kennisbank.ingest.indexer import build_index, check_model, mismatch_message
from kennisbank.models import Hit, SearchResponse, SourceInfo
from kennisbank.regions import known_regions, resolve_region
from koploper.settings import Settings, load_settings
from kennisbank.store.base import Store
from kennisbank.store.opening import open_store
from kennisbank.store.records import IndexState, Manifest, list_sources

if TYPE_CHECKING:
    from kennisbank.model.embedding import Embedder
    from kennisbank.search.lexical import LexicalIndex

__all__ = ["KnowledgeBase", "build_index"]

Mode = Literal["hybrid", "dense", "bm25"]
Fusion = Literal["rrf", "normalised"]

DEFAULT_FUSION: Fusion = "normalised"
"""Measured in bench/bench_kennisbank.py on the development sets: normalised score fusion is at least
as good as dense and BM25 alone on top-1, top-3 and answers; RRF lost a top-1 to dense."""
MIN_LEXICAL_COVERAGE = 0.5
"""Below this share of known question words the fusion uses the dense ranking alone."""


class AnswerCalibration(NamedTuple):
    """How the quoted answer is chosen, for one kind of stored sentence vectors."""

    bound: float
    """Below this cosine between the question and the closest chosen sentence the material is taken to
    have nothing on the question (answer null). The bound alone does not separate near-topic questions;
    a question word the material never uses does most of that (`unknown_words`)."""
    margin: float
    """Sentences within this distance of the best one join the answer."""


ANSWER_CALIBRATION = {
    1: AnswerCalibration(bound=0.83, margin=0.08),
    2: AnswerCalibration(bound=0.82, margin=0.06),
}
"""Per IndexState.sentence_vectors (1: a model pass per sentence, 2: late chunking), measured with e5-small
in bench/bench_answer_gate.py. Late-chunked vectors share their passage's context: answerable development
questions reach 0.825 (0.837 with separate vectors), and they lie closer together, so 0.08 let in 104
sentences on the development answers (95 with separate vectors), often a drifting third one; 0.06 gives 88
and keeps every expected fact (44/44). An index made before late chunking keeps its own calibration until
the next `koploper index` or `voorbereiden` embeds it again."""
DENSE_K = 200
"""Dense candidates asked from the store per question: enough that the fused top-10 matches an exact
ranking over all vectors (bench/bench_scale.py: dense_recall_at_10), few enough to stay fast."""
LEXICAL_K = 200
"""Word-index candidates per question (bm25s's own top-k)."""
BACKGROUND_REBUILD = 20_000
"""From this many passages on, a new index version's word index is built in the background while
questions are answered with the previous one: rebuilding 100k passages takes tens of seconds."""
REGION_WIDENING = 4
"""With a region filter the dense top-k is widened this much and filtered afterwards; only when too
few of a region's passages are among them does the store filter itself (slower at scale)."""


DELTA_SHARE = 10
"""A word index catches up with changed passages in a small delta while they are at most 1/DELTA_SHARE
of it (and at least DELTA_MIN); beyond that it is rebuilt."""
DELTA_MIN = 2_000


@dataclass(frozen=True)
class _Words:
    """The word index of one index version with its passage order; swapped as one object.

    `base` is the saved index (from the cache); `lexical` is base plus the passages changed since
    (the delta); `ids` and `region_codes` follow that order. `vectors` holds the base passages'
    vectors (memory-mapped from the cache) and `delta` the changed passages with theirs: fusion takes
    a lexical candidate's vector from them instead of asking the store.
    """

    version: str
    base: "LexicalIndex"
    lexical: "LexicalIndex"
    ids: list[str]
    base_position: dict[str, int]
    region_names: list[str]
    region_codes: np.ndarray
    vectors: np.ndarray
    delta: tuple[tuple[str, str, str, np.ndarray | None], ...] = ()
    """(id, lexical text, region, vector) of each passage added or changed since the base."""
    touched: frozenset[str] = frozenset()
    """Every passage id added, changed or deleted since the base (its base position is dead)."""
    delta_position: dict[str, int] = field(default_factory=dict)

    def where(self, cid: str) -> int | None:
        """The position of a passage in `ids`, None when the index does not have it."""
        if cid in self.touched:
            return self.delta_position.get(cid)
        return self.base_position.get(cid)

    def vector(self, position: int) -> np.ndarray | None:
        base = self.base.size
        if position < base:
            return np.asarray(self.vectors[position], dtype=np.float32)
        return self.delta[position - base][3]


def _words_of(version: str, lexical: "LexicalIndex", ids: list[str], regions: list[str], vectors: np.ndarray) -> _Words:
    names = sorted({r for r in regions if r})
    code = {name: i + 1 for i, name in enumerate(names)}
    return _Words(
        version=version,
        base=lexical,
        lexical=lexical,
        ids=ids,
        base_position={cid: i for i, cid in enumerate(ids)},
        region_names=names,
        region_codes=np.array([code.get(r, 0) for r in regions], dtype=np.int32),
        vectors=vectors,
    )


def _lexical_text(meta: dict[str, Any], text: str) -> str:
    return f"{meta.get('title', '')} {meta.get('aliases', '')} {meta.get('section', '')}\n{text}"


class KnowledgeBase:
    """An opened index: the model, the store and the word index (cached per index version)."""

    def __init__(self, settings: Settings, store: Store, state: IndexState, embedder: "Embedder") -> None:
        self.settings = settings
        self.store = store
        self.state = state
        self.embedder = embedder
        self.fusion: Fusion = DEFAULT_FUSION
        self._words: _Words
        self._rebuilding: threading.Thread | None = None
        self.last_timings: dict[str, float] = {}
        """Seconds per step of the last search (embed, dense, lexical, fusion, answer): for bench/."""
        self.last_dense: list[str] = []
        """The dense candidates of the last search (bench/bench_scale.py measures their recall)."""
        self._words = self._load_words(state.version)

    @property
    def lexical(self) -> "LexicalIndex":
        return self._words.lexical

    @property
    def ids(self) -> list[str]:
        return self._words.ids

    @property
    def _region_names(self) -> list[str]:
        return self._words.region_names

    @property
    def _region_codes(self) -> np.ndarray:
        return self._words.region_codes

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, settings: Settings | None = None, embedder: "Embedder | None" = None) -> "KnowledgeBase":
        """Load the current index; a Dutch KennisbankError when the model or the index is missing, damaged,
        mismatched or (on a server) unreachable."""
        settings = settings or load_settings()
        fingerprint = check_model(settings)
        store = open_store(settings)
        state = store.state()
        if state is None:
            if store.old_layout() is not None:
                raise KennisbankError(
                    f"De kennisindex in {settings.index_dir} heeft nog de oude opbouw. Voer `koploper voorbereiden` "
                    "uit: die zet hem eenmalig om."
                )
            store.manifest()  # raises: damaged (data without state) or missing
            raise KennisbankError(
                f"De kennisindex in {settings.index_dir} is onvolledig. Voer `koploper index --opnieuw` uit om hem te herstellen."
            )
        if state.model_fingerprint != fingerprint:
            raise KennisbankError(mismatch_message(state, fingerprint))
        store.files()  # a damaged list of files is reported now, not at the first `bronnen`

        from kennisbank.model.embedding import Embedder

        return cls(settings, store, state, embedder or Embedder(settings.model_path))

    @property
    def manifest(self) -> Manifest:
        return self.store.manifest()

    def _cache_root(self) -> Path:
        identity = f"{self.store.kind}|{self.store.location}|{self.state.store_id}"
        return self.settings.home / "cache" / "lexical" / hashlib.sha256(identity.encode()).hexdigest()[:16]

    def _load_words(self, version: str) -> _Words:
        """The word index of `version`: from the cache, or an older cached one caught up through the
        store's change log, else built from the store and saved."""
        root = self._cache_root()
        words = self._cached_words(root / version, version)
        if words is not None:
            return words
        older = sorted(
            (f for f in root.iterdir() if f.is_dir() and not f.name.startswith(".")) if root.is_dir() else [],
            key=lambda f: f.stat().st_mtime,
            reverse=True,
        )
        for folder in older[:2]:
            words = self._cached_words(folder, folder.name)
            if words is not None:
                caught_up = self._catch_up(words, version)
                if caught_up is not None:
                    return caught_up
        return self._build_words(version)

    def _cached_words(self, folder: Path, version: str) -> _Words | None:
        from kennisbank.search.lexical import LexicalIndex

        try:
            lexical, extra = LexicalIndex.load(folder)
            ids, regions = list(extra["ids"]), list(extra["regions"])
            vectors = LexicalIndex.load_array(folder, "vectors")
            if len(ids) != lexical.size or len(vectors) != len(ids):
                raise ValueError("cache does not match")
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return _words_of(version, lexical, ids, regions, vectors)

    def _build_words(self, version: str) -> _Words:
        """Every passage read from the store (in batches) into a new word index, saved for next time."""
        from kennisbank.search.lexical import LexicalIndex

        rows = sorted(
            self.store.iter_chunks(vectors=True),
            key=lambda row: (str(row[2].get("source", "")), int(row[2].get("start", 0)), row[0]),
        )
        ids = [cid for cid, _, _, _ in rows]
        regions = [str(meta.get("region") or "") for _, _, meta, _ in rows]
        dimension = self.state.dimension or (len(rows[0][3]) if rows else 0)
        vectors = np.zeros((len(rows), dimension), dtype=np.float16)
        for i, (_, _, _, vector) in enumerate(rows):
            if vector is not None and len(vector) == dimension:
                vectors[i] = vector
        lexical = LexicalIndex([_lexical_text(meta, text) for _, text, meta, _ in rows])
        del rows
        folder = self._cache_root() / version
        try:
            lexical.save(folder, {"ids": ids, "regions": regions}, {"vectors": vectors})
            for older in folder.parent.iterdir():
                if older != folder and not older.name.startswith("."):
                    shutil.rmtree(older, ignore_errors=True)
        except OSError:
            pass  # a read-only or full home: the index works from memory this time
        return _words_of(version, lexical, ids, regions, vectors)

    def _catch_up(self, words: _Words, version: str) -> _Words | None:
        """`words` brought to `version` through the store's change log: the changed passages are read
        (only those) into the delta. None when the log does not reach back or too much changed."""
        if words.version == version:
            return words
        limit = max(DELTA_MIN, words.base.size // DELTA_SHARE)
        changed = self.store.changes(words.version, version, limit)
        if changed is None or len(words.touched | set(changed)) > limit:
            return None
        # texts only: a passage's vector is read when fusion needs it (after a run killed mid-write,
        # Chroma may not serve the vectors of its last passages by id until the next run completes)
        stored = self.store.fetch(changed)
        kept = [row for row in words.delta if row[0] not in changed]
        fresh: list[tuple[str, str, str, np.ndarray | None]] = [
            (cid, _lexical_text(meta, text), str(meta.get("region") or ""), None)
            for cid, (text, meta, _) in sorted(stored.items())
        ]
        delta = tuple(kept + fresh)
        touched = words.touched | set(changed)
        dead = [words.base_position[cid] for cid in touched if cid in words.base_position]
        names = list(words.region_names)
        for row in delta:
            if row[2] and row[2] not in names:
                names.append(row[2])
        code = {name: i + 1 for i, name in enumerate(names)}
        base = words.base.size
        return _Words(
            version=version,
            base=words.base,
            lexical=words.base.with_delta([row[1] for row in delta], dead),
            ids=words.ids[:base] + [row[0] for row in delta],
            base_position=words.base_position,
            region_names=names,
            region_codes=np.concatenate(
                [words.region_codes[:base], np.array([code.get(row[2], 0) for row in delta], dtype=np.int32)]
            ),
            vectors=words.vectors,
            delta=delta,
            touched=frozenset(touched),
            delta_position={row[0]: base + i for i, row in enumerate(delta)},
        )

    def refresh(self) -> bool:
        """Pick up a new index version (another run, a colleague on the server); True when it changed.

        A few changed files are caught up at once (only their passages are read); a large change to a
        large index is rebuilt in the background while questions use the previous word index."""
        state = self.store.state()
        if state is None:
            raise KennisbankError(self.store.missing_message())
        if state.version == self.state.version:
            return False
        if state.model_fingerprint != self.embedder.fingerprint:
            raise KennisbankError(mismatch_message(state, self.embedder.fingerprint))
        self.state = state
        caught_up = self._catch_up(self._words, state.version)
        if caught_up is not None:
            self._words = caught_up
        elif len(self._words.ids) < BACKGROUND_REBUILD:
            self._words = self._load_words(state.version)
        elif self._rebuilding is None or not self._rebuilding.is_alive():
            # a large index: keep answering with the previous word index (new passages are found by
            # meaning meanwhile) and swap in the new one when it is built
            self._rebuilding = threading.Thread(target=self._rebuild_words, args=(state.version,), daemon=True)
            self._rebuilding.start()
        return True

    def _rebuild_words(self, version: str) -> None:
        try:
            words = self._build_words(version)
        except Exception:  # noqa: BLE001 - the next question tries again; the old index keeps working
            return
        if self.state.version == version:
            self._words = words

    # ------------------------------------------------------------------ listing

    def sources(self) -> list[SourceInfo]:
        """Every indexed file with its chunk count and reference date, cards first."""
        return list_sources(self.store.files())

    def regions(self) -> list[str]:
        """The regions that occur in the index, in the fixed order of kennisbank.regions."""
        present = set(self._region_names)
        ordered = [r for r in known_regions() if r in present]
        return ordered + sorted(present - set(ordered))

    # ------------------------------------------------------------------ searching

    def _mask(self, region: str | None, words: _Words | None = None) -> np.ndarray | None:
        words = words or self._words
        if region is None:
            return None
        if region not in words.region_names:
            return np.zeros(len(words.ids), dtype=bool)
        return words.region_codes == words.region_names.index(region) + 1

    def _dense(self, words: _Words, query_vector: np.ndarray, region: str | None, k: int) -> dict[str, float]:
        """Cosine similarity of the dense top-k (of one region when given)."""
        if region is None:
            return dict(self.store.query(query_vector, DENSE_K))
        pairs = self.store.query(query_vector, DENSE_K * REGION_WIDENING)
        positions = {cid: words.where(cid) for cid, _ in pairs}
        unknown = [cid for cid, position in positions.items() if position is None]
        regions = {cid: str(meta.get("region") or "") for cid, (_, meta, _) in self.store.fetch(unknown).items()}
        for cid, position in positions.items():
            if position is not None:
                code = int(words.region_codes[position])
                regions[cid] = words.region_names[code - 1] if code else ""
        kept = {cid: s for cid, s in pairs if regions.get(cid) == region}
        if len(kept) < min(DENSE_K // 4, max(k, 1) * 4) and len(pairs) >= DENSE_K * REGION_WIDENING:
            kept = dict(self.store.query(query_vector, DENSE_K, region=region))
        return kept

    def _vectors_of(self, words: _Words, ids: list[str]) -> dict[str, np.ndarray]:
        """Vectors of passages the dense top-k did not bring: from the word index's copy, else the store."""
        found: dict[str, np.ndarray] = {}
        unknown = []
        for cid in ids:
            position = words.where(cid)
            vector = words.vector(position) if position is not None else None
            if vector is None:
                unknown.append(cid)
            else:
                found[cid] = vector
        for cid, (_, _, vector) in self.store.fetch(unknown, vectors=True).items():
            if vector is not None:
                found[cid] = np.asarray(vector, dtype=np.float32)
        return found

    def search(self, query: str, region: str | None = None, k: int = 5, mode: Mode = "hybrid") -> SearchResponse:
        """The k best chunks for a question and, when the material covers it, a quoted answer.

        `mode` exists for the benchmark: dense only, BM25 only, or both fused (the default).
        """
        from kennisbank.search.lexical import cap_query

        query = cap_query(query.strip())  # a pasted file must not cost the model and the analysis seconds
        canonical = resolve_region(region)
        if not query:
            return SearchResponse(query=query)
        self.refresh()
        words = self._words
        if not words.ids:
            return SearchResponse(query=query)
        mask = self._mask(canonical, words)
        if mask is not None and not mask.any():
            return SearchResponse(query=query)
        clock = time.perf_counter
        started = clock()
        query_vector = self.embedder.encode_queries([query])[0]
        embedded = clock()
        dense = self._dense(words, query_vector, canonical, k) if mode != "bm25" else {}
        self.last_dense = list(dense)
        densed = clock()
        lexical: dict[str, float] = {}
        if mode != "dense":
            positions, scores = words.lexical.top(query, LEXICAL_K, mask)
            lexical = {words.ids[int(p)]: float(s) for p, s in zip(positions, scores)}
        lexicaled = clock()
        union = list(dense) + [cid for cid in lexical if cid not in dense]
        if not union:
            return SearchResponse(query=query)
        if mode == "hybrid":
            missing = [cid for cid in union if cid not in dense]
            for cid, vector in self._vectors_of(words, missing).items():
                dense[cid] = float(vector @ query_vector)
        dense_scores = np.array([dense.get(cid, -1.0) for cid in union])
        lexical_scores = np.array([lexical.get(cid, 0.0) for cid in union])
        everyone = np.ones(len(union), dtype=bool)
        if mode == "dense":
            fused = dense_scores
        elif mode == "bm25":
            fused = np.where(lexical_scores > 0, lexical_scores, -np.inf)
        elif self.fusion == "rrf":
            fused = reciprocal_rank_fusion(dense_scores, lexical_scores, everyone, self._lexical_weight(query))
        else:
            fused = normalised_fusion(dense_scores, lexical_scores, everyone, self._lexical_weight(query))
        count = min(max(k, 1), len(union))
        top = np.argpartition(-fused, count - 1)[:count] if count < len(union) else np.arange(len(union))
        best = sorted((int(i) for i in top if np.isfinite(fused[i])), key=lambda i: (-fused[i], i))
        stored = self.store.fetch([union[i] for i in best])
        hits = [self._hit(union[i], stored[union[i]], float(fused[i])) for i in best if union[i] in stored]
        response = SearchResponse(query=query, results=hits)
        fused_at = clock()
        self._answer(response, query_vector)
        self.last_timings = {
            "embed": embedded - started,
            "dense": densed - embedded,
            "lexical": lexicaled - densed,
            "fusion": fused_at - lexicaled,
            "answer": clock() - fused_at,
        }
        return response

    def _lexical_weight(self, query: str) -> float:
        """How far the word ranking is trusted: by the share of the question's words the material knows,
        and not at all when that is under half (a question in English, or about something absent)."""
        coverage = self.lexical.coverage(query)
        return coverage if coverage >= MIN_LEXICAL_COVERAGE else 0.0

    def _hit(self, cid: str, stored: tuple[str, dict[str, Any], Any], score: float) -> Hit:
        text, meta, _ = stored
        page = meta.get("page")
        return Hit(
            id=cid,
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            section=str(meta.get("section", "")),
            region=meta.get("region"),
            page=int(page) if page is not None else None,
            text=text,
            score=round(score, 6),
            source_url=meta.get("source_url"),
            reference_date=meta.get("reference_date"),
        )

    def unknown_words(self, query: str, names_only: bool = False) -> list[str]:
        """Words of the question, as written, that the material never mentions: names (capitalised, not
        the first word) and every other content word.

        A question about Vaals, about the hourly pay of a kwartiermaker or about solar panels cannot be
        answered from material that never names them, however close in meaning the rest of it comes:
        e5's cosines for such near-topic questions overlap those of answerable ones. `names_only` for a
        question in English, whose other words the Dutch material cannot be expected to contain.
        """
        from kennisbank.search.lexical import cap_query, stopwords

        # letters joined by inner hyphens or apostrophes ("ggz-instellingen", "regio's"); "dak- en" and
        # "'eerlijk aandeel'" leave the hyphen and the quotes out
        found = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", cap_query(query))
        stop = stopwords() | REQUEST_WORDS
        unknown: list[str] = []
        for position, word in enumerate(found):
            lowered = word.lower()
            name = position > 0 and word[0].isupper()
            content = not names_only and lowered not in stop and len(lowered) > 2
            if (name or content) and not self._knows(word) and word not in unknown:
                unknown.append(word)
        return unknown

    def _knows(self, word: str) -> bool:
        """A word the material has; 'MRA-programma' when it has each part ('MRA' and 'programma'); 'kiest'
        when it has its dictionary form 'kiezen'."""
        from kennisbank.answer.lemmas import lemma

        parts = [part for part in re.split(r"[-'’]", word) if part]
        if self.lexical.covers(word) or (len(parts) > 1 and all(self.lexical.covers(p) for p in parts)):
            return True
        base = lemma(word)
        return base != word.lower() and self.lexical.covers(base)

    def _answer(self, response: SearchResponse, query_vector: np.ndarray) -> None:
        """Fill in the quoted answer, or leave it None when the material has nothing on the question."""
        if not response.results:
            return
        english = looks_english(response.query)
        unknown = self.unknown_words(response.query, names_only=english)
        if unknown:
            response.note = unknown_line(unknown)
            return
        if self.lexical.coverage(response.query) == 0.0 and not english:
            return  # not one word of the question occurs in the material
        found = candidates(response.results)
        query_terms = set(self.lexical.query_terms(response.query))
        stored = self.store.sentence_vectors(list(dict.fromkeys(c.hit.id for c in found)))
        score_candidates(
            found, query_vector, self.embedder.encode_passages, query_terms, self.lexical.text_terms, stored
        )
        weigh_shape(found, response.query, query_terms, self.lexical.text_terms)
        calibration = ANSWER_CALIBRATION[self.state.sentence_vectors]
        chosen = choose(found, calibration.margin)
        if not chosen:
            return
        if max(c.semantic for c in chosen) < calibration.bound:
            return
        anchored = [c for c in chosen if (query_terms - {t for t in query_terms if t.isdigit()}) & self.lexical.text_terms(c.text)]
        missing = missing_specifics(
            response.query, _context(chosen), [text for c in anchored for text in (c.text, c.hit.section)]
        )
        if missing:
            # a question about 2031 is not answered by a sentence about 2022, however close in meaning
            response.note = missing_line(missing)
            return
        response.answer, response.answer_sentences = as_answer(chosen)
        if english:
            response.note = ENGLISH_NOTE



def _context(chosen: list[Candidate]) -> list[str]:
    """What the chosen sentences stand in: the sentences, their headings, titles and region names.

    A year or amount must be in a quoted sentence or its heading; a region may also be named by its
    title or one of its aliases ('Twente' for Regio Enschede).
    """
    from koploper.regions import registry

    texts: list[str] = []
    for candidate in chosen:
        hit = candidate.hit
        texts += [candidate.text, hit.section, hit.title]
        region = registry().regions.get(hit.region or "")
        if region is not None:
            texts += [region.name, *region.aliases, *region.core_cities]
    return texts
