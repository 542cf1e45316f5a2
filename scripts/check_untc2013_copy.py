"""Measure how faithful the June 2013 copy of the UNTC grids is, before trusting its dates.

    PYTHONPATH=src python scripts/check_untc2013_copy.py [--csv-dir DIR] [--treaties-dir treaties]

The shared source pack holds a third-party copy (June 2013) of the UN Treaty Collection
participant grids. For eleven instruments we also hold the depositary's own 2026 pages, imported
into treaties/*.yaml. Every date the 2013 copy gives for those eleven must appear, for the same
state, in our file; a date that does not is printed. ICSANT exists only in the 2013 copy, and
its dates are kept at full precision only because this check finds the copy exact.

Exit status: 0 when every date agrees, 1 when any does not (or a name is unknown).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from pathlib import Path

from treatylib import states, yamlio
from treatylib.paths import ROOT, TREATIES

DEFAULT_CSV_DIR = ROOT.parent / "shared" / "sources" / "untc-2013"
# 2013 file stem -> our instrument id (the instruments imported from the 2026 UNTC pages).
SHARED = {
    "26-1": "enmod",
    "26-2": "ccw",
    "26-2.a": "ccw-protocol-iv",
    "26-2.b": "ccw-amended-protocol-ii",
    "26-2.c": "ccw-amendment-article-1",
    "26-2.d": "ccw-protocol-v",
    "26-3": "cwc",
    "26-4": "ctbt",
    "26-5": "apmbc",
    "26-6": "ccm",
    "26-8": "att",
}
DATE = re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4}")


def copy_dates(path: Path) -> list[tuple[str, str]]:
    """(participant name, ISO date) for every dated cell of one 2013 grid."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return [
        (row[0], dt.datetime.strptime(found, "%d %b %Y").date().isoformat())
        for row in rows
        if row and row[0].strip()
        for cell in row[1:]
        for found in DATE.findall(cell)
    ]


def our_dates(path: Path) -> dict[str, set[str]]:
    dates: dict[str, set[str]] = {}
    for action in yamlio.load(path)["participation"]:
        dates.setdefault(action["state"], set()).add(str(action.get("date", "")))
    return dates


def disagreements(csv_dir: Path, treaties_dir: Path, shared: dict[str, str] = SHARED) -> tuple[int, list[str]]:
    """How many dates were compared, and one line for each that our data does not hold."""
    compared, problems = 0, []
    for stem, instrument in shared.items():
        ours = our_dates(treaties_dir / f"{instrument}.yaml")
        for name, date in copy_dates(csv_dir / f"{stem}.csv"):
            compared += 1
            try:
                code = states.code_for_name(name)
            except states.UnknownState:
                problems.append(f"{stem}.csv: unknown participant {name!r}")
                continue
            if date not in ours.get(code, set()):
                problems.append(f"{stem}.csv: {name} {date} is not in treaties/{instrument}.yaml")
    return compared, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-dir", type=Path, default=DEFAULT_CSV_DIR)
    parser.add_argument("--treaties-dir", type=Path, default=TREATIES)
    args = parser.parse_args(argv)
    compared, problems = disagreements(args.csv_dir, args.treaties_dir, SHARED)
    for line in problems:
        print(line)
    agreed = compared - len(problems)
    print(f"{agreed} of {compared} dates in the 2013 copy agree with the depositary's current pages")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
