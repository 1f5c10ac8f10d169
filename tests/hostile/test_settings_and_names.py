"""Bad settings, names and saved files get a Dutch message naming what to change, never an English
pydantic dump, a traceback or a wrong hint (reinstalling, a damaged index)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.api import Assistant, load_conversation, save_conversation
from koploper.env import SettingsError
from koploper.settings import Settings

ENGLISH = ("validation error", "Input should", "pydantic", "Traceback", "installeer Koploper opnieuw", "beschadigd")


def _koploper(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from tui.launcher import main; main()", *args],
                          capture_output=True, text=True, timeout=120, env={**os.environ, **env})


@pytest.mark.parametrize(("field", "value", "example"), [
    ("max_file_mb", "nan", "KOPLOPER_MAX_FILE_MB=50"),
    ("max_file_mb", "1e400", "KOPLOPER_MAX_FILE_MB=50"),
    ("max_file_mb", "abc", "KOPLOPER_MAX_FILE_MB=50"),
    ("max_file_mb", "-1", "KOPLOPER_MAX_FILE_MB=50"),
    ("chroma_url", "http://127.0.0.1:99999", "KOPLOPER_CHROMA_URL=http://127.0.0.1:8000"),
    ("chroma_url", "http://[::1]:99999", "KOPLOPER_CHROMA_URL=http://127.0.0.1:8000"),
    ("chroma_url", "http://[::1", "KOPLOPER_CHROMA_URL=http://127.0.0.1:8000"),
    ("chroma_url", "127.0.0.1:8000", "KOPLOPER_CHROMA_URL=http://127.0.0.1:8000"),
    ("data_dir", "/nonexistent", "KOPLOPER_DATA_DIR="),
])
def test_bad_setting_is_named_with_an_example(field: str, value: str, example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(f"KOPLOPER_{field.upper()}", value)
    with pytest.raises(SettingsError) as bad:
        Settings()
    message = bad.value.message
    assert message.startswith(f"KOPLOPER_{field.upper()}=") and example in message
    assert not any(word in message for word in ENGLISH), message


def test_good_settings_pass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KOPLOPER_CHROMA_URL", "http://[::1]:8000")
    monkeypatch.setenv("KOPLOPER_MAX_FILE_MB", "12,5")
    monkeypatch.setenv("KOPLOPER_DATA_DIR", str(tmp_path))
    settings = Settings()
    assert settings.chroma_url == "http://[::1]:8000" and settings.max_file_mb == 12.5 and settings.data_dir == tmp_path


@pytest.mark.parametrize(("args", "env"), [
    (["zoek", "beschermd wonen"], {"KOPLOPER_MAX_FILE_MB": "nan"}),
    (["zoek", "beschermd wonen"], {"KOPLOPER_CHROMA_URL": "http://127.0.0.1:99999"}),
    (["verdeel", "--regio", "Parkstad", "--totaal", "5"], {"KOPLOPER_DATA_DIR": "/nonexistent"}),
    (["vraag", "Verdeel 5 woningen over Parkstad"], {"KOPLOPER_DATA_DIR": "/nonexistent"}),
])
def test_cli_names_the_bad_setting(args: list[str], env: dict[str, str]) -> None:
    done = _koploper(*args, **env)
    name = next(iter(env))
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("Fout in de instellingen: " + name), done.stderr
    assert not any(word in done.stderr for word in ENGLISH), done.stderr


def test_export_name_too_long(tmp_path: Path) -> None:
    for name in ("a" * 300 + ".xlsx", "a/" * 3000 + "x.csv"):
        done = _koploper("verdeel", "--regio", "Parkstad", "--totaal", "5", "--export", str(tmp_path / name))
        assert done.returncode == 2 and done.stderr.startswith("Fout: ") and "te lang" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_huge_number_is_not_echoed_rounded() -> None:
    for args in (["verdeel", "--regio", "Parkstad", "--totaal", "99999999999999999999999"],
                 ["vraag", "Verdeel 99999999999999999999999 woningen over Parkstad"],
                 ["verdeel", "--regio", "Parkstad", "--totaal", "99999999999999999999999", "--eenheid", "euro"]):
        done = _koploper(*args)
        text = done.stdout + done.stderr
        assert "te groot" in text and "991.611.392" not in text and "99.999.999.999.999.99" not in text, text


def test_saved_conversation_with_wrong_field_types(tmp_path: Path) -> None:
    assistant = Assistant(Settings(home=tmp_path))
    conversation = assistant.new_conversation()
    conversation.ask("Verdeel 10 woningen over Parkstad")
    path = save_conversation(conversation, tmp_path / "gesprekken")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["state"] = {"last_request": 5}
    data["turns"][0]["reply"]["answer"] = [1, 2]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError) as bad:
        load_conversation(path, assistant)
    message = str(bad.value)
    assert message.startswith(f"{path.name} is geen geldig bewaard gesprek") and "last_request" in message
    assert "\n" not in message and not any(word in message for word in ENGLISH), message
