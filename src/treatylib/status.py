"""Derive each state's status in an instrument from its actions.

Status is never typed in. Rules, in date order:
- a consent act (ratification, accession, succession, acceptance, approval,
  consent to be bound) makes a party; the first one is the decisive date, so
  later deposits with other depositaries do not move it;
- a signature alone makes a signatory;
- a de-ratification undoes consent: with a signature the state is a signatory again;
- a withdrawal makes the state `withdrawn` once it takes effect (until then it
  stays a party, with the withdrawal pending); one rescinded before it took
  effect changes nothing; joining again afterwards makes a party again;
- admission or subscription makes a regime member; unilateral adherence an adherent;
- suspension leaves the legal status but is shown as a qualifier until resumption.

A state that consented to a treaty not (yet) in force is a contracting state, not a party
(Vienna Convention on the Law of Treaties, art. 2(1)(f)-(g)). Its status stays `party`, so counts
match the depositary's ("Parties: 178" on the UNTC CTBT page), but `for_instrument` marks it
`awaiting_force` and the label says what it did: "Ratified (treaty not in force)".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from . import states
from .dates import PartialDate
from .model import CONSENT_ACTIONS, MEMBERSHIP_ACTIONS, Action, Instrument

STATUSES = ("party", "signatory", "withdrawn", "member", "adherent", "former-party", "former-state")
LABELS = {
    "party": "Party",
    "signatory": "Signatory",
    "withdrawn": "Withdrawn",
    "member": "Member",
    "adherent": "Adherent",
    "former-party": "Party until the treaty ended",
    "former-state": "Former state",
    None: "Not joined",
    "unknown": "Not recorded (list incomplete)",
    "ineligible": "Not open to it",
}
# Entities whose acts a depositary records but whom no depositary counts among the states parties:
# the Republic of China (Taiwan), whose pre-1979 acts the United States still records and regards as
# binding. The standard references list it apart ("190 states and the Republic of China").
COUNTED_APART = frozenset({"TWN"})
# The status as the exports spell it: one word for every case, documented in the data package.
VALUES = {None: "not-joined", "ineligible": "not-open"}
VALUE_MEANINGS = {
    "party": "Bound: ratified, acceded, succeeded, accepted or approved (for a treaty not yet in force: a "
    "contracting state, see awaiting_entry_into_force)",
    "signatory": "Signed, not (yet) bound",
    "withdrawn": "Was bound and withdrew; the withdrawal has taken effect",
    "member": "Admitted to a regime (partner, participant) or subscribing to a code",
    "adherent": "Adheres unilaterally to a regime without being admitted",
    "former-party": "Was bound until the instrument itself ended (expiry, termination, a party's withdrawal)",
    "former-state": "A state that no longer exists; its acts count for its continuator, if any",
    "not-joined": "No act recorded, and the list is complete",
    "not-open": "The instrument is not open to this state",
    "unknown": "Not in the list, which is incomplete",
}
# What a contracting state did, for treaties not in force (see the module docstring).
CONSENT_LABELS = {
    "ratification": "Ratified",
    "accession": "Acceded",
    "succession": "Succeeded",
    "acceptance": "Accepted",
    "approval": "Approved",
    "consent-to-be-bound": "Consented to be bound",
}
ENDED_WORDS = {
    "expiry": "expired",
    "termination": "terminated",
    "withdrawal": "ended by withdrawal",
    "superseded": "superseded",
}
ICONS = {
    "party": "✔",
    "member": "✔",
    "signatory": "✎",
    "adherent": "◐",
    "withdrawn": "✖",
    "former-party": "⊘",
    "former-state": "†",
    None: "—",
    "unknown": "?",
    "ineligible": "·",
}


@dataclass(frozen=True)
class Status:
    status: str | None
    date: PartialDate | None = None
    suspended: bool = False
    disputed: bool = False
    withdrawal_pending: PartialDate | None = None  # effective date of a notice not yet in effect
    provisional: bool = False
    role: str | None = None
    deratified: bool = False
    signed: PartialDate | None = None
    consent: str | None = None  # the act that made the state a party: ratification, accession...
    awaiting_force: bool = False  # consented, but the treaty itself is not in force
    later_acts_unknown: bool = False  # a signatory on an incomplete list: a later deposit may be missing
    known_to: PartialDate | None = None  # the list is complete only to this date: later acts may be missing
    via: str | None = None  # the former state whose acts this one continues (Russia: the USSR)
    suspended_since: PartialDate | None = None
    withdrawal_notice: PartialDate | None = None
    withdrawal_rescinded: PartialDate | None = None  # a notice withdrawn before it took effect
    instrument_ended: PartialDate | None = None
    ended_reason: str | None = None
    consent_differs: tuple[str, ...] = ()  # the records give different acts for the same consent
    historic: str | None = None  # a former state: its status when it ceased to exist
    continued_by: str | None = None  # a former state: the state that continues it

    @property
    def value(self) -> str:
        """The status as the exports and the CLI's --json spell it."""
        return VALUES.get(self.status, self.status)

    @property
    def label(self) -> str:
        text = LABELS[self.status]
        if self.status == "party" and self.awaiting_force:
            text = f"{CONSENT_LABELS.get(self.consent, 'Consented to be bound')} (treaty not in force)"
        if self.status == "member" and self.role and self.role != "member":
            text = self.role.capitalize()
        if self.status == "former-party" and self.instrument_ended:
            text += f" ({ENDED_WORDS.get(self.ended_reason, 'ended')} {self.instrument_ended.human()})"
        if self.status == "former-state":
            then = LABELS[self.historic].lower() if self.historic else "no act"
            text += f" ({then} when it ceased to exist" + (
                f"; continued by {states.name(self.continued_by)})" if self.continued_by else ")"
            )
        extras = []
        if self.via and self.date:
            extras.append(f"as the {states.name(self.via)}, {self.date.year_words()}")
        if self.disputed:
            extras.append("disputed")
        if self.suspended:
            extras.append("suspended")
        if self.withdrawal_pending:
            extras.append(f"withdrawal takes effect {self.withdrawal_pending.human()}")
        if self.provisional:
            extras.append("provisional application")
        if self.deratified:
            extras.append(f"{self.consent or 'ratification'} revoked")
        if self.consent_differs:
            extras.append(f"{' or '.join(self.consent_differs)}: the records differ")
        if self.later_acts_unknown:
            extras.append("list incomplete")
        if self.known_to:
            extras.append(f"as of {self.known_to.human()}")
        return f"{text} ({', '.join(extras)})" if extras else text

    @property
    def icon(self) -> str:
        return ICONS[self.status]

    @property
    def is_in(self) -> bool:
        """Bound by the instrument now, or a full member of the regime."""
        return self.status in ("party", "member")


def _happened_by(when: PartialDate | None, cutoff: dt.date | None) -> bool:
    """A date at a source's precision counts from its first day ('1993' from 1 January); a date known
    only within bounds ('../1990-09-03', '1996/2003') counts from the day it is certain, its last."""
    if cutoff is None:
        return True
    return when is not None and (when.latest if when.is_range else when.earliest) <= cutoff


def derive(actions: tuple[Action, ...] | list[Action], at: dt.date | None = None) -> Status:
    """Status from one state's actions, optionally as it stood on date `at`."""
    status: str | None = None
    decisive: PartialDate | None = None
    signed: PartialDate | None = None
    suspended = disputed = provisional = deratified = False
    pending = notice = rescinded = suspended_since = None
    role: str | None = None
    consent: str | None = None

    for act in sorted(actions, key=lambda a: a.sort_key):
        if not _happened_by(act.date, at) and act.date is not None:
            continue
        kind = act.action
        if kind == "signature":
            signed = signed or act.date
            if status in (None, "withdrawn"):
                status, decisive = "signatory", act.date
        elif kind in CONSENT_ACTIONS:
            if status != "party":
                status, decisive, consent = "party", act.date, kind
                deratified = provisional = False
                pending = notice = None
        elif kind == "provisional-application":
            provisional = True
            if status is None:
                status, decisive = "signatory", act.date
        elif kind == "deratification":
            deratified = True
            status, decisive = ("signatory", act.date) if signed else (None, act.date)
        elif kind == "withdrawal":
            if act.withdrawal_rescinded and _happened_by(act.withdrawal_rescinded, at):
                rescinded = act.withdrawal_rescinded
                continue
            effective = act.effective or act.date
            notice = act.date
            if at is not None and effective and effective.earliest > at:
                pending = effective
            else:
                status, decisive, pending = "withdrawn", effective, None
                disputed = act.disputed
                suspended, suspended_since = False, None
        elif kind in MEMBERSHIP_ACTIONS:
            if status != "member":
                # The HCoC has subscribing states, not members: say so where no role is given.
                status, decisive = "member", act.date
                role = act.role or ("subscribing state" if kind == "subscription" else None)
        elif kind == "adherence":
            if status not in ("member",):
                status, decisive = "adherent", act.date
        elif kind == "suspension":
            # Announced now, in effect from `effective` where the source gives it (CFE: months later).
            in_effect = act.effective or act.date
            if _happened_by(in_effect, at):
                suspended, suspended_since = True, in_effect
        elif kind == "resumption":
            suspended, suspended_since = False, None
    return Status(
        status,
        decisive,
        suspended,
        disputed,
        pending,
        provisional,
        role,
        deratified,
        signed,
        consent,
        suspended_since=suspended_since,
        withdrawal_notice=notice,
        withdrawal_rescinded=rescinded,
        consent_differs=_consent_differs(actions, decisive) if status == "party" else (),
    )


def _consent_differs(actions, decisive: PartialDate | None) -> tuple[str, ...]:
    """The kinds of consent recorded for the decisive date, when they disagree (one source says
    accession, the depositaries ratification): shown as undecided, never silently resolved."""
    if decisive is None:
        return ()
    kinds = {
        a.action
        for a in actions
        if a.action in CONSENT_ACTIONS
        and a.date
        and a.date.earliest <= decisive.latest
        and a.date.latest >= decisive.earliest
    }
    return tuple(sorted(kinds)) if len(kinds) > 1 else ()


def for_instrument(instrument: Instrument, actions, at: dt.date | None = None) -> Status:
    """derive(), plus what the instrument adds: whether a consenting state still waits for the
    treaty to enter into force, and whether a signatory's later ratification may be missing
    because the list is incomplete (a signature from a 1968 list is not a status today), or
    complete only to a date (then the status holds as of that date)."""
    at = at or instrument.as_of.latest
    status = derive(actions, at)
    changes = _instrument_changes(instrument, status, at)
    return replace(status, **changes) if changes else status


def _instrument_changes(instrument: Instrument, status: Status, at: dt.date) -> dict:
    force = instrument.entry_into_force
    if status.status == "party" and (force is None or force.earliest > at):
        return {"awaiting_force": True}
    if status.status == "signatory" and not instrument.participation_complete:
        known_to, signed = instrument.complete_to, status.signed
        if known_to and (signed is None or signed.earliest <= known_to.latest):
            return {"known_to": known_to}
        return {"later_acts_unknown": True}
    return {}


# ---- the one answer to "what is state X's standing in instrument Y on date D" --------------------


def may_join(instrument: Instrument, code: str) -> bool:
    """Whether the instrument is open to this state at all."""
    if instrument.kind == "bilateral":
        return False  # its parties all have actions; nobody else can join
    rule = instrument.open_to
    if rule is None:
        return True
    state = states.get(code) if states.is_known(code) else None
    return bool(
        code in rule.states
        or (rule.region and state and state.region == rule.region)
        or (rule.subregion and state and state.subregion == rule.subregion)
    )


def _ceased_by(code: str, at: dt.date) -> dt.date | None:
    """The day a former state ceased to exist, if it had by `at`."""
    state = states.get(code) if states.is_known(code) else None
    if state is None or not state.ended:
        return None
    ended = dt.date.fromisoformat(state.ended)
    return ended if ended <= at else None


def standing(instrument: Instrument, code: str, at: dt.date | None = None) -> Status:
    """State `code`'s standing in `instrument` on `at` (default: the file's as-of date).

    Every page, count, chart, export and CLI answer comes from here. The rules:
    - a state that had ceased to exist by `at` is a `former-state`, never counted; the status it
      had when it ended is kept as `historic`;
    - a continuator carries on the acts of the state it continues once that state has ended
      (Russia the USSR's), and `via` says so;
    - a state bound by an instrument that had ended by `at` is a `former-party`;
    - with no act at all: not open to it, not joined, or not recorded (incomplete list)."""
    at = at or instrument.as_of.latest
    by_state = instrument.actions_by_state()
    own = by_state.get(code, ())
    ceased = _ceased_by(code, at)
    if ceased:
        state = states.get(code)
        historic = for_instrument(instrument, own, ceased) if own else Status(None)
        return Status(
            "former-state", historic.date, signed=historic.signed, historic=historic.status,
            continued_by=state.continuator,
        )  # fmt: skip
    acts, via = list(own), None
    for former in states.get(code).predecessors if states.is_known(code) else ():
        if states.get(former).continuator == code and _ceased_by(former, at) and by_state.get(former):
            acts, via = [*by_state[former], *acts], former
    if not acts:
        if not may_join(instrument, code):
            return Status("ineligible")
        if instrument.participation_complete:
            return Status(None)
        # The latest statement speaks for the state, whatever the order of the file.
        said = max((n for n in instrument.not_joined if n.state == code), key=lambda n: n.as_of.latest, default=None)
        if said:  # a cited source says so, for its date: better than 'not recorded'
            return Status(None, known_to=said.as_of)
        return Status(None, known_to=instrument.complete_to) if instrument.complete_to else Status("unknown")
    status = derive(acts, at)
    changes = _instrument_changes(instrument, status, at)
    if via:
        changes["via"] = via
    ended = instrument.ended
    if ended and ended.date.earliest <= at and status.status in ("party", "member"):
        changes.update(
            status="former-party", instrument_ended=ended.date, ended_reason=ended.reason,
            suspended=False, suspended_since=None, withdrawal_pending=None, awaiting_force=False,
        )  # fmt: skip
    return replace(status, **changes) if changes else status


def roster(instrument: Instrument, at: dt.date | None = None) -> dict[str, Status]:
    """Every state with an act in the instrument, its own or one it continues, as states stood on
    `at`: former states included (as `former-state`), so a page can still say what they did."""
    at = at or instrument.as_of.latest
    found = {code: standing(instrument, code, at) for code in _roster_codes(instrument)}
    return {code: st for code, st in found.items() if _on_roster(st)}


def _roster_codes(instrument: Instrument) -> list[str]:
    codes = set(instrument.actions_by_state())
    codes |= {states.get(c).continuator for c in codes if states.is_known(c) and states.get(c).continuator}
    return sorted(codes)


def _on_roster(status: Status) -> bool:
    return status.status not in (None, "ineligible", "unknown") or status.deratified


def counts(instrument: Instrument, at: dt.date | None = None) -> dict[str, int]:
    """Parties, signatories (UNTC sense: ever signed), members, adherents, withdrawn, former parties.

    A state that had ceased to exist by `at` (the USSR, the GDR) is not counted, as in every
    depositary's count: its continuator (Russia) carries its acts on, and successor states count
    by their own acts of succession. An instrument that has ended has no parties, only former ones."""
    return _tally(roster(instrument, at))


def _tally(found: dict[str, Status]) -> dict[str, int]:
    names = ("parties", "signatories", "members", "adherents", "withdrawn", "former_parties", "signed_not_bound")
    result = dict.fromkeys(names, 0)
    key = {"party": "parties", "member": "members", "adherent": "adherents", "withdrawn": "withdrawn"}
    for code, status in found.items():
        if code in COUNTED_APART:
            continue
        if status.status in key:
            result[key[status.status]] += 1
        elif status.status == "former-party":
            result["former_parties"] += 1
        elif status.status == "signatory":
            result["signed_not_bound"] += 1
        if status.signed is not None and status.status != "former-state":
            result["signatories"] += 1
    return result


def joined_count(instrument: Instrument, at: dt.date | None = None) -> int:
    """The headline number: parties to a treaty, members of a regime."""
    tally = counts(instrument, at)
    return tally["members"] if instrument.is_regime else tally["parties"]


def count_at_end(instrument: Instrument) -> int | None:
    """How many were bound the day before the instrument ended."""
    if not instrument.ended:
        return None
    return joined_count(instrument, instrument.ended.date.earliest - dt.timedelta(days=1))


def timeline(instrument: Instrument) -> list[tuple[dt.date, dict[str, int]]]:
    """Counts at the end of each year from the first act, then on the as-of date: the last point
    is the headline count by construction.

    Each year-end is counts() of that day, computed without asking every state again: a state's
    standing can only move in a year in which one of its own dates falls (its acts, their effect or
    rescission, its or its predecessor's end), or the instrument's (entry into force, end), when every
    state is asked again. tests/test_status.py holds the result equal to counts() on every year-end."""
    # Open-ended ranges ('../1974') have no first day: start from the years that are known.
    dated = [dt.date(a.date.year, 1, 1) for a in instrument.participation if a.date]
    if not dated:
        return []
    as_of = instrument.as_of.latest
    movers, everyone = _movers_by_year(instrument)
    codes = _roster_codes(instrument)
    result, last, standings = [], None, None
    for year in range(min(dated).year, as_of.year):
        at = dt.date(year, 12, 31)
        if standings is None or year in everyone:
            standings = {code: standing(instrument, code, at) for code in codes}
        elif year in movers:
            standings.update({code: standing(instrument, code, at) for code in movers[year]})
        else:  # nothing happened this year: repeat the last counts
            result.append((at, last))
            continue
        last = _tally({code: st for code, st in standings.items() if _on_roster(st)})
        result.append((at, last))
    return [*result, (as_of, counts(instrument, as_of))]


def _change_years(when: PartialDate) -> set[int] | range:
    # A range changes the counts in the year it becomes certain (see _happened_by).
    return {when.latest.year} if when.is_range else range(when.earliest.year, when.latest.year + 1)


def _movers_by_year(instrument: Instrument) -> tuple[dict[int, set[str]], set[int]]:
    """For each year, the states whose standing may change in it; and the years in which every
    state's may (the instrument entered into force or ended)."""
    movers: dict[int, set[str]] = {}
    for act in instrument.participation:
        state = states.get(act.state) if states.is_known(act.state) else None
        who = {act.state} | ({state.continuator} if state and state.continuator else set())
        for when in (act.date, act.effective, act.withdrawal_rescinded):
            for year in _change_years(when) if when else ():
                movers.setdefault(year, set()).update(who)
        if state and state.ended:  # it becomes a former state; its continuator takes its acts on
            movers.setdefault(int(state.ended[:4]), set()).update(who)
    everyone: set[int] = set()
    for when in (instrument.entry_into_force, instrument.ended.date if instrument.ended else None):
        if when:
            everyone.update(range(when.earliest.year, when.latest.year + 1))
    return movers, everyone


def nth_consent(instrument: Instrument, n: int) -> tuple[PartialDate | None, int]:
    """The date the n-th state consented to be bound (first deposit per state), and how many have.

    Counts states, not deposits: a state that deposited in London and Washington counts once."""
    first: dict[str, PartialDate] = {}
    for act in instrument.participation:
        if act.action in CONSENT_ACTIONS and act.date:
            known = first.get(act.state)
            if known is None or act.date.sort_key < known.sort_key:
                first[act.state] = act.date
    dates = sorted(first.values(), key=lambda d: d.sort_key)
    return (dates[n - 1] if len(dates) >= n else None), len(dates)
