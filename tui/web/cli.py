"""`koploper web`: the app in the browser for a team, one process per tab, one folder per colleague."""

from __future__ import annotations

import argparse
import errno
import getpass
import re
import shlex
import socket
import sys
from pathlib import Path

from koploper.dutch_argparse import dutch_argparse
from tui.web.access import AccessFileError, AccessList, add_colleagues, read_access, valid_name
from tui.web.shared_model import SharedModel

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
APP_COMMAND = f"exec {shlex.quote(sys.executable)} -c 'from tui.launcher import main; main()'"
"""The app process of one tab: `koploper` without arguments, with the same Python and path (textual-serve
runs it through a shell; `exec` makes it one process, so stopping it reaches the app itself)."""


def parser() -> argparse.ArgumentParser:
    """The parser of `koploper web`; its messages are Dutch while it is used under `dutch_argparse()`."""
    with dutch_argparse():
        return _parser()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="koploper web",
        description="Koploper in de browser: elke collega een eigen toegangscode en eigen gesprekken.",
    )
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"adres om op te luisteren (standaard {DEFAULT_HOST}: alleen deze computer)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"poort (standaard {DEFAULT_PORT})")
    p.add_argument("--collega", action="append", default=[], metavar="NAAM",
                   help="geef deze collega toegang (een nieuwe toegangscode wordt één keer getoond); mag vaker")
    p.add_argument("--toegang", type=Path, metavar="BESTAND",
                   help="het bestand met namen en toegangscodes (standaard KOPLOPER_HOME/team/toegang.json); "
                        "de mappen van de collega's staan ernaast")
    return p


def default_name() -> str:
    """The first colleague when nobody is named: the user who starts the server, as a safe folder name."""
    name = re.sub(r"[^a-z0-9._-]", "", getpass.getuser().lower())
    return name if valid_name(name) else "beheerder"


def address(host: str, port: int) -> str:
    """The address a colleague opens: this computer's name when listening on every interface."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def port_message(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (f"Poort {port} is al in gebruik (draait Koploper al?). Kies een andere poort, bijvoorbeeld "
                f"`koploper web --port {port + 1}`, of stop het programma dat poort {port} gebruikt.")
    if error.errno == errno.EACCES:
        return f"Poort {port} mag alleen door de beheerder van deze computer worden gebruikt. Kies een poort boven 1024."
    return f"Koploper kon niet luisteren op {host}:{port} ({error.strerror}). Controleer --host en --port."


def access_list(path: Path, names: list[str]) -> tuple[AccessList, dict[str, str]]:
    """The access list, with the named colleagues added; when there is none yet, one for whoever starts it."""
    for name in names:
        if not valid_name(name):
            raise AccessFileError(f"'{name}' kan geen naam van een collega zijn: gebruik kleine letters, cijfers, "
                                  "'.', '_' of '-' (hoogstens 40 tekens), bijvoorbeeld --collega anna.")
    current = read_access(path)
    if not names and not current.colleagues:
        names = [default_name()]
    return add_colleagues(path, names)


def main(argv: list[str]) -> int:
    with dutch_argparse():  # argparse in Dutch for the usage and errors, not for the server after it
        args = _parser().parse_args(argv)
    from koploper.settings import load_settings

    path: Path = (args.toegang or load_settings().home / "team" / "toegang.json").expanduser().resolve()
    team_dir = path.parent
    try:
        access, new = access_list(path, args.collega)
    except AccessFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    url = address(args.host, args.port)
    if new:
        print("Nieuwe toegangscodes (ze worden maar één keer getoond; geef elke collega alleen de eigen link):")
        for name, token in new.items():
            print(f"  {name}: {url}?token={token}")
    print(f"Toegang voor: {', '.join(access.names())} (namen en codes in {path}).")
    print(f"Koploper in de browser: open {url} met uw eigen link. Stoppen: Ctrl+C.")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print("Let op: zonder TLS gaat de toegangscode onversleuteld over het netwerk; zet Koploper achter de "
              "reverse proxy van uw organisatie (zie de README).")
    sys.stdout.flush()
    from tui.web.server import KoploperServer

    shared_model = shared_model_for(load_settings().model_path)
    server = KoploperServer(APP_COMMAND, args.host, args.port, access, team_dir, shared_model)
    try:
        server.serve()
    except OSError as exc:
        print(port_message(args.host, args.port, exc), file=sys.stderr)
        return 1
    finally:  # after the tabs: aiohttp's shutdown ended them before serve() returned
        if shared_model is not None:
            shared_model.stop()
    return 0


def shared_model_for(model_dir: Path) -> SharedModel | None:
    """One model process for all tabs, started now so the first tab does not wait; None without a converted
    model (each tab then says to run `koploper voorbereiden`, as the terminal app does)."""
    if not (model_dir / "config.json").is_file():
        return None
    model = SharedModel(model_dir)
    model.ensure_running()
    return model
