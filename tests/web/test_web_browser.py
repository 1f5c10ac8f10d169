"""`koploper web` in a real browser: headless Debian chromium through chromium-driver (Selenium).

One tab asks an allocation question and the answer is read back from that colleague's saved
conversation (the page's terminal is a canvas); the page loads nothing from another host; closing the
tab ends its app process. Without a token, with a wrong one, or with one colleague's token against
another's files: nothing. A screenshot of the session goes to bench/output/web_sessie.png.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.web.browser import browser_missing, new_browser, resource_hosts, type_line, wait_first_paint, wait_for_turn
from tests.web.conftest import WebServer

pytestmark = [pytest.mark.browser, pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")]

QUESTION = "Verdeel 120 woningen over Parkstad naar inwoners"
SCREENSHOT = Path(__file__).resolve().parents[2] / "bench" / "output" / "web_sessie.png"


def wait_until_no_app(server: WebServer, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while server.app_processes():
        if time.monotonic() > deadline:
            raise AssertionError(f"app processes still running after the tab closed: {server.app_processes()}")
        time.sleep(0.1)


def test_a_question_in_the_browser_is_answered_and_saved_for_that_colleague(web_server: WebServer) -> None:
    from assistant.api import Conversation

    driver = new_browser()
    try:
        driver.get(web_server.link("anna"))
        assert "token=" not in driver.current_url
        wait_first_paint(driver)
        assert len(web_server.app_processes()) >= 1
        type_line(driver, QUESTION)
        turn = wait_for_turn(web_server.user_dir("anna"), QUESTION)
        time.sleep(1.0)  # let the reply's paint reach the page before the screenshot
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOT))
        assert resource_hosts(driver) == {f"127.0.0.1:{web_server.port}"}
    finally:
        driver.quit()
    expected = Conversation().ask(QUESTION)
    assert turn["reply"]["intent"] == expected.intent == "allocation"
    assert turn["reply"]["answer"] == expected.answer
    assert not (web_server.user_dir("bert") / "gesprekken").exists()
    wait_until_no_app(web_server)


def test_no_token_a_wrong_token_or_another_colleagues_file_gets_nothing(web_server: WebServer) -> None:
    anna_file = web_server.user_dir("anna") / "cijfers.csv"
    anna_file.parent.mkdir(parents=True)
    shipped = Path(__file__).resolve().parents[2] / "allocation" / "data" / "regio_leden.csv"
    anna_file.write_bytes(shipped.read_bytes())
    driver = new_browser()
    try:
        for url in (web_server.url, web_server.url + "?token=" + "x" * 32):
            driver.get(url)
            time.sleep(0.5)
            text = driver.execute_script("return document.body.innerText")
            assert "Geen toegang" in text
            assert "-first-byte" not in driver.execute_script("return document.body.className")
            assert web_server.app_processes() == []
        driver.get(web_server.link("bert"))
        wait_first_paint(driver)
        attempt = f"/data {anna_file}"
        type_line(driver, attempt)
        turn = wait_for_turn(web_server.user_dir("bert"), attempt)
    finally:
        driver.quit()
    assert "buiten uw eigen map" in turn["reply"]["answer"]
    assert [p.name for p in web_server.user_dir("anna").iterdir()] == ["cijfers.csv"]
    wait_until_no_app(web_server)
