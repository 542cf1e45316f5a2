"""A state's standing in one instrument as one plain sentence ("Pakistan is not a partner of the
MTCR."), for the at-a-glance cards of a state page and for the search index, which can only answer
"Pakistan MTCR" with text that says it.

The status comes from the catalog (`status.standing()`); this module only words it."""

from __future__ import annotations

from collections import Counter

from .. import states
from ..catalog import Catalog, StateEntry
from ..dates import PartialDate
from ..model import Instrument
from . import md

# Past-tense verbs for the act that made a state a party, with the preposition the instrument takes.
_CONSENT_VERBS = {
    "ratification": "ratified",
    "accession": "acceded to",
    "succession": "succeeded to",
    "acceptance": "accepted",
    "approval": "approved",
    "consent-to-be-bound": "consented to be bound by",
}


def spoken_name(inst: Instrument) -> str:
    """The name a sentence uses: the short name, unless that is a bare initialism of two letters
    ("AG"), which readers do not use; they say "the Australia Group"."""
    return inst.name if len(inst.short_name) <= 2 else inst.short_name


def member_word(catalog: Catalog, inst: Instrument) -> str:
    """What the regime calls those admitted (partner, participant, subscribing state), as its own
    members' records name them; "member" where they name nothing."""
    roles = Counter(
        entry.status.role
        for code in catalog.state_codes
        if (entry := catalog.entry(inst, code)).status.status == "member" and entry.status.role
    )
    return roles.most_common(1)[0][0] if roles else "member"


def sentence(catalog: Catalog, entry: StateEntry, code: str) -> str:
    """One sentence, plain text (escape it where it lands). Qualifiers the status label carries
    (suspended, disputed, pending withdrawal) are shown beside it by the status badge."""
    st, inst = entry.status, entry.instrument
    who, what = subject(code), f"the {spoken_name(inst)}"
    role = st.role or member_word(catalog, inst)
    if st.status in ("party", "member") and st.date is None:  # a list that gives no date
        return (
            f"{who} is {_a(role) + ' of' if st.status == 'member' else 'a party to'} {what}; no date is recorded here."
        )
    if st.status == "party":
        act = _CONSENT_VERBS.get(st.consent or "", "consented to be bound by")
        if st.via:  # Russia: the Soviet Union ratified, Russia continues it
            return f"{subject(st.via)} {act} {what} {_on(st.date)}, and {_mid(who)}, which continues it, is a party."
        done = f"{who} {act} {what} {_on(st.date)}"
        if st.awaiting_force:
            return f"{done}; the treaty is not in force, so it is a contracting state, not yet a party."
        return f"{done} and is a party."
    if st.status == "member":
        return f"{who} has been {_a(role)} of {what} since {_date(st.date)}{_as_former(st)}."
    if st.status == "signatory":
        signed = (
            f"{who} signed {what} {_on(st.signed or st.date)}" if (st.signed or st.date) else f"{who} signed {what}"
        )
        if st.deratified:
            return f"{signed}; it revoked its {st.consent or 'ratification'} {_on(st.date)} and remains a signatory."
        if st.later_acts_unknown:
            return f"{signed}; a later ratification may be missing from our list, which is incomplete."
        return f"{signed} but has not ratified it{_as_of(st)}."
    if st.status == "withdrawn":
        disputed = " (the withdrawal's validity is disputed)" if st.disputed else ""
        return f"{who} withdrew from {what}, effective {_date(st.date)}{disputed}."
    if st.status == "ineligible":
        scope = f": it is open only to {_lower_first(inst.open_to.description)}" if inst.open_to else ""
        return f"{_capital(what)} is not open to {_mid(who)}{scope}."
    if st.status == "unknown":
        return f"{who} is not in our list for {what}, which is incomplete: check the source."
    if st.status == "adherent":
        return f"{who} adheres to {what} unilaterally; it has not been admitted as {_a(role)}."
    if st.status == "former-party":
        return f"{who} was a party to {what} until the treaty itself ended; it binds no one now."
    if st.status == "former-state":
        return _former_state(st, who, what, role)
    if inst.is_regime:
        return f"{who} is not {_a(role)} of {what}{_as_of(st)}."
    return f"{who} has neither signed nor joined {what}{_as_of(st)}."


# Names that take "the" in running text ("the United States is a party").
_WITH_THE = {"Bahamas", "Comoros", "Holy See", "Maldives", "Netherlands", "Philippines", "Seychelles"}


def article(code: str) -> str:
    """ "the " for a name that takes it in running text, else ""."""
    name = states.name(code)
    if name in _WITH_THE or name.startswith("United ") or name.endswith((" Islands", " Republic", " Union")):
        return "the "
    return ""


def subject(code: str) -> str:
    """The state's name as the subject of a sentence."""
    return _capital(article(code) + states.name(code))


def _former_state(st, who: str, what: str, role: str) -> str:
    """A state that no longer exists: where it stood when it ceased to, and who continues it."""
    stood = {
        "party": f"was a party to {what}",
        "member": f"was {_a(role)} of {what}",
        "signatory": f"had signed {what} but was not bound by it",
        "withdrawn": f"had withdrawn from {what}",
        "former-party": f"had been a party to {what} until the treaty ended",
    }.get(st.historic)
    heir = f"; {_mid(subject(st.continued_by))} continues it" if st.continued_by else ""
    if st.historic is None:
        # No act under its own name: a successor's record may still carry its acts, so say only that.
        return f"{who} no longer exists, and no act of its own in {what} is recorded here{heir}."
    if stood is None:
        return f"{who} no longer exists; in {what}: {_lower_first(st.label)}."
    return f"{who} {stood} when it ceased to exist{heir}."


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _date(value: PartialDate | None) -> str:
    return md.date_words(value, empty="a date not recorded here")


def _on(value: PartialDate | None) -> str:
    """'on 1997-10-28', or for a date at a coarser precision 'in 1996 (year only)', 'by 1990', ..."""
    if value is None:
        return "(no date recorded here)"
    exact = not (value.is_range or value.qualifier)
    return ("on " if value.precision == "day" else "in ") * exact + _date(value)


def _as_former(st) -> str:
    return f", as the {states.name(st.via)}" if st.via else ""


def _as_of(st) -> str:
    """A list complete only to a date: say so, as the status label does."""
    return f" (as of {st.known_to.human()}; later acts are not recorded here)" if st.known_to else ""


def _capital(value: str) -> str:
    return value[:1].upper() + value[1:]


def _mid(who: str) -> str:
    """A subject from subject() placed inside a sentence."""
    return "the " + who[4:] if who.startswith("The ") else who


def _lower_first(value: str) -> str:
    return value[:1].lower() + value[1:] if value[:2] != value[:2].upper() else value
