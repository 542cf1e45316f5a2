"""Two pieces of work at once (treatylib.parallel): the same results, and failures reported, either way."""

from __future__ import annotations

import os

import pytest

from treatylib import parallel, paths, validate
from treatylib.build import render_site
from treatylib.catalog import Catalog


def fail() -> None:
    raise ValueError("bad data in the second half")


@pytest.mark.parametrize("setting", ["on", "off"])
def test_both_returns_both_results(monkeypatch, setting):
    monkeypatch.setenv("TREATYLIB_PARALLEL", setting)
    assert parallel.both(lambda: os.getpid(), lambda: "there") == (os.getpid(), "there")


@pytest.mark.parametrize("setting", ["on", "off"])
def test_an_error_in_either_half_is_raised_here(monkeypatch, setting):
    monkeypatch.setenv("TREATYLIB_PARALLEL", setting)
    with pytest.raises(ValueError, match="bad data") as raised:
        parallel.both(lambda: 1, fail)
    if setting == "on":
        assert any("in the second process" in note for note in raised.value.__notes__)
    with pytest.raises(ValueError, match="bad data"):
        parallel.both(fail, lambda: 1)


def test_a_second_process_that_dies_is_an_error(monkeypatch):
    monkeypatch.setenv("TREATYLIB_PARALLEL", "on")
    with pytest.raises(RuntimeError, match="ended without a result"):
        parallel.both(lambda: 1, lambda: os._exit(3))


def test_the_site_is_the_same_rendered_in_one_process_or_two(monkeypatch):
    result = validate.validate_paths(sorted(paths.TREATIES.glob("*.yaml")), root=paths.ROOT)
    catalog = Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))
    monkeypatch.setenv("TREATYLIB_PARALLEL", "on")
    two = render_site(catalog)
    monkeypatch.setenv("TREATYLIB_PARALLEL", "off")
    one = render_site(catalog)
    assert two == one and len(one) > 800


@pytest.mark.parametrize("setting", ["on", "off"])
def test_validation_finds_the_same_problems_either_way(monkeypatch, setting):
    """Every bad-input fixture at once: half of the files are checked in the second process."""
    bad = sorted((paths.ROOT / "tests" / "fixtures" / "bad").rglob("*.yaml"))
    monkeypatch.setenv("TREATYLIB_PARALLEL", setting)
    result = validate.validate_paths(bad, root=paths.ROOT)
    monkeypatch.setenv("TREATYLIB_PARALLEL", "off")
    assert result == validate.validate_paths(bad, root=paths.ROOT)
    assert result.problems
