"""Assistant benchmark: answer latency in a warm process, knowledge and allocation questions, p50/p95.

Run from the project root:  .venv/bin/python bench/bench_assistant.py [--rounds 3]

Builds a temporary index of the shipped cards with the prepared model (HOME/models), opens it once
(the cold cost, reported separately), then asks every question `rounds` times through
`Conversation.ask`, the same path the app and `koploper vraag` use.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _setup import EVAL, cards_home

from assistant.session import Assistant
from koploper.settings import load_settings

ALLOCATION = [
    "Verdeel 120 woningen over Parkstad naar inwonertal",
    "Hoeveel moet Zoetermeer doen als Haaglanden 600 woningen moet leveren?",
    "Verdeel 1.200 plekken over de MRA naar rato van de woningvoorraad",
    "Verdeel 400 woningen over de Groene Metropoolregio, half naar inwoners en half naar sociale huurwoningen",
    "verdeel twaalfhonderd woningen over haaglanden met D'Hondt",
    "Verdeel 90 statushouders over de Groninger gemeenten op basis van corporatiebezit",
]
FOLLOW_UPS = ["Verdeel 120 woningen over Parkstad", "En als het er 300 zijn?", "En voor Kerkrade?", "En nu op basis van woningen"]


def _questions() -> list[str]:
    path = EVAL / "dev_vragen.jsonl"
    if path.exists():
        return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ["Wat betekent eerlijk aandeel?", "Hoeveel gemeenten doen mee in Parkstad?"]


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def _line(label: str, ms: list[float]) -> str:
    return f"{label:<28} n={len(ms):>3}  p50 {statistics.median(ms):8.1f} ms  p95 {_pct(ms, 0.95):8.1f} ms  max {max(ms):8.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="koploper-bench-") as home:
        settings = cards_home(Path(home), load_settings().model_path)
        assistant = Assistant(settings)
        start = time.perf_counter()
        assistant.load_knowledge()
        cold = time.perf_counter() - start
        if not assistant.knowledge_ready:
            print(f"kennisbank niet geladen: {assistant.knowledge_error}")
            return 1
        print(f"knowledge base opened once (cold): {cold:.2f} s")
        knowledge = _questions()
        for text in [*knowledge[:2], *ALLOCATION[:2]]:  # warm-up
            assistant.new_conversation().ask(text)
        timings: dict[str, list[float]] = {
            "kennisbank search alone": [], "knowledge": [], "allocation": [], "allocation follow-up": []
        }
        intents: dict[str, set[str]] = {k: set() for k in timings}
        kb = assistant.knowledge
        assert kb is not None
        for _ in range(args.rounds):
            for text in knowledge:  # the floor: what the kennisbank itself takes for the same questions
                t = time.perf_counter()
                kb.search(text, k=5)
                timings["kennisbank search alone"].append((time.perf_counter() - t) * 1000)
                intents["kennisbank search alone"].add("knowledge")
            for label, texts in (("knowledge", knowledge), ("allocation", ALLOCATION)):
                for text in texts:
                    conv = assistant.new_conversation()
                    t = time.perf_counter()
                    reply = conv.ask(text)
                    timings[label].append((time.perf_counter() - t) * 1000)
                    intents[label].add(reply.intent)
            conv = assistant.new_conversation()
            conv.ask(FOLLOW_UPS[0])
            for text in FOLLOW_UPS[1:]:
                t = time.perf_counter()
                reply = conv.ask(text)
                timings["allocation follow-up"].append((time.perf_counter() - t) * 1000)
                intents["allocation follow-up"].add(reply.intent)
        for label, ms in timings.items():
            print(_line(label, ms) + f"  intents {sorted(intents[label])}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} during the run (other work slows the search)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
