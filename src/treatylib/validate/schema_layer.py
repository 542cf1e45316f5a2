"""Layer 1: the JSON Schema, which is the single source of truth for the file format.

A compiled validator (jsonschema-rs, in Rust) answers "valid?" for all the real data
in milliseconds, where jsonschema took a second. Only for a file it rejects, or cannot
take (a date object, a non-string key), does jsonschema walk the data again to list
every error with its path, so the messages and lines are always jsonschema's. The fast
validator is never the more lenient one (its `$` does not match before a final newline,
Python's does), so a file it accepts is one jsonschema accepts too; a test checks this.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterator
from functools import cache

from .. import yamlio
from ..dates import FORMS
from ..paths import SCHEMA

NOT_A_MAPPING = "the file must hold a mapping of fields (id, name, ...)"
MAX_ERRORS = 1000  # far more than any real edit makes; the report shows 50 per file anyway


@cache
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@cache
def _validator():
    import jsonschema  # about 70 ms to import, and only needed for files the fast validator rejects

    linear = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"uniqueItems": _unique_items})
    return linear(schema())


def _unique_items(validator, unique, instance, schema):
    """jsonschema's uniqueItems with its message, but linear: for a list of mappings (depositaries)
    jsonschema compares every pair, over a minute for 20,000 items."""
    from jsonschema import ValidationError

    if unique and validator.is_type(instance, "array") and not _all_distinct(instance):
        yield ValidationError(f"{instance!r} has non-unique elements")


def _all_distinct(values: list) -> bool:
    frozen = [_frozen(value) for value in values]
    return len(set(frozen)) == len(frozen)


_TRUE, _FALSE = object(), object()


def _frozen(value):
    """A hashable stand-in, equal exactly when JSON Schema calls two values equal (true is not 1)."""
    if value is True or value is False:
        return _TRUE if value else _FALSE
    if isinstance(value, dict):
        return ("object", frozenset((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("array", tuple(_frozen(item) for item in value))
    return value


def format_path(path) -> str:
    """('participation', 17, 'date') -> 'participation[17].date'."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _message(error) -> str:
    where = format_path(error.absolute_path)
    if error.validator == "additionalProperties":
        return f"{where or 'top level'}: {error.message}"
    if error.validator == "pattern" and error.schema.get("description", "").startswith("ISO 8601"):
        return f"{where}: {error.instance!r} is not a date in the form {FORMS}"
    if error.validator == "not":
        # The schema's only `not`s: withdrawal-only fields, and `effective`, on another action.
        if "effective" in str(error.validator_value):
            return f"{where}: effective applies only to a withdrawal or a suspension"
        return f"{where}: disputed and withdrawal_rescinded apply only to a withdrawal"
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{where}: {error.instance!r} is not one of: {allowed}"
    return f"{where}: {error.message}" if where else error.message


def _fast_says_valid(data) -> bool:
    return compiled_accepts(schema(), data)


_COMPILED: dict[int, object] = {}


def compiled_accepts(of_schema: dict, data) -> bool:
    """The compiled validator's "valid?" for any of our schemas (instruments, systems, designations),
    so jsonschema walks only data it rejects. `of_schema` is a cached dict, so its id is stable."""
    if id(of_schema) not in _COMPILED:
        import jsonschema_rs  # imported on first use: importing the package stays cheap

        _COMPILED[id(of_schema)] = jsonschema_rs.validator_for(of_schema)
    try:
        return _COMPILED[id(of_schema)].is_valid(data)
    except Exception:  # a value JSON has no type for, or anything odd: jsonschema decides
        return False


def errors(data) -> tuple[list[tuple[tuple, str]], bool]:
    """(path into the data, message) for each schema error in path order, and whether rules can
    run on the accepted part: not on a file that is no mapping, nor after the walk stopped early.

    The walk stops at MAX_ERRORS: a 1 MB list of half a million wrong items would otherwise
    build half a million error objects (minutes, gigabytes) for a report that shows fifty."""
    if not isinstance(data, dict):
        return [((), NOT_A_MAPPING)], False
    if _fast_says_valid(data):
        return [], True
    found = list(itertools.islice(_validator().iter_errors(data), MAX_ERRORS + 1))
    found.sort(key=lambda e: list(map(str, e.absolute_path)))
    listed = [(tuple(error.absolute_path), _message(error)) for error in found[:MAX_ERRORS]]
    if len(found) <= MAX_ERRORS:
        return listed, True
    return [((), f"over {MAX_ERRORS} schema errors: only those are listed, and no other check ran")] + listed, False


def check(data) -> Iterator[tuple[int, str]]:
    """(line, message) for every schema error."""
    for path, message in errors(data)[0]:
        yield yamlio.line_at(data, path), message


def accepted_part(data: dict, error_paths: list[tuple]) -> dict:
    """The data without the top-level fields and list items the schema rejected.

    Later rules then meet only well-formed values, so one typo cannot crash them or
    cascade into nonsense. A rejected list item becomes None instead of vanishing, so
    indices still point at the right lines; `rejected` names the fields now partial."""
    if not error_paths:
        return data
    view = copy.copy(data)
    view.rejected = set()
    for path in error_paths:
        key = path[0] if path else ""  # "": the top level itself (a required field missing, an extra one)
        view.rejected.add(key)
        if key not in view:
            continue
        if len(path) > 1 and isinstance(view[key], list):
            if view[key] is data[key]:
                view[key] = copy.copy(data[key])
            view[key][path[1]] = None
        else:
            del view[key]
    return view


def items(data: dict, key: str) -> list[tuple[int, dict]]:
    """(index, item) for the accepted items of a top-level list."""
    return [(i, item) for i, item in enumerate(data.get(key) or ()) if item is not None]


def is_whole(data: dict, key: str) -> bool:
    """False when the schema rejected part of this field: rules that need all of it skip it."""
    return key not in getattr(data, "rejected", ())
