"""`treaties`: query the library from a terminal.

    treaties status PAK               every instrument, for one state
    treaties status npt               every state, for one instrument
    treaties status npt --not-party   UN member and observer states outside it
    treaties compare IND PAK          states side by side
    treaties list                     the instruments
    treaties limits mtcr [--events]   the numbers an instrument sets, or its key events

Output is an aligned table, or --json / --csv. Exit status: 0 on success, 1 when the data
does not validate or a state or instrument is unknown, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from . import paths, states
from .catalog import Catalog
from .model import Instrument
from .render.limits import EVENT_COLUMNS, LIMIT_COLUMNS, events_rows, limits_rows
from .render.state_pages import reason_outside
from .validate import validate_paths


class QueryError(Exception):
    pass


def _catalog() -> Catalog:
    result = validate_paths(sorted(paths.TREATIES.glob("*.yaml")), root=paths.ROOT)
    if not result.ok:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        raise QueryError("the data does not validate; run `make validate`")
    return Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))


def _find_instrument(catalog: Catalog, text: str) -> Instrument | None:
    key = text.casefold()
    for inst in catalog.instruments:
        if key in {inst.id, inst.short_name.casefold(), *(a.casefold() for a in inst.aliases)}:
            return inst
    return None


def _find_state(text: str) -> str | None:
    code = text.upper()
    if len(code) == 3 and states.is_known(code):
        return code
    try:
        return states.code_for_name(text)
    except states.UnknownState:
        return None


def _date(value) -> str:
    return value.text if value else ""


def state_rows(catalog: Catalog, code: str) -> list[dict]:
    rows = []
    for inst in catalog.instruments:
        entry = catalog.entry(inst, code)
        rows.append(
            {
                "instrument": inst.id,
                "short_name": inst.short_name,
                "status": entry.status.status or "not joined",
                "label": entry.status.label,
                "date": _date(entry.status.date),
                "reason": reason_outside(entry) or "",
                "as_of": inst.as_of.text,
            }
        )
    return rows


def instrument_rows(catalog: Catalog, inst: Instrument, outside_only: bool) -> list[dict]:
    codes = catalog.current_states if outside_only else sorted({a.state for a in inst.participation})
    rows = []
    for code in codes:
        entry = catalog.entry(inst, code)
        if outside_only and (entry.status.is_in or entry.status.status == "ineligible"):
            continue
        rows.append(
            {
                "state": code,
                "name": states.name(code),
                "status": entry.status.status or "not joined",
                "label": entry.status.label,
                "date": _date(entry.status.date),
                "reason": reason_outside(entry) or "",
            }
        )
    return rows


def compare_rows(catalog: Catalog, codes: list[str]) -> list[dict]:
    rows = []
    for inst in catalog.instruments:
        row = {"instrument": inst.id, "short_name": inst.short_name}
        seen = set()
        for code in codes:
            status = catalog.entry(inst, code).status
            row[code] = status.label + (f" {status.date.text}" if status.date else "")
            seen.add(status.status)
        row["same"] = "yes" if len(seen) == 1 else "no"
        rows.append(row)
    return rows


def _print(rows: list[dict], columns: list[str], fmt: str) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        widths = {c: max([len(c)] + [len(str(r.get(c, ""))) for r in rows]) for c in columns}
        print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
        for row in rows:
            print("  ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns).rstrip())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="treaties", description="Query the arms-control treaty library.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (
        ("status", "status of a state, or of every state in an instrument"),
        ("compare", "compare states side by side"),
        ("list", "list the instruments"),
        ("limits", "limits an instrument sets (range, payload, yield, ceilings), or --events"),
    ):
        cmd = sub.add_parser(name, help=helptext)
        group = cmd.add_mutually_exclusive_group()
        group.add_argument("--json", dest="format", action="store_const", const="json")
        group.add_argument("--csv", dest="format", action="store_const", const="csv")
        if name == "status":
            cmd.add_argument("subject", help="state code or name (PAK, Pakistan), or instrument id (npt)")
            cmd.add_argument(
                "--not-party",
                action="store_true",
                help="with an instrument: only UN member and observer states outside it",
            )
        elif name == "compare":
            cmd.add_argument("states", nargs="+", help="two or more state codes or names")
        elif name == "limits":
            cmd.add_argument("instrument", help="instrument id or short name (mtcr, INF Treaty)")
            cmd.add_argument("--events", action="store_true", help="key events instead of limits")
    return parser


def run(args: argparse.Namespace) -> None:
    fmt = args.format or "table"
    catalog = _catalog()
    if args.command == "list":
        rows = [
            {"id": i.id, "short_name": i.short_name, "kind": i.kind, "as_of": i.as_of.text, "name": i.name}
            for i in catalog.instruments
        ]
        _print(rows, ["id", "short_name", "kind", "as_of", "name"], fmt)
    elif args.command == "status":
        inst = _find_instrument(catalog, args.subject)
        if inst:
            rows = instrument_rows(catalog, inst, args.not_party)
            _print(rows, ["state", "name", "label", "date", "reason"], fmt)
            return
        if args.not_party:
            raise QueryError(f"--not-party needs an instrument, and {args.subject!r} is not one")
        code = _find_state(args.subject)
        if not code:
            raise QueryError(f"unknown state or instrument {args.subject!r}")
        _print(state_rows(catalog, code), ["short_name", "label", "date", "reason"], fmt)
    elif args.command == "limits":
        if not (inst := _find_instrument(catalog, args.instrument)):
            raise QueryError(f"unknown instrument {args.instrument!r}")
        rows, columns = (events_rows, EVENT_COLUMNS) if args.events else (limits_rows, LIMIT_COLUMNS)
        _print(rows(catalog, inst), columns, fmt)
    elif args.command == "compare":
        if len(args.states) < 2:
            raise QueryError("compare needs at least two states")
        codes = []
        for text in args.states:
            code = _find_state(text)
            if not code:
                raise QueryError(f"unknown state {text!r}")
            codes.append(code)
        _print(compare_rows(catalog, codes), ["short_name", *codes, "same"], fmt)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        run(args)
    except QueryError as err:
        print(f"treaties: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `treaties status npt | head` is fine
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
