"""One atomic writer for files and folders: a temp sibling, fsync, then os.replace.

Index, exports and transcripts must never be left half-written by a crash or a full disk; one
implementation (instead of three) means one place to get the details right: the temp file lives in
the target's folder (os.replace is only atomic within one file system) and is removed on failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def write_with(target: Path | str, write: Callable[[Path], None], make_parents: bool = False) -> Path:
    """Let `write(temp_path)` fill a temp file beside `target`, then replace `target` with it.

    For writers that want a path (openpyxl, a CSV writer); the temp file is removed when anything fails.
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
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def write_text(target: Path | str, text: str, encoding: str = "utf-8", make_parents: bool = True) -> Path:
    """Write a text file atomically (newlines as given: no translation)."""

    def write(temp: Path) -> None:
        temp.write_text(text, encoding=encoding, newline="")

    return write_with(target, write, make_parents=make_parents)


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
