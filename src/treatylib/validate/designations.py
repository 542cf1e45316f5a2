"""Validate data/designations.yaml in the same layers as the instrument files.

1. Reading: `intake` refuses links, FIFOs, huge files; the YAML loader reports syntax errors.
2. Schema: schema/designations.schema.json, every error with its path and line.
3. Rules within the file, on the part the schema accepted: source keys exist and are unique,
   dates are real dates, state codes are known to `treatylib.states`, a delisting follows its
   designation, no entry is listed twice, no control characters.

Every problem is reported at once as `path:line: message [rule]`; nothing raises.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from .. import states, yamlio
from ..dates import FORMS, PartialDate
from ..designations import DESIGNATIONS_FILE, SCHEMA_FILE
from . import Problem, _capped, _display, intake
from .schema_layer import compiled_accepts, format_path

MAX_ERRORS = 1000
Finding = tuple[tuple, str]  # (path into the data, message)


@cache
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def _message(error) -> str:
    where = format_path(error.absolute_path)
    if error.validator == "additionalProperties":
        return f"{where or 'top level'}: {error.message}"
    if error.validator == "pattern" and "date" in error.schema.get("description", "ISO 8601"):
        return f"{where}: {error.instance!r} is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY"
    return f"{where}: {error.message}" if where else error.message


def schema_errors(data) -> tuple[list[Finding], bool]:
    """Schema errors in path order, and whether the rules can run on what is left."""
    if not isinstance(data, dict):
        return [((), "the file must hold a mapping of fields (as_of, sources, designations, out_of_reach)")], False
    if compiled_accepts(schema(), data):
        return [], True
    found = list(itertools.islice(_validator().iter_errors(data), MAX_ERRORS + 1))
    found.sort(key=lambda e: list(map(str, e.absolute_path)))
    listed = [(tuple(e.absolute_path), _message(e)) for e in found[:MAX_ERRORS]]
    return listed, len(found) <= MAX_ERRORS


def accepted_part(data: dict, error_paths: list[tuple]) -> dict:
    """The data without the list items (or top-level fields) the schema rejected: rules then meet
    only well-formed values, so one typo neither crashes them nor cascades."""
    view = dict(data)
    for path in error_paths:
        if not path or path[0] not in view:
            continue
        key = path[0]
        if len(path) > 1 and isinstance(view[key], list):
            if view[key] is data[key]:
                view[key] = list(data[key])
            view[key][path[1]] = None
        else:
            del view[key]
    return view


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    return [(i, item) for i, item in enumerate(data.get(key) or ()) if isinstance(item, dict)]


# --- rules: each yields (rule id, path, message) -------------------------------------------


def _dates(data: dict) -> Iterator[tuple[tuple, str]]:
    if isinstance(data.get("as_of"), str):
        yield ("as_of",), data["as_of"]
    for i, src in _items(data, "sources"):
        for key in ("published", "accessed"):
            if key in src:
                yield ("sources", i, key), src[key]
        if "captured" in (src.get("via") or {}):
            yield ("sources", i, "via", "captured"), src["via"]["captured"]
    for i, entry in _items(data, "designations"):
        yield ("designations", i, "date"), entry["date"]
        if "delisted" in entry:
            yield ("designations", i, "delisted", "date"), entry["delisted"]["date"]
    for i, lead in _items(data, "out_of_reach"):
        if "lead_date" in lead:
            yield ("out_of_reach", i, "lead_date"), lead["lead_date"]


def _parsed(value) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except ValueError:
        return None


def valid_dates(data: dict) -> Iterator[tuple[str, tuple, str]]:
    for path, value in _dates(data):
        try:
            PartialDate.parse(value)
        except ValueError as err:
            yield "valid-date", path, str(err) if str(err) else f"{value!r} is not a date in the form {FORMS}"


def source_keys(data: dict) -> Iterator[tuple[str, tuple, str]]:
    seen: dict[str, int] = {}
    for i, src in _items(data, "sources"):
        if src["key"] in seen:
            yield (
                "unique-key",
                ("sources", i, "key"),
                f"source key {src['key']!r} is already used by sources[{seen[src['key']]}]",
            )
        seen.setdefault(src["key"], i)
    if None in (data.get("sources") or ()) or "sources" not in data:
        return  # part of the list was rejected: a missing key may be that item's
    for i, entry in _items(data, "designations"):
        if entry["source"] not in seen:
            yield "known-source", ("designations", i, "source"), f"source {entry['source']!r} is not listed in sources"
        delisted = entry.get("delisted")
        if delisted and delisted["source"] not in seen:
            where = ("designations", i, "delisted", "source")
            yield "known-source", where, f"source {delisted['source']!r} is not listed in sources"


def known_states(data: dict) -> Iterator[tuple[str, tuple, str]]:
    for i, entry in _items(data, "designations"):
        for key in ("government", "entity_country", "concerns"):
            if key in entry and not states.is_known(entry[key]):
                yield "known-state", ("designations", i, key), f"unknown state code {entry[key]!r}"
    for i, lead in _items(data, "out_of_reach"):
        if not states.is_known(lead["concerns"]):
            yield "known-state", ("out_of_reach", i, "concerns"), f"unknown state code {lead['concerns']!r}"


def delisting_after_designation(data: dict) -> Iterator[tuple[str, tuple, str]]:
    for i, entry in _items(data, "designations"):
        if "delisted" not in entry:
            continue
        made, removed = _parsed(entry["date"]), _parsed(entry["delisted"]["date"])
        if made and removed and removed.surely_before(made):
            where = ("designations", i, "delisted", "date")
            yield "delisting-order", where, f"delisted {removed} before it was designated ({made})"


def not_after_as_of(data: dict) -> Iterator[tuple[str, tuple, str]]:
    as_of = _parsed(data.get("as_of"))
    if not as_of:
        return
    for i, entry in _items(data, "designations"):
        made = _parsed(entry["date"])
        if made and made.surely_after(as_of):
            yield "after-as-of", ("designations", i, "date"), f"{made} is after the list's as_of date ({as_of})"


def duplicates(data: dict) -> Iterator[tuple[str, tuple, str]]:
    seen: dict[tuple, int] = {}
    for i, entry in _items(data, "designations"):
        key = (entry["date"], entry["authority"], entry["government"], entry["entity"].casefold())
        if key in seen:
            yield "duplicate", ("designations", i), f"same designation as designations[{seen[key]}]"
        seen.setdefault(key, i)


def control_characters(data) -> Iterator[tuple[str, tuple, str]]:
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            found = yamlio.CONTROL.search(value)
            if found:
                yield "control-character", path, f"control character U+{ord(found.group()):04X} is not allowed in text"
        elif isinstance(value, dict):
            stack += ((path + (key,), item) for key, item in value.items())
        elif isinstance(value, list):
            stack += ((path + (i,), item) for i, item in enumerate(value))


RULES = (valid_dates, source_keys, known_states, delisting_after_designation, not_after_as_of, duplicates)


# --- entry points ---------------------------------------------------------------------------


def check_data(data, shown: str) -> list[Problem]:
    errors, checkable = schema_errors(data)
    problems = [Problem(shown, yamlio.line_at(data, path), message, "schema") for path, message in errors]
    if not checkable:
        return problems
    accepted = accepted_part(data, [path for path, _ in errors])
    for rule in (*RULES, control_characters):
        problems += [Problem(shown, yamlio.line_at(data, path), msg, rule_id) for rule_id, path, msg in rule(accepted)]
    return problems


def validate_file(path: Path = DESIGNATIONS_FILE, root: Path | None = None) -> tuple[dict | None, tuple[Problem, ...]]:
    """(the data, every problem); the data is None when the file could not be read."""
    shown = _display(path, root)
    try:
        data = intake.read(path)
    except yamlio.YamlError as err:
        return None, _capped([Problem(shown, err.line, err.message, "yaml")])
    return data, _capped(sorted(check_data(data, shown)))
