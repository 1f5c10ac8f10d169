"""Is the embedded store's database file whole? Checked before Chroma opens it, in time proportional to
what an open needs, not to the size of the index.

Chroma opens a damaged database file without complaint and shows an empty index, so the store checks
first. Reading every page (`PRAGMA quick_check`) cost 38.7 s at 100,000 passages after a machine restart,
so an open checks what the first question depends on:

- the header: the SQLite signature, a valid page size, and a file as long as the header says (a file cut
  short by a full disk or an interrupted copy);
- the schema, and every bookkeeping table whole (`PRAGMA quick_check(table)`: collections, segments,
  their settings; a few pages), so that Chroma cannot mistake a damaged index for an empty one.

The tables that grow with the passages are read as the questions need them; a damaged page there fails
that read, which the store turns into the same Dutch message. After an unclean stop (a hot journal: a run
killed inside a write) the whole file is checked once.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from kennisbank.errors import StoreError
from kennisbank.store.records import REBUILD_COMMAND

SIGNATURE = b"SQLite format 3\x00"
HEADER_BYTES = 100
BOOKKEEPING_TABLES = frozenset(
    {
        "acquire_write", "collection_metadata", "collections", "databases", "embeddings_queue_config",
        "maintenance_log", "max_seq_id", "migrations", "segment_metadata", "segments", "tenants",
    }
)
"""Chroma's tables of a few rows each (what the collections are, where their segments live), which it reads
at every start: checked whole at each open. The tables that hold rows per record (embeddings, their
metadata, the full-text index, the log) are nearly the whole file and are read as questions need them."""
REQUIRED_TABLES = frozenset({"collections", "segments", "embeddings", "embedding_metadata"})


def check_database(path: Path) -> None:
    """Raise StoreError (Dutch, with the repair command) when the database at `path` is damaged.

    Reads the header, the schema and the bookkeeping tables; the whole file only after an unclean stop."""
    journal = path.with_name(path.name + "-journal")
    wal = path.with_name(path.name + "-wal")
    unclean = journal.exists() or (wal.exists() and wal.stat().st_size > 0)
    if not unclean:
        _check_header(path)
    # A run killed inside a write leaves a hot journal, which SQLite rolls back on the next open; a
    # read-only open cannot, and would call an intact database damaged.
    mode = "rw" if journal.exists() else "ro"
    try:
        connection = sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=30)
        try:
            tables = {
                str(name): int(root or 0)
                for name, root in connection.execute("SELECT name, rootpage FROM sqlite_master WHERE type='table'")
            }
            if not REQUIRED_TABLES.issubset(tables):
                raise _damaged(path, "database onvolledig")
            if unclean:
                checked = [connection.execute("PRAGMA quick_check").fetchone()]
            else:
                checked = [
                    connection.execute(f'PRAGMA quick_check("{name}")').fetchone()
                    for name, root in sorted(tables.items())
                    if root and name in BOOKKEEPING_TABLES
                ]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise _damaged(path, f"database onleesbaar: {error}") from error
    if any(not row or row[0] != "ok" for row in checked):
        raise _damaged(path, "database onvolledig")


def _check_header(path: Path) -> None:
    """The signature, the page size, and a file at least as long as the page count in the header says."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(HEADER_BYTES)
            size = handle.seek(0, 2)
    except OSError as error:
        raise _damaged(path, f"database onleesbaar: {error}") from error
    if len(header) < HEADER_BYTES or not header.startswith(SIGNATURE):
        raise _damaged(path, "geen SQLite-database")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise _damaged(path, "kop van de database onleesbaar")
    change_counter, pages = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    # the page count in the header holds when written by SQLite 3.7 or later (valid_for == change counter)
    if valid_for == change_counter and pages and size < pages * page_size:
        raise _damaged(path, f"database afgekapt: {size} van {pages * page_size} bytes")
    if size % page_size:
        raise _damaged(path, "database afgekapt midden in een pagina")


def _damaged(path: Path, why: str) -> StoreError:
    return StoreError(f"De kennisindex in {path.parent.parent} is beschadigd ({why}). Herstel met `{REBUILD_COMMAND}`.")
