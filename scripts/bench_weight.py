"""Page weight of a built site: page sizes, what ships that nothing loads, and a first visit's transfer.

First visit: the home page opened in headless Chromium over a local HTTP server, with every request
recorded (the page, its CSS, scripts, images, and what the search worker fetches: the index) until
the network is idle. Each file is counted at its gzip size (level 6), as a server that compresses
would send it. Without Chromium, the files the home page names in its HTML plus the search index are
counted instead, and the report says so.
"""

from __future__ import annotations

import gzip
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

PAGE_LIMIT = 150_000  # bytes: no HTML page over 150 KB
HOME_LIMIT = 300_000  # bytes gzipped: a first visit to the home page, search index included
_UNUSED = re.compile(r"(\.map$|^assets/javascripts/lunr/)")
_NAMED = re.compile(r"""(?:src|href)="([^"#?]+)[^"]*\"""")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def unused_files(names: list[str]) -> list[str]:
    """Source maps and lunr language scripts (an English search loads none of them)."""
    return sorted(name for name in names if _UNUSED.search(name))


def site_weight(site: Path) -> dict:
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    largest = max(pages, key=pages.get)
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    unused = unused_files(files)
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "largest": largest,
        "largest_bytes": pages[largest],
        "over_limit": sorted((name for name, size in pages.items() if size > PAGE_LIMIT), key=pages.get, reverse=True),
        "unused": unused,
        "unused_bytes": sum((site / name).stat().st_size for name in unused),
        "index_bytes": index.stat().st_size if index.is_file() else 0,
        "index_gz": gz(index.read_bytes()) if index.is_file() else 0,
        "shared_data": shared_data(site),
    }


def _scripts(page: Path) -> tuple[set[str], int]:
    """The scripts a page loads by src, and the bytes of its inline scripts."""
    html = page.read_text(encoding="utf-8") if page.is_file() else ""
    inline = sum(len(m) for m in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S))
    return {src.rsplit("/", 1)[-1] for src in re.findall(r'<script[^>]+src="([^"]+)"', html)}, inline


def shared_data(site: Path) -> dict:
    """Whether matrix.html and compare.html load one data file as a script (one that the home page, like
    every page, does not load), rather than each embedding the data inline."""
    everywhere, _ = _scripts(site / "index.html")
    matrix, matrix_inline = _scripts(site / "matrix.html")
    compare, compare_inline = _scripts(site / "compare.html")
    return {
        "common_data_scripts": sorted((matrix & compare) - everywhere),
        "inline_bytes": {"matrix.html": matrix_inline, "compare.html": compare_inline},
    }


def zip_unused(archive: Path) -> list[str]:
    with zipfile.ZipFile(archive) as bundle:
        return unused_files(["/".join(name.split("/")[1:]) for name in bundle.namelist()])


def _local_path(site: Path, url: str, base: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = unquote(urlsplit(url).path)[len(urlsplit(base).path) :] or "index.html"
    found = site / path
    return found if found.is_file() else None


def home_transfer(site: Path, chromium: str | None) -> dict:
    """Gzipped bytes a first visit to the home page fetches, search index included."""
    if chromium and Path(chromium).exists():
        files, how = _fetched_in_chromium(site, chromium), "Chromium, every request until network idle"
    else:
        html = (site / "index.html").read_text(encoding="utf-8")
        named = {site / unquote(href) for href in _NAMED.findall(html) if not href.startswith(("http", "//", "#"))}
        files, how = {p for p in named if p.is_file()} | {site / "index.html"}, "files the HTML names (no Chromium)"
    index = site / "search" / "search_index.json"
    if index.is_file() and index not in files:
        files.add(index)  # the worker fetches it when search starts; counted either way
    sizes = {p.relative_to(site).as_posix(): gz(p.read_bytes()) for p in files}
    return {"bytes": sum(sizes.values()), "files": sizes, "how": how}


def _fetched_in_chromium(site: Path, chromium: str) -> set[Path]:
    from playwright.sync_api import sync_playwright
    from search_eval import serve

    fetched: set[Path] = set()
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context()
        context.on("request", lambda request: fetched.add(request.url))
        page = context.new_page()
        page.goto(base + "index.html", wait_until="networkidle")
        page.wait_for_timeout(500)  # the search worker starts after load
        browser.close()
        return {path for url in fetched if (path := _local_path(site, url, base))}
