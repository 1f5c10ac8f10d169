"""Headless Debian chromium, driven by Selenium through Debian's chromium-driver (nothing downloaded).

Shared by the browser tests and bench/bench_web.py. The terminal in the page draws on a canvas, so
what the app shows is read from the colleague's saved conversation, not from the page.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        return "Debian chromium and chromium-driver are missing (apt-get install -y chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -r requirements.lock)"
    return None


def new_browser(width: int = 1280, height: int = 900) -> Any:
    """Headless chromium; Selenium is given both binaries, so Selenium Manager downloads nothing."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def body_classes(driver: Any) -> str:
    return str(driver.execute_script("return document.body ? document.body.className : ''"))


def wait_first_paint(driver: Any, timeout: float = 90.0) -> float:
    """Seconds until the app's first bytes reached the terminal in the page (textual.js marks the body)."""
    start = time.monotonic()
    while "-first-byte" not in body_classes(driver):
        if time.monotonic() - start > timeout:
            raise AssertionError(f"no first paint after {timeout} s")
        time.sleep(0.02)
    return time.monotonic() - start


def type_line(driver: Any, text: str) -> None:
    """Type into the terminal (xterm's hidden textarea has the keyboard) and press Enter."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea").send_keys(text + "\n")


def saved_turns(user_dir: Path) -> list[dict[str, Any]]:
    """Every turn in the colleague's saved conversations (oldest file first)."""
    turns: list[dict[str, Any]] = []
    for path in sorted((user_dir / "gesprekken").glob("*.json")):
        try:
            turns += json.loads(path.read_text(encoding="utf-8")).get("turns", [])
        except (OSError, ValueError):
            continue  # being replaced right now (atomic write): read again next time
    return turns


def wait_for_turn(user_dir: Path, question: str, timeout: float = 90.0) -> dict[str, Any]:
    """The saved turn for `question`, once the app has answered and saved it."""
    start = time.monotonic()
    while True:
        for turn in saved_turns(user_dir):
            if turn.get("question") == question:
                return turn
        if time.monotonic() - start > timeout:
            raise AssertionError(f"no saved answer to {question!r} after {timeout} s")
        time.sleep(0.05)


def resource_hosts(driver: Any) -> set[str]:
    """The hosts of everything the page loaded (the browser's own list, after the scripts ran)."""
    entries = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    from urllib.parse import urlsplit

    return {urlsplit(str(name)).netloc for name in entries} | {urlsplit(driver.current_url).netloc}
