"""Data behind the matrix and compare views, embedded in the page as JSON so the
views work from disk without fetching anything."""

from __future__ import annotations

import json

from .. import states
from ..catalog import Catalog
from . import md
from .safe import script_json


def view_data(catalog: Catalog) -> dict:
    instruments = sorted(catalog.instruments, key=lambda i: (i.is_regime, i.short_name.casefold()))
    rows = []
    for code in sorted(catalog.state_codes, key=lambda c: states.name(c).casefold()):
        state = states.get(code)
        cells = {}
        for inst in instruments:
            entry = catalog.entry(inst, code)
            if entry.status.status:
                cells[inst.id] = [
                    entry.status.status,
                    entry.status.label,
                    entry.status.date.text if entry.status.date else "",
                ]
        rows.append(
            {
                "code": code,
                "name": state.name,
                "region": state.region or ("Former states" if state.former else "Other"),
                "groups": list(state.groups),
                "former": state.former,
                "cells": cells,
            }
        )
    return {
        "instruments": [
            {
                "id": i.id,
                "short": i.short_name,
                "name": i.name,
                "kind": i.kind,
                "kindLabel": md.KIND_LABELS[i.kind],
                "domains": list(i.domains),
            }
            for i in instruments
        ],
        "domains": md.DOMAIN_LABELS,
        "states": rows,
    }


def _embed(data: dict) -> str:
    # A script that assigns the data, not a `type="application/json"` block: Material's instant
    # navigation re-runs every script of the page it swaps in as JavaScript, and there a bare JSON
    # object is a syntax error that leaves the view empty. `</` must not appear inside a script.
    payload = script_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return f'<script id="treaty-data">window.treatyData = {payload};</script>\n'


def render_matrix(catalog: Catalog) -> str:
    out = md.front_matter(
        "Matrix: every state × every instrument", description="Participation matrix", exclude=True, hide=["toc"]
    )
    out += "# Matrix\n\n"
    out += (
        "Every state against every instrument. Each cell shows an icon and a word: "
        "✔ party or member, ✎ signatory, ◐ adherent, ✖ withdrawn, — not joined, · not open to the state, "
        "? not recorded (incomplete list). "
        "Filter by domain, kind and region; click a heading to sort.\n\n"
    )
    out += '<div id="matrix-app" class="treaty-app"><noscript>The matrix needs JavaScript; '
    out += "the same data is on each state page and in the [data downloads](data.md).</noscript></div>\n\n"
    return out + _embed(view_data(catalog))


def render_compare(catalog: Catalog) -> str:
    out = md.front_matter("Compare states", description="Compare states side by side", boost=1, hide=["toc"])
    out += "# Compare states\n\n"
    out += (
        "Pick two or more states to see their participation side by side, with the differences marked. "
        "The selection is kept in the address (for example `#IND,PAK`), so you can share it.\n\n"
    )
    out += '<div id="compare-app" class="treaty-app"><noscript>The compare view needs JavaScript.</noscript></div>\n\n'
    return out + _embed(view_data(catalog))
