"""The build-time world map (treatylib.render.worldmap): geometry, coverage, accessibility, escaping, size."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from treatylib import yamlio
from treatylib.paths import DATA
from treatylib.render import worldmap

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"


def _regions() -> list[dict]:
    return yamlio.load(DATA / "regions.yaml")["states"]


UN_MEMBERS = sorted(row["code"] for row in _regions() if row["un"] == "member")
ALL_STATES = sorted(row["code"] for row in _regions())


MAPYEAR = worldmap.DATA.parent / "docs" / "assets" / "js" / "mapyear.js"


def sample_figure(labels_extra: dict[str, str] | None = None, title: str = "Sample") -> str:
    """A figure as maps.instrument_map writes one (frame, statuses), with a few statuses set."""
    fills = {code: "status-none" for code in ALL_STATES}
    fills.update({"IND": "status-member", "FRA": "status-party", "PAK": "status-signatory", "AND": "status-party"})
    labels = {code: "Not joined" for code in ALL_STATES}
    labels.update({"IND": "Partner", "PAK": "Signatory", **(labels_extra or {})})
    data = worldmap.map_data(fills, labels, {"IND": "2016:m"}, "../states/")
    shell = worldmap.map_shell(
        title=title, desc="A sample map.", id_prefix="map-sample", classes=sorted(set(fills.values()))
    )
    statuses = json.dumps(data).replace("<", "\\u003c")
    return f'<div class="wm-figure"><script type="application/json" class="wm-data">{statuses}</script>{shell}</div>'


def draw_in_chromium(browser, figure: str, rename: dict[str, str] | None = None) -> str:
    """The <svg> as mapyear.js draws it from the shared outlines (worldmap.shapes_script), in Chromium.
    rename: state code -> a name to put into the shared outlines first (as data/ could)."""
    page = browser.new_page()
    try:
        page.set_content(f"<!doctype html><html><body>{figure}</body></html>")
        page.add_script_tag(content=worldmap.shapes_script())
        for code, name in (rename or {}).items():
            page.evaluate(
                "([code, name]) => window.treatyWorld.shapes.forEach(s => { if (s[0] === code) s[2] = name; })",
                [code, name],
            )
        page.add_script_tag(content=MAPYEAR.read_text(encoding="utf-8"))
        return page.evaluate("document.querySelector('svg.wm').outerHTML")
    finally:
        page.close()


@pytest.fixture(scope="module")
def full(browser) -> str:
    return draw_in_chromium(browser, sample_figure())


@pytest.fixture(scope="module")
def tree(full) -> ET.Element:
    return ET.fromstring(full)  # well-formed XML, or this raises


def elements(tree: ET.Element) -> dict[str, list[ET.Element]]:
    """state code -> the elements (<a> or <g>) drawn for it (its data-state: the state whose status it shows)."""
    found: dict[str, list[ET.Element]] = {}
    for group in tree.iter(f"{SVG}g"):
        if (group.get("class") or "").split()[:1] not in (["wm-states"], ["wm-dots"]):
            continue
        for el in group:
            found.setdefault(el.get("data-state"), []).append(el)
    return found


def path_of(tree: ET.Element, code: str) -> str:
    for el in elements(tree)[code]:
        path = el.find(f"{SVG}path")
        if path is not None:
            return path.get("d")
    raise AssertionError(f"{code} has no path")


def test_numeric_ids_map_to_alpha3():
    assert worldmap.alpha3("356") == "IND"
    assert worldmap.alpha3("586") == "PAK"
    assert worldmap.alpha3("643") == "RUS"
    assert worldmap.alpha3("4") == "AFG"  # unpadded ids still match ISO's three digits
    assert worldmap.alpha3(None, "Kosovo") == "XKX"
    assert worldmap.alpha3("-99", "Somaliland") == "SOM"
    assert worldmap.alpha3(None, "Atlantis") is None


def test_every_vendored_feature_has_a_code():
    topology = json.loads(worldmap.TOPOLOGY.read_text(encoding="utf-8"))
    unmapped = [name for numeric, name, _ in worldmap.features(topology) if worldmap.alpha3(numeric, name) is None]
    assert unmapped == []


def test_well_formed_and_self_contained(full, tree):
    assert tree.tag == f"{SVG}svg"
    assert tree.get("width") == "100%" and tree.get("viewBox").startswith("0 0 1000 ")
    assert "height" not in tree.attrib
    assert tree.find(f"{SVG}title").text == "Sample"
    # No scripts, no fonts, no style colours, nothing fetched: only in-document url(#...) references.
    assert "<script" not in full and "<style" not in full and "@font-face" not in full
    assert re.findall(r"(?:href|src)=\"(?:https?:)?//", full) == []
    assert set(re.findall(r"url\((.)", full)) <= {"#"}
    assert not re.search(r"#[0-9a-fA-F]{6}\b|rgb\(", full), "colours belong in map.css, not in the SVG"


def test_india_and_pakistan_paths_exist_and_differ(tree):
    india, pakistan = path_of(tree, "IND"), path_of(tree, "PAK")
    assert len(india) > 100 and len(pakistan) > 50
    assert india != pakistan
    (ind,) = elements(tree)["IND"]
    (pak,) = elements(tree)["PAK"]
    assert ind.get("class") == "status-member" and pak.get("class") == "status-signatory"


def test_state_without_polygon_is_a_dot(tree):
    (andorra,) = elements(tree)["AND"]
    assert andorra.find(f"{SVG}path") is None
    dot = andorra.find(f"{SVG}circle")
    assert dot is not None and float(dot.get("r")) > 0
    assert andorra.get("class") == "status-party"
    # A link is a tab stop by itself (tests/test_maps_browser.py checks it in Chromium): no tabindex="-1".
    assert andorra.get("tabindex") is None and andorra.get("{http://www.w3.org/1999/xlink}href") == "../states/and.html"


def test_tiny_polygon_gets_a_dot_too_but_one_tab_stop(tree):
    luxembourg = elements(tree)["LUX"]
    assert [el.find(f"{SVG}path") is not None for el in luxembourg] == [True, False]
    assert luxembourg[1].get("tabindex") == "-1" and luxembourg[1].get("aria-hidden") == "true"


@pytest.mark.parametrize("code", UN_MEMBERS)
def test_every_un_member_is_on_the_map(tree, code):
    drawn = elements(tree).get(code, [])
    assert any(el.find(f"{SVG}path") is not None or el.find(f"{SVG}circle") is not None for el in drawn), code


def test_observers_and_others_in_regions_are_on_the_map(tree):
    assert set(ALL_STATES) <= set(elements(tree))


def test_titles_and_accessible_names(tree):
    (india,) = elements(tree)["IND"]
    assert india.find(f"{SVG}title").text == "India: Partner"
    # The <title> is the accessible name (SVG-AAM); no aria-label repeats it (page weight).
    assert india.get("aria-label") is None
    greenland = [el for el in elements(tree)["DNK"] if el.find(f"{SVG}title").text.startswith("Greenland")]
    assert greenland and greenland[0].find(f"{SVG}title").text == "Greenland (Denmark): Not joined"
    # The year control's data is on the state's own outline, not on a territory drawn in its status.
    assert india.get("data-y") == "2016:m" and greenland[0].get("data-y") is None


def test_patterns_for_statuses_other_than_solid(full, tree):
    # A full map's patterns have fixed ids that map.css fills each class with: no attribute per state.
    (pak,) = elements(tree)["PAK"]
    assert pak.find(f"{SVG}path").get("fill") is None
    pattern = tree.find(f".//{SVG}pattern[@id='wmp-status-signatory']")
    assert pattern is not None and pattern.find(f"{SVG}rect").get("class") == "status-signatory"
    css = (worldmap.DATA.parent / "docs" / "assets" / "css" / "map.css").read_text(encoding="utf-8")
    for cls in worldmap.PATTERNS:
        assert f".wm:not(.wm-small) .{cls} > path" in css and f"url(#wmp-{cls})" in css, cls
    fra = elements(tree)["FRA"]  # France, New Caledonia, French Southern Territories
    assert len(fra) == 3
    assert all(el.find(f"{SVG}path").get("fill") is None for el in fra)  # parties are solid


def test_hostile_text_is_only_text(browser):
    """Names (data/) and labels reach the map as text: the script sets them with textContent."""
    figure = sample_figure({"FRA": HOSTILE}, title=HOSTILE)
    svg = draw_in_chromium(browser, figure, rename={"DEU": HOSTILE})
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script")) and "<script" not in svg
    assert root.find(f"{SVG}title").text == HOSTILE
    assert elements(root)["FRA"][0].find(f"{SVG}title").text == f"France: {HOSTILE}"
    assert elements(root)["DEU"][0].find(f"{SVG}title").text == f"{HOSTILE}: Not joined"
    assert figure.count("<script") == 1 and figure.count("</script") == 1  # the statuses' own element only
    legend = worldmap.legend([("status-party", HOSTILE, 3)])
    assert "<script" not in legend
    ET.fromstring(legend)


@pytest.mark.parametrize(
    "call",
    [
        lambda: worldmap.map_data({"FRA": 'x" onclick="y'}, {}, {}, "../states/"),
        lambda: worldmap.map_data({}, {}, {"FRA": "1968:p<x"}, "../states/"),
        lambda: worldmap.map_data({}, {}, {}, "javascript:alert(1)//"),
        lambda: worldmap.map_shell(title="t", desc="", id_prefix='a"b', classes=[]),
        lambda: worldmap.map_shell(title="t", desc="", id_prefix="ok", classes=['x" onclick="y']),
    ],
)
def test_unsafe_classes_histories_links_and_ids_are_refused(call):
    with pytest.raises(ValueError):
        call()


def test_no_line_across_the_map_at_the_antimeridian(tree):
    # Russia and Fiji cross 180 degrees; drawn naively, one segment would span the whole map.
    for code in ("RUS", "FJI", "USA"):
        for sub in path_of(tree, code).split("M")[1:]:
            steps = re.findall(r"-?\d*\.?\d+", sub.split("l", 1)[1])
            assert max(abs(float(v)) for v in steps[0::2]) < 300 * worldmap.FACTOR[False], (
                code
            )  # under 0.3 of the width


def test_size():
    """Issue #16: the outlines are one shared script (cached once), and each page carries only its frame and
    statuses: the inline map was 43 KB of each instrument page."""
    assert len(worldmap.shapes_script().encode()) < 30_000
    assert len(sample_figure().encode()) < 8_000


def test_legend_shows_pattern_and_text():
    html = worldmap.legend([("status-party", "Party", 191), ("status-signatory", "Signatory", 2)])
    root = ET.fromstring(html)
    items = root.findall("li")
    assert [li.find("span").text for li in items] == ["Party", "Signatory"]
    assert items[1].find(f".//{SVG}pattern") is not None
    assert items[0].find(f".//{SVG}pattern") is None
    assert "191" in html


def test_equal_earth():
    assert worldmap.equal_earth(0, 0) == (0.0, 0.0)
    x, _ = worldmap.equal_earth(180, 0)
    assert x == pytest.approx(2.70663, abs=1e-4)  # pi / (sqrt(3)/2 * A1)
    _, y = worldmap.equal_earth(0, 90)
    assert y == pytest.approx(1.31733, abs=1e-4)
    assert worldmap.equal_earth(-30, -40) == pytest.approx(tuple(-v for v in worldmap.equal_earth(30, 40)))


def test_dot_points_are_documented():
    points = json.loads(worldmap.POINTS.read_text(encoding="utf-8"))["points"]
    assert {p["source"] for p in points.values()} <= {"countries-50m.json", "countries-10m.json"}
    assert "AND" in points and "TUV" in points
    assert all(-180 <= p["lon"] <= 180 and -90 <= p["lat"] <= 90 for p in points.values())


def test_crimea_is_drawn_as_ukraine():
    raw = json.loads(worldmap.TOPOLOGY.read_text(encoding="utf-8"))
    crimea = worldmap.TRANSFERS[0][0]

    def owners(topology):
        return {
            name
            for _, name, polys in worldmap.features(topology)
            for poly in polys
            if worldmap._inside(crimea, poly[0])
        }

    assert owners(raw) == {"Russia"}  # Natural Earth 4.1.0 draws de facto control
    moved = worldmap.apply_transfers(raw)
    assert owners(moved) == {"Ukraine"}
    ukraine = next(polys for _, name, polys in worldmap.features(moved) if name == "Ukraine")
    assert len(ukraine) == 1  # one outline: no border drawn between Crimea and the mainland


def test_drawn_codes():
    drawn = worldmap.drawn_codes()
    assert set(ALL_STATES) <= drawn
    assert "ATA" not in drawn  # Antarctica is left out
    assert {"GRL", "DNK"} <= drawn  # a territory, and the state whose status it shows


def test_locator_is_a_shared_image_with_the_state_over_it():
    """State pages share one world image and carry only their own state's outline: the inline world
    cost 24 KB on each of 200 pages."""
    base = worldmap.locator_base()
    root = ET.fromstring(base)
    assert root.find(f".//{SVG}title") is None and "data-state" not in base  # decorative: no names
    assert len(base.encode()) < 20_000
    overlay = ET.fromstring(worldmap.locator_overlay("IND", "Where India is"))
    assert overlay.get("role") == "img" and overlay.find(f"{SVG}title").text == "Where India is"
    assert overlay.get("viewBox") == root.get("viewBox")  # laid exactly over the image
    (shape,) = [s for s in worldmap.layout(True).shapes if s.own == "IND"]
    assert [p.get("d") for p in overlay.iter(f"{SVG}path")] == [shape.d]
    malta = ET.fromstring(worldmap.locator_overlay("MLT", "Where Malta is"))
    assert malta.find(f".//{SVG}circle[@class='wm-ring']") is not None  # too small to find without a ring
