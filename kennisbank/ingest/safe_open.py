"""Opening a file to index only when it is still what was indexed: a regular file at its own real path.

The index names a file by its real path, and a folder may change between runs (or during one): a file
swapped for a link to /etc/passwd, or for a FIFO that nobody writes to. So the path is checked at every
read, not only when a folder walk first finds it: a link is refused (also in the folders above it), a
FIFO, device or socket is never opened (lstat before; O_NOFOLLOW and O_NONBLOCK on the open, so even a
swap between check and open cannot follow a link or wait for a writer; fstat after).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from kennisbank.ingest.readers import ReadError

NOT_REGULAR = "geen gewoon bestand (map, apparaat, pijp of socket); niet geopend"


class Refused(ReadError):
    """The path is no longer the regular file that was indexed: its entries leave the index."""


def _became_link(path: Path, target: str) -> Refused:
    return Refused(f"is nu een koppeling naar {target}; niet gevolgd, uit de index gehaald")


def check_in_place(path: Path) -> None:
    """`path` (an index key, a real path) is still a path without links, to a regular file.

    A link anywhere on the way (the file itself or a folder above it) means the file became something
    else since it was indexed; whether its target lies inside the folder does not matter, the target
    has its own place in the index."""
    real = os.path.realpath(path)
    if real != str(path):
        raise _became_link(path, real)
    check_regular(path)


def check_regular(path: Path) -> os.stat_result:
    """The lstat of `path` when it is a regular file; Refused for a link, FIFO, device, socket or folder."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        raise _became_link(path, os.path.realpath(path))
    if not stat.S_ISREG(status.st_mode):
        raise Refused(NOT_REGULAR)
    return status


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, only when it is a regular file and no link (OSError when it is gone)."""
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # swapped for a link after the lstat
            raise _became_link(path, os.path.realpath(path)) from exc
        raise
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped after the lstat
            raise Refused(NOT_REGULAR)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
