"""The user's own sources, kept outside the index too: a damaged index must not take their list with it.

Every index run writes (atomically, koploper/atomic.py) which of the user's files the index holds, with
each path as the user gave it. When the index is damaged, deleted or rebuilt, the next run (`index
--opnieuw`, also plain `index` or `voorbereiden` after a deleted store) reads them all again; the
damage message names them. The list lives in this client's index folder beside the store, one per
store (a Chroma server too), and survives setting a damaged store aside.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kennisbank.errors import KennisbankError, StoreError
from kennisbank.ingest.discovery import CARD_PREFIX
from kennisbank.store.base import Store
from kennisbank.store.records import REBUILD_COMMAND, FileEntry
from koploper.settings import Settings

SHOWN = 5
"""Sources named in a damage message; the rest are counted."""


class RememberedSource(BaseModel):
    """What a rebuild needs to read a source again, and what `bronnen` shows while it cannot."""

    path: str
    title: str
    name: str = ""
    region: str | None = None


def remembered_path(settings: Settings, store: Store) -> Path:
    """Where the list of a store's own sources is kept: this client's index folder, one file per store."""
    name = hashlib.sha256(f"{store.kind}|{store.location}".encode()).hexdigest()[:16]
    return settings.index_dir / f"eigen-bronnen-{name}.json"


def remember(path: Path, files: dict[str, FileEntry]) -> None:
    """Write the user's own sources of `files` (not the shipped cards), atomically; unchanged, no write."""
    from koploper.atomic import write_text

    own = {
        key: RememberedSource(path=entry.path, title=entry.title, name=entry.name, region=entry.region).model_dump()
        for key, entry in sorted(files.items())
        if not key.startswith(CARD_PREFIX)
    }
    text = json.dumps(own, ensure_ascii=False, indent=1)
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        write_text(path, text, make_parents=True)
    except OSError:
        pass  # a read-only or full home: the index itself is what this run is about


def remembered(path: Path) -> dict[str, FileEntry]:
    """The remembered sources as unfinished file records (no hash, no passages: a run reads them again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = {str(key): RememberedSource.model_validate(value) for key, value in dict(data).items()}
    except (OSError, ValueError, TypeError, ValidationError):
        return {}
    return {
        key: FileEntry(path=s.path, hash="", chunk_ids=[], title=s.title, name=s.name, region=s.region)
        for key, s in sources.items()
    }


def explained(error: KennisbankError, settings: Settings, store: Store) -> KennisbankError:
    """A damage message that also says what `index --opnieuw` brings back: which own sources it reads
    again, and where a damaged local index is set aside. Other store errors (a full disk) pass as they are."""
    if REBUILD_COMMAND not in error.message or " Die opdracht " in error.message:
        return error
    sources = remembered(remembered_path(settings, store))
    paths = sorted(entry.path for entry in sources.values())
    if paths:
        named = ", ".join(paths[:SHOWN]) + (f" en nog {len(paths) - SHOWN}" if len(paths) > SHOWN else "")
        brings_back = f"de meegeleverde kaarten en uw {len(paths)} eigen bron(nen) opnieuw in: {named}"
    else:
        brings_back = "de meegeleverde kaarten opnieuw in (eigen bronnen zijn er niet bekend)"
    aside = (
        f"zet de beschadigde index opzij in {settings.index_dir / 'beschadigd'} (om te bekijken) en "
        if store.can_set_aside()
        else ""
    )
    return StoreError(f"{error.message} Die opdracht {aside}leest {brings_back}.")
