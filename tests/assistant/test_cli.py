"""`koploper vraag` and `koploper gesprek` through the real command line (allocation questions: no model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _koploper(args: list[str], stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KOPLOPER_HOME=str(home), HF_HUB_OFFLINE="1")
    code = "import sys\nfrom assistant.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_vraag_stdin_json_answers_each_line_as_a_fresh_conversation(tmp_path: Path) -> None:
    lines = ["Verdeel 120 woningen over Parkstad", "En als het er 300 zijn?", "", "help"]
    result = _koploper(["vraag", "-", "--json"], "\n".join(lines) + "\n", tmp_path)
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["intent"] for r in replies] == ["allocation", "clarify", "help"]
    assert replies[0]["request"]["total"] == 120 and replies[0]["allocation"]["region"] == "Stadsregio Parkstad Limburg"
    assert replies[1]["request"]["total"] == 300 and replies[1]["request"]["region"] is None  # no memory between lines


def test_vraag_single_question_prints_markdown(tmp_path: Path) -> None:
    result = _koploper(["vraag", "Hoeveel moet Zoetermeer doen als Haaglanden 600 woningen moet leveren?"], "", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("_Ik lees dit als: verdeel 600 woningen over regio Haaglanden")
    assert "**Zoetermeer** krijgt" in result.stdout and "| **Totaal** |" in result.stdout


def test_knowledge_question_without_index_says_so_in_dutch(tmp_path: Path) -> None:
    result = _koploper(["vraag", "Wat betekent eerlijk aandeel?", "--json"], "", tmp_path)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["intent"] == "knowledge" and "niet beschikbaar" in reply["answer"] and reply["sources"] == []


def test_gesprek_keeps_one_conversation(tmp_path: Path) -> None:
    lines = ["Verdeel woningen over Haaglanden", "het gaat om 250 woningen", "En voor Westland?", "/vergelijk"]
    result = _koploper(["gesprek", "--jsonl"], "\n".join(lines) + "\n", tmp_path)
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["intent"] for r in replies] == ["clarify", "allocation", "allocation", "allocation"]
    assert replies[2]["request"]["focus"] == "Westland" and replies[2]["request"]["total"] == 250


def test_vraag_json_request_has_limits_years_and_unit(tmp_path: Path) -> None:
    lines = [
        "Verdeel 250 plekken over de MRA naar inwoners, maximaal 50 per gemeente, gespreid over 3 jaar",
        "Verdeel € 480.000 over Arnhem-Nijmegen naar huishoudens",
        "Verdeel -5 woningen over Parkstad",
    ]
    result = _koploper(["vraag", "-", "--json"], "\n".join(lines) + "\n", tmp_path)
    assert result.returncode == 0, result.stderr
    capped, money, negative = [json.loads(line) for line in result.stdout.splitlines()]
    assert capped["request"]["max_per_municipality"] == 50 and capped["request"]["years"] == 3
    assert capped["request"]["min_per_municipality"] is None and capped["request"]["unit"] == "plekken"
    assert max(r["allocated"] for r in capped["allocation"]["rows"]) <= 50
    assert money["request"]["unit"] == "euro" and money["request"]["total"] == 480_000
    assert money["allocation"]["unit"] == "euro" and "€ 480.000" in money["answer"]
    assert negative["intent"] == "clarify" and negative["request"]["total"] is None and negative["allocation"] is None
