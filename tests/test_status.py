"""Status derivation: the rules a reader relies on when a page says Party or Signatory."""

import datetime as dt

from treatylib.dates import PartialDate
from treatylib.model import Action
from treatylib.status import derive


def act(action, date=None, **kw):
    return Action(state="XXX", action=action, date=PartialDate.parse(date) if date else None, source="s", **kw)


def d(text):
    return PartialDate.parse(text)


def test_signature_alone_is_signatory():
    status = derive([act("signature", "1996-09-24")])
    assert status.status == "signatory" and status.date.text == "1996-09-24"


def test_first_deposit_is_decisive_among_depositaries():
    status = derive(
        [
            act("ratification", "1970-03-05", depositary="washington"),
            act("ratification", "1970-02-01", depositary="london"),
        ]
    )
    assert status.status == "party" and status.date.text == "1970-02-01"


def test_revoked_ratification_leaves_a_signatory():
    status = derive(
        [act("signature", "1996-09-24"), act("ratification", "2000-06-30"), act("deratification", "2023-11")]
    )
    assert status.status == "signatory" and status.deratified and "revoked" in status.label


def test_withdrawal_takes_effect_on_its_effective_date():
    actions = [act("accession", "1985-12-12"), act("withdrawal", "2003-01-10", effective=d("2003-04-10"))]
    assert derive(actions, at=dt.date(2003, 2, 1)).status == "party"
    assert derive(actions, at=dt.date(2003, 2, 1)).withdrawal_pending.text == "2003-04-10"
    assert derive(actions).status == "withdrawn"


def test_rescinded_withdrawal_changes_nothing_and_disputed_is_shown():
    actions = [
        act("accession", "1985-12-12"),
        act("withdrawal", "1993-03-12", effective=d("1993-06-12"), withdrawal_rescinded=d("1993-06-11")),
        act("withdrawal", "2003-01-10", effective=d("2003-01-11"), disputed=True),
    ]
    assert derive(actions, at=dt.date(1999, 1, 1)).status == "party"
    final = derive(actions)
    assert final.status == "withdrawn" and final.disputed and "disputed" in final.label


def test_rejoining_after_withdrawal_makes_a_party_again():
    actions = [act("ratification", "1990"), act("withdrawal", "2000", effective=d("2001")), act("accession", "2010")]
    status = derive(actions)
    assert status.status == "party" and status.date.text == "2010"


def test_regime_admission_and_adherence():
    assert derive([act("admission", "2016-06-27", role="partner")]).label == "Partner"
    assert derive([act("adherence", "2002")]).status == "adherent"
    assert derive([act("adherence", "2002"), act("admission", "2004", role="partner")]).status == "member"


def test_suspension_is_a_qualifier_not_a_status():
    status = derive([act("ratification", "1992"), act("suspension", "2023-11-07")])
    assert status.status == "party" and status.suspended and "suspended" in status.label


def test_status_as_of_a_date_ignores_later_actions():
    actions = [act("signature", "1996-09-24"), act("ratification", "2000-06-30")]
    assert derive(actions, at=dt.date(1999, 1, 1)).status == "signatory"


def test_threshold_counts_states_not_deposits():
    from treatylib.model import Instrument
    from treatylib.status import nth_consent

    acts = (
        Action("AAA", "ratification", d("1970-01-01"), "s", depositary="london"),
        Action("AAA", "ratification", d("1970-02-01"), "s", depositary="washington"),
        Action("BBB", "accession", d("1971"), "s"),
        Action("CCC", "signature", d("1969"), "s"),
    )
    inst = Instrument("x", "X", "X", "treaty", ("nuclear",), "summary text", d("2000"), (), acts)
    assert nth_consent(inst, 2) == (d("1971"), 2)
    assert nth_consent(inst, 3) == (None, 2)


def test_before_entry_into_force_a_consenting_state_is_a_contracting_state():
    from dataclasses import replace

    from treatylib.model import Instrument
    from treatylib.status import counts, for_instrument

    acts = (
        Action("AAA", "signature", d("1996-09-24"), "s"),
        Action("AAA", "ratification", d("1998-03-13"), "s"),
        Action("BBB", "accession", d("2001"), "s"),
    )
    not_in_force = Instrument("x", "X", "X", "treaty", ("nuclear",), "summary text", d("2026"), (), acts)
    ratified = for_instrument(not_in_force, acts[:2])
    assert ratified.status == "party" and ratified.label == "Ratified (treaty not in force)"
    assert for_instrument(not_in_force, acts[2:]).label == "Acceded (treaty not in force)"
    assert counts(not_in_force)["parties"] == 2  # the depositary's "Parties" count is unchanged
    in_force = replace(not_in_force, entry_into_force=d("2000-01-01"))
    assert for_instrument(in_force, acts[:2]).label == "Party"
    assert for_instrument(in_force, acts[:2], at=dt.date(1999, 1, 1)).awaiting_force  # in force only later


def test_a_signatory_on_an_incomplete_list_is_flagged():
    from dataclasses import replace

    from treatylib.model import Instrument
    from treatylib.status import for_instrument

    acts = (Action("AAA", "signature", d("1967-01-27"), "s"),)
    complete = Instrument("x", "X", "X", "treaty", ("space",), "summary text", d("2026"), (), acts,
                          entry_into_force=d("1967-10-10"))  # fmt: skip
    assert for_instrument(complete, acts).label == "Signatory"
    partial = replace(complete, participation_complete=False)
    assert for_instrument(partial, acts).label == "Signatory (list incomplete)"
    # A list complete to a date: the status holds as of that date.
    complete_to = replace(partial, complete_to=d("2018-01-09"))
    assert for_instrument(complete_to, acts).label == "Signatory (as of 9 January 2018)"
    later = (Action("AAA", "signature", d("2019-05-01"), "s"),)  # recorded one by one after that date
    assert for_instrument(complete_to, later).label == "Signatory (list incomplete)"
    undated = (Action("AAA", "signature", None, "s"),)
    assert for_instrument(complete_to, undated).label == "Signatory (as of 9 January 2018)"


def test_counts_follow_the_states_as_they_stood():
    from treatylib.model import Instrument
    from treatylib.status import counts

    acts = (
        Action("SUN", "ratification", d("1975-03-26"), "s"),  # continued by Russia from 1991-12-26
        Action("DDR", "accession", d("1972"), "s"),  # ended 1990, no continuator
        Action("FRA", "accession", d("1984"), "s"),
    )
    inst = Instrument("x", "X", "X", "treaty", ("biological",), "summary text", d("2024"), (), acts,
                      entry_into_force=d("1975-03-26"))  # fmt: skip
    assert counts(inst, dt.date(1985, 1, 1))["parties"] == 3  # USSR, GDR and France
    assert counts(inst, dt.date(2024, 1, 1))["parties"] == 2  # Russia (for the USSR) and France


def test_a_subscription_makes_a_subscribing_state():
    status = derive([act("subscription", "2016-06-01")])
    assert status.status == "member" and status.label == "Subscribing state"


def test_consents_that_disagree_are_shown_as_such():
    # Open Skies, Latvia: one record says accession, both depositaries ratification, on the same day.
    status = derive([act("accession", "2002-12-13"), act("ratification", "2002-12-13")])
    assert status.status == "party" and status.consent_differs == ("accession", "ratification")
    assert "accession or ratification: the records differ" in status.label
    assert derive([act("ratification", "2002-12-13"), act("ratification", "2002-12-14")]).consent_differs == ()


def test_timeline_is_counts_on_every_year_end_of_every_instrument(load):
    """timeline() asks only the states whose standing can move in a year; on real data it must give
    exactly what counts() gives when every state is asked (the chart shows it year by year)."""
    from treatylib import paths
    from treatylib.status import counts, timeline

    for path in sorted(paths.TREATIES.glob("*.yaml")):
        instrument = load(path.stem)
        for day, tally in timeline(instrument):
            assert tally == counts(instrument, day), (instrument.id, day)


def test_the_latest_not_joined_statement_speaks_for_the_state(load):
    """Several sources may say a state had not joined; its row shows the latest, whatever the file's order."""
    from dataclasses import replace

    from treatylib.status import standing

    hcoc = load("hcoc")
    said = [n for n in hcoc.not_joined if n.state == "PAK"]
    assert len(said) > 1
    latest = max(n.as_of.latest for n in said)
    for order in (said, said[::-1]):
        others = [n for n in hcoc.not_joined if n.state != "PAK"]
        shuffled = replace(hcoc, not_joined=tuple(others + order))
        assert standing(shuffled, "PAK").known_to.latest == latest
