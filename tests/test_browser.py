"""The built site in a real browser: Debian's Chromium, driven by Playwright.

The offline edition is opened from disk (file://, both the test build and the zip that
scripts/offline.py writes) and the normal build over a local HTTP server. Every request the
browser makes is recorded and any that would leave the machine is aborted and fails the test.

Chromium must be installed (`apt-get install chromium`); without it these tests fail. Set
SKIP_BROWSER=1 to skip them on purpose.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses need their module registered
    spec.loader.exec_module(module)
    return module


search_eval = _script("search_eval")
offline = _script("offline")

MIN_PRECISION_AT_1 = 1.0  # every query in tests/search_queries.yaml answered first


@pytest.fixture(autouse=True)
def _needs_browser(browser):
    """Every test here needs the browser (tests/conftest.py), so a missing one stops them all at set-up
    (an error, never a skip) before the site fixtures spend time building."""


class Tab:
    """A fresh browser context and page that record every request and script error."""

    def __init__(self, browser, width: int = 1280, height: int = 900):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        search_eval.guard(self.context, self.requests)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

    def check(self) -> None:
        leaked = search_eval.external(self.requests)
        assert not leaked, f"requests that would have left the machine: {leaked}"
        assert not self.errors, f"script errors: {self.errors}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser):
    t = Tab(browser)
    yield t
    t.close()


def file_url(folder: Path, page: str = "index.html") -> str:
    name, hash_, fragment = page.partition("#")
    return (folder / name).resolve().as_uri() + hash_ + fragment


def h1(page) -> str:
    return page.locator("article h1").first.inner_text()


def typed_search(page, query: str, expect: str) -> None:
    """Type a query key by key and wait until the first result is the expected page.

    Each key sends a query, so a result for a prefix ("Pak") may show first: a result counts only
    once the words it matched (Material's ?h= on the link) are all words of the whole query."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query)
    words = [w for w in re.split(r"[\s\-,:;!?=\[\]()\"/]+", query.lower()) if w]
    try:
        page.wait_for_function(
            """([expect, words]) => {
                const a = document.querySelector(".md-search-result__item a.md-search-result__link");
                if (!a) return false;
                const url = new URL(a.href);
                const matched = (url.searchParams.get("h") || "").split(/\\s+/).filter(Boolean);
                return url.pathname.endsWith("/" + expect) && matched.length > 0 &&
                    matched.every(term => words.includes(term));
            }""",
            arg=[expect, words],
            timeout=10_000,
        )
    except Exception:
        top = page.eval_on_selector_all(".md-search-result__item > a", "as => as.slice(0, 3).map(a => a.href)")
        pytest.fail(f"search {query!r}: expected {expect} first, got {top}")


def test_guard_blocks_and_reports_requests_that_leave_the_machine(tab, tmp_path):
    (tmp_path / "probe.html").write_text("<!doctype html><title>probe</title>", encoding="utf-8")
    tab.page.goto(file_url(tmp_path, "probe.html"))
    outcome = tab.page.evaluate("fetch('https://example.org/x').then(() => 'sent', () => 'blocked')")
    assert outcome == "blocked"
    assert search_eval.external(tab.requests) == ["https://example.org/x"]
    assert search_eval.is_local("http://127.0.0.1:8000/a") and search_eval.is_local("file:///tmp/a")
    assert not search_eval.is_local("http://127.0.0.2.example.org/")
    assert not search_eval.is_local("https://localhost.evil/")


# ---- offline edition, from disk ---------------------------------------------------------------


def test_offline_site_from_disk_search_and_enter(tab, offline_site):
    page = tab.page
    page.goto(file_url(offline_site))
    page.keyboard.press("s")  # Material's shortcut focuses the search box
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    typed_search(page, "NPT", "instruments/npt.html")
    typed_search(page, "Pakistan", "states/pak.html")
    typed_search(page, "Annex 2", "instruments/ctbt.html")
    # Enter opens the best result, from disk too.
    typed_search(page, "Wassenaar", "instruments/wassenaar.html")
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(re.compile(r"/instruments/wassenaar\.html"))
    assert "Wassenaar" in h1(page)
    assert all(u.startswith(("file:", "data:", "blob:", "about:")) for u in tab.requests)
    tab.check()


def test_offline_zip_works_from_disk(browser, offline_site, tmp_path):
    archive = tmp_path / f"{offline.NAME}.zip"
    offline.bundle(offline_site, archive)  # the script's own zip step, on the same offline build
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert f"{offline.NAME}/index.html" in names
        assert all(n.startswith(f"{offline.NAME}/") for n in names)
        zf.extractall(tmp_path / "unzipped")
    root = tmp_path / "unzipped" / offline.NAME
    tab = Tab(browser, width=600, height=900)  # a phone-sized window: search is behind a header button
    try:
        page = tab.page
        page.goto(file_url(root))
        page.locator("header label.md-header__button[for=__search]").click()  # open search by its label
        assert page.evaluate("document.activeElement.matches('input.md-search__input')")
        typed_search(page, "North Korea", "states/prk.html")
        page.goto(file_url(root, "matrix.html"))
        page.wait_for_selector("#matrix-app table.matrix-table tbody tr")
        page.goto(file_url(root, "compare.html#IND,PAK"))
        page.wait_for_selector("#cmp-table table.compare-table")
        tab.check()
    finally:
        tab.close()


def test_search_quality(browser, offline_site):
    """tests/search_queries.yaml through the real search UI of the offline build."""
    tab = Tab(browser)
    try:
        report = search_eval.evaluate(tab.page, file_url(offline_site), search_eval.load_queries())
        tab.check()
    finally:
        tab.close()
    print("\n" + report.summary() + ("\n" + report.describe_failures() if report.failures else ""))
    assert report.precision_at_1 >= MIN_PRECISION_AT_1, report.summary() + "\n" + report.describe_failures()
    assert not report.floods, report.describe_failures()


# ---- normal build, over HTTP -------------------------------------------------------------------


def test_http_search_and_requests_stay_local(tab, site):
    page = tab.page
    with search_eval.serve(site) as base:
        page.goto(base + "index.html")
        page.keyboard.press("/")
        typed_search(page, "DPRK", "states/prk.html")
        typed_search(page, "Turkey", "states/tur.html")
        typed_search(page, "test ban", "instruments/ctbt.html")
        # The search index is fetched by Material's web worker: proof its requests are seen too.
        assert any(u.endswith("/search/search_index.json") for u in tab.requests), tab.requests
        assert all(u.startswith(base) for u in tab.requests if not u.startswith(("data:", "blob:"))), tab.requests
        tab.check()


def test_navigation_home_to_instrument_and_state(tab, site):
    page = tab.page
    with search_eval.serve(site) as base:
        page.goto(base + "index.html")
        # Material's instant navigation makes every link absolute, hence $= (ends with).
        page.locator("article a[href$='/states/pak.html'], article a[href='states/pak.html']").first.click()
        page.wait_for_url(base + "states/pak.html")
        page.wait_for_function("document.querySelector('article h1').textContent.includes('Pakistan')")
        page.go_back()
        page.wait_for_url(base + "index.html")
        page.locator("article a[href$='/instruments/mtcr.html'], article a[href='instruments/mtcr.html']").first.click()
        page.wait_for_url(base + "instruments/mtcr.html")
        page.wait_for_function("document.querySelector('article h1').textContent.includes('MTCR')")
        page.locator("article a[href$='/states/ind.html']").first.click()
        page.wait_for_url(base + "states/ind.html")
        page.wait_for_function("document.querySelector('article h1').textContent.includes('India')")
        tab.check()


# ---- matrix and compare views ------------------------------------------------------------------


class Opener:
    def __init__(self, http: bool, base: str):
        self.http = http
        self.base = base

    def __call__(self, page, name: str) -> None:
        page.goto(self.base + name)


@pytest.fixture(params=["file", "http"])
def start(request, offline_site, site):
    """Opens a page of the offline build from disk, or of the normal build over HTTP."""
    if request.param == "file":
        yield Opener(False, offline_site.resolve().as_uri() + "/")
    else:
        with search_eval.serve(site) as base:
            yield Opener(True, base)


def matrix_headings(page) -> list[str]:
    return page.eval_on_selector_all("table.matrix-table thead th", "ths => ths.map(th => th.textContent.trim())")


def matrix_cell(page, row: int, instrument: str):
    """The icon of a cell, by the row's index and the instrument's short name as its heading says."""
    column = matrix_headings(page).index(instrument) - 1
    return page.locator("table.matrix-table tbody tr").nth(row).locator(".mx-i").nth(column)


def assert_no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )


def test_matrix(tab, start):
    page = tab.page
    start(page, "matrix.html")
    page.wait_for_selector("table.matrix-table tbody tr")
    # The data comes from the one shared file, not from the page itself.
    assert page.evaluate("!!window.treatyData")
    assert page.locator("script[src$='assets/data/treaty-data.js']").count() == 1
    assert page.evaluate("Array.from(document.scripts).every(s => s.src || !s.textContent.includes('treatyData ='))")
    data = page.evaluate("window.treatyData")
    all_cols = matrix_headings(page)
    assert all_cols[0] == "State" and len(all_cols) == len(data["instruments"]) + 1
    assert all_cols[1:6] == ["NPT", "CTBT", "CWC", "BWC", "TPNW"]  # the most asked-about first
    assert page.locator("table.matrix-table tbody tr").count() == len(data["states"])

    # Every cell is an icon whose accessible name and title say the status in words: never colour alone.
    bad = page.evaluate(
        """() => Array.from(document.querySelectorAll("table.matrix-table tbody td")).filter(td => {
            const icon = td.querySelector(".mx-i[role=img]");
            const name = icon ? icon.getAttribute("aria-label") || "" : "";
            return !icon || !icon.textContent.trim() || !/: [A-Za-z]/.test(name) || icon.title !== name;
        }).length"""
    )
    assert bad == 0, f"{bad} cells without both an icon and words"

    # Filtering by domain keeps only that domain's instruments, in the same order.
    page.select_option("#mx-domain", "missile")
    missile = [i[1] for i in data["instruments"] if "missile" in i[4]]
    cols = matrix_headings(page)
    assert 0 < len(cols) - 1 < len(all_cols) - 1
    assert cols[1:] == missile
    assert f"× {len(missile)} instruments" in page.locator("#mx-summary").inner_text()
    assert "domain=missile" in page.evaluate("location.hash")
    page.select_option("#mx-domain", "")
    assert len(matrix_headings(page)) == len(all_cols)

    # "Not open to it" columns can be hidden: for India, the bilateral treaties go.
    page.fill("#mx-state", "India")
    assert page.locator("table.matrix-table tbody tr").count() == 1
    page.check("#mx-open")
    assert "ABM Treaty" not in matrix_headings(page) and "NPT" in matrix_headings(page)
    assert len(matrix_headings(page)) < len(all_cols)
    page.uncheck("#mx-open")
    page.fill("#mx-state", "")

    # The status filter keeps the states with that status somewhere in the columns shown.
    page.select_option("#mx-status", "withdrawn")
    withdrawn = page.locator("table.matrix-table tbody tr").count()
    assert 0 < withdrawn < len(data["states"])
    assert page.locator("table.matrix-table tbody tr:not(:has(td.mx-withdrawn))").count() == 0
    page.select_option("#mx-status", "")

    # The year control: France joined the NPT in 1992, so at the end of 1985 it had not.
    page.fill("#mx-state", "France")
    npt = matrix_cell(page, 0, "NPT")
    assert "NPT: Party" in npt.get_attribute("aria-label")
    page.fill("#mx-year", "1985")
    page.locator("#mx-year").dispatch_event("change")
    page.wait_for_function("document.querySelector('#mx-year-says').textContent.includes('1985')")
    assert "NPT: Not joined" in matrix_cell(page, 0, "NPT").get_attribute("aria-label")
    assert page.locator("#mx-year-range").input_value() == "1985"
    # Every filter is in the address, and a reload (or a shared link) restores the view.
    hash_ = page.evaluate("location.hash")
    assert "year=1985" in hash_ and "q=France" in hash_
    page.select_option("#mx-region", "Europe")
    page.check("#mx-open")
    page.reload()
    page.wait_for_selector("table.matrix-table tbody tr")
    assert page.locator("#mx-state").input_value() == "France"
    assert page.locator("#mx-region").input_value() == "Europe"
    assert page.locator("#mx-year").input_value() == "1985"
    assert page.locator("#mx-open").is_checked()
    assert "NPT: Not joined" in matrix_cell(page, 0, "NPT").get_attribute("aria-label")
    page.click("#mx-today")
    assert "NPT: Party" in matrix_cell(page, 0, "NPT").get_attribute("aria-label")
    assert "year=" not in page.evaluate("location.hash")  # today is the default, not written
    page.goto(page.url.split("#")[0])
    page.wait_for_selector("table.matrix-table tbody tr")

    # Sorting: a heading is a button; clicking it sorts, again reverses.
    def names() -> list[str]:
        return page.eval_on_selector_all("table.matrix-table tbody th", "ths => ths.map(th => th.textContent.trim())")

    state_heading = page.locator("table.matrix-table thead th").first
    state_heading.locator("button.sort").click()
    assert state_heading.get_attribute("aria-sort") == "ascending"
    ascending = names()
    assert page.evaluate(
        "ns => ns.every((n, i) => i === 0 || ns[i - 1].localeCompare(n, undefined, {sensitivity: 'base'}) <= 0)",
        ascending,
    )
    state_heading.locator("button.sort").click()
    assert state_heading.get_attribute("aria-sort") == "descending"
    assert names() == ascending[::-1]

    # Keyboard: from the heading, Tab reaches the filters in order, and Enter on a sort button sorts.
    page.locator("article h1").click()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "mx-domain":
            break
    else:
        pytest.fail("Tab never reached the domain filter")
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == ["mx-kind", "mx-region", "mx-group", "mx-state", "mx-status", "mx-open"]
    npt_button = page.locator("table.matrix-table thead th button.sort", has_text=re.compile(r"^NPT$"))
    npt_button.focus()
    page.keyboard.press("Enter")
    assert npt_button.locator("xpath=..").get_attribute("aria-sort") == "ascending"
    # The cells are one Tab stop; arrow keys move between them, and the focused one is described.
    # The pointer is moved off the table first: a cell it hovers also fills the detail line, and the
    # sort above can leave it over one (a race the keyboard check must not depend on).
    page.mouse.move(0, 0)
    page.locator("table.matrix-table tbody .mx-i[tabindex='0']").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused and page.evaluate("document.activeElement.dataset.c") == "1"
    assert page.locator("#mx-detail").inner_text() == focused
    tab.check()


def test_compare(tab, start):
    page = tab.page
    start(page, "compare.html#IND,PAK")
    table = page.locator("#cmp-table table.compare-table")
    table.wait_for()
    assert page.locator("script[src$='assets/data/treaty-data.js']").count() == 1
    heads = table.locator("thead th").all_inner_texts()
    assert [h.strip() for h in heads] == ["Instrument", "India", "Pakistan"]
    rows = [r.strip() for r in table.locator("tbody th a").all_inner_texts()]
    assert rows[:5] == ["NPT", "CTBT", "CWC", "BWC", "TPNW"]  # key instruments first
    all_rows = len(rows)
    assert table.locator("td.differs").count() > 0
    assert table.locator("tbody th", has_text="Differs").count() > 0
    assert "instruments differ" in page.locator("#cmp-table > p").inner_text()

    # Differences only: fewer rows, every one of them differing; kept in the address.
    page.check("#cmp-diff")
    page.wait_for_function("location.hash === '#IND,PAK&diff=1'")
    differing = table.locator("tbody tr").count()
    assert 0 < differing < all_rows
    assert table.locator("tbody tr:not(.differs)").count() == 0
    page.reload()
    table.wait_for()
    assert page.locator("#cmp-diff").is_checked() and table.locator("tbody tr").count() == differing
    page.uncheck("#cmp-diff")
    page.wait_for_function("location.hash === '#IND,PAK'")

    page.fill("#cmp-input", "Israel")
    page.press("#cmp-input", "Enter")
    page.wait_for_function("location.hash === '#IND,PAK,ISR'")
    page.wait_for_function("document.querySelectorAll('#cmp-table thead th').length === 4")
    assert table.locator("thead th").nth(3).inner_text().strip() == "Israel"
    assert page.evaluate("document.activeElement.id") == "cmp-input"  # focus stays for the next state

    # Editing the address works too. Over HTTP that is a popstate, on which Material's instant
    # navigation fetches the page again, swaps in a new #compare-app and re-runs the page's
    # scripts: wait for the new view, not the old one.
    page.evaluate("document.getElementById('compare-app').oldView = true")
    page.evaluate("location.hash = 'IND,PAK,ISR,USA'")
    page.wait_for_function(
        """(swapped) => {
            const app = document.getElementById("compare-app");
            return app && (!swapped || !app.oldView) && app.querySelectorAll("thead th").length === 5;
        }""",
        arg=start.http,
    )
    assert page.locator("#cmp-table thead th").nth(4).inner_text().strip() == "United States"
    # Four at most: a fifth is not added.
    assert page.locator("#cmp-add").is_disabled()
    tab.check()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matrix_and_compare_fit_a_phone(browser, offline_site, scheme):
    """At 390 px neither page scrolls sideways: the tables scroll in their own boxes, and on
    compare the second state is in view."""
    tab = Tab(browser, width=390, height=844)
    try:
        page = tab.page
        page.emulate_media(color_scheme=scheme)
        page.goto(file_url(offline_site, "matrix.html"))
        page.wait_for_selector("table.matrix-table tbody tr")
        assert_no_sideways_scroll(page)
        page.goto(file_url(offline_site, "compare.html#IND,PAK"))
        page.wait_for_selector("#cmp-table table.compare-table")
        assert_no_sideways_scroll(page)
        second = page.locator("#cmp-table thead th").nth(2).bounding_box()
        assert second["x"] + second["width"] <= 390, second
        tab.check()
    finally:
        tab.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_state_pages_fit_a_phone_and_fold_what_is_not_open(browser, offline_site, scheme):
    """At 390 px a state page does not scroll sideways and its full table fits the screen; the
    instruments not open to the state are folded away and open from the keyboard."""
    tab = Tab(browser, width=390, height=844)
    try:
        page = tab.page
        page.emulate_media(color_scheme=scheme)
        for code in ("pak", "ind", "isr", "rus", "tuv"):
            page.goto(file_url(offline_site, f"states/{code}.html"))
            page.wait_for_selector(".glance-card")
            assert_no_sideways_scroll(page)
            table = page.locator(".state-table table").first.bounding_box()
            assert table["x"] + table["width"] <= 390, (code, table)
        folded = page.locator("details.not-open")
        assert not folded.evaluate("d => d.open")
        assert not page.locator("details.not-open ul").is_visible()
        page.locator("details.not-open summary").focus()
        page.keyboard.press("Enter")
        assert folded.evaluate("d => d.open") and page.locator("details.not-open ul").is_visible()
        tab.check()
    finally:
        tab.close()
