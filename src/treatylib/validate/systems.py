"""Validate systems/<code>.yaml in the same three layers as the instrument files.

1. the JSON Schema (schema/systems.schema.json), the single source of truth for the format;
2. rules inside one file: the file is named after its state, every cited source key exists,
   source keys are unique, min <= max, dates are real dates and not in the future of `as_of`;
3. rules across files: the state code is known, no system name or alias is used twice, except
   by a system several states field, which each entry declares in `shared_with` (both ways).

Every problem is reported (`path:line: message [rule]`), none stops the others, and the rule
layers see only the items the schema accepted (`schema_layer.accepted_part`), so no input can
crash them. Reading refuses what is not a regular .yaml file (`intake`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import states, yamlio
from ..dates import PartialDate
from ..systems import SYSTEMS_SCHEMA, StateSystems, from_data
from . import Problem, _capped, _display, intake
from .schema_layer import accepted_part, compiled_accepts, format_path, items

Finding = tuple[tuple, str]


@dataclass(frozen=True)
class SystemsResult:
    files: tuple[StateSystems, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@cache
def schema() -> dict:
    return json.loads(SYSTEMS_SCHEMA.read_text(encoding="utf-8"))


@cache
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def _message(error) -> str:
    where = format_path(error.absolute_path)
    if error.validator == "enum":
        return f"{where}: {error.instance!r} is not one of: {', '.join(map(str, error.validator_value))}"
    if error.validator == "oneOf":
        return f"{where}: give either value, or min and max"
    if error.validator == "pattern" and where.endswith(("date", "as_of", "accessed")):
        return f"{where}: {error.instance!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"
    return f"{where}: {error.message}" if where else error.message


def schema_errors(data) -> list[tuple[tuple, str]]:
    if not isinstance(data, dict):
        return [((), "the file must hold a mapping of fields (state, as_of, systems, sources)")]
    if compiled_accepts(schema(), data):
        return []
    found = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [(tuple(e.absolute_path), _message(e)) for e in found[:200]]


# ---- layer 2: rules inside one file ------------------------------------------------------


def _cited(data: dict) -> Iterator[tuple[tuple, str]]:
    """(path, key) of every source key a figure, a status or a first test cites."""
    for i, system in items(data, "systems"):
        for field in ("range", "payload"):
            for j, figure in enumerate(system.get(field) or ()):
                if isinstance(figure, dict) and "source" in figure:
                    yield ("systems", i, field, j, "source"), figure["source"]
        for field in ("status", "first_test"):
            if isinstance(system.get(field), dict) and "source" in system[field]:
                yield ("systems", i, field, "source"), system[field]["source"]


def _dates(data: dict) -> Iterator[tuple[tuple, str]]:
    for i, system in items(data, "systems"):
        for field in ("status", "first_test"):
            if isinstance(system.get(field), dict) and "date" in system[field]:
                yield ("systems", i, field, "date"), system[field]["date"]
    for i, src in items(data, "sources"):
        if "accessed" in src:
            yield ("sources", i, "accessed"), src["accessed"]


def _real_date(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def file_rules(data: dict, stem: str) -> Iterator[tuple[str, Finding]]:
    code = data.get("state")
    if isinstance(code, str) and stem != code.lower():
        yield "file-name", (("state",), f"state {code!r} belongs in {code.lower()}.yaml, not {stem}.yaml")
    keys: dict[str, int] = {}
    for i, src in items(data, "sources"):
        if src["key"] in keys:
            yield "unique-source", (("sources", i, "key"), f"sources[{i}].key: {src['key']!r} is listed twice")
        keys.setdefault(src["key"], i)
    sources_whole = "sources" not in getattr(data, "rejected", ())  # else a typo there would cascade
    for path, key in _cited(data):
        if sources_whole and key not in keys:
            yield "source-exists", (path, f"{format_path(path)}: no source with key {key!r} in sources")
    for i, system in items(data, "systems"):
        for field in ("range", "payload"):
            for j, figure in enumerate(system.get(field) or ()):
                low, high = figure.get("min"), figure.get("max")
                if isinstance(low, int) and isinstance(high, int) and low > high:
                    where = ("systems", i, field, j, "min")
                    yield "min-max", (where, f"{format_path(where)}: min {low:,} is above max {high:,}")
    as_of = _real_date(data.get("as_of")) if isinstance(data.get("as_of"), str) else None
    if isinstance(data.get("as_of"), str) and as_of is None:
        yield "valid-date", (("as_of",), f"as_of: {data['as_of']!r} is not a real date")
    for path, text in _dates(data):
        when = _real_date(text)
        if when is None:
            yield "valid-date", (path, f"{format_path(path)}: {text!r} is not a real date")
        elif as_of and when.surely_after(as_of):
            yield "not-future", (path, f"{format_path(path)}: {text} is after the file's as_of ({as_of.text})")


# ---- layer 3: rules across files ----------------------------------------------------------


def _shared(system: dict) -> frozenset[str]:
    return frozenset(system.get("shared_with", ()))


def cross_rules(by_file: dict[str, dict]) -> Iterator[tuple[str, str, tuple, str]]:
    """(file, rule, path, message): known state, no name used twice unless the system is shared.
    (One file per state follows from the file-name rule: a file is named after its state.)

    A name may repeat across files only when both entries declare it: each names the other's
    state in `shared_with`. That keeps a typo or a copied entry from passing as a shared system."""
    owner: dict[str, tuple[str, int, object, frozenset[str]]] = {}  # name -> file, index, state, shared
    for shown, data in sorted(by_file.items()):
        code = data.get("state")
        if isinstance(code, str) and not states.is_known(code):
            yield shown, "known-state", ("state",), f"state: unknown state code {code!r}"
        for i, system in items(data, "systems"):
            for j, name in enumerate((system["name"], *system.get("aliases", ()))):
                key = name.casefold()
                if key in owner and owner[key][:2] != (shown, i):
                    first, _, first_state, first_shared = owner[key]
                    declared = first != shown and first_state in _shared(system) and code in first_shared
                    if not declared:
                        where = ("systems", i, "name") if j == 0 else ("systems", i, "aliases", j - 1)
                        hint = "" if first == shown else " (a system both states field names the other in shared_with)"
                        yield (
                            shown,
                            "unique-name",
                            where,
                            f"{format_path(where)}: name {name!r} is also used in {first}{hint}",
                        )
                owner.setdefault(key, (shown, i, code, _shared(system)))
    yield from _shared_pairs(by_file)


def _shared_pairs(by_file: dict[str, dict]) -> Iterator[tuple[str, str, tuple, str]]:
    """Every `shared_with` state must list the same system (by name) and name this state back."""
    listed: dict[tuple[object, str], frozenset[str]] = {}
    for data in by_file.values():
        for _, system in items(data, "systems"):
            listed[(data.get("state"), system["name"].casefold())] = _shared(system)
    for shown, data in sorted(by_file.items()):
        code = data.get("state")
        for i, system in items(data, "systems"):
            for j, other in enumerate(system.get("shared_with", ())):
                where = ("systems", i, "shared_with", j)
                back = listed.get((other, system["name"].casefold()))
                if other == code:
                    problem = "names the file's own state"
                elif back is None:
                    problem = f"no {other} file lists a system named {system['name']!r}"
                elif code not in back:
                    problem = f"the {other} entry for {system['name']!r} does not name {code} in shared_with"
                else:
                    continue
                yield shown, "shared-with", where, f"{format_path(where)}: {other}: {problem}"


# ---- the three layers together --------------------------------------------------------------


def validate_systems(paths: list[Path], root: Path | None = None) -> SystemsResult:
    problems: list[Problem] = []
    accepted: dict[str, dict] = {}
    whole: dict[str, dict] = {}
    for path in sorted(paths):
        shown = _display(path, root)
        try:
            data = intake.read(path)
        except yamlio.YamlError as err:
            problems.append(Problem(shown, err.line, err.message, "yaml"))
            continue
        errors = schema_errors(data)
        problems += [Problem(shown, yamlio.line_at(data, p), m, "schema") for p, m in errors]
        if not isinstance(data, dict):
            continue
        part = accepted_part(data, [p for p, _ in errors])
        found = list(file_rules(part, path.stem))
        problems += [Problem(shown, yamlio.line_at(data, p), m, rule) for rule, (p, m) in found]
        accepted[shown] = part
        if not errors and not found:
            whole[shown] = data
    for shown, rule, path, message in cross_rules(accepted):
        problems.append(Problem(shown, yamlio.line_at(accepted[shown], path), message, rule))
    bad = {p.path for p in problems}
    files = tuple(from_data(data, shown) for shown, data in sorted(whole.items()) if shown not in bad)
    return SystemsResult(files, _capped(sorted(problems)))
