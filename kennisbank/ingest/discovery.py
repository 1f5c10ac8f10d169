"""Which files make up an index: the shipped cards, the files under the folders given, and what became of
the files indexed before (present, unreachable, gone, taken out by the user)."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote_to_bytes

from kennisbank.ingest.readers import SUPPORTED_SUFFIXES, os_error_reason
from kennisbank.ingest.safe_open import open_regular
from kennisbank.models import IndexReport, SkippedFile
from kennisbank.search.own_weight import SHIPPED_PREFIX

if TYPE_CHECKING:

    pass

BRONNEN = Path(__file__).resolve().parents[1] / "bronnen"
"""The shipped cards, always part of the index."""


CARD_PREFIX = SHIPPED_PREFIX
"""Keys of the shipped cards (the search weighs a passage by whether it is one: kennisbank.search.own_weight)."""
BYTES_PREFIX = "bytes:"
"""Keys of files whose path is not valid UTF-8 (any name the file system allows): the path's bytes,
percent-encoded after this prefix. The store, Chroma and JSON hold only valid text, and the key still
leads back to the exact file."""


def shown_path(path: Path | str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 shown as �."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "replace")
    return text


def shown_key(key: str) -> str:
    """An index key as the user reads it: a BYTES_PREFIX key as its path, with � for the bytes that are not UTF-8."""
    return shown_path(source_path(key)) if key.startswith(BYTES_PREFIX) else key


def shipped_cards() -> list[Path]:
    return sorted(BRONNEN.glob("*.md"))


def source_key(path: Path) -> str:
    """How a file is named in the index: 'bronnen/x.md' for shipped cards, else its absolute path."""
    resolved = path.resolve()
    if resolved.parent == BRONNEN:
        return CARD_PREFIX + resolved.name
    if shown_path(resolved) != str(resolved):
        return BYTES_PREFIX + quote(os.fsencode(resolved), safe="/")
    return str(resolved)


def source_path(key: str) -> Path:
    if key.startswith(BYTES_PREFIX):
        return Path(os.fsdecode(unquote_to_bytes(key[len(BYTES_PREFIX) :])))
    return BRONNEN / key[len(CARD_PREFIX) :] if key.startswith(CARD_PREFIX) else Path(key)


def _unsupported(path: Path) -> str:
    return f"bestandstype '{path.suffix or 'zonder extensie'}' wordt niet ondersteund"


def expand_paths(paths: Iterable[Path], report: IndexReport) -> list[Path]:
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
                report.skipped.append(SkippedFile(source=shown_path(path), reason="geen gewoon bestand (apparaat of pijp)"))
            else:
                report.skipped.append(SkippedFile(source=shown_path(path), reason="bestaat niet"))
        except OSError as exc:
            report.skipped.append(SkippedFile(source=shown_path(path), reason=os_error_reason(exc)))
    return files


def _walk(folder: Path, report: IndexReport) -> list[Path]:
    """The supported files under `folder` in name order, links kept inside it, loops and hidden parts out."""
    return _Walk(folder, report).run()


class _Walk:
    """One walk through a folder: what was visited (loops end) and taken (a file reached twice counts once)."""

    def __init__(self, folder: Path, report: IndexReport) -> None:
        self.folder = folder
        self.report = report
        self.root = folder.resolve()
        self.visited: set[Path] = {self.root}
        self.taken: set[Path] = set()
        self.files: list[Path] = []
        self.pending = [folder]

    def run(self) -> list[Path]:
        while self.pending:
            current = self.pending.pop()
            try:
                with os.scandir(current) as scan:
                    entries = list(scan)
            except OSError as exc:
                self.skip(current, f"map niet te lezen: {os_error_reason(exc)}")
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                try:
                    self.entry(entry, path)
                except OSError as exc:
                    self.skip(path, os_error_reason(exc))
        return sorted(self.files)

    def skip(self, path: Path, reason: str) -> None:
        self.report.skipped.append(SkippedFile(source=shown_path(path), reason=reason))

    def hidden(self, target: Path) -> bool:
        return any(part.startswith(".") for part in target.relative_to(self.root).parts)

    def take(self, path: Path, real: Path) -> None:
        if real in self.taken:
            return  # the same file reached twice (a link to a file that is also walked): indexed once
        self.taken.add(real)
        if real.suffix.lower() in SUPPORTED_SUFFIXES:
            self.files.append(real)
        else:
            self.skip(path, _unsupported(path))

    def entry(self, entry: os.DirEntry[str], path: Path) -> None:
        if entry.is_symlink():
            self.link(path)
        elif entry.is_dir(follow_symlinks=False):
            real = path.resolve()
            if real not in self.visited:
                self.visited.add(real)
                self.pending.append(path)
        elif entry.is_file(follow_symlinks=False):
            self.take(path, path.resolve())
        else:
            self.skip(path, "geen gewoon bestand (apparaat of pijp)")

    def link(self, path: Path) -> None:
        """A symbolic link: followed only to a target inside the folder, and to a folder not yet read."""
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            self.skip(path, "koppeling die nergens heen wijst (of in een kring)")
            return
        if not real.is_relative_to(self.root):
            self.skip(path, f"koppeling naar {shown_path(real)}, buiten de map {shown_path(self.folder)}; niet gevolgd")
            return
        if self.hidden(real):
            return
        if real.is_dir():
            if real in self.visited:
                self.skip(path, "koppeling naar een map die al gelezen wordt (kring); niet gevolgd")
                return
            self.visited.add(real)
            self.pending.append(path)
        elif real.is_file():
            self.take(path, real)
        else:
            self.skip(path, "geen gewoon bestand (apparaat of pijp)")


class Presence(StrEnum):
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
            and any(source_path(key) == target or source_path(key).is_relative_to(target) for target in targets)
        }
        if not matched:
            reason = (
                "meegeleverde kaarten blijven altijd in de index"
                if given.resolve().is_relative_to(BRONNEN)
                else "staat niet in de index; niets verwijderd"
            )
            report.skipped.append(SkippedFile(source=shown_path(given), reason=reason))
        chosen |= matched
    return chosen


def file_hash(path: Path) -> str:
    """The content hash; only a regular file is opened (safe_open.Refused otherwise, OSError when gone)."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
