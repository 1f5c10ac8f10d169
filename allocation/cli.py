"""Subcommand `koploper verdeel`: the fair-share engine on the command line.

Imports stay lean (no pandas, no openpyxl unless an .xlsx is read or written, never torch), so the
command answers in well under half a second.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from koploper.inert import screen_text

_EXAMPLES = """voorbeelden:
  koploper verdeel --regio Haaglanden --totaal 120
  koploper verdeel --regio MRA --totaal 500 --sleutel inwoners=0.7,corporatiewoningen=0.3 --methode sainte-lague
  koploper verdeel --gemeenten "Delft, Rijswijk, Den Haag" --totaal 40 --vergelijk
  koploper verdeel --regio Twente --totaal 90 --data eigen.csv --bestaand gehuisvest --max vrijkomend=0.1 --jaren 3
  koploper verdeel --regio Parkstad --totaal 60 --json --export verdeling.xlsx
  koploper verdeel --regio Parkstad --totaal "2,5 miljoen" --eenheid euro
  koploper verdeel --regio MRA --totaal "€ 1.234.567,89" --eenheid euro --op-centen
"""


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the allocation subcommand `verdeel`."""
    parser = sub.add_parser(
        "verdeel",
        help="bereken het eerlijk aandeel van gemeenten in een regionale opgave",
        description=(
            "Verdeel een regionale opgave (bijvoorbeeld het aantal te huisvesten mensen uit een aandachtsgroep) "
            "eerlijk over de gemeenten van een regio of een eigen groep, exact en met uitleg en bronnen."
        ),
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--regio", metavar="REGIO", help="koploperregio, bijvoorbeeld MRA, Twente, Groningen, Haaglanden, Parkstad, Arnhem-Nijmegen")
    who.add_argument("--gemeenten", metavar="LIJST", help="eigen groep: gemeenten gescheiden door komma's, bijvoorbeeld \"Delft, Rijswijk, 's-Gravenhage\"")
    parser.add_argument("--totaal", metavar="N", required=True, help="het te verdelen aantal of bedrag (groter dan 0), ook als \"2,5 miljoen\" of \"€ 1.000.000\"")
    parser.add_argument("--eenheid", metavar="EENHEID", default=None, help="woningen (standaard), plekken, personen of euro; een €-teken in --totaal betekent euro")
    parser.add_argument("--op-centen", action="store_true", help="bij euro: verdeel op de cent in plaats van in hele euro's")
    parser.add_argument("--sleutel", metavar="SLEUTEL", default="inwoners=1", help="indicator of gewogen mix, bijvoorbeeld inwoners=0.7,corporatiewoningen=0.3 (standaard inwoners=1)")
    parser.add_argument("--methode", metavar="METHODE", default="hamilton", help="afronden: hamilton (standaard), sainte-lague of dhondt")
    parser.add_argument("--vergelijk", action="store_true", help="toon de drie afrondmethoden naast elkaar en markeer de verschillen")
    parser.add_argument("--sleutels", metavar="LIJST", help="vergelijk sleutels naast elkaar, gescheiden door komma's (een mix met +), bijvoorbeeld inwoners,huishoudens of inwoners,inwoners=0.5+woningen=0.5; met het verschil")
    parser.add_argument("--focus", metavar="GEMEENTE", help="licht één gemeente uit in de tabel en de uitleg")
    parser.add_argument("--groep", metavar="G", help="de aandachtsgroep, bijvoorbeeld statushouders (alleen als label)")
    parser.add_argument("--data", metavar="BESTAND", help="eigen cijfers (CSV of XLSX, één rij per gemeente) die indicatoren toevoegen of vervangen")
    parser.add_argument("--data-bron", metavar="BRON", help="bron van de eigen cijfers (anders: eigen gegevens)")
    parser.add_argument("--data-peildatum", metavar="DATUM", help="peildatum van de eigen cijfers (anders: eigen gegevens)")
    parser.add_argument("--bestaand", metavar="KOLOM", help="kolom met wat elke gemeente al draagt; het nieuwe wordt zo verdeeld dat bestaand + nieuw naar verhouding is")
    parser.add_argument("--max", metavar="KOLOM=FRACTIE", action="append", default=[], help="maximum per gemeente: fractie × kolom, of een vast aantal (--max 25); herhaalbaar, het laagste telt")
    parser.add_argument("--min", metavar="KOLOM=FRACTIE", action="append", default=[], help="minimum per gemeente: fractie × kolom, of een vast aantal (--min 1); herhaalbaar, het hoogste telt")
    parser.add_argument("--jaren", metavar="J", default="1", help="spreid over J jaren: gehele aantallen per jaar die per gemeente en per jaar optellen")
    parser.add_argument("--json", action="store_true", help="geef het resultaat als JSON")
    parser.add_argument("--export", metavar="BESTAND", help="sla op als .csv, .xlsx (tabel, berekening en bronnen) of .md")
    parser.set_defaults(func=run)


_PAIR = re.compile(r"\s*([^\s=,;]+)\s*=\s*([^\s,;=]+(?:,\d+)?)\s*")


def parse_pairs(text: str, option: str, default_value: str | None = None) -> dict[str, str]:
    """'inwoners=0.7,corporatiewoningen=0,3' → {'inwoners': '0.7', 'corporatiewoningen': '0,3'}.

    A bare name counts as weight 1 when `default_value` is given (so `--sleutel inwoners` works).
    """
    from allocation.errors import AllocationError

    pairs: dict[str, str] = {}
    position = 0
    text = text.strip()
    if not text:
        raise AllocationError(f"{option} is leeg; schrijf bijvoorbeeld {option} inwoners=1.")
    while position < len(text):
        match = _PAIR.match(text, position)
        if match:
            name, value = match.group(1), match.group(2)
            position = match.end()
        elif default_value is not None and (bare := re.compile(r"\s*([^\s=,;]+)\s*").match(text, position)):
            name, value = bare.group(1), default_value
            position = bare.end()
        else:
            raise AllocationError(f"{option} {text!r} is niet te lezen; schrijf KOLOM=GETAL, bijvoorbeeld {option} inwoners=0.7,woningen=0.3.")
        if name in pairs:
            raise AllocationError(f"{option} noemt {name} twee keer.")
        pairs[name] = value
        if position < len(text):
            if text[position] not in ",;":
                raise AllocationError(f"{option} {text!r} is niet te lezen; scheid de onderdelen met komma's.")
            position += 1
    return pairs


def _bounds(items: list[str], flag: str) -> tuple[dict[str, str], str | None]:
    """Split repeated --max/--min values into per-column fractions (KOLOM=FRACTIE) and one fixed number."""
    per_column: dict[str, str] = {}
    absolute: str | None = None
    for item in items:
        if "=" in item:
            per_column.update(parse_pairs(item, flag))
        else:
            absolute = item
    return per_column, absolute


def _unit_and_total(args: argparse.Namespace) -> tuple[str, Any]:
    """The unit (from --eenheid or a € in --totaal) and the total; money notation only where it is meant."""
    from allocation.errors import AllocationError
    from allocation.models import UNITS
    from koploper.numbers import CURRENCY, MULTIPLIERS, parse_amount

    raw = str(args.totaal)
    unit = (args.eenheid or "").strip().lower() or None
    if unit in ("eur", "euros", "euro's", "€"):
        unit = "euro"
    if unit is not None and unit not in UNITS:
        raise AllocationError(f"Onbekende eenheid {args.eenheid!r}: kies woningen, plekken, personen of euro.")
    has_currency = CURRENCY.search(raw) is not None
    if has_currency and unit not in (None, "euro"):
        raise AllocationError(f"--totaal {raw!r} is een bedrag, maar --eenheid is {unit}; laat het €-teken weg of gebruik --eenheid euro.")
    unit = unit or ("euro" if has_currency else "woningen")
    if args.op_centen and unit != "euro":
        raise AllocationError("--op-centen kan alleen bij bedragen: geef --eenheid euro.")
    words = any(word in raw.lower().split() or raw.lower().rstrip(".").endswith(word) for word in MULTIPLIERS if len(word) > 1)
    if unit != "euro" and not words:
        return unit, raw  # counts keep their strict reading ('1.000' is asked about)
    try:
        return unit, parse_amount(raw)
    except ValueError as exc:
        raise AllocationError(f"--totaal: {exc}") from None


def _keys(text: str) -> list[dict[str, str]]:
    """'inwoners,huishoudens' or 'inwoners,inwoners=0,5+woningen=0,5': two or more keys to compare
    (keys are separated by a comma that is no decimal comma; a mix joins its parts with '+')."""
    from allocation.errors import AllocationError

    parts = [part for part in re.split(r",(?!\d)", text) if part.strip()]
    keys = [parse_pairs(part.replace("+", ";"), "--sleutels", default_value="1") for part in parts]
    if len(keys) < 2:
        raise AllocationError("Geef bij --sleutels minstens twee sleutels, bijvoorbeeld --sleutels inwoners,huishoudens.")
    return keys


def _request(args: argparse.Namespace) -> Any:
    from allocation.models import AllocationRequest

    caps, cap_absolute = _bounds(args.max, "--max")
    floors, floor_absolute = _bounds(args.min, "--min")
    unit, total = _unit_and_total(args)
    return AllocationRequest.parse(
        region=args.regio,
        municipalities=[args.gemeenten] if args.gemeenten is not None else None,
        total=total,
        unit=unit,
        cents=args.op_centen,
        key=parse_pairs(args.sleutel, "--sleutel", default_value="1"),
        method=args.methode,
        group=args.groep,
        focus=args.focus,
        existing=args.bestaand,
        caps=caps,
        floors=floors,
        cap_absolute=cap_absolute,
        floor_absolute=floor_absolute,
        years=args.jaren,
        data_path=args.data,
        data_source=args.data_bron,
        data_reference_date=args.data_peildatum,
    )


def run(args: argparse.Namespace) -> int:
    """Compute, print and optionally export; Dutch message and exit code 2 on bad input."""
    from allocation.engine import allocate, compare_methods
    from allocation.errors import AllocationError

    try:
        request = _request(args)
        if args.export:
            from allocation.export import check_export_path

            check_export_path(args.export)
        if args.sleutels and args.vergelijk:
            raise AllocationError("Kies --vergelijk (afrondmethoden) of --sleutels (sleutels), niet allebei tegelijk.")
        result: Any
        if args.sleutels:
            from allocation.engine import compare_keys

            result = compare_keys(request, _keys(args.sleutels))
        else:
            result = compare_methods(request) if args.vergelijk else allocate(request)
        written = None
        if args.export:
            from allocation.export import export_result

            written = export_result(result, args.export)
    except AllocationError as exc:
        print(screen_text(f"Fout: {exc.message}", newlines=True), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        from allocation import render
        from koploper.inert_console import InertConsole

        console = InertConsole()
        if not console.is_terminal:
            console = InertConsole(width=160)
        if args.sleutels:
            render.print_key_comparison(result, console)
        elif args.vergelijk:
            render.print_comparison(result, console)
        else:
            render.print_result(result, console)
    if written is not None:
        print(screen_text(f"Opgeslagen: {written}"), file=sys.stderr if args.json else sys.stdout)
    if args.data and not args.data_peildatum:
        print("Let op: de peildatum van uw eigen cijfers is niet opgegeven; geef hem met --data-peildatum.", file=sys.stderr)
    return 0
