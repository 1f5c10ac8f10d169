"""The sentence-transformers model behind dense search, loaded strictly from a local folder.

Imported only when search or indexing actually runs: torch and sentence-transformers cost seconds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from sentence_transformers import SentenceTransformer  # noqa: E402

from kennisbank.store import model_fingerprint  # noqa: E402  (light: no ML imports)
from transformers.utils import logging as transformers_logging  # noqa: E402

# transformers draws a per-tensor "Loading weights" bar on every load: noise in a terminal app
transformers_logging.disable_progress_bar()


class Embedder:
    """Encodes queries and passages with the prompts the model was trained with (e5: query:/passage:)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.model = SentenceTransformer(str(self.folder), device="cpu", local_files_only=True)
        self.fingerprint = model_fingerprint(self.folder)
        prompts = getattr(self.model, "prompts", {}) or {}
        self._query_prompt = "query" if prompts.get("query") else None
        self._passage_prompt = next((p for p in ("passage", "document") if prompts.get(p)), None)

    @property
    def dimension(self) -> int:
        dim = self.model.get_embedding_dimension()
        assert dim is not None
        return int(dim)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)

    def encode_passages(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        return self._encode(texts, self._passage_prompt, batch_size)

    def _encode(self, texts: list[str], prompt_name: str | None, batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            prompt_name=prompt_name,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def read_model_info(folder: Path) -> dict[str, object]:
    """The folder's sentence-transformers config, for messages and the `bronnen` listing."""
    path = folder / "config_sentence_transformers.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
