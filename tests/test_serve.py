"""`make serve` really follows an edit: the edited instrument's page, and the pages that depend on it.

The server runs from a copy of the repository (two instruments, so the first build is short) on a
free port; the real treaties/ are never touched. Timings belong in the bench
(scripts/bench_reload.py), not here: these tests only wait, with a generous timeout.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from treatylib import serve

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120  # seconds; a loaded machine is slow, but a reload that never comes fails


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bench_reload = _script("bench_reload")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    repo = bench_reload.copy_repo(
        tmp_path_factory.mktemp("serve") / "repo", treaties=["mtcr", "hcoc", "inf"]
    )  # the INF Treaty: its limits are read by the systems pages
    with bench_reload.running_server(repo, bench_reload.free_port(), log=repo.parent / "serve.log") as base:
        yield repo, base


def test_an_edited_note_shows_on_the_served_page(server):
    repo, base = server
    assert "reload-marker-first" not in bench_reload.fetch(base + bench_reload.PAGE)
    bench_reload.edit_note(repo, "reload-marker-first")
    bench_reload.wait_for(base + bench_reload.PAGE, "reload-marker-first", TIMEOUT)
    bench_reload.edit_note(repo, "reload-marker-second")  # and again: each edit is picked up
    bench_reload.wait_for(base + bench_reload.PAGE, "reload-marker-second", TIMEOUT)
    # The dirty rebuild keeps the search index whole: pages it did not rebuild are still in it.
    index = json.loads(bench_reload.fetch(base + "search/search_index.json"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"instruments/mtcr.html", "instruments/hcoc.html", "reference/fields.html"} <= locations


def test_a_state_page_follows_an_edit_to_the_instrument(server):
    repo, base = server
    state_page = base + "states/arg.html"
    assert "1993 (year only)" in bench_reload.fetch(state_page)
    path = repo / "treaties" / "mtcr.yaml"
    text = path.read_text(encoding="utf-8")
    old = "- state: 'ARG'\n  action: admission\n  date: '1993'\n"
    assert old in text
    path.write_text(text.replace(old, old.replace("'1993'", "'1994'")), encoding="utf-8")
    bench_reload.wait_for(state_page, "1994 (year only)", TIMEOUT)


def test_the_server_rebuilds_incrementally_unless_asked_not_to():
    assert "--dirty" in serve.mkdocs_command("127.0.0.1:8016")
    assert "--dirty" not in serve.mkdocs_command("127.0.0.1:8016", full=True)
