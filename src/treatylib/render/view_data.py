"""The data behind the matrix and compare views: one compact script file, shared by both pages.

It is a script (`window.treatyData = {...}`) loaded with `<script src>`, not JSON fetched at run
time, because browsers refuse fetch() from file:// and the site must work from disk. Both pages
load the same file, so a reader downloads it once.

Compact, because it is most of what the two pages weigh:
- keys are short, and a status is an index into `statuses` (code, label, icon), never a repeated word;
- a status and its label are one index into `kinds` (the plain words first, then fuller labels,
  each once); a cell is that index alone, or `[kind, date]`, plus its history when it ever differed;
- a history lists only the changes, `[year, kind, date]`, the first from year 0: the status at the
  end of a year is that of the last change at or before it; `[year]` alone means "as today";
- a fourth field, 1, says an act behind the cell is undated, so a year view may show it too early.

Every status, today's and each year-end's, comes from `status.standing`; nothing here derives one.
"""

from __future__ import annotations

import datetime as dt
import json

from .. import states
from ..catalog import Catalog
from ..dates import PartialDate
from ..model import Instrument
from ..status import ICONS, LABELS, VALUES, Status, standing
from . import md
from .safe import script_json

# What readers ask about most, in this order, first in both views; then the rest (see _order).
KEY_INSTRUMENTS = ("npt", "ctbt", "cwc", "bwc", "tpnw", "mtcr", "nsg", "australia-group", "wassenaar", "hcoc")
# Every status a cell can have, as the exports spell it (status.VALUES), in the order of the legend.
STATUS_ORDER = (
    "party",
    "member",
    "signatory",
    "adherent",
    "withdrawn",
    "former-party",
    "former-state",
    None,
    "unknown",
    "ineligible",
)
# The stylesheet's class for each status (status-none for no act, as on the other pages).
_CSS = {None: "none"}


def ordered_instruments(catalog: Catalog) -> list[Instrument]:
    """Key instruments first; then multilateral treaties, regimes and codes, bilateral treaties last."""
    rank = {ident: n for n, ident in enumerate(KEY_INSTRUMENTS)}
    return sorted(
        catalog.instruments,
        key=lambda i: (
            rank.get(i.id, len(rank)),
            i.kind == "bilateral",
            i.is_regime,
            i.short_name.casefold(),
        ),
    )


class _Kinds:
    """The table of (status, label) pairs cells point into: the plain status words first, in the
    legend's order, then each fuller label ("Ratified (treaty not in force)") once, as it is met."""

    def __init__(self) -> None:
        self.rows = [[VALUES.get(s, s), LABELS[s], ICONS[s], _CSS.get(s, s)] for s in STATUS_ORDER]
        self._index = {(s, LABELS[s]): n for n, s in enumerate(STATUS_ORDER)}

    def of(self, st: Status) -> int:
        key = (st.status, st.label)
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(
                [VALUES.get(st.status, st.status), st.label, ICONS[st.status], _CSS.get(st.status, st.status)]
            )
        return self._index[key]

    def cell(self, st: Status) -> list:
        """[kind index, date text], the date left out when there is none."""
        return [self.of(st), st.date.text] if st.date else [self.of(st)]


def _years_of(when: PartialDate | None) -> set[int]:
    """Years in which a date can start to count (a range: from its first certain year to its last)."""
    if when is None:
        return set()
    if not when.is_range:
        return {when.year}
    ends = [end.year for end in (when.start, when.end) if end]
    return set(range(min(ends), max(ends) + 1))


def change_years(inst: Instrument, code: str) -> set[int] | None:
    """The years at whose end the state's standing may differ from the year before: those of its
    acts, of the acts of the states it continues, of a state ceasing to exist, and of the instrument
    entering into force or ending. None when the standing cannot change over time (no act at all)."""
    by_state = inst.actions_by_state()
    state = states.get(code) if states.is_known(code) else None
    related = [code, *(state.predecessors if state else ())]
    years: set[int] = set()
    found = False
    for each in related:
        for act in by_state.get(each, ()):
            found = True
            for when in (act.date, act.effective, act.withdrawal_rescinded):
                years |= _years_of(when)
        other = states.get(each) if states.is_known(each) else None
        if other and other.ended:
            years.add(int(other.ended[:4]))
    if not found and not (state and state.ended):
        return None
    for when in (inst.entry_into_force, inst.ended.date if inst.ended else None):
        years |= _years_of(when)
    return years


def history(inst: Instrument, code: str, before: int, kinds: _Kinds) -> list[list]:
    """The changes of the state's standing at year ends before `before`, each `[year, kind, date]`,
    the first from year 0. Between two change years nothing can change, so standing() is asked only
    at the end of the year before the first change year and at each change year."""
    years = change_years(inst, code)
    wanted = sorted(y for y in years or () if y < before)
    if not wanted:
        return []
    changes: list[list] = []
    for year in [wanted[0] - 1, *wanted]:
        cell = kinds.cell(standing(inst, code, dt.date(year, 12, 31)))
        if not changes or changes[-1][1:] != cell:
            changes.append([0 if not changes else year, *cell])
    return changes


def cell(inst: Instrument, code: str, now: Status, now_year: int, kinds: _Kinds) -> int | list:
    """Today's kind and date, and the history of changes before this year when there is one.
    A last change equal to today is written as its year alone."""
    today = kinds.cell(now)
    past = history(inst, code, now_year, kinds)
    if len(past) == 1 and past[0][1:] == today:
        past = []  # the same throughout: no history to tell
    if past and past[-1][1:] == today:
        past[-1] = past[-1][:1]
    undated = has_undated_act(inst, code)
    if past or undated:
        # An undated act counts from the start (status.derive): flag it, so a year view can say so.
        return [*today, *([""] if len(today) == 1 else []), past, *([1] if undated else [])]
    return today[0] if len(today) == 1 else today


def has_undated_act(inst: Instrument, code: str) -> bool:
    """Whether an act behind the state's standing has no date, so no year can be given for it."""
    by_state = inst.actions_by_state()
    state = states.get(code) if states.is_known(code) else None
    # As standing() does: a state carries on only the acts of the states it is the continuator of.
    continued = [p for p in (state.predecessors if state else ()) if states.get(p).continuator == code]
    return any(act.date is None for each in (code, *continued) for act in by_state.get(each, ()))


def view_data(catalog: Catalog) -> dict:
    instruments = ordered_instruments(catalog)
    codes = sorted(catalog.state_codes, key=states.sort_key)
    now_year = max(inst.as_of.latest for inst in instruments).year
    regions = sorted({_region(code) for code in codes})
    groups = sorted({g for code in codes for g in states.get(code).groups})
    kinds = _Kinds()
    rows = []
    for code in codes:
        state = states.get(code)
        cells = [cell(inst, code, catalog.entry(inst, code).status, now_year, kinds) for inst in instruments]
        region = regions.index(_region(code))
        rows.append([code, state.name, region, [groups.index(g) for g in state.groups], int(state.former), cells])
    first_year = min(
        (change[0] for row in rows for c in row[5] if isinstance(c, list) and len(c) > 2 for change in c[2][1:]),
        default=now_year,
    )
    return {
        "kinds": kinds.rows,
        "plain": len(STATUS_ORDER),
        "noAct": STATUS_ORDER.index(None),
        "domains": md.DOMAIN_LABELS,
        "kindLabels": md.KIND_LABELS,
        "regions": regions,
        "groups": groups,
        "years": [first_year, now_year],
        "asOf": max((inst.as_of for inst in instruments), key=lambda d: d.sort_key).text,
        # The year states could first act: before it, a year view shows no act, even for an undated one.
        "instruments": [
            [i.id, i.short_name, i.name, i.kind, list(i.domains), i.opening.earliest.year if i.opening else None]
            for i in instruments
        ],
        "states": rows,
    }


def _region(code: str) -> str:
    state = states.get(code)
    return state.region or ("Former states" if state.former else "Other")


def script(catalog: Catalog) -> str:
    """The shared data file. `</` cannot appear in it (safe.script_json), and it tells the views
    it has arrived, for pages where it loads after them (instant navigation swaps pages in)."""
    payload = script_json(json.dumps(view_data(catalog), ensure_ascii=False, separators=(",", ":")))
    return f"window.treatyData = {payload};\nif (window.treatyViews) window.treatyViews();\n"
