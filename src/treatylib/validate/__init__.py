"""Validate instrument files in three layers: schema, rules within a file, rules across files.

Every layer reports all it finds; nothing stops at the first problem. The rule layers
see only what the schema accepted (a rejected field or list item is left out), so one
typo neither hides the file's other errors nor cascades into follow-on ones. Reading
refuses what is not a regular .yaml file of sane size (see `intake`), and the output
per file is capped, so no input can crash, hang or flood the validator.
"""

from __future__ import annotations

import gc
import itertools
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import parallel, yamlio
from ..model import Instrument
from . import cross_rules, file_rules, intake, schema_layer

MAX_PROBLEMS_PER_FILE = 50
MAX_MESSAGE_CHARS = 500  # a message quoting a huge value stays one readable line
# Every control character, line breaks included, and the surrogates a non-UTF-8 file name decodes to.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


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


@dataclass
class _File:
    shown: str  # the path as printed
    data: dict  # the part the schema accepted
    instrument: Instrument | None  # None unless the file is whole


def _display(path: Path, root: Path | None) -> str:
    try:
        # Resolve the folder only: resolving a symlink itself would print where it points.
        return str((path.parent.resolve() / path.name).relative_to(root.resolve())) if root else str(path)
    except ValueError:
        return str(path)


def validate_paths(paths: list[Path], root: Path | None = None, memo: dict | None = None) -> Result:
    """Every problem in these files, and the instruments of the files that are whole.

    memo: for a long-lived process (make serve), a dict kept between calls: a file whose lstat (inode,
    size, modification and change times, to the nanosecond) is unchanged keeps its per-file result, and
    only the cross-file rules run again. Any write or rename changes ctime, so an edit is always read."""
    try:
        return _validate(paths, root, memo)
    finally:
        gc.unfreeze()  # see _read


def _read(path: Path):
    """intake.read, with the cyclic collector paused and the data then frozen out of its sight.

    Loaded data holds no cycles, yet the collector would walk all of it again and again while
    it grows and while the rules run: a third of the time on a large file. It stays on for the
    rest, since jsonschema leaves cyclic garbage (a gigabyte on a 5 MB file)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        return intake.read(path)
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def _stat_key(path: Path, shown: str) -> tuple | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (str(path), shown, st.st_dev, st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _file_result(path: Path, shown: str) -> tuple[list[Problem], _File | None]:
    try:
        data = _read(path)
    except yamlio.YamlError as err:
        return [Problem(shown, err.line, err.message, "yaml")], None
    return _check_file(shown, data, path.stem)


def _file_results(listed: list[tuple[Path, str]]) -> dict[Path, tuple[list[Problem], _File | None]]:
    """Each file's result; with a second core, half of the files (by size) are read and checked in a second
    process: reading the YAML is most of the time."""
    if len(listed) < 3:
        return {path: _file_result(path, shown) for path, shown in listed}
    # The smallest file first, here: it loads what every file needs (schema, states), which the second
    # process then inherits instead of loading it again.
    by_size = sorted(listed, key=lambda item: -_size(item[0]))
    first_path, first_shown = by_size.pop()
    first = {first_path: _file_result(first_path, first_shown)}
    halves: tuple[list, list] = ([], [])
    weights = [0, 0]
    for item in by_size:  # the biggest first, each to the lighter half
        lighter = 0 if weights[0] <= weights[1] else 1
        halves[lighter].append(item)
        weights[lighter] += _size(item[0])
    here, there = parallel.both(
        lambda: [_file_result(path, shown) for path, shown in halves[0]],
        lambda: [_file_result(path, shown) for path, shown in halves[1]],
    )
    return first | dict(zip([path for path, _ in halves[0] + halves[1]], here + there, strict=True))


def _size(path: Path) -> int:
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0


def _validate(paths: list[Path], root: Path | None, memo: dict | None = None) -> Result:
    problems: list[Problem] = []
    files: list[_File] = []
    kept = {}
    listed = [(path, _display(path, root)) for path in sorted(paths)]
    keys = {path: _stat_key(path, shown) if memo is not None else None for path, shown in listed}
    remembered = {path: memo.get(key) for path, key in keys.items() if key is not None and key in memo}
    fresh = _file_results([(path, shown) for path, shown in listed if path not in remembered])
    for path, _ in listed:
        key = keys[path]
        result = remembered.get(path) or fresh[path]
        if key is not None:
            kept[key] = result
        found, checked = result
        problems.extend(found)
        if checked:
            files.append(checked)
    if memo is not None:  # only the files as they are now: the memo never grows past one entry per file
        memo.clear()
        memo.update(kept)
    problems.extend(_check_across(files, paths))
    instruments = tuple(f.instrument for f in files if f.instrument is not None)
    return Result(instruments, _capped(sorted(problems)))


def _check_file(shown: str, data, stem: str) -> tuple[list[Problem], _File | None]:
    """Schema and file rules; the file rules run on whatever the schema accepted, if it got to the end."""
    errors, checkable = schema_layer.errors(data)
    found = [Problem(shown, yamlio.line_at(data, path), message, "schema") for path, message in errors]
    if not checkable:
        return found, None
    accepted = schema_layer.accepted_part(data, [path for path, _ in errors])
    instrument = None if errors else file_rules.whole_instrument(accepted, shown)
    found += [Problem(shown, line, msg, rule) for rule, line, msg in file_rules.check(accepted, stem, instrument)]
    return found, _File(shown, accepted, instrument)


def _check_across(files: list[_File], paths: list[Path]) -> list[Problem]:
    instruments = tuple(f.instrument for f in files if f.instrument is not None)
    by_path = {f.shown: f.data for f in files}
    # Files named on the command line are checked against their siblings too.
    sibling_ids = {p.stem for folder in {path.parent for path in paths} for p in folder.glob("*.yaml")}
    return [
        Problem(shown, yamlio.line_at(by_path[shown], line_path), msg, rule)
        for shown, rule, line_path, msg in cross_rules.check(instruments, by_path, sibling_ids)
    ]


def _capped(problems: list[Problem]) -> tuple[Problem, ...]:
    """The first MAX_PROBLEMS_PER_FILE of each file, then one line counting the rest."""
    kept: list[Problem] = []
    for path, group in itertools.groupby(problems, key=lambda p: p.path):
        group = list(group)
        kept += [_printable(p) for p in group[:MAX_PROBLEMS_PER_FILE]]
        if len(group) > MAX_PROBLEMS_PER_FILE:
            more = len(group) - MAX_PROBLEMS_PER_FILE
            line = group[MAX_PROBLEMS_PER_FILE].line
            kept.append(Problem(_escaped(path), line, f"... and {more} more problems in this file", "limit"))
    return tuple(kept)


def _printable(problem: Problem) -> Problem:
    """One printable line: control characters escaped, in the file name too (they could drive a
    terminal), and a message quoting a huge value cut short."""
    message = _escaped(problem.message)
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[: MAX_MESSAGE_CHARS - 1] + "…"
    return replace(problem, path=_escaped(problem.path), message=message)


def _escaped(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
