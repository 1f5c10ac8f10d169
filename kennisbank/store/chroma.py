"""Where the index lives: one store interface, two ChromaDB implementations.

- embedded (default): `chromadb.PersistentClient` in HOME/index/store, guarded by a file lock;
- a shared Chroma server (`KOPLOPER_CHROMA_URL`): `chromadb.HttpClient`, guarded by a lease record.

Everything an index holds lives in the store itself, so every client of a server sees the same index:
    kennisbank          the passages: id = content hash, vector, text, metadata
    kennisbank_zinnen   per passage the vectors of its sentences (answers need no model call)
    kennisbank_bronnen  one record per indexed file (the manifest: hash, chunk ids, title, …)
    kennisbank_meta     the index state (version, model), the writers' lease and the change log

The change log lets a client that has the word index of an older version catch up by reading only
what changed: every write first notes the passage ids it touches (a `pending` record, so a killed run
is covered too), and the state write turns them into one `change-<version>` record that names the
previous version.

An index run upserts and deletes only what changed, file by file, and bumps the version at the end;
a run killed at any moment leaves an index that answers, and the next run completes the work.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import functools
import hashlib
import json
import os
import secrets
import shutil
import socket
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlparse

from pydantic import BaseModel, Field, ValidationError

from kennisbank.errors import KennisbankError, StoreError, StoreUnavailable
from kennisbank.models import SourceInfo

if TYPE_CHECKING:
    import numpy as np

    from koploper.settings import Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

LAYOUT = 2
STORE_DIR = "store"
LOCK_FILE = "index.lock"
CHUNKS = "kennisbank"
SENTENCES = "kennisbank_zinnen"
FILES = "kennisbank_bronnen"
META = "kennisbank_meta"
STATE_ID = "state"
LEASE_ID = "lease"
PLACEHOLDER = [1.0]
"""Records of the bookkeeping collections carry no meaning as vectors; Chroma still wants one."""
GET_BATCH = 400
"""Ids per `get`/`delete`: far below SQLite's limit on variables in one statement."""
LEASE_SECONDS = 120.0
"""A server lease not renewed for this long belongs to a run that died; the next run may take over."""
REBUILD_COMMAND = "koploper index --opnieuw"
SEARCH_EF = 1024
"""HNSW search breadth, well above the dense top-k asked for (kennisbank.service.DENSE_K): measured with
bench/bench_scale.py, 256 found 96 % of the exact top 10 at 100k passages. Set in the collection's
configuration when it is made; an older collection gets it when it is first opened."""
CONSTRUCTION_EF = 200
CHANGE_PREFIX = "change-"
PENDING_PREFIX = "pending-"
CHANGE_LIMIT = 20_000
"""A run touching more passages than this writes a change record that says 'everything': a client
then rebuilds its word index instead of catching up."""
KEEP_CHANGES = 64
"""Change records kept; a client further behind rebuilds its word index."""

# Old layout (before the store interface): kept only to migrate it once.
OLD_CURRENT = "CURRENT"
OLD_MANIFEST = "manifest.json"


class FileEntry(BaseModel):
    """One indexed file: its content hash, the ids of its chunks and the metadata `bronnen` shows.

    `path` is the path as the indexing user gave it (on a server a colleague sees where it came from);
    an empty `hash` marks a file whose update was interrupted: the next run does it again.
    """

    path: str
    hash: str
    chunk_ids: list[str]
    title: str
    name: str = ""
    region: str | None = None
    reference_date: str | None = None
    source_url: str | None = None
    unreachable: bool = False
    """The file or its folder could not be reached at the last run (a share offline): its passages
    stay, and `bronnen` says so, until it is back or the user removes it."""


class IndexState(BaseModel):
    """What the store holds as a whole: the model that built it and a version that changes per run."""

    layout: int = LAYOUT
    store_id: str
    version: str
    model_fingerprint: str
    model_path: str
    dimension: int
    built_at: str = ""
    chunking: int = 1
    """Version of the reading and chunking rules the passages were made with (kennisbank.ingest.chunking.CHUNKING);
    an older one makes the next run read every file again (ids and vectors of unchanged text are kept)."""
    sentence_vectors: int = 1
    """How the sentence vectors were made (kennisbank.ingest.indexer.SENTENCE_VECTORS); another value makes the
    next run embed every passage again."""


class Manifest(BaseModel):
    """The state plus every file: what `bronnen` lists and what a run compares against."""

    model_fingerprint: str
    model_path: str = ""
    dimension: int = 0
    files: dict[str, FileEntry] = Field(default_factory=dict)
    built_at: str = ""


def model_fingerprint(folder: Path) -> str:
    """The id of the model that builds an index: folder name plus a hash of its config files and weight sizes.

    Lives here, not beside the Embedder, so that `koploper voorbereiden` can compare fingerprints
    without importing sentence-transformers and stays a quick no-op when all is in place.
    """
    digest = hashlib.sha256()
    for name in sorted(p.name for p in folder.iterdir() if p.is_file()):
        path = folder / name
        if path.suffix == ".json":
            digest.update(name.encode() + path.read_bytes())
        else:
            digest.update(f"{name}:{path.stat().st_size}".encode())
    return f"{folder.name}@{digest.hexdigest()[:16]}"


def list_sources(files: dict[str, FileEntry]) -> list[SourceInfo]:
    """Every indexed file with its chunk count and reference date, shipped cards first."""
    infos = [
        SourceInfo(
            source=key,
            title=entry.title,
            region=entry.region,
            chunks=len(entry.chunk_ids),
            reference_date=entry.reference_date,
            source_url=entry.source_url,
            unreachable=entry.unreachable,
        )
        for key, entry in files.items()
    ]
    return sorted(infos, key=lambda info: (not info.source.startswith("bronnen/"), info.source))


def pack_vectors(vectors: "np.ndarray") -> str:
    """Sentence vectors as compact text (float16, base64): Chroma metadata holds strings, not arrays."""
    import numpy as np

    return base64.b64encode(np.asarray(vectors, dtype=np.float16).tobytes()).decode("ascii")


def unpack_vectors(text: str, rows: int) -> "np.ndarray":
    import numpy as np

    flat = np.frombuffer(base64.b64decode(text), dtype=np.float16).astype(np.float32)
    return flat.reshape(rows, -1) if rows else flat.reshape(0, 0)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def new_version() -> str:
    return f"{dt.datetime.now(dt.timezone.utc).strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"


# --------------------------------------------------------------------------- errors


DISK_FULL = "de schijf is vol (of er kan niet meer op geschreven worden)"
READ_ONLY = "de map is alleen-lezen of niet toegankelijk"


def _is_disk_problem(error: BaseException) -> str | None:
    """A Dutch description when the error is a full disk or a read-only folder."""
    text = str(error).lower()
    full = (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC))
    if (
        isinstance(error, OSError) and error.errno in full
        or any(words in text for words in ("disk is full", "no space", "disk i/o error", "file too large", "quota"))
    ):
        # SQLite reports a write that does not fit as "database or disk is full" or as a disk I/O error
        return DISK_FULL
    if (
        isinstance(error, OSError) and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in text
        or "read-only" in text
        or "permission denied" in text
    ):
        return READ_ONLY
    return None


LOW_SPACE = 16 * 2**20
"""Free bytes below which a failed write is put down to a full disk."""


def _under_size_limit(folder: Path) -> int | None:
    """Bytes the largest file in `folder` may still grow under a file size limit (`ulimit -f`), or None
    when there is no limit."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return None
    largest = max((p.stat().st_size for p in folder.rglob("*") if p.is_file()), default=0)
    return max(0, limit - largest)


def disk_trouble(folder: Path) -> str | None:
    """Why nothing can be written in `folder` now (full, a file size limit reached, read-only), or None."""
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return READ_ONLY
        if shutil.disk_usage(folder).free < LOW_SPACE:
            return DISK_FULL
        under_limit = _under_size_limit(folder)
        if under_limit is not None and under_limit <= 2**20:
            return DISK_FULL
    except OSError as error:
        return _is_disk_problem(error)
    return None


def room(folder: Path) -> int | None:
    """Bytes that can still be written in `folder`: free disk space, or less under a file size limit."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    under_limit = _under_size_limit(folder)
    return free if under_limit is None else min(free, under_limit)


def _is_connection_problem(error: BaseException) -> bool:
    import httpx

    if isinstance(error, (httpx.TransportError, ConnectionError, socket.error)):
        return True
    text = f"{type(error).__name__} {error}".lower()
    return any(
        word in text for word in ("connect", "could not reach", "connection refused", "timed out", "unavailable")
    )


# --------------------------------------------------------------------------- the interface


class Store(Protocol):
    """What the kennisbank needs from a vector store; both implementations below provide it."""

    kind: str
    location: str

    def exists(self) -> bool: ...
    def state(self) -> IndexState | None: ...
    def write_state(self, state: IndexState) -> None: ...
    def version(self) -> str | None: ...
    def files(self) -> dict[str, FileEntry]: ...
    def put_files(self, entries: dict[str, FileEntry]) -> None: ...
    def delete_files(self, keys: list[str]) -> None: ...
    def count(self) -> int: ...
    def existing(self, ids: list[str]) -> set[str]: ...
    def upsert_chunks(
        self, ids: list[str], vectors: "np.ndarray", texts: list[str], metadatas: list[dict[str, Any]],
        sentences: list[tuple[list[tuple[int, int]], "np.ndarray"]],
    ) -> None: ...
    def update_metadata(self, ids: list[str], metadatas: list[dict[str, Any]]) -> None: ...
    def delete_chunks(self, ids: list[str]) -> None: ...
    def query(self, vector: "np.ndarray", n: int, region: str | None = None) -> list[tuple[str, float]]: ...
    def fetch(self, ids: list[str], vectors: bool = False) -> dict[str, tuple[str, dict[str, Any], Any]]: ...
    def sentence_vectors(self, ids: list[str]) -> dict[str, dict[tuple[int, int], "np.ndarray"]]: ...
    def iter_chunks(self, vectors: bool = False) -> Iterator[tuple[str, str, dict[str, Any], Any]]: ...
    def changes(self, since: str, until: str, limit: int) -> list[str] | None: ...
    def reset(self) -> None: ...
    def writer(self, waiting: Callable[[str], None]) -> contextlib.AbstractContextManager[None]: ...
    def renew(self) -> None: ...
    def disk_trouble(self) -> str | None: ...


class ChromaStore:
    """The store on a Chroma client; the subclasses say how to connect and how writers take turns."""

    kind = "chroma"
    location = ""

    def __init__(self) -> None:
        self._client: Any = None
        self._collections: dict[str, Any] = {}

    # ----------------------------------------------------------- connection and errors

    def _connect(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _damaged(self, error: BaseException) -> KennisbankError:
        disk = _is_disk_problem(error) or self.disk_trouble()
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

    def disk_trouble(self) -> str | None:
        """Why nothing can be written now (a full disk, a read-only folder), or None when that is not known
        to be the case. Chroma hides the cause of a failed write ("Error in compaction …"), so a local
        store looks at its disk; a server's disk is out of sight."""
        return None

    def _translate(self, error: BaseException) -> KennisbankError:
        return self._damaged(error)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Every Chroma call: library errors become one Dutch KennisbankError."""
        try:
            yield
        except KennisbankError:
            raise
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as error:  # noqa: BLE001 - chromadb, sqlite, httpx: all become Dutch
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
        loaded for the first query. A store that cannot be written keeps its own (queries still work)."""
        hnsw = (collection.configuration or {}).get("hnsw") or {}
        if int(hnsw.get("ef_search") or 0) >= SEARCH_EF:
            return collection
        with contextlib.suppress(Exception):
            collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
            collection = self._client.get_collection(collection.name, embedding_function=make_embedding_function(None))
        return collection

    def exists(self) -> bool:
        return self.state() is not None

    # ----------------------------------------------------------- state and manifest

    def state(self) -> IndexState | None:
        with self._guard():
            found = self._collection(META).get(ids=[STATE_ID], include=["documents"])
        if not found["ids"]:
            return None
        try:
            return IndexState.model_validate_json(found["documents"][0] or "")
        except ValidationError as error:
            raise self._damaged(error) from error

    def version(self) -> str | None:
        state = self.state()
        return state.version if state else None

    def write_state(self, state: IndexState) -> None:
        """The new state, preceded by the change record from the previous version to this one."""
        state.built_at = _now()
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
            yield from zip(batch["ids"], (d or "" for d in documents))
            if len(batch["ids"]) < GET_BATCH:
                return
            offset += GET_BATCH

    def _pending(self) -> list[tuple[str, list[str]]]:
        found = []
        for record_id, document in self._records("pending", ["documents"]):
            with contextlib.suppress(ValueError, TypeError):
                found.append((record_id, [str(cid) for cid in json.loads(document)]))
        return found

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

    def manifest(self) -> Manifest:
        """The state and the files together; a Dutch error when there is no index."""
        state = self.state()
        if state is None:
            if self.count() or self.files():
                raise StoreError(
                    f"De kennisindex in {self.location} is onvolledig: de gegevens over de index als geheel "
                    f"ontbreken. Herstel met `{REBUILD_COMMAND}`."
                )
            raise KennisbankError(self.missing_message())
        return Manifest(
            model_fingerprint=state.model_fingerprint,
            model_path=state.model_path,
            dimension=state.dimension,
            files=self.files(),
            built_at=state.built_at,
        )

    def missing_message(self) -> str:
        return (
            f"Er is nog geen kennisindex in {self.location}. "
            "Bouw die met `koploper voorbereiden` of `koploper index`."
        )

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
        vectors: "np.ndarray",
        texts: list[str],
        metadatas: list[dict[str, Any]],
        sentences: list[tuple[list[tuple[int, int]], "np.ndarray"]],
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

    def query(self, vector: "np.ndarray", n: int, region: str | None = None) -> list[tuple[str, float]]:
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
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], result["distances"][0])]

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

    def sentence_vectors(self, ids: list[str]) -> dict[str, dict[tuple[int, int], "np.ndarray"]]:
        """Per passage: the stored vector of each sentence span."""
        found: dict[str, dict[tuple[int, int], np.ndarray]] = {}
        if not ids:
            return found
        with self._guard():
            batch = self._collection(SENTENCES).get(ids=ids[:GET_BATCH], include=["metadatas"])
        for cid, meta in zip(batch["ids"], batch["metadatas"]):
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
            for position, (cid, text, meta) in enumerate(zip(batch["ids"], batch["documents"], batch["metadatas"])):
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

    def renew(self) -> None:
        """Called during long runs; only the server's lease needs it."""

    def writer(self, waiting: Callable[[str], None]) -> contextlib.AbstractContextManager[None]:  # pragma: no cover
        raise NotImplementedError


def _file_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class EmbeddedStore(ChromaStore):
    """`chromadb.PersistentClient` in HOME/index/store; writers take turns through a file lock."""

    kind = "embedded"

    def __init__(self, index_dir: Path) -> None:
        super().__init__()
        self.index_dir = index_dir
        self.path = index_dir / STORE_DIR
        self.location = str(index_dir)

    def _connect(self) -> Any:
        import chromadb

        self.path.mkdir(parents=True, exist_ok=True)
        sqlite = self.path / "chroma.sqlite3"
        if sqlite.exists():
            _check_sqlite(sqlite)
        return chromadb.PersistentClient(path=str(self.path), settings=chroma_settings())

    def exists(self) -> bool:
        if not (self.path / "chroma.sqlite3").is_file():
            return False
        return self.state() is not None

    def disk_trouble(self) -> str | None:
        return disk_trouble(self.path if self.path.exists() else self.index_dir)

    def state(self) -> IndexState | None:
        if not (self.path / "chroma.sqlite3").is_file():
            return None
        return super().state()

    def files(self) -> dict[str, FileEntry]:
        if not (self.path / "chroma.sqlite3").is_file():
            return {}
        return super().files()

    def count(self) -> int:
        if not (self.path / "chroma.sqlite3").is_file():
            return 0
        return super().count()

    def close(self) -> None:
        """Forget the client, so that the folder can be moved aside (a damaged store)."""
        from chromadb.api.shared_system_client import SharedSystemClient

        self._collections.clear()
        self._client = None
        # only this folder's shared Chroma system: other stores open in this process keep theirs
        system = SharedSystemClient._identifier_to_system.pop(str(self.path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(self.path), None)
        if system is not None:
            with contextlib.suppress(Exception):
                system.stop()

    def set_aside(self) -> Path | None:
        """Move a damaged store out of the way (kept once, for inspection); the next run starts afresh."""
        self.close()
        if not self.path.exists():
            return None
        target = self.index_dir / "beschadigd"
        shutil.rmtree(target, ignore_errors=True)
        os.replace(self.path, target)
        return target

    @contextlib.contextmanager
    def writer(self, waiting: Callable[[str], None]) -> Iterator[None]:
        from filelock import FileLock, Timeout

        self.index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.index_dir / LOCK_FILE))
        try:
            lock.acquire(timeout=0.2)
        except Timeout:
            waiting("Wacht op een andere indexrun die deze kennisindex bijwerkt…")
            lock.acquire()
        try:
            yield
        finally:
            lock.release()


def _check_sqlite(path: Path) -> None:
    """Chroma opens a damaged database file without complaint and shows an empty index; check first."""
    # A run killed inside a write leaves a hot journal, which SQLite rolls back on the next open; a
    # read-only open cannot, and would call an intact database damaged.
    mode = "rw" if path.with_name(path.name + "-journal").exists() else "ro"
    try:
        connection = sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=30)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"De kennisindex in {path.parent.parent} is beschadigd (database onleesbaar: {error}). "
            f"Herstel met `{REBUILD_COMMAND}`."
        ) from error
    if not result or result[0] != "ok" or "collections" not in tables:
        raise StoreError(
            f"De kennisindex in {path.parent.parent} is beschadigd (database onvolledig). "
            f"Herstel met `{REBUILD_COMMAND}`."
        )


class ServerStore(ChromaStore):
    """`chromadb.HttpClient` to a shared `chroma run`; writers take turns through a lease record."""

    kind = "server"

    def __init__(self, url: str) -> None:
        super().__init__()
        parsed = urlparse(url if "://" in url else f"http://{url}")
        if not parsed.hostname:
            raise KennisbankError(f"KOPLOPER_CHROMA_URL '{url}' is geen geldig adres; gebruik bijv. http://127.0.0.1:8000.")
        self.host = parsed.hostname
        self.port = parsed.port or (443 if parsed.scheme == "https" else 8000)
        self.ssl = parsed.scheme == "https"
        self.location = f"de Chroma-server {parsed.scheme}://{self.host}:{self.port}"
        self.owner = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def _connect(self) -> Any:
        import chromadb

        return chromadb.HttpClient(host=self.host, port=self.port, ssl=self.ssl, settings=chroma_settings())

    def _translate(self, error: BaseException) -> KennisbankError:
        if _is_connection_problem(error):
            return StoreUnavailable(
                f"De kennisbank op {self.location} is niet bereikbaar. Controleer of de server draait "
                "(`chroma run …`) en of KOPLOPER_CHROMA_URL klopt; de volgende vraag probeert het opnieuw."
            )
        return self._damaged(error)

    def _lease(self) -> tuple[str, float] | None:
        with self._guard():
            found = self._collection(META).get(ids=[LEASE_ID], include=["metadatas"])
        if not found["ids"]:
            return None
        meta = found["metadatas"][0] or {}
        return str(meta.get("owner", "")), float(meta.get("expires", 0.0))

    def _take(self) -> None:
        with self._guard():
            self._collection(META).upsert(
                ids=[LEASE_ID],
                embeddings=[PLACEHOLDER],
                metadatas=[{"owner": self.owner, "expires": time.time() + LEASE_SECONDS}],
            )

    def renew(self) -> None:
        self._take()

    @contextlib.contextmanager
    def writer(self, waiting: Callable[[str], None]) -> Iterator[None]:
        told = False
        while True:
            lease = self._lease()
            if lease is None or lease[1] < time.time() or lease[0] == self.owner:
                self._take()
                time.sleep(0.3)  # a rival who took it at the same moment has written by now
                lease = self._lease()
                if lease is not None and lease[0] == self.owner:
                    break
            if not told:
                waiting("Wacht op een andere indexrun die deze kennisindex bijwerkt…")
                told = True
            time.sleep(1.0)
        try:
            yield
        finally:
            with contextlib.suppress(KennisbankError):
                lease = self._lease()
                if lease is not None and lease[0] == self.owner:
                    with self._guard():
                        self._collection(META).delete(ids=[LEASE_ID])


def open_store(settings: "Settings") -> ChromaStore:
    """The store the settings choose: a server when KOPLOPER_CHROMA_URL is set, else embedded."""
    url = getattr(settings, "chroma_url", None)
    if url:
        return ServerStore(str(url))
    return EmbeddedStore(settings.index_dir)


def copy_store(source: ChromaStore, target: ChromaStore) -> int:
    """Copy a whole index (vectors, sentences, files, state) to another store without the model.

    For moving a local index to a team server, and for tests that need a filled server quickly.
    Returns the number of passages copied.
    """
    state = source.state()
    if state is None:
        raise KennisbankError(source.missing_message())
    target.reset()
    copied, offset = 0, 0
    while True:
        with source._guard():
            batch = source._collection(CHUNKS).get(
                include=["documents", "metadatas", "embeddings"], limit=GET_BATCH, offset=offset
            )
            sentences = source._collection(SENTENCES).get(ids=list(batch["ids"]), include=["metadatas"])
        if batch["ids"]:
            by_id = dict(zip(sentences["ids"], sentences["metadatas"]))
            with target._guard():
                target._collection(SENTENCES).upsert(
                    ids=list(batch["ids"]),
                    embeddings=[PLACEHOLDER] * len(batch["ids"]),
                    metadatas=[by_id.get(cid) or {"rows": 0, "spans": "[]", "v": ""} for cid in batch["ids"]],
                )
                target._collection(CHUNKS).upsert(
                    ids=list(batch["ids"]),
                    embeddings=[list(v) for v in batch["embeddings"]],
                    documents=list(batch["documents"]),
                    metadatas=list(batch["metadatas"]),
                )
            copied += len(batch["ids"])
        if len(batch["ids"]) < GET_BATCH:
            break
        offset += GET_BATCH
    target.put_files(source.files())
    target.write_state(state.model_copy(update={"store_id": new_version(), "version": new_version()}))
    return copied


def old_layout_files(index_dir: Path) -> dict[str, str] | None:
    """Files (key → path) of an index in the old generations layout, or None when there is none.

    Reads the newest generation with a readable manifest; a broken one gives an empty list (the cards
    are indexed anyway).
    """
    generations = sorted(index_dir.glob("gen-*"), key=lambda p: p.name, reverse=True)
    if not generations and not (index_dir / OLD_CURRENT).exists():
        return None
    for generation in generations:
        try:
            data = json.loads((generation / OLD_MANIFEST).read_text(encoding="utf-8"))
            return {str(key): str(entry.get("path", key)) for key, entry in dict(data.get("files", {})).items()}
        except (OSError, ValueError, AttributeError):
            continue
    return {}


def remove_old_layout(index_dir: Path) -> None:
    """After a successful migration: the old generations and their pointer go."""
    for generation in index_dir.glob("gen-*"):
        shutil.rmtree(generation, ignore_errors=True)
    (index_dir / OLD_CURRENT).unlink(missing_ok=True)


def chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


def make_embedding_function(encode: Callable[[list[str]], "np.ndarray"] | None) -> Any:
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

    class KoploperEmbeddingFunction(EmbeddingFunction[Documents]):
        """Passages through the local sentence-transformers model (e5 'passage: ' prompt)."""

        def __init__(self, function: Callable[[list[str]], "np.ndarray"] | None = None) -> None:
            self._encode = function

        def __call__(self, input: Documents) -> Embeddings:  # noqa: A002  (Chroma's parameter name)
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
        def build_from_config(config: dict[str, Any]) -> "EmbeddingFunction[Documents]":
            return KoploperEmbeddingFunction()

    register_embedding_function(KoploperEmbeddingFunction)
    return KoploperEmbeddingFunction
