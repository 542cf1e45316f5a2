"""Small helpers for writing Markdown that Python-Markdown and Material render well.

Data never reaches a page except through `safe`: a table cell, a heading or a link label that
is not `Md` (markup we wrote) is escaped, so a renderer that forgets shows text, not markup."""

from __future__ import annotations

import json
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


def table(headers: list[object], rows: list[list[object]]) -> Md:
    """A Markdown table; every cell that is not `Md` is escaped as text."""
    lines = ["| " + " | ".join(text(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(text(c) for c in row) + " |" for row in rows]
    return Md("\n".join(lines) + "\n")


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
    """Icon and words, never colour alone; the class only adds colour."""
    css = status.status or "none"
    return Md(
        f'<span class="status status-{css}"><span aria-hidden="true">{status.icon}</span> {text(status.label)}</span>'
    )


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
