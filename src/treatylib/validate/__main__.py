"""`python -m treatylib.validate [FILES...]`: print every problem as path:line: message.

With no arguments: every instrument file in treaties/, every systems file in systems/ and
data/designations.yaml. Named files are instrument files, except those in a folder named `systems`.
`--designations FILE...` checks designation files (fixtures, a draft) against their own schema;
`--systems FILE...` checks systems files (fixtures, a draft) against theirs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..designations import DESIGNATIONS_FILE
from ..paths import ROOT, TREATIES
from ..systems import SYSTEMS
from . import validate_paths
from .designations import validate_file
from .intake import data_like
from .systems import validate_systems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--designations"]:
        return _report([], [Path(a) for a in args[1:]] or [DESIGNATIONS_FILE])
    if args[:1] == ["--systems"]:
        return _report([], [], [Path(a) for a in args[1:]] or data_like(SYSTEMS))
    if args:
        named = [Path(a) for a in args]
        systems = [p for p in named if p.parent.name == "systems"]
        return _report([p for p in named if p not in systems], [], systems)
    instruments = data_like(TREATIES)
    if not instruments:
        print(f"no instrument files found in {TREATIES}", file=sys.stderr)
        return 1
    return _report(instruments, [DESIGNATIONS_FILE], data_like(SYSTEMS) if SYSTEMS.is_dir() else [])


def _report(instrument_paths: list[Path], designation_paths: list[Path], systems_paths: list[Path] = ()) -> int:
    problems = list(validate_paths(instrument_paths, root=ROOT).problems) if instrument_paths else []
    for path in designation_paths:
        problems += validate_file(path, root=ROOT)[1]
    problems += validate_systems(list(systems_paths), root=ROOT).problems if systems_paths else ()
    for problem in problems:
        print(problem)
    count = len(instrument_paths) + len(designation_paths) + len(systems_paths)
    if problems:
        print(f"{len(problems)} problem(s) in {count} file(s)", file=sys.stderr)
        return 1
    print(f"{count} file(s) valid", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
