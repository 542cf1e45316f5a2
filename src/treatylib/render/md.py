"""Small helpers for writing Markdown that Python-Markdown and Material render well.

Data never reaches a page except through `safe`: a table cell, a heading or a link label that
is not `Md` (markup we wrote) is escaped, so a renderer that forgets shows text, not markup."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from .. import states
from ..dates import PartialDate
from ..model import Instrument
from ..status import Status
from .safe import Md, attr, internal, plain, text, url

DOMAIN_LABELS = {
    "nuclear": "Nuclear",
    "missile": "Missiles",
    "chemical": "Chemical",
    "biological": "Biological",
    "conventional": "Conventional arms",
    "space": "Outer space",
    "export-control": "Export control",
    "testing": "Nuclear testing",
    "environment": "Environmental modification",
}
KIND_LABELS = {
    "treaty": "Treaty",
    "protocol": "Protocol",
    "amendment": "Amendment",
    "regime": "Regime or arrangement",
    "code": "Code of conduct",
    "bilateral": "Bilateral treaty",
}
KIND_PLURALS = {
    "treaty": "Treaties",
    "protocol": "Protocols",
    "amendment": "Amendments",
    "regime": "Regimes and arrangements",
    "code": "Codes of conduct",
    "bilateral": "Bilateral treaties",
}


def table(headers: list[object], rows: list[list[object]], wrap: str | None = None) -> Md:
    """A table as a raw HTML block; every cell that is not `Md` is escaped as text.

    HTML, not a Markdown table: Python-Markdown passes a raw block through instead of running its inline
    patterns over every cell, which was most of the MkDocs build (state pages, year pages). The block
    is what the `tables` extension would write, so Material styles and wraps it the same. Cells that
    are `Md` may hold the inline Markdown our renderers write (see inline_html). wrap: a class for a
    <div> around the table, for a stylesheet."""
    head = "".join(f"<th>{inline_html(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{inline_html(c)}</td>" for c in row) + "</tr>\n" for row in rows)
    html = f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"
    if wrap:
        html = f'<div class="{attr(wrap)}">\n{html}\n</div>'
    return Md(f"\n{html}\n\n")


# The inline Markdown our own renderers put in table cells: links made by safe.internal / safe.link,
# `code`, **strong** and *emphasis*. Data cannot produce any of them: safe.text turns [ ] ( * ` into character
# references. A link to one of our pages (x.md, x.md#anchor) becomes the page MkDocs writes (x.html).
_OWN_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
_STRONG = re.compile(r"\*\*([^*]+)\*\*")
_EMPHASIS = re.compile(r"(?<![*\w])\*([^*\s][^*]*)\*(?![*\w])")
_CODE = re.compile(r"`([^`]+)`")
_PAGE = re.compile(r"^(?![a-z][a-z0-9+.-]*:)([^#]*)\.md(#.*)?$")


def _href(target: str) -> str:
    page = _PAGE.match(target)
    return f"{page.group(1)}.html{page.group(2) or ''}" if page else target


def inline_html(cell: object) -> Md:
    """A table cell as HTML: data escaped by safe.text; our own inline Markdown turned into its HTML."""
    out = str(text(cell))
    if "[" not in out and "*" not in out and "`" not in out:
        return Md(out)  # nothing to convert: most cells (data is escaped, so these are ours)
    out = _OWN_LINK.sub(lambda m: f'<a href="{_href(m.group(2))}">{m.group(1)}</a>', out)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    out = _EMPHASIS.sub(r"<em>\1</em>", out)
    if any(mark in out for mark in ("](", "**", "`")):
        raise ValueError(f"Markdown left in a table cell: {out[:120]!r}")
    return Md(out)


def date_words(value: PartialDate | None, empty: str = "—") -> str:
    """A date as a reader sees it, as plain text; reduced precision is said, not hidden."""
    if value is None:
        return empty
    if value.is_range or value.qualifier:
        return value.human()  # "between 1996 and 2003", "by 1990", "about 1978"
    if value.precision == "day":
        return value.text
    return f"{value.text} ({value.precision} only)"


def date(value: PartialDate | None, empty: str = "—") -> Md:
    """date_words(), ready for a page."""
    return text(date_words(value, empty))


def status_badge(status: Status) -> Md:
    """Icon and words, never colour alone; the class adds the colour and, in tables.css, the decorative icon
    (status.ICONS): one element, not three, on a page that lists two hundred states."""
    return Md(f'<span class="status status-{status.status or "none"}">{text(status.label)}</span>')


def front_matter(
    title: str,
    description: str = "",
    tags: list[str] | None = None,
    boost: float | None = None,
    exclude: bool = False,
    hide: list[str] | None = None,
) -> str:
    meta: dict = {"title": plain(title)}
    if description:
        meta["description"] = plain(description)
    if tags:
        meta["tags"] = [plain(tag) for tag in tags]
    if boost or exclude:
        meta["search"] = {"exclude": True} if exclude else {"boost": boost}
    if hide:
        meta["hide"] = hide
    # JSON is valid YAML and needs no escaping rules of its own.
    body = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{body}\n---\n\n"


def instrument_link(inst: Instrument, prefix: str = "") -> Md:
    return internal(inst.short_name, f"{prefix}{inst.id}.md")


def state_file(code: str) -> str:
    return f"{code.lower()}.md"


def state_link(code: str, prefix: str = "../states/") -> Md:
    return internal(states.name(code), f"{prefix}{state_file(code)}")


def heading(level: int, title: object) -> Md:
    return Md(f"{'#' * level} {text(title)}\n\n")


# Raw-HTML twins of the links above, for blocks emitted as HTML (the participation table), where
# Markdown link syntax would show as text. Escaped through `safe` like everything else.
def html_link(label: object, target: object) -> Md:
    """A link from data (an http(s) URL; any other scheme becomes `#`)."""
    return Md(f'<a href="{url(target)}">{text(label)}</a>')


def state_anchor(code: str, prefix: str = "../states/") -> Md:
    """A state's name linking to its page, as the built site names it (.html: no Markdown pass)."""
    path = quote(f"{prefix}{code.lower()}.html", safe="/.#-_")
    return Md(f'<a href="{attr(path)}">{text(states.name(code))}</a>')
