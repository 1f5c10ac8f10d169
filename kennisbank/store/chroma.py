"""The store on a Chroma client: what the embedded store and the server store share.

Everything an index holds lives in the store itself, so every client of a server sees the same index
(the collections: kennisbank.store.records).

The change log lets a client that has the word index of an older version catch up by reading only
what changed: every write first notes the passage ids it touches (a `pending` record, so a killed run
is covered too), and the state write turns them into one `change-<version>` record that names the
previous version.

An index run upserts and deletes only what changed, file by file, and bumps the version at the end;
a run killed at any moment leaves an index that answers, and the next run completes the work.
"""

from __future__ import annotations

import abc
import contextlib
import functools
import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from kennisbank.errors import KennisbankError, StoreError
from kennisbank.store.base import Store
from kennisbank.store.disk import DISK_FULL, is_disk_problem
from kennisbank.store.records import (
    CHANGE_LIMIT,
    CHANGE_PREFIX,
    CHUNKS,
    CONSTRUCTION_EF,
    FILES,
    GET_BATCH,
    KEEP_CHANGES,
    META,
    PENDING_PREFIX,
    PLACEHOLDER,
    REBUILD_COMMAND,
    SEARCH_EF,
    SENTENCES,
    STATE_ID,
    FileEntry,
    IndexState,
    PassageBatch,
    now,
    pack_vectors,
    unpack_vectors,
)

_log = logging.getLogger(__name__)

if TYPE_CHECKING:
    import numpy as np

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

WIDEN_ATTEMPTS = 3
"""How often an older collection's narrow search is widened before it keeps its own (0.3 s of waiting at most; only a store made before the wide search pays it)."""


class ChromaStore(Store):
    """The store on a Chroma client; the subclasses say how to connect and how writers take turns."""

    kind = "chroma"
    location = ""

    def __init__(self) -> None:
        self._client: Any = None
        self._collections: dict[str, Any] = {}

    # ----------------------------------------------------------- connection and errors

    @abc.abstractmethod
    def _connect(self) -> Any:
        """A new Chroma client for this store."""

    def damaged(self, error: BaseException) -> KennisbankError:
        disk = is_disk_problem(error) or self.disk_trouble()
        if disk:
            remedy = (
                "Maak ruimte vrij" if disk == DISK_FULL else "Maak de map beschrijfbaar"
            ) + " of kies een andere KOPLOPER_HOME, en voer de opdracht opnieuw uit."
            return StoreError(
                f"De kennisindex in {self.location} kan niet worden geschreven: {disk}. Wat er al in stond, "
                f"blijft doorzoekbaar; een bestand dat niet af is, maakt de volgende run af. {remedy}"
            )
        return StoreError(
            f"De kennisindex in {self.location} is beschadigd of onleesbaar ({type(error).__name__}). "
            f"Herstel met `{REBUILD_COMMAND}`."
        )

    def _translate(self, error: BaseException) -> KennisbankError:
        return self.damaged(error)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Every Chroma call: library errors become one Dutch KennisbankError."""
        try:
            yield
        except KennisbankError:
            raise
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as error:
            self._collections.clear()
            self._client = None
            raise self._translate(error) from error

    def _collection(self, name: str) -> Any:
        if name not in self._collections:
            if self._client is None:
                self._client = self._connect()
            if name == CHUNKS:
                collection = self._client.get_or_create_collection(
                    name,
                    embedding_function=make_embedding_function(None),
                    configuration={
                        "hnsw": {"space": "cosine", "ef_search": SEARCH_EF, "ef_construction": CONSTRUCTION_EF}
                    },
                )
                collection = self._widen_search(collection)
            else:
                collection = self._client.get_or_create_collection(
                    name, embedding_function=make_embedding_function(None), metadata={"hnsw:space": "cosine"}
                )
            self._collections[name] = collection
        return self._collections[name]

    def _widen_search(self, collection: Any) -> Any:
        """An older collection (made with a narrower search): widen it to SEARCH_EF, before its graph is
        loaded for the first query. A write that fails for a moment (another process has the file) is tried
        again, a few times; a store that cannot be written keeps its own (queries still work)."""
        for attempt in range(WIDEN_ATTEMPTS):
            hnsw = (collection.configuration or {}).get("hnsw") or {}
            if int(hnsw.get("ef_search") or 0) >= SEARCH_EF:
                return collection
            if attempt:
                time.sleep(0.1 * attempt)
            try:
                collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
                collection = self._client.get_collection(collection.name, embedding_function=make_embedding_function(None))
            except Exception as error:  # noqa: BLE001 (any failure leaves the narrower search, which still works)
                _log.debug("widening the search of %s failed (try %d): %r", collection.name, attempt + 1, error)
        return collection

    # ----------------------------------------------------------- state and manifest

    def state(self) -> IndexState | None:
        with self._guard():
            found = self._collection(META).get(ids=[STATE_ID], include=["documents"])
        if not found["ids"]:
            return None
        try:
            return IndexState.model_validate_json(found["documents"][0] or "")
        except ValidationError as error:
            raise self.damaged(error) from error

    def write_state(self, state: IndexState) -> None:
        """The new state, preceded by the change record from the previous version to this one."""
        state.built_at = now()
        previous = self.state()
        pending = self._pending()
        if previous is not None and previous.version != state.version and previous.store_id == state.store_id:
            touched = sorted({cid for _, ids in pending for cid in ids})
            record = {"previous": previous.version, "touched": touched if len(touched) <= CHANGE_LIMIT else None}
            with self._guard():
                self._collection(META).upsert(
                    ids=[CHANGE_PREFIX + state.version],
                    embeddings=[PLACEHOLDER],
                    documents=[json.dumps(record)],
                    metadatas=[{"k": "change"}],
                )
        with self._guard():
            self._collection(META).upsert(
                ids=[STATE_ID], embeddings=[PLACEHOLDER], documents=[state.model_dump_json()], metadatas=[{"k": "state"}]
            )
        if previous is None or previous.version != state.version:
            self._forget([record_id for record_id, _ in pending])
            self._prune_changes()

    def forget_state(self) -> None:
        with self._guard():
            self._collection(META).delete(ids=[STATE_ID])

    def write_raw(self, collection: str, record_id: str, document: str, kind: str | None = None) -> None:
        with self._guard():
            self._collection(collection).upsert(
                ids=[record_id],
                embeddings=[PLACEHOLDER],
                documents=[document],
                metadatas=[{"k": kind}] if kind is not None else None,
            )

    def search_breadth(self) -> int:
        with self._guard():
            configuration = self._collection(CHUNKS).configuration or {}
        return int((configuration.get("hnsw") or {}).get("ef_search") or 0)

    def _note_touched(self, ids: list[str]) -> None:
        """Before passages are written or deleted: remember their ids for the next change record."""
        if not ids:
            return
        with self._guard():
            self._collection(META).upsert(
                ids=[PENDING_PREFIX + uuid.uuid4().hex],
                embeddings=[PLACEHOLDER],
                documents=[json.dumps(ids)],
                metadatas=[{"k": "pending"}],
            )

    def _records(self, kind: str, include: list[str]) -> Iterator[tuple[str, str]]:
        offset = 0
        while True:
            with self._guard():
                batch = self._collection(META).get(where={"k": kind}, include=include, limit=GET_BATCH, offset=offset)
            documents = batch.get("documents") or [""] * len(batch["ids"])
            yield from zip(batch["ids"], (d or "" for d in documents), strict=True)
            if len(batch["ids"]) < GET_BATCH:
                return
            offset += GET_BATCH

    def _pending(self) -> list[tuple[str, list[str]]]:
        found = []
        for record_id, document in self._records("pending", ["documents"]):
            with contextlib.suppress(ValueError, TypeError):
                found.append((record_id, [str(cid) for cid in json.loads(document)]))
        return found

    def pending(self) -> list[str]:
        return sorted({cid for _, ids in self._pending() for cid in ids})

    def _forget(self, record_ids: list[str]) -> None:
        for start in range(0, len(record_ids), GET_BATCH):
            with self._guard():
                self._collection(META).delete(ids=record_ids[start : start + GET_BATCH])

    def _prune_changes(self) -> None:
        names = sorted(record_id for record_id, _ in self._records("change", []))
        self._forget(names[: max(0, len(names) - KEEP_CHANGES)])

    def changes(self, since: str, until: str, limit: int) -> list[str] | None:
        """The ids of every passage added, changed or deleted between two index versions, read from the
        change log; None when the log does not reach back to `since` or more than `limit` changed."""
        touched: set[str] = set()
        version = until
        for _ in range(KEEP_CHANGES):
            if version == since:
                return sorted(touched)
            with self._guard():
                found = self._collection(META).get(ids=[CHANGE_PREFIX + version], include=["documents"])
            if not found["ids"]:
                return None
            try:
                record = json.loads(found["documents"][0] or "")
                if record["touched"] is None:
                    return None
                touched.update(str(cid) for cid in record["touched"])
                version = str(record["previous"])
            except (ValueError, KeyError, TypeError):
                return None
            if len(touched) > limit:
                return None
        return sorted(touched) if version == since else None

    def files(self) -> dict[str, FileEntry]:
        found: dict[str, FileEntry] = {}
        offset = 0
        while True:
            with self._guard():
                batch = self._collection(FILES).get(include=["documents"], limit=GET_BATCH, offset=offset)
            for document in batch["documents"]:
                try:
                    data = json.loads(document or "")
                    found[data["key"]] = FileEntry.model_validate(data["entry"])
                except (ValueError, KeyError, TypeError, ValidationError) as error:
                    raise StoreError(
                        f"De lijst van geïndexeerde bestanden in {self.location} is beschadigd. "
                        f"Herstel met `{REBUILD_COMMAND}`."
                    ) from error
            if len(batch["ids"]) < GET_BATCH:
                return found
            offset += GET_BATCH

    def put_files(self, entries: dict[str, FileEntry]) -> None:
        items = list(entries.items())
        for start in range(0, len(items), GET_BATCH):
            batch = items[start : start + GET_BATCH]
            with self._guard():
                self._collection(FILES).upsert(
                    ids=[_file_id(key) for key, _ in batch],
                    embeddings=[PLACEHOLDER] * len(batch),
                    documents=[json.dumps({"key": k, "entry": e.model_dump()}, ensure_ascii=False) for k, e in batch],
                    metadatas=[{"k": "file"}] * len(batch),
                )

    def delete_files(self, keys: list[str]) -> None:
        ids = [_file_id(key) for key in keys]
        for start in range(0, len(ids), GET_BATCH):
            with self._guard():
                self._collection(FILES).delete(ids=ids[start : start + GET_BATCH])

    # ----------------------------------------------------------- chunks

    def count(self) -> int:
        with self._guard():
            return int(self._collection(CHUNKS).count())

    def existing(self, ids: list[str]) -> set[str]:
        present: set[str] = set()
        for start in range(0, len(ids), GET_BATCH):
            with self._guard():
                present.update(self._collection(CHUNKS).get(ids=ids[start : start + GET_BATCH], include=[])["ids"])
        return present

    def upsert_chunks(
        self,
        ids: list[str],
        vectors: np.ndarray,
        texts: list[str],
        metadatas: list[dict[str, Any]],
        sentences: list[tuple[list[tuple[int, int]], np.ndarray]],
    ) -> None:
        """Sentences first, then the passages: a passage present means its sentence vectors are too."""
        if not ids:
            return
        self._note_touched(list(ids))
        with self._guard():
            self._collection(SENTENCES).upsert(
                ids=ids,
                embeddings=[PLACEHOLDER] * len(ids),
                metadatas=[
                    {"spans": json.dumps(spans), "rows": len(spans), "v": pack_vectors(matrix) if len(spans) else ""}
                    for spans, matrix in sentences
                ],
            )
            self._collection(CHUNKS).upsert(
                ids=ids, embeddings=[v for v in vectors], documents=texts, metadatas=metadatas
            )

    def update_metadata(self, ids: list[str], metadatas: list[dict[str, Any]]) -> None:
        for start in range(0, len(ids), GET_BATCH):
            self._note_touched(ids[start : start + GET_BATCH])
            with self._guard():
                self._collection(CHUNKS).update(
                    ids=ids[start : start + GET_BATCH], metadatas=metadatas[start : start + GET_BATCH]
                )

    def delete_chunks(self, ids: list[str]) -> None:
        for start in range(0, len(ids), GET_BATCH):
            batch = ids[start : start + GET_BATCH]
            self._note_touched(batch)
            with self._guard():
                self._collection(CHUNKS).delete(ids=batch)
                self._collection(SENTENCES).delete(ids=batch)

    def query(self, vector: np.ndarray, n: int, region: str | None = None) -> list[tuple[str, float]]:
        """The n nearest passages (cosine similarity), optionally only those of one region."""
        if n <= 0:
            return []
        with self._guard():
            result = self._collection(CHUNKS).query(
                query_embeddings=[vector.tolist()],
                n_results=n,
                where={"region": region} if region else None,
                include=["distances"],
            )
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], result["distances"][0], strict=True)]

    def fetch(self, ids: list[str], vectors: bool = False) -> dict[str, tuple[str, dict[str, Any], Any]]:
        """Text, metadata (and the vector when asked) of the given passages."""
        found: dict[str, tuple[str, dict[str, Any], Any]] = {}
        include = ["documents", "metadatas"] + (["embeddings"] if vectors else [])
        for start in range(0, len(ids), GET_BATCH):
            with self._guard():
                batch = self._collection(CHUNKS).get(ids=ids[start : start + GET_BATCH], include=include)
            embeddings = batch.get("embeddings") if vectors else None
            for position, cid in enumerate(batch["ids"]):
                vector = embeddings[position] if embeddings is not None else None
                found[cid] = (batch["documents"][position] or "", dict(batch["metadatas"][position] or {}), vector)
        return found

    def sentence_vectors(self, ids: list[str]) -> dict[str, dict[tuple[int, int], np.ndarray]]:
        """Per passage: the stored vector of each sentence span."""
        found: dict[str, dict[tuple[int, int], np.ndarray]] = {}
        for start in range(0, len(ids), GET_BATCH):
            with self._guard():
                batch = self._collection(SENTENCES).get(ids=ids[start : start + GET_BATCH], include=["metadatas"])
            found.update(self._sentence_batch(batch))
        return found

    @staticmethod
    def _sentence_batch(batch: Any) -> dict[str, dict[tuple[int, int], np.ndarray]]:
        found: dict[str, dict[tuple[int, int], np.ndarray]] = {}
        for cid, meta in zip(batch["ids"], batch["metadatas"], strict=True):
            meta = meta or {}
            rows = int(meta.get("rows", 0))
            if not rows:
                found[cid] = {}
                continue
            spans = [tuple(span) for span in json.loads(str(meta["spans"]))]
            matrix = unpack_vectors(str(meta["v"]), rows)
            found[cid] = {(int(a), int(b)): matrix[i] for i, (a, b) in enumerate(spans)}
        return found

    def iter_chunks(self, vectors: bool = False) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
        """Every passage (id, text, metadata, and its vector when asked, else None), read in batches."""
        offset = 0
        include = ["documents", "metadatas"] + (["embeddings"] if vectors else [])
        while True:
            with self._guard():
                batch = self._collection(CHUNKS).get(include=include, limit=GET_BATCH, offset=offset)
            embeddings = batch.get("embeddings") if vectors else None
            for position, (cid, text, meta) in enumerate(zip(batch["ids"], batch["documents"], batch["metadatas"], strict=True)):
                yield cid, text or "", dict(meta or {}), embeddings[position] if embeddings is not None else None
            if len(batch["ids"]) < GET_BATCH:
                return
            offset += GET_BATCH

    def reset(self) -> None:
        """Empty the passages, sentences and files (`--opnieuw`); the meta collection keeps the lease."""
        with self._guard():
            if self._client is None:
                self._client = self._connect()
            for name in (CHUNKS, SENTENCES, FILES):
                with contextlib.suppress(Exception):
                    self._client.delete_collection(name)
                self._collections.pop(name, None)
            with contextlib.suppress(Exception):
                self._collection(META).delete(ids=[STATE_ID])
            with contextlib.suppress(Exception):
                self._collection(META).delete(where={"k": {"$in": ["pending", "change"]}})

    def close(self) -> None:
        """Forget the client; the next call connects again."""
        self._collections.clear()
        self._client = None

    # ----------------------------------------------------------- copying

    def export_batches(self) -> Iterator[PassageBatch]:
        offset = 0
        while True:
            with self._guard():
                batch = self._collection(CHUNKS).get(
                    include=["documents", "metadatas", "embeddings"], limit=GET_BATCH, offset=offset
                )
                # a store of exactly n × GET_BATCH passages ends on an empty page, and Chroma refuses a get of no ids
                sentences = self._collection(SENTENCES).get(ids=list(batch["ids"]), include=["metadatas"]) if batch["ids"] else None
            if sentences is not None:
                by_id = dict(zip(sentences["ids"], sentences["metadatas"], strict=True))
                yield PassageBatch(
                    ids=list(batch["ids"]),
                    embeddings=[list(v) for v in batch["embeddings"]],
                    documents=list(batch["documents"]),
                    metadatas=list(batch["metadatas"]),
                    sentences=[by_id.get(cid) or {"rows": 0, "spans": "[]", "v": ""} for cid in batch["ids"]],
                )
            if len(batch["ids"]) < GET_BATCH:
                return
            offset += GET_BATCH

    def import_batch(self, batch: PassageBatch) -> None:
        with self._guard():
            self._collection(SENTENCES).upsert(
                ids=batch.ids, embeddings=[PLACEHOLDER] * len(batch.ids), metadatas=batch.sentences
            )
            self._collection(CHUNKS).upsert(
                ids=batch.ids, embeddings=batch.embeddings, documents=batch.documents, metadatas=batch.metadatas
            )


def _file_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


def make_embedding_function(encode: Callable[[list[str]], np.ndarray] | None) -> Any:
    """Chroma's embedding function backed by our Embedder, so Chroma never loads its default model.

    We always pass vectors ourselves; the function is there so that Chroma records and checks ours.
    """
    return _embedding_function_class()(encode)


@functools.lru_cache(maxsize=1)
def _embedding_function_class() -> type:
    """Defined once and registered with Chroma, which must find it by name to change a collection's
    configuration (SEARCH_EF on an older collection)."""
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
    from chromadb.utils.embedding_functions import register_embedding_function

    # chromadb is not analysed (follow_imports = "skip"), so its base class is Any to mypy
    class KoploperEmbeddingFunction(EmbeddingFunction[Documents]):  # type: ignore[misc]
        """Passages through the local sentence-transformers model (e5 'passage: ' prompt)."""

        def __init__(self, function: Callable[[list[str]], np.ndarray] | None = None) -> None:
            self._encode = function

        def __call__(self, input: Documents) -> Embeddings:
            if self._encode is None:
                raise RuntimeError("de kennisbank geeft zelf de vectoren mee")
            return list(self._encode(list(input)))

        @staticmethod
        def name() -> str:
            return "koploper-sentence-transformers"

        def default_space(self) -> Space:
            return "cosine"

        def get_config(self) -> dict[str, Any]:
            return {}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> EmbeddingFunction[Documents]:
            return KoploperEmbeddingFunction()

    register_embedding_function(KoploperEmbeddingFunction)
    return KoploperEmbeddingFunction
