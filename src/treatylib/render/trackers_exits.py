"""Tracker: every withdrawal, revoked consent and suspension, newest first, on one page.

The rows are the recorded acts themselves (notice, effective date, disputed, rescinded); what the act
means for the state today is the standing status.standing() gives, shown beside it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..catalog import Catalog
from ..dates import PartialDate
from ..model import Action, Instrument
from . import md
from .safe import Md, text

EXIT_ACTIONS = ("withdrawal", "deratification", "suspension", "resumption")
_KIND_WORDS = {
    "withdrawal": "Withdrawal",
    "deratification": "Consent revoked",
    "suspension": "Suspension",
    "resumption": "Suspension ended",
}


@dataclass(frozen=True)
class Exit:
    inst: Instrument
    act: Action

    @property
    def when(self) -> PartialDate | None:
        return self.act.date or self.act.effective


def exits(catalog: Catalog) -> list[Exit]:
    """Every exit act in the data, newest first (undated last)."""
    found = [
        Exit(inst, act) for inst in catalog.instruments for act in inst.participation if act.action in EXIT_ACTIONS
    ]
    dated = sorted(
        (e for e in found if e.when), key=lambda e: (e.when.sort_key, e.inst.short_name, e.act.state), reverse=True
    )
    return dated + [e for e in found if not e.when]


def _what(item: Exit) -> str:
    act = item.act
    if act.action == "deratification":
        return f"{item.inst.revoked_consent(act).capitalize()} revoked"
    return _KIND_WORDS[act.action]


def _remarks(item: Exit) -> str:
    """What a reader must know beside the dates: disputed, rescinded before it took effect."""
    act, notes = item.act, []
    if act.disputed:
        notes.append("disputed")
    if act.withdrawal_rescinded:
        notes.append(f"notice withdrawn on {md.date_words(act.withdrawal_rescinded)}, before it took effect")
    return f" ({'; '.join(notes)})" if notes else ""


def render(catalog: Catalog) -> str:
    items = exits(catalog)
    out = md.front_matter(
        "Withdrawals, revoked consents and suspensions",
        description="Every state that withdrew from, revoked its consent to, or suspended an arms-control "
        "treaty: notice and effective dates, newest first",
        # "withdrawal" finds this page first; "de-ratification" still finds the home page's explanation first.
        tags=["withdrawal", "withdrawn", "suspension", "left a treaty"],
        boost=4,
        hide=["toc"],  # the table needs the width more than a one-entry table of contents
    )
    out += "# Withdrawals, revoked consents and suspensions\n\n"
    out += (
        "Which states have left a treaty, or stopped applying it? Every **withdrawal** (the notice, the day it "
        "took effect, and whether it is disputed or was withdrawn before it took effect), every **revoked "
        "consent** (the state undoes its ratification and is no longer bound) and every "
        "**suspension** of a treaty's operation, newest first. The last column is the state's standing "
        "today, derived as everywhere on this site.\n\n"
    )
    tally = Counter(item.act.action for item in items)
    out += text(
        f"{tally['withdrawal']} withdrawal notices, {tally['deratification']} revoked consents, "
        f"{tally['suspension']} suspensions and {tally['resumption']} resumptions."
    )
    out += "\n\n"
    rows = []
    for item in items:
        act = item.act
        rows.append(
            [
                md.date(item.when),
                md.state_link(act.state),
                md.instrument_link(item.inst, "../instruments/"),
                _what(item) + _remarks(item),
                md.date(act.effective),
                md.status_badge(catalog.entry(item.inst, act.state).status),
            ]
        )
    out += '<div class="sortable">\n\n'
    out += md.table(["Date (notice)", "State", "Instrument", "What", "Takes effect", "Standing now"], rows)
    out += "\n</div>\n\n"
    out += Md(
        "A withdrawal takes effect only after the notice period the treaty sets; until then the state "
        "is still bound (shown as *withdrawal takes effect ...*). A suspension leaves the state a party: "
        "its status is qualified as *suspended*. See [how status is derived](../index.md).\n"
    )
    return out
