"""scripts/import_icsant_untc2013.py on small hand-written fixtures (tests/fixtures/untc2013/)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest

from treatylib import yamlio

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "untc2013"
SCHEMA = json.loads((ROOT / "schema" / "instrument.schema.json").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location("import_icsant", ROOT / "scripts" / "import_icsant_untc2013.py")
imp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(imp)

STUB = {
    "id": "icsant", "name": "International Convention for the Suppression of Acts of Nuclear Terrorism",
    "short_name": "ICSANT", "kind": "treaty", "domains": ["nuclear"],
    "summary": "A stub summary that is long enough.", "opened_for_signature": "2005-09-14", "as_of": "2005",
    "sources": [{"key": "untc", "title": "UNTC", "url": "https://treaties.un.org/"},
                {"key": "un-news-2005", "title": "UN News", "url": "https://news.un.org/"}],
    "participation": [],
}  # fmt: skip


def actions(fixture: str = "icsant_small.csv") -> list[dict]:
    return imp.rows_to_actions(imp.read_rows(FIXTURES / fixture))


def find(acts: list[dict], state: str, action: str) -> dict:
    (hit,) = [a for a in acts if a["state"] == state and a["action"] == action]
    return hit


def test_parse_cell_reads_dates_and_suffixes():
    assert imp.parse_cell("14 Sep 2005") == (dt.date(2005, 9, 14), "")
    assert imp.parse_cell(" 3 Mar 2011 a ") == (dt.date(2011, 3, 3), "a")
    assert imp.parse_cell("13 Jan 2009 A") == (dt.date(2009, 1, 13), "A")
    assert imp.parse_cell("") is None
    with pytest.raises(imp.LeadError):
        imp.parse_cell("2005-09-14")


def test_dates_are_kept_in_full_and_cite_the_2013_copy():
    acts = actions()
    fin = find(acts, "FIN", "acceptance")
    assert fin["date"] == "2009-01-13" and fin["source"] == "untc-2013" and "note" not in fin
    assert find(acts, "DZA", "accession")["date"] == "2011-03-03"
    assert find(acts, "SWZ", "signature")["date"] == "2005-09-15"  # 'Swaziland' mapped through the alias table


def test_confirmed_date_is_kept_in_full_and_cites_its_source():
    rus = find(actions(), "RUS", "signature")
    assert rus["date"] == "2005-09-14" and rus["source"] == "un-news-2005"
    assert find(actions(), "RUS", "ratification")["source"] == "untc-2013"


def test_lost_footnotes_serbia_and_montenegro():
    acts = actions()
    assert find(acts, "SCG", "signature")["date"] == "2005-09-15"  # signed by Serbia and Montenegro
    assert find(acts, "SRB", "ratification")["date"] == "2006-09-26"  # ratified after the split
    mne = find(acts, "MNE", "signature")  # 'd' = succession to a signature
    assert mne["predecessor"] == "SCG" and not [a for a in acts if a["state"] == "MNE" and a["action"] != "signature"]


def test_checks_stop_the_import():
    with pytest.raises(imp.LeadError, match="signature period"):
        actions("icsant_bad_window.csv")
    with pytest.raises(imp.LeadError, match="before signature"):
        imp.rows_to_actions([["Austria", "15 Sep 2005", "14 Sep 2005"]])
    with pytest.raises(imp.LeadError, match="accession by a signatory"):
        imp.rows_to_actions([["Austria", "15 Sep 2005", "14 Sep 2006 a"]])
    with pytest.raises(imp.LeadError, match="confirmed source says"):
        imp.rows_to_actions([["Russian Federation", "15 Sep 2005", ""]])


def test_main_replaces_participation_only(tmp_path: Path):
    (tmp_path / "icsant.yaml").write_text(yamlio.dumps(STUB), encoding="utf-8")
    assert imp.main(["--csv", str(FIXTURES / "icsant_small.csv"), "--treaties-dir", str(tmp_path)]) == 0
    data = yamlio.load(tmp_path / "icsant.yaml")
    assert [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)] == []
    assert data["as_of"] == "2013-06" and data["summary"] == STUB["summary"]
    assert len(data["participation"]) == 9
    keys = [(a["state"], a["date"]) for a in data["participation"]]
    assert keys == sorted(keys)
    assert [s["key"] for s in data["sources"]] == ["untc", "un-news-2005", "untc-2013"]


def test_rerun_keeps_hand_written_later_actions(tmp_path: Path):
    later = {"state": "FIN", "action": "acceptance", "date": "2009-01-13", "source": "un-news-2005"}
    newer = {"state": "DZA", "action": "signature", "date": "2014-02-03", "source": "untc"}
    stub = {**STUB, "as_of": "2025-05-16", "participation": [later, newer]}
    (tmp_path / "icsant.yaml").write_text(yamlio.dumps(stub), encoding="utf-8")
    args = ["--csv", str(FIXTURES / "icsant_small.csv"), "--treaties-dir", str(tmp_path)]
    assert imp.main(args) == 0
    first = (tmp_path / "icsant.yaml").read_text(encoding="utf-8")
    assert imp.main(args) == 0
    assert (tmp_path / "icsant.yaml").read_text(encoding="utf-8") == first  # re-running changes nothing
    data = yamlio.load(tmp_path / "icsant.yaml")
    assert data["as_of"] == "2025-05-16"  # a later hand-set as_of is not moved back
    assert find(data["participation"], "FIN", "acceptance")["source"] == "un-news-2005"  # hand-written wins
    assert find(data["participation"], "DZA", "signature") == newer
    assert len(data["participation"]) == 10


def test_main_refuses_a_bad_lead(tmp_path: Path):
    (tmp_path / "icsant.yaml").write_text(yamlio.dumps(STUB), encoding="utf-8")
    before = (tmp_path / "icsant.yaml").read_text(encoding="utf-8")
    assert imp.main(["--csv", str(FIXTURES / "icsant_bad_window.csv"), "--treaties-dir", str(tmp_path)]) == 1
    assert (tmp_path / "icsant.yaml").read_text(encoding="utf-8") == before
