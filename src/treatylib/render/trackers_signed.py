"""Tracker: signed but not bound, per instrument and per state.

A signatory is whatever status.roster() says is one (status.standing() for each state), so a state
that signed, ratified and then revoked its ratification (Russia, CTBT) is listed as it should be."""

from __future__ import annotations

from .. import states
from ..catalog import Catalog
from ..model import Instrument
from ..status import Status, roster
from . import md
from .safe import Md, text


def signatories(catalog: Catalog) -> dict[str, dict[str, Status]]:
    """Instrument id -> {state code: status} for every state that signed and is not bound, by name."""
    found = {}
    for inst in catalog.instruments:
        signed = {code: st for code, st in roster(inst).items() if st.status == "signatory"}
        if signed:
            found[inst.id] = dict(sorted(signed.items(), key=lambda kv: states.sort_key(kv[0])))
    return found


def _names(codes: dict[str, Status]) -> Md:
    return Md(", ".join(md.state_link(code) for code in codes))


def _incomplete(inst: Instrument) -> str:
    return "" if inst.participation_complete else "; the list is incomplete, a later ratification may be missing"


def render(catalog: Catalog) -> str:
    found = signatories(catalog)
    by_id = catalog.by_id
    out = md.front_matter(
        "Signed but not ratified",
        description="Which states signed an arms-control treaty but are not bound by it, per treaty and per state",
        tags=["signed not ratified", "signatory", "not bound"],
        boost=4,
    )
    out += "# Signed but not ratified\n\n"
    out += (
        "A signatory has signed a treaty but has not consented to be bound by it (or has revoked its "
        "consent). Signing commits a state only not to defeat the treaty's object and purpose.\n\n"
    )
    # Lists, not tables: a row of forty names reads better as a paragraph, on a phone above all.
    out += "## Per instrument\n\n"
    for inst_id, codes in sorted(found.items(), key=lambda kv: by_id[kv[0]].short_name.casefold()):
        inst = by_id[inst_id]
        count = text(f"{len(codes)}{_incomplete(inst)}")
        out += f"- **{md.instrument_link(inst, '../instruments/')}** ({count}): {_names(codes)}\n"
    out += "\n## Per state\n\n"
    per_state: dict[str, list[Instrument]] = {}
    for inst_id, codes in found.items():
        for code in codes:
            per_state.setdefault(code, []).append(by_id[inst_id])
    out += text(f"{len(per_state)} states have signed at least one instrument they are not bound by.") + "\n\n"
    for code in sorted(per_state, key=states.sort_key):
        insts = sorted(per_state[code], key=lambda i: i.short_name.casefold())
        links = ", ".join(md.instrument_link(i, "../instruments/") for i in insts)
        out += f"- **{md.state_link(code)}** ({len(insts)}): {links}\n"
    return out + "\n"
