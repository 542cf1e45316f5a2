"""Validate instrument files in three layers: schema, rules within a file, rules across files.

Every layer reports all it finds; nothing stops at the first problem. A later
layer only sees files that passed the earlier ones, so one typo does not
cascade into a screen of follow-on errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import yamlio
from ..model import Instrument, from_data
from . import cross_rules, file_rules, schema_layer


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    rule: str = ""

    def __str__(self) -> str:
        suffix = f" [{self.rule}]" if self.rule else ""
        return f"{self.path}:{self.line}: {self.message}{suffix}"


@dataclass(frozen=True)
class Result:
    instruments: tuple[Instrument, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve())) if root else str(path)
    except ValueError:
        return str(path)


def validate_paths(paths: list[Path], root: Path | None = None) -> Result:
    problems: list[Problem] = []
    passed: dict[str, tuple[str, object]] = {}  # display path -> (path, data)

    for path in sorted(paths):
        shown = _display(path, root)
        try:
            data = yamlio.load(path)
        except yamlio.YamlError as err:
            problems.append(Problem(shown, err.line, err.message, "yaml"))
            continue
        except OSError as err:
            problems.append(Problem(shown, 1, f"cannot read: {err.strerror}", "yaml"))
            continue
        found = [Problem(shown, line, msg, "schema") for line, msg in schema_layer.check(data)]
        if not found:
            found = [Problem(shown, line, msg, rule) for rule, line, msg in file_rules.check(data, path.stem)]
        problems.extend(found)
        if not found:
            passed[shown] = data

    instruments = tuple(from_data(data, shown) for shown, data in passed.items())
    by_path = {shown: data for shown, data in passed.items()}
    # Files named on the command line are checked against their siblings too.
    sibling_ids = {p.stem for folder in {path.parent for path in paths} for p in folder.glob("*.yaml")}
    for shown, rule, line_path, msg in cross_rules.check(instruments, by_path, sibling_ids):
        problems.append(Problem(shown, yamlio.line_at(by_path[shown], line_path), msg, rule))
    return Result(instruments, tuple(sorted(problems)))
