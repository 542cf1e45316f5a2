"""Contributed text never runs.

A copy of the repository gets script payloads in every text field of three instruments (a treaty
with several depositaries and a disputed withdrawal, a treaty not in force with a de-ratification,
a regime) and in state names and notes in data/. The real pipeline builds it (the offline edition,
so search works from disk). Then every page is checked for live markup from data, and Chromium
opens the key pages and searches for the payload: no dialog may open and no data script may run.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from treatylib import yamlio

ROOT = Path(__file__).resolve().parents[1]
MARK = "PWN3D"
# One string that tries every way in at once: raw HTML, Markdown links and attribute lists, breaking
# out of <title> and of an attribute, a table cell, a code fence, and a spreadsheet formula.
PAYLOAD = (
    f"=cmd|' /C calc'!A0 <script>alert('{MARK}')</script> <img src=x onerror=alert('{MARK}')> "
    f"<details open ontoggle=alert('{MARK}')> <iframe src=\"javascript:alert('{MARK}')\"></iframe> "
    f"[click](javascript:alert('{MARK}')) [a](https://x.org){{: autofocus onfocus=\"alert('{MARK}')\" }} "
    f"</title><script>alert('{MARK}')</script> \" onmouseover=\"alert('{MARK}')\" a \\| b | c ``` {MARK}"
)
HOSTILE_URL = f"https://example.org/) <img src=x onerror=alert('{MARK}')> ("
POISONED = ("npt", "ctbt", "mtcr")
POISONED_SYSTEMS = ("pak", "prk")  # systems/<code>.yaml: names, aliases, notes, source titles and URLs
# Fields whose values are formats, not text: codes, keys, ids, dates, enums.
FORMATTED = {
    "id",
    "kind",
    "domains",
    "state",
    "predecessor",
    "action",
    "role",
    "relation",
    "reason",
    "key",
    "depositary",
    "source",
    "region",
    "subregion",
    "states",
    # limits and events: enums
    "type",
    "quantity",
    "comparison",
    "unit",
    # declarations: enums and codes
    "made",
    "objects_to",
    # systems files: enums (a system's basing, a figure's qualifier, a status value)
    "basing",
    "qualifier",
    "value",
}


def _poison(value, key: str | None = None, counter: list[int] | None = None):
    counter = counter if counter is not None else [0]
    if isinstance(value, dict):
        return {k: _poison(v, k, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key, counter) for v in value]
    if not isinstance(value, str) or key in FORMATTED or yamlio_date(value):
        return value
    if key == "url" or value.startswith("http"):
        return HOSTILE_URL
    counter[0] += 1  # names must stay unique (the validator checks short names and aliases)
    return f"{value} {counter[0]} {PAYLOAD}"


def yamlio_date(value: str) -> bool:
    """A date in any form the schema takes, EDTF ranges and qualifiers included ('../2022', '1978~')."""
    from treatylib.dates import PartialDate

    if not (value[:4].isdigit() or value.startswith("..")):
        return False
    try:
        PartialDate.parse(value)
    except ValueError:
        return False
    return True


def _poison_data(data_dir: Path) -> None:
    entities = yamlio.load(data_dir / "entities.yaml")
    entities["entities"][0]["name"] += " " + PAYLOAD  # Kosovo: a state with a page of its own
    entities["entities"][0]["note"] += " " + PAYLOAD
    (data_dir / "entities.yaml").write_text(yamlio.dumps(entities), encoding="utf-8")
    names = yamlio.load(data_dir / "state_names.yaml")
    names["also_known_as"]["CIV"].append(PAYLOAD)
    (data_dir / "state_names.yaml").write_text(yamlio.dumps(names), encoding="utf-8")
    successions = yamlio.load(data_dir / "successions.yaml")
    for row in successions["successions"]:
        row["note"] = (row.get("note") or "") + " " + PAYLOAD
    (data_dir / "successions.yaml").write_text(yamlio.dumps(successions), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("hostile") / "repo"
    for name in ("src", "schema", "docs", "data", "treaties", "systems"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    for ident in POISONED:
        path = repo / "treaties" / f"{ident}.yaml"
        path.write_text(yamlio.dumps(_poison(yamlio.load(path))), encoding="utf-8")
    _poison_data(repo / "data")
    for code in POISONED_SYSTEMS:
        path = repo / "systems" / f"{code}.yaml"
        path.write_text(yamlio.dumps(_poison(yamlio.load(path))), encoding="utf-8")
    return build_offline_copy(repo)


def build_offline_copy(repo: Path) -> Path:
    """Generate and build (strict) the offline site of a copy of the repository; its site folder."""
    env = dict(os.environ, PYTHONPATH=str(repo / "src"), OFFLINE="true", NO_MKDOCS_2_WARNING="1")
    generated = subprocess.run(
        [sys.executable, "-m", "treatylib.build", "--quiet"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert generated.returncode == 0, generated.stderr[-3000:]
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(repo / "site")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0 and "WARNING" not in built.stderr, built.stderr[-3000:]
    return repo / "site"


class _LiveMarkup(HTMLParser):
    """Collects what would run or navigate: scripts, event handlers, javascript: URLs, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and MARK.lower() in value:
                self.found.append(f"<{tag} {name}=...>")
            navigates = name in ("href", "xlink:href", "src", "action", "formaction")
            if navigates and value.startswith(("javascript:", "data:text")):
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if name == "autofocus" and tag not in ("input",):
                self.found.append(f"<{tag} autofocus>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        # The matrix embeds the data as JSON in a script: data text may be there, as a JSON string
        # in which no `<` survives to close the element.
        if self._in_script and MARK in data and (not data.lstrip().startswith("window.treatyData") or "<" in data):
            self.found.append(f"script with data: {data[:80]!r}")


def test_payload_reaches_pages_as_text_only(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 300
    problems = {}
    for page in pages:
        parser = _LiveMarkup()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            problems[str(page.relative_to(hostile_site))] = parser.found[:3]
    assert not problems, problems
    npt = (hostile_site / "instruments" / "npt.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in npt  # shown to the reader as text, not dropped
    head = npt.split("</head>")[0]  # SVG maps and charts have <title>s of their own in the body
    assert "<title>" in head and head.count("</title>") == 1


def test_shared_view_data_cannot_close_its_script(hostile_site):
    """The matrix and compare data is a script file: data text is in it only as JSON strings."""
    shared = (hostile_site / "assets" / "data" / "treaty-data.js").read_text(encoding="utf-8")
    assert MARK in shared and shared.startswith("window.treatyData = {")
    assert "<" not in shared


def test_csv_cells_never_start_a_formula(hostile_site):
    csvs = ("participation.csv", "status.csv", "instruments.csv", "states.csv", "limits.csv", "events.csv")
    for name in (*csvs, "systems.csv"):
        with open(hostile_site / "data" / name, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row), (name, row)


def test_no_dialog_in_a_real_browser(hostile_site, browser):
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in (
            "instruments/npt.html",
            "instruments/ctbt.html",
            "instruments/mtcr.html",
            "instruments/index.html",
            "states/xkx.html",
            "states/civ.html",
            "states/sun.html",
            "states/index.html",
            "changes/2003.html",
            "trackers/index.html",
            "trackers/withdrawals.html",
            "trackers/signed-not-ratified.html",
            "trackers/entry-into-force.html",
            "matrix.html",
            "systems/index.html",
            "systems/pak.html",
            "compare.html#XKX,RUS",
        ):
            name, _, fragment = rel.partition("#")
            page.goto((hostile_site / name).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
            page.wait_for_load_state("load")
            page.mouse.move(300, 300)
            page.keyboard.press("Tab")
        page.goto((hostile_site / "index.html").resolve().as_uri())
        page.keyboard.press("s")
        page.locator("input.md-search__input").press_sequentially(f"{MARK} script")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        page.wait_for_timeout(500)
        # Material's own <details class="md-search-result__more"> is the only details element allowed.
        live = page.locator(
            ".md-search-result :is(script, img, iframe, object, embed, details:not(.md-search-result__more))"
        ).count()
        shown = page.locator(".md-search-result").inner_text()
    finally:
        context.close()
    assert not dialogs, dialogs
    assert live == 0
    assert MARK in shown  # the payload was found, and shown as text


def test_the_live_markup_check_can_fail():
    for markup in (
        f"<img src=x onerror=alert('{MARK}')>",
        f"<script>alert('{MARK}')</script>",
        "<a href=' JavaScript:alert(1)'>x</a>",
        "<iframe></iframe>",
        "<p autofocus onfocus=x>",
        f"<script>window.treatyData = {{'a': '</script><script>alert(\"{MARK}\")'}}</script>",
    ):
        parser = _LiveMarkup()
        parser.feed(markup)
        assert parser.found, markup
