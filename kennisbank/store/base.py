"""What the kennisbank needs from a vector store: the abstract `Store` every consumer types against.

Two implementations live beside it (kennisbank.store.embedded, kennisbank.store.server). What differs
between them is asked of the store as a method (`room`, `can_set_aside`, `old_layout`), never found out
with isinstance. Every method that talks to the store raises `StoreError` (Dutch) when the index is
damaged or cannot be written, and `StoreUnavailable` (a StoreError) when a server cannot be reached;
no library error (chromadb, sqlite, httpx) leaves a store.
"""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kennisbank.errors import KennisbankError, StoreError
from kennisbank.store.records import REBUILD_COMMAND, FileEntry, IndexState, Manifest, PassageBatch

if TYPE_CHECKING:
    import numpy as np


class Store(abc.ABC):
    """An index: passages with their vectors and sentence vectors, the indexed files, the state, the change log."""

    kind: str = "store"
    location: str = ""
    """Where the index is, in Dutch messages ("/home/…/index", "de Chroma-server http://…")."""

    # ----------------------------------------------------------- state and files

    @abc.abstractmethod
    def state(self) -> IndexState | None:
        """The index as a whole, or None when there is none. Raises StoreError when the state record is garbled."""

    @abc.abstractmethod
    def write_state(self, state: IndexState) -> None:
        """Write the new state, preceded by the change record from the previous version. Raises StoreError."""

    @abc.abstractmethod
    def files(self) -> dict[str, FileEntry]:
        """Every indexed file by its key. Raises StoreError when the list of files is damaged."""

    @abc.abstractmethod
    def put_files(self, entries: dict[str, FileEntry]) -> None:
        """Add or replace file records. Raises StoreError."""

    @abc.abstractmethod
    def delete_files(self, keys: list[str]) -> None:
        """Remove file records (unknown keys are ignored). Raises StoreError."""

    @abc.abstractmethod
    def changes(self, since: str, until: str, limit: int) -> list[str] | None:
        """Ids of the passages touched between two versions, or None when the change log does not reach
        back to `since` or more than `limit` changed. Raises StoreError."""

    def pending(self) -> list[str]:
        """Ids of passages written or deleted since the last state write: a run killed before its end left
        them, and the index version does not tell them yet. Raises StoreError."""
        return []

    def exists(self) -> bool:
        """Whether there is an index (a state). Raises StoreError like `state`."""
        return self.state() is not None

    def version(self) -> str | None:
        """The index version, or None when there is no index. Raises StoreError like `state`."""
        state = self.state()
        return state.version if state else None

    def manifest(self) -> Manifest:
        """The state and the files together. Raises KennisbankError when there is no index, StoreError when
        there is data without a state (damaged) or the files are damaged."""
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

    @abc.abstractmethod
    def forget_state(self) -> None:
        """Delete the state record and nothing else: the passages and files stay, and the index reads as
        incomplete, as after a run killed before its first state write (`index --opnieuw` repairs it).
        Raises StoreError."""

    @abc.abstractmethod
    def write_raw(self, collection: str, record_id: str, document: str, kind: str | None = None) -> None:
        """Write one record of `collection` (records.META or records.FILES) exactly as given, unchecked:
        how a test reproduces a record damaged on disk. `kind` is the record's kind ("state", "lease", …).
        Raises StoreError."""

    @abc.abstractmethod
    def search_breadth(self) -> int:
        """How many candidates the vector search of the passages visits (HNSW ef_search): SEARCH_EF, or an
        older index's own when it could not be widened. Raises StoreError."""

    def missing_message(self) -> str:
        """The Dutch message for an index that is not there yet (raises nothing)."""
        return (
            f"Er is nog geen kennisindex in {self.location}. "
            "Bouw die met `koploper voorbereiden` of `koploper index`."
        )

    # ----------------------------------------------------------- passages

    @abc.abstractmethod
    def count(self) -> int:
        """How many passages the index holds. Raises StoreError."""

    @abc.abstractmethod
    def existing(self, ids: list[str]) -> set[str]:
        """Which of `ids` the index holds. Raises StoreError."""

    @abc.abstractmethod
    def upsert_chunks(
        self,
        ids: list[str],
        vectors: np.ndarray,
        texts: list[str],
        metadatas: list[dict[str, Any]],
        sentences: list[tuple[list[tuple[int, int]], np.ndarray]],
    ) -> None:
        """Write passages with their sentence vectors (sentences first). Raises StoreError."""

    @abc.abstractmethod
    def update_metadata(self, ids: list[str], metadatas: list[dict[str, Any]]) -> None:
        """Replace the metadata of passages. Raises StoreError."""

    @abc.abstractmethod
    def delete_chunks(self, ids: list[str]) -> None:
        """Delete passages and their sentence vectors. Raises StoreError."""

    @abc.abstractmethod
    def query(self, vector: np.ndarray, n: int, region: str | None = None) -> list[tuple[str, float]]:
        """The n nearest passages (id, cosine similarity), optionally of one region. Raises StoreError."""

    @abc.abstractmethod
    def fetch(self, ids: list[str], vectors: bool = False) -> dict[str, tuple[str, dict[str, Any], Any]]:
        """Text, metadata (and the vector when asked) of the given passages. Raises StoreError."""

    @abc.abstractmethod
    def sentence_vectors(self, ids: list[str]) -> dict[str, dict[tuple[int, int], np.ndarray]]:
        """Per passage the stored vector of each sentence span. Raises StoreError."""

    @abc.abstractmethod
    def iter_chunks(self, vectors: bool = False) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
        """Every passage (id, text, metadata, vector or None), read in batches. Raises StoreError."""

    @abc.abstractmethod
    def export_batches(self) -> Iterator[PassageBatch]:
        """Every passage as stored (vectors and packed sentence vectors), for copying. Raises StoreError."""

    @abc.abstractmethod
    def import_batch(self, batch: PassageBatch) -> None:
        """Write passages exactly as another store exported them (no change log). Raises StoreError."""

    @abc.abstractmethod
    def reset(self) -> None:
        """Empty the passages, sentences, files and state (`--opnieuw`); a writer's lease stays. Raises StoreError."""

    # ----------------------------------------------------------- writers, errors and capabilities

    @abc.abstractmethod
    def writer(self, waiting: Callable[[str], None]) -> contextlib.AbstractContextManager[None]:
        """Hold the right to write while inside; `waiting` hears (Dutch) when another run has it. Raises
        StoreError (StoreUnavailable for a server that cannot be reached)."""

    def renew(self) -> None:
        """Called during long runs to keep the right to write (only a server's lease needs it). Raises StoreError."""
        return None

    def damaged(self, error: BaseException) -> KennisbankError:
        """The Dutch error for a failed read or write (damaged, or a disk that cannot take more); raises nothing."""
        return StoreError(
            f"De kennisindex in {self.location} is beschadigd of onleesbaar ({type(error).__name__}). "
            f"Herstel met `{REBUILD_COMMAND}`."
        )

    def disk_trouble(self) -> str | None:
        """Why nothing can be written now (a full disk, a read-only folder), or None when that is not known
        to be the case. Raises nothing."""
        return None

    def room(self) -> int | None:
        """Bytes that can still be written, or None when the store cannot tell (a server). Raises nothing."""
        return None

    def can_set_aside(self) -> bool:
        """Whether a damaged index can be moved out of the way here, so that a rebuild starts afresh."""
        return False

    def set_aside(self) -> Path | None:
        """Move a damaged index out of the way; where it went, or None when there was nothing to move.
        Raises OSError when the move fails; a store that `can_set_aside` not does nothing."""
        return None

    def old_layout(self) -> dict[str, str] | None:
        """Files (key → path) of an index in the old layout beside this store, or None (raises nothing)."""
        return None

    def close(self) -> None:
        """Let go of the connection; the next call connects again. Raises nothing."""
        return None
