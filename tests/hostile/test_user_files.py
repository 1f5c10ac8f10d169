"""Reading the user's data files: only regular files, within a size limit and a timeout (FIFOs, links
to /dev/zero, huge and stalled files), through the reader, the CLI and a conversation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.api import Assistant, load_conversation, save_conversation
from koploper.settings import Settings
from koploper.user_file import UserFileError, read_user_file

PARKSTAD = ["Beekdaelen", "Brunssum", "Heerlen", "Kerkrade", "Landgraaf", "Simpelveld", "Voerendaal"]


def figures(path: Path) -> Path:
    path.write_text("gemeente;plekken\n" + "".join(f"{name};{i + 1}\n" for i, name in enumerate(PARKSTAD)), encoding="utf-8")
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "cijfers.csv"
    os.mkfifo(path)
    return path


@pytest.fixture
def zero_link(tmp_path: Path) -> Path:
    path = tmp_path / "nullen.csv"
    path.symlink_to("/dev/zero")
    return path


def test_special_files_are_never_opened(fifo: Path, zero_link: Path, tmp_path: Path) -> None:
    for path, word in ((fifo, "FIFO"), (zero_link, "apparaat")):
        with pytest.raises(UserFileError) as refused:
            read_user_file(path)
        assert refused.value.kind == "special" and word in refused.value.message
    with pytest.raises(UserFileError) as folder:
        read_user_file(tmp_path)
    assert folder.value.kind == "directory"


def test_size_limit_and_timeout(tmp_path: Path) -> None:
    big = tmp_path / "groot.csv"
    with big.open("wb") as out:
        out.truncate(300_000_000)  # sparse: 300 MB of zeros that cost no disk
    with pytest.raises(UserFileError) as too_large:
        read_user_file(big)
    assert too_large.value.kind == "size" and "groter dan 50 MB" in too_large.value.message
    with pytest.raises(UserFileError) as stalled:
        read_user_file(big, max_mb=400, timeout=0.001)  # a read that is not done in time is given up on
    assert stalled.value.kind == "timeout" and "seconden" in stalled.value.message
    assert read_user_file(figures(tmp_path / "goed.csv")).startswith(b"gemeente;")


def _verdeel(data: Path) -> subprocess.CompletedProcess[str]:
    args = ["verdeel", "--regio", "Parkstad", "--totaal", "10", "--data", str(data)]
    return subprocess.run([sys.executable, "-c", "from tui.launcher import main; main()", *args],
                          capture_output=True, text=True, timeout=60, env=dict(os.environ))


@pytest.mark.parametrize("kind", ["fifo", "zero_link"])
def test_verdeel_refuses_special_files_in_dutch(kind: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(kind)
    done = _verdeel(path)
    assert done.returncode == 2
    assert done.stderr.startswith("Fout: ") and "geen gewoon bestand" in done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr


def test_data_command_and_saved_conversation_refuse_a_fifo(fifo: Path, tmp_path: Path) -> None:
    assistant = Assistant(Settings(home=tmp_path / "home"))
    reply = assistant.new_conversation().ask(f"/data {fifo}")
    assert "FIFO" in reply.answer and "geen gewoon bestand" in reply.answer

    good = figures(tmp_path / "eigen.csv")
    conversation = assistant.new_conversation()
    conversation.load_user_data(good)
    assert conversation.user_data == good
    saved = save_conversation(conversation, tmp_path / "gesprekken")
    good.unlink()
    os.mkfifo(good)  # the data file became a FIFO (or a hung share) after saving
    reopened = load_conversation(saved, assistant)
    assert reopened.user_data is None and not reopened.has_user_data
    deferred = load_conversation(saved, assistant, restore_data=False)
    assert deferred.pending_user_data == good and deferred.to_json()["user_data"] == str(good), "kept until read"


@pytest.mark.parametrize("name", ["cijfers\x00.csv", "\x00", "map/\x00/data.csv"])
def test_a_name_with_a_null_character_gets_a_dutch_message(name: str, tmp_path: Path) -> None:
    """The operating system refuses such a name with ValueError; the user gets a reason, no crash."""
    with pytest.raises(UserFileError, match="nulteken"):
        read_user_file(tmp_path / name)
