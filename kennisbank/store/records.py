"""The records an index holds and how they are laid out in Chroma's collections.

    kennisbank          the passages: id = content hash, vector, text, metadata
    kennisbank_zinnen   per passage the vectors of its sentences (answers need no model call)
    kennisbank_bronnen  one record per indexed file (the manifest: hash, chunk ids, title, …)
    kennisbank_meta     the index state (version, model), the writers' lease and the change log
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, Field

from kennisbank.models import SourceInfo
from kennisbank.store.upgrades import LAYOUT

if TYPE_CHECKING:
    import numpy as np

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


def pack_vectors(vectors: np.ndarray) -> str:
    """Sentence vectors as compact text (float16, base64): Chroma metadata holds strings, not arrays."""
    import numpy as np

    return base64.b64encode(np.asarray(vectors, dtype=np.float16).tobytes()).decode("ascii")


def unpack_vectors(text: str, rows: int) -> np.ndarray:
    import numpy as np

    flat = np.frombuffer(base64.b64decode(text), dtype=np.float16).astype(np.float32)
    return flat.reshape(rows, -1) if rows else flat.reshape(0, 0)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_version() -> str:
    return f"{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"


class PassageBatch(NamedTuple):
    """Passages as a store holds them (vectors, texts, metadata, packed sentence vectors): what
    `copy_store` carries from one store to another without the model."""

    ids: list[str]
    embeddings: list[list[float]]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
