"""One atomic writer for files and folders: a temp sibling, fsync, then os.replace.

Index, exports and transcripts must never be left half-written by a crash or a full disk; one
implementation (instead of three) means one place to get the details right: the temp file lives in
the target's folder (os.replace is only atomic within one file system) and is removed on failure.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

_OS_ERRORS = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen toestemming",
    errno.ENOENT: "de map bestaat niet",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EISDIR: "dat is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EEXIST: "er staat al iets met die naam",
    errno.EBUSY: "het bestand is in gebruik",
    errno.EIO: "een schijffout",
}


def os_error_text(exc: OSError) -> str:
    """A disk error in Dutch ('geen schrijfrechten'), for messages that must not show English strerror."""
    return _OS_ERRORS.get(exc.errno or 0, f"systeemfout {exc.errno}" if exc.errno else "onbekende schijffout")


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux: /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _final_mode(target: Path) -> int:
    """The permissions the written file gets: the old file's when replacing one, else what a plain
    `open()` would give (0666 minus the umask). mkstemp's 0600 would hide exports from colleagues."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def write_with(
    target: Path | str, write: Callable[[Path], None], make_parents: bool = False, mode: int | None = None
) -> Path:
    """Let `write(temp_path)` fill a temp file beside `target`, then replace `target` with it.

    For writers that want a path (openpyxl, a CSV writer); the temp file is removed when anything fails.
    `mode` fixes the permissions (0o600 for a file of secrets: it is never readable by others, not even
    for a moment); without it, the old file's or the umask's.
    """
    target = Path(target)
    folder = _folder(target)
    if make_parents:
        folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        os.chmod(temp, _final_mode(target) if mode is None else mode)
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def write_text(
    target: Path | str, text: str, encoding: str = "utf-8", make_parents: bool = True, mode: int | None = None
) -> Path:
    """Write a text file atomically (newlines as given: no translation)."""

    def write(temp: Path) -> None:
        temp.write_text(text, encoding=encoding, newline="")

    return write_with(target, write, make_parents=make_parents, mode=mode)


def write_bytes(target: Path | str, data: bytes, make_parents: bool = True) -> Path:
    """Write a binary file atomically."""

    def write(temp: Path) -> None:
        temp.write_bytes(data)

    return write_with(target, write, make_parents=make_parents)


def replace_dir(target: Path | str, build: Callable[[Path], None]) -> Path:
    """Let `build(temp_dir)` fill a fresh folder beside `target`, then swap it in for `target`.

    The old folder is moved aside first and deleted only after the new one is in place, so a failed
    build leaves the old folder as it was.
    """
    target = Path(target)
    folder = _folder(target)
    folder.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder))
    try:
        build(temp)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    old: Path | None = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=folder))
        old.rmdir()
        os.replace(target, old)
    os.replace(temp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target
