"""Trackers: who is outside each treaty, by region; the nuclear-weapon states and the zone protocols."""

from __future__ import annotations

from .. import states
from ..catalog import Catalog
from . import md
from .safe import Md

NUCLEAR_WEAPON_STATES = ("CHN", "FRA", "GBR", "RUS", "USA")


def render_protocols(catalog: Catalog) -> str:
    protocols = [
        i
        for i in catalog.instruments
        if i.kind == "protocol" and "nuclear" in i.domains and any(r.relation == "protocol-of" for r in i.related)
    ]
    out = md.front_matter(
        "Zone protocols: the nuclear-weapon states",
        description="Which nuclear-weapon states are bound by the protocols of the nuclear-weapon-free-zone treaties",
        tags=["negative security assurances", "nuclear-weapon-free zone"],
        boost=2,
    )
    out += "# Nuclear-weapon-free-zone protocols: the nuclear-weapon states\n\n"
    if not protocols:
        return out + "No protocols recorded.\n"
    headers = ["Protocol", *[states.name(c) for c in NUCLEAR_WEAPON_STATES]]
    rows = [
        [md.instrument_link(inst, "../instruments/")]
        + [md.status_badge(catalog.entry(inst, c).status) for c in NUCLEAR_WEAPON_STATES]
        for inst in sorted(protocols, key=lambda i: i.short_name.casefold())
    ]
    return out + md.table(headers, rows) + "\n"


def render_universality(catalog: Catalog) -> str:
    out = md.front_matter(
        "Universality: who is outside each treaty",
        description="UN member and observer states that are not parties to each treaty, by region",
        boost=1,
    )
    out += "# Universality: who is outside each treaty\n\n"
    current = sorted(catalog.current_states, key=states.sort_key)
    if not current:
        return out
    out += "UN member and observer states that are not parties, by region.\n\n"
    for inst in sorted(catalog.instruments, key=lambda i: i.short_name.casefold()):
        if inst.kind == "bilateral" or inst.ended or not inst.participation_complete:
            continue
        outside: dict[str, list[str]] = {}
        for code in current:
            status = catalog.entry(inst, code).status
            if not status.is_in and status.status != "ineligible":
                outside.setdefault(states.get(code).region or "Other", []).append(code)
        total = sum(len(v) for v in outside.values())
        out += md.heading(2, f"{inst.short_name}: {total} outside")
        rows = [
            [region, str(len(codes)), Md(", ".join(md.state_link(c) for c in codes))]
            for region, codes in sorted(outside.items())
        ]
        out += "<div data-search-exclude>\n\n" + md.table(["Region", "Count", "States"], rows) + "\n</div>\n\n"
    return out
