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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from kennisbank.answer import Candidate, as_answer, candidates, choose, score_candidates, weigh_shape
from kennisbank.question_kinds import ENGLISH_NOTE, looks_english, missing_line, missing_specifics
from kennisbank.errors import KennisbankError
from kennisbank.fusion import normalised_fusion, reciprocal_rank_fusion
from kennisbank.indexer import build_index, check_model, mismatch_message
from kennisbank.models import Hit, SearchResponse, SourceInfo
from kennisbank.regions import known_regions, resolve_region
from koploper.settings import Settings, load_settings
from kennisbank.store import (
    ChromaStore,
    EmbeddedStore,
    IndexState,
    Manifest,
    list_sources,
    old_layout_files,
    open_store,
)

if TYPE_CHECKING:
    from kennisbank.embedding import Embedder
    from kennisbank.lexical import LexicalIndex

__all__ = ["KnowledgeBase", "build_index"]

Mode = Literal["hybrid", "dense", "bm25"]
Fusion = Literal["rrf", "normalised"]

DEFAULT_FUSION: Fusion = "normalised"
"""Measured in bench/bench_kennisbank.py on the development sets: normalised score fusion is at least
as good as dense and BM25 alone on top-1, top-3 and answers; RRF lost a top-1 to dense."""
MIN_LEXICAL_COVERAGE = 0.5
"""Below this share of known question words the fusion uses the dense ranking alone."""
ANSWER_MIN_SIMILARITY = 0.82
"""Below this cosine between the question and the closest chosen sentence the material is taken to have
nothing on the question (answer null). Calibrated on the development sets with e5-small and sentence
vectors by late chunking (kennisbank.indexer.LATE_CHUNKING): answerable questions reach 0.825 or more
(with separately embedded sentences it was 0.837, and this bound 0.83)."""
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


@dataclass(frozen=True)
class _Words:
    """The word index of one index version with its passage order; swapped as one object."""

    version: str
    lexical: "LexicalIndex"
    ids: list[str]
    position: dict[str, int]
    region_names: list[str]
    region_codes: np.ndarray


class KnowledgeBase:
    """An opened index: the model, the store and the word index (cached per index version)."""

    def __init__(self, settings: Settings, store: ChromaStore, state: IndexState, embedder: "Embedder") -> None:
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
    def _position(self) -> dict[str, int]:
        return self._words.position

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
            if isinstance(store, EmbeddedStore) and old_layout_files(settings.index_dir) is not None:
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

        from kennisbank.embedding import Embedder

        return cls(settings, store, state, embedder or Embedder(settings.model_path))

    @property
    def manifest(self) -> Manifest:
        return self.store.manifest()

    def _cache_root(self) -> Path:
        identity = f"{self.store.kind}|{self.store.location}|{self.state.store_id}"
        return self.settings.home / "cache" / "lexical" / hashlib.sha256(identity.encode()).hexdigest()[:16]

    def _load_words(self, version: str) -> _Words:
        """The word index of `version`: from the cache, else built from the store and saved."""
        from kennisbank.lexical import LexicalIndex

        folder = self._cache_root() / version
        try:
            lexical, extra = LexicalIndex.load(folder)
            ids, regions = list(extra["ids"]), list(extra["regions"])
            if len(ids) != lexical.size:
                raise ValueError("cache does not match")
        except (OSError, ValueError, KeyError, TypeError):
            rows = sorted(
                self.store.iter_chunks(),
                key=lambda row: (str(row[2].get("source", "")), int(row[2].get("start", 0)), row[0]),
            )
            ids = [cid for cid, _, _ in rows]
            regions = [str(meta.get("region") or "") for _, _, meta in rows]
            lexical = LexicalIndex(
                [
                    f"{meta.get('title', '')} {meta.get('aliases', '')} {meta.get('section', '')}\n{text}"
                    for _, text, meta in rows
                ]
            )
            try:
                lexical.save(folder, {"ids": ids, "regions": regions})
                for older in folder.parent.iterdir():
                    if older != folder and not older.name.startswith("."):
                        shutil.rmtree(older, ignore_errors=True)
            except OSError:
                pass  # a read-only or full home: the index works from memory this time
        names = sorted({r for r in regions if r})
        code = {name: i + 1 for i, name in enumerate(names)}
        return _Words(
            version=version,
            lexical=lexical,
            ids=ids,
            position={cid: i for i, cid in enumerate(ids)},
            region_names=names,
            region_codes=np.array([code.get(r, 0) for r in regions], dtype=np.int32),
        )

    def refresh(self) -> bool:
        """Pick up a new index version (another run, a colleague on the server); True when it changed."""
        state = self.store.state()
        if state is None:
            raise KennisbankError(self.store.missing_message())
        if state.version == self.state.version:
            return False
        if state.model_fingerprint != self.embedder.fingerprint:
            raise KennisbankError(mismatch_message(state, self.embedder.fingerprint))
        self.state = state
        if len(self._words.ids) < BACKGROUND_REBUILD:
            self._words = self._load_words(state.version)
        elif self._rebuilding is None or not self._rebuilding.is_alive():
            # a large index: keep answering with the previous word index (new passages are found by
            # meaning meanwhile) and swap in the new one when it is built
            self._rebuilding = threading.Thread(target=self._rebuild_words, args=(state.version,), daemon=True)
            self._rebuilding.start()
        return True

    def _rebuild_words(self, version: str) -> None:
        try:
            words = self._load_words(version)
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

    def _mask(self, region: str | None) -> np.ndarray | None:
        if region is None:
            return None
        if region not in self._region_names:
            return np.zeros(len(self.ids), dtype=bool)
        return self._region_codes == self._region_names.index(region) + 1

    def _region_of(self, cid: str) -> str | None:
        position = self._position.get(cid)
        if position is None:
            return None
        code = int(self._region_codes[position])
        return self._region_names[code - 1] if code else ""

    def _dense(self, query_vector: np.ndarray, region: str | None, k: int) -> dict[str, float]:
        """Cosine similarity of the dense top-k (of one region when given)."""
        if region is None:
            return dict(self.store.query(query_vector, DENSE_K))
        pairs = self.store.query(query_vector, DENSE_K * REGION_WIDENING)
        unknown = [cid for cid, _ in pairs if cid not in self._position]
        regions = {cid: str(meta.get("region") or "") for cid, (_, meta, _) in self.store.fetch(unknown).items()}
        kept = {cid: s for cid, s in pairs if (regions.get(cid) if cid in regions else self._region_of(cid)) == region}
        if len(kept) < min(DENSE_K // 4, max(k, 1) * 4) and len(pairs) >= DENSE_K * REGION_WIDENING:
            kept = dict(self.store.query(query_vector, DENSE_K, region=region))
        return kept

    def search(self, query: str, region: str | None = None, k: int = 5, mode: Mode = "hybrid") -> SearchResponse:
        """The k best chunks for a question and, when the material covers it, a quoted answer.

        `mode` exists for the benchmark: dense only, BM25 only, or both fused (the default).
        """
        from kennisbank.lexical import cap_query

        query = cap_query(query.strip())  # a pasted file must not cost the model and the analysis seconds
        canonical = resolve_region(region)
        if not query:
            return SearchResponse(query=query)
        self.refresh()
        if not self.ids:
            return SearchResponse(query=query)
        mask = self._mask(canonical)
        if mask is not None and not mask.any():
            return SearchResponse(query=query)
        clock = time.perf_counter
        started = clock()
        words = self._words
        query_vector = self.embedder.encode_queries([query])[0]
        embedded = clock()
        dense = self._dense(query_vector, canonical, k) if mode != "bm25" else {}
        self.last_dense = list(dense)
        densed = clock()
        lexical: dict[str, float] = {}
        if mode != "dense":
            if mask is not None and len(mask) != len(words.ids):
                mask = self._mask(canonical)
            positions, scores = words.lexical.top(query, LEXICAL_K, mask)
            lexical = {words.ids[int(p)]: float(s) for p, s in zip(positions, scores)}
        lexicaled = clock()
        union = list(dense) + [cid for cid in lexical if cid not in dense]
        if not union:
            return SearchResponse(query=query)
        if mode == "hybrid":
            missing = [cid for cid in union if cid not in dense]
            for cid, (_, _, vector) in self.store.fetch(missing, vectors=True).items():
                if vector is not None:
                    dense[cid] = float(np.asarray(vector, dtype=np.float32) @ query_vector)
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

    def unknown_names(self, query: str) -> list[str]:
        """Capitalised words of the question (not its first word) that the material never mentions.

        A question about Vaals or Ajax cannot be answered from material that never names them, however
        close the other words come.
        """
        words = re.findall(r"[^\W\d_][\w'’-]*", query)
        return [w for w in words[1:] if w[0].isupper() and not self._knows(w)]

    def _knows(self, word: str) -> bool:
        """A word the material has; 'MRA-programma' when it has each part ('MRA' and 'programma')."""
        parts = [part for part in re.split(r"[-'’]", word) if part]
        return self.lexical.covers(word) or (len(parts) > 1 and all(self.lexical.covers(p) for p in parts))

    def _answer(self, response: SearchResponse, query_vector: np.ndarray) -> None:
        """Fill in the quoted answer, or leave it None when the material has nothing on the question."""
        if not response.results or self.unknown_names(response.query):
            return
        english = looks_english(response.query)
        if self.lexical.coverage(response.query) == 0.0 and not english:
            return  # not one word of the question occurs in the material
        found = candidates(response.results)
        query_terms = set(self.lexical.query_terms(response.query))
        stored = self.store.sentence_vectors(list(dict.fromkeys(c.hit.id for c in found)))
        score_candidates(
            found, query_vector, self.embedder.encode_passages, query_terms, self.lexical.text_terms, stored
        )
        weigh_shape(found, response.query, query_terms, self.lexical.text_terms)
        chosen = choose(found)
        if not chosen:
            return
        if max(c.semantic for c in chosen) < ANSWER_MIN_SIMILARITY:
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
