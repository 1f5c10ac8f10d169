"""Subcommands `voorbereiden`, `index`, `zoek` and `bronnen`.

Only argparse at import time: the model, Chroma and rich are loaded inside the command that needs
them, so `koploper --help` and the other engines' commands stay fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koploper.inert import screen_text
from koploper.numbers import counted, fmt_dec

if TYPE_CHECKING:
    from kennisbank.models import IndexReport, SearchResponse


def _quiet_libraries() -> None:
    """Offline, no telemetry, no download bars or library warnings in the user's terminal."""
    import logging
    import warnings

    for key, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("ANONYMIZED_TELEMETRY", "False"),
        ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
        ("TRANSFORMERS_VERBOSITY", "error"),
        ("TOKENIZERS_PARALLELISM", "false"),
    ):
        os.environ.setdefault(key, value)
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    logging.getLogger("chromadb").setLevel(logging.ERROR)


def _fail(message: str) -> int:
    print(screen_text(message, newlines=True), file=sys.stderr)
    return 1


# --------------------------------------------------------------------------- voorbereiden


def _voorbereiden(args: argparse.Namespace) -> int:
    """Convert the model and index the shipped cards when missing or outdated; otherwise do nothing.

    Before saying all is well it checks that the store is readable and holds as many passages as its
    list of files says; an unfinished earlier run is completed, real damage is reported.
    """
    _quiet_libraries()
    from kennisbank.errors import KennisbankError
    from kennisbank.ingest.indexer import REBUILD_COMMAND, build_index, check_model
    from kennisbank.ingest.recovery import recovery_path
    from kennisbank.store.opening import open_store
    from koploper.settings import load_settings

    settings = load_settings()
    try:
        if not (settings.model_path / "modules.json").is_file():
            from kennisbank.model.convert import ensure_model

            print(f"Embeddingmodel voorbereiden in {settings.model_path} …", flush=True)
            ensure_model(settings)
        store = open_store(settings)
        state = store.state()
        rebuild = state is not None and state.model_fingerprint != check_model(settings)
        if rebuild:
            print("De kennisindex hoort bij een ander model en wordt opnieuw opgebouwd.", flush=True)
        elif state is not None and not recovery_path(settings, store).exists():  # else the run restores first
            files = store.files()
            expected = len({cid for entry in files.values() for cid in entry.chunk_ids})
            unfinished = any(not entry.hash for entry in files.values())
            if not files or (store.count() != expected and not unfinished):
                raise KennisbankError(
                    f"De kennisindex in {store.location} klopt niet met zijn lijst van bestanden "
                    f"({store.count()} stukken, {expected} verwacht). Herstel met `{REBUILD_COMMAND}`."
                )
        report = build_index(settings, [], rebuild=rebuild, notice=_notice, prune=False)  # never drops the user's files
    except KennisbankError as error:
        return _fail(error.message)
    if report.added or report.changed or report.removed or rebuild:
        print(
            f"Kennisindex bijgewerkt: {len(report.added)} toegevoegd, {len(report.changed)} gewijzigd, "
            f"{len(report.removed)} verwijderd ({counted(report.chunks_total, 'stuk', 'stukken')}, {fmt_dec(report.seconds, 0)} s)."
        )
    else:
        print("Model en kennisindex zijn aanwezig.")
    for skipped in report.skipped:
        print(f"Overgeslagen: {_name(skipped.source)}: {screen_text(skipped.reason)}", file=sys.stderr)
    if report.unreachable:
        print(f"Niet bereikbaar (blijven in de index): {len(report.unreachable)} bestand(en).", file=sys.stderr)
    return 0


def _notice(message: str) -> None:
    print(screen_text(message, newlines=True), file=sys.stderr, flush=True)


def _name(key: str) -> str:
    """A file name or index key on one screen line: no escapes, no line breaks, non-UTF-8 bytes as �."""
    from kennisbank.ingest.discovery import shown_key

    return screen_text(shown_key(key))


# --------------------------------------------------------------------------- index


def _print_report(report: IndexReport) -> None:
    from koploper.inert_console import InertConsole

    console = InertConsole(soft_wrap=True)
    sections = (
        ("Toegevoegd", report.added, "green"),
        ("Gewijzigd", report.changed, "yellow"),
        ("Verwijderd", report.removed, "red"),
    )
    for label, items, colour in sections:
        if items:
            console.print(f"[bold {colour}]{label} ({len(items)}):[/]", markup=True)
            for item in items:
                console.print(f"  {_name(item)}")
    if report.unchanged:
        console.print(f"Ongewijzigd: {counted(len(report.unchanged), 'bestand', 'bestanden')}.")
    if report.unreachable:
        console.print(f"[bold yellow]Niet bereikbaar, blijven in de index ({len(report.unreachable)}):[/]", markup=True)
        for item in report.unreachable:
            console.print(f"  {_name(item)}")
        console.print("Haal ze weg met `koploper index --verwijder PAD` als ze niet meer terugkomen.")
    if report.skipped:
        console.print(f"[bold red]Overgeslagen ({len(report.skipped)}):[/]", markup=True)
        for skipped in sorted(report.skipped, key=lambda item: item.source):
            console.print(f"  {_name(skipped.source)}: {screen_text(skipped.reason)}")
        console.print(
            "De andere bestanden zijn wel verwerkt. Herstel of vervang een overgeslagen bestand en "
            "voer `koploper index` opnieuw uit."
        )
    console.print(
        f"{counted(report.chunks_embedded, 'stuk', 'stukken')} ingebed; de index telt "
        f"{counted(report.chunks_total, 'stuk', 'stukken')} ({fmt_dec(report.seconds, 1)} s)."
    )


def _index(args: argparse.Namespace) -> int:
    """Index the shipped cards plus the given files and folders, with a progress bar."""
    _quiet_libraries()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kennisbank.errors import KennisbankError
    from kennisbank.ingest.indexer import build_index
    from koploper.inert_console import InertConsole
    from koploper.settings import load_settings

    settings = load_settings()
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=InertConsole(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("Voorbereiden", total=None)

        def progress(description: str, done: int, total: int) -> None:
            bar.update(task, description=screen_text(description), completed=done, total=total or None)

        try:
            report = build_index(
                settings,
                [Path(p) for p in args.paden],
                rebuild=args.opnieuw,
                progress=progress,
                notice=lambda message: bar.console.print(screen_text(message, newlines=True)),
                remove=[Path(p) for p in args.verwijder],
            )
        except KennisbankError as error:
            bar.stop()
            return _fail(error.message)
    if args.json:
        print(json.dumps(report.model_dump(), ensure_ascii=False, indent=1))
    else:
        _print_report(report)
    return 0  # skipped files are reported, not fatal: the run completed


# --------------------------------------------------------------------------- zoek


def _questions(question: str) -> Iterator[str]:
    """The one question, or one per line from stdin when the question is '-'."""
    if question != "-":
        yield question
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def _print_response(response: SearchResponse) -> None:
    from rich.markup import escape

    from koploper.inert_console import InertConsole

    console = InertConsole(soft_wrap=True)
    console.print(f"[bold]Vraag:[/] {escape(screen_text(response.query))}", markup=True)
    cited = response.cited_hits()
    number = {hit.id: index for index, hit in enumerate(cited, start=1)}
    if response.answer is None:
        console.print("[bold]Antwoord:[/] " + escape(screen_text(response.note or "de kennisbank bevat hier niets over.", newlines=True)), markup=True)
    else:
        if response.note:
            console.print(response.note, markup=False)
        quoted = " ".join(f"“{s.text}” [{number[s.hit_id]}]" for s in response.answer_sentences)
        console.print("[bold]Antwoord:[/]", markup=True)
        console.print(f"  {quoted}", markup=False)
        console.print("[bold]Citaten:[/]", markup=True)
        for hit in cited:
            console.print(f"  [{number[hit.id]}] {_where(hit)}", markup=False)
            if hit.source_url:
                console.print(f"      {hit.source_url}", markup=False)
    if response.results:
        label = "Beste passages" if response.answer is not None else "Passages die er het dichtst bij komen"
        console.print(f"[bold]{label}:[/]", markup=True)
        for rank, hit in enumerate(response.results, start=1):
            console.print(f"  {rank}. {_where(hit)}  (score {fmt_dec(hit.score, 3)})", markup=False)
            snippet = hit.text if len(hit.text) <= 300 else hit.text[:297].rsplit(" ", 1)[0] + " …"
            console.print(f"     {snippet}", markup=False, style="dim")
    console.print()


def _where(hit: Any) -> str:
    """'Titel — Kopje (bron, pagina 3, regio, peildatum 2022-10-04)'."""
    heading = screen_text(" — ".join(part for part in (hit.title, hit.section) if part))
    details = [_name(hit.source)]
    if hit.page is not None:
        details.append(f"pagina {hit.page}")
    if hit.region:
        details.append(f"regio {hit.region}")
    if hit.reference_date:
        details.append(f"peildatum {hit.reference_date}")
    return f"{heading} ({', '.join(details)})"


def _zoek(args: argparse.Namespace) -> int:
    """Answer one question, or every line of stdin with `-`, loading the model once."""
    _quiet_libraries()
    from kennisbank.errors import KennisbankError, StoreUnavailable
    from kennisbank.regions import resolve_region
    from kennisbank.service import KnowledgeBase
    from koploper.settings import load_settings

    if args.k < 1:
        return _fail("-k moet minstens 1 zijn.")
    try:
        resolve_region(args.regio)  # a typo in --regio is reported before the model is loaded
        knowledge_base = KnowledgeBase.open(load_settings())
        for question in _questions(args.vraag):
            try:
                response = knowledge_base.search(question, region=args.regio, k=args.k)
            except StoreUnavailable as error:
                if args.vraag != "-":
                    raise
                print(error.message, file=sys.stderr, flush=True)  # a server restarting: the next question retries
                continue
            if args.json:
                print(json.dumps(response.to_json(), ensure_ascii=False), flush=True)
            else:
                _print_response(response)
    except KennisbankError as error:
        return _fail(error.message)
    return 0


# --------------------------------------------------------------------------- bronnen


def _bronnen(args: argparse.Namespace) -> int:
    """List the indexed sources from the manifest (no model needed)."""
    from rich.table import Table

    from kennisbank.errors import KennisbankError, StoreError
    from kennisbank.ingest.remembered import explained
    from kennisbank.store.opening import open_store
    from kennisbank.store.records import list_sources
    from koploper.inert_console import InertConsole
    from koploper.settings import load_settings

    _quiet_libraries()
    settings = load_settings()
    try:
        store = open_store(settings)
        sources = list_sources(store.manifest().files)
    except StoreError as error:
        return _fail(explained(error, settings, store).message)
    except KennisbankError as error:
        return _fail(error.message)
    if args.json:
        print(json.dumps([s.model_dump() for s in sources], ensure_ascii=False, indent=1))
        return 0
    table = Table(title="Bronnen in de kennisbank", show_lines=False)
    for column in ("Bron", "Titel", "Regio", "Stukken", "Peildatum"):
        table.add_column(column, justify="right" if column == "Stukken" else "left")
    for source in sources:
        name = _name(source.source)
        where = f"{name}\n(niet bereikbaar bij de laatste run)" if source.unreachable else name
        table.add_row(where, screen_text(source.title), screen_text(source.region or "–"), str(source.chunks),
                      screen_text(source.reference_date or "–"))
    console = InertConsole()
    console.print(table)
    console.print(f"{counted(len(sources), 'bron', 'bronnen')}, {counted(sum(s.chunks for s in sources), 'stuk', 'stukken')}.")
    return 0


# --------------------------------------------------------------------------- registration


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the kennisbank's subcommands."""
    prepare = sub.add_parser(
        "voorbereiden",
        help="zet het embeddingmodel klaar en bouw de kennisindex als die ontbreekt",
        description=(
            "Zet het meertalige embeddingmodel om (eenmalig, enkele seconden) en indexeer de meegeleverde "
            "kaarten als de index ontbreekt of verouderd is. Doet niets als alles al klaarstaat."
        ),
    )
    prepare.set_defaults(func=_voorbereiden)

    index = sub.add_parser(
        "index",
        help="indexeer de meegeleverde kaarten en eigen bestanden of mappen",
        description=(
            "Indexeer de meegeleverde kaarten plus de opgegeven bestanden of mappen (.md, .txt, .pdf, .docx, "
            ".html). Ongewijzigde bestanden kosten niets; lege, binaire, beschadigde, beveiligde of te grote "
            "bestanden worden overgeslagen met de reden, zonder de rest te stoppen. Koppelingen naar iets buiten "
            "een opgegeven map en verborgen bestanden worden niet gelezen. Afsluitcode 0 als de run klaar is, "
            "ook met overgeslagen bestanden; 1 als de index niet bijgewerkt kon worden."
        ),
    )
    index.add_argument("paden", nargs="*", metavar="PAD", help="bestand of map om toe te voegen")
    index.add_argument("--opnieuw", action="store_true", help="bouw de index helemaal opnieuw op")
    index.add_argument(
        "--verwijder",
        action="append",
        default=[],
        metavar="PAD",
        help="haal dit bestand, of alles onder deze map, uit de index (ook als het niet bereikbaar is)",
    )
    index.add_argument(
        "--json", action="store_true", help="verslag als JSON: toegevoegd, gewijzigd, verwijderd, overgeslagen met reden"
    )
    index.set_defaults(func=_index)

    search = sub.add_parser(
        "zoek",
        help="zoek een antwoord in de kennisbank, met bronvermelding",
        description=(
            "Zoek in de kennisbank op betekenis en op woorden. Het antwoord citeert letterlijk uit de bronnen; "
            "staat er niets over in het materiaal, dan zegt Koploper dat."
        ),
    )
    search.add_argument("vraag", metavar="VRAAG", help="de vraag, of '-' om één vraag per regel van stdin te lezen")
    search.add_argument("--regio", metavar="R", help="alleen materiaal over deze regio (bijv. MRA, Parkstad, algemeen)")
    search.add_argument("-k", type=int, default=5, metavar="N", help="aantal resultaten (standaard 5)")
    search.add_argument("--json", action="store_true", help="uitvoer als JSON (één regel per vraag)")
    search.set_defaults(func=_zoek)

    sources = sub.add_parser(
        "bronnen",
        help="toon de geïndexeerde bronnen met aantal stukken en peildatum",
        description="Toon de geïndexeerde bronnen met hun aantal stukken en peildatum.",
    )
    sources.add_argument("--json", action="store_true", help="uitvoer als JSON")
    sources.set_defaults(func=_bronnen)
