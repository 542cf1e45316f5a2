"""Data downloads: CSV and JSON, plus a Frictionless Data Package descriptor."""

from __future__ import annotations

import csv
import io
import json

from .. import states
from ..catalog import Catalog
from ..designations import Designations, Notice
from ..model import Instrument, to_record
from ..status import COUNTED_APART, VALUE_MEANINGS, Status, count_at_end, counts, roster
from .safe import CSV_ESCAPE_RULE, csv_cell
from .systems_exports import SYSTEM_DESCRIPTIONS, SYSTEM_FIELDS, SYSTEM_TYPES, all_rows, systems_json

PARTICIPATION_FIELDS = [
    "instrument",
    "state",
    "action",
    "date",
    "depositary",
    "source",
    "via",
    "effective",
    "date_basis",
    "disputed",
    "withdrawal_rescinded",
    "role",
    "note",
]
# One row per state and instrument: the status and every qualifier, from status.standing.
STATUS_FIELDS = [
    "instrument",
    "state",
    "status",
    "label",
    "date",
    "consent",
    "signed",
    "continues",
    "awaiting_entry_into_force",
    "provisional_application",
    "suspended",
    "suspended_since",
    "withdrawal_notice",
    "withdrawal_effective",
    "withdrawal_disputed",
    "withdrawal_rescinded",
    "consent_revoked",
    "instrument_ended",
    "counted",
    "as_of",
]
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
    "former_parties",
    "parties_at_end",
]
DECLARATION_FIELDS = ["instrument", "state", "kind", "made", "date", "objects_to", "summary", "source", "url"]
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
DESIGNATION_FIELDS = [
    "date",
    "date_basis",
    "authority",
    "government",
    "agency",
    "entity",
    "aliases",
    "entity_country",
    "location_as_published",
    "concerns",
    "programme",
    "quote",
    "notice_title",
    "source",
    "via",
    "accessed",
    "delisted",
    "delisted_source",
    "note",
]

_DESCRIPTIONS = {
    "instrument": "Instrument id (file name of its YAML)",
    "state": "ISO 3166-1/3166-3 alpha-3 code",
    "action": "What the state did",
    "date": "ISO 8601 date at the source's precision (YYYY, YYYY-MM or YYYY-MM-DD), or, where the source gives "
    "only bounds or a rough date, EDTF levels 0-1 (ISO 8601-2): 1996/2003 between, ../2003 by, 1996/.. from, "
    "1984? uncertain, 1978~ approximate, 1978% both",
    "depositary": "Depositary key, when the deposit is with one of several",
    "source": "URL of the source: the original document (the depositary's or publisher's page), not a copy of it",
    "via": "URL of the copy the source was read through (a mirror, archive, reproduction or third-party harvest), "
    "when it was not read at its original address; empty when it was. Equal to `source` when the original's "
    "address is not known",
    "effective": "Withdrawal: when it took effect (suspension: when it took effect, where known)",
    "date_basis": "Whose act `date` is: own-notice (the state's notice to the depositary), own-statement (its "
    "public statement), collective-statement (a statement for a group, e.g. NATO's, when the state's own date "
    "is not known)",
    "disputed": "Withdrawal: true when other parties dispute its validity (the DPRK's from the NPT)",
    "withdrawal_rescinded": "Withdrawal: the date the notice was withdrawn or suspended before it took effect",
    "label": "The status in words, as the site shows it",
    "consent": "The act that bound the state: ratification, accession, succession, acceptance, approval...; "
    "'ratification or accession' where the records give different acts for the same day",
    "signed": "Date of the state's (or the state it continues') first signature",
    "continues": "For a continuator: the former state whose acts it carries on (Russia: SUN)",
    "awaiting_entry_into_force": "true when the state has consented but the instrument is not in force",
    "provisional_application": "true when the state applies the instrument provisionally",
    "suspended": "true when the state has suspended the operation of the instrument",
    "suspended_since": "When the suspension took effect (or was announced, where no effective date is known)",
    "withdrawal_notice": "Date of the withdrawal notice",
    "withdrawal_effective": "When the withdrawal took (or takes) effect",
    "withdrawal_disputed": "true when the withdrawal's validity is disputed",
    "consent_revoked": "true when the state revoked its ratification or accession (Russia, CTBT, 2023)",
    "instrument_ended": "When the instrument itself ended (expiry, termination, withdrawal)",
    "counted": "false for an entity listed apart from states and left out of every count: Taiwan, whose acts "
    "in the name of the Republic of China the United States records as depositary",
    "former_parties": "States bound until the instrument ended",
    "parties_at_end": "Parties (or members) on the day before the instrument ended",
    "role": "Regime admission: partner, participant, member",
    "status": "Derived status, one of: "
    + "; ".join(f"{value} ({meaning})" for value, meaning in VALUE_MEANINGS.items() if value != "former-state"),
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
_DESIGNATION_DESCRIPTIONS = {
    "date": "Date of the designation as the official notice gives it (ISO 8601 at its precision); see date_basis",
    "date_basis": "designation: the date the notice gives for the designation; notice-published: the notice's "
    "publication date, where the part of the notice read gives no date for the designation itself",
    "quote": "The notice's own sentence supporting the row, verbatim",
    "authority": "The legal authority the notice names, e.g. Executive Order 13382",
    "government": "Alpha-3 code of the designating government",
    "agency": "The agency that made the designation, as the notice names it",
    "entity": "The entity's name exactly as published in the notice",
    "aliases": "Other names the notice gives, separated by semicolons",
    "entity_country": "Alpha-3 code of the country the notice places the entity in; empty when the part of the "
    "notice read does not say",
    "location_as_published": "The entity's location in the notice's own words",
    "concerns": "Alpha-3 code of the state whose programme the notice names",
    "programme": "The programme or system the notice names, in its words",
    "notice_title": "Title of the official notice, as published",
    "source": "URL of the official notice (the government's own page)",
    "via": "URL of the copy the notice was read through, when it was not read at its own address",
    "accessed": "When the notice was read",
    "delisted": "Date of a later removal, when an official notice records one; empty otherwise",
    "delisted_source": "URL of the official notice of the removal",
    "note": "Anything a reader must know to read the row right",
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
                "date_basis": act.date_basis or "",
                "disputed": "true" if act.disputed else "",
                "withdrawal_rescinded": _text(act.withdrawal_rescinded),
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


def _text(value) -> str:
    return value.text if value else ""


def _flag(value: bool) -> str:
    return "true" if value else "false"


def status_row(inst: Instrument, code: str, st: Status) -> dict:
    withdrawn = st.status == "withdrawn"
    return {
        "instrument": inst.id,
        "state": code,
        "status": st.value,
        "label": st.label,
        "date": _text(st.date),
        "consent": " or ".join(st.consent_differs) if st.consent_differs else (st.consent or ""),
        "signed": _text(st.signed),
        "continues": st.via or "",
        "awaiting_entry_into_force": _flag(st.awaiting_force),
        "provisional_application": _flag(st.provisional),
        "suspended": _flag(st.suspended),
        "suspended_since": _text(st.suspended_since),
        "withdrawal_notice": _text(st.withdrawal_notice),
        "withdrawal_effective": _text(st.date if withdrawn else st.withdrawal_pending),
        "withdrawal_disputed": _flag(st.disputed),
        "withdrawal_rescinded": _text(st.withdrawal_rescinded),
        "consent_revoked": _flag(st.deratified),
        "instrument_ended": _text(st.instrument_ended),
        "counted": _flag(code not in COUNTED_APART),
        "as_of": inst.as_of.text,
    }


def status_rows(inst: Instrument) -> list[dict]:
    """Today's states only: a former state (the USSR) has no row; its acts are in participation.csv
    and count for its continuator, whose row says so in `via`."""
    return [status_row(inst, code, st) for code, st in roster(inst).items() if st.status != "former-state"]


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
        "former_parties": tally["former_parties"],
        "parties_at_end": count_at_end(inst) if inst.ended else "",
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
    ints = dict.fromkeys(("parties", "signatories", "members", "former_parties", "parties_at_end"), "integer")
    resources = [
        ("participation", "One row per recorded action", PARTICIPATION_FIELDS, {}),
        (
            "status",
            "Derived status of each existing state in each instrument it has acted on, itself or through a "
            "state it continues; states that no longer exist have no row (see participation)",
            STATUS_FIELDS,
            {},
        ),
        ("instruments", "One row per instrument", INSTRUMENT_FIELDS, ints),
        ("states", "States and entities, with succession links", STATE_FIELDS, {"former": "boolean"}),
        (
            "declarations",
            "Declarations, reservations and objections states made to an instrument, one row per state, kind "
            "and occasion, with a short summary in our own words and a link to the depositary's text",
            DECLARATION_FIELDS,
            {},
        ),
        (
            "limits",
            "One row per number an instrument sets (range, payload, yield, ceilings), with its article and source",
            LIMIT_FIELDS,
            {"value": "integer", "min": "integer", "max": "integer"},
        ),
        ("events", "One row per key event of an instrument, with its date, article and source", EVENT_FIELDS, {}),
        (
            "systems",
            "Delivery systems: one row per cited range or payload figure, with its source and the threshold checks "
            "computed from the MTCR and INF limits (systems.json holds each system once)",
            SYSTEM_FIELDS,
            SYSTEM_TYPES,
        ),
        (
            "designations",
            "One row per entity designated under a non-proliferation authority, from the official notice that "
            "designated it (a small official sample, not a sanctions database); designations.json adds the "
            "notices and the leads whose notice could not be read",
            DESIGNATION_FIELDS,
            {},
        ),
    ]
    extra = {
        "declarations": _DECLARATION_DESCRIPTIONS,
        "limits": _LIMIT_DESCRIPTIONS,
        "events": _EVENT_DESCRIPTIONS,
        "systems": SYSTEM_DESCRIPTIONS,
        "designations": _DESIGNATION_DESCRIPTIONS,
    }
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


def designation_rows(data: Designations) -> list[dict]:
    return [
        {
            "date": d.date.text,
            "date_basis": d.date_basis,
            "authority": d.authority,
            "government": d.government,
            "agency": d.agency,
            "entity": d.entity,
            "aliases": ";".join(d.aliases),
            "entity_country": d.entity_country or "",
            "location_as_published": d.location_as_published or "",
            "concerns": d.concerns,
            "programme": d.programme,
            "quote": d.quote or "",
            "notice_title": d.source.title,
            "source": d.source.url,
            "via": d.source.via.url if d.source.via else "",
            "accessed": d.source.accessed.text,
            "delisted": d.delisted.date.text if d.delisted else "",
            "delisted_source": d.delisted.source.url if d.delisted else "",
            "note": d.note or "",
        }
        for d in data.entries
    ]


def _notice_record(notice: Notice) -> dict:
    record = {
        "key": notice.key,
        "title": notice.title,
        "url": notice.url,
        "publisher": notice.publisher,
        "published": notice.published.text if notice.published else None,
        "accessed": notice.accessed.text,
        "via": None,
    }
    if notice.via:
        captured = notice.via.captured.text if notice.via.captured else None
        record["via"] = {"title": notice.via.title, "url": notice.via.url, "captured": captured}
    return record


def designations_json(data: Designations) -> str:
    """The whole list: rows as in the CSV (unescaped: JSON runs nothing), notices, and the leads out of reach."""
    record = {
        "as_of": data.as_of.text,
        "note": "A small sample of designations from official notices, not a sanctions database. "
        "`out_of_reach` lists reported designations whose official notice could not be read; "
        "they are not designations.",
        "designations": designation_rows(data),
        "notices": [_notice_record(n) for n in data.notices],
        "out_of_reach": [
            {
                "lead": lead.lead,
                "lead_date": lead.lead_date.text if lead.lead_date else None,
                "concerns": lead.concerns,
                "looked_for": lead.looked_for,
            }
            for lead in data.out_of_reach
        ],
    }
    return json.dumps(record, ensure_ascii=False, indent=1)


def render_designations(data: Designations) -> dict[str, str]:
    """designations.csv and designations.json, keyed by path under data/."""
    return {
        "designations.csv": _csv(DESIGNATION_FIELDS, designation_rows(data)),
        "designations.json": designations_json(data),
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
    files["limits.csv"] = _csv(LIMIT_FIELDS, [row for inst in catalog.instruments for row in limit_rows(inst)])
    files["events.csv"] = _csv(EVENT_FIELDS, [row for inst in catalog.instruments for row in event_rows(inst)])
    files["states.csv"] = _csv(STATE_FIELDS, [_state_row(c) for c in catalog.state_codes])
    files["declarations.csv"] = _csv(DECLARATION_FIELDS, all_declarations)
    files["datapackage.json"] = json.dumps(datapackage(), indent=1)
    for code in catalog.state_codes:
        rows = [status_row(inst, code, catalog.entry(inst, code).status) for inst in catalog.instruments]
        files[f"states/{code}.csv"] = _csv(STATUS_FIELDS, rows)
        files[f"states/{code}.json"] = json.dumps(
            {"state": _state_row(code), "status": rows}, ensure_ascii=False, indent=1
        )
    return files


def render_systems(files, thresholds) -> dict[str, str]:
    """systems.csv and systems.json, keyed by path under data/ (see render/systems_exports.py)."""
    return {
        "systems.csv": _csv(SYSTEM_FIELDS, all_rows(files, thresholds)),
        "systems.json": systems_json(files, thresholds),
    }
