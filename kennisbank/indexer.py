"""Build and update the knowledge index: the shipped cards plus the user's files.

Unchanged files (same content hash) cost nothing; in a changed file only paragraphs with new text are
embedded again (chunk ids are content hashes); removed files lose their chunks. All writes go to a new
generation that becomes current only at the end (see kennisbank.store).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from kennisbank.chunking import Chunk, chunk_document
from kennisbank.errors import KennisbankError
from kennisbank.models import IndexReport, SkippedFile
from kennisbank.readers import SUPPORTED_SUFFIXES, ReadError, os_error_reason, read_document
from kennisbank.settings import Settings
from kennisbank.store import (
    FileEntry,
    Manifest,
    commit_generation,
    current_generation,
    discard_generation,
    make_embedding_function,
    model_fingerprint,
    new_generation,
    open_collection,
    read_manifest,
)

if TYPE_CHECKING:
    from kennisbank.embedding import Embedder

BRONNEN = Path(__file__).resolve().parent / "bronnen"
"""The shipped cards, always part of the index."""
CARD_PREFIX = "bronnen/"
REBUILD_COMMAND = "koploper index --opnieuw"
EMBED_BATCH = 32
EMBED_GROUP = 128
"""Chunks handed to the model per call: large enough for its length sorting to save padding, small
enough for a lively progress bar and bounded memory."""

Progress = Callable[[str, int, int], None]
"""progress(description, done, total): called while files are read and chunks embedded."""


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


def mismatch_message(manifest: Manifest, fingerprint: str) -> str:
    return (
        f"De kennisindex is gebouwd met het model '{manifest.model_fingerprint}', maar ingesteld is "
        f"'{fingerprint}'. Bouw de index opnieuw met `{REBUILD_COMMAND}`."
    )


def build_index(
    settings: Settings,
    paths: list[Path] | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
    embedder: "Embedder | None" = None,
    remove: list[Path] | None = None,
    prune: bool = True,
) -> IndexReport:
    """Index the shipped cards, the files already in the index and `paths`; report per file what happened.

    `embedder` lets a caller that already loaded the model (the app, the benchmark) skip loading it
    again; it must be the configured model. Raises KennisbankError (Dutch) when the model is missing,
    or when the index was built with another model and `rebuild` is not set.
    `remove` are files or folders the user takes out (`--verwijder`). A previously indexed file that
    cannot be reached now keeps its entries (report.unreachable); one that is really gone leaves the
    index only when `prune` is set (`index`, not `voorbereiden`).
    """
    started = time.perf_counter()
    progress = progress or _no_progress
    report = IndexReport()
    fingerprint = check_model(settings)
    index_dir = settings.index_dir
    base = current_generation(index_dir)
    old = read_manifest(base) if base is not None else None
    if old is not None and old.model_fingerprint != fingerprint and not rebuild:
        raise KennisbankError(mismatch_message(old, fingerprint))
    previous_files = dict(old.files) if old is not None and not rebuild else {}

    # Which files make up the index: the cards, what was indexed before, and the new paths.
    wanted: dict[str, Path] = {}
    for path in [*shipped_cards(), *_expand(paths or [], report)]:
        wanted[source_key(path)] = path
    removed_by_user = selected_for_removal(old.files if old else {}, remove or [], report)
    for key in removed_by_user:
        wanted.pop(key, None)
    kept: dict[str, FileEntry] = {}
    if old is not None:
        not_walked = [key for key in old.files if key not in wanted and key not in removed_by_user]
        for key, state in classify_previous(not_walked).items():
            if state is Presence.PRESENT:
                wanted[key] = source_path(key)
            elif state is Presence.UNREACHABLE or (not prune and not key.startswith(CARD_PREFIX)):
                if state is Presence.UNREACHABLE:
                    report.unreachable.append(key)
                if not rebuild:
                    kept[key] = old.files[key]  # its chunks stay in the collection (not stale)

    max_bytes = int(settings.max_file_mb * 2**20)
    files: dict[str, FileEntry] = {}
    chunks_by_file: dict[str, list[Chunk]] = {}
    for number, (key, path) in enumerate(sorted(wanted.items()), start=1):
        progress(f"lezen: {path.name}", number - 1, len(wanted))
        try:
            digest = _file_hash(path)
        except OSError as exc:
            report.skipped.append(SkippedFile(source=key, reason=os_error_reason(exc)))
            if key in previous_files:
                files[key] = previous_files[key]  # unreadable for a while: keep what was indexed before
            continue
        known = previous_files.get(key)
        if known is not None and known.hash == digest:
            files[key] = known
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
            path=str(path),
            hash=digest,
            chunk_ids=[c.id for c in chunks],
            title=document.title,
            region=document.region or (chunks[0].region if chunks else None),
            reference_date=document.reference_date,
            source_url=document.source_url,
        )
        (report.changed if known is not None else report.added).append(key)
    progress("lezen", len(wanted), len(wanted))
    files.update(kept)
    report.removed = sorted(set(previous_files) - set(files))

    old_ids = {cid for entry in previous_files.values() for cid in entry.chunk_ids}
    new_ids = {cid for entry in files.values() for cid in entry.chunk_ids}
    report.chunks_total = len(new_ids)
    nothing_to_do = base is not None and not rebuild and not chunks_by_file and not report.removed
    if nothing_to_do:
        report.seconds = time.perf_counter() - started
        return report

    loaded: list["Embedder"] = [embedder] if embedder is not None else []

    def model() -> "Embedder":
        if not loaded:
            from kennisbank.embedding import Embedder

            loaded.append(Embedder(settings.model_path))
        return loaded[0]

    generation = new_generation(index_dir, None if rebuild else base)
    try:
        collection = open_collection(
            generation, make_embedding_function(lambda texts: model().encode_passages(texts))
        )
        stale = sorted(old_ids - new_ids) if not rebuild else []
        for start in range(0, len(stale), 500):
            collection.delete(ids=stale[start : start + 500])
        fresh: list[Chunk] = []
        kept: list[Chunk] = []
        for chunks in chunks_by_file.values():
            for chunk in chunks:
                (kept if chunk.id in old_ids and not rebuild else fresh).append(chunk)
        # Unchanged paragraphs of a changed file keep their vector; only metadata moves.
        for start in range(0, len(kept), 500):
            batch = kept[start : start + 500]
            collection.update(ids=[c.id for c in batch], metadatas=[c.metadata() for c in batch])
        for start in range(0, len(fresh), EMBED_GROUP):
            progress("inbedden", start, len(fresh))
            batch = fresh[start : start + EMBED_GROUP]
            vectors = model().encode_passages([c.embedding_text() for c in batch], batch_size=EMBED_BATCH)
            collection.upsert(
                ids=[c.id for c in batch],
                embeddings=[v for v in vectors],
                documents=[c.text for c in batch],
                metadatas=[c.metadata() for c in batch],
            )
        progress("inbedden", len(fresh), len(fresh))
        report.chunks_embedded = len(fresh)
        dimension = model().dimension if loaded else (old.dimension if old else 0)
        manifest = Manifest(
            model_fingerprint=fingerprint,
            model_path=str(settings.model_path),
            dimension=dimension,
            files=files,
        )
        commit_generation(index_dir, generation, manifest)
    except BaseException:
        discard_generation(generation)
        raise
    report.seconds = time.perf_counter() - started
    return report
