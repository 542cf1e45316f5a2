"""`treaties`: query the library from a terminal.

    treaties status PAK               every instrument, for one state
    treaties status npt               every state, for one instrument
    treaties status npt --not-party   UN member and observer states outside it
    treaties compare IND PAK          states side by side
    treaties list                     the instruments
    treaties limits mtcr [--events]   the numbers an instrument sets, or its key events

Output is an aligned table, or --json / --csv. Exit status: 0 on success, 1 when the data
does not validate or a state or instrument is unknown, 2 for a usage error.

Answers come from the compiled catalog (treatylib.catalog_cache): build/catalog-cache.json when
it was compiled from the files as they are now, else by validating them. Only what a query needs
is imported at start-up, so a cached answer takes a fraction of a second.
"""

from __future__ import annotations

import argparse
import re
import sys

from .names import lookup

# What a terminal would act on rather than show: escape sequences (CSI, OSC and the like, 7- and 8-bit),
# then any C0 control but tab and newline, DEL and C1.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erase
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|$)"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # other escapes (charset selection, keypad modes...) and a lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def clean(text: str) -> str:
    """Text as a terminal should show it: without escape sequences or control characters but tab and newline."""
    return _CONTROL.sub("", text)


def _write(text: str, stream=None) -> None:
    """The one place the table view and messages reach the terminal."""
    (stream or sys.stdout).write(clean(text))


# Columns of `treaties limits` (the rows are compiled by render/limits.py into the catalog cache).
LIMIT_COLUMNS = ["name", "limit", "quantity", "applies_to", "article", "source"]
EVENT_COLUMNS = ["date", "type", "place", "article", "source"]


class QueryError(Exception):
    pass


def _catalog() -> dict:
    from . import catalog_cache

    try:
        return catalog_cache.load()
    except catalog_cache.InvalidData as err:
        for problem in err.problems:
            _write(problem + "\n", sys.stderr)
        raise QueryError("the data does not validate; run `make validate`") from None


def _find_instrument(catalog: dict, text: str) -> dict | None:
    key = text.casefold()
    for inst in catalog["instruments"]:
        if key in {inst["id"], inst["short_name"].casefold(), *(a.casefold() for a in inst["aliases"])}:
            return inst
    return None


def _find_state(catalog: dict, text: str) -> str | None:
    """A state code or any name search finds the state by (data/state_names.yaml), or a depositary's spelling."""
    code = lookup(text, catalog["name_table"])
    return code if code in catalog["entries"] else None


def _entries(catalog: dict, code: str) -> list[dict]:
    """This state's entry in each instrument, in the catalog's order."""
    return [
        dict(zip(("status", "label", "date", "reason", "in"), catalog["rows"][index], strict=True))
        for index in catalog["entries"][code]
    ]


def state_rows(catalog: dict, code: str) -> list[dict]:
    rows = []
    for inst, entry in zip(catalog["instruments"], _entries(catalog, code), strict=True):
        rows.append(
            {
                "instrument": inst["id"],
                "short_name": inst["short_name"],
                "status": entry["status"],
                "label": entry["label"],
                "date": entry["date"],
                "reason": entry["reason"],
                "as_of": inst["as_of"],
            }
        )
    return rows


def instrument_rows(catalog: dict, inst: dict, outside_only: bool) -> list[dict]:
    index = catalog["instruments"].index(inst)
    codes = catalog["current_states"] if outside_only else inst["participants"]
    rows = []
    for code in codes:
        entry = _entries(catalog, code)[index]
        if outside_only and (entry["in"] or entry["status"] == "not-open"):
            continue
        rows.append(
            {
                "state": code,
                "name": catalog["state_names"][code],
                "status": entry["status"],
                "label": entry["label"],
                "date": entry["date"],
                "reason": entry["reason"],
            }
        )
    return rows


def compare_rows(catalog: dict, codes: list[str]) -> list[dict]:
    columns = {code: _entries(catalog, code) for code in codes}
    rows = []
    for index, inst in enumerate(catalog["instruments"]):
        row = {"instrument": inst["id"], "short_name": inst["short_name"]}
        seen = set()
        for code in codes:
            entry = columns[code][index]
            row[code] = entry["label"] + (f" {entry['date']}" if entry["date"] else "")
            seen.add(entry["status"])
        row["same"] = "yes" if len(seen) == 1 else "no"
        rows.append(row)
    return rows


def _print(rows: list[dict], columns: list[str], fmt: str) -> None:
    if fmt == "json":  # for programs: the data as it is, every control character escaped (JSON leaves DEL and C1)
        import json

        text = json.dumps(rows, ensure_ascii=False, indent=1)
        sys.stdout.write(re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
    elif fmt == "csv":
        import csv

        from .render.safe import csv_cell  # the exports' own guard: no cell runs as a spreadsheet formula

        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: csv_cell(clean(str(v))) for k, v in row.items()} for row in rows)
    else:
        cells = [[clean(str(row.get(c, ""))) for c in columns] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
        _write("".join(line + "\n" for line in lines))


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(prog="treaties", description="Query the arms-control treaty library.")
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {}
    for name, helptext in (
        ("status", "status of a state, or of every state in an instrument"),
        ("compare", "compare states side by side"),
        ("list", "list the instruments"),
        ("limits", "limits an instrument sets (range, payload, yield, ceilings), or --events"),
    ):
        cmd = commands[name] = sub.add_parser(name, help=helptext)
        group = cmd.add_mutually_exclusive_group()
        group.add_argument("--json", dest="format", action="store_const", const="json")
        group.add_argument("--csv", dest="format", action="store_const", const="csv")
        if name == "status":
            cmd.add_argument("subject", help="state code or name (PAK, Pakistan, UK), or instrument id (npt)")
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
    return parser, commands


def run(args: argparse.Namespace) -> None:
    fmt = args.format or "table"
    catalog = _catalog()
    if args.command == "list":
        rows = [{k: i[k] for k in ("id", "short_name", "kind", "as_of", "name")} for i in catalog["instruments"]]
        _print(rows, ["id", "short_name", "kind", "as_of", "name"], fmt)
    elif args.command == "status":
        inst = _find_instrument(catalog, args.subject)
        if inst:
            rows = instrument_rows(catalog, inst, args.not_party)
            _print(rows, ["state", "name", "label", "date", "reason"], fmt)
            return
        if args.not_party:
            raise QueryError(f"--not-party needs an instrument, and {args.subject!r} is not one")
        code = _find_state(catalog, args.subject)
        if not code:
            raise QueryError(f"unknown state or instrument {args.subject!r}")
        _print(state_rows(catalog, code), ["short_name", "label", "date", "reason"], fmt)
    elif args.command == "limits":
        if not (inst := _find_instrument(catalog, args.instrument)):
            raise QueryError(f"unknown instrument {args.instrument!r}")
        key, columns = ("events", EVENT_COLUMNS) if args.events else ("limits", LIMIT_COLUMNS)
        _print(inst[key], columns, fmt)
    elif args.command == "compare":
        codes = []
        for text in args.states:
            code = _find_state(catalog, text)
            if not code:
                raise QueryError(f"unknown state {text!r}")
            codes.append(code)
        _print(compare_rows(catalog, codes), ["short_name", *codes, "same"], fmt)


def main(argv: list[str] | None = None) -> int:
    parser, commands = _parser()
    args = parser.parse_args(argv)
    if args.command == "compare" and len(args.states) < 2:
        commands["compare"].error("needs at least two states")  # a usage error: exit 2
    try:
        run(args)
    except QueryError as err:
        _write(f"treaties: {err}\n", sys.stderr)
        return 1
    except BrokenPipeError:  # `treaties status npt | head` is fine
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
