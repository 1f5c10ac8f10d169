"""Where the index lives on disk: ChromaDB generations, their manifest, and an atomic switch between them.

Layout of settings.index_dir:
    CURRENT            name of the generation in use (replaced atomically with os.replace)
    gen-<stamp>/       one complete index: chroma/ (PersistentClient) and manifest.json

An indexing run copies the current generation, updates the copy and only then points CURRENT at it,
so a failed or interrupted run leaves the previous index untouched and usable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from kennisbank.models import SourceInfo

if TYPE_CHECKING:
    import numpy as np

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
CHROMA_DIR = "chroma"
COLLECTION = "kennisbank"
MANIFEST_VERSION = 1


class FileEntry(BaseModel):
    """One indexed file: its content hash, the ids of its chunks and the metadata `bronnen` shows."""

    path: str
    hash: str
    chunk_ids: list[str]
    title: str
    region: str | None = None
    reference_date: str | None = None
    source_url: str | None = None


class Manifest(BaseModel):
    """What a generation holds and which model built it."""

    version: int = MANIFEST_VERSION
    model_fingerprint: str
    model_path: str
    dimension: int
    files: dict[str, FileEntry] = Field(default_factory=dict)
    built_at: str = ""


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


def list_sources(manifest: Manifest) -> list[SourceInfo]:
    """Every indexed file with its chunk count and reference date, shipped cards first."""
    infos = [
        SourceInfo(
            source=key,
            title=entry.title,
            region=entry.region,
            chunks=len(entry.chunk_ids),
            reference_date=entry.reference_date,
            source_url=entry.source_url,
        )
        for key, entry in manifest.files.items()
    ]
    return sorted(infos, key=lambda info: (not info.source.startswith("bronnen/"), info.source))


def current_generation(index_dir: Path) -> Path | None:
    """The generation CURRENT points at, if it is complete (has a manifest)."""
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        return None
    generation = index_dir / pointer.read_text(encoding="utf-8").strip()
    return generation if (generation / MANIFEST).is_file() else None


def read_manifest(generation: Path) -> Manifest:
    return Manifest.model_validate_json((generation / MANIFEST).read_text(encoding="utf-8"))


def new_generation(index_dir: Path, base: Path | None) -> Path:
    """A fresh generation folder, starting as a copy of `base`'s Chroma data when given."""
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    generation = index_dir / f"gen-{stamp}-{secrets.token_hex(3)}"
    if base is not None and (base / CHROMA_DIR).is_dir():
        shutil.copytree(base / CHROMA_DIR, generation / CHROMA_DIR)
    else:
        (generation / CHROMA_DIR).mkdir(parents=True)
    return generation


def _write_atomic(path: Path, text: str) -> None:
    """Temp file beside the target, then os.replace; a failed write leaves no temp file behind."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(3)}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def commit_generation(index_dir: Path, generation: Path, manifest: Manifest) -> None:
    """Write the manifest, then switch CURRENT; keep the previous generation, drop older leftovers."""
    previous = current_generation(index_dir)
    manifest.built_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    _write_atomic(generation / MANIFEST, manifest.model_dump_json(indent=1))
    _write_atomic(index_dir / CURRENT, generation.name)
    keep = {generation.name, previous.name if previous else ""}
    for leftover in index_dir.glob("gen-*"):
        if leftover.is_dir() and leftover.name not in keep:
            shutil.rmtree(leftover, ignore_errors=True)


def discard_generation(generation: Path) -> None:
    """Remove a generation that was never committed (failed or interrupted run)."""
    shutil.rmtree(generation, ignore_errors=True)


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


def make_embedding_function(encode: Callable[[list[str]], "np.ndarray"] | None) -> Any:
    """Chroma's embedding function backed by our Embedder, so Chroma never loads its default model.

    We always pass vectors ourselves; the function is there so that Chroma records and checks ours.
    """
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space

    class KoploperEmbeddingFunction(EmbeddingFunction[Documents]):
        """Passages through the local sentence-transformers model (e5 'passage: ' prompt)."""

        def __init__(self, function: Callable[[list[str]], "np.ndarray"] | None = None) -> None:
            self._encode = function

        def __call__(self, input: Documents) -> Embeddings:  # noqa: A002  (Chroma's parameter name)
            if self._encode is None:
                raise RuntimeError("de kennisbank geeft zelf de vectoren mee")
            return list(self._encode(list(input)))

        @staticmethod
        def name() -> str:
            return "koploper-sentence-transformers"

        def default_space(self) -> Space:
            return "cosine"

        def get_config(self) -> dict[str, Any]:
            return {}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> "EmbeddingFunction[Documents]":
            return KoploperEmbeddingFunction()

    return KoploperEmbeddingFunction(encode)


def open_collection(generation: Path, embedding_function: Any) -> Any:
    """The chunk collection of a generation (cosine space), created when absent."""
    import chromadb

    client = chromadb.PersistentClient(path=str(generation / CHROMA_DIR), settings=_chroma_settings())
    return client.get_or_create_collection(
        COLLECTION, embedding_function=embedding_function, metadata={"hnsw:space": "cosine"}
    )
