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

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kennisbank.answer import gate
from kennisbank.answer.definitions import defining_ids_of, put_first
from kennisbank.answer.enactment import only_formula
from kennisbank.answer.evidence import ANSWER_CHUNKS
from kennisbank.answer.lists import enumerates
from kennisbank.answer.members import with_list_items, with_problem_members, with_timed_members
from kennisbank.answer.own_documents import WINDOW, prefer_own
from kennisbank.answer.places import home_region, with_region
from kennisbank.answer.question_kinds import defined_terms, dutch_reading
from kennisbank.errors import KennisbankError, StoreError, StoreUnavailable
from kennisbank.ingest.indexer import build_index, check_model, mismatch_message
from kennisbank.ingest.remembered import explained
from kennisbank.models import Hit, SearchResponse, Side, SourceInfo
from kennisbank.regions import known_regions, resolve_region
from kennisbank.search.equivalents import expanded
from kennisbank.search.ranking import DEFAULT_FUSION, Fusion, Mode, hit_of, rank, region_mask
from kennisbank.search.word_cache import WordCache
from kennisbank.store.base import Store
from kennisbank.store.opening import open_store
from kennisbank.store.records import IndexState, Manifest, list_sources
from koploper.settings import Settings, load_settings

if TYPE_CHECKING:
    from kennisbank.model.encoder import QueryEncoder
    from kennisbank.search.lexical import LexicalIndex

__all__ = ["KnowledgeBase", "build_index"]


OUTLINE_REACH = 80
"""Passages read on either side of a found one for its document's outline: a card has at most a few dozen."""


class KnowledgeBase:
    """An opened index: the model, the store and the word index (cached per index version)."""

    def __init__(self, settings: Settings, store: Store, state: IndexState, embedder: QueryEncoder) -> None:
        self.settings = settings
        self.store = store
        self.state = state
        self.embedder = embedder
        self.fusion: Fusion = DEFAULT_FUSION
        self.last_timings: dict[str, float] = {}
        """Seconds per step of the last search (embed, dense, lexical, fusion, answer): for bench/."""
        self.last_dense: list[str] = []
        """The dense candidates of the last search (bench/bench_scale.py measures their recall)."""
        self.word_cache = WordCache(store, settings.home, state)

    @property
    def lexical(self) -> LexicalIndex:
        return self.word_cache.words.lexical

    @property
    def ids(self) -> Sequence[str]:
        return self.word_cache.words.ids

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, settings: Settings | None = None, embedder: QueryEncoder | None = None) -> KnowledgeBase:
        """Load the current index; a Dutch KennisbankError when the model or the index is missing, damaged,
        mismatched or (on a server) unreachable."""
        settings = settings or load_settings()
        fingerprint = check_model(settings)
        store = open_store(settings)
        try:
            return cls._open(settings, store, fingerprint, embedder)
        except StoreUnavailable:
            raise
        except StoreError as error:
            raise explained(error, settings, store) from error

    @classmethod
    def _open(cls, settings: Settings, store: Store, fingerprint: str, embedder: QueryEncoder | None) -> KnowledgeBase:
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

        from kennisbank.model.loading import load_query_encoder

        encoder = embedder or load_query_encoder(settings)
        if encoder.fingerprint != state.model_fingerprint:  # a shared model process started with another model
            raise KennisbankError(mismatch_message(state, encoder.fingerprint))
        return cls(settings, store, state, encoder)

    @property
    def manifest(self) -> Manifest:
        return self.store.manifest()

    def refresh(self) -> bool:
        """Pick up a new index version (another run, a colleague on the server); True when it changed.

        A few changed files are caught up at once (only their passages are read); a large change to a
        large index is rebuilt in the background while questions use the previous word index."""
        state = self.store.state()
        if state is None:
            raise KennisbankError(self.store.missing_message())
        if state.version == self.state.version:
            return False
        # Another process wrote: an embedded client keeps the vector index it loaded in memory, which no
        # longer matches the database (every query then fails). A new connection loads what is on disk.
        self.store.close()
        state = self.store.state()
        if state is None:
            raise KennisbankError(self.store.missing_message())
        if state.model_fingerprint != self.embedder.fingerprint:
            raise KennisbankError(mismatch_message(state, self.embedder.fingerprint))
        self.state = state
        self.word_cache.follow(state)
        return True

    # ------------------------------------------------------------------ listing

    def sources(self) -> list[SourceInfo]:
        """Every indexed file with its chunk count and reference date, cards first. The file records are
        read here, not at open: a search does not need them. Raises a Dutch StoreError when they are damaged."""
        try:
            return list_sources(self.store.files())
        except StoreUnavailable:
            raise
        except StoreError as error:
            raise explained(error, self.settings, self.store) from error

    def regions(self) -> list[str]:
        """The regions that occur in the index, in the fixed order of kennisbank.regions."""
        present = set(self.word_cache.words.region_names)
        ordered = [r for r in known_regions() if r in present]
        return ordered + sorted(present - set(ordered))

    # ------------------------------------------------------------------ searching

    def search(
        self, query: str, region: str | None = None, k: int = 5, mode: Mode = "hybrid", general: bool = True, side: Side | None = None
    ) -> SearchResponse:
        """The k best chunks for a question and, when the material covers it, a quoted answer.

        A region narrows the regional material; the general material (glossary, programme, laws, the user's
        own documents) stays in unless `general` is off (a region's profile, one side of a comparison).
        `mode` exists for the benchmark: dense only, BM25 only, or both fused (the default). `side`: the query
        is one column of a comparison; the answer quotes what is about that side (kennisbank.answer.sides).
        """
        # A read that fails is tried once more on a new connection: another process may be writing the
        # index right now (an embedded client's vector index in memory then lags the database), or another
        # store in this process restarted the folder's Chroma system; neither is damage.
        try:
            return self._search(query, region, k, mode, general, side)
        except StoreUnavailable:
            raise
        except StoreError:
            self.store.close()
        try:
            return self._search(query, region, k, mode, general, side)
        except StoreUnavailable:
            raise
        except StoreError as error:
            raise explained(error, self.settings, self.store) from error

    def _search(self, query: str, region: str | None, k: int, mode: Mode, general: bool, side: Side | None = None) -> SearchResponse:
        from kennisbank.search.lexical import cap_query

        query = cap_query(query.strip())  # a pasted file must not cost the model and the analysis seconds
        canonical = resolve_region(region)
        if not query:
            return SearchResponse(query=query)
        self.refresh()
        words = self.word_cache.words
        if not words.ids:
            return SearchResponse(query=query)
        read = query
        home = home_region(query) if region is None else None
        if home is not None and home in words.region_names:
            # a member municipality ('… in veendam?') is searched in its region's material, beside the general
            # material; the model reads it with its region's name beside it ('veendam (provincie Groningen)'), the
            # word index as written (a document of the user's own about Pekela keeps its words)
            canonical, read = home, with_region(query)
        mask = region_mask(words, canonical, general)
        if mask is not None and not mask.any():
            return SearchResponse(query=query)
        clock = time.perf_counter
        started = clock()
        # the word index is also asked the legal terms of the question's everyday words; the model reads the
        # question as written (the terms appended to it moved the dense ranking as often down as up)
        wider = expanded(query, words.lexical) if mode == "hybrid" else query
        query_vector = self.embedder.encode_queries([read])[0]
        embedded = clock()
        window = max(k, WINDOW) if mode == "hybrid" else k
        ranking = rank(self.store, words, query, query_vector, canonical, mask, window, mode, self.fusion, general, wider)
        self.last_dense = ranking.dense
        if "fusion" not in ranking.timings:
            return SearchResponse(query=query)
        ranking.hits = prefer_own(ranking.hits, k, query) if mode == "hybrid" else ranking.hits
        # the opening and closing formulae of a law (the King's words) come after every passage with content
        ranking.hits = sorted(ranking.hits, key=lambda hit: only_formula(hit.text)) if mode == "hybrid" else ranking.hits
        terms = defined_terms(query) if mode == "hybrid" else []
        if terms:  # a definition question: the passages that define its terms come first
            ranking.hits = put_first(ranking.hits, defining_ids_of(self.store, words, terms, mask), self.store, hit_of, k)
        members = 0
        continued: dict[str, Hit] = {}
        completing: frozenset[str] = frozenset()
        if mode == "hybrid":  # the member of a found article that holds the asked period or date
            ranking.hits, members = with_timed_members(ranking.hits, dutch_reading(query), words.ids, words.where, self.store, hit_of)
            # the passage of a found section that says what went wrong, for 'waar liep … tegenaan?'
            ranking.hits, problems = with_problem_members(ranking.hits, query, query_vector, words.ids, words.where, self.store, hit_of)
            members += problems
            # the items of a list whose lead a found passage ends with ('… bedraagt ten hoogste:')
            ranking.hits, continued, completing = with_list_items(ranking.hits, ANSWER_CHUNKS + members, words.ids, words.where, self.store, hit_of)
            members += len(completing)
        response = SearchResponse(query=query, results=ranking.hits)
        fused_at = clock()
        gate.answer(response, query_vector, words.lexical, self.store, self.embedder, self.state.sentence_vectors, members, continued, completing, side)
        gate.place_refusal(response)
        self.last_timings = {"embed": embedded - started, **ranking.timings, "answer": clock() - fused_at}
        return response

    def outline(self, hit: Hit, query: str = "") -> list[Hit]:
        """The opening passage of each section of `hit`'s document: what a summary of the document quotes.
        The section whose heading shares most of the question's terms comes first (the earliest of equals:
        a document defines before it details); when no heading has a term beyond the document's title, the
        section that numbers the document's main points comes second; the others follow in the document's order. Passages are
        indexed in document order, so the document is the run of passages around `hit` with its source (at
        most OUTLINE_REACH on either side)."""
        words = self.word_cache.words
        position = words.where(hit.id)
        if position is None:
            return [hit]
        near = [str(words.ids[p]) for p in range(max(0, position - OUTLINE_REACH), min(len(words.ids), position + OUTLINE_REACH + 1))]
        stored = self.store.fetch(near)
        run: list[str] = []
        for cid in near:  # the unbroken run of this document's passages that holds `hit`
            same = cid in stored and str(stored[cid][1].get("source", "")) == hit.source
            if same:
                run.append(cid)
            elif hit.id in run:
                break
            else:
                run = []
        opening: dict[str, Hit] = {}
        for cid in run:
            section = str(stored[cid][1].get("section", ""))
            if section not in opening:
                opening[section] = hit_of(cid, stored[cid], 0.0)
        sections = list(opening.values())
        terms = set(words.lexical.query_terms(query))
        if not sections or not terms:
            return sections
        shared = [len(terms & words.lexical.text_terms(h.section)) for h in sections]
        lead = shared.index(max(shared))
        ordered = [sections[lead], *sections[:lead], *sections[lead + 1 :]]
        own = terms - words.lexical.text_terms(hit.title)  # what the question asks beyond the document's subject
        if not any(own & words.lexical.text_terms(h.section) for h in sections):
            # the question names only what the document is about ('wat houdt de wet … in'): the section that lists
            # the document's main points in its own numbered items ('drie pijlers: (1) …; (2) …') comes second,
            # right after the lead, and the summary quotes it too (assistant.compose_knowledge.compose_summary)
            points = next((h for h in ordered[1:] if enumerates(h.text)), None)
            if points is not None:
                ordered = [ordered[0], points, *(h for h in ordered[1:] if h is not points)]
        return ordered

    def unknown_words(self, query: str, names_only: bool = False) -> list[str]:
        """Words of the question, as written, that the material never mentions (see answer.gate)."""
        return gate.unknown_words(self.lexical, query, names_only)
