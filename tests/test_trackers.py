"""The trackers, the year pages and the map's year data, checked on what the generator writes (no site build):
each tracker answers its question, and the map's per-year statuses agree with status.standing()."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from treatylib import paths, states
from treatylib.catalog import Catalog
from treatylib.render import changes, map_history, maps, trackers, trackers_exits, trackers_signed, worldmap
from treatylib.status import standing
from treatylib.validate import validate_paths


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = validate_paths(sorted(paths.TREATIES.glob("*.yaml")), root=paths.ROOT)
    return Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))


@pytest.fixture(scope="module")
def pages(catalog) -> dict[str, str]:
    return trackers.render_all(catalog)


def rows(page: str) -> list[str]:
    """The body rows of the page's tables (raw HTML, one row a line: see md.table)."""
    return [line for line in page.splitlines() if line.startswith("<tr><td>")]


def test_index_links_every_tracker(pages):
    for name in trackers.PAGES:
        assert f'href="{name.removesuffix(".md")}.html"' in pages["index.md"], name


def test_withdrawals_lists_dprk_npt_disputed_and_russia_ctbt_revocation(pages):
    page = pages["withdrawals.md"]
    dprk = [r for r in rows(page) if 'href="../states/prk.html"' in r and 'href="../instruments/npt.html"' in r]
    assert any("2003-01-10" in r and "2003-04-10" in r and "disputed" in r for r in dprk), dprk
    # 1993: the notice was withdrawn (suspended) a day before it would have taken effect.
    assert any("1993-03-12" in r and "before it took effect" in r for r in dprk), dprk
    russia = [r for r in rows(page) if 'href="../states/rus.html"' in r and 'href="../instruments/ctbt.html"' in r]
    assert russia and "Ratification revoked" in russia[0] and "2023" in russia[0]
    assert "Signatory (ratification revoked)" in russia[0]  # today's standing, from status.standing


def test_withdrawals_has_suspensions_and_is_newest_first(catalog, pages):
    page = pages["withdrawals.md"]
    for inst in ("cfe", "new-start", "inf"):
        assert any(f'href="../instruments/{inst}.html"' in r and "Suspension" in r for r in rows(page)), inst
    dated = [e.when.sort_key for e in trackers_exits.exits(catalog) if e.when]
    assert dated == sorted(dated, reverse=True)


def test_withdrawals_page_is_what_search_finds_for_withdrawal(pages):
    front = pages["withdrawals.md"].split("---")[1]
    assert '"withdrawal"' in front and re.search(r'"boost": (\d+)', front).group(1) >= "4"


def test_signed_not_ratified_lists_israel_under_ctbt_both_ways(catalog, pages):
    page = pages["signed-not-ratified.md"]
    per_instrument, per_state = page.split("## Per state")
    ctbt = next(line for line in per_instrument.splitlines() if line.startswith("- **[CTBT]"))
    assert "[Israel](../states/isr.md)" in ctbt and "[India]" not in ctbt  # India never signed
    israel = next(line for line in per_state.splitlines() if line.startswith("- **[Israel]"))
    assert "[CTBT](../instruments/ctbt.md)" in israel
    # Every state listed is a signatory by status.standing, and none is bound.
    for inst_id, found in trackers_signed.signatories(catalog).items():
        for code in found:
            assert standing(catalog.by_id[inst_id], code).status == "signatory", (inst_id, code)


def test_signed_not_ratified_sorted_by_name(catalog, pages):
    per_state = pages["signed-not-ratified.md"].split("## Per state")[1]
    names = re.findall(r"^- \*\*\[([^\]]+)\]", per_state, re.M)
    assert len(names) > 50
    assert names == sorted(names, key=lambda n: states.sort_key(states.code_for_name(n)))


def test_annex_2_tracker_answers_its_question(pages):
    page = pages["entry-into-force.md"]
    assert "CTBT: which Annex 2 states still keep it from entering into force?" in page
    assert "of the 44 Annex 2 states have ratified" in page
    keeping = page.split("still keep the treaty from entering into force")[1].split("<th>State</th>")[0]
    for code in ("IND", "PAK", "PRK", "USA", "CHN", "IRN", "ISR", "EGY", "RUS"):
        assert f"(../states/{code.lower()}.md)" in keeping, code


def test_year_pages_link_previous_and_next_years_that_exist(catalog):
    pages = changes.render_all(catalog)
    years = sorted(int(name[:-3]) for name in pages if name != "index.md")
    for i, year in enumerate(years):
        page = pages[f"{year}.md"]
        prev = re.findall(r'href="(\d{4})\.html" rel="prev"', page)
        nxt = re.findall(r'href="(\d{4})\.html" rel="next"', page)
        assert prev == ([str(years[i - 1])] * 2 if i else []), year  # at the top and at the bottom
        assert nxt == ([str(years[i + 1])] * 2 if i + 1 < len(years) else []), year
    index = pages["index.md"]
    assert all(f'href="{year}.html">{year}</a>' in index for year in years)
    assert index.count("<tr><td>") < 20  # one row per decade, not per year


def _decode_at(value: str, year: int) -> tuple[str, str | None]:
    letter, who = "n", None
    for entry in value.split():
        if entry[4:5] != ":":  # the status before the first change
            letter, who = entry[0], (entry[2:] or None)
        elif int(entry[:4]) <= year:
            letter, who = entry[5], (entry[7:] or None)
    return map_history.STATUS_OF[letter], who


@pytest.mark.parametrize("inst_id", sorted(p.stem for p in paths.TREATIES.glob("*.yaml")))
def test_map_history_agrees_with_standing_every_year(catalog, inst_id):
    """What the year control shows at the end of every year is what status.standing() says."""
    inst = catalog.by_id[inst_id]
    last = inst.as_of.latest.year
    codes = sorted(set(worldmap.drawn_codes()) & set(catalog.state_codes) - set(worldmap.SOVEREIGN))
    for code in codes:
        today = catalog.entry(inst, code).status
        value = map_history.encode(map_history.history(inst, code, today))
        if not value:  # never changes: today's status in every year
            continue
        assert _decode_at(value, last) == (today.status, None), code
        first = min(int(e[:4]) for e in value.split() if e[4:5] == ":")  # at least one dated change
        for year in range(first - 2, last):
            status, who = _decode_at(value, year)
            expected = standing(inst, who or code, dt.date(year, 12, 31)).status
            assert status == expected, (code, year, value)
            if who:  # drawn in a predecessor's standing only while the state itself had none
                assert standing(inst, code, dt.date(year, 12, 31)).status is None, (code, year)


def _map_data(html: str) -> dict:
    """The figure's statuses (worldmap.map_data): {"g": [[class, label, codes]], "y": {code: history}}."""
    return json.loads(re.search(r'<script type="application/json" class="wm-data">(.*?)</script>', html).group(1))


def _class_of(data: dict, code: str) -> str:
    return next(cls for cls, _, codes in data["g"] if code in codes.split())


def test_npt_map_data_for_a_state_that_joined_in_the_1990s(catalog):
    html = maps.instrument_map(catalog, catalog.by_id["npt"])
    history = _map_data(html)["y"]
    assert _decode_at(history["ZAF"], 1980)[0] is None and _decode_at(history["ZAF"], 1991)[0] == "party"
    assert _decode_at(history["UKR"], 1980) == ("party", "SUN")  # the Soviet Union's, while Ukraine was part of it
    assert 'data-names="' in html and "Soviet Union" in html


def test_mtcr_map_india_and_pakistan_differ(catalog):
    data = _map_data(maps.instrument_map(catalog, catalog.by_id["mtcr"]))
    assert _class_of(data, "IND") == "status-member" and _class_of(data, "PAK") == "status-none"


def test_map_agrees_with_the_catalog(catalog):
    """Every state the map draws gets the class and the words of status.standing (through the catalog)."""
    for inst in catalog.instruments:
        data = _map_data(maps.instrument_map(catalog, inst))
        drawn = {code: (cls, label) for cls, label, codes in data["g"] for code in codes.split()}
        codes = set(worldmap.drawn_codes()) & set(catalog.state_codes) - set(worldmap.SOVEREIGN)
        assert set(drawn) == codes, inst.id
        for code in codes:
            status = catalog.entry(inst, code).status
            assert drawn[code] == (maps.css_class(status.status), status.label), (inst.id, code)


def test_map_weight(catalog):
    """Issue #16: no page over 150 KB; the map was 89-93 KB of every instrument page, then 43 KB inline, and is
    now its frame and statuses, the outlines being one shared script."""
    for inst_id in ("npt", "mtcr", "ctbt", "cfe"):
        size = len(maps.instrument_map(catalog, catalog.by_id[inst_id]).encode())
        assert size < 16_000, (inst_id, size)
