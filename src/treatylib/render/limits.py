"""Limits and key events of an instrument: Markdown sections for its page, and rows for the CLI.

Every data string reaches the page through `safe` (md.table escapes every cell that is not `Md`);
numbers are formatted here for readers: "≥ 300 km", "500–5,500 km", "≤ 1,550".
"""

from __future__ import annotations

from ..model import Event, Instrument, Limit
from . import md
from .safe import Md, link, text

QUANTITY_LABELS = {
    "range": "Range",
    "payload": "Payload",
    "yield": "Yield",
    "aggregate-yield": "Aggregate yield",
    "deployed-warheads": "Deployed warheads",
    "accountable-warheads": "Accountable warheads",
    "deployed-launchers": "Deployed launchers",
    "total-launchers": "Deployed and non-deployed launchers",
    "delivery-vehicles": "Delivery vehicles",
    "launchers": "Launchers",
    "interceptors": "Interceptor missiles",
    "deployment-areas": "Deployment areas",
    "equipment": "Equipment",
}
EVENT_LABELS = {
    "opened-for-signature": "Opened for signature",
    "signed": "Signed",
    "entry-into-force": "Entered into force",
    "extended": "Extended",
    "extended-indefinitely": "Extended indefinitely",
    "review-conference": "Review conference",
    "first-meeting": "First meeting",
    "suspension-announced": "Suspension announced",
    "suspension-in-force": "Suspension in force",
    "withdrawal-announced": "Withdrawal announced",
    "withdrawal-in-force": "Withdrawal in force",
    "expired": "Expired",
    "terminated": "Ended",
}


def _number(value: int | None) -> str:
    return f"{value:,}" if value is not None else "?"


def value_words(limit: Limit) -> str:
    """The number as a reader reads it: '≥ 300 km', '≤ 1,550', '500–5,500 km (banned)'."""
    unit = "" if limit.unit == "count" else f" {limit.unit}"
    if limit.comparison == "at-least":
        return f"≥ {_number(limit.value)}{unit}"
    if limit.comparison == "at-most":
        return f"≤ {_number(limit.value)}{unit}"
    if limit.comparison == "exactly":
        return f"{_number(limit.value)}{unit}"
    band = f"{_number(limit.min)}–{_number(limit.max)}{unit}"
    return f"{band} (banned)" if limit.comparison == "banned-between" else band


def _where(inst: Instrument, article: str | None, source_key: str) -> Md:
    """Article, then a link to the source the number or date was read in."""
    src = inst.source(source_key)
    parts = [text(article)] if article else []
    if src:
        parts.append(link("source", src.url))
        if src.via and src.via.url != src.url:
            parts.append(link("read via copy", src.via.url))
    return Md(" · ".join(parts))


def limits_section(inst: Instrument) -> str:
    """'## Limits' with one row per limit; empty when the instrument records none."""
    if not inst.limits:
        return ""
    rows = [
        [
            limit.name,
            Md(f"{text(value_words(limit))}<br>{text(QUANTITY_LABELS.get(limit.quantity, limit.quantity))}"),
            limit.applies_to or "—",
            _where(inst, limit.article, limit.source),
            limit.note or "",
        ]
        for limit in inst.limits
    ]
    return md.heading(2, "Limits") + md.table(["Limit", "Value", "Applies to", "Where", "Note"], rows) + "\n"


def sorted_events(inst: Instrument) -> list[Event]:
    return sorted(inst.events, key=lambda e: e.date.sort_key)


def events_section(inst: Instrument) -> str:
    """'## Key events' in date order; dates keep their precision ('November 1975', '1975')."""
    if not inst.events:
        return ""
    rows = [
        [
            event.date.human(),
            EVENT_LABELS.get(event.type, event.type),
            event.place or "—",
            _where(inst, event.article, event.source),
            event.note or "",
        ]
        for event in sorted_events(inst)
    ]
    return md.heading(2, "Key events") + md.table(["Date", "Event", "Place", "Where", "Note"], rows) + "\n"


def limits_rows(inst: Instrument) -> list[dict]:
    """One row per limit, for `treaties limits ID`: the schema's fields, plus `limit` in words."""
    rows = []
    for limit in inst.limits:
        src = inst.source(limit.source)
        rows.append(
            {
                "instrument": inst.id,
                "name": limit.name,
                "limit": value_words(limit),
                "quantity": limit.quantity,
                "comparison": limit.comparison,
                "value": limit.value,
                "min": limit.min,
                "max": limit.max,
                "unit": limit.unit,
                "applies_to": limit.applies_to or "",
                "article": limit.article or "",
                "source": src.url if src else limit.source,
                "note": limit.note or "",
            }
        )
    return rows


def events_rows(inst: Instrument) -> list[dict]:
    """One row per key event, in date order, for `treaties limits ID --events`."""
    rows = []
    for event in sorted_events(inst):
        src = inst.source(event.source)
        rows.append(
            {
                "instrument": inst.id,
                "date": event.date.text,
                "type": event.type,
                "place": event.place or "",
                "article": event.article or "",
                "source": src.url if src else event.source,
                "note": event.note or "",
            }
        )
    return rows
