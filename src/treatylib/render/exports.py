"""Data downloads: CSV and JSON, plus a Frictionless Data Package descriptor."""

from __future__ import annotations

import csv
import io
import json

from .. import states
from ..catalog import Catalog
from ..model import Instrument, to_record
from ..status import counts, state_statuses
from .safe import CSV_ESCAPE_RULE, csv_cell

PARTICIPATION_FIELDS = [
    "instrument",
    "state",
    "action",
    "date",
    "depositary",
    "source",
    "via",
    "effective",
    "role",
    "note",
]
STATUS_FIELDS = ["instrument", "state", "status", "date", "as_of"]
INSTRUMENT_FIELDS = [
    "id",
    "short_name",
    "name",
    "kind",
    "domains",
    "adopted",
    "opened_for_signature",
    "signed",
    "established",
    "entry_into_force",
    "ended",
    "ended_reason",
    "as_of",
    "parties",
    "signatories",
    "members",
]
LIMIT_FIELDS = [
    "instrument",
    "name",
    "quantity",
    "comparison",
    "value",
    "min",
    "max",
    "unit",
    "applies_to",
    "article",
    "source",
    "via",
    "note",
]
EVENT_FIELDS = ["instrument", "type", "date", "place", "article", "source", "via", "note"]
STATE_FIELDS = ["code", "name", "region", "subregion", "former", "continuator", "successors", "predecessors"]

_DESCRIPTIONS = {
    "instrument": "Instrument id (file name of its YAML)",
    "state": "ISO 3166-1/3166-3 alpha-3 code",
    "action": "What the state did",
    "date": "ISO 8601 date at the source's precision (YYYY, YYYY-MM or YYYY-MM-DD)",
    "depositary": "Depositary key, when the deposit is with one of several",
    "source": "URL of the source: the original document (the depositary's or publisher's page), not a copy of it",
    "via": "URL of the copy the source was read through (a mirror, archive, reproduction or third-party harvest), "
    "when it was not read at its original address; empty when it was. Equal to `source` when the original's "
    "address is not known",
    "effective": "Withdrawal: when it took effect",
    "role": "Regime admission: partner, participant, member",
    "status": "Derived status: party, signatory, withdrawn, member or adherent",
    "as_of": "Date the data is complete to",
}
# Fields of limits.csv and events.csv whose names other files use with another meaning.
_LIMIT_DESCRIPTIONS = {
    "name": "Short label for the limit",
    "quantity": "What is limited: range, payload, yield, aggregate-yield, deployed-warheads, accountable-warheads, "
    "deployed-launchers, total-launchers, delivery-vehicles, launchers, interceptors, deployment-areas, equipment",
    "comparison": "How the number applies: at-least, at-most, exactly (use `value`); between, banned-between "
    "(use `min` and `max`)",
    "value": "The number, in `unit`, for at-least, at-most and exactly",
    "min": "Lower end of the band, for between and banned-between",
    "max": "Upper end of the band, for between and banned-between",
    "unit": "km, kg, kt (kilotons) or count",
    "applies_to": "What the number applies to",
    "article": "Where the instrument sets it",
    "source": "URL of the source the number was read in: the original document, not a copy of it",
    "note": "How to read the number",
}
_EVENT_DESCRIPTIONS = {
    "type": "What happened: opened-for-signature, signed, entry-into-force, extended, extended-indefinitely, "
    "review-conference, first-meeting, suspension-announced, suspension-in-force, withdrawal-announced, "
    "withdrawal-in-force, expired, terminated",
    "place": "Where it happened, when the source says",
    "article": "The provision under which it happened",
    "source": "URL of the source that gives the date: the original document, not a copy of it",
}


def _csv(fields: list[str], rows: list[dict]) -> str:
    """The one CSV writer: every cell passes csv_cell, so no cell runs as a spreadsheet formula."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def participation_rows(inst: Instrument) -> list[dict]:
    rows = []
    for act in sorted(inst.participation, key=lambda a: (a.state, a.sort_key)):
        src = inst.source(act.source)
        rows.append(
            {
                "instrument": inst.id,
                "state": act.state,
                "action": act.action,
                "date": act.date.text if act.date else "",
                "depositary": act.depositary or "",
                "source": src.url if src else act.source,
                "via": src.via.url if src and src.via else "",
                "effective": act.effective.text if act.effective else "",
                "role": act.role or "",
                "note": act.note or "",
            }
        )
    return rows


def _source_cells(inst: Instrument, key: str) -> dict:
    src = inst.source(key)
    return {"source": src.url if src else key, "via": src.via.url if src and src.via else ""}


def limit_rows(inst: Instrument) -> list[dict]:
    """One row per limit, under the schema's field names."""
    return [
        {
            "instrument": inst.id,
            "name": limit.name,
            "quantity": limit.quantity,
            "comparison": limit.comparison,
            "value": "" if limit.value is None else limit.value,
            "min": "" if limit.min is None else limit.min,
            "max": "" if limit.max is None else limit.max,
            "unit": limit.unit,
            "applies_to": limit.applies_to or "",
            "article": limit.article or "",
            **_source_cells(inst, limit.source),
            "note": limit.note or "",
        }
        for limit in inst.limits
    ]


def event_rows(inst: Instrument) -> list[dict]:
    """One row per key event, in date order, under the schema's field names."""
    return [
        {
            "instrument": inst.id,
            "type": event.type,
            "date": event.date.text,
            "place": event.place or "",
            "article": event.article or "",
            **_source_cells(inst, event.source),
            "note": event.note or "",
        }
        for event in sorted(inst.events, key=lambda e: e.date.sort_key)
    ]


def status_rows(inst: Instrument) -> list[dict]:
    return [
        {
            "instrument": inst.id,
            "state": code,
            "status": st.status or "",
            "date": st.date.text if st.date else "",
            "as_of": inst.as_of.text,
        }
        for code, st in state_statuses(inst).items()
        if st.status
    ]


def _text(value) -> str:
    return value.text if value else ""


def _instrument_row(inst: Instrument) -> dict:
    tally = counts(inst)
    return {
        "id": inst.id,
        "short_name": inst.short_name,
        "name": inst.name,
        "kind": inst.kind,
        "domains": ";".join(inst.domains),
        "adopted": _text(inst.adopted),
        "opened_for_signature": _text(inst.opened_for_signature),
        "signed": _text(inst.signed),
        "established": _text(inst.established),
        "entry_into_force": _text(inst.entry_into_force),
        "ended": _text(inst.ended.date) if inst.ended else "",
        "ended_reason": inst.ended.reason if inst.ended else "",
        "as_of": inst.as_of.text,
        "parties": tally["parties"],
        "signatories": tally["signatories"],
        "members": tally["members"],
    }


def _state_row(code: str) -> dict:
    s = states.get(code)
    return {
        "code": code,
        "name": s.name,
        "region": s.region or "",
        "subregion": s.subregion or "",
        "former": "true" if s.former else "false",
        "continuator": s.continuator or "",
        "successors": ";".join(s.successors),
        "predecessors": ";".join(s.predecessors),
    }


def _schema(fields: list[str], types: dict[str, str] | None = None, descriptions: dict | None = None) -> dict:
    types = types or {}
    described = _DESCRIPTIONS | (descriptions or {})
    return {
        "fields": [
            {
                "name": f,
                "type": types.get(f, "string"),
                **({"description": described[f]} if f in described else {}),
            }
            for f in fields
        ]
    }


def datapackage() -> dict:
    ints = {"parties": "integer", "signatories": "integer", "members": "integer"}
    resources = [
        ("participation", "One row per recorded action", PARTICIPATION_FIELDS, {}),
        ("status", "Derived status of each state in each instrument it has acted on", STATUS_FIELDS, {}),
        ("instruments", "One row per instrument", INSTRUMENT_FIELDS, ints),
        ("states", "States and entities, with succession links", STATE_FIELDS, {"former": "boolean"}),
        (
            "limits",
            "One row per number an instrument sets (range, payload, yield, ceilings), with its article and source",
            LIMIT_FIELDS,
            {"value": "integer", "min": "integer", "max": "integer"},
        ),
        ("events", "One row per key event of an instrument, with its date, article and source", EVENT_FIELDS, {}),
    ]
    extra = {"limits": _LIMIT_DESCRIPTIONS, "events": _EVENT_DESCRIPTIONS}
    return {
        "name": "arms-control-treaty-participation",
        "title": "Arms-control treaty participation",
        "description": "Who has signed, ratified, joined or left arms-control treaties and regimes, and when. "
        "Dates keep the precision of their source: YYYY, YYYY-MM or YYYY-MM-DD, so they are strings. "
        "Each participation row cites its source (`source`, the original's address) and, when the source was read "
        "through a copy, the copy (`via`); the instruments JSON gives each source's `via` with its title and the "
        "date the copy was made (`captured`), apart from the date we read it (`accessed`). " + CSV_ESCAPE_RULE,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": desc,
                "schema": _schema(fields, types, extra.get(name)),
            }
            for name, desc, fields, types in resources
        ],
    }


def render_all(catalog: Catalog) -> dict[str, str]:
    """Files keyed by path under data/."""
    files: dict[str, str] = {}
    all_participation, all_status = [], []
    for inst in catalog.instruments:
        rows = participation_rows(inst)
        all_participation += rows
        all_status += status_rows(inst)
        files[f"instruments/{inst.id}.csv"] = _csv(PARTICIPATION_FIELDS, rows)
        files[f"instruments/{inst.id}.json"] = json.dumps(to_record(inst), ensure_ascii=False, indent=1)
    files["participation.csv"] = _csv(PARTICIPATION_FIELDS, all_participation)
    files["status.csv"] = _csv(STATUS_FIELDS, all_status)
    files["instruments.csv"] = _csv(INSTRUMENT_FIELDS, [_instrument_row(i) for i in catalog.instruments])
    files["instruments.json"] = json.dumps([to_record(i) for i in catalog.instruments], ensure_ascii=False, indent=1)
    files["limits.csv"] = _csv(LIMIT_FIELDS, [row for inst in catalog.instruments for row in limit_rows(inst)])
    files["events.csv"] = _csv(EVENT_FIELDS, [row for inst in catalog.instruments for row in event_rows(inst)])
    files["states.csv"] = _csv(STATE_FIELDS, [_state_row(c) for c in catalog.state_codes])
    files["datapackage.json"] = json.dumps(datapackage(), indent=1)
    for code in catalog.state_codes:
        entries = [catalog.entry(inst, code) for inst in catalog.instruments]
        rows = [
            {
                "instrument": e.instrument.id,
                "state": code,
                "status": e.status.status or "not joined",
                "date": e.status.date.text if e.status.date else "",
                "as_of": e.instrument.as_of.text,
            }
            for e in entries
        ]
        files[f"states/{code}.csv"] = _csv(STATUS_FIELDS, rows)
        files[f"states/{code}.json"] = json.dumps(
            {"state": _state_row(code), "status": rows}, ensure_ascii=False, indent=1
        )
    return files
