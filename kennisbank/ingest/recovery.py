"""What a rebuild (`--opnieuw`) must get back after emptying the store, kept in a recovery file first:
the files to read again and the passages of files that cannot be reached now (carried over)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from kennisbank.ingest.embed import EMBED_GROUP
from kennisbank.ingest.progress import Notice
from kennisbank.store.base import Store
from kennisbank.store.records import GET_BATCH, FileEntry, IndexState, pack_vectors, unpack_vectors
from koploper.numbers import counted
from koploper.settings import Settings

if TYPE_CHECKING:
    import numpy as np


class CarriedPassage(BaseModel):
    """One passage of an unreachable file, kept through a rebuild exactly as the store held it.

    The vectors travel as base64 (the passage vector as float32, the sentence vectors as the float16 the
    store keeps them in), so a rebuild's recovery file stays small and gives back the same numbers.
    """

    id: str
    text: str
    metadata: dict[str, Any]
    vector: str
    spans: list[tuple[int, int]]
    sentences: str

    @classmethod
    def of(
        cls, cid: str, text: str, metadata: dict[str, Any], vector: Any, sentences: dict[tuple[int, int], np.ndarray]
    ) -> CarriedPassage:
        import numpy as np

        spans = sorted(sentences)
        packed = base64.b64encode(np.asarray(vector, dtype=np.float32).tobytes()).decode("ascii")
        matrix = np.stack([np.asarray(sentences[span], dtype=np.float32) for span in spans]) if spans else None
        return cls(
            id=cid, text=text, metadata=metadata, vector=packed, spans=spans,
            sentences=pack_vectors(matrix) if matrix is not None else "",
        )

    def vector_array(self) -> np.ndarray:
        import numpy as np

        return np.frombuffer(base64.b64decode(self.vector), dtype=np.float32)

    def sentence_matrix(self) -> np.ndarray:
        return unpack_vectors(self.sentences, len(self.spans))


NOT_CARRIED_MESSAGE = (
    "{count} bestand(en) uit de index zijn nu niet bereikbaar en hun passages passen niet bij de nieuwe "
    "index (ander model of beschadigde index). Ze blijven in de lijst (`koploper bronnen`) en worden "
    "ingebed zodra ze weer bereikbaar zijn en u `koploper index` uitvoert."
)


def read_carried(
    store: Store, entries: dict[str, FileEntry]
) -> tuple[list[CarriedPassage], dict[str, FileEntry]]:
    """The stored passages of `entries` (unreachable files) with their vectors, read before a reset.

    A file with a passage missing from the store (an earlier run was interrupted) keeps what is there
    and is marked unfinished, so it is read again when it is back.
    """
    ids = sorted({cid for entry in entries.values() for cid in entry.chunk_ids})
    carried: list[CarriedPassage] = []
    for start in range(0, len(ids), GET_BATCH):
        batch = ids[start : start + GET_BATCH]
        found = store.fetch(batch, vectors=True)
        sentences = store.sentence_vectors(batch)
        for cid in batch:
            if cid in found:
                text, metadata, vector = found[cid]
                carried.append(CarriedPassage.of(cid, text, metadata, vector, sentences.get(cid, {})))
    present = {passage.id for passage in carried}
    kept = {
        key: entry
        if set(entry.chunk_ids) <= present
        else entry.model_copy(update={"hash": "", "chunk_ids": [c for c in entry.chunk_ids if c in present]})
        for key, entry in entries.items()
    }
    return carried, kept


def write_carried(store: Store, carried: list[CarriedPassage]) -> None:
    """Put the passages read by `read_carried` back into the emptied store."""
    import numpy as np

    for start in range(0, len(carried), EMBED_GROUP):
        group = carried[start : start + EMBED_GROUP]
        store.upsert_chunks(
            [p.id for p in group],
            np.asarray([p.vector_array() for p in group], dtype=np.float32),
            [p.text for p in group],
            [p.metadata for p in group],
            [(list(p.spans), p.sentence_matrix()) for p in group],
        )


class Recovery(BaseModel):
    """What `index --opnieuw` must not lose when it is killed between emptying the store and writing
    back: the state it writes, every file of the index (unreachable ones complete with their passages,
    the others marked unfinished so the next run reads them again) and the carried passages.

    Written atomically before the store is emptied and deleted once all of it is in the store; the next
    run (any `index` or `voorbereiden`) puts back what the store lacks. It lives in this client's
    KOPLOPER_HOME (HOME/index), also for a Chroma server: the carried passages were read by this client,
    so only its next run can restore them (a colleague's run in between sees the emptied server index).
    """

    location: str
    state: IndexState
    files: dict[str, FileEntry]
    passages: list[CarriedPassage]


RESTORED_MESSAGE = (
    "Een eerdere `koploper index --opnieuw` is onderbroken nadat de index was leeggemaakt; wat toen nog "
    "niet was teruggezet ({files}, {passages}) is hersteld."
)


def recovery_path(settings: Settings, store: Store) -> Path:
    """Where a rebuild keeps its recovery file: one per store, under this client's index folder."""
    name = hashlib.sha256(f"{store.kind}|{store.location}".encode()).hexdigest()[:16]
    return settings.index_dir / f"opnieuw-{name}.json"


def save_recovery(path: Path, recovery: Recovery) -> None:
    from koploper.atomic import write_text

    write_text(path, recovery.model_dump_json(), make_parents=True)


def restore(store: Store, path: Path, notice: Notice) -> None:
    """Put back what a killed rebuild left out of the store (see `Recovery`), then delete its file.

    A store holding data without a state is damaged and left alone here: `--opnieuw` sets it aside
    first and calls this again on the fresh store.
    """
    try:
        recovery = Recovery.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return
    except ValidationError:
        path.unlink(missing_ok=True)  # written atomically, so this is outside damage: nothing to restore
        return
    state = store.state()
    if state is None:
        if store.count() or store.files():
            return
        store.write_state(recovery.state)
        state = recovery.state
    fits = state.model_fingerprint == recovery.state.model_fingerprint
    known = store.files()
    asked = {cid for key in recovery.files if key in known for cid in known[key].chunk_ids}
    stored = store.existing(sorted(asked | {p.id for p in recovery.passages}))
    missing = [p for p in recovery.passages if p.id not in stored] if fits else []
    write_carried(store, missing)

    def intact(entry: FileEntry) -> bool:
        """A record the killed run left that still holds: unfinished (read again anyway) or complete."""
        return not entry.hash or set(entry.chunk_ids) <= stored

    entries = {
        key: entry if fits else entry.model_copy(update={"hash": "", "chunk_ids": []})
        for key, entry in recovery.files.items()
        if key not in known or not intact(known[key])  # a kill inside the reset: a record without its passages
    }
    store.put_files(entries)
    if entries or missing:
        notice(
            RESTORED_MESSAGE.format(
                files=counted(len(entries), "bestand", "bestanden"),
                passages=counted(len(missing), "stuk", "stukken"),
            )
        )
    path.unlink(missing_ok=True)
