"""Tracker: what keeps a treaty from entering into force (the CTBT's Annex 2 states), and when each
treaty's ratification threshold was reached."""

from __future__ import annotations

from .. import states
from ..catalog import Catalog
from ..model import Instrument
from ..status import Status, nth_consent, roster
from . import md
from .safe import text

_GROUPS = ("signed only", "not signed", "ratified")


def _group(status: Status | None) -> str:
    if status and status.status == "party":
        return "ratified"
    if status and status.status == "signatory":
        return "signed only"
    return "not signed"


def required_states(inst: Instrument) -> str:
    """Which of the states a treaty names must ratify still have not: those first, by name."""
    statuses = roster(inst)
    codes = sorted(inst.required_states.states, key=states.sort_key)
    grouped = {g: [c for c in codes if _group(statuses.get(c)) == g] for g in _GROUPS}
    label, total = inst.required_states.label, len(codes)
    missing = len(grouped["signed only"]) + len(grouped["not signed"])
    out = md.heading(2, f"{inst.short_name}: which {label} states still keep it from entering into force?")
    out += text(f"{len(grouped['ratified'])} of the {total} {label} states have ratified. ")
    out += f"**{missing}** still keep the treaty from entering into force:\n\n"
    for group in ("signed only", "not signed"):
        if grouped[group]:
            names = ", ".join(md.state_link(c) for c in grouped[group])
            out += f"- **{group.capitalize()}** ({len(grouped[group])}): {names}\n"
    out += "\n"
    rows = []
    for group in _GROUPS:
        for code in grouped[group]:
            status = statuses.get(code, Status(None))
            rows.append([md.state_link(code), code, md.status_badge(status), md.date(status.date)])
    return out + md.table(["State", "Code", "Status", "Since"], rows) + "\n"


def _thresholds(catalog: Catalog) -> str:
    rows = []
    for inst in sorted(catalog.instruments, key=lambda i: i.short_name.casefold()):
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


def render(catalog: Catalog) -> str:
    out = md.front_matter(
        "Entry into force",
        description="Which states still keep a treaty from entering into force (CTBT Annex 2), and ratification "
        "thresholds",
        # No tags and no extra boost: "Annex 2" must still find the CTBT's own page first (tests/search_queries.yaml).
        boost=1,
    )
    out += "# Entry into force\n\n"
    for inst in catalog.instruments:
        if inst.required_states:
            out += required_states(inst)
    return out + _thresholds(catalog)
