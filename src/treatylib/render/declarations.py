"""Declarations, reservations and objections as Markdown fragments for instrument and state pages.

Every string that comes from data (summaries, notes, names, URLs) goes through render/safe.py, the
one escaping point, so a summary can neither inject HTML nor start Markdown markup.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..model import Declaration, Instrument
from . import md, safe

HEADERS = ["State", "Kind", "When", "Summary", "Text link"]
KIND_LABELS = {
    "declaration": "Declaration",
    "reservation": "Reservation",
    "objection": "Objection",
    "communication": "Communication",
    "reservation-withdrawal": "Reservation withdrawn",
    "objection-withdrawal": "Objection withdrawn",
}
MADE_LABELS = {
    "upon-signature": "On signature",
    "upon-ratification": "On ratification",
    "upon-accession": "On accession",
    "upon-succession": "On succession",
    "upon-acceptance": "On acceptance",
    "upon-approval": "On approval",
    "upon-consent-to-be-bound": "On consent to be bound",
    "later": "Later notification",
}


def text(value: object, cell: bool = True) -> str:
    """Data text for a cell or a paragraph: the shared escaping point (render/safe.py)."""
    return safe.text(value)


def link(url: str | None, label: str) -> str:
    """A link to the depositary's text; none for anything but http(s)."""
    return safe.link(label, url) if url and safe.url(url) != "#" else "—"


def _state(code: str) -> str:
    return md.state_link(code)


def _kind(item: Declaration) -> str:
    label = text(KIND_LABELS.get(item.kind, item.kind))
    joiner = "about" if item.kind == "communication" else "to"
    return f"{label} {joiner} {_state(item.objects_to)}" if item.objects_to else label


def _when(item: Declaration) -> str:
    made = text(MADE_LABELS.get(item.made, item.made))
    return f"{made}, {md.date(item.date)}" if item.date else made


def _row(inst: Instrument, item: Declaration) -> list[str]:
    source = inst.source(item.source)
    url = item.url or (source.url if source else None)
    return [_state(item.state), _kind(item), _when(item), text(item.summary), link(url, "Depositary's text")]


def _table(inst: Instrument, items: list[Declaration], wrap: str | None = None) -> str:
    rows = [[safe.Md(cell) for cell in _row(inst, item)] for item in sorted(items, key=lambda d: d.sort_key)]
    return md.table(HEADERS, rows, wrap)  # the cells were escaped as they were built


def instrument_section(inst: Instrument) -> str:
    """The instrument page's section: every declaration, reservation and objection, and what is missing.

    Empty when the instrument has neither a list nor a note."""
    if not inst.declarations and not inst.declarations_note:
        return ""
    out = "## Declarations, reservations and objections\n\n"
    if inst.declarations_note:
        out += f"{text(inst.declarations_note, cell=False)}\n\n"
    if inst.declarations:
        out += (
            "Summaries in our own words; the depositary's text is authoritative. "
            "'Later notification' dates are when the depositary received it; other dates are those of the act.\n\n"
        )
        out += _table(inst, list(inst.declarations))
    return out + "\n"


def state_section(catalog: Catalog, code: str) -> str:
    """The state page's section: what the state declared, reserved or objected to, and objections to it.

    One table per instrument, in catalog order. Empty when there is nothing."""
    parts = []
    for inst in catalog.instruments:
        items = [d for d in inst.declarations if code in (d.state, d.objects_to)]
        if items:
            heading = md.instrument_link(inst, "../instruments/")
            # The class lets state.css fit these five-column tables to a phone.
            parts.append(f"### {heading}\n\n{_table(inst, items, wrap='state-declarations')}\n")
    if not parts:
        return ""
    intro = (
        "## Declarations, reservations and objections\n\n"
        "What this state declared or reserved, its objections, and other states' objections to it. "
        "Summaries in our own words; the depositary's text is authoritative.\n\n"
    )
    return intro + "".join(parts)
