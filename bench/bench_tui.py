"""Benchmark of the Koploper app: launch → first paint, launch → knowledge base ready, warm memory.

Four measurements, each in fresh processes so that nothing is cached in the interpreter:

1. first paint, headless: a child process imports `tui.app`, runs the app headless and reports the
   wall-clock moment of its first paint; the parent measured the moment before it started the child.
2. first paint and ready in a real terminal: `koploper` in a tmux pane; the pane is polled until
   the status line shows up ("Kennisbank laden…") and until it says "Kennisbank klaar".
3. the warm app: after the knowledge base is loaded and one knowledge and one allocation question
   have been answered, the resident memory (VmRSS) and its peak (VmHWM) of the process.
4. a long conversation (`--gesprek` runs only this): 30 allocation questions in a fresh home, headless;
   reply-to-paint is the time from the reply reaching the app to the first composed frame in which it
   is complete (Markdown blocks mounted, nothing batched, laid out), around turns 1, 10 and 30 (the
   same region there, so the same widgets to draw; turn 1 includes the one-time import of the table
   and chart modules); the app's CPU time per question; then the saved conversation reopened in a
   fresh process: time to the first frame showing the newest reply, and until every turn is loaded.

The tmux run also types a short session and saves the screen as text (bench/tui_sessie.txt) for the
README. Uses KOPLOPER_HOME (run `koploper voorbereiden` first, `make bench` does).

    .venv/bin/python bench/bench_tui.py [--runs 5] [--gesprek]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAPTURE = ROOT / "bench" / "tui_sessie.txt"
TARGET_FIRST_PAINT = 0.5

CHILD = r"""
import sys, time, json, asyncio
from tui.app import KoploperApp

MODE = sys.argv[1]
QUESTIONS = ["Hoeveel gemeenten doen mee in Parkstad?", "Verdeel 120 woningen over Parkstad naar inwonertal"]

def rss():
    fields = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    return {k: int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM")}

class Bench(KoploperApp):
    def start_loading(self):
        self.figures = {"first_paint": time.time(), "first_paint_cpu": time.process_time()}
        if MODE == "paint":
            self.exit()
        else:
            super().start_loading()

    def _knowledge_loaded(self, error):
        super()._knowledge_loaded(error)
        self.figures["ready"] = time.time()
        self.figures["error"] = error
        self.run_worker(self._warm_up(), exclusive=True)

    async def _warm_up(self):
        from tui.widgets.messages import AssistantMessage
        for number, question in enumerate(QUESTIONS, start=1):
            started = time.time()
            self.ask(question)
            while len(self.query(AssistantMessage)) < number or self.busy:
                await asyncio.sleep(0.01)
            self.figures[f"answer_{number}"] = time.time() - started
        await asyncio.sleep(0.3)
        self.figures.update(rss())
        self.exit()

app = Bench()
app.run(headless=True, size=(100, 32))
print("FIGURES " + json.dumps(app.figures))
"""


TURNS_CHILD = r"""
import sys, time, json, asyncio, os
from pathlib import Path
from textual.screen import Screen
from assistant.api import Assistant, Settings
from tui.app import KoploperApp
from tui.widgets.messages import AssistantMessage, ReplyMarkdown

TURNS = int(sys.argv[1])
HOME = Path(sys.argv[2])
REGIONS = ["Twente", "Haaglanden", "Groningen", "Arnhem-Nijmegen", "MRA"]
MEASURED = {1, 2, 9, 10, 11, 28, 29, 30}  # the turns reported: the same region, so the same widgets to draw
QUESTIONS = [f"Verdeel {100 + 10 * n} woningen over "
             f"{'Parkstad' if n in MEASURED else REGIONS[n % len(REGIONS)]} naar inwonertal"
             for n in range(1, TURNS + 1)]

WATCH = {}  # the reply being timed and the perf_counter() of the first frame that showed it complete
_refresh = Screen._compositor_refresh
def _timed_refresh(self):
    _refresh(self)
    if "reply" in WATCH and "painted" not in WATCH and laid_out(self.app.query_one("#transcript").children[-1]):
        WATCH["painted"] = time.perf_counter()
Screen._compositor_refresh = _timed_refresh

def laid_out(message):
    # the reply's Markdown blocks are mounted, no update is batched and the reply has its place
    if not isinstance(message, AssistantMessage) or message.reply is not WATCH["reply"]:
        return False
    markdown = [child for child in message.children if isinstance(child, ReplyMarkdown)]
    return bool(markdown) and markdown[0].rendered and not message.app._batch_count and message.region.height > 0

class Bench(KoploperApp):
    def start_loading(self):
        self.figures = {}
        self.conversation = self.assistant.new_conversation()
        self.run_worker(self._turns(), exclusive=True)

    def _show_reply(self, reply, save_error):
        WATCH["shown"] = time.perf_counter()
        super()._show_reply(reply, save_error)
        WATCH["reply"] = reply

    async def _turns(self):
        for number, question in enumerate(QUESTIONS, start=1):
            cpu = time.process_time()
            WATCH.clear()
            self.ask(question)
            started = time.perf_counter()
            while "painted" not in WATCH and time.perf_counter() - started < 60:
                await asyncio.sleep(0.002)
            self.figures[f"turn_{number}"] = WATCH.get("painted", float("nan")) - WATCH["shown"]
            while self.busy:
                await asyncio.sleep(0.002)
            await asyncio.sleep(0.05)
            self.figures[f"turn_cpu_{number}"] = time.process_time() - cpu
        self.exit()

app = Bench(Assistant(Settings(home=HOME)))
app.run(headless=True, size=(100, 32))
print("FIGURES " + json.dumps(app.figures))
"""

REOPEN_CHILD = r"""
import sys, time, json, asyncio
from pathlib import Path
from textual.screen import Screen
from assistant.api import Assistant, Settings, list_conversations
from tui.app import KoploperApp
from tui.widgets.messages import AssistantMessage, ReplyMarkdown

HOME = Path(sys.argv[1])
FRAMES = {}  # perf_counter() of the first frame showing the newest reply complete, and of the first with all loaded

def rendered(message):
    return any(isinstance(child, ReplyMarkdown) and child.rendered for child in message.children)

def complete(messages, displayed=True):
    return all((m.region.height > 0 or not displayed) and rendered(m) for m in messages)

_refresh = Screen._compositor_refresh
def _timed_refresh(self):
    _refresh(self)
    app = self.app
    if not hasattr(app, "started") or app._batch_count:
        return
    messages = [w for w in app.query_one("#transcript").children if isinstance(w, AssistantMessage)]
    if "last" not in FRAMES and messages and complete(messages[-1:]):
        FRAMES["last"] = time.perf_counter()
    if "all" not in FRAMES and len(messages) == len(app.conversation.turns) and complete(messages, displayed=False):
        FRAMES["all"] = time.perf_counter()
Screen._compositor_refresh = _timed_refresh

class Bench(KoploperApp):
    def start_loading(self):
        self.figures = {}
        self.conversation = self.assistant.new_conversation()
        path = list_conversations(self.settings.conversations_dir)[0].path
        self.started = time.perf_counter()
        self.open_saved(str(path))
        self.run_worker(self._complete(), exclusive=True)

    async def _complete(self):
        while "all" not in FRAMES and time.perf_counter() - self.started < 120:
            await asyncio.sleep(0.01)
        self.figures["reopen_paint"] = FRAMES.get("last", float("nan")) - self.started
        self.figures["reopen_all"] = FRAMES.get("all", float("nan")) - self.started
        self.figures["turns"] = len(self.conversation.turns)
        self.exit()

app = Bench(Assistant(Settings(home=HOME)))
app.run(headless=True, size=(100, 32))
print("FIGURES " + json.dumps(app.figures))
"""
TARGET_GROWTH = 1.2
"""Reply-to-paint at turn 30 may be at most this many times that at turn 1."""
TARGET_REOPEN = 1.0
"""Seconds until a reopened 30-turn conversation paints."""


def conversation_figures(turns: int = 30) -> dict[str, float]:
    """A 30-turn conversation of allocation questions (tables and charts) in a fresh home; then the
    saved conversation reopened in a fresh process."""
    import tempfile

    home = Path(tempfile.mkdtemp(prefix="koploper-bench-"))
    try:
        figures: dict[str, float] = {}
        for script, args in ((TURNS_CHILD, [str(turns), str(home)]), (REOPEN_CHILD, [str(home)])):
            out = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
                                 timeout=900, check=True).stdout
            line = next(line for line in out.splitlines() if line.startswith("FIGURES "))
            figures.update(json.loads(line[len("FIGURES "):]))
        return figures
    finally:
        shutil.rmtree(home, ignore_errors=True)


def report_conversation(figures: dict[str, float]) -> bool:
    """Print reply-to-paint at turns 1, 10 and 30 and the reopen time; True when within target."""
    def mean(prefix: str, numbers: range) -> float:
        return statistics.mean(figures[f"{prefix}{n}"] for n in numbers if f"{prefix}{n}" in figures)

    first, tenth, last = mean("turn_", range(1, 3)), mean("turn_", range(9, 12)), mean("turn_", range(28, 31))
    print(f"antwoord tot beeld (gemiddeld rond beurt 1 / 10 / 30): {first * 1000:.0f} / {tenth * 1000:.0f} / "
          f"{last * 1000:.0f} ms; beurt 30 ÷ beurt 1 = {last / first:.2f} (doel ≤ {TARGET_GROWTH})")
    cpu = mean("turn_cpu_", range(1, 3)), mean("turn_cpu_", range(28, 31))
    print(f"CPU-tijd van de app per verdeelvraag (beurt 1 / 30): {cpu[0]:.2f} / {cpu[1]:.2f} s")
    print(f"gesprek van {figures['turns']} vragen heropenen: eerste beeld na {figures['reopen_paint']:.2f} s "
          f"(doel < {TARGET_REOPEN} s), alle beurten geladen na {figures['reopen_all']:.2f} s")
    return last <= TARGET_GROWTH * first and figures["reopen_paint"] < TARGET_REOPEN


def run_child(mode: str) -> dict[str, float]:
    """Start a fresh interpreter with the app; returns its figures with times relative to the launch."""
    launched = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("FIGURES "))
    figures: dict[str, float] = json.loads(line[len("FIGURES "):])
    for key in ("first_paint", "ready"):
        if key in figures:
            figures[key] -= launched
    return figures


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def wait_for_pane(session: str, text: str, timeout: float, poll: float = 0.005) -> float | None:
    """Seconds until `text` appears in the pane, None on timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if text in tmux("capture-pane", "-p", "-t", session):
            return time.perf_counter() - started
        time.sleep(poll)
    return None


def terminal_session() -> dict[str, float | None]:
    """`koploper` in a real (tmux) terminal: first paint, ready, and a captured session."""
    session = "koploper-bench"
    tmux("kill-session", "-t", session)
    command = f"cd {ROOT} && exec {Path(sys.executable).with_name('koploper')}"
    launched = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "36", command)
    try:
        first = wait_for_pane(session, "Kennisbank", 10)
        first_paint = None if first is None else time.perf_counter() - launched
        ready_after = wait_for_pane(session, "Kennisbank klaar", 120)
        ready = None if ready_after is None else time.perf_counter() - launched
        screens = []
        for question, expect in (
            ("Hoeveel gemeenten doen mee in Parkstad?", "[1]"),
            ("Wat is het eerlijk aandeel van Kerkrade als Parkstad 120 woningen verdeelt naar inwonertal?",
             "Totaal"),
        ):
            tmux("send-keys", "-t", session, "-l", question)
            tmux("send-keys", "-t", session, "Enter")
            wait_for_pane(session, expect, 30)
            time.sleep(0.8)
            screens.append(tmux("capture-pane", "-p", "-t", session))
        CAPTURE.write_text(
            "Koploper in een terminal van 100×36 (tmux capture-pane)\n\n"
            + "\n\n".join(screen.rstrip() + "\n" for screen in screens),
            encoding="utf-8",
        )
    finally:
        tmux("send-keys", "-t", session, "C-q")
        time.sleep(0.5)
        tmux("kill-session", "-t", session)
    return {"first_paint": first_paint, "ready": ready}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gesprek", action="store_true", help="alleen de meting van een gesprek van 30 vragen")
    args = parser.parse_args()
    if args.gesprek:
        return 0 if report_conversation(conversation_figures()) else 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    runs = [run_child("paint") for _ in range(args.runs)]
    paints = [run["first_paint"] for run in runs]
    cpu = [run["first_paint_cpu"] for run in runs]
    print(f"eerste beeld (headless, {args.runs}×): mediaan {statistics.median(paints):.3f} s, "
          f"max {max(paints):.3f} s (doel < {TARGET_FIRST_PAINT} s); "
          f"CPU-tijd tot dan {statistics.median(cpu):.3f} s; belasting {os.getloadavg()[0]:.1f}")

    warm = run_child("warm")
    if warm.get("error"):
        print(f"kennisbank niet geladen: {warm['error']}")
    print(f"kennisbank klaar (headless): {warm['ready']:.2f} s na de start")
    print(f"antwoord op een kennisvraag: {warm.get('answer_1', float('nan')):.2f} s, "
          f"op een verdeelvraag: {warm.get('answer_2', float('nan')):.2f} s")
    print(f"geheugen van de warme app: RSS {warm['VmRSS']} MB (piek {warm['VmHWM']} MB)")

    if shutil.which("tmux"):
        real = terminal_session()
        fp, ready = real["first_paint"], real["ready"]
        print("eerste beeld in een echte terminal (tmux): "
              + (f"{fp:.3f} s" if fp is not None else "niet gezien")
              + "; kennisbank klaar: " + (f"{ready:.2f} s" if ready is not None else "niet gezien"))
        print(f"schermtekst van een sessie: {CAPTURE.relative_to(ROOT)}")
    else:
        print("tmux ontbreekt: geen meting in een echte terminal en geen schermtekst")
    conversation_ok = report_conversation(conversation_figures())
    return 0 if statistics.median(paints) < TARGET_FIRST_PAINT and conversation_ok else 1


if __name__ == "__main__":
    sys.exit(main())
