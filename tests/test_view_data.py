"""The shared data of the matrix and compare views (render/view_data.py): compact, and every
status in it, today's and each year-end's, exactly what status.standing says."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from treatylib import paths, states
from treatylib.catalog import Catalog
from treatylib.render import matrix, view_data
from treatylib.status import standing
from treatylib.validate import validate_paths

PAGE_LIMIT = 150_000  # bytes, per page (issue #16)


@pytest.fixture(scope="module")
def catalog():
    result = validate_paths(sorted(paths.TREATIES.glob("*.yaml")), root=paths.ROOT)
    return Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))


@pytest.fixture(scope="module")
def data(catalog):
    return view_data.view_data(catalog)


def _at(data: dict, cell, year: int) -> tuple[int, str]:
    """The JavaScript's reading of a cell (views.js statusAt), in Python."""
    today = (cell, "") if isinstance(cell, int) else (cell[0], cell[1] or "")
    if year >= data["years"][1] or isinstance(cell, int) or len(cell) < 3:
        return today
    found = None
    for change in cell[2]:
        if change[0] <= year:
            found = change
    if found is None or len(found) == 1:
        return today
    return found[1], found[2] if len(found) > 2 else ""


def _expected(data: dict, st) -> tuple[str, str, str]:
    return (st.value, st.label, st.date.text if st.date else "")


def _decoded(data: dict, kind_and_date: tuple[int, str]) -> tuple[str, str, str]:
    value, label, _icon, _css = data["kinds"][kind_and_date[0]]
    return (value, label, kind_and_date[1])


def test_key_instruments_come_first(data):
    ids = [i[0] for i in data["instruments"]]
    assert ids[: len(view_data.KEY_INSTRUMENTS)] == list(view_data.KEY_INSTRUMENTS)
    bilateral = [n for n, i in enumerate(data["instruments"]) if i[3] == "bilateral"]
    assert bilateral == list(range(len(ids) - len(bilateral), len(ids)))  # bilateral treaties last


def test_rows_are_sorted_by_name(data):
    codes = [row[0] for row in data["states"]]
    assert codes == sorted(codes, key=states.sort_key)


def test_today_is_what_standing_says(catalog, data):
    by_id = catalog.by_id
    for row in data["states"]:
        for inst, cell in zip(data["instruments"], row[5], strict=True):
            st = standing(by_id[inst[0]], row[0])
            assert _decoded(data, _at(data, cell, data["years"][1])) == _expected(data, st), (row[0], inst[0])


@pytest.mark.parametrize(
    "ident", ["npt", "ctbt", "cwc", "tpnw", "mtcr", "hcoc", "cfe", "open-skies", "abm", "inf", "geneva-protocol"]
)
def test_every_year_end_is_what_standing_says(catalog, data, ident):
    """The history holds only changes; read back, it gives standing() at the end of every year."""
    index = [i[0] for i in data["instruments"]].index(ident)
    inst = catalog.by_id[ident]
    first, last = data["years"]
    for row in data["states"]:
        cell = row[5][index]
        for year in range(first, last):
            st = standing(inst, row[0], dt.date(year, 12, 31))
            assert _decoded(data, _at(data, cell, year)) == _expected(data, st), (row[0], ident, year)


def test_npt_history_of_a_state_that_joined_in_the_1990s(data):
    npt = [i[0] for i in data["instruments"]].index("npt")
    france = next(row for row in data["states"] if row[0] == "FRA")[5][npt]
    assert data["kinds"][_at(data, france, 1991)[0]][0] == "not-joined"
    assert data["kinds"][_at(data, france, 1992)[0]][0] == "party"


def test_the_data_file_is_compact_and_cannot_close_a_script(catalog):
    text = view_data.script(catalog)
    assert text.startswith("window.treatyData = {")
    assert "<" not in text  # safe.script_json: no </script>, no <!--
    payload = json.loads(text[text.index("{") : text.rindex("};") + 1])
    assert payload["kinds"][0][:3] == ["party", "Party", "✔"]
    assert len(text.encode()) < 300_000


def test_pages_load_the_shared_file_and_stay_light(site):
    shared = site / matrix.DATA_FILE
    assert shared.is_file()
    for name in ("matrix.html", "compare.html"):
        html = (site / name).read_text(encoding="utf-8")
        assert f'<script src="{matrix.DATA_FILE}"></script>' in html
        assert "window.treatyData =" not in html  # not embedded in the page
        assert len(html.encode()) < PAGE_LIMIT, (name, len(html.encode()))
    # Only these two pages load it.
    assert matrix.DATA_FILE not in (site / "index.html").read_text(encoding="utf-8")
    assert matrix.DATA_FILE not in (site / "instruments" / "npt.html").read_text(encoding="utf-8")


def test_a_cell_resting_on_an_undated_act_is_flagged(catalog, data):
    """standing() counts an undated act from the start; the year view must be able to say so."""
    hcoc = [i[0] for i in data["instruments"]].index("hcoc")
    inst = catalog.by_id["hcoc"]
    for row in data["states"]:
        undated = any(a.date is None for a in inst.actions_by_state().get(row[0], ()))
        cell = row[5][hcoc]
        assert (isinstance(cell, list) and len(cell) == 4 and cell[3] == 1) == undated, row[0]
