"""`python -m treatylib.validate [FILES...]`: print every problem as path:line: message."""

from __future__ import annotations

import sys
from pathlib import Path

from ..paths import ROOT, TREATIES
from . import validate_paths
from .intake import data_like


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] if args else data_like(TREATIES)
    if not paths:
        print(f"no instrument files found in {TREATIES}", file=sys.stderr)
        return 1
    result = validate_paths(paths, root=ROOT)
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"{len(result.problems)} problem(s) in {len(paths)} file(s)", file=sys.stderr)
        return 1
    print(f"{len(paths)} file(s) valid", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
