"""The declarations list: typed frozen items, the file's default source, key order and to_record."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from treatylib import model, yamlio

ROOT = Path(__file__).parents[1]


def sample() -> dict:
    return yamlio.load(ROOT / "tests" / "fixtures" / "valid" / "sample.yaml")


def test_from_data_builds_frozen_items_with_the_default_source():
    inst = model.from_data(sample())
    first = inst.declarations[0]
    assert isinstance(first, model.Declaration)
    assert (first.state, first.kind, first.made, first.date.text, first.source) == (
        "NOR",
        "declaration",
        "upon-signature",
        "1968-07-01",
        "test",
    )
    assert inst.declarations[2].objects_to == "PRK"
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.summary = "changed"


def test_to_record_keeps_the_yaml_shape():
    data = sample()
    record = model.to_record(model.from_data(data))
    assert record["declarations"] == [dict(d) for d in data["declarations"]]


def test_declaration_items_dump_state_first():
    text = yamlio.dumps(
        {"declarations": [{"summary": "S.", "objects_to": "PRK", "made": "later", "kind": "objection", "state": "USA"}]}
    )
    lines = [line for line in text.splitlines()[2:] if not line.startswith("#")]
    keys = [line.strip("- ").split(":")[0] for line in lines]
    assert keys == ["state", "kind", "made", "objects_to", "summary"]
