"""The id of the model that builds an index, computed without importing any model library."""

from __future__ import annotations

import hashlib
from pathlib import Path


def model_fingerprint(folder: Path) -> str:
    """The id of the model that builds an index: folder name plus a hash of its config files and weight sizes.

    Lives here, not beside the Embedder, so that `koploper voorbereiden` can compare fingerprints
    without importing sentence-transformers and stays a quick no-op when all is in place.
    """
    digest = hashlib.sha256()
    for name in sorted(p.name for p in folder.iterdir() if p.is_file()):
        path = folder / name
        if path.suffix == ".json":
            digest.update(name.encode() + path.read_bytes())
        else:
            digest.update(f"{name}:{path.stat().st_size}".encode())
    return f"{folder.name}@{digest.hexdigest()[:16]}"
