"""The word index of an open index, cached per index version under HOME/cache/lexical and kept up to date.

When another run (or a colleague on the server) changes the index, the next question sees it: a few
changed files are caught up through the store's change log (only their passages are read); a large
change to a large index is rebuilt in the background while questions use the previous word index.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kennisbank.store.base import Store
from kennisbank.store.records import IndexState

if TYPE_CHECKING:
    from kennisbank.search.lexical import LexicalIndex

BACKGROUND_REBUILD = 20_000
"""From this many passages on, a new index version's word index is built in the background while
questions are answered with the previous one: rebuilding 100k passages takes tens of seconds."""
DELTA_SHARE = 10
"""A word index catches up with changed passages in a small delta while they are at most 1/DELTA_SHARE
of it (and at least DELTA_MIN); beyond that it is rebuilt."""
DELTA_MIN = 2_000
DELTA_PREFIX = "delta-"
"""A caught-up delta saved beside its base: delta-<version>.json (`WordCache._save_delta`)."""
PASSAGE_ARRAYS = ("ids", "sorted_ids", "order", "region_codes")
"""Saved per passage beside the word index and read memory-mapped (`passage_arrays`)."""


@dataclass(frozen=True)
class Words:
    """The word index of one index version with its passage order; swapped as one object.

    `base` is the saved index (from the cache); `lexical` is base plus the passages changed since
    (the delta); `ids` and `region_codes` follow that order. `vectors` holds the base passages'
    vectors (memory-mapped from the cache) and `delta` the changed passages with theirs: fusion takes
    a lexical candidate's vector from them instead of asking the store.
    """

    version: str
    base: LexicalIndex
    lexical: LexicalIndex
    ids: PassageIds
    base_position: Positions
    region_names: list[str]
    region_codes: np.ndarray
    vectors: np.ndarray
    delta: tuple[tuple[str, str, str, np.ndarray | None], ...] = ()
    """(id, lexical text, region, vector) of each passage added or changed since the base."""
    touched: frozenset[str] = frozenset()
    """Every passage id added, changed or deleted since the base (its base position is dead)."""
    delta_position: dict[str, int] = field(default_factory=dict)
    base_version: str = ""
    """The version of the saved base (its cache folder); the delta is saved beside it (`WordCache`)."""

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


class PassageIds(Sequence[str]):
    """The passage ids in word-index order: the saved ones (an array, memory-mapped from the cache: an open
    reads none of them) followed by the delta's."""

    def __init__(self, base: np.ndarray, extra: Sequence[str] = ()) -> None:
        self.base = base
        self.extra = list(extra)

    def __len__(self) -> int:
        return len(self.base) + len(self.extra)

    def __getitem__(self, position: int) -> str:  # type: ignore[override]
        if position < 0:
            position += len(self)
        if position < len(self.base):
            return str(self.base[position])
        return self.extra[position - len(self.base)]


class Positions:
    """Where a saved passage id sits in the word index, found by binary search in the saved sorted ids
    (memory-mapped): no table of every id is built at open."""

    def __init__(self, sorted_ids: np.ndarray, order: np.ndarray) -> None:
        self.sorted_ids = sorted_ids
        self.order = order

    def get(self, cid: str) -> int | None:
        found = int(np.searchsorted(self.sorted_ids, cid))
        if found < len(self.sorted_ids) and str(self.sorted_ids[found]) == cid:
            return int(self.order[found])
        return None

    def __contains__(self, cid: object) -> bool:
        return isinstance(cid, str) and self.get(cid) is not None

    def __getitem__(self, cid: str) -> int:
        position = self.get(cid)
        if position is None:
            raise KeyError(cid)
        return position


def passage_arrays(ids: list[str], regions: list[str]) -> tuple[dict[str, np.ndarray], list[str]]:
    """What the cache keeps per passage, as arrays read memory-mapped: the ids, the ids sorted with their
    positions (for `Positions`) and a region code per passage; and the region names the codes count."""
    names = sorted({r for r in regions if r})
    code = {name: i + 1 for i, name in enumerate(names)}
    array = np.array(ids, dtype=str) if ids else np.zeros(0, dtype="<U1")
    order = np.argsort(array, kind="stable").astype(np.int64)
    return {
        "ids": array,
        "sorted_ids": array[order],
        "order": order,
        "region_codes": np.array([code.get(r, 0) for r in regions], dtype=np.int32),
    }, names


def _words_of(version: str, lexical: LexicalIndex, arrays: dict[str, np.ndarray], names: list[str], vectors: np.ndarray) -> Words:
    return Words(
        version=version,
        base=lexical,
        lexical=lexical,
        ids=PassageIds(arrays["ids"]),
        base_position=Positions(arrays["sorted_ids"], arrays["order"]),
        region_names=list(names),
        region_codes=arrays["region_codes"],
        vectors=vectors,
        base_version=version,
    )


def _lexical_text(meta: dict[str, Any], text: str) -> str:
    return f"{meta.get('title', '')} {meta.get('aliases', '')} {meta.get('section', '')}\n{text}"


class WordCache:
    """The current `Words` of one store, from the cache when it can be, built and saved when it must."""

    def __init__(self, store: Store, home: Path, state: IndexState) -> None:
        self.store = store
        self.home = home
        self.state = state
        self._rebuilding: threading.Thread | None = None
        self.words: Words = self.load(state.version)

    def root(self) -> Path:
        identity = f"{self.store.kind}|{self.store.location}|{self.state.store_id}"
        return self.home / "cache" / "lexical" / hashlib.sha256(identity.encode()).hexdigest()[:16]

    def load(self, version: str) -> Words:
        """The word index of `version`: from the cache, or an older cached one caught up through the
        store's change log, else built from the store and saved; then the passages a killed run wrote
        after its version's state (the store's pending ids) are caught up too, so the word index is
        never older than the store's content, whatever its version says."""
        words = self._load(version)
        pending = self.store.pending()
        if not pending:
            return words
        return self._with_changed(words, version, pending) or self.build(version)

    def _load(self, version: str) -> Words:
        root = self.root()
        words = self._cached(root / version, version)
        if words is not None:
            return words
        older = sorted(
            (f for f in root.iterdir() if f.is_dir() and not f.name.startswith(".")) if root.is_dir() else [],
            key=lambda f: f.stat().st_mtime,
            reverse=True,
        )
        for folder in older[:2]:
            words = self._cached(folder, folder.name)
            if words is not None:
                caught_up = self._saved_delta(words, version) or self.catch_up(words, version)
                if caught_up is not None:
                    return caught_up
        return self.build(version)

    def _delta_file(self, words: Words, version: str) -> Path:
        return self.root() / words.base_version / f"{DELTA_PREFIX}{version}.json"

    def _saved_delta(self, words: Words, version: str) -> Words | None:
        """`words` brought to `version` by the delta an earlier catch-up saved beside its base: the open after
        an update reads the changed passages from there, not from the store (whose first read of passages
        loads the whole vector index: 3 s at 100,000 after a restart). None when there is none."""
        try:
            saved = json.loads(self._delta_file(words, version).read_text(encoding="utf-8"))
            rows: list[tuple[str, str, str, np.ndarray | None]] = [
                (str(cid), str(text), str(region), None) for cid, text, region in saved["rows"]
            ]
            touched = [str(cid) for cid in saved["touched"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return self._with_rows(words, version, rows, touched)

    def _save_delta(self, words: Words) -> None:
        """Keep a caught-up delta beside its base for the next open (only the newest); best effort."""
        from koploper.atomic import write_text

        path = self._delta_file(words, words.version)
        if not (path.parent / "lexical.json").is_file():
            return  # the base lives in memory only (a read-only home): nothing to save beside
        rows = [[cid, text, region] for cid, text, region, _ in words.delta]
        try:
            write_text(
                path, json.dumps({"touched": sorted(words.touched), "rows": rows}, ensure_ascii=False), make_parents=False
            )
            for older in path.parent.glob(f"{DELTA_PREFIX}*.json"):
                if older != path:
                    older.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only or full home: the next open catches up from the store again

    def _cached(self, folder: Path, version: str) -> Words | None:
        """The saved word index of `folder`: its small parts parsed, its per-passage parts memory-mapped.
        A cache saved before the per-passage arrays existed (ids in lexical.json) gets them once."""
        from kennisbank.search.lexical import LexicalIndex

        try:
            lexical, extra = LexicalIndex.load(folder)
            if "ids" in extra:  # saved by an earlier version: write the arrays beside it, then read them mapped
                arrays, names = passage_arrays(list(extra["ids"]), list(extra["regions"]))
                LexicalIndex.add_arrays(folder, arrays, {"region_names": names})
                lexical, extra = LexicalIndex.load(folder)
            names = [str(name) for name in extra["region_names"]]
            arrays = {name: LexicalIndex.load_array(folder, name) for name in PASSAGE_ARRAYS}
            vectors = LexicalIndex.load_array(folder, "vectors")
            if any(len(arrays[name]) != lexical.size for name in PASSAGE_ARRAYS) or len(vectors) != lexical.size:
                raise ValueError("cache does not match")
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return _words_of(version, lexical, arrays, names, vectors)

    def build(self, version: str) -> Words:
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
        arrays, names = passage_arrays(ids, regions)
        folder = self.root() / version
        try:
            lexical.save(folder, {"region_names": names}, {"vectors": vectors, **arrays})
            for older in folder.parent.iterdir():
                if older != folder and not older.name.startswith("."):
                    shutil.rmtree(older, ignore_errors=True)
        except OSError:
            pass  # a read-only or full home: the index works from memory this time
        return _words_of(version, lexical, arrays, names, vectors)

    def catch_up(self, words: Words, version: str) -> Words | None:
        """`words` brought to `version` through the store's change log: the changed passages are read
        (only those) into the delta. None when the log does not reach back or too much changed."""
        if words.version == version:
            return words
        limit = max(DELTA_MIN, words.base.size // DELTA_SHARE)
        changed = self.store.changes(words.version, version, limit)
        if changed is None:
            return None
        return self._with_changed(words, version, changed)

    def _with_changed(self, words: Words, version: str, changed: list[str]) -> Words | None:
        """`words` with the passages `changed` read again from the store (only those) into the delta; None
        when that is too much for a delta."""
        limit = max(DELTA_MIN, words.base.size // DELTA_SHARE)
        if len(words.touched | set(changed)) > limit:
            return None
        # texts only: a passage's vector is read when fusion needs it (after a run killed mid-write,
        # Chroma may not serve the vectors of its last passages by id until the next run completes)
        stored = self.store.fetch(changed)
        fresh: list[tuple[str, str, str, np.ndarray | None]] = [
            (cid, _lexical_text(meta, text), str(meta.get("region") or ""), None)
            for cid, (text, meta, _) in sorted(stored.items())
        ]
        caught_up = self._with_rows(words, version, fresh, changed)
        self._save_delta(caught_up)
        return caught_up

    def _with_rows(
        self, words: Words, version: str, fresh: list[tuple[str, str, str, np.ndarray | None]], changed: list[str]
    ) -> Words:
        """`words` with the passages `changed` replaced by `fresh` (id, lexical text, region, vector) in the delta."""
        kept = [row for row in words.delta if row[0] not in changed]
        delta = tuple(kept + fresh)
        touched = words.touched | set(changed)
        dead = [words.base_position[cid] for cid in touched if cid in words.base_position]
        names = list(words.region_names)
        for row in delta:
            if row[2] and row[2] not in names:
                names.append(row[2])
        code = {name: i + 1 for i, name in enumerate(names)}
        base = words.base.size
        return Words(
            version=version,
            base=words.base,
            lexical=words.base.with_delta([row[1] for row in delta], dead),
            ids=PassageIds(words.ids.base, [row[0] for row in delta]),
            base_position=words.base_position,
            region_names=names,
            region_codes=np.concatenate(
                [words.region_codes[:base], np.array([code.get(row[2], 0) for row in delta], dtype=np.int32)]
            ),
            vectors=words.vectors,
            delta=delta,
            touched=frozenset(touched),
            delta_position={row[0]: base + i for i, row in enumerate(delta)},
            base_version=words.base_version,
        )

    def follow(self, state: IndexState) -> None:
        """Move to a new index version: caught up at once when little changed, else loaded (a small
        index) or rebuilt in the background (a large one) while questions use the previous word index."""
        self.state = state
        caught_up = self.catch_up(self.words, state.version)
        if caught_up is not None:
            self.words = caught_up
        elif len(self.words.ids) < BACKGROUND_REBUILD:
            self.words = self.load(state.version)
        elif self._rebuilding is None or not self._rebuilding.is_alive():
            # a large index: keep answering with the previous word index (new passages are found by
            # meaning meanwhile) and swap in the new one when it is built
            self._rebuilding = threading.Thread(target=self._rebuild, args=(state.version,), daemon=True)
            self._rebuilding.start()

    def _rebuild(self, version: str) -> None:
        try:
            words = self.build(version)
        except Exception:  # noqa: BLE001 - the next question tries again; the old index keeps working
            return
        if self.state.version == version:
            self.words = words
