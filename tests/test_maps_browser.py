"""The instrument maps and the trackers in Debian's Chromium (fixtures in tests/conftest.py).

The year control recolours the map from the build's per-state data (map_history.py, from status.standing)
and puts back exactly what the build drew for today, so the legend's count equals the headline again; it
works from file:// and after Material's instant navigation; India and Pakistan differ on the MTCR map; the
map's states are links with their name and status as accessible name; my pages never scroll sideways."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from treatylib.status import joined_count

ROOT = Path(__file__).resolve().parents[1]


def _search_eval():
    spec = importlib.util.spec_from_file_location("search_eval", ROOT / "scripts" / "search_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("search_eval", module)
    spec.loader.exec_module(module)
    return module


search_eval = _search_eval()


@pytest.fixture
def page_for(browser):
    """A page in a fresh context (width, colour scheme) that fails the test on script errors or on a request
    that would leave the machine."""
    opened = []

    def make(width: int = 1400, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        requests: list[str] = []
        errors: list[str] = []
        search_eval.guard(context, requests)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda err: errors.append(str(err)))
        opened.append((context, requests, errors))
        return page

    yield make
    for context, requests, errors in opened:
        context.close()
        assert not search_eval.external(requests), search_eval.external(requests)
        assert not errors, errors


def state_class(page, code: str) -> str:
    return page.get_attribute(f'svg.wm [data-state="{code}"]', "class")


def state_title(page, code: str) -> str:
    return page.text_content(f'svg.wm [data-state="{code}"] > title')


def computed_fill(page, code: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector('svg.wm [data-state={code}] path')).fill")


def legend_count(page, cls: str) -> int:
    return int(page.text_content(f'.wm-legend li[data-class="{cls}"] .wm-count'))


def accessible(page, selector: str) -> tuple[str, str]:
    """(role, accessible name) of the element, as Chromium computes them."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("Accessibility.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    return ax["role"]["value"], ax["name"]["value"]


def set_year(page, year: int | str) -> None:
    page.eval_on_selector(
        ".wm-year input", "(el, y) => { el.value = y; el.dispatchEvent(new Event('input', {bubbles: true})); }", year
    )


def test_npt_year_control_from_file(site, page_for, load):
    page = page_for()
    page.goto((site / "instruments" / "npt.html").resolve().as_uri())
    page.wait_for_selector(".wm-year:not([hidden])")
    headline = joined_count(load("npt"))
    assert legend_count(page, "status-party") == headline
    # South Africa acceded in 1991: a party today, not joined at the end of 1980.
    assert state_class(page, "ZAF") == "status-party"
    set_year(page, 1980)
    assert state_class(page, "ZAF") == "status-none"
    assert state_title(page, "ZAF") == "South Africa: Not joined (end of 1980)"
    assert page.text_content(".wm-year output") == "end of 1980"
    assert legend_count(page, "status-party") < headline - 50
    # Ukraine was part of the Soviet Union, a party since 1970; the Soviet Union counts once.
    assert state_class(page, "UKR") == "status-party"
    assert state_title(page, "UKR") == "Ukraine (Soviet Union in 1980): Party (end of 1980)"
    # A signatory's pattern follows its class.
    set_year(page, 1968)
    assert state_class(page, "USA") == "status-signatory" and "url(" in computed_fill(page, "USA")
    # Keyboard: End goes back to today, exactly as the build drew it.
    page.focus(".wm-year input")
    page.keyboard.press("End")
    assert page.text_content(".wm-year output").startswith("today")
    assert legend_count(page, "status-party") == headline
    assert state_class(page, "USA") == "status-party"
    assert "url(" not in computed_fill(page, "USA")
    assert state_title(page, "ZAF") == "South Africa: Party"
    page.keyboard.press("ArrowLeft")
    assert page.text_content(".wm-year output") == f"end of {load('npt').as_of.latest.year - 1}"


def test_play_runs_to_today(site, page_for, load):
    page = page_for(390, "dark")
    page.goto((site / "instruments" / "npt.html").resolve().as_uri())
    page.click(".wm-play")
    assert page.get_attribute(".wm-play", "aria-pressed") == "true"
    page.wait_for_function(
        "document.querySelector('.wm-play').getAttribute('aria-pressed') === 'false'", timeout=30_000
    )
    assert page.text_content(".wm-year output").startswith("today")
    assert legend_count(page, "status-party") == joined_count(load("npt"))


def test_year_control_after_instant_navigation(site, page_for):
    page = page_for()
    with search_eval.serve(site) as base:
        page.goto(base + "instruments/index.html")
        page.locator("article a[href$='/instruments/npt.html'], article a[href='npt.html']").first.click()
        page.wait_for_url(base + "instruments/npt.html")
        page.wait_for_selector(".wm-year:not([hidden])")
        set_year(page, 1980)
        assert state_class(page, "ZAF") == "status-none"


@pytest.mark.parametrize(("width", "scheme"), [(390, "light"), (1400, "dark")])
def test_mtcr_map_india_and_pakistan_differ(site, page_for, load, width, scheme):
    page = page_for(width, scheme)
    page.goto((site / "instruments" / "mtcr.html").resolve().as_uri())
    assert state_class(page, "IND") == "status-member" and state_class(page, "PAK") == "status-none"
    colours = page.evaluate(
        "['IND', 'PAK'].map(c => getComputedStyle(document.querySelector(`svg.wm [data-state=${c}] path`)).fill)"
    )
    assert colours[0] != colours[1]
    assert legend_count(page, "status-member") + page.locator('.wm-offmap li[data-status="member"]').count() == (
        joined_count(load("mtcr"))
    )
    # Each state is a link named by its <title>: name and status, for a screen reader as on hover. Asked of
    # Chromium's own accessibility tree (Playwright's role engine does not read an SVG <title>).
    assert accessible(page, 'svg.wm [data-state="IND"]') == ("link", "India: Partner")
    # And a tab stop: from the Play button, Tab lands on the first state on the map.
    page.focus(".wm-play")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-state')")


@pytest.mark.parametrize("width", [390, 1400])
@pytest.mark.parametrize(
    "name",
    [
        "trackers/index.html",
        "trackers/withdrawals.html",
        "trackers/signed-not-ratified.html",
        "trackers/entry-into-force.html",
        "changes/2003.html",
        "changes/index.html",
    ],
)
def test_tracker_and_year_pages_do_not_scroll_sideways(site, page_for, name, width):
    page = page_for(width)
    page.goto((site / name).resolve().as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if name == "changes/2003.html":
        assert page.locator("nav.year-nav a[rel=prev]").first.get_attribute("href") == "2002.html"
        assert page.locator("nav.year-nav a[rel=next]").first.get_attribute("href") == "2004.html"


def test_without_javascript_the_map_says_so(site, browser):
    """mapyear.js draws the states; without it there is no empty globe but a line that says where the
    facts are, and the legend keeps its counts."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "instruments" / "npt.html").resolve().as_uri())
        assert not page.locator(".wm-figure svg.wm:not(.wm-swatch)").is_visible()
        assert page.locator(".wm-noscript").is_visible()
        assert page.locator('.wm-legend li[data-class="status-party"]').is_visible()
    finally:
        context.close()
