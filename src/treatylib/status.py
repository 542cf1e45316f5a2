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

STATUSES = ("party", "signatory", "withdrawn", "member", "adherent")
LABELS = {
    "party": "Party",
    "signatory": "Signatory",
    "withdrawn": "Withdrawn",
    "member": "Member",
    "adherent": "Adherent",
    None: "Not joined",
    "unknown": "Not recorded (list incomplete)",
    "ineligible": "Not open to it",
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
ICONS = {
    "party": "✔",
    "member": "✔",
    "signatory": "✎",
    "adherent": "◐",
    "withdrawn": "✖",
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
    withdrawal_pending: PartialDate | None = None
    provisional: bool = False
    role: str | None = None
    deratified: bool = False
    signed: PartialDate | None = None
    consent: str | None = None  # the act that made the state a party: ratification, accession...
    awaiting_force: bool = False  # consented, but the treaty itself is not in force
    later_acts_unknown: bool = False  # a signatory on an incomplete list: a later deposit may be missing
    known_to: PartialDate | None = None  # the list is complete only to this date: later acts may be missing

    @property
    def label(self) -> str:
        text = LABELS[self.status]
        if self.status == "party" and self.awaiting_force:
            text = f"{CONSENT_LABELS.get(self.consent, 'Consented to be bound')} (treaty not in force)"
        if self.status == "member" and self.role and self.role != "member":
            text = self.role.capitalize()
        extras = []
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
        """Bound by the instrument, or a full member of the regime."""
        return self.status in ("party", "member")


def _happened_by(when: PartialDate | None, cutoff: dt.date | None) -> bool:
    if cutoff is None:
        return True
    return when is not None and when.earliest <= cutoff


def derive(actions: tuple[Action, ...] | list[Action], at: dt.date | None = None) -> Status:
    """Status from one state's actions, optionally as it stood on date `at`."""
    status: str | None = None
    decisive: PartialDate | None = None
    signed: PartialDate | None = None
    suspended = disputed = provisional = deratified = False
    pending: PartialDate | None = None
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
                pending = None
        elif kind == "provisional-application":
            provisional = True
            if status is None:
                status, decisive = "signatory", act.date
        elif kind == "deratification":
            deratified = True
            status, decisive = ("signatory", act.date) if signed else (None, act.date)
        elif kind == "withdrawal":
            if act.withdrawal_rescinded and _happened_by(act.withdrawal_rescinded, at):
                continue
            effective = act.effective or act.date
            if at is not None and effective and effective.earliest > at:
                pending = effective
            else:
                status, decisive, pending = "withdrawn", effective, None
                disputed = act.disputed
                suspended = False
        elif kind in MEMBERSHIP_ACTIONS:
            if status != "member":
                # The HCoC has subscribing states, not members: say so where no role is given.
                status, decisive = "member", act.date
                role = act.role or ("subscribing state" if kind == "subscription" else None)
        elif kind == "adherence":
            if status not in ("member",):
                status, decisive = "adherent", act.date
        elif kind == "suspension":
            suspended = True
        elif kind == "resumption":
            suspended = False
    return Status(status, decisive, suspended, disputed, pending, provisional, role, deratified, signed, consent)


def for_instrument(instrument: Instrument, actions, at: dt.date | None = None) -> Status:
    """derive(), plus what the instrument adds: whether a consenting state still waits for the
    treaty to enter into force, and whether a signatory's later ratification may be missing
    because the list is incomplete (a signature from a 1968 list is not a status today), or
    complete only to a date (then the status holds as of that date)."""
    at = at or instrument.as_of.latest
    status = derive(actions, at)
    force = instrument.entry_into_force
    if status.status == "party" and (force is None or force.earliest > at):
        return replace(status, awaiting_force=True)
    if status.status == "signatory" and not instrument.participation_complete:
        known_to, signed = instrument.complete_to, status.signed
        if known_to and (signed is None or signed.earliest <= known_to.latest):
            return replace(status, known_to=known_to)
        return replace(status, later_acts_unknown=True)
    return status


def state_statuses(instrument: Instrument, at: dt.date | None = None) -> dict[str, Status]:
    """Every state with any action, mapped to its status on `at` (default: the file's as-of date)."""
    at = at or instrument.as_of.latest
    return {state: for_instrument(instrument, acts, at) for state, acts in instrument.actions_by_state().items()}


def statuses_as_states_stood(instrument: Instrument, at: dt.date | None = None) -> dict[str, Status]:
    """Like state_statuses, but a state that had ended by `at` is dropped, and its continuator
    (Russia for the USSR) carries its actions on. This is what a count of parties counts."""
    at = at or instrument.as_of.latest
    return {code: for_instrument(instrument, acts, at) for code, acts in _as_states_stood(instrument, at).items()}


def counts(instrument: Instrument, at: dt.date | None = None) -> dict[str, int]:
    """Parties, signatories (UNTC sense: ever signed), members, adherents, withdrawn.

    A state that had ceased to exist by `at` (the USSR, the GDR) is not counted, as in every
    depositary's count: its continuator (Russia) carries its acts on, and successor states count
    by their own acts of succession."""
    statuses = statuses_as_states_stood(instrument, at)
    result = {name: 0 for name in ("parties", "signatories", "members", "adherents", "withdrawn")}
    for status in statuses.values():
        if status.status == "party":
            result["parties"] += 1
        elif status.status == "member":
            result["members"] += 1
        elif status.status == "adherent":
            result["adherents"] += 1
        elif status.status == "withdrawn":
            result["withdrawn"] += 1
        if status.signed is not None:
            result["signatories"] += 1
    return result


def _as_states_stood(instrument: Instrument, at: dt.date) -> dict[str, list[Action]]:
    """Each state's actions as the states stood on `at`: a state that had ended is dropped, and
    its continuator (Russia for the USSR) carries its actions on."""
    by_state = {code: list(acts) for code, acts in instrument.actions_by_state().items()}
    for code in list(by_state):
        state = states.get(code) if states.is_known(code) else None
        if state is None or not state.ended or dt.date.fromisoformat(state.ended) > at:
            continue
        acts = by_state.pop(code)
        if state.continuator:
            by_state.setdefault(state.continuator, []).extend(acts)
    return by_state


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
