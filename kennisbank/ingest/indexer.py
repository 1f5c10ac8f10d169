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

import base64
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from kennisbank.ingest.chunking import Chunk, chunk_document
from kennisbank.errors import KennisbankError
from kennisbank.models import IndexReport, SkippedFile
from kennisbank.search.lexical import LONG_RUN
from kennisbank.ingest.readers import SUPPORTED_SUFFIXES, ReadError, os_error_reason, read_document
from kennisbank.ingest.sentences import sentence_spans
from kennisbank.errors import StoreError
from kennisbank.model.fingerprint import model_fingerprint
from kennisbank.store.base import Store
from kennisbank.store.opening import open_store
from kennisbank.store.records import GET_BATCH, FileEntry, IndexState, Manifest, new_version, pack_vectors, unpack_vectors
from kennisbank.store.upgrades import CHUNKING, LATE_CHUNKING, LAYOUT, SENTENCE_VECTORS, remove_old_layout
from koploper.numbers import counted
from koploper.settings import Settings

if TYPE_CHECKING:
    import numpy as np

    from kennisbank.model.embedding import Embedder

BRONNEN = Path(__file__).resolve().parents[1] / "bronnen"
"""The shipped cards, always part of the index."""
CARD_PREFIX = "bronnen/"
REBUILD_COMMAND = "koploper index --opnieuw"
EMBED_BATCH = 32
EMBED_GROUP = 128
"""Chunks handed to the model per call: large enough for its length sorting to save padding, small
enough for a lively progress bar and bounded memory."""

Progress = Callable[[str, int, int], None]
"""progress(description, done, total): called while files are read and chunks embedded."""
Notice = Callable[[str], None]
"""notice(message): a Dutch line for the user (waiting for another run, a migration)."""
MIGRATION_MESSAGE = (
    "De kennisindex heeft nog de oude opbouw (generaties met CURRENT); hij wordt eenmalig omgezet "
    "naar de nieuwe opbouw en opnieuw opgebouwd met dezelfde bestanden."
)


def _no_progress(description: str, done: int, total: int) -> None:
    """Default progress callback: silent."""


def shipped_cards() -> list[Path]:
    return sorted(BRONNEN.glob("*.md"))


def source_key(path: Path) -> str:
    """How a file is named in the index: 'bronnen/x.md' for shipped cards, else its absolute path."""
    resolved = path.resolve()
    if resolved.parent == BRONNEN:
        return CARD_PREFIX + resolved.name
    return str(resolved)


def source_path(key: str) -> Path:
    return BRONNEN / key[len(CARD_PREFIX) :] if key.startswith(CARD_PREFIX) else Path(key)


def _unsupported(path: Path) -> str:
    return f"bestandstype '{path.suffix or 'zonder extensie'}' wordt niet ondersteund"


def _expand(paths: Iterable[Path], report: IndexReport) -> list[Path]:
    """Files named directly, and the files inside named folders; what is left out is reported.

    Inside a folder nothing outside it is read: a symbolic link is followed only when its target lies
    inside the folder given (a shared drive must not smuggle in /etc/passwd), each folder is visited once
    (link loops end), and hidden files and folders stay out. Files named directly are taken as given.
    """
    files: list[Path] = []
    for path in paths:
        path = Path(path).expanduser()
        try:
            if path.is_dir():
                files.extend(_walk(path, report))
            elif path.is_file():
                files.append(path)
            elif path.exists():
                report.skipped.append(SkippedFile(source=str(path), reason="geen gewoon bestand (apparaat of pijp)"))
            else:
                report.skipped.append(SkippedFile(source=str(path), reason="bestaat niet"))
        except OSError as exc:
            report.skipped.append(SkippedFile(source=str(path), reason=os_error_reason(exc)))
    return files


def _walk(folder: Path, report: IndexReport) -> list[Path]:
    """The supported files under `folder` in name order, links kept inside it, loops and hidden parts out."""
    root = folder.resolve()
    visited: set[Path] = {root}
    taken: set[Path] = set()
    files: list[Path] = []

    def skip(path: Path, reason: str) -> None:
        report.skipped.append(SkippedFile(source=str(path), reason=reason))

    def hidden(target: Path) -> bool:
        return any(part.startswith(".") for part in target.relative_to(root).parts)

    def take(path: Path, real: Path) -> None:
        if real in taken:
            return  # the same file reached twice (a link to a file that is also walked): indexed once
        taken.add(real)
        if real.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(real)
        else:
            skip(path, _unsupported(path))

    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as scan:
                entries = list(scan)
        except OSError as exc:
            skip(current, f"map niet te lezen: {os_error_reason(exc)}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    try:
                        real = path.resolve(strict=True)
                    except (OSError, RuntimeError):
                        skip(path, "koppeling die nergens heen wijst (of in een kring)")
                        continue
                    if not real.is_relative_to(root):
                        skip(path, f"koppeling naar {real}, buiten de map {folder}; niet gevolgd")
                        continue
                    if hidden(real):
                        continue
                    if real.is_dir():
                        if real in visited:
                            skip(path, "koppeling naar een map die al gelezen wordt (kring); niet gevolgd")
                            continue
                        visited.add(real)
                        pending.append(path)
                    elif real.is_file():
                        take(path, real)
                    else:
                        skip(path, "geen gewoon bestand (apparaat of pijp)")
                elif entry.is_dir(follow_symlinks=False):
                    real = path.resolve()
                    if real not in visited:
                        visited.add(real)
                        pending.append(path)
                elif entry.is_file(follow_symlinks=False):
                    take(path, path.resolve())
                else:
                    skip(path, "geen gewoon bestand (apparaat of pijp)")
            except OSError as exc:
                skip(path, os_error_reason(exc))
    return sorted(files)


class Presence(str, Enum):
    """Where a previously indexed file stands now; only GONE (and the user's --verwijder) drops it."""

    PRESENT = "present"
    GONE = "gone"
    """Its folder can be listed and the file is not in it: really deleted or moved."""
    UNREACHABLE = "unreachable"
    """The file or its folder cannot be reached now (network share offline, folder renamed away,
    permissions changed): its entries are kept until it is back or the user removes it."""


def presence(key: str) -> Presence:
    """Whether the file behind an index key is there, really gone, or merely out of reach right now."""
    path = source_path(key)
    try:
        status = path.stat()
    except FileNotFoundError:
        try:
            with os.scandir(path.parent):
                pass
        except OSError:
            return Presence.UNREACHABLE  # the folder itself is missing or unreadable: a share offline
        return Presence.GONE
    except OSError:
        return Presence.UNREACHABLE
    return Presence.PRESENT if stat.S_ISREG(status.st_mode) else Presence.GONE


def classify_previous(keys: Iterable[str]) -> dict[str, Presence]:
    """Presence of every previously indexed file that this run's walk did not reach (see `presence`)."""
    return {key: presence(key) for key in keys}


def selected_for_removal(keys: Iterable[str], paths: Iterable[Path], report: IndexReport) -> set[str]:
    """The index keys the user removes with `--verwijder PAD`: that file, or everything under that folder.

    Works on keys, not on the disk, so an unreachable share can be removed too. Shipped cards always stay;
    a path that matches nothing is reported.
    """
    keys = list(keys)
    chosen: set[str] = set()
    for path in paths:
        given = Path(path).expanduser()
        targets = {given.absolute(), given.resolve()}
        matched = {
            key
            for key in keys
            if not key.startswith(CARD_PREFIX)
            and any(Path(key) == target or Path(key).is_relative_to(target) for target in targets)
        }
        if not matched:
            reason = (
                "meegeleverde kaarten blijven altijd in de index"
                if given.resolve().is_relative_to(BRONNEN)
                else "staat niet in de index; niets verwijderd"
            )
            report.skipped.append(SkippedFile(source=str(given), reason=reason))
        chosen |= matched
    return chosen


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
        cls, cid: str, text: str, metadata: dict[str, Any], vector: Any, sentences: dict[tuple[int, int], "np.ndarray"]
    ) -> "CarriedPassage":
        import numpy as np

        spans = sorted(sentences)
        packed = base64.b64encode(np.asarray(vector, dtype=np.float32).tobytes()).decode("ascii")
        matrix = np.stack([np.asarray(sentences[span], dtype=np.float32) for span in spans]) if spans else None
        return cls(
            id=cid, text=text, metadata=metadata, vector=packed, spans=spans,
            sentences=pack_vectors(matrix) if matrix is not None else "",
        )

    def vector_array(self) -> "np.ndarray":
        import numpy as np

        return np.frombuffer(base64.b64decode(self.vector), dtype=np.float32)

    def sentence_matrix(self) -> "np.ndarray":
        return unpack_vectors(self.sentences, len(self.spans))


NOT_CARRIED_MESSAGE = (
    "{count} bestand(en) uit de index zijn nu niet bereikbaar en hun passages passen niet bij de nieuwe "
    "index (ander model of beschadigde index). Ze blijven in de lijst (`koploper bronnen`) en worden "
    "ingebed zodra ze weer bereikbaar zijn en u `koploper index` uitvoert."
)


def _read_carried(
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


def _write_carried(store: Store, carried: list[CarriedPassage]) -> None:
    """Put the passages read by `_read_carried` back into the emptied store."""
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


def _save_recovery(path: Path, recovery: Recovery) -> None:
    from koploper.atomic import write_text

    write_text(path, recovery.model_dump_json(), make_parents=True)


def _restore(store: Store, path: Path, notice: Notice) -> None:
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
    _write_carried(store, missing)

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


ROOM_PER_CHUNK = 24 * 2**10
"""Bytes a new passage takes in the embedded store (vector, text, full-text index, sentence vectors):
measured 36 KiB for the cards and 17 KiB for 100k synthetic passages."""
ROOM_MARGIN = 4 * 2**20
TIDY_ROOM = 2 * 2**20
"""Room a run that stopped on a filling disk needs to roll back its unfinished files and commit the
finished ones (a few deletes and records); with less it leaves them marked unfinished."""


class RoomRanOut(StoreError):
    """The disk filled up while a run was under way (another program wrote to it): the run stopped before
    a write that would not fit, while ROOM_MARGIN is still free for tidying up."""

    def __init__(self, message: str, available: int) -> None:
        super().__init__(message)
        self.available = available


def _check_room(store: Store, chunks: int, halfway: bool = False) -> None:
    """Refuse a write that clearly does not fit: before anything is written (this run's passages), and
    before each further batch (`halfway`), keeping ROOM_MARGIN free so that the files already done can
    be committed and the rest rolled back instead of a write failing in the middle of Chroma's."""
    if not chunks:
        return
    available = store.room()
    needed = chunks * ROOM_PER_CHUNK + ROOM_MARGIN
    if available is None or available >= needed:
        return
    if halfway:
        raise RoomRanOut(
            f"De kennisindex in {store.location} kon niet helemaal worden bijgewerkt: de schijf is vol geraakt "
            f"tijdens het indexeren (nog {available / 2**20:.0f} MB vrij). {{done}} De opdracht is gestopt. Maak "
            "ruimte vrij of kies een andere KOPLOPER_HOME, en voer de opdracht opnieuw uit: die maakt het af.",
            available,
        )
    raise StoreError(
        f"De kennisindex in {store.location} kan niet worden bijgewerkt: de schijf is vol. Er is "
        f"{available / 2**20:.0f} MB vrij en {counted(chunks, 'nieuw stuk', 'nieuwe stukken')} vragen ongeveer "
        f"{needed / 2**20:.0f} MB. Er is niets gewijzigd; de index werkt zoals hij was. Maak ruimte vrij of "
        "kies een andere KOPLOPER_HOME, en voer de opdracht opnieuw uit."
    )


def _stopped_halfway(
    store: Store,
    stop: RoomRanOut,
    state: IndexState,
    finished: list[str],
    unfinished: list[str],
    undone: bool,
    room_left: bool,
) -> RoomRanOut:
    """After a run stopped on a filling disk: the files it finished become one new index version (so
    search and `bronnen` agree on them), the others were rolled back (`undone`) or stay marked
    unfinished; the message says which, and only what did happen."""
    committed = False
    if room_left:
        try:
            store.write_state(state.model_copy(update={"version": new_version()}))
            committed = True
        except KennisbankError:
            pass
    if undone and committed:
        done = (
            f"{counted(len(finished), 'bestand is', 'bestanden zijn')} bijgewerkt en doorzoekbaar; de andere "
            f"{len(unfinished)} zijn teruggezet zoals ze waren."
        )
    else:
        done = "Wat er al in stond, blijft doorzoekbaar; de bestanden die niet af zijn, zijn als onvoltooid gemarkeerd."
    return RoomRanOut(stop.message.replace("{done}", done[0].upper() + done[1:]), stop.available)


def _roll_back(
    store: Store, keys: list[str], previous: dict[str, FileEntry], written: list[tuple[str, str]]
) -> bool:
    """After a failed write (a full disk, a folder turned read-only): files whose update was not finished
    get their previous record back and lose the passages this run added, so the index is as before the
    run. Best effort: what cannot be undone stays marked unfinished, and the next run completes it.
    True when all of it was undone."""
    unfinished = set(keys)
    if not unfinished:
        return True
    old_ids = {cid for key in unfinished if key in previous for cid in previous[key].chunk_ids}
    try:
        store.delete_chunks([cid for cid, source in written if source in unfinished and cid not in old_ids])
        store.put_files({key: previous[key] for key in unfinished if key in previous})
        store.delete_files([key for key in unfinished if key not in previous])
    except KennisbankError:
        return False
    return True


def build_index(
    settings: Settings,
    paths: list[Path] | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
    embedder: "Embedder | None" = None,
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
    progress = progress or _no_progress
    notice = notice or (lambda message: progress(message, 0, 0))
    fingerprint = check_model(settings)
    store = open_store(settings)
    try:
        with store.writer(notice):
            report = _build(
                settings, store, fingerprint, paths or [], rebuild, progress, embedder, notice, remove or [], prune
            )
    except OSError as error:
        raise store.damaged(error) from error
    report.seconds = time.perf_counter() - started
    return report


def _opened(
    store: Store, rebuild: bool, legacy: dict[str, str] | None, recovery: Path, notice: Notice
) -> tuple[IndexState | None, dict[str, FileEntry]]:
    """The store's state and files at the start of a run, after putting back what a killed rebuild left
    out. A damaged store raises (Dutch); with `rebuild` it is set aside and the run starts afresh."""
    try:
        _restore(store, recovery, notice)
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
    _restore(store, recovery, notice)  # a killed rebuild's files and passages go into the fresh store
    return store.state(), store.files()


def _build(
    settings: Settings,
    store: Store,
    fingerprint: str,
    paths: list[Path],
    rebuild: bool,
    progress: Progress,
    embedder: "Embedder | None",
    notice: Notice,
    remove: list[Path],
    prune: bool,
) -> IndexReport:
    report = IndexReport()
    legacy = store.old_layout()
    recovery = recovery_path(settings, store)
    state, previous = _opened(store, rebuild, legacy, recovery, notice)
    rebuilding = rebuild or (legacy is not None and state is None)
    if rebuilding and legacy is not None and state is None:
        notice(MIGRATION_MESSAGE)
    # A rebuild keeps the same files: reachable ones are read and embedded again, unreachable ones keep
    # their passages when the vectors fit the model (carried over below), else wait until they are back.
    old_state = state
    before = previous
    if rebuilding:
        state, previous = None, {}
    if state is not None and state.model_fingerprint != fingerprint:
        raise KennisbankError(mismatch_message(state, fingerprint))

    # Which files make up the index: the cards, what was indexed before, and the new paths.
    wanted: dict[str, Path] = {}
    given: dict[str, str] = {}
    for path in [*shipped_cards(), *_expand(paths, report)]:
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
    carried: list[CarriedPassage] | None = None
    if rebuilding and kept_files:
        if old_state is not None and old_state.model_fingerprint == fingerprint:
            carried, kept_files = _read_carried(store, kept_files)
        else:
            notice(NOT_CARRIED_MESSAGE.format(count=len(kept_files)))
            kept_files = {key: entry.model_copy(update={"hash": "", "chunk_ids": []}) for key, entry in kept_files.items()}

    reembed = state is not None and state.sentence_vectors != SENTENCE_VECTORS
    if reembed:
        notice(REEMBED_MESSAGE)
    reread = state is not None and (state.chunking != CHUNKING or reembed)
    max_bytes = int(settings.max_file_mb * 2**20)
    files: dict[str, FileEntry] = {}
    chunks_by_file: dict[str, list[Chunk]] = {}
    for number, (key, path) in enumerate(sorted(wanted.items()), start=1):
        progress(f"lezen: {path.name}", number - 1, len(wanted))
        try:
            digest = _file_hash(path)
        except OSError as exc:
            report.skipped.append(SkippedFile(source=key, reason=os_error_reason(exc)))
            if key in previous:  # unreadable for a while: keep what was indexed before
                files[key] = previous[key]
            continue
        known = previous.get(key)
        if known is not None and known.hash == digest and not reread:
            files[key] = known.model_copy(update={"unreachable": False})
            report.unchanged.append(key)
            continue
        try:
            document = read_document(path, max_bytes)
        except ReadError as error:
            report.skipped.append(SkippedFile(source=key, reason=error.reason))
            if known is not None:
                files[key] = known  # keep what was indexed before rather than lose it
            continue
        chunks = chunk_document(document, key)
        chunks_by_file[key] = chunks
        files[key] = FileEntry(
            path=given.get(key, str(path)),
            name=path.name,
            hash=digest,
            chunk_ids=[c.id for c in chunks],
            title=document.title,
            region=document.region or (chunks[0].region if chunks else None),
            reference_date=document.reference_date,
            source_url=document.source_url,
        )
        (report.changed if known is not None and known.hash else report.added).append(key)
    progress("lezen", len(wanted), len(wanted))
    files.update(kept_files)
    removed = sorted(set(previous) - set(files))
    report.removed = sorted(set(before) - set(files)) if rebuilding else removed
    report.chunks_total = sum(len(entry.chunk_ids) for entry in files.values())
    marks = {
        key: entry
        for key, entry in files.items()
        if key in previous and key not in chunks_by_file and entry.unreachable != previous[key].unreachable
    }
    if marks:
        store.put_files(marks)  # a file's reachability changed: `bronnen` says so; nothing to embed for it
    if state is not None and not chunks_by_file and not removed:
        return report

    dimension = embedder.dimension if embedder is not None else (state.dimension if state else 0)
    all_new = [chunk for chunks in chunks_by_file.values() for chunk in chunks]
    present = set() if reembed or rebuilding else store.existing([c.id for c in all_new])
    fresh = [c for c in all_new if c.id not in present]
    _check_room(store, len(fresh))
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
        _save_recovery(
            recovery,
            Recovery(location=store.location, state=state, files={**to_read, **kept_files}, passages=carried or []),
        )
        store.reset()
    if new_state:
        store.write_state(state)  # before any data, so that data without a state always means damage
    if rebuilding and kept_files:
        # right after the reset: the window in which an unreachable file's passages live only in memory
        if carried is not None:
            _write_carried(store, carried)
        store.put_files(kept_files)
    written: list[tuple[str, str]] = []
    waiting_for: dict[str, int] = {key: len(chunks) for key, chunks in chunks_by_file.items()}
    try:
        # Mark changed files unfinished (old and new chunk ids), so an interrupted run is redone next time.
        store.put_files(
            {
                key: files[key].model_copy(
                    update={"hash": "", "chunk_ids": sorted(set(files[key].chunk_ids) | set(previous[key].chunk_ids if key in previous else []))}
                )
                for key in chunks_by_file
            }
        )
        if rebuilding:
            recovery.unlink(missing_ok=True)  # every file of the index is in the store again, as it or as unfinished
        kept = [c for c in all_new if c.id in present]
        # Unchanged paragraphs keep their vectors; only their metadata (position, heading) moves.
        store.update_metadata([c.id for c in kept], [c.metadata() for c in kept])

        loaded: list["Embedder"] = [embedder] if embedder is not None else []

        def model() -> "Embedder":
            if not loaded:
                from kennisbank.model.embedding import Embedder

                loaded.append(Embedder(settings.model_path))
            return loaded[0]

        waiting_for.update({key: sum(c.id not in present for c in chunks) for key, chunks in chunks_by_file.items()})

        def finish(keys: list[str]) -> None:
            stale = [cid for key in keys if key in previous for cid in set(previous[key].chunk_ids) - set(files[key].chunk_ids)]
            store.delete_chunks(stale)
            store.put_files({key: files[key] for key in keys})

        finish([key for key, count in waiting_for.items() if count == 0])
        for start in range(0, len(fresh), EMBED_GROUP):
            progress("inbedden", start, len(fresh))
            store.renew()
            batch = fresh[start : start + EMBED_GROUP]
            vectors, sentences = embed_chunks(model(), batch)
            if start:
                _check_room(store, len(batch), halfway=True)  # the disk may have filled up while we embedded
            written.extend((c.id, c.source) for c in batch)  # before the write: a failed one may leave part
            store.upsert_chunks(
                [c.id for c in batch], vectors, [c.text for c in batch], [c.metadata() for c in batch], sentences
            )
            done: list[str] = []
            for chunk in batch:
                waiting_for[chunk.source] -= 1
                if waiting_for[chunk.source] == 0:
                    done.append(chunk.source)
            finish(done)
    except KennisbankError as error:
        # A rebuild emptied the store first, and on a full or read-only disk Chroma cannot undo anything
        # (its retries can even stall): then the unfinished marks let the next run complete the work.
        # A run that stopped itself on a filling disk still has room to tidy up.
        # A run that stopped itself on a filling disk tidies up while TIDY_ROOM is left; with less, Chroma
        # can stall on writes that do not fit.
        unfinished = [key for key, count in waiting_for.items() if count > 0]
        room_left = isinstance(error, RoomRanOut) and error.available >= TIDY_ROOM
        undone = False
        if not rebuilding and (room_left or (not isinstance(error, RoomRanOut) and store.disk_trouble() is None)):
            undone = _roll_back(store, unfinished, previous, written)
        if isinstance(error, RoomRanOut):
            finished = [key for key, count in waiting_for.items() if count == 0]
            raise _stopped_halfway(store, error, state, finished, unfinished, undone, room_left) from None
        raise
    progress("inbedden", len(fresh), len(fresh))
    report.chunks_embedded = len(fresh)

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
                "dimension": model().dimension if loaded else dimension,
            }
        )
    )
    if legacy is not None:
        remove_old_layout(settings.index_dir)
    return report


REEMBED_MESSAGE = (
    "De zinsvectoren in de kennisindex zijn met een oudere methode gemaakt; alle stukken worden eenmalig "
    "opnieuw ingebed."
)


def _without_long_runs(text: str) -> tuple[str, Callable[[int], int]]:
    """`text` with LONG_RUN runs replaced by a space, and where a position of `text` lands in it."""
    cuts = [(m.start(), m.end()) for m in LONG_RUN.finditer(text)]
    if not cuts:
        return text, lambda position: position

    def where(position: int) -> int:
        shift = 0
        for start, end in cuts:
            if position >= end:
                shift += end - start - 1
            elif position > start:
                return start - shift + 1
            else:
                break
        return position - shift

    return LONG_RUN.sub(" ", text), where


def embed_chunks(
    model: "Embedder", chunks: list[Chunk], late_chunking: bool | None = None
) -> tuple["np.ndarray", list[tuple[list[tuple[int, int]], "np.ndarray"]]]:
    """Vectors of the passages and of each passage's sentences (so answers need no model call later).

    What the model reads loses runs of 300+ characters without a space (a hex dump): tokenizing them
    costs seconds and says nothing; the stored text stays verbatim.
    """
    spans = [sentence_spans(c.text) for c in chunks]
    if LATE_CHUNKING if late_chunking is None else late_chunking:
        texts: list[str] = []
        shifted: list[list[tuple[int, int]]] = []
        for chunk, chunk_spans in zip(chunks, spans):
            full = chunk.embedding_text()
            head = len(full) - len(chunk.text)  # the passage text is the end of what the model reads
            clean, where = _without_long_runs(full)
            texts.append(clean)
            shifted.append([(where(a + head), where(b + head)) for a, b in chunk_spans])
        vectors, matrices = model.encode_passages_with_sentences(texts, shifted, batch_size=EMBED_BATCH)
        return vectors, list(zip(spans, matrices))
    vectors = model.encode_passages([LONG_RUN.sub(" ", c.embedding_text()) for c in chunks], batch_size=EMBED_BATCH)
    texts = [LONG_RUN.sub(" ", c.text[a:b]) for c, chunk_spans in zip(chunks, spans) for a, b in chunk_spans]
    sentence_vectors = model.encode_passages(texts, batch_size=EMBED_BATCH)
    out: list[tuple[list[tuple[int, int]], np.ndarray]] = []
    offset = 0
    for chunk_spans in spans:
        out.append((chunk_spans, sentence_vectors[offset : offset + len(chunk_spans)]))
        offset += len(chunk_spans)
    return vectors, out
