"""Each state's status on an instrument's map, year by year, for the map's year control (mapyear.js).

Statuses come only from status.standing(): at the end of each year in which the state's status can have
changed (a year of one of its acts, of its predecessor's acts or end, of the instrument's entry into force or
end), and on the file's as-of date for the last year, so the last entry is today's status and the map's counts
for that year are the headline's. Only changes are written: "1968:s 1970:p" is a signatory from the end of
1968 and a party from the end of 1970; before the first entry a state had not joined."""

from __future__ import annotations

import datetime as dt

from .. import states
from ..dates import PartialDate
from ..model import Instrument
from ..status import Status, standing

# One letter per status, as the map's data-y attributes spell it; mapyear.js holds the same table.
LETTERS = {
    "party": "p",
    "signatory": "s",
    "withdrawn": "w",
    "member": "m",
    "adherent": "a",
    "former-party": "x",
    "former-state": "f",
    None: "n",
    "unknown": "u",
    "ineligible": "i",
}
STATUS_OF = {letter: status for status, letter in LETTERS.items()}


def _years(when: PartialDate | None) -> set[int]:
    """Years in which a date can change a status (a range changes it in the year it becomes certain)."""
    if when is None:
        return set()
    return {when.latest.year} if when.is_range else set(range(when.earliest.year, when.latest.year + 1))


def _predecessors(code: str) -> tuple[str, ...]:
    return states.get(code).predecessors if states.is_known(code) else ()


def change_years(inst: Instrument, code: str) -> set[int]:
    """The years in which `code`'s standing in `inst` can change (see the module docstring)."""
    by_state = inst.actions_by_state()
    years: set[int] = set()
    for who in (code, *_predecessors(code)):
        for act in by_state.get(who, ()):
            for when in (act.date, act.effective, act.withdrawal_rescinded):
                years |= _years(when)
        state = states.get(who) if states.is_known(who) else None
        if state and state.ended:
            years.add(int(state.ended[:4]))
    if not years:
        return years  # no act of its own or inherited: its status never changes
    years |= _years(inst.entry_into_force) | _years(inst.ended.date if inst.ended else None)
    return years


def _at_end_of(inst: Instrument, code: str, year: int) -> tuple[Status, str | None]:
    """The state's standing at the end of `year`; where it had none because the state was still part of a
    predecessor (Ukraine in 1980: the Soviet Union), the predecessor's standing, and which state that is."""
    end = dt.date(year, 12, 31)
    status = standing(inst, code, end)
    if status.status is None:
        for former in _predecessors(code):
            ended = states.get(former).ended
            if ended and dt.date.fromisoformat(ended) > end:
                theirs = standing(inst, former, end)
                if theirs.status is not None:
                    return theirs, former
    return status, None


def history(inst: Instrument, code: str, today: Status) -> list[tuple[int | None, Status, str | None]]:
    """(year, status at the end of that year, the predecessor it is whose) for every year the status changes,
    ending with today's (always its own). A first entry with year None is the status before any change (an
    undated act counts at every date, so a state can be an adherent from the start)."""
    years = change_years(inst, code)
    if not years:
        return []  # no act of its own or inherited: it shows today's status in every year
    last_year = inst.as_of.latest.year
    status, who = _at_end_of(inst, code, min(years) - 1)
    changes = [(None, status, who)] if status.status is not None or who else []
    previous = (status.status, who)
    for year in sorted(y for y in years if y < last_year):
        status, who = _at_end_of(inst, code, year)
        if (status.status, who) != previous:
            changes.append((year, status, who))
            previous = (status.status, who)
    if (today.status, None) != previous:
        changes.append((last_year, today, None))
    return changes if any(year is not None for year, _, _ in changes) else []  # else: the same in every year


def encode(changes: list[tuple[int | None, Status, str | None]]) -> str:
    """'1968:s 1970:p', or '1970:p.SUN 1991:p' for a state drawn in a predecessor's status (the Soviet Union's
    until 1991); a first entry without a year ('a 2001:m') is the status before the first change, which is
    otherwise 'not joined'."""
    out = []
    for year, status, who in changes:
        entry = LETTERS[status.status] + (f".{who}" if who else "")
        out.append(entry if year is None else f"{year}:{entry}")
    return " ".join(out)
