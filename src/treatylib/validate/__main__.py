"""`python -m treatylib.validate [FILES...]`: print every problem as path:line: message.

With no arguments it checks treaties/*.yaml and systems/*.yaml. Named files are instrument files,
except those in a folder named `systems`, or all of them after `--systems`."""

from __future__ import annotations

import sys
from pathlib import Path

from ..paths import ROOT, TREATIES
from ..systems import SYSTEMS
from . import validate_paths
from .intake import data_like
from .systems import validate_systems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    all_systems = "--systems" in args
    args = [a for a in args if a != "--systems"]
    if args:
        named = [Path(a) for a in args]
        systems = [p for p in named if all_systems or p.parent.name == "systems"]
        paths = [p for p in named if p not in systems]
    else:
        paths = data_like(TREATIES)
        systems = data_like(SYSTEMS) if SYSTEMS.is_dir() else []
    if not paths and not systems:
        print(f"no instrument files found in {TREATIES}", file=sys.stderr)
        return 1
    problems = list(validate_paths(paths, root=ROOT).problems) if paths else []
    problems += validate_systems(systems, root=ROOT).problems if systems else []
    for problem in problems:
        print(problem)
    count = len(paths) + len(systems)
    if problems:
        print(f"{len(problems)} problem(s) in {count} file(s)", file=sys.stderr)
        return 1
    print(f"{count} file(s) valid", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
