"""One table of state names for everything that maps a name to a code: the command line, the importers,
and the names each state page carries as search tags (its name, its code and data/state_names.yaml)."""

import pytest

from treatylib import states, yamlio
from treatylib.paths import DATA


def test_every_name_search_finds_a_state_by_maps_to_that_state():
    other_names = yamlio.load(DATA / "state_names.yaml")["also_known_as"]
    for code, names in other_names.items():
        assert states.search_names(code)[2:] == names
        for name in states.search_names(code)[1:]:
            assert states.lookup(name) == code, name


def test_every_code_and_displayed_name_maps_back():
    for code, state in states.all_states().items():
        assert states.lookup(code) == states.lookup(code.lower()) == code
        if code != "TMP":  # the withdrawn ISO code for East Timor, which data/state_names.yaml gives to TLS
            assert states.lookup(state.name) == code, state.name


@pytest.mark.parametrize(
    "name, code",
    [
        ("Ivory Coast", "CIV"),
        ("DPRK", "PRK"),
        ("UK", "GBR"),
        ("uk", "GBR"),
        ("East Timor", "TLS"),
        ("cote d’ivoire", "CIV"),
    ],
)
def test_names_readers_use(name, code):
    assert states.lookup(name) == code
    assert states.code_for_name(name) == code  # the importers read the same table


def test_unknown_names():
    for text in ("Atlantis", "", "   ", "日本"):
        assert states.lookup(text) is None
    with pytest.raises(states.UnknownState):
        states.code_for_name("Atlantis")


def test_a_compiled_table_answers_without_building_one():
    assert states.lookup("DPRK", {"dprk": "PRK"}) == "PRK"
    assert states.lookup("UK", {}) is None
