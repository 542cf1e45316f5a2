"""Tests for scripts/import_regimes.py (regimes participant CSV -> participation actions)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from treatylib import yamlio

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "regimes"
SMALL = FIXTURES / "regimes_small.csv"
SKIP_CHAIR = {"Some Committee Chair"}


def _load_module():
    spec = importlib.util.spec_from_file_location("import_regimes", ROOT / "scripts" / "import_regimes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


imp = _load_module()


def test_rows_become_sorted_actions_for_one_regime():
    actions = imp.read_actions(SMALL, "Test Regime", SKIP_CHAIR)
    assert actions == [
        {"state": "ARG", "action": "admission", "role": "participant"},
        {"state": "EUU", "action": "admission", "role": "observer"},
        {"state": "KAZ", "action": "adherence", "date": "2015"},
        {"state": "NOR", "action": "admission", "role": "participant", "date": "1989"},
    ]


def test_other_regimes_are_ignored_and_match_is_case_insensitive():
    actions = imp.read_actions(SMALL, "other regime")
    assert actions == [{"state": "JPN", "action": "admission", "role": "participant", "date": "1974"}]


def test_library_id_maps_to_csv_regime_name():
    assert imp.regime_label("nsg") == "NSG"
    assert imp.regime_label("australia-group") == "Australia Group"
    assert imp.regime_label("wassenaar") == "Wassenaar Arrangement"
    assert imp.regime_label("Test Regime") == "Test Regime"


def test_adherent_becomes_adherence_without_role():
    kaz = [a for a in imp.read_actions(SMALL, "Test Regime", SKIP_CHAIR) if a["state"] == "KAZ"][0]
    assert kaz["action"] == "adherence"
    assert "role" not in kaz


def test_empty_year_gives_no_date():
    arg = [a for a in imp.read_actions(SMALL, "Test Regime", SKIP_CHAIR) if a["state"] == "ARG"][0]
    assert "date" not in arg


def test_notes_are_copied_only_on_request():
    plain = imp.read_actions(SMALL, "Test Regime", SKIP_CHAIR)
    assert all("note" not in a for a in plain)
    noted = imp.read_actions(SMALL, "Test Regime", SKIP_CHAIR, with_notes=True)
    assert {a["state"]: a.get("note") for a in noted}["KAZ"] == "unilateral"


def test_unknown_name_names_file_and_line():
    with pytest.raises(imp.RegimeImportError) as err:
        imp.read_actions(FIXTURES / "regimes_unknown.csv", "Test Regime")
    message = str(err.value)
    assert f"{FIXTURES / 'regimes_unknown.csv'}:3:" in message
    assert "Atlantis" in message


def test_unskipped_non_state_row_is_an_error():
    with pytest.raises(imp.RegimeImportError) as err:
        imp.read_actions(SMALL, "Test Regime")
    assert ":7:" in str(err.value)
    assert "Some Committee Chair" in str(err.value)


def test_main_exits_1_on_unknown_name(capsys):
    code = imp.main([str(FIXTURES / "regimes_unknown.csv"), "--regime", "Test Regime"])
    assert code == 1
    err = capsys.readouterr().err
    assert "regimes_unknown.csv:3:" in err
    assert "Atlantis" in err


@pytest.mark.parametrize(
    "name, line, words",
    [
        ("regimes_bad_role.csv", 2, "unknown role"),
        ("regimes_bad_year.csv", 2, "four digits"),
        ("regimes_bad_header.csv", 1, "header must be"),
    ],
)
def test_bad_input_is_reported_with_line(name, line, words):
    with pytest.raises(imp.RegimeImportError) as err:
        imp.read_actions(FIXTURES / name, "Test Regime")
    assert f"{FIXTURES / name}:{line}:" in str(err.value)
    assert words in str(err.value)


def test_no_rows_for_regime_exits_1(capsys):
    assert imp.main([str(SMALL), "--regime", "No Such Regime"]) == 1
    assert "no rows" in capsys.readouterr().err


def test_printed_yaml_quotes_codes_and_dates(capsys):
    assert imp.main([str(SMALL), "--regime", "Test Regime", "--skip", "Some Committee Chair"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("participation:\n")
    assert "- state: 'NOR'" in out
    assert "date: '1989'" in out
    assert yamlio.loads(out)["participation"] == imp.read_actions(SMALL, "Test Regime", SKIP_CHAIR)


def test_update_replaces_participation_and_keeps_metadata(tmp_path):
    target = tmp_path / "test-regime.yaml"
    shutil.copy(FIXTURES / "instrument_stub.yaml", target)
    code = imp.main([str(SMALL), "--regime", "Test Regime", "--skip", "Some Committee Chair", "--update", str(target)])
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith(yamlio.SCHEMA_COMMENT)
    data = yamlio.load(target)
    assert data["id"] == "test-regime"
    assert data["summary"].startswith("A stub instrument")
    assert [a["state"] for a in data["participation"]] == ["ARG", "EUU", "KAZ", "NOR"]
    assert "FRA" not in text
