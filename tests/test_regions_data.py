"""data/regions.yaml: UN membership, M49 regions and groups of states."""

from __future__ import annotations

from collections import Counter

import pytest

from treatylib import states, yamlio
from treatylib.paths import DATA

REGIONS = {
    "Africa": {"Northern Africa", "Sub-Saharan Africa"},
    "Americas": {"Latin America and the Caribbean", "Northern America"},
    "Asia": {"Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia"},
    "Europe": {"Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"},
    "Oceania": {"Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"},
}
GROUP_SIZES = {"P5": 5, "nuclear-armed": 9, "NATO": 32, "EU": 27}


@pytest.fixture(scope="module")
def data() -> dict:
    return yamlio.load(DATA / "regions.yaml")


@pytest.fixture(scope="module")
def rows(data) -> list[dict]:
    return data["states"]


def test_un_members_and_observers(rows):
    counts = Counter(row["un"] for row in rows)
    assert counts["member"] == 193
    assert counts["observer"] == 2
    assert set(counts) <= {"member", "observer", "none"}
    assert {row["code"] for row in rows if row["un"] == "observer"} == {"VAT", "PSE"}
    assert {row["code"] for row in rows if row["un"] == "none"} == {"COK", "NIU", "XKX"}


def test_codes_are_known_and_unique(rows):
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    unknown = [code for code in codes if not states.is_known(code)]
    assert not unknown


def test_regions_are_m49_names(rows):
    for row in rows:
        assert row["region"] in REGIONS, row["code"]
        assert row["subregion"] in REGIONS[row["region"]], row["code"]


@pytest.mark.parametrize(
    ("code", "region", "subregion"),
    [
        ("CYP", "Asia", "Western Asia"),
        ("TUR", "Asia", "Western Asia"),
        ("GEO", "Asia", "Western Asia"),
        ("ARM", "Asia", "Western Asia"),
        ("AZE", "Asia", "Western Asia"),
        ("KAZ", "Asia", "Central Asia"),
        ("RUS", "Europe", "Eastern Europe"),
        ("MEX", "Americas", "Latin America and the Caribbean"),
        ("SDN", "Africa", "Northern Africa"),
        ("IRN", "Asia", "Southern Asia"),
    ],
)
def test_tricky_m49_assignments(code, region, subregion):
    state = states.get(code)
    assert (state.region, state.subregion) == (region, subregion)


def test_group_sizes(data, rows):
    sizes = Counter(group for row in rows for group in row.get("groups", ()))
    assert dict(sizes) == GROUP_SIZES
    assert {group["key"] for group in data["groups"]} == set(GROUP_SIZES)


def test_group_members(rows):
    members = {key: {row["code"] for row in rows if key in row.get("groups", ())} for key in GROUP_SIZES}
    assert members["P5"] == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert members["nuclear-armed"] == members["P5"] | {"IND", "PAK", "PRK", "ISR"}
    assert {"FIN", "SWE", "TUR", "USA", "CAN"} <= members["NATO"]
    assert "GBR" not in members["EU"]
    assert {"CYP", "MLT", "HRV"} <= members["EU"]


def test_group_sources_are_listed(data):
    source_keys = {source["key"] for source in data["sources"]}
    assert all(source["url"].startswith("https://") for source in data["sources"])
    for group in data["groups"]:
        assert group["source"] in source_keys, group["key"]
