"""Vectors the model already made, kept beside the model folder, so that embedding unchanged text again
costs nothing (`koploper index --opnieuw`, a repair, a migration, a second home on the same model).

One SQLite file per model folder (`<model folder>.vectors.sqlite3`, a sibling, so the model's own
fingerprint does not change). An entry is found by a hash of everything that decides the vectors: the
model's identity (every file of the folder, byte for byte, and the versions of the libraries that run
it), the embedding mode, the exact text the model reads and, for late chunking, the sentence spans. So a
changed model, text, span or mode is simply a miss.

The cache is an optimisation and never a reason to fail: a file that is not a database, a garbled
entry, a locked or full disk all mean "not cached" (a damaged file is removed and started anew, under
a file lock so that two processes do not both do that). Writers take turns through SQLite's own locking;
each write is one transaction, so a kill leaves the file as it was before or after it. The file is kept
under a size limit by dropping the entries used longest ago.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import shutil
import sqlite3
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

CACHE_SUFFIX = ".vectors.sqlite3"
SCHEMA = 1
"""Bump when the file's tables change: an older file is then started anew."""
POOLING = "1"
"""Bump when how the Embedder turns a model pass into vectors changes (late-chunking pooling, prompts):
entries made the old way are then misses."""
LIBRARIES = ("sentence-transformers", "transformers", "torch", "tokenizers")
MIN_FREE_BYTES = 256 * 1024 * 1024
"""Below this much free disk the cache writes nothing: the index needs the room more."""
BUSY_SECONDS = 30.0
READ_BATCH = 500
_HEADER = struct.Struct("<II")


def cache_path(model_folder: Path) -> Path:
    """Where the cache of this model folder lives: beside the folder it resolves to (a linked model
    folder shares the cache of its target)."""
    real = Path(model_folder).resolve()
    return real.with_name(real.name + CACHE_SUFFIX)


def _library_versions() -> str:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return ",".join(versions)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _stat_signature(folder: Path, files: list[Path]) -> str:
    parts = []
    for path in files:
        stat = path.stat()
        parts.append(f"{path.relative_to(folder).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}")
    return "\n".join(parts)


def _content_digest(folder: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with open(path, "rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


class VectorCache:
    """Stored vectors of one model, looked up by `key(mode, text, spans)`."""

    def __init__(self, path: Path, model_folder: Path, max_bytes: int) -> None:
        self.path = path
        self.model_folder = Path(model_folder).resolve()
        self.max_bytes = max_bytes
        self._connection: sqlite3.Connection | None = None
        self._identity: bytes | None = None

    @classmethod
    def for_model(cls, model_folder: Path, max_bytes: int, path: Path | None = None) -> VectorCache | None:
        """The cache beside `model_folder` (or at `path`), or None when caching is off (`max_bytes` 0)
        or impossible."""
        if max_bytes <= 0:
            return None
        cache = cls(path or cache_path(model_folder), model_folder, max_bytes)
        return cache if cache._ready() else None

    # ------------------------------------------------------------------ opening and repair

    def _ready(self) -> bool:
        """Open the file (making it when missing); a damaged one is removed and started anew."""
        for _attempt in range(2):
            try:
                self._open()
                self._identity = self._model_identity()
                return True
            except sqlite3.DatabaseError as error:
                self.close()
                if isinstance(error, sqlite3.OperationalError) and not _damaged(error):
                    return False  # locked for too long, read-only, no room: run without the cache
                if not self._start_anew():
                    return False
            except OSError:
                self.close()
                return False
        return False

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        self._connection = connection
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA:
            connection.execute("SELECT count(*) FROM identity").fetchone()
            return
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have just made it
            if version != SCHEMA:
                db.execute("DROP TABLE IF EXISTS vectors")
                db.execute("DROP TABLE IF EXISTS identity")
                db.execute("CREATE TABLE vectors (key BLOB PRIMARY KEY, data BLOB NOT NULL, used INTEGER NOT NULL)")
                db.execute("CREATE INDEX vectors_used ON vectors (used)")
                db.execute("CREATE TABLE identity (files TEXT PRIMARY KEY, digest TEXT NOT NULL)")
                db.execute(f"PRAGMA user_version = {SCHEMA}")

    def _start_anew(self) -> bool:
        """Remove a damaged file, unless another process already replaced it with a sound one."""
        try:
            with FileLock(str(self.path) + ".lock", timeout=BUSY_SECONDS):
                if self.path.exists() and _sound(self.path):
                    return True
                for suffix in ("", "-journal", "-wal", "-shm"):
                    Path(str(self.path) + suffix).unlink(missing_ok=True)
                return True
        except (OSError, Timeout):
            return False

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        assert self._connection is not None
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield self._connection
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    def _model_identity(self) -> bytes:
        """A hash of every file of the model folder and the library versions; the content hash is
        remembered per file signature (names, sizes, times), so it is computed once per model."""
        assert self._connection is not None
        files = _folder_files(self.model_folder)
        signature = _stat_signature(self.model_folder, files)
        row = self._connection.execute("SELECT digest FROM identity WHERE files = ?", (signature,)).fetchone()
        digest = str(row[0]) if row else _content_digest(self.model_folder, files)
        if not row:
            with contextlib.suppress(sqlite3.OperationalError), self._transaction() as db:
                db.execute("INSERT OR REPLACE INTO identity (files, digest) VALUES (?, ?)", (signature, digest))
        return hashlib.sha256(f"{digest}\n{_library_versions()}\n{POOLING}".encode()).digest()

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    # ------------------------------------------------------------------ use

    def key(self, mode: str, text: str, spans: list[tuple[int, int]] | None = None) -> bytes:
        """The entry of `text` embedded in `mode` (with `spans` for late chunking) by this model."""
        assert self._identity is not None
        payload = json.dumps([mode, text, spans or []], ensure_ascii=False).encode()
        return hashlib.sha256(self._identity + payload).digest()

    def get(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        """The stored matrices of those keys that are present and sound (float32, finite)."""
        found: dict[bytes, np.ndarray] = {}
        if self._connection is None or not keys:
            return found
        unique = list(dict.fromkeys(keys))
        try:
            for start in range(0, len(unique), READ_BATCH):
                part = unique[start : start + READ_BATCH]
                marks = ",".join("?" * len(part))
                for key, data in self._connection.execute(f"SELECT key, data FROM vectors WHERE key IN ({marks})", part):
                    matrix = _decode(data)
                    if matrix is not None:
                        found[bytes(key)] = matrix
        except sqlite3.DatabaseError as error:
            self._after(error)
            return {}
        return found

    def put(self, entries: dict[bytes, np.ndarray], used: list[bytes] | None = None) -> None:
        """Store new matrices and mark `used` keys as just used, in one transaction; never raises."""
        if self._connection is None or (not entries and not used):
            return
        try:
            if entries and shutil.disk_usage(self.path.parent).free < MIN_FREE_BYTES:
                entries = {}
            now = time.time_ns()
            with self._transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO vectors (key, data, used) VALUES (?, ?, ?)",
                    [(key, _encode(matrix), now) for key, matrix in entries.items()],
                )
                db.executemany("UPDATE vectors SET used = ? WHERE key = ?", [(now, key) for key in used or []])
            self._trim()
        except sqlite3.DatabaseError as error:
            self._after(error)
        except OSError:
            pass

    def _after(self, error: sqlite3.DatabaseError) -> None:
        """After a failed read or write: a damaged file is started anew (and used on), else nothing."""
        if _damaged(error):
            self.close()
            if not (self._start_anew() and self._ready()):
                self.close()

    def _trim(self) -> None:
        """Over the size limit: drop the quarter of entries used longest ago (their pages are reused)."""
        assert self._connection is not None
        if self.path.stat().st_size <= self.max_bytes:
            return
        with self._transaction() as db:
            count = int(db.execute("SELECT count(*) FROM vectors").fetchone()[0])
            db.execute(
                "DELETE FROM vectors WHERE key IN (SELECT key FROM vectors ORDER BY used LIMIT ?)", (max(1, count // 4),)
            )


def _encode(matrix: np.ndarray) -> bytes:
    values = np.ascontiguousarray(matrix, dtype=np.float32)
    rows, columns = values.shape
    return _HEADER.pack(rows, columns) + values.tobytes()


def _decode(data: object) -> np.ndarray | None:
    """A stored matrix, or None when the bytes are not one (wrong length, not finite)."""
    if not isinstance(data, bytes) or len(data) < _HEADER.size:
        return None
    rows, columns = _HEADER.unpack_from(data)
    if len(data) != _HEADER.size + rows * columns * 4:
        return None
    matrix = np.frombuffer(data, dtype=np.float32, offset=_HEADER.size).reshape(rows, columns).copy()
    return matrix if bool(np.isfinite(matrix).all()) else None


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is bad (as opposed to busy, read-only or full)."""
    if not isinstance(error, sqlite3.OperationalError):
        return True  # DatabaseError proper: "file is not a database", "database disk image is malformed"
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "no such table" in text


def _sound(path: Path) -> bool:
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=BUSY_SECONDS)) as connection:
            ok = connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            return bool(ok and connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA)
    except sqlite3.Error:
        return False

