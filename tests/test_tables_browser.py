"""Participation tables and wide table pages in a real browser (Debian's Chromium, Playwright).

Page height and sideways scrolling are what readers complained about (issue #13): the NPT page was
over 100,000 px tall at 1400 px. The filter must narrow the rows, survive a reload from the
address, work over HTTP with instant navigation and from disk, and the details rows must open
with the keyboard.
"""

from __future__ import annotations

import pytest
from test_browser import Tab, file_url, search_eval


@pytest.fixture(autouse=True)
def _needs_browser(browser):
    """A missing browser stops these tests at set-up (an error, never a skip), before the site builds."""


def _open(browser, url: str, width: int, scheme: str = "light") -> Tab:
    tab = Tab(browser, width=width)
    tab.page.emulate_media(color_scheme=scheme)
    tab.page.goto(url)
    return tab


def _page_overflow(page) -> int:
    """How far the page itself scrolls sideways (a table scrolling in its own box does not count)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_npt_page_is_short_at_1400(browser, site):
    tab = _open(browser, file_url(site, "instruments/npt.html"), 1400)
    height = tab.page.evaluate("document.documentElement.scrollHeight")
    assert height < 20_000, height
    # The table fits the widened page: no sideways scrolling inside its box either.
    inner = tab.page.evaluate("(w => w.scrollWidth - w.clientWidth)(document.querySelector('.pt-wrap'))")
    assert inner <= 1, inner
    tab.check()
    tab.close()


@pytest.mark.parametrize(
    "name", ["instruments/npt.html", "instruments/hcoc.html", "instruments/ctbt.html", "instruments/index.html"]
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_sideways_page_scroll_at_390(browser, site, name, scheme):
    tab = _open(browser, file_url(site, name), 390, scheme)
    assert _page_overflow(tab.page) <= 0, name
    if name != "instruments/index.html":
        # An open details row keeps its text in view: it spans the script's button column too.
        button = tab.page.locator("table.pt-table .pt-toggle").first
        button.click()
        details = tab.page.locator("#" + button.get_attribute("aria-controls") + " > td")
        assert details.get_attribute("colspan") == str(tab.page.locator("table.pt-table thead th").count())
        assert _page_overflow(tab.page) <= 0, name
    tab.check()
    tab.close()


def test_instruments_list_shows_every_column_at_1400(browser, site):
    tab = _open(browser, file_url(site, "instruments/index.html"), 1400)
    table = tab.page.locator("article table").first
    box = table.bounding_box()
    content = tab.page.locator("article").bounding_box()
    assert box["x"] + box["width"] <= content["x"] + content["width"] + 1, (box, content)
    assert "Parties or members" in table.locator("thead").inner_text()
    tab.check()
    tab.close()


def _shown(page) -> int:
    return page.evaluate("document.querySelectorAll('table.pt-table > tbody:not([hidden])').length")


def _check_filter_survives_reload(page) -> None:
    total = _shown(page)
    assert total > 150
    page.locator(".pt-filters input[name=state]").fill("korea")
    assert 1 <= _shown(page) <= 3
    assert "korea" in page.url
    page.locator(".pt-filters select[name=status]").select_option("withdrawn")
    assert _shown(page) == 1
    assert "North Korea" in page.locator("table.pt-table > tbody:not([hidden]) th").inner_text()
    assert page.locator(".pt-count").inner_text() == f"1 of {total} states shown"
    page.reload()
    page.wait_for_function("document.querySelector('.pt-filters') && !document.querySelector('.pt-filters').hidden")
    assert page.locator(".pt-filters input[name=state]").input_value() == "korea"
    assert page.locator(".pt-filters select[name=status]").input_value() == "withdrawn"
    assert _shown(page) == 1
    # Emptying the filter brings every row back, and the address forgets it.
    page.locator(".pt-filters input[name=state]").fill("")
    page.locator(".pt-filters select[name=status]").select_option("")
    assert _shown(page) == total
    assert "state=" not in page.url and "status=" not in page.url


def test_filter_narrows_and_survives_reload_from_disk(browser, site):
    tab = _open(browser, file_url(site, "instruments/npt.html"), 1400)
    _check_filter_survives_reload(tab.page)
    tab.check()
    tab.close()


def test_filter_over_http_after_instant_navigation(browser, site):
    tab = Tab(browser, width=1400)
    page = tab.page
    with search_eval.serve(site) as base:
        page.goto(base + "instruments/index.html")
        # Instant navigation swaps the page in without loading it: the script must still wire the table.
        page.locator("article a[href$='npt.html']").first.click()
        page.wait_for_url(base + "instruments/npt.html")
        page.wait_for_function("document.querySelector('.pt-filters') && !document.querySelector('.pt-filters').hidden")
        _check_filter_survives_reload(page)
        # A shared address opens with the same rows.
        page.goto(base + "instruments/npt.html?status=withdrawn")
        page.wait_for_function("document.querySelector('.pt-count') && document.querySelector('.pt-count').textContent")
        assert _shown(page) == 1
    tab.check()
    tab.close()


def test_keyboard_opens_a_details_row(browser, site):
    tab = _open(browser, file_url(site, "instruments/npt.html"), 1400)
    page = tab.page
    button = page.get_by_role("button", name="Details for North Korea")
    details = page.locator("#" + button.get_attribute("aria-controls"))
    assert not details.is_visible()  # folded by default
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert details.is_visible()
    assert "withdrawal notice 2003-01-10, effective 2003-04-10 (disputed)" in details.inner_text()
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "false" and not details.is_visible()
    # "All details" opens every record at once, and closes them again.
    every = page.get_by_role("button", name="All details")
    every.click()
    assert page.locator("table.pt-table > tbody.pt-open").count() == page.locator(".pt-toggle:not(.pt-all)").count()
    every.click()
    assert page.locator("table.pt-table > tbody.pt-open").count() == 0
    tab.check()
    tab.close()


def test_sorting_keeps_each_details_row_with_its_state(browser, site):
    tab = _open(browser, file_url(site, "instruments/npt.html"), 1400)
    page = tab.page
    page.locator("table.pt-table thead button.sort", has_text="Consent to be bound").click()
    first = page.locator("table.pt-table > tbody").first
    # The earliest consent: the first rows are the 1968 ratifications, not alphabetical order.
    assert "1968" in first.locator("td").nth(2).inner_text()
    for group in page.locator("table.pt-table > tbody").all()[:40]:
        rows = group.locator("tr")
        if rows.count() == 2:
            assert rows.nth(1).locator("td").count() == 1  # the details row travelled with its state
    tab.check()
    tab.close()
