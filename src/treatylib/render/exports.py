"""Data downloads: CSV and JSON, plus a Frictionless Data Package descriptor."""

from __future__ import annotations

import csv
import io
import json

from .. import states
from ..catalog import Catalog
from ..model import Instrument, to_record
from ..status import counts, state_statuses

PARTICIPATION_FIELDS = ["instrument", "state", "action", "date", "depositary", "source", "effective", "role", "note"]
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
DECLARATION_FIELDS = ["instrument", "state", "kind", "made", "date", "objects_to", "summary", "source", "url"]
STATE_FIELDS = ["code", "name", "region", "subregion", "former", "continuator", "successors", "predecessors"]

_DESCRIPTIONS = {
    "instrument": "Instrument id (file name of its YAML)",
    "state": "ISO 3166-1/3166-3 alpha-3 code",
    "action": "What the state did",
    "date": "ISO 8601 date at the source's precision (YYYY, YYYY-MM or YYYY-MM-DD)",
    "depositary": "Depositary key, when the deposit is with one of several",
    "source": "URL of the source",
    "effective": "Withdrawal: when it took effect",
    "role": "Regime admission: partner, participant, member",
    "status": "Derived status: party, signatory, withdrawn, member or adherent",
    "as_of": "Date the data is complete to",
}
# Fields of declarations.csv whose meaning differs from, or is not in, the shared descriptions.
_DECLARATION_DESCRIPTIONS = {
    "state": "ISO 3166-1/3166-3 alpha-3 code of the state that made it",
    "kind": "declaration, reservation, objection, communication, reservation-withdrawal or objection-withdrawal",
    "made": "When it was made: upon-signature, upon-ratification, upon-accession, upon-succession, upon-acceptance, "
    "upon-approval, upon-consent-to-be-bound (with that act), or later (a separate notification)",
    "date": "Date of the act it was made with, or of the notification for a later one; ISO 8601 at the "
    "source's precision; empty when the depositary does not give it",
    "objects_to": "Objections and communications: alpha-3 code of the state whose reservation or declaration "
    "is objected or answered to",
    "summary": "What it says, summarised in the library's own words (not the legal text)",
    "source": "URL of the source",
    "url": "Where the depositary's text can be read (the status page; UNTC has no per-declaration anchors)",
}


def _csv(fields: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
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
                "effective": act.effective.text if act.effective else "",
                "role": act.role or "",
                "note": act.note or "",
            }
        )
    return rows


def declaration_rows(inst: Instrument) -> list[dict]:
    rows = []
    for item in sorted(inst.declarations, key=lambda d: d.sort_key):
        src = inst.source(item.source)
        source_url = src.url if src else item.source
        rows.append(
            {
                "instrument": inst.id,
                "state": item.state,
                "kind": item.kind,
                "made": item.made,
                "date": item.date.text if item.date else "",
                "objects_to": item.objects_to or "",
                "summary": item.summary,
                "source": source_url,
                "url": item.url or source_url,
            }
        )
    return rows


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
    described = {**_DESCRIPTIONS, **(descriptions or {})}
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
            "declarations",
            "Declarations, reservations and objections states made to an instrument, one row per state, kind "
            "and occasion, with a short summary in our own words and a link to the depositary's text",
            DECLARATION_FIELDS,
            {},
        ),
    ]
    descriptions = {"declarations": _DECLARATION_DESCRIPTIONS}
    return {
        "name": "arms-control-treaty-participation",
        "title": "Arms-control treaty participation",
        "description": "Who has signed, ratified, joined or left arms-control treaties and regimes, and when. "
        "Dates keep the precision of their source: YYYY, YYYY-MM or YYYY-MM-DD, so they are strings.",
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
                "schema": _schema(fields, types, descriptions.get(name)),
            }
            for name, desc, fields, types in resources
        ],
    }


def render_all(catalog: Catalog) -> dict[str, str]:
    """Files keyed by path under data/."""
    files: dict[str, str] = {}
    all_participation, all_status, all_declarations = [], [], []
    for inst in catalog.instruments:
        all_declarations += declaration_rows(inst)
        rows = participation_rows(inst)
        all_participation += rows
        all_status += status_rows(inst)
        files[f"instruments/{inst.id}.csv"] = _csv(PARTICIPATION_FIELDS, rows)
        files[f"instruments/{inst.id}.json"] = json.dumps(to_record(inst), ensure_ascii=False, indent=1)
    files["participation.csv"] = _csv(PARTICIPATION_FIELDS, all_participation)
    files["status.csv"] = _csv(STATUS_FIELDS, all_status)
    files["instruments.csv"] = _csv(INSTRUMENT_FIELDS, [_instrument_row(i) for i in catalog.instruments])
    files["instruments.json"] = json.dumps([to_record(i) for i in catalog.instruments], ensure_ascii=False, indent=1)
    files["states.csv"] = _csv(STATE_FIELDS, [_state_row(c) for c in catalog.state_codes])
    files["declarations.csv"] = _csv(DECLARATION_FIELDS, all_declarations)
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
