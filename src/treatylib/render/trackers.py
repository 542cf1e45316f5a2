"""Entry-into-force trackers and universality by region."""

from __future__ import annotations

from .. import states
from ..catalog import Catalog
from ..status import nth_consent, roster
from . import md
from .instrument_page import required_states_table
from .safe import Md

NUCLEAR_WEAPON_STATES = ("CHN", "FRA", "GBR", "RUS", "USA")


def render(catalog: Catalog) -> str:
    out = md.front_matter("Trackers", description="Entry into force and universality trackers", boost=1)
    out += "# Trackers\n\n"
    for inst in catalog.instruments:
        if inst.required_states:
            out += md.heading(2, f"{inst.short_name}: entry into force")
            out += required_states_table(inst, roster(inst), heading_prefix=f"{inst.short_name} ")
    out += _thresholds(catalog)
    out += _nws_protocols(catalog)
    out += _universality(catalog)
    return out


def _thresholds(catalog: Catalog) -> str:
    rows = []
    for inst in sorted(catalog.instruments, key=lambda i: i.short_name):
        if not inst.ratification_threshold:
            continue
        n = inst.ratification_threshold
        when, so_far = nth_consent(inst, n)
        reached = md.date(when) if when else f"not yet ({so_far} of {n})"
        rows.append(
            [
                md.instrument_link(inst, "../instruments/"),
                str(n),
                reached,
                md.date(inst.entry_into_force, "not in force"),
            ]
        )
    if not rows:
        return ""
    return (
        "## Ratification thresholds\n\nWhen the number of states a treaty requires had consented to be bound, "
        "counted from the recorded deposits (one per state). Some treaties add conditions, such as the depositaries' "
        "own ratifications (the NPT, the BWC) or a delay after the last deposit: see each treaty's page.\n\n"
        + md.table(["Instrument", "States required", "Count reached on", "Entry into force"], rows)
        + "\n"
    )


def _nws_protocols(catalog: Catalog) -> str:
    protocols = [
        i
        for i in catalog.instruments
        if i.kind == "protocol" and "nuclear" in i.domains and any(r.relation == "protocol-of" for r in i.related)
    ]
    if not protocols:
        return ""
    headers = ["Protocol", *[states.name(c) for c in NUCLEAR_WEAPON_STATES]]
    rows = []
    for inst in sorted(protocols, key=lambda i: i.short_name):
        rows.append(
            [md.instrument_link(inst, "../instruments/")]
            + [md.status_badge(catalog.entry(inst, c).status) for c in NUCLEAR_WEAPON_STATES]
        )
    return "## Nuclear-weapon-free-zone protocols: the nuclear-weapon states\n\n" + md.table(headers, rows) + "\n"


def _universality(catalog: Catalog) -> str:
    current = catalog.current_states
    if not current:
        return ""
    out = "## Universality: who is outside each treaty\n\n"
    out += "UN member and observer states that are not parties, by region.\n\n"
    for inst in sorted(catalog.instruments, key=lambda i: i.short_name):
        if inst.kind == "bilateral" or inst.ended or not inst.participation_complete:
            continue
        outside: dict[str, list[str]] = {}
        for code in current:
            status = catalog.entry(inst, code).status
            if not status.is_in and status.status != "ineligible":
                outside.setdefault(states.get(code).region or "Other", []).append(code)
        total = sum(len(v) for v in outside.values())
        out += md.heading(3, f"{inst.short_name}: {total} outside")
        rows = [
            [region, str(len(codes)), Md(", ".join(md.state_link(c) for c in codes))]
            for region, codes in sorted(outside.items())
        ]
        out += "<div data-search-exclude markdown>\n\n" + md.table(["Region", "Count", "States"], rows) + "\n</div>\n\n"
    return out
