"""Benchmark of `koploper web`: what a browser session costs, and how replies hold with more sessions.

For each count N in --sessions, a fresh `koploper web` (KOPLOPER_HOME: the prepared model and index,
shared by every session; the colleagues' folders in a temporary team folder) and one headless Debian
chromium (chromium-driver, Selenium). Then, tab after tab (each tab its own app process):

- first paint: from opening the colleague's link to the app's first bytes in the page;
- first reply: typing an allocation question (no model needed) until its answer is saved;
- knowledge reply: typing a knowledge question right after, until its answer is saved: this waits
  for the knowledge base to load in that process, so it is "Kennisbank klaar" plus one answer;
- memory of the tab's process once the model is loaded: RSS and PSS (PSS splits shared pages between
  the processes that share them, so N × PSS is what N sessions really take). The tabs embed with the
  server's one shared model process (tui/web/shared_model.py); its memory is reported on its own.

With all N tabs open and warm: one knowledge question in one tab while the others idle, and the same
question typed into every tab at once (each reply timed from its own typing). The ratios at the end
compare the largest N with the smallest. The terminal in the page is a canvas: answers are read
from each colleague's saved conversation. A screenshot of the first tab goes to bench/output/.

    .venv/bin/python bench/bench_web.py --sessions 1,5,10 [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from _setup import ROOT

from tests.web.browser import browser_missing, new_browser, type_line, wait_first_paint
from tests.web.conftest import WebServer, start_web, stop_web
from tests.web.test_web_shared_model import MODEL_MODULE, command_line

ALLOCATION_QUESTION = "Verdeel 120 woningen over Parkstad naar inwoners"
KNOWLEDGE_QUESTION = "Hoeveel gemeenten doen mee in Parkstad?"
SCREENSHOT = ROOT / "bench" / "output" / "web_sessie.png"


def memory_mib(pids: list[int]) -> tuple[float, float]:
    """RSS and PSS of a process tree, in MiB (from /proc)."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def available_mib() -> float:
    """MemAvailable of the machine, in MiB."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("inf")


MIN_AVAILABLE_MIB = 2048
"""A new session is opened only while the machine has this much memory left (it is shared): the run
then stops early and says so, instead of pushing the machine into swap or the OOM killer."""


def summary(values: list[float], digits: int = 2) -> dict[str, float]:
    return {"median": round(statistics.median(values), digits), "max": round(max(values), digits)}


def ask(driver: Any, handle: str, user_dir: Path, question: str) -> float:
    """Type `question` in one tab and return the seconds until its answer is saved."""
    driver.switch_to.window(handle)
    start = time.monotonic()
    type_line(driver, question)
    count = _count(user_dir, question)
    while _count(user_dir, question) == count:
        if time.monotonic() - start > 600:
            raise AssertionError(f"no answer to {question!r} after 600 s")
        time.sleep(0.02)
    return time.monotonic() - start


def _count(user_dir: Path, question: str) -> int:
    from tests.web.browser import saved_turns

    return sum(1 for turn in saved_turns(user_dir) if turn.get("question") == question)


def ask_all(driver: Any, tabs: list[tuple[str, Path]], question: str) -> list[float]:
    """Type `question` into every tab, one after another without waiting; each reply timed from its typing."""
    started: list[tuple[float, int]] = []
    for handle, user_dir in tabs:
        count = _count(user_dir, question)
        driver.switch_to.window(handle)
        started.append((time.monotonic(), count))
        type_line(driver, question)
    times: list[float | None] = [None] * len(tabs)
    deadline = time.monotonic() + 900
    while any(t is None for t in times):
        for i, ((_handle, user_dir), (start, count)) in enumerate(zip(tabs, started, strict=True)):
            if times[i] is None and _count(user_dir, question) > count:
                times[i] = time.monotonic() - start
        if time.monotonic() > deadline:
            raise AssertionError("replies did not come within 900 s")
        time.sleep(0.02)
    return [t for t in times if t is not None]


def run(sessions: int, home: Path) -> dict[str, Any]:
    team = Path(tempfile.mkdtemp(prefix="koploper-web-bench-"))
    names = [f"collega{i + 1}" for i in range(sessions)]
    server: WebServer = start_web(home, names, access=team / "toegang.json")
    driver = new_browser()
    first_paint: list[float] = []
    first_reply: list[float] = []
    knowledge_reply: list[float] = []
    rss: list[float] = []
    pss: list[float] = []
    tabs: list[tuple[str, Path]] = []
    stopped: str | None = None
    try:
        for i, name in enumerate(names):
            if available_mib() < MIN_AVAILABLE_MIB:
                stopped = f"stopped before session {i + 1}: {available_mib():.0f} MiB available"
                break
            if i:
                driver.switch_to.new_window("window")
            known = set(server.app_processes())
            driver.get(server.link(name))
            first_paint.append(wait_first_paint(driver, timeout=300))
            user_dir = server.user_dir(name)
            handle = driver.current_window_handle
            tabs.append((handle, user_dir))
            first_reply.append(ask(driver, handle, user_dir, ALLOCATION_QUESTION))
            knowledge_reply.append(ask(driver, handle, user_dir, KNOWLEDGE_QUESTION))
            own = [pid for pid in server.app_processes() if pid not in known]
            r, p = memory_mib(own)
            rss.append(r)
            pss.append(p)
            if i == 0:
                SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(SCREENSHOT))
        one = ask(driver, tabs[0][0], tabs[0][1], KNOWLEDGE_QUESTION)
        at_once = ask_all(driver, tabs, KNOWLEDGE_QUESTION)
        total_rss, total_pss = memory_mib(server.app_processes())
        model_rss, model_pss = memory_mib([pid for pid in server.app_processes() if MODEL_MODULE in command_line(pid)])
    finally:
        driver.quit()
        stop_web(server)
    return {
        "sessions": sessions,
        "sessions_opened": len(tabs),
        "stopped": stopped,
        "available_mib_at_end": round(available_mib()),
        "first_paint_s": summary(first_paint),
        "first_reply_s": summary(first_reply),
        "knowledge_reply_s": summary(knowledge_reply),
        "rss_mib_per_session": summary(rss, 0),
        "pss_mib_per_session": summary(pss, 0),
        "app_rss_mib_total": round(total_rss),
        "app_pss_mib_total": round(total_pss),
        "shared_model_rss_mib": round(model_rss),
        "shared_model_pss_mib": round(model_pss),
        "reply_one_asking_s": round(one, 3),
        "reply_all_asking_s": summary(at_once, 3),
        "load_average_after": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="1,5,10", help="comma-separated session counts")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    missing = browser_missing()
    if missing:
        sys.exit(f"bench_web: {missing}")
    home = Path(os.environ.get("KOPLOPER_HOME") or "")
    if not (home / "models").is_dir():
        sys.exit("bench_web: set KOPLOPER_HOME to a prepared home (`koploper voorbereiden`)")
    counts = [int(n) for n in args.sessions.split(",")]
    result: dict[str, Any] = {
        "date": date.today().isoformat(),
        "cores": os.cpu_count(),
        "load_average_before": round(os.getloadavg()[0], 2),
        "allocation_question": ALLOCATION_QUESTION,
        "knowledge_question": KNOWLEDGE_QUESTION,
        "runs": [],
    }
    for n in counts:
        result["runs"].append(run(n, home))
        if not args.json:
            print(json.dumps(result["runs"][-1], ensure_ascii=False))
    low, high = result["runs"][0], result["runs"][-1]
    result["reply_one_asking_ratio"] = round(high["reply_one_asking_s"] / low["reply_one_asking_s"], 2)
    result["reply_all_asking_ratio"] = round(high["reply_all_asking_s"]["median"] / low["reply_all_asking_s"]["median"], 2)
    result["screenshot"] = str(SCREENSHOT.relative_to(ROOT))
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
