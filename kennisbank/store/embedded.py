"""The embedded store: `chromadb.PersistentClient` in HOME/index/store, writers take turns through a file lock."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kennisbank.store.chroma import ChromaStore, chroma_settings
from kennisbank.store.disk import disk_trouble, room
from kennisbank.store.records import LOCK_FILE, STORE_DIR, FileEntry, IndexState
from kennisbank.store.sqlite_check import check_database
from kennisbank.store.upgrades import old_layout_files


class EmbeddedStore(ChromaStore):
    """`chromadb.PersistentClient` in HOME/index/store; writers take turns through a file lock."""

    kind = "embedded"

    def __init__(self, index_dir: Path) -> None:
        super().__init__()
        self.index_dir = index_dir
        self.path = index_dir / STORE_DIR
        self.location = str(index_dir)

    def _connect(self) -> Any:
        import chromadb

        sqlite = self.path / "chroma.sqlite3"
        if sqlite.exists():
            check_database(sqlite)
        else:
            # the folder was deleted (or set aside) under a Chroma system this process still runs for it:
            # that system would write into files that are gone ("alleen-lezen"); start a new one
            self._stop_system()
        self.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(self.path), settings=chroma_settings())

    def exists(self) -> bool:
        if not (self.path / "chroma.sqlite3").is_file():
            return False
        return self.state() is not None

    def disk_trouble(self) -> str | None:
        return disk_trouble(self.path if self.path.exists() else self.index_dir)

    def state(self) -> IndexState | None:
        if not (self.path / "chroma.sqlite3").is_file():
            return None
        return super().state()

    def files(self) -> dict[str, FileEntry]:
        if not (self.path / "chroma.sqlite3").is_file():
            return {}
        return super().files()

    def count(self) -> int:
        if not (self.path / "chroma.sqlite3").is_file():
            return 0
        return super().count()

    def close(self) -> None:
        """Forget the client and stop this folder's shared Chroma system, so that the folder can be moved
        aside (a damaged store) and a new client opens the new folder.

        chromadb's public `Client.close()` only lowers the system's reference count: every store opened
        earlier in this process (a command run in-process, the app) still holds it, so a rebuild after
        damage would get the old system back and fail ("alleen-lezen"; test_store's repair test). Hence
        the system of this folder (only this one) is taken out of Chroma's registry and stopped here."""
        super().close()
        self._stop_system()

    def _stop_system(self) -> None:
        """Stop this folder's shared Chroma system (only this one: other stores open in this process keep theirs)."""
        from chromadb.api.shared_system_client import SharedSystemClient

        system = SharedSystemClient._identifier_to_system.pop(str(self.path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(self.path), None)
        if system is not None:
            with contextlib.suppress(Exception):
                system.stop()

    def room(self) -> int | None:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        return room(self.index_dir)

    def can_set_aside(self) -> bool:
        return True

    def old_layout(self) -> dict[str, str] | None:
        return old_layout_files(self.index_dir)

    def set_aside(self) -> Path | None:
        """Move a damaged store out of the way (kept once, for inspection); the next run starts afresh."""
        self.close()
        if not self.path.exists():
            return None
        target = self.index_dir / "beschadigd"
        shutil.rmtree(target, ignore_errors=True)
        os.replace(self.path, target)
        return target

    @contextlib.contextmanager
    def writer(self, waiting: Callable[[str], None]) -> Iterator[None]:
        from filelock import FileLock, Timeout

        self.index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.index_dir / LOCK_FILE))
        try:
            lock.acquire(timeout=0.2)
        except Timeout:
            waiting("Wacht op een andere indexrun die deze kennisindex bijwerkt…")
            lock.acquire()
        try:
            yield
        finally:
            lock.release()

