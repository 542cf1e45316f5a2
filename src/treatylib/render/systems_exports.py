"""systems.csv and systems.json: every cited figure, with its source and the computed checks.

The CSV has one row per cited figure (range or payload), so a spread between sources stays a
spread; the system's columns and checks repeat on each of its rows. Every cell passes through
`safe.csv_cell` (the one CSV writer in exports.py). The JSON holds each system once, nested.
"""

from __future__ import annotations

import json

from ..systems import StateSystems, System
from ..systems_checks import SystemChecks, Thresholds, check

SYSTEM_FIELDS = [
    "state",
    "system",
    "aliases",
    "shared_with",
    "type",
    "basing",
    "quantity",
    "value",
    "min",
    "max",
    "unit",
    "qualifier",
    "source",
    "source_title",
    "source_url",
    "via_url",
    "figure_note",
    "status",
    "status_date",
    "first_test",
    "mtcr_category_i",
    "inf_band",
    "news_3000km",
]
SYSTEM_TYPES = {"value": "integer", "min": "integer", "max": "integer"}
SYSTEM_DESCRIPTIONS = {
    "system": "The system's name as the cited sources give it",
    "aliases": "Other names, separated by semicolons",
    "shared_with": "Other states that field the same system (ISO codes, separated by semicolons)",
    "quantity": "range (km) or payload (kg): one row per cited figure",
    "value": "The cited figure, when the source gives one number",
    "min": "Lower end, when the source itself gives a spread",
    "max": "Upper end, when the source itself gives a spread",
    "qualifier": "The source's own hedge: about, up-to, more-than",
    "source": "Key of the source within systems/<state>.yaml",
    "via_url": "The copy the source was read through, when not read at its original address",
    "status_date": "Date of the status, at the source's precision",
    "first_test": "First flight test, at the source's precision",
    "mtcr_category_i": "Computed: how the cited figures compare with the MTCR Category I range and payload "
    "(meets the parameters; never 'is a Category I item': Category I governs transfers)",
    "inf_band": "Computed: how the cited ranges compare with the INF Treaty's banned band, for ground-launched "
    "missiles of its parties",
    "news_3000km": "Computed: how the cited ranges compare with the 3,000 km figure cited in the news "
    "(a reference line, not a legal threshold)",
}


def _checks(result: SystemChecks) -> dict:
    return {
        "mtcr_category_i": result.category_i.words,
        "inf_band": result.inf.words,
        "news_3000km": result.news.words,
    }


def system_rows(file: StateSystems, system: System, t: Thresholds) -> list[dict]:
    sources = file.sources_by_key
    common = {
        "state": file.state,
        "system": system.name,
        "aliases": ";".join(system.aliases),
        "shared_with": ";".join(system.shared_with),
        "type": system.type,
        "basing": system.basing,
        "status": system.status.value if system.status else "",
        "status_date": system.status.date.text if system.status and system.status.date else "",
        "first_test": system.first_test.date.text if system.first_test else "",
        **_checks(check(system, t)),
    }
    rows = []
    for quantity, unit, figures in (("range", "km", system.range), ("payload", "kg", system.payload)):
        for fig in figures:
            src = sources[fig.source]
            rows.append(
                common
                | {
                    "quantity": quantity,
                    "value": "" if fig.value is None else fig.value,
                    "min": "" if fig.min is None else fig.min,
                    "max": "" if fig.max is None else fig.max,
                    "unit": unit,
                    "qualifier": fig.qualifier or "",
                    "source": fig.source,
                    "source_title": src.title,
                    "source_url": src.url,
                    "via_url": src.via.url if src.via else "",
                    "figure_note": fig.note or "",
                }
            )
    return rows


def _figure_record(fig) -> dict:
    return {k: v for k, v in vars(fig).items() if v is not None}


def _record(file: StateSystems, system: System, t: Thresholds) -> dict:
    record = {
        "state": file.state,
        "name": system.name,
        "aliases": list(system.aliases),
        "shared_with": list(system.shared_with),
        "type": system.type,
        "basing": system.basing,
        "range": [_figure_record(f) for f in system.range],
        "payload": [_figure_record(f) for f in system.payload],
        "checks": _checks(check(system, t)),
    }
    if system.status:
        record["status"] = {"value": system.status.value, "source": system.status.source}
        if system.status.date:
            record["status"]["date"] = system.status.date.text
    if system.first_test:
        record["first_test"] = {"date": system.first_test.date.text, "source": system.first_test.source}
    return record


def _source_record(src) -> dict:
    record = {"key": src.key, "title": src.title, "url": src.url}
    if src.accessed:
        record["accessed"] = src.accessed.text
    if src.via:
        record["via"] = {"title": src.via.title, "url": src.via.url}
    return record


def systems_json(files: tuple[StateSystems, ...], t: Thresholds) -> str:
    payload = [
        {
            "state": f.state,
            "as_of": f.as_of.text,
            "systems": [_record(f, s, t) for s in f.systems],
            "sources": [_source_record(src) for src in f.sources],
        }
        for f in files
    ]
    return json.dumps(payload, ensure_ascii=False, indent=1)


def all_rows(files: tuple[StateSystems, ...], t: Thresholds) -> list[dict]:
    return [row for f in files for s in f.systems for row in system_rows(f, s, t)]
