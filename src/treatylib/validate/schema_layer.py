"""Layer 1: the JSON Schema, which is the single source of truth for the file format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache

import jsonschema

from .. import yamlio
from ..paths import SCHEMA


@cache
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def format_path(path) -> str:
    """('participation', 17, 'date') -> 'participation[17].date'."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _message(error: jsonschema.ValidationError) -> str:
    where = format_path(error.absolute_path)
    if error.validator == "additionalProperties":
        return f"{where or 'top level'}: {error.message}"
    if error.validator == "pattern" and error.schema.get("description", "").startswith("ISO 8601"):
        return f"{where}: {error.instance!r} is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY"
    if error.validator == "not":
        # The schema's only `not`s: withdrawal-only fields, and `effective`, on another action.
        if "effective" in str(error.validator_value):
            return f"{where}: effective applies only to a withdrawal or a suspension"
        return f"{where}: disputed and withdrawal_rescinded apply only to a withdrawal"
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{where}: {error.instance!r} is not one of: {allowed}"
    return f"{where}: {error.message}" if where else error.message


def check(data) -> Iterator[tuple[int, str]]:
    if not isinstance(data, dict):
        yield 1, "the file must hold a mapping of fields (id, name, ...)"
        return
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        yield yamlio.line_at(data, tuple(error.absolute_path)), _message(error)
