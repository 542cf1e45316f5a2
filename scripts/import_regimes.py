#!/usr/bin/env python3
"""Turn a regimes participant CSV into participation actions for one regime.

The CSV has the header ``regime,state_name,year_joined,role,note,source_path``
(the layout of the shared ``regimes/participants.csv``). Each row for the chosen
regime becomes one action:

* role ``adherent``  -> ``action: adherence`` (unilateral adherence, no role);
* any other role     -> ``action: admission`` with that ``role``
  (participant, partner, member or observer);
* ``year_joined``    -> ``date: 'YYYY'``; an empty year gives no ``date``.

State names are mapped with ``treatylib.states.code_for_name``. A name it does
not know stops the run with ``FILE:LINE: ...`` on stderr and exit status 1;
rows that are not states (e.g. "Zangger Committee Chair") can be left out by
name with ``--skip``.

The output is a STARTING POINT only: the input lists are leads (Wikipedia-derived
years with known errors), so every action must be checked against the regime's
own site before it goes into treaties/<id>.yaml.

Usage:
    PYTHONPATH=src python scripts/import_regimes.py CSV --regime NSG
    PYTHONPATH=src python scripts/import_regimes.py CSV --regime nsg --skip "Zangger Committee Chair"
    PYTHONPATH=src python scripts/import_regimes.py CSV --regime wassenaar --update treaties/wassenaar.yaml
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from treatylib import states, yamlio

HEADER = ["regime", "state_name", "year_joined", "role", "note", "source_path"]

# Library ids -> the regime names the CSV uses (matching is case-insensitive).
REGIME_IDS = {
    "nsg": "NSG",
    "australia-group": "Australia Group",
    "wassenaar": "Wassenaar Arrangement",
    "mtcr": "MTCR",
    "zangger": "Zangger Committee",
}

ADMISSION_ROLES = {"partner", "participant", "member", "observer"}
_YEAR = re.compile(r"^[0-9]{4}$")


class RegimeImportError(Exception):
    """A problem in the input, already formatted as ``FILE:LINE: message``."""


def regime_label(name: str) -> str:
    return REGIME_IDS.get(name.strip().lower(), name.strip())


def read_actions(path: Path, regime: str, skip: set[str] = frozenset(), with_notes: bool = False) -> list[dict]:
    """Return the sorted actions for ``regime`` from the CSV at ``path``."""
    wanted = regime_label(regime).casefold()
    skip_keys = {name.strip().casefold() for name in skip}
    actions: list[dict] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise RegimeImportError(f"{path}:1: empty file, expected header {','.join(HEADER)}") from None
        if [h.strip() for h in header] != HEADER:
            raise RegimeImportError(f"{path}:1: header must be {','.join(HEADER)}, found {','.join(header)}")
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(HEADER):
                raise RegimeImportError(f"{path}:{line}: expected {len(HEADER)} columns, found {len(row)}")
            rec = dict(zip(HEADER, (cell.strip() for cell in row), strict=False))
            if rec["regime"].casefold() != wanted:
                continue
            if rec["state_name"].casefold() in skip_keys:
                continue
            actions.append(_action(path, line, rec, with_notes))
    actions.sort(key=lambda a: (a["state"], a.get("date", "")))
    return actions


def _action(path: Path, line: int, rec: dict, with_notes: bool) -> dict:
    try:
        code = states.code_for_name(rec["state_name"])
    except states.UnknownState:
        raise RegimeImportError(
            f"{path}:{line}: unknown state name {rec['state_name']!r} "
            "(add the spelling to data/aliases.yaml, or leave the row out with --skip)"
        ) from None
    role = rec["role"].lower()
    if role == "adherent":
        action = {"state": code, "action": "adherence"}
    elif role in ADMISSION_ROLES:
        action = {"state": code, "action": "admission", "role": role}
    else:
        raise RegimeImportError(
            f"{path}:{line}: unknown role {rec['role']!r} "
            f"(expected adherent or one of {', '.join(sorted(ADMISSION_ROLES))})"
        )
    year = rec["year_joined"]
    if year:
        if not _YEAR.match(year):
            raise RegimeImportError(f"{path}:{line}: year_joined must be four digits, found {year!r}")
        action["date"] = year
    if with_notes and rec["note"]:
        action["note"] = rec["note"]
    return action


def render(actions: list[dict]) -> str:
    """The actions as a YAML ``participation:`` block (canonical key order and quoting)."""
    body = yamlio.dumps({"participation": actions})
    return body[len(yamlio.SCHEMA_COMMENT) :]


def update_file(target: Path, actions: list[dict]) -> None:
    """Replace ``participation`` in an existing instrument file, keeping everything else."""
    try:
        data = yamlio.load(target)
    except yamlio.YamlError as err:
        raise RegimeImportError(f"{target}:{err.line}: {err.message}") from None
    if not isinstance(data, dict):
        raise RegimeImportError(f"{target}:1: not a YAML mapping")
    data["participation"] = actions
    yamlio.write_atomic(target, yamlio.dumps(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path, help="regimes participant CSV")
    parser.add_argument(
        "--regime",
        required=True,
        help="regime as named in the CSV (e.g. NSG) or a library id (nsg, australia-group, wassenaar, mtcr)",
    )
    parser.add_argument(
        "--skip", action="append", default=[], metavar="NAME", help="leave out rows with this state_name (repeatable)"
    )
    parser.add_argument("--with-notes", action="store_true", help="copy the CSV note column into each action's note")
    parser.add_argument(
        "--update", type=Path, metavar="YAML", help="replace participation in this instrument file instead of printing"
    )
    args = parser.parse_args(argv)
    try:
        actions = read_actions(args.csv, args.regime, set(args.skip), args.with_notes)
        if not actions:
            raise RegimeImportError(f"{args.csv}: no rows for regime {regime_label(args.regime)!r}")
        if args.update:
            update_file(args.update, actions)
            print(f"{args.update}: wrote {len(actions)} actions", file=sys.stderr)
        else:
            sys.stdout.write(render(actions))
    except RegimeImportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except (OSError, csv.Error) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
