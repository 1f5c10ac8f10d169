"""Do the answers carry the fact? The blind evaluation sets and the development sets, asked as a user would.

Run from the project root:  python bench/bench_answers.py [--set PATH ...] [--json] [--details]

Per set it prints:
- first passage: the best passage of `koploper zoek` carries the fact;
- top 3: one of the first three passages carries it (a comparison: the three together carry every group);
- answer: the reply of `koploper vraag` (the assistant, as the user sees it) carries the fact;
- zoek answer: the quoted answer of `koploper zoek` carries it (what ../shared/tools/dev_eval.py counts);
- refused though answerable: the reply quotes nothing, or says the material has nothing;
- answered though unanswerable: a question the material cannot answer got a quote.

"Carries the fact": contains one of `expect_any` (case-insensitive, whitespace normalised), or for a
comparison (`expect_all_groups`) one phrase of every group. A question is unanswerable when its line says
`"answerable": false`, and every question of a dev_onbekend* set is.

The default sets are bench/eval/*_tuning.jsonl (without alloc_*, which are allocation requests) and the
development sets ../shared/eval/dev_vragen*.jsonl and dev_onbekend*.jsonl. The frozen halves are never read
unless named with --set. Sets whose name starts with `gov` (gov_, gov2_) are asked of a home where the government texts
of bench/data/overheid/docs are indexed beside the shipped cards; the others of a home with the cards only.
Both homes are kept under bench/.cache/answers (gitignored) and brought up to date at every run (nothing is
embedded again when nothing changed; a new index version re-embeds through the store's upgrade).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from _setup import EVAL, ROOT

if not EVAL.is_dir():  # a worktree under /work/wt: the shared sets sit beside the main checkout
    EVAL = next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), EVAL)

CACHE = ROOT / "bench" / ".cache" / "answers"
GOV_DOCS = ROOT / "bench" / "data" / "overheid" / "docs"
TUNING = ROOT / "bench" / "eval"
REFUSALS = ("staat niets in het materiaal", "staat in het materiaal niets", "daarover staat niets")
"""How a reply says the material has nothing (kennisbank.question_kinds' lines and the assistant's)."""
UNKNOWN_IN_MATERIAL = re.compile(r"\bniet (?:openbaar |publiek )?bekend\b|\bniet uit openbare \w+ bekend\b", re.IGNORECASE)
"""A reply whose every quote says the thing asked is not known ('… is niet openbaar bekend') tells the user
the material holds nothing on it, so it counts as a refusal, not as an answer."""


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "")).strip().lower()


def carries(text: str | None, question: dict[str, Any]) -> bool:
    """The text has one phrase of `expect_any`, or one phrase of every group of `expect_all_groups`."""
    haystack = _norm(text)
    if not haystack:
        return False
    if "expect_all_groups" in question:
        return all(any(_norm(p) in haystack for p in group) for group in question["expect_all_groups"])
    return any(_norm(p) in haystack for p in question.get("expect_any", []))


def carries_some(text: str | None, question: dict[str, Any]) -> bool:
    """For passages: one phrase of any group (a single passage rarely holds both sides of a comparison)."""
    if "expect_all_groups" not in question:
        return carries(text, question)
    haystack = _norm(text)
    return any(_norm(p) in haystack for group in question["expect_all_groups"] for p in group)


def quoted_part(answer: str) -> str:
    """The reply without its notes (lines in italics, which may repeat the question) and its list of sources."""
    body = answer.split("**Bronnen**")[0]
    return "\n".join(line for line in body.splitlines() if not line.strip().startswith("_"))


def refused(answer: str | None, sources: int) -> bool:
    if not answer or not answer.strip():
        return True
    if sources == 0 or any(r in _norm(answer) for r in REFUSALS):
        return True
    quotes = [q for q in re.split(r"\[\d+\]", quoted_part(answer)) if q.strip()]
    return bool(quotes) and all(UNKNOWN_IN_MATERIAL.search(q) for q in quotes)


@dataclass
class Outcome:
    id: str
    question: str
    kind: str
    answerable: bool
    first: bool
    top3: bool
    answer: bool
    zoek_answer: bool
    refused: bool
    reply: str
    passages: list[str] = field(default_factory=list)


@dataclass
class SetResult:
    name: str
    home: str
    answerable: int
    unanswerable: int
    first: int
    top3: int
    answer: int
    zoek_answer: int
    refused_answerable: int
    answered_unanswerable: int
    seconds: float
    outcomes: list[Outcome]

    def line(self) -> str:
        n, u = self.answerable, self.unanswerable
        parts = [f"{self.name} ({self.home})"]
        if n:
            parts.append(
                f"eerste passage {self.first}/{n}, top 3 {self.top3}/{n}, antwoord {self.answer}/{n} "
                f"(zoek {self.zoek_answer}/{n}), geweigerd hoewel beantwoordbaar {self.refused_answerable}/{n}"
            )
        if u:
            parts.append(f"beantwoord hoewel onbeantwoordbaar {self.answered_unanswerable}/{u}")
        return ": ".join([parts[0], "; ".join(parts[1:])])


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def default_sets() -> list[Path]:
    tuning = [p for p in sorted(TUNING.glob("*_tuning.jsonl")) if not p.name.startswith("alloc_")]
    dev = sorted(EVAL.glob("dev_vragen*.jsonl")) + sorted(EVAL.glob("dev_onbekend*.jsonl"))
    return tuning + dev


def _home(name: str, model: Path, embedder: Any, documents: list[Path]) -> Any:
    """A home under bench/.cache/answers with the cards (and `documents`) indexed, brought up to date."""
    from kennisbank.ingest.indexer import build_index
    from koploper.settings import Settings

    settings = Settings(home=CACHE / name, embedding_model=model)
    cards = CACHE / "kaarten" / "index"
    if documents and not settings.index_dir.exists() and cards.is_dir():
        shutil.copytree(cards, settings.index_dir)  # the cards are embedded once, only the documents here
    settings.home.mkdir(parents=True, exist_ok=True)
    report = build_index(settings, documents, embedder=embedder)
    if report.skipped:
        print(f"{name}: overgeslagen {[(s.source, s.reason) for s in report.skipped]}", file=sys.stderr)
    if report.chunks_embedded:
        print(f"{name}: {report.chunks_embedded} stukken ingebed ({report.seconds:.0f} s)", file=sys.stderr)
    return settings


def ask_set(name: str, questions: list[dict[str, Any]], kb: Any, assistant: Any, home: str, unanswerable_set: bool) -> SetResult:
    started = time.perf_counter()
    outcomes = []
    for number, q in enumerate(questions):
        answerable = bool(q.get("answerable", True)) and not unanswerable_set
        response = kb.search(q["q"], k=5)
        texts = [hit.text for hit in response.results]
        reply = assistant.new_conversation().ask(q["q"])
        quote = quoted_part(reply.answer)
        no = refused(reply.answer, len(reply.sources))
        outcomes.append(
            Outcome(
                id=str(q.get("id", number)),
                question=q["q"],
                kind=str(q.get("kind", "fact" if answerable else "unanswerable")),
                answerable=answerable,
                first=answerable and bool(texts) and carries_some(texts[0], q),
                top3=answerable and (carries(" ".join(texts[:3]), q) if "expect_all_groups" in q else any(carries(t, q) for t in texts[:3])),
                answer=answerable and not no and carries(quote, q),
                zoek_answer=answerable and carries(response.answer, q),
                refused=no,
                reply=reply.answer,
                passages=[f"{hit.title} — {hit.section}" for hit in response.results[:3]],
            )
        )
    yes = [o for o in outcomes if o.answerable]
    not_ = [o for o in outcomes if not o.answerable]
    return SetResult(
        name=name,
        home=home,
        answerable=len(yes),
        unanswerable=len(not_),
        first=sum(o.first for o in yes),
        top3=sum(o.top3 for o in yes),
        answer=sum(o.answer for o in yes),
        zoek_answer=sum(o.zoek_answer for o in yes),
        refused_answerable=sum(o.refused for o in yes),
        answered_unanswerable=sum(not o.refused for o in not_),
        seconds=round(time.perf_counter() - started, 1),
        outcomes=outcomes,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", type=Path, help="a JSONL set (repeatable); default: tuning and development sets")
    parser.add_argument("--json", action="store_true", help="one JSON object with every set and question")
    parser.add_argument("--details", action="store_true", help="each question that misses, with the reply")
    args = parser.parse_args()
    sets = args.sets or default_sets()
    for path in sets:
        if not path.is_file():
            print(f"Set {path} bestaat niet.", file=sys.stderr)
            return 2

    from assistant.session import Assistant
    from kennisbank.model.convert import ensure_model
    from kennisbank.model.embedding import Embedder
    from kennisbank.service import KnowledgeBase
    from koploper.settings import load_settings

    model = ensure_model(load_settings())
    embedder = Embedder(model)
    opened: dict[str, tuple[Any, Any]] = {}
    results: list[SetResult] = []
    for path in sets:
        home = "overheid" if path.name.startswith("gov") else "kaarten"
        if home == "overheid" and "kaarten" not in opened:
            _home("kaarten", model, embedder, [])  # the base the government home is copied from
        if home not in opened:
            settings = _home(home, model, embedder, [GOV_DOCS] if home == "overheid" else [])
            kb = KnowledgeBase.open(settings, embedder)
            opened[home] = (kb, Assistant(settings, knowledge=kb))
        kb, assistant = opened[home]
        result = ask_set(path.stem, _jsonl(path), kb, assistant, home, path.name.startswith("dev_onbekend"))
        results.append(result)
        if not args.json:
            print(result.line(), flush=True)
            if args.details:
                for o in result.outcomes:
                    if (o.answerable and not o.answer) or (not o.answerable and not o.refused):
                        print(f"  [{o.id} {o.kind}] {o.question}\n    eerste passages: {o.passages}\n    antwoord: {o.reply[:400]!r}")
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
