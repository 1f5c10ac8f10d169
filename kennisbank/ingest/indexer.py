"""Build and update the knowledge index: the shipped cards plus the user's files.

Unchanged files (same content hash) cost nothing; in a changed file only paragraphs with new text are
embedded again (chunk ids are content hashes); removed files lose their chunks. Updates go into the store
in place, file by file: a file's record is marked unfinished before its chunks change and completed after,
so a run killed at any moment leaves a usable index whose next run completes the work; a rebuild
(`--opnieuw`) first writes what the emptied store must get back to a recovery file (`Recovery`).
A disk that fills up during a run stops it before the next batch, with the finished files committed.
Writers take turns (a file lock, or a lease on a server); the index version changes at the end of every
run that changed something, which tells open knowledge bases to refresh their word index.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kennisbank.errors import KennisbankError, StoreError
from kennisbank.ingest.budget import ReadLimits
from kennisbank.ingest.chunking import Chunk
from kennisbank.ingest.discovery import (
    CARD_PREFIX,
    Presence,
    classify_previous,
    expand_paths,
    file_hash,
    selected_for_removal,
    shipped_cards,
    shown_path,
    source_key,
    source_path,
)
from kennisbank.ingest.embed import EMBED_GROUP, embed_chunks
from kennisbank.ingest.progress import Notice, Progress, no_progress
from kennisbank.ingest.readers import os_error_reason
from kennisbank.ingest.recovery import (
    NOT_CARRIED_MESSAGE,
    CarriedPassage,
    Recovery,
    read_carried,
    recovery_path,
    restore,
    save_recovery,
    write_carried,
)
from kennisbank.ingest.remembered import explained, remember, remembered, remembered_path
from kennisbank.ingest.room import TIDY_ROOM, RoomRanOut, check_room, roll_back, stopped_halfway
from kennisbank.ingest.safe_open import Refused, check_in_place
from kennisbank.ingest.worker import ReadWorker
from kennisbank.model.fingerprint import model_fingerprint
from kennisbank.models import IndexReport, SkippedFile
from kennisbank.store.base import Store
from kennisbank.store.opening import open_store
from kennisbank.store.records import FileEntry, IndexState, Manifest, new_version
from kennisbank.store.upgrades import CHUNKING, LAYOUT, SENTENCE_VECTORS, remove_old_layout
from koploper.settings import Settings

if TYPE_CHECKING:

    from kennisbank.model.embedding import Embedder
    from kennisbank.model.vector_cache import VectorCache

REBUILD_COMMAND = "koploper index --opnieuw"
MIGRATION_MESSAGE = (
    "De kennisindex heeft nog de oude opbouw (generaties met CURRENT); hij wordt eenmalig omgezet "
    "naar de nieuwe opbouw en opnieuw opgebouwd met dezelfde bestanden."
)


def check_model(settings: Settings) -> str:
    """The configured model's fingerprint; a Dutch error when the folder is missing."""
    folder = settings.model_path
    if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
        raise KennisbankError(
            f"Het embeddingmodel ontbreekt in {folder}. Voer eerst `koploper voorbereiden` uit "
            "(of zet KOPLOPER_EMBEDDING_MODEL op een sentence-transformers-map)."
        )
    return model_fingerprint(folder)


def mismatch_message(manifest: Manifest | IndexState, fingerprint: str) -> str:
    return (
        f"De kennisindex is gebouwd met het model '{manifest.model_fingerprint}', maar ingesteld is "
        f"'{fingerprint}'. Bouw de index opnieuw met `{REBUILD_COMMAND}`."
    )


def build_index(
    settings: Settings,
    paths: list[Path] | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
    notice: Notice | None = None,
    remove: list[Path] | None = None,
    prune: bool = True,
) -> IndexReport:
    """Index the shipped cards, the files already in the index and `paths`; report per file what happened.

    `remove` are files or folders the user takes out (`--verwijder`). A previously indexed file that
    cannot be reached now keeps its entries (report.unreachable); one that is really gone leaves the
    index only when `prune` is set (`index`, not `voorbereiden`).

    `embedder` lets a caller that already loaded the model (the app, the benchmark) skip loading it
    again; it must be the configured model. Raises KennisbankError (Dutch) when the model is missing,
    the store is damaged (unless `rebuild`), or the index was built with another model and `rebuild`
    is not set. `notice` receives Dutch lines such as "wacht op een andere indexrun…".
    """
    started = time.perf_counter()
    progress = progress or no_progress
    notice = notice or (lambda message: progress(message, 0, 0))
    fingerprint = check_model(settings)
    store = open_store(settings)
    try:
        with store.writer(notice):
            report = _build(
                settings, store, fingerprint, paths or [], rebuild, progress, embedder, notice, remove or [], prune
            )
    except OSError as error:
        raise explained(store.damaged(error), settings, store) from error
    except StoreError as error:
        raise explained(error, settings, store) from error
    report.seconds = time.perf_counter() - started
    return report


def _opened(
    store: Store, rebuild: bool, legacy: dict[str, str] | None, recovery: Path, notice: Notice
) -> tuple[IndexState | None, dict[str, FileEntry]]:
    """The store's state and files at the start of a run, after putting back what a killed rebuild left
    out. A damaged store raises (Dutch); with `rebuild` it is set aside and the run starts afresh."""
    try:
        restore(store, recovery, notice)
        state = store.state()
        previous = store.files()
        if state is None and legacy is None and not rebuild and (previous or store.count()):
            store.manifest()  # data without its state: damaged, `--opnieuw` repairs
        return state, previous
    except StoreError:
        if not rebuild:
            raise
    if not store.can_set_aside():
        return None, {}
    store.set_aside()
    restore(store, recovery, notice)  # a killed rebuild's files and passages go into the fresh store
    return store.state(), store.files()


def _build(
    settings: Settings,
    store: Store,
    fingerprint: str,
    paths: list[Path],
    rebuild: bool,
    progress: Progress,
    embedder: Embedder | None,
    notice: Notice,
    remove: list[Path],
    prune: bool,
) -> IndexReport:
    report = IndexReport()
    progress = _renewing(store, progress)
    legacy = store.old_layout()
    recovery = recovery_path(settings, store)
    state, previous = _opened(store, rebuild, legacy, recovery, notice)
    rebuilding = rebuild or (legacy is not None and state is None)
    if rebuilding and legacy is not None and state is None:
        notice(MIGRATION_MESSAGE)
    # A rebuild keeps the same files: reachable ones are read and embedded again, unreachable ones keep
    # their passages when the vectors fit the model (carried over below), else wait until they are back.
    # the user's own sources the store lost (damaged, deleted, rebuilt): read again from the kept list
    lost = {key: entry for key, entry in remembered(remembered_path(settings, store)).items() if key not in previous}
    previous = {**lost, **previous}
    old_state = state
    before = previous
    if rebuilding:
        state, previous = None, {}
    if state is not None and state.model_fingerprint != fingerprint:
        raise KennisbankError(mismatch_message(state, fingerprint))

    selection = _select(paths, remove, prune, before, legacy, report)
    kept_files = selection.kept
    carried: list[CarriedPassage] | None = None
    if rebuilding and kept_files:
        carried, kept_files = _carry(store, kept_files, old_state, fingerprint, notice)

    reembed = state is not None and state.sentence_vectors != SENTENCE_VECTORS
    if reembed:
        notice(REEMBED_MESSAGE)
    reread = state is not None and (state.chunking != CHUNKING or reembed)
    files, chunks_by_file = _read_files(selection, previous, reread, ReadLimits.from_settings(settings), progress, report)
    files.update(kept_files)
    remember(remembered_path(settings, store), files)
    removed = sorted(set(previous) - set(files))
    report.removed = sorted(set(before) - set(files)) if rebuilding else removed
    report.chunks_total = sum(len(entry.chunk_ids) for entry in files.values())
    _mark_reachability(store, files, previous, chunks_by_file)
    if state is not None and not chunks_by_file and not removed and not store.pending():
        return report  # nothing to do; a killed run's writes (pending) still get their new version below

    dimension = embedder.dimension if embedder is not None else (state.dimension if state else 0)
    all_new = [chunk for chunks in chunks_by_file.values() for chunk in chunks]
    present = set() if reembed or rebuilding else store.existing([c.id for c in all_new])
    fresh = [c for c in all_new if c.id not in present]
    check_room(store, len(fresh))
    state = _prepare(
        settings, store, state, fingerprint, dimension, rebuilding, recovery, files, kept_files, carried
    )
    writer = _Writer(settings, store, embedder, progress, files, previous, chunks_by_file)
    try:
        writer.write(all_new, present, fresh, rebuilding, recovery)
    except KennisbankError as error:
        writer.failed(error, rebuilding, state)
        raise
    finally:
        writer.close()
    progress("inbedden", len(fresh), len(fresh))
    report.chunks_embedded = len(fresh)
    _commit(settings, store, state, previous, removed, legacy, writer.dimension(dimension))
    return report


def _renewing(store: Store, progress: Progress) -> Progress:
    """Progress that also keeps a server's lease, so that reading many large files cannot outlast it (the
    store renews at most every quarter lease)."""

    def report(description: str, done: int, total: int) -> None:
        store.renew()
        progress(description, done, total)

    return report


@dataclass
class _Selection:
    """The files of a run: what to read (key → path), each path as the user gave it, and the files kept
    without reading (unreachable now, or gone while not pruning)."""

    wanted: dict[str, Path]
    given: dict[str, str]
    kept: dict[str, FileEntry]


def _select(
    paths: list[Path],
    remove: list[Path],
    prune: bool,
    before: dict[str, FileEntry],
    legacy: dict[str, str] | None,
    report: IndexReport,
) -> _Selection:
    """Which files make up the index: the cards, what was indexed before, and the new paths."""
    wanted: dict[str, Path] = {}
    given: dict[str, str] = {}
    for path in [*shipped_cards(), *expand_paths(paths, report)]:
        wanted[source_key(path)] = path
        given[source_key(path)] = str(path)
    removed_by_user = selected_for_removal(before, remove, report)
    for key in removed_by_user:
        wanted.pop(key, None)
    kept_files: dict[str, FileEntry] = {}
    not_walked = [key for key in before if key not in wanted and key not in removed_by_user]
    for key, presence_now in classify_previous(not_walked).items():
        if presence_now is Presence.PRESENT:
            wanted[key] = source_path(key)
            given[key] = before[key].path
        elif presence_now is Presence.UNREACHABLE or (not prune and not key.startswith(CARD_PREFIX)):
            if presence_now is Presence.UNREACHABLE:
                report.unreachable.append(key)
            # its chunks stay in the store until it is back or removed; `bronnen` marks it
            kept_files[key] = before[key].model_copy(update={"unreachable": presence_now is Presence.UNREACHABLE})
    for key, path_text in (legacy or {}).items():
        if key not in wanted and source_path(key).is_file():
            wanted[key] = source_path(key)
            given[key] = path_text
    return _Selection(wanted, given, kept_files)


def _carry(
    store: Store, kept_files: dict[str, FileEntry], old_state: IndexState | None, fingerprint: str, notice: Notice
) -> tuple[list[CarriedPassage] | None, dict[str, FileEntry]]:
    """A rebuild's unreachable files: their passages carried over when the vectors fit the model, else
    marked unfinished (they are read again once they are back)."""
    if old_state is not None and old_state.model_fingerprint == fingerprint:
        return read_carried(store, kept_files)
    notice(NOT_CARRIED_MESSAGE.format(count=len(kept_files)))
    return None, {key: entry.model_copy(update={"hash": "", "chunk_ids": []}) for key, entry in kept_files.items()}


def _read_files(
    selection: _Selection,
    previous: dict[str, FileEntry],
    reread: bool,
    limits: ReadLimits,
    progress: Progress,
    report: IndexReport,
) -> tuple[dict[str, FileEntry], dict[str, list[Chunk]]]:
    """Every wanted file's entry, and the chunks of those that changed (read and chunked again, each in the
    worker within its budget)."""
    wanted = selection.wanted
    files: dict[str, FileEntry] = {}
    chunks_by_file: dict[str, list[Chunk]] = {}
    with ReadWorker(limits) as worker:
        for number, (key, path) in enumerate(sorted(wanted.items()), start=1):
            progress(f"lezen: {shown_path(path.name)}", number - 1, len(wanted))
            entry, chunks = _read_one(key, selection.given, previous, reread, worker, report)
            if chunks is not None:
                chunks_by_file[key] = chunks
            if entry is not None:
                files[key] = entry
    progress("lezen", len(wanted), len(wanted))
    return files, chunks_by_file


def _read_one(
    key: str,
    given: dict[str, str],
    previous: dict[str, FileEntry],
    reread: bool,
    worker: ReadWorker,
    report: IndexReport,
) -> tuple[FileEntry | None, list[Chunk] | None]:
    """One file: its entry and new chunks; only an entry when it is unchanged, and what was indexed before
    (or nothing) when it cannot be read now. A file that is no longer a regular file at its own path (a
    link now, or a FIFO) is never opened and leaves the index."""
    path = source_path(key)  # the real path the index knows, never a link the user named
    try:
        if not key.startswith(CARD_PREFIX):
            check_in_place(path)
        digest = file_hash(path)
    except Refused as refused:
        _skip_once(report, key, refused.reason)
        return None, None
    except OSError as exc:
        report.skipped.append(SkippedFile(source=key, reason=os_error_reason(exc)))
        return previous.get(key), None  # unreadable for a while: keep what was indexed before
    known = previous.get(key)
    if known is not None and known.hash == digest and not reread:
        report.unchanged.append(key)
        return known.model_copy(update={"unreachable": False}), None
    outcome = worker.read(path, key)
    if outcome.document is None or outcome.chunks is None:
        report.skipped.append(SkippedFile(source=key, reason=outcome.reason))
        return known, None  # keep what was indexed before rather than lose it
    document, chunks = outcome.document, outcome.chunks
    entry = FileEntry(
        path=shown_path(given.get(key, str(path))),
        name=shown_path(path.name),
        hash=digest,
        chunk_ids=[c.id for c in chunks],
        title=document.title,
        region=document.region or (chunks[0].region if chunks else None),
        reference_date=document.reference_date,
        source_url=document.source_url,
    )
    (report.changed if known is not None and known.hash else report.added).append(key)
    return entry, chunks


def _skip_once(report: IndexReport, key: str, reason: str) -> None:
    """Report a skipped file, unless the folder walk already said why (a link out of the folder)."""
    named = {Path(os.path.realpath(Path(s.source).parent)) / Path(s.source).name for s in report.skipped}
    if source_path(key) not in named:
        report.skipped.append(SkippedFile(source=key, reason=reason))


def _mark_reachability(
    store: Store, files: dict[str, FileEntry], previous: dict[str, FileEntry], chunks_by_file: dict[str, list[Chunk]]
) -> None:
    """A file's reachability changed: `bronnen` says so; nothing to embed for it."""
    marks = {
        key: entry
        for key, entry in files.items()
        if key in previous and key not in chunks_by_file and entry.unreachable != previous[key].unreachable
    }
    if marks:
        store.put_files(marks)


def _prepare(
    settings: Settings,
    store: Store,
    state: IndexState | None,
    fingerprint: str,
    dimension: int,
    rebuilding: bool,
    recovery: Path,
    files: dict[str, FileEntry],
    kept_files: dict[str, FileEntry],
    carried: list[CarriedPassage] | None,
) -> IndexState:
    """Before the first passage is written: a new index gets its state, a rebuild saves its recovery file,
    empties the store and puts back the unreachable files' passages."""
    new_state = state is None
    if state is None:
        state = IndexState(
            store_id=new_version(),
            version=new_version(),
            model_fingerprint=fingerprint,
            model_path=str(settings.model_path),
            dimension=dimension,
            chunking=CHUNKING,
            sentence_vectors=SENTENCE_VECTORS,
        )
    if rebuilding:
        # what the emptied store must get back, on disk before it is emptied (see `Recovery`)
        to_read = {key: entry.model_copy(update={"hash": "", "chunk_ids": []}) for key, entry in files.items()}
        save_recovery(
            recovery,
            Recovery(location=store.location, state=state, files={**to_read, **kept_files}, passages=carried or []),
        )
        store.reset()
    if new_state:
        store.write_state(state)  # before any data, so that data without a state always means damage
    if rebuilding and kept_files:
        # right after the reset: the window in which an unreachable file's passages live only in memory
        if carried is not None:
            write_carried(store, carried)
        store.put_files(kept_files)
    return state


class _Writer:
    """The write phase of a run: passages embedded and written in groups, each file completed (its stale
    passages deleted, its record written) when its last passage is in."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        embedder: Embedder | None,
        progress: Progress,
        files: dict[str, FileEntry],
        previous: dict[str, FileEntry],
        chunks_by_file: dict[str, list[Chunk]],
    ) -> None:
        self.settings = settings
        self.store = store
        self.progress = progress
        self.files = files
        self.previous = previous
        self.chunks_by_file = chunks_by_file
        self.loaded: list[Embedder] = [embedder] if embedder is not None else []
        self.caches: list[VectorCache | None] = []
        self.width = 0
        """The width of the vectors written, for a run whose every passage came from the vector cache."""
        self.written: list[tuple[str, str]] = []
        self.waiting_for: dict[str, int] = {key: len(chunks) for key, chunks in chunks_by_file.items()}

    def model(self) -> Embedder:
        if not self.loaded:
            from kennisbank.model.embedding import Embedder

            self.loaded.append(Embedder(self.settings.model_path))
        return self.loaded[0]

    def cache(self) -> VectorCache | None:
        """The vectors the model already made (beside its folder), opened at the first group."""
        if not self.caches:
            from kennisbank.model.vector_cache import VectorCache

            self.caches.append(VectorCache.for_model(self.settings.model_path, int(self.settings.vector_cache_mb * 1024 * 1024)))
        return self.caches[0]

    def close(self) -> None:
        for cache in self.caches:
            if cache is not None:
                cache.close()

    def dimension(self, default: int) -> int:
        return self.model().dimension if self.loaded else (self.width or default)

    def write(self, all_new: list[Chunk], present: set[str], fresh: list[Chunk], rebuilding: bool, recovery: Path) -> None:
        store, files, previous = self.store, self.files, self.previous
        # Mark changed files unfinished (old and new chunk ids), so an interrupted run is redone next time.
        store.put_files(
            {
                key: files[key].model_copy(
                    update={"hash": "", "chunk_ids": sorted(set(files[key].chunk_ids) | set(previous[key].chunk_ids if key in previous else []))}
                )
                for key in self.chunks_by_file
            }
        )
        if rebuilding:
            recovery.unlink(missing_ok=True)  # every file of the index is in the store again, as it or as unfinished
        kept = [c for c in all_new if c.id in present]
        # Unchanged paragraphs keep their vectors; only their metadata (position, heading) moves.
        store.update_metadata([c.id for c in kept], [c.metadata() for c in kept])
        self.waiting_for.update(
            {key: sum(c.id not in present for c in chunks) for key, chunks in self.chunks_by_file.items()}
        )
        self.finish([key for key, count in self.waiting_for.items() if count == 0])
        for start in range(0, len(fresh), EMBED_GROUP):
            self.group(fresh, start)

    def group(self, fresh: list[Chunk], start: int) -> None:
        self.progress("inbedden", start, len(fresh))
        self.store.renew()
        batch = fresh[start : start + EMBED_GROUP]
        # the model is loaded only when a passage is not in the vector cache
        vectors, sentences = embed_chunks(self.model, batch, cache=self.cache())
        self.width = int(vectors.shape[1])
        if start:
            check_room(self.store, len(batch), halfway=True)  # the disk may have filled up while we embedded
        self.written.extend((c.id, c.source) for c in batch)  # before the write: a failed one may leave part
        self.store.upsert_chunks(
            [c.id for c in batch], vectors, [c.text for c in batch], [c.metadata() for c in batch], sentences
        )
        done: list[str] = []
        for chunk in batch:
            self.waiting_for[chunk.source] -= 1
            if self.waiting_for[chunk.source] == 0:
                done.append(chunk.source)
        self.finish(done)

    def finish(self, keys: list[str]) -> None:
        previous, files = self.previous, self.files
        stale = [cid for key in keys if key in previous for cid in set(previous[key].chunk_ids) - set(files[key].chunk_ids)]
        self.store.delete_chunks(stale)
        self.store.put_files({key: files[key] for key in keys})

    def failed(self, error: KennisbankError, rebuilding: bool, state: IndexState) -> None:
        """After a failed write: undo what can be undone; a run that stopped itself on a filling disk
        raises the message that says what became of its files (else the caller re-raises the error).

        A rebuild emptied the store first, and on a full or read-only disk Chroma cannot undo anything
        (its retries can even stall): then the unfinished marks let the next run complete the work.
        A run that stopped itself on a filling disk tidies up while TIDY_ROOM is left; with less, Chroma
        can stall on writes that do not fit."""
        unfinished = [key for key, count in self.waiting_for.items() if count > 0]
        room_left = isinstance(error, RoomRanOut) and error.available >= TIDY_ROOM
        undone = False
        if not rebuilding and (room_left or (not isinstance(error, RoomRanOut) and self.store.disk_trouble() is None)):
            undone = roll_back(self.store, unfinished, self.previous, self.written)
        if isinstance(error, RoomRanOut):
            finished = [key for key, count in self.waiting_for.items() if count == 0]
            raise stopped_halfway(self.store, error, state, finished, unfinished, undone, room_left) from None


def _commit(
    settings: Settings,
    store: Store,
    state: IndexState,
    previous: dict[str, FileEntry],
    removed: list[str],
    legacy: dict[str, str] | None,
    dimension: int,
) -> None:
    """The end of a run that changed something: removed files go, and the new version is written."""
    for key in removed:
        store.delete_chunks(list(previous[key].chunk_ids))
    store.delete_files(removed)
    store.write_state(
        state.model_copy(
            update={
                "layout": LAYOUT,
                "chunking": CHUNKING,
                "sentence_vectors": SENTENCE_VECTORS,
                "version": new_version(),
                "dimension": dimension,
            }
        )
    )
    if legacy is not None:
        remove_old_layout(settings.index_dir)


REEMBED_MESSAGE = (
    "De zinsvectoren in de kennisindex zijn met een oudere methode gemaakt; alle stukken worden eenmalig "
    "opnieuw ingebed."
)


