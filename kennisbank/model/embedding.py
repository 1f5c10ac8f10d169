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

from sentence_transformers import SentenceTransformer
from transformers.utils import logging as transformers_logging

from kennisbank.model.encoder import QueryEncoder
from kennisbank.model.fingerprint import model_fingerprint

# transformers draws a per-tensor "Loading weights" bar on every load: noise in a terminal app
transformers_logging.disable_progress_bar()


class Embedder(QueryEncoder):
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

    def encode_passages_with_sentences(
        self, texts: list[str], spans: list[list[tuple[int, int]]], batch_size: int = 32
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Passage vectors and, from the same model pass, one vector per character span of each text.

        Late chunking: the passage's token embeddings (which saw the whole passage) are mean-pooled over
        the tokens of each span and normalised, so sentence vectors cost no second model pass. A span
        beyond the model's maximum length is embedded on its own.
        """
        dimension = self.dimension
        if not texts:
            return np.zeros((0, dimension), dtype=np.float32), []
        prompt = ""
        if self._passage_prompt:
            prompt = str((getattr(self.model, "prompts", {}) or {}).get(self._passage_prompt, ""))
        outputs = self.model.encode(
            texts,
            prompt_name=self._passage_prompt,
            batch_size=batch_size,
            output_value=None,
            show_progress_bar=False,
        )
        encoded = self.model.tokenizer(
            [prompt + text for text in texts],
            return_offsets_mapping=True,
            truncation=True,
            max_length=self.model.max_seq_length,
        )
        passages = np.zeros((len(texts), dimension), dtype=np.float32)
        sentences: list[np.ndarray] = []
        leftovers: list[tuple[int, int, str]] = []
        for row, (output, text_spans) in enumerate(zip(outputs, spans, strict=True)):
            passages[row] = output["sentence_embedding"].float().cpu().numpy()
            tokens = output["token_embeddings"].float().cpu().numpy()
            offsets = np.asarray(encoded["offset_mapping"][row], dtype=np.int64).reshape(-1, 2)
            count = min(len(offsets), tokens.shape[0])
            starts, ends = offsets[:count, 0], offsets[:count, 1]
            real = ends > starts
            matrix = np.zeros((len(text_spans), dimension), dtype=np.float32)
            for index, (start, end) in enumerate(text_spans):
                chosen = real & (starts < end + len(prompt)) & (ends > start + len(prompt))
                if chosen.any():
                    vector = tokens[:count][chosen].mean(axis=0)
                    matrix[index] = vector / max(float(np.linalg.norm(vector)), 1e-12)
                else:
                    leftovers.append((row, index, texts[row][start:end]))
            sentences.append(matrix)
        if leftovers:
            vectors = self.encode_passages([text for _, _, text in leftovers], batch_size)
            for (row, index, _), vector in zip(leftovers, vectors, strict=True):
                sentences[row][index] = vector
        return passages, sentences

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
