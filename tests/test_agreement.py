"""A fact is true only if every output says it: the page, the chart, the counts, the exports and
the CLI all come from status.standing, and this checks that they agree, instrument by instrument."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys

import pytest

from treatylib import paths, states
from treatylib.catalog import Catalog
from treatylib.status import VALUE_MEANINGS
from treatylib.validate import validate_paths

ENDED_BILATERAL = ("new-start", "inf", "abm", "salt-i", "start-i")


def _csv(site, name):
    with open(site / "data" / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def catalog():
    result = validate_paths(sorted(paths.TREATIES.glob("*.yaml")), root=paths.ROOT)
    return Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))


def _headline(page: str) -> int:
    """The first number of the 'Participation' row of the page's at-a-glance table."""
    row = re.search(r"<td>Participation</td>\s*<td>(.*?)</td>", page, re.S)
    return int(re.search(r"<strong>(\d+)</strong>", row.group(1)).group(1))


def _lead(page: str) -> int:
    """The first number of the line under the page's title."""
    lead = re.search(r'<p class="page-lead">(.*?)</p>', page, re.S)
    return int(re.search(r"<strong>(\d+)</strong>", lead.group(1)).group(1))


def _chart_final(page: str) -> int:
    """The chart's last value; a page without dated acts has no chart, only a sentence saying so."""
    found = re.search(r'class="chart-joined-label"[^>]*>(\d+) ', page)
    return int(found.group(1)) if found else 0


def _map_legend(page: str, word: str) -> int:
    """The map legend's count for parties (members); no legend entry means none."""
    legend = page.split('class="wm-legend"', 1)[1].split("</ul>", 1)[0]
    found = re.search(rf'<g class="status-{word}">.*?<span class="wm-count">(\d+)</span>', legend)
    off_map = page.count(f'<li data-status="{word}">')  # members with no place on the map (the EU)
    return (int(found.group(1)) if found else 0) + off_map


def test_page_chart_counts_and_exports_agree(site, catalog):
    instruments = {row["id"]: row for row in _csv(site, "instruments.csv")}
    status_rows = _csv(site, "status.csv")
    for inst in catalog.instruments:
        word = "member" if inst.is_regime else "party"
        exported = int(instruments[inst.id]["members" if inst.is_regime else "parties"])
        rows = sum(
            1 for r in status_rows if r["instrument"] == inst.id and r["status"] == word and r["counted"] == "true"
        )
        page = (site / "instruments" / f"{inst.id}.html").read_text(encoding="utf-8")
        assert _headline(page) == _lead(page) == exported == rows, inst.id
        assert _chart_final(page) == exported, inst.id
        assert _map_legend(page, word) == exported, inst.id


def test_no_former_state_is_a_party_and_continuators_carry_their_acts(site):
    former = {code for code, s in states.all_states().items() if s.ended}
    rows = _csv(site, "status.csv")
    assert not [r for r in rows if r["state"] in former], "former states have no status rows"
    russia = {r["instrument"]: r for r in rows if r["state"] == "RUS"}
    for ident in ("npt", "bwc", "ptbt"):
        assert russia[ident]["status"] == "party" and russia[ident]["continues"] == "SUN", ident


def test_ended_instruments_have_no_parties(site):
    rows = _csv(site, "status.csv")
    for ident in ENDED_BILATERAL:
        found = [r for r in rows if r["instrument"] == ident]
        assert found, ident
        assert not [r for r in found if r["status"] == "party"], ident
        assert {r["status"] for r in found} <= {"former-party", "withdrawn", "signatory"}, ident


def test_every_status_value_is_documented(site):
    values = {r["status"] for r in _csv(site, "status.csv")}
    assert values <= set(VALUE_MEANINGS), values - set(VALUE_MEANINGS)
    package = (site / "data" / "datapackage.json").read_text(encoding="utf-8")
    for value in values:
        assert f"{value} (" in package, value


def test_cli_and_state_page_agree_with_status_csv(site, catalog):
    exported = {r["instrument"]: r for r in _csv(site, "status.csv") if r["state"] == "RUS"}
    printed = subprocess.run(
        [sys.executable, "-m", "treatylib.cli", "status", "RUS", "--json"], capture_output=True, text=True, check=True
    )
    cli_rows = {r["instrument"]: r for r in json.loads(printed.stdout)}
    page = html.unescape(re.sub(r"<[^>]+>", " ", (site / "states" / "rus.html").read_text(encoding="utf-8")))
    page = re.sub(r"\s+", " ", page)
    for ident, row in exported.items():
        assert cli_rows[ident]["status"] == row["status"], ident
        assert cli_rows[ident]["label"] == row["label"], ident
        assert row["label"] in page, (ident, row["label"])
