"""A MkDocs plugin: Material's search indexing, with the pages' HTML parsed in a second process.

Material's search plugin parses every rendered page into sections (material.plugins.search.plugin.Parser):
a quarter of `mkdocs build` on our pages, one after the other (issue #16). The parse needs nothing but the
page's HTML, so on a machine with more than one core this plugin sends each page's HTML to a worker process
as soon as MkDocs has rendered it, and MkDocs goes on with the next page. Before Material writes the index,
the sections come back, and Material's own code (SearchIndex.create_entry_for_section) makes the entries in
Material's own page order: the same index, byte for byte (tests/test_search_pool.py builds a site both ways).

It changes nothing else, and it steps aside (Material indexes as usual) under `mkdocs serve`, whose dirty
rebuilds render a page or two, and on a single core (TREATYLIB_PARALLEL, see parallel.py). `mkdocs build -v`
logs how many pages it sent.
Zensical, which runs no MkDocs plugins, indexes with its own search and needs none of this.

Enabled in mkdocs.yml after `search`; registered as `treatylib-search-pool` in pyproject.toml.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import traceback

from material.plugins.search.plugin import Parser, Section
from mkdocs.plugins import BasePlugin, event_priority

from . import parallel

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def sections(html: str) -> list[Section]:
    """What Material's SearchIndex.add_entry_from_context parses out of a page."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def _work(inbox, outbox) -> None:
    """The worker: parse each page's HTML as it arrives; at the end (None), send back every page's sections
    in one message, or the error."""
    try:
        done = []
        while (html := inbox.get()) is not None:
            done.append(sections(html))
        outbox.put(("ok", done))
    except BaseException:
        outbox.put(("error", traceback.format_exc()))


class SearchPoolPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        self.index = None  # Material's SearchIndex, when this plugin takes over its parsing
        self.worker = None
        self.sent: list[str] = []  # the HTML sent to the worker, in order
        self.sent_for: dict[str, int] = {}  # page source path -> its position in `sent`
        self.indexed: list[tuple[int, object]] = []  # (position in `sent`, page), in Material's order

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # After Material's on_config, which makes the SearchIndex afresh for every build.
    @event_priority(-100)
    def on_config(self, config):
        search = config.plugins.get("material/search")
        self.index = None
        if search is None or not search.config.enabled or self.serving or not parallel.second_core():
            return config
        self.index = search.search_index
        self.index.add_entry_from_context = self._add_entry
        return config

    # Last of all plugins' on_page_content: the HTML as Material will see it. MkDocs renders every page before
    # it fills any template, so Material indexes only in the last part of the build; sent now, each page is
    # parsed while MkDocs renders the next.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page, config, files) -> str:
        if self.index is not None and not _excluded(page):
            self.sent_for[page.file.src_uri] = self._send(html)
        return html

    def _send(self, html: str) -> int:
        if self.worker is None:
            # fork: the worker starts at once with Material imported, and imports nothing of the script that
            # runs MkDocs (spawn would re-import it). `mkdocs build` runs no other thread to fork with.
            context = multiprocessing.get_context("fork")
            self.inbox, self.outbox = context.Queue(), context.Queue()
            self.worker = context.Process(target=_work, args=(self.inbox, self.outbox), daemon=True)
            self.worker.start()
        # A queue, and one message back at the end: a reply per page would wait for this busy process's
        # threads to get the interpreter lock, and the worker would sit idle.
        self.inbox.put(html)
        self.sent.append(html)
        return len(self.sent) - 1

    def _add_entry(self, page) -> None:
        """In place of SearchIndex.add_entry_from_context: the same exclusion; the sections of the HTML sent
        for this page, or, should the page's HTML have changed since, of the HTML it has now."""
        if _excluded(page):
            return
        position = self.sent_for.get(page.file.src_uri)
        if position is None or self.sent[position] != page.content:
            position = self._send(page.content)
        self.indexed.append((position, page))

    # Before Material's on_post_build, which writes the index from its entries.
    @event_priority(100)
    def on_post_build(self, *, config) -> None:
        if self.index is None or self.worker is None:
            return
        try:
            self.inbox.put(None)
            status, result = self._reply()
            if status != "ok":
                raise RuntimeError(f"search indexing failed in the worker process:\n{result}")
            log.debug(f"search: {len(self.sent)} pages parsed in a second process")
            for position, page in self.indexed:
                for section in result[position]:
                    if not section.is_excluded():
                        self.index.create_entry_for_section(section, page.toc, page.url, page)
        finally:
            self._close()

    def _reply(self):
        while True:
            try:
                return self.outbox.get(timeout=1)
            except queue.Empty:
                if not self.worker.is_alive():
                    raise RuntimeError("the search indexing worker process died") from None

    def on_build_error(self, *, error: Exception) -> None:
        self._close()

    def _close(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker.join()
        self.worker, self.sent, self.sent_for, self.indexed = None, [], {}, []


def _excluded(page) -> bool:
    return bool((page.meta.get("search") or {}).get("exclude"))
