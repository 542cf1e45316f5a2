"""The designations in the built site, from a copy of the repository whose designations carry script payloads.

One build serves both checks: the page, its exports and its schema are published (in the nav, offline
edition, as `make offline` builds it), and every text field of data/designations.yaml reaches the page
and the CSV as inert text. Only designations are poisoned here; tests/test_hostile.py covers the rest.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from test_designations import _poisoned
from test_hostile import MARK, _LiveMarkup, build_offline_copy

from treatylib import yamlio

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("designations") / "repo"
    for name in ("src", "schema", "docs", "data", "treaties"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    path = repo / "data" / "designations.yaml"
    data = _poisoned(yamlio.load(path))
    data["designations"][0]["entity"] = '=HYPERLINK("https://example.org") ' + data["designations"][0]["entity"]
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    return build_offline_copy(repo)


def test_page_exports_and_schema_are_published(poisoned_site):
    page = (poisoned_site / "designations.html").read_text(encoding="utf-8")
    assert "Notices out of reach" in page and "What it is not:</strong> a sanctions database" in page
    home = (poisoned_site / "index.html").read_text(encoding="utf-8")
    assert 'href="designations.html"' in home  # in the navigation
    assert (poisoned_site / "data" / "designations.csv").is_file()
    record = json.loads((poisoned_site / "data" / "designations.json").read_text(encoding="utf-8"))
    assert record["designations"] and record["out_of_reach"]
    schema = json.loads((poisoned_site / "schema" / "designations.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Non-proliferation designations"
    package = json.loads((poisoned_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert any(r["name"] == "designations" for r in package["resources"])


def test_payload_is_inert_text(poisoned_site):
    page = (poisoned_site / "designations.html").read_text(encoding="utf-8")
    parser = _LiveMarkup()
    parser.feed(page)
    assert parser.found == []
    assert MARK in page and "&lt;script&gt;alert(" in page  # shown as text, not dropped


def test_csv_cells_never_start_a_formula(poisoned_site):
    with open(poisoned_site / "data" / "designations.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) > 1
    for row in rows:
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row), row


def test_no_dialog_in_a_real_browser(poisoned_site, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((poisoned_site / "designations.html").as_uri())
    page.wait_for_timeout(300)
    page.keyboard.press("Tab")  # focus moves: an injected autofocus/onfocus would fire now
    page.close()
    assert dialogs == []
