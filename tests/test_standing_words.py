"""The one-sentence standing on state pages' at-a-glance cards: worded from the status that
status.standing() derives, never from anything else, and sensible for every state."""

import pytest

from treatylib import paths
from treatylib.catalog import Catalog
from treatylib.render.glance import KEY_INSTRUMENTS, key_summary
from treatylib.render.standing_words import member_word, sentence, subject
from treatylib.validate import validate_paths


@pytest.fixture(scope="module")
def catalog():
    result = validate_paths(sorted(paths.TREATIES.glob("*.yaml")), root=paths.ROOT)
    return Catalog(tuple(sorted(result.instruments, key=lambda i: i.id)))


def _say(catalog, ident: str, code: str) -> str:
    return sentence(catalog, catalog.entry(catalog.by_id[ident], code), code)


def test_the_cases_readers_ask_about(catalog):
    assert _say(catalog, "mtcr", "PAK") == "Pakistan is not a partner of the MTCR."
    assert _say(catalog, "mtcr", "IND") == "India has been a partner of the MTCR since 2016-06-27."
    assert _say(catalog, "ctbt", "ISR") == "Israel signed the CTBT on 1996-09-25 but has not ratified it."
    assert _say(catalog, "npt", "PAK") == "Pakistan has neither signed nor joined the NPT."
    assert _say(catalog, "australia-group", "PAK") == "Pakistan is not a participant of the Australia Group."


def test_continued_and_former_states_are_named_for_what_they_did(catalog):
    russia_npt = _say(catalog, "npt", "RUS")
    assert russia_npt.startswith("The Soviet Union ratified the NPT on 1970-03-05") and "Russia" in russia_npt
    # A former state with no act of its own recorded is not said to have stayed out.
    assert "no act of its own in the CTBT is recorded here" in _say(catalog, "ctbt", "SUN")
    assert "was a party to the NPT when it ceased to exist" in _say(catalog, "npt", "SUN")


def test_names_that_take_the(catalog):
    assert subject("USA") == "The United States" and subject("NLD") == "The Netherlands"
    assert subject("PAK") == "Pakistan" and subject("SUN") == "The Soviet Union"


def test_regimes_name_their_members_as_their_records_do(catalog):
    assert member_word(catalog, catalog.by_id["mtcr"]) == "partner"
    assert member_word(catalog, catalog.by_id["hcoc"]) == "subscribing state"


def test_every_state_gets_one_plain_sentence_per_key_instrument(catalog):
    for code in catalog.state_codes:
        for ident in KEY_INSTRUMENTS:
            said = _say(catalog, ident, code)
            assert said.endswith(".") and said[0].isupper(), (code, ident, said)
            assert "None" not in said and ".." not in said and "  " not in said, (code, ident, said)


def test_key_summary_groups_by_the_status_label(catalog):
    line = key_summary(catalog, "ISR")
    assert "<strong>Signatory:</strong> CTBT, CWC" in line
    assert line.index("Signatory") < line.index("Not joined")  # signed before outside
