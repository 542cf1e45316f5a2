"""Small helpers for writing Markdown that Python-Markdown and Material render well."""

from __future__ import annotations

import json

from ..dates import PartialDate
from ..model import Instrument
from ..status import Status

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


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def date(value: PartialDate | None, empty: str = "—") -> str:
    """A date as a reader sees it; reduced precision is said, not hidden."""
    if value is None:
        return empty
    if value.precision == "day":
        return value.text
    return f"{value.text} ({value.precision} only)"


def status_badge(status: Status) -> str:
    """Icon and words, never colour alone; the class only adds colour."""
    css = status.status or "none"
    return f'<span class="status status-{css}"><span aria-hidden="true">{status.icon}</span> {status.label}</span>'


def front_matter(
    title: str,
    description: str = "",
    tags: list[str] | None = None,
    boost: float | None = None,
    exclude: bool = False,
    hide: list[str] | None = None,
) -> str:
    meta: dict = {"title": title}
    if description:
        meta["description"] = description
    if tags:
        meta["tags"] = tags
    if boost or exclude:
        meta["search"] = {"exclude": True} if exclude else {"boost": boost}
    if hide:
        meta["hide"] = hide
    # JSON is valid YAML and needs no escaping rules of its own.
    body = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{body}\n---\n\n"


def instrument_link(inst: Instrument, prefix: str = "") -> str:
    return f"[{inst.short_name}]({prefix}{inst.id}.md)"


def state_file(code: str) -> str:
    return f"{code.lower()}.md"
