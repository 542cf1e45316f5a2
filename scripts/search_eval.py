"""Measure search quality through the site's real search box.

Runs every query of tests/search_queries.yaml through Material's own search UI in headless
Chromium and prints precision@1 (the expected page is the first result) and the mean reciprocal
rank over the first 10 results (1 for first place, 1/2 for second, ..., 0 if not in the first 10),
then every query whose expected page was not first. A query may also set `max_results`: more
matching pages than that counts as a flood (a lone "I" once matched 311 pages), reported apart.

It builds nothing: point it at a folder that `mkdocs build` or `make offline` has written.

    python scripts/search_eval.py site/                 # opens site/index.html from disk
    python scripts/search_eval.py site/ --serve         # or over http://127.0.0.1 (non-offline builds)
    python scripts/search_eval.py site/ --min-p1 0.9    # exit 1 below the threshold

Nothing leaves the machine: every request to a host other than file:// or 127.0.0.1/localhost is
aborted and reported. The browser is Debian's /usr/bin/chromium (override with CHROMIUM=path).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "search_queries.yaml"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
TOP = 10  # Material renders the first 10 results at once; MRR counts those

# Material's own English strings in the search result header.
_INITIALIZING = "Initializing search"
_PLACEHOLDER = "Type to start searching"


@dataclass(frozen=True)
class Case:
    query: str
    expect: str
    max_results: int | None = None  # more matching pages than this is a flood


@dataclass
class Outcome:
    case: Case
    results: list[str]  # page paths, best first
    total: int | None = None  # matching pages, as Material's result header counts them

    @property
    def flooded(self) -> bool:
        limit = self.case.max_results
        return limit is not None and self.total is not None and self.total > limit

    @property
    def rank(self) -> int | None:
        try:
            return self.results.index(self.case.expect) + 1
        except ValueError:
            return None


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def precision_at_1(self) -> float:
        return sum(1 for o in self.outcomes if o.rank == 1) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / len(self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank != 1]

    @property
    def floods(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.flooded]

    def summary(self) -> str:
        hits = sum(1 for o in self.outcomes if o.rank == 1)
        return f"precision@1: {self.precision_at_1:.3f} ({hits}/{len(self.outcomes)})  MRR@{TOP}: {self.mrr:.3f}"

    def describe_failures(self) -> str:
        lines = []
        for o in self.failures:
            got = ", ".join(o.results[:3]) or "no results"
            rank = o.rank if o.rank else f">{TOP}"
            lines.append(f"  {o.case.query!r}: expected {o.case.expect} (rank {rank}); got {got}")
        for o in self.floods:
            lines.append(f"  {o.case.query!r}: {o.total} matching pages, more than {o.case.max_results}")
        return "\n".join(lines)


def load_queries(path: Path = QUERIES) -> list[Case]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [Case(str(row["query"]), str(row["expect"]), row.get("max_results")) for row in rows]
    if not cases:
        raise ValueError(f"{path}: no queries")
    return cases


def is_local(url: str) -> bool:
    """file://, data:, blob: and about: URLs, and http(s) to this machine only."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


def guard(context, log: list[str]) -> None:
    """Record every request the context makes, and abort any that would leave the machine."""
    context.on("request", lambda request: log.append(request.url))

    def route(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", route)


def external(log: list[str]) -> list[str]:
    return sorted({url for url in log if not is_local(url)})


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve folder on 127.0.0.1 on a free port; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def page_path(href: str, base: str) -> str:
    """A result link as a path under the site root, without ?h= and #anchor."""
    url = href.split("#", 1)[0].split("?", 1)[0]
    return url[len(base) :] if url.startswith(base) else url


def result_count(page) -> int | None:
    """The number of matching pages in Material's result header ("7 matching documents"; "No
    matching documents" is 0); None if the header says something else."""
    meta = page.inner_text(".md-search-result__meta").strip()
    if meta.lower().startswith("no "):
        return 0
    count = meta.split(" ", 1)[0].replace(",", "")
    return int(count) if count.isdigit() else None


def search(page, query: str, timeout: float = 15_000) -> list[str]:
    """Run one query through the search box; the result links (absolute URLs), best first.

    The box is emptied first and the previous results waited away, then the whole query is
    entered at once and one keyup sent, so exactly one query reaches the search worker and the
    list read is that query's, never a result for a half-typed prefix.
    """
    box = page.locator("input.md-search__input")
    if not box.evaluate("el => el === document.activeElement"):
        page.keyboard.press("/")  # Material's shortcut: open search, focus the box
    box.fill("")
    box.press("End")  # Material reads the box on keyup
    page.wait_for_function(
        """([placeholder]) => {
            const meta = document.querySelector(".md-search-result__meta");
            const list = document.querySelector(".md-search-result__list");
            return meta.textContent.trim() === placeholder && list.children.length === 0;
        }""",
        arg=[_PLACEHOLDER],
        timeout=timeout,
    )
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        """([placeholder, initializing]) => {
            const text = document.querySelector(".md-search-result__meta").textContent.trim();
            return text !== placeholder && text !== initializing;
        }""",
        arg=[_PLACEHOLDER, _INITIALIZING],
        timeout=timeout,
    )
    return page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item",
        "items => items.map(li => li.querySelector('a.md-search-result__link').href)",
    )


def evaluate(page, start_url: str, cases: list[Case]) -> Report:
    """Open start_url (the site's index.html) in page and run every case through its search."""
    page.goto(start_url)
    base = start_url.rsplit("/", 1)[0] + "/"
    report = Report()
    for case in cases:
        hrefs = search(page, case.query)
        report.outcomes.append(Outcome(case, [page_path(h, base) for h in hrefs[:TOP]], result_count(page)))
    return report


def run(site: Path, cases: list[Case], use_http: bool = False) -> tuple[Report, list[str]]:
    from playwright.sync_api import sync_playwright

    log: list[str] = []
    with sync_playwright() as pw, contextlib.ExitStack() as stack:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        stack.callback(browser.close)
        context = browser.new_context()
        guard(context, log)
        if use_http:
            start = stack.enter_context(serve(site)) + "index.html"
        else:
            start = (site / "index.html").resolve().as_uri()
        report = evaluate(context.new_page(), start, cases)
    return report, external(log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision@1 and MRR of the site's search, in a real browser.")
    parser.add_argument("site", type=Path, help="a built site folder (with index.html)")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="YAML list of {query, expect}")
    parser.add_argument("--serve", action="store_true", help="serve over http://127.0.0.1 instead of file://")
    parser.add_argument("--min-p1", type=float, default=None, help="exit 1 if precision@1 is below this")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every query's top 3")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html; build the site first", file=sys.stderr)
        return 2
    report, leaked = run(args.site, load_queries(args.queries), use_http=args.serve)
    if args.verbose:
        for o in report.outcomes:
            print(f"{o.rank or '-':>2}  {o.case.query!r:40} {o.total!s:>4}  {', '.join(o.results[:3])}")
    if report.failures or report.floods:
        print(f"{len(report.failures)} not answered first, {len(report.floods)} flooded:")
        print(report.describe_failures())
    print(report.summary())
    if leaked:
        print("requests that tried to leave the machine (blocked):\n  " + "\n  ".join(leaked), file=sys.stderr)
        return 1
    if args.min_p1 is not None and report.precision_at_1 < args.min_p1:
        return 1
    if report.floods:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
