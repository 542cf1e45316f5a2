"""scripts/import_untc_declarations.py on a small hand-written fixture, and on the saved UNTC pages if present."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from treatylib import yamlio
from treatylib.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "untc"
PAGE = FIXTURES / "declarations_small.html"
SAVED = ROOT.parent / "shared" / "sources" / "untc"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


import_untc = _load("import_untc")
imp = _load("import_untc_declarations")


def grid_file(tmp_path: Path) -> Path:
    """The participant grid imported first, as the importer requires."""
    code = import_untc.main(
        [
            str(PAGE),
            "--id",
            "quiet",
            "--treaties-dir",
            str(tmp_path),
            "--short-name",
            "QTT",
            "--kind",
            "treaty",
            "--domain",
            "testing",
            "--summary",
            "A made-up treaty for the declarations importer tests.",
        ]
    )
    assert code == 0
    return tmp_path / "quiet.yaml"


def run(tmp_path: Path) -> dict:
    assert imp.main([str(PAGE), "--id", "quiet", "--treaties-dir", str(tmp_path)]) == 0
    return yamlio.load(tmp_path / "quiet.yaml")


def by_key(data: dict) -> dict[tuple, dict]:
    return {(d["state"], d["kind"], d["made"], d.get("objects_to")): d for d in data["declarations"]}


def test_reads_sections_entries_and_headings():
    page = imp.read_declarations(PAGE.read_text(encoding="utf-8"))
    decl = page["sections"]["declarations"]
    assert decl["title"] == "Declarations and Reservations"
    assert imp.note_acts(decl["note"]) == {"ratification", "accession", "succession"}
    names = [e["name"] for e in decl["entries"]]
    assert names == ["Austria", "Holy See", "Iran (Islamic Republic of)", "Israel", "United States of America"]
    iran = decl["entries"][2]
    assert iran["notes"] == [1]  # the end-note number is not part of the name
    holy_see = decl["entries"][1]
    assert [i["heading"] for i in holy_see["items"]] == [
        "Declaration upon signature:",
        "Upon ratification Reservation:",
    ]
    assert holy_see["items"][0]["text"][0].startswith('"The Holy See')  # hidden name paragraph left out
    assert decl["entries"][3]["items"][0]["date"] == "2005-10-03"
    assert decl["entries"][4]["items"][0]["heading"] == ""  # no heading: kind not stated
    assert [e["name"] for e in page["sections"]["objections"]["entries"]] == ["Denmark"]


@pytest.mark.parametrize(
    ("heading", "section", "kinds"),
    [
        ("Declaration:", "declarations", ["declaration"]),
        ("Interpretative statement:", "declarations", ["declaration"]),
        ("Understanding:", "declarations", ["declaration"]),
        ("Reservation:", "declarations", ["reservation"]),
        ("Declarations and reservation made upon signature:", "declarations", ["declaration", "reservation"]),
        ("Withdrawal of reservation:", "declarations", ["reservation-withdrawal"]),
        ("", "declarations", [None]),
        ("", "objections", ["objection"]),
        ("", "article", ["declaration"]),
    ],
)
def test_kinds_of(heading, section, kinds):
    assert imp.kinds_of(heading, section) == kinds


@pytest.mark.parametrize(
    ("heading", "act"),
    [
        ("Declaration made upon signature and confirmed upon ratification:", "signature"),
        ("Confirmed upon succession: Declaration:", "succession"),
        ("Declaration upon accession:", "accession"),
        ("Upon its ratification of the Treaty", "ratification"),
        ("Declaration:", None),
    ],
)
def test_upon_act(heading, act):
    assert imp.upon_act(heading) == act


def test_objection_heading_is_text_not_an_occasion():
    lines = ["4 February 2010", "With regard to the reservation made by the Holy See upon ratification:", "Objects."]
    (item,) = imp.split_items(lines)
    assert item["date"] == "2010-02-04" and item["heading"] == ""
    assert imp.objected_state(" ".join(item["text"]), "DNK") == "VAT"


def test_import_records_structured_fields_and_placeholders(tmp_path):
    grid_file(tmp_path)
    data = run(tmp_path)
    found = by_key(data)
    assert set(found) == {
        ("AUT", "declaration", "upon-ratification", None),  # the section's default occasion
        ("VAT", "declaration", "upon-signature", None),
        ("VAT", "reservation", "upon-ratification", None),
        ("IRN", "declaration", "upon-signature", None),
        ("ISR", "declaration", "later", None),  # dated, not the day of an act
        ("USA", "declaration", "upon-ratification", None),  # no heading: 'declaration', with a warning
        ("DNK", "objection", "later", "VAT"),
        ("ISR", "communication", "later", "IRN"),  # end-note attached to Iran's entry
        ("NZL", "declaration", "upon-accession", None),  # territorial application, end-note on the grid row
    }
    assert found[("VAT", "declaration", "upon-signature", None)]["date"] == "1996-09-24"  # the act's date
    assert found[("ISR", "declaration", "later", None)]["date"] == "2005-10-03"
    assert found[("DNK", "objection", "later", "VAT")]["date"] == "2010-02-04"
    assert found[("ISR", "communication", "later", "IRN")]["date"] == "1997-01-29"
    # Never a made-up summary: every one is the placeholder, which the validator rejects.
    assert all(d["summary"].startswith(imp.SUMMARY_PLACEHOLDER) for d in data["declarations"])
    problems = [str(p) for p in validate_paths([tmp_path / "quiet.yaml"]).problems]
    assert len(problems) == len(found) and all("[declaration-keys]" in p for p in problems)


def test_reimport_keeps_hand_written_summaries_and_kinds(tmp_path):
    path = grid_file(tmp_path)
    data = run(tmp_path)
    for item in data["declarations"]:
        item["summary"] = f"Hand-written summary for {item['state']} {item['kind']}."
        if item["state"] == "USA":
            item["kind"] = "reservation"  # a person read the text and chose the kind the page does not state
    yamlio.write_atomic(path, yamlio.dumps(data))
    again = run(tmp_path)
    assert again["declarations"] == data["declarations"]
    assert [str(p) for p in validate_paths([path]).problems] == []
    assert by_key(again)[("USA", "reservation", "upon-ratification", None)]["summary"].startswith("Hand-written")


def test_entry_no_longer_on_the_page_is_kept_with_a_warning(tmp_path, capsys):
    path = grid_file(tmp_path)
    data = run(tmp_path)
    data["declarations"].append({"state": "AUT", "kind": "reservation", "made": "later", "summary": "Kept by hand."})
    yamlio.write_atomic(path, yamlio.dumps(data))
    again = run(tmp_path)
    assert ("AUT", "reservation", "later", None) in by_key(again)
    assert "not on the page" in capsys.readouterr().err


def test_needs_the_grid_imported_first(tmp_path, capsys):
    assert imp.main([str(PAGE), "--id", "quiet", "--treaties-dir", str(tmp_path)]) == 1
    assert "import_untc.py" in capsys.readouterr().err


# ---- the saved UNTC pages (../shared/sources/untc), when they are there ------------------------

# States with an entry in each section, counted on the saved pages of 3 February 2026.
SAVED_COUNTS = {
    "att": {"declarations": 6},
    "ccm": {"declarations": 4},
    "ccw": {"declarations": 14, "objections": 17},
    "ccw_art1": {"declarations": 2},
    "ccw_p2a": {"declarations": 26},
    "ccw_p4": {"declarations": 17},
    "ccw_p5": {"declarations": 3},
    "ctbt": {"declarations": 7},
    "cwc": {"declarations": 21},
    "enmod": {"declarations": 10},
    "ottawa": {"declarations": 11, "article": 5},
    "tpnw": {"declarations": 1},
}


@pytest.mark.skipif(not SAVED.is_dir(), reason="saved UNTC pages not available")
@pytest.mark.parametrize("name", sorted(SAVED_COUNTS))
def test_saved_pages(name):
    page = imp.read_declarations((SAVED / f"{name}.html").read_text(encoding="utf-8"))
    counts = {s: len(info["entries"]) for s, info in page["sections"].items() if info["entries"]}
    assert counts == SAVED_COUNTS[name]
    for info in page["sections"].values():
        for entry in info["entries"]:
            assert imp._code(entry["name"]), entry["name"]  # every state name maps to a code
            assert entry["items"]


@pytest.mark.skipif(not SAVED.is_dir(), reason="saved UNTC pages not available")
def test_saved_ctbt_page_against_the_data():
    page = imp.read_declarations((SAVED / "ctbt.html").read_text(encoding="utf-8"))
    records, warnings = imp.build_declarations(page, yamlio.load(ROOT / "treaties" / "ctbt.yaml"))
    keys = {(r["state"], r["kind"], r["made"], r.get("date"), r.get("objects_to")) for r in records}
    assert ("LBN", "declaration", "later", "2005-10-03", None) in keys
    assert ("IRN", "declaration", "upon-signature", "1996-09-24", None) in keys
    assert ("ISR", "communication", "later", "1997-01-29", "IRN") in keys  # end-note 3
    assert warnings == []
