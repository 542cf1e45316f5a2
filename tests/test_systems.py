"""Delivery systems: validator fixtures, the computed threshold checks against the sourced figures,
exports, and pages that render and escape hostile strings."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from treatylib import paths
from treatylib.catalog import Catalog
from treatylib.render import exports, systems_pages
from treatylib.render.systems_chart import range_chart
from treatylib.render.systems_exports import SYSTEM_FIELDS
from treatylib.systems import SYSTEMS, from_data
from treatylib.systems_checks import EVERY, NONE, NOT_COVERED, SOME, check, thresholds
from treatylib.validate import validate_paths
from treatylib.validate.intake import data_like
from treatylib.validate.systems import validate_systems

FIXTURES = Path(__file__).parent / "fixtures" / "bad-systems"
BAD = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
SRC = Path(__file__).parents[1] / "src"


@cache
def catalog() -> Catalog:
    result = validate_paths(data_like(paths.TREATIES))
    return Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))


@cache
def real_files():
    result = validate_systems(data_like(SYSTEMS))
    assert result.ok, [str(p) for p in result.problems]
    return result.files


def system(name: str):
    return next(s for f in real_files() for s in f.systems if s.name == name)


# ---- validator ------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", BAD, ids=[p.name for p in BAD])
def test_bad_systems_fixture_gives_exactly_the_expected_lines(folder):
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected
    result = validate_systems(data_like(folder), root=folder)
    assert [str(p) for p in result.problems] == expected
    assert not result.files or len(result.files) < len(data_like(folder))


def test_every_systems_rule_has_a_fixture():
    rules = {"file-name", "unique-source", "source-exists", "min-max", "valid-date", "not-future"}
    rules |= {"known-state", "unique-name", "shared-with", "schema"}
    seen = set()
    for folder in BAD:
        for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines():
            seen.add(line.rsplit("[", 1)[1].rstrip("]"))
    assert rules <= seen


SHARED_ENTRY = """state: {code}
as_of: '2026-12-06'
systems:
- name: Trident II D5
  type: slbm
  basing: sea
  shared_with: [{other}]
  range:
  - value: 1000
    source: ref
sources:
- key: ref
  title: A reference
  url: 'https://example.org/ref'
  accessed: '2026-12-06'
"""


def test_a_system_both_files_declare_shared_may_repeat_its_name(tmp_path):
    for code, other in (("USA", "GBR"), ("GBR", "USA")):
        entry = SHARED_ENTRY.format(code=code, other=other)
        (tmp_path / f"{code.lower()}.yaml").write_text(entry, encoding="utf-8")
    result = validate_systems(data_like(tmp_path), root=tmp_path)
    assert result.ok, [str(p) for p in result.problems]
    assert {f.state: f.systems[0].shared_with for f in result.files} == {"USA": ("GBR",), "GBR": ("USA",)}


def test_trident_ii_d5_is_on_both_the_us_and_the_uk_page_each_with_its_own_source():
    entries = [s for f in real_files() for s in f.systems if s.name == "Trident II D5"]
    assert sorted(s.state for s in entries) == ["GBR", "USA"]
    by_state = {f.state: f for f in real_files()}
    sources = {s.state: {by_state[s.state].sources_by_key[fig.source].url for fig in s.range} for s in entries}
    assert sources["USA"] and sources["GBR"]


def test_the_real_systems_files_are_valid_and_cover_the_states_the_issue_names():
    codes = {f.state for f in real_files()}
    assert {"PAK", "IND", "CHN", "PRK", "IRN", "USA", "RUS", "GBR", "FRA"} <= codes


def test_every_figure_cites_a_source_that_was_read_on_the_stated_day():
    for file in real_files():
        keys = file.sources_by_key
        for s in file.systems:
            for fig in (*s.range, *s.payload):
                assert fig.source in keys
        assert all(src.accessed and src.accessed.text == "2026-12-06" for src in file.sources)


def test_cli_reports_every_problem_as_path_line_message_and_exits_1():
    bad = FIXTURES / "source-exists" / "pak.yaml"
    run = subprocess.run(
        [sys.executable, "-m", "treatylib.validate", "--systems", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(SRC)},
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 2 and all(":10:" in lines[0] or ":13:" in line for line in lines)


# ---- threshold checks against the sourced figures ---------------------------------------------


def test_shaheen_iii_range_only_meets_the_range_parameter_below_3000_km():
    s = system("Shaheen-III")
    assert [f.value for f in s.range] == [2750]  # ISPR, as Dawn reports it
    assert not s.payload
    result = check(s, thresholds(catalog()))
    assert result.category_i.verdict == EVERY
    assert result.category_i.words.startswith("Range only (no cited payload): meets the range parameter")
    assert result.news.verdict == NONE
    assert result.inf.verdict == NOT_COVERED and "Pakistan was not party" in result.inf.words


def test_agni_v_meets_the_category_i_parameters_at_every_cited_figure():
    s = system("Agni-V")
    assert sorted(f.value for f in s.range) == [5000, 5000]  # MoD release, ACA
    assert [f.value for f in s.payload] == [1500]  # ACA
    result = check(s, thresholds(catalog()))
    assert result.category_i.verdict == EVERY
    assert result.category_i.words.startswith("Meets the Category I parameters")
    assert result.news.verdict == EVERY


def test_hwasong_15_shows_every_cited_range_and_checks_range_only():
    s = system("Hwasong-15")
    assert sorted(f.value for f in s.range) == [10000, 12875, 13000]  # Japan MoD, USFK, ROK MND
    assert (s.range_low, s.range_high) == (10000, 13000)
    result = check(s, thresholds(catalog()))
    assert result.category_i.verdict == EVERY and result.category_i.words.startswith("Range only")
    assert result.news.verdict == EVERY


def test_no_check_calls_a_system_a_category_i_item():
    t = thresholds(catalog())
    for file in real_files():
        for s in file.systems:
            words = " ".join(getattr(check(s, t), f).words for f in ("category_i", "inf", "news"))
            assert "Category I item" not in words


def test_thresholds_come_from_the_instruments_not_from_the_code():
    t = thresholds(catalog())
    assert (t.mtcr_range.value, t.mtcr_payload.value) == (300, 500)
    assert (t.inf_band.min, t.inf_band.max) == (500, 5500)
    # Move the MTCR line in the instrument: the check follows it.
    moved = dataclasses.replace(t, mtcr_range=dataclasses.replace(t.mtcr_range, value=3000))
    assert check(system("Shaheen-III"), moved).category_i.verdict == NONE
    assert "does not meet the range parameter" in check(system("Shaheen-III"), moved).category_i.words


def _synthetic(state="USA", basing="ground", type_="ballistic", ranges=((1000,),), payloads=()):
    def figs(spec):
        return [
            {"value": v[0], "source": "s"} if len(v) == 1 else {"min": v[0], "max": v[1], "source": "s"} for v in spec
        ]

    data = {
        "state": state,
        "as_of": "2026-12-06",
        "systems": [{"name": "X", "type": type_, "basing": basing, "range": figs(ranges), "payload": figs(payloads)}],
        "sources": [{"key": "s", "title": "t", "url": "https://example.org", "accessed": "2026-12-06"}],
    }
    return from_data(data).systems[0]


def test_spreads_say_every_or_some_cited_figures():
    t = thresholds(catalog())
    straddles = _synthetic(ranges=((250, 400),), payloads=((600,),))
    assert check(straddles, t).category_i.verdict == SOME
    assert check(straddles, t).category_i.words.endswith("at some cited figures")
    light = _synthetic(ranges=((1000,),), payloads=((400,),))
    assert check(light, t).category_i.verdict == NONE
    assert check(light, t).category_i.words.startswith("Does not meet the Category I parameters")


def test_inf_band_covers_ground_launched_missiles_of_its_parties_only():
    t = thresholds(catalog())
    assert check(_synthetic("USA", ranges=((1000,),)), t).inf.verdict == EVERY
    assert check(_synthetic("RUS", ranges=((400,), (600,))), t).inf.verdict == SOME  # a party through the USSR
    assert check(_synthetic("USA", ranges=((6000,),)), t).inf.verdict == NONE
    assert check(_synthetic("USA", basing="sea", type_="slbm"), t).inf.verdict == NOT_COVERED
    assert check(_synthetic("CHN"), t).inf.verdict == NOT_COVERED


# ---- exports --------------------------------------------------------------------------------


def test_systems_csv_has_one_row_per_cited_figure_and_the_data_package_describes_it():
    files = exports.render_systems(real_files(), thresholds(catalog()))
    rows = list(csv.DictReader(io.StringIO(files["systems.csv"])))
    assert list(rows[0]) == SYSTEM_FIELDS
    hwasong = [r for r in rows if r["system"] == "Hwasong-15"]
    assert sorted(r["value"] for r in hwasong) == ["10000", "12875", "13000"]
    assert all(r["quantity"] == "range" for r in hwasong)
    agni = [r for r in rows if r["system"] == "Agni-V"]
    assert {r["quantity"] for r in agni} == {"range", "payload"}
    assert agni[0]["mtcr_category_i"].startswith("Meets the Category I parameters")
    records = json.loads(files["systems.json"])
    assert {r["state"] for r in records} >= {"PAK", "IND", "PRK"}
    resource = next(r for r in exports.datapackage()["resources"] if r["name"] == "systems")
    assert [f["name"] for f in resource["schema"]["fields"]] == SYSTEM_FIELDS


# ---- pages ----------------------------------------------------------------------------------

MARK = "PWN3D"
PAYLOAD = (
    f"=cmd|' /C calc'!A0 <script>alert('{MARK}')</script> <img src=x onerror=alert('{MARK}')> "
    f"[click](javascript:alert('{MARK}')) [a](https://x.org){{: onfocus=\"alert('{MARK}')\" }} "
    f"</title><script>alert('{MARK}')</script> \" onmouseover=\"alert('{MARK}')\" a \\| b | c ``` {MARK}"
)
HOSTILE_URL = f"https://example.org/) <img src=x onerror=alert('{MARK}')> ("


def _hostile_file():
    fig = {"value": 700, "source": "k", "note": PAYLOAD}
    data = {
        "state": "PAK",
        "as_of": "2026-12-06",
        "note": PAYLOAD,
        "systems": [
            {
                "name": PAYLOAD,
                "aliases": [PAYLOAD],
                "type": "ballistic",
                "basing": "ground",
                "range": [fig],
                "payload": [fig],
                "status": {"value": "tested", "source": "k", "note": PAYLOAD},
                "first_test": {"date": "2015", "source": "k", "note": PAYLOAD},
                "note": PAYLOAD,
            }
        ],
        "sources": [
            {
                "key": "k",
                "title": PAYLOAD,
                "url": HOSTILE_URL,
                "accessed": "2026-12-06",
                "via": {"title": PAYLOAD, "url": f"javascript:alert('{MARK}')"},
            }
        ],
    }
    return from_data(data, "systems/pak.yaml")


class _Tags(HTMLParser):
    """Every tag and attribute in the HTML: what a browser would build."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "details"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag}[{name}]")


def _live_markup(page: str) -> list[str]:
    """Live markup from data once the page is HTML (the SVG and spans we write are ours)."""
    html = markdown.markdown(page, extensions=["attr_list", "tables", "admonition", "meta"])
    parser = _Tags()
    parser.feed(html)
    return parser.found


def test_pages_render_and_escape_hostile_strings():
    hostile = _hostile_file()
    t = thresholds(catalog())
    pages = systems_pages.render_all(catalog(), (hostile,))
    for name, page in pages.items():
        assert MARK in page, name  # the text is shown, as text
        assert _live_markup(page) == [], name
    assert _live_markup(range_chart((hostile,), t)) == []
    rows = exports.render_systems((hostile,), t)["systems.csv"]
    assert "\n=cmd" not in rows and ",=cmd" not in rows


def test_state_page_tags_every_name_so_search_finds_it():
    pages = systems_pages.render_all(catalog(), real_files())
    pak = pages["systems/pak.md"]
    front = pak.split("---")[1]
    assert '"Shaheen-III"' in front
    assert "meets the Category I parameters" in pages["systems/index.md"]
    assert "is a Category I item" in pages["systems/index.md"]  # only in the sentence that says it never is


def test_state_page_hook_links_the_systems_page():
    link = systems_pages.state_systems_link(real_files(), "PAK")
    assert link is not None and "(../systems/pak.md)" in link
    assert systems_pages.state_systems_link(real_files(), "CHE") is None


def test_chart_draws_the_three_lines_labelled_and_theme_aware():
    chart = range_chart(real_files(), thresholds(catalog()))
    assert chart.startswith('<figure class="systems-chart"') and "\n\n" not in chart
    assert "MTCR Category I range 300 km" in chart and "INF band 500–5,500 km" in chart
    assert "3,000 km: news figure, not a threshold" in chart
    assert "Dashed line: 3,000 km, the figure cited in the news, not a legal threshold" in chart
    assert "var(--md-default-fg-color)" in chart and "#" not in chart.split("<svg", 1)[1].split(">", 1)[0]


def test_9m729_is_in_the_inf_band_at_the_us_figure_only():
    s = system("9M729")
    assert sorted(f.value for f in s.range) == [476, 480, 500]  # Patrushev, Russian MoD, US (more than 500)
    result = check(s, thresholds(catalog()))
    assert result.inf.verdict == SOME
    assert result.inf.words.startswith("Within the banned 500–5,500 km band at some cited figures")
