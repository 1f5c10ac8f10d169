"""Reading a file the user named (`--data`, `/data`, a saved conversation's data file) within limits.

Only a regular file is ever opened: a FIFO would block the read for ever, /dev/zero (or a link to it)
never ends, a socket or device is no data file. The kind is checked with stat before the open and
again with fstat on the opened descriptor (the name may have been swapped in between); the open
uses O_NONBLOCK, so even a FIFO swapped in at the last moment cannot block it. The file is read up to
a size limit, in a daemon thread with a timeout: a file on a hung network share costs the caller
`timeout` seconds and a Dutch message, never a frozen command or app.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

MAX_USER_FILE_MB = 50
"""Far above any table of municipality figures (342 municipalities × 100 columns is under 1 MB)."""
READ_TIMEOUT_SECONDS = 15.0
CHUNK = 1 << 20


class UserFileError(Exception):
    """Why a user file was not read, in Dutch; `kind` says which limit or check refused it."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


def shown_name(path: Path, limit: int = 80) -> str:
    """The path for a message, shortened when it is very long."""
    text = str(path)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind_problem(path: Path, mode: int) -> UserFileError | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return UserFileError(f"{path} is een map, geen bestand.", "directory")
    if stat.S_ISFIFO(mode):
        what = "een FIFO (named pipe), geen gewoon bestand"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "een apparaat (zoals /dev/zero), geen gewoon bestand"
    elif stat.S_ISSOCK(mode):
        what = "een socket, geen gewoon bestand"
    else:
        what = "geen gewoon bestand"
    return UserFileError(f"{path.name} is {what}; ik lees het niet. Geef een CSV- of XLSX-bestand.", "special")


def _too_large(path: Path, max_bytes: int) -> UserFileError:
    limit = f"{max_bytes / 1_000_000:g}".replace(".", ",")
    return UserFileError(f"{path.name} is groter dan {limit} MB; dat is geen tabel met gemeentecijfers.", "size")


def _os_problem(path: Path, error: OSError) -> UserFileError:
    if error.errno == errno.ENOENT:
        return UserFileError(f"Het bestand {path} bestaat niet. Controleer de naam en de map.", "missing")
    why = {
        errno.ENAMETOOLONG: "de naam is te lang",
        errno.EACCES: "geen leesrechten",
        errno.EPERM: "geen toestemming",
        errno.ELOOP: "de koppeling verwijst naar zichzelf",
        errno.EIO: "een schijffout",
    }.get(error.errno or 0, "het pad is niet bruikbaar")
    return UserFileError(f"Het bestand {shown_name(path)} kan ik niet openen: {why}. Controleer de naam en de map.", "unreadable")


def _read(path: Path, max_bytes: int) -> bytes:
    if "\x00" in str(path):  # the operating system refuses such a name (ValueError, not OSError)
        raise UserFileError(f"De naam {shown_name(path)!r} bevat een onzichtbaar nulteken. Typ de naam van het bestand opnieuw.", "unreadable")
    try:
        problem = _kind_problem(path, os.stat(path).st_mode)
        if problem:
            raise problem
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise _os_problem(path, error) from None
    try:
        opened = os.fstat(fd)
        problem = _kind_problem(path, opened.st_mode)
        if problem:
            raise problem
        if opened.st_size > max_bytes:
            raise _too_large(path, max_bytes)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, CHUNK):
            size += len(chunk)
            if size > max_bytes:  # it grew while we read
                raise _too_large(path, max_bytes)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise _os_problem(path, error) from None
    finally:
        os.close(fd)


def read_user_file(path: Path, max_mb: float = MAX_USER_FILE_MB, timeout: float = READ_TIMEOUT_SECONDS) -> bytes:
    """The bytes of the regular file `path`, or a UserFileError with a Dutch reason."""
    outcome: list[bytes | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_read(path, int(max_mb * 1_000_000)))
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            outcome.append(error)

    reader = threading.Thread(target=work, name=f"lees {path.name}", daemon=True)
    reader.start()
    reader.join(timeout)
    if not outcome:
        raise UserFileError(
            f"{path.name} gaf na {timeout:g} seconden nog geen gegevens (een netwerkmap die niet antwoordt?); "
            "kopieer het bestand naar een eigen map en probeer het opnieuw.", "timeout")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result
