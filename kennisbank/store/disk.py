"""Why a local index cannot be written: a full disk, a file size limit, a read-only folder."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

DISK_FULL = "de schijf is vol (of er kan niet meer op geschreven worden)"
READ_ONLY = "de map is alleen-lezen of niet toegankelijk"


def is_disk_problem(error: BaseException) -> str | None:
    """A Dutch description when the error is a full disk or a read-only folder."""
    text = str(error).lower()
    full = (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC))
    if (
        (isinstance(error, OSError) and error.errno in full)
        or any(words in text for words in ("disk is full", "no space", "disk i/o error", "file too large", "quota"))
    ):
        # SQLite reports a write that does not fit as "database or disk is full" or as a disk I/O error
        return DISK_FULL
    if (
        (isinstance(error, OSError) and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM))
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
        return is_disk_problem(error)
    return None


def room(folder: Path) -> int | None:
    """Bytes that can still be written in `folder`: free disk space, or less under a file size limit."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    under_limit = _under_size_limit(folder)
    return free if under_limit is None else min(free, under_limit)
