"""scripts/import_untc.py on small hand-written fixtures (tests/fixtures/untc/)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest

from treatylib import yamlio
from treatylib.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "untc"
SCHEMA = json.loads((ROOT / "schema" / "instrument.schema.json").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location("import_untc", ROOT / "scripts" / "import_untc.py")
import_untc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(import_untc)

NEW_FILE_ARGS = [
    "--short-name",
    "MINES",
    "--kind",
    "treaty",
    "--domain",
    "conventional",
    "--summary",
    "A stub summary that is long enough.",
]


def run(tmp_path: Path, fixture: str, *extra: str, file_id: str = "mines") -> int:
    return import_untc.main([str(FIXTURES / fixture), "--id", file_id, "--treaties-dir", str(tmp_path), *extra])


def load(tmp_path: Path, file_id: str = "mines") -> dict:
    path = tmp_path / f"{file_id}.yaml"
    data = yamlio.load(path)
    assert [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)] == []
    assert [str(p) for p in validate_paths([path]).problems] == []
    return data


def actions(data: dict) -> set[tuple]:
    return {(a["state"], a["action"], a.get("date")) for a in data["participation"]}


def test_reads_page_structure():
    page = import_untc.read_page((FIXTURES / "mines_small.html").read_text(encoding="utf-8"))
    assert page["title"] == "Convention on a Small Test Ban of Things"
    assert (page["mtdsg"], page["chapter"], page["as_at"]) == ("XXVI-5", "26", "2026-02-03")
    assert page["counts"] == {"signatories": 4, "parties": 5}
    names = [row["name"] for row in page["participants"]]
    assert names[:3] == ["Estonia", "Japan", "Lithuania"]  # end-note numbers stripped
    assert "Slovakia" in names  # name inside a declarations link
    poland = next(row for row in page["participants"] if row["name"] == "Poland")
    assert poland["notes"] == [4, 5]


@pytest.mark.parametrize(("heading", "expected"), [
    ("Signature", {"": "signature"}),
    ("Signature, Succession to signature(d)", {"": "signature", "d": "signature"}),
    ("Succession(d), Consent to be bound(P)", {"d": "succession", "P": "consent-to-be-bound"}),
    ("Provisional application under article 23(n)", {"n": "provisional-application"}),
    ("Approval(AA), Acceptance(A), Accession(a), Ratification",
     {"AA": "approval", "A": "acceptance", "a": "accession", "": "ratification"}),
])  # fmt: skip
def test_column_kinds(heading, expected):
    assert import_untc.column_kinds(heading) == expected


def test_unknown_heading_is_an_error():
    with pytest.raises(import_untc.PageError):
        import_untc.column_kinds("Signature, Definitive signature(s)")


def test_new_file_needs_metadata(tmp_path, capsys):
    assert run(tmp_path, "mines_small.html", "--kind", "treaty") == 1
    err = capsys.readouterr().err
    assert "--short-name" in err and "--summary" in err and "--domain" in err
    assert not (tmp_path / "mines.yaml").exists()


def test_new_file_with_withdrawals(tmp_path, capsys):
    assert run(tmp_path, "mines_small.html", *NEW_FILE_ARGS) == 0
    assert "7 rows, 15 actions" in capsys.readouterr().out
    data = load(tmp_path)
    assert data["name"] == "Convention on a Small Test Ban of Things"
    assert data["as_of"] == "2026-02-03"
    assert data["sources"] == [{
        "key": "untc",
        "title": "UN Treaty Collection, Status of Treaties, XXVI-5: Convention on a Small Test Ban of Things",
        "url": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26&clang=_en",
        "accessed": "2026-02-03",
    }]  # fmt: skip
    assert actions(data) >= {
        ("EST", "accession", "2004-05-12"),  # [bracketed] and suffix 'a': kept as an action
        ("JPN", "acceptance", "1998-09-30"),
        ("LTU", "signature", "1999-02-26"),
        ("LTU", "ratification", "2003-05-12"),
        ("NOR", "ratification", "1998-07-09"),
        ("SVK", "approval", "1999-02-25"),
    }
    by_state = {(a["state"], a["action"]): a for a in data["participation"]}
    assert by_state["EST", "withdrawal"] == {
        "state": "EST", "action": "withdrawal", "date": "2025-06-27", "effective": "2025-12-27",
        "note": "Depositary notification C.N.360.2025.TREATIES-XXVI-5.",
    }  # fmt: skip
    # Only the notice date is given: recorded, and the note says what is missing.
    assert "effective" not in by_state["LTU", "withdrawal"]
    assert "only the date notice was given" in by_state["LTU", "withdrawal"]["note"]
    # A withdrawal announced for after the page's date: Poland is still a party on 2026-02-03.
    assert by_state["POL", "withdrawal"]["effective"] == "2026-02-20"
    assert "article 20 (3)" in by_state["POL", "withdrawal"]["note"]
    assert by_state["MNE", "succession"]["predecessor"] == "SCG"
    # Lithuania's [bracketed] signature is not in UNTC's "Signatories : 4", but is in ours.
    count = data["official_counts"][0]
    assert (count["signatories"], count["parties"]) == (4, 5)
    assert "Lithuania" in count["difference"]


def test_existing_file_keeps_metadata_and_other_sources(tmp_path):
    path = tmp_path / "mines.yaml"
    hand_written = {
        "id": "mines", "name": "Hand-written name", "short_name": "Mines", "kind": "treaty",
        "domains": ["conventional"], "summary": "Hand-written summary, kept as it is.",
        "aliases": ["mine ban"], "as_of": "2026-07-01",
        "sources": [
            {"key": "depositary", "title": "Another source", "url": "https://example.org/status"},
            {"key": "untc", "title": "Old title", "url": "https://treaties.un.org/old", "accessed": "2020-01-01"},
        ],
        "official_counts": [
            {"source": "untc", "as_of": "2020-01-01", "parties": 1},
            {"source": "depositary", "as_of": "2026-07-01", "parties": 6},
        ],
        "participation": [
            {"state": "NOR", "action": "signature", "date": "1990-01-01", "source": "untc"},  # stale: replaced
            {"state": "NOR", "action": "ratification", "date": "1998-07-09", "source": "untc",
             "note": "Another source gives another date."},  # a maintainer's note on an imported row
            {"state": "TON", "action": "accession", "date": "2026-06-25"},  # default source: kept
        ],
    }  # fmt: skip
    yamlio.write_atomic(path, yamlio.dumps(hand_written))
    assert run(tmp_path, "mines_small.html") == 0
    data = yamlio.load(path)
    assert (data["name"], data["summary"], data["aliases"]) == (
        "Hand-written name",
        "Hand-written summary, kept as it is.",
        ["mine ban"],
    )
    assert data["as_of"] == "2026-07-01"  # later than the page: kept
    assert [s["key"] for s in data["sources"]] == ["depositary", "untc"]
    assert data["sources"][1]["accessed"] == "2026-02-03"
    assert [c["source"] for c in data["official_counts"]] == ["untc", "depositary"]
    assert ("NOR", "signature", "1990-01-01") not in actions(data)
    assert ("TON", "accession", "2026-06-25") in actions(data)
    by_state = {(a["state"], a["action"]): a for a in data["participation"]}
    assert by_state["NOR", "ratification"]["note"] == "Another source gives another date."
    imported = [a for a in data["participation"] if a["state"] != "TON"]
    assert all(a["source"] == "untc" for a in imported)  # untc is not the default source here
    first = path.read_text(encoding="utf-8")
    assert run(tmp_path, "mines_small.html") == 0
    assert path.read_text(encoding="utf-8") == first  # a second run changes nothing


def test_provisional_application_and_not_a_party_note(tmp_path):
    assert run(tmp_path, "arms_small.html", *NEW_FILE_ARGS, file_id="arms") == 0
    data = load(tmp_path, "arms")
    assert actions(data) == {
        ("DNK", "signature", "2013-06-03"),
        ("DNK", "provisional-application", "2014-04-02"),
        ("DNK", "approval", "2014-04-02"),
        ("LCA", "accession", "2020-09-15"),
        ("USA", "signature", "2013-09-25"),
        ("VNM", "signature", "2013-06-10"),
    }
    usa = next(a for a in data["participation"] if a["state"] == "USA")
    assert "2019-07-18" in usa["note"] and "not intend to become a party" in usa["note"]
    assert "difference" not in data["official_counts"][0]  # 3 signatories, 2 parties: counts agree


def test_unknown_state_is_an_error(tmp_path, capsys):
    assert run(tmp_path, "unknown_state.html", *NEW_FILE_ARGS, file_id="test") == 1
    page = FIXTURES / "unknown_state.html"
    assert capsys.readouterr().err.strip() == f"{page}: unknown state name 'Freedonia'"
    assert list(tmp_path.iterdir()) == []


def test_bracketed_dates_need_a_withdrawal_note(tmp_path, capsys):
    assert run(tmp_path, "bracket_without_note.html", *NEW_FILE_ARGS) == 1
    assert "no withdrawal end-note" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("day", "month", "year", "expected"), [
    ("4", "Dec", "1998", "1998-12-04"), ("24", "Sep", "1996", "1996-09-24"), ("1", "Sept", "2001", "2001-09-01"),
])  # fmt: skip
def test_iso_dates(day, month, year, expected):
    assert import_untc.iso(day, month, year) == expected


def test_impossible_date_is_rejected():
    with pytest.raises(ValueError):
        import_untc.iso("31", "Feb", "2000")
