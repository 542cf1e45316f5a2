"""scripts/import_unoda.py on small hand-written fixtures (tests/fixtures/unoda/)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest

from treatylib import yamlio

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "unoda"
SCHEMA = json.loads((ROOT / "schema" / "instrument.schema.json").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location("import_unoda", ROOT / "scripts" / "import_unoda.py")
import_unoda = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(import_unoda)

NPT = "Non-Proliferation Treaty"
NEW_FILE_ARGS = [
    "--name", "Treaty on the Non-Proliferation of Nuclear Weapons", "--short-name", "NPT",
    "--kind", "treaty", "--domain", "nuclear", "--summary", "A stub summary that is long enough.",
]  # fmt: skip


def run(tmp_path: Path, fixture: str, treaty: str = NPT, *extra: str, file_id: str = "npt") -> int:
    argv = [str(FIXTURES / fixture), "--treaty", treaty, "--id", file_id, "--out-dir", str(tmp_path), *extra]
    return import_unoda.main(argv)


def load(tmp_path: Path, file_id: str = "npt") -> dict:
    data = yamlio.load(tmp_path / f"{file_id}.yaml")
    errors = [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]
    assert errors == []
    return data


def test_new_file_stub(tmp_path):
    assert run(tmp_path, "timeline_small.html", NPT, *NEW_FILE_ARGS) == 0
    data = load(tmp_path)
    assert data["as_of"] == "2026-08-22"
    assert data["sources"] == [
        {
            "key": "unoda",
            "title": import_unoda.SOURCE_TITLE,
            "url": "https://treaties.unoda.org/t/npt",
            "accessed": "2026-08-22",
        }
    ]
    acts = {(a["state"], a["action"], a["date"]) for a in data["participation"]}
    assert acts == {
        ("CHN", "accession", "1992-03-12"),
        ("CZE", "succession", "1993-01-01"),
        ("SUN", "signature", "1968-07-01"),
        ("SUN", "ratification", "1970-03-05"),
        ("TON", "succession", "1971-07-07"),
    }
    # One date per state from this source, with no depositary named: none may be set.
    assert not any("depositary" in a or "source" in a for a in data["participation"])
    assert [a["state"] for a in data["participation"]] == sorted(a["state"] for a in data["participation"])


def test_continuator_rows_go_to_the_former_state(tmp_path):
    run(tmp_path, "timeline_small.html", NPT, *NEW_FILE_ARGS)
    soviet = [a for a in load(tmp_path)["participation"] if a["state"] == "SUN"]
    assert [a["action"] for a in soviet] == ["signature", "ratification"]
    assert all("under Russia" in a["note"] for a in soviet)


def test_succession_predecessor_only_from_successions_table(tmp_path):
    run(tmp_path, "timeline_small.html", NPT, *NEW_FILE_ARGS)
    by_state = {a["state"]: a for a in load(tmp_path)["participation"] if a["action"] == "succession"}
    assert by_state["CZE"]["predecessor"] == "CSK"
    assert "predecessor" not in by_state["TON"]  # not in data/successions.yaml: left out, not guessed


def test_treaty_name_matches_exactly(tmp_path):
    # "Prohibition of Nuclear Weapons" (TPNW) is the tail of Tlatelolco's name: it must not pick Tlatelolco rows.
    args = ["--name", "TPNW test", "--short-name", "TPNW", "--kind", "treaty", "--domain", "nuclear"]
    assert run(tmp_path, "timeline_small.html", "Prohibition of Nuclear Weapons", *args,
               "--summary", "A stub summary that is long enough.", file_id="tpnw") == 0  # fmt: skip
    assert [a["state"] for a in load(tmp_path, "tpnw")["participation"]] == ["TZA"]


def test_new_file_requires_metadata(tmp_path, capsys):
    assert run(tmp_path, "timeline_small.html") == 1
    assert "--summary" in capsys.readouterr().err
    assert not (tmp_path / "npt.yaml").exists()


def test_update_keeps_metadata_and_other_sources(tmp_path):
    existing = {
        "id": "npt", "name": "Treaty on the Non-Proliferation of Nuclear Weapons", "short_name": "NPT",
        "aliases": ["Non-Proliferation Treaty"], "kind": "treaty", "domains": ["nuclear"],
        "summary": "Hand-written summary that must survive.", "as_of": "2026-09-01",
        "sources": [
            {"key": "unoda", "title": "old title", "url": "https://treaties.unoda.org/t/old", "accessed": "2020-01-01"},
            {"key": "iaea", "title": "IAEA", "url": "https://www.iaea.org/"},
        ],
        "participation": [
            {"state": "PRK", "action": "withdrawal", "date": "2003-01-10", "effective": "2003-01-11",
             "disputed": True, "source": "iaea"},
            {"state": "ZZZ", "action": "signature", "date": "1968-07-01"},  # stale unoda row (default source)
            {"state": "YYY", "action": "signature", "date": "1968-07-01", "source": "unoda"},  # stale, explicit
        ],
    }  # fmt: skip
    (tmp_path / "npt.yaml").write_text(yamlio.dumps(existing), encoding="utf-8")
    assert run(tmp_path, "timeline_small.html") == 0
    data = load(tmp_path)
    assert data["summary"] == existing["summary"] and data["aliases"] == existing["aliases"]
    assert data["as_of"] == "2026-09-01"  # a later hand-set as_of is kept
    assert data["sources"][0] == import_unoda._source("npt") and data["sources"][1]["key"] == "iaea"
    states = {a["state"] for a in data["participation"]}
    assert "ZZZ" not in states and "YYY" not in states
    prk = [a for a in data["participation"] if a["state"] == "PRK"]
    assert prk == [existing["participation"][0]]


def test_hand_written_correction_replaces_the_source_row(tmp_path):
    run(tmp_path, "timeline_small.html", NPT, *NEW_FILE_ARGS)
    data = yamlio.load(tmp_path / "npt.yaml")
    data["sources"].append({"key": "checked", "title": "A checked page", "url": "https://example.org/"})
    data["participation"] += [
        {"state": "TON", "action": "accession", "date": "1971-07-07", "source": "checked"},  # same date
        {"state": "CHN", "action": "accession", "date": "1992-03-09", "source": "checked"},  # same action
    ]
    (tmp_path / "npt.yaml").write_text(yamlio.dumps(data), encoding="utf-8")
    assert run(tmp_path, "timeline_small.html") == 0
    acts = {(a["state"], a["action"], a["date"], a.get("source")) for a in load(tmp_path)["participation"]}
    assert ("TON", "succession", "1971-07-07", None) not in acts
    assert ("CHN", "accession", "1992-03-12", None) not in acts
    assert ("TON", "accession", "1971-07-07", "checked") in acts
    assert ("CHN", "accession", "1992-03-09", "checked") in acts
    assert ("CZE", "succession", "1993-01-01", None) in acts


def test_with_several_depositaries_another_date_is_another_deposit(tmp_path):
    run(tmp_path, "timeline_small.html", NPT, *NEW_FILE_ARGS)
    data = yamlio.load(tmp_path / "npt.yaml")
    data["depositaries"] = [{"key": key, "name": key.title()} for key in ("london", "moscow", "washington")]
    data["sources"].append({"key": "checked", "title": "A checked page", "url": "https://example.org/"})
    data["participation"].append(
        {"state": "CHN", "action": "accession", "date": "1992-03-17", "depositary": "washington", "source": "checked"}
    )
    (tmp_path / "npt.yaml").write_text(yamlio.dumps(data), encoding="utf-8")
    assert run(tmp_path, "timeline_small.html") == 0
    acts = {(a["state"], a["action"], a["date"], a.get("source")) for a in load(tmp_path)["participation"]}
    assert ("CHN", "accession", "1992-03-12", None) in acts
    assert ("CHN", "accession", "1992-03-17", "checked") in acts


def test_update_when_unoda_is_not_the_default_source(tmp_path):
    existing = {
        "id": "npt", "name": "Treaty on the Non-Proliferation of Nuclear Weapons", "short_name": "NPT",
        "kind": "treaty", "domains": ["nuclear"], "summary": "Hand-written summary that must survive.",
        "as_of": "2020-01-01", "sources": [{"key": "iaea", "title": "IAEA", "url": "https://www.iaea.org/"}],
        "participation": [{"state": "PRK", "action": "accession", "date": "1985-12-12"}],
    }  # fmt: skip
    (tmp_path / "npt.yaml").write_text(yamlio.dumps(existing), encoding="utf-8")
    assert run(tmp_path, "timeline_small.html") == 0
    data = load(tmp_path)
    assert [s["key"] for s in data["sources"]] == ["iaea", "unoda"]
    assert data["as_of"] == "2026-08-22"
    for act in data["participation"]:
        assert act.get("source") == (None if act["state"] == "PRK" else "unoda")


def test_unknown_name_is_an_error_and_writes_nothing(tmp_path, capsys):
    assert run(tmp_path, "timeline_unknown_name.html", NPT, *NEW_FILE_ARGS) == 1
    err = capsys.readouterr().err
    assert "timeline_unknown_name.html" in err and "Atlantis" in err
    assert not (tmp_path / "npt.yaml").exists()


def test_unknown_name_leaves_existing_file_untouched(tmp_path):
    run(tmp_path, "timeline_small.html", NPT, *NEW_FILE_ARGS)
    before = (tmp_path / "npt.yaml").read_bytes()
    assert run(tmp_path, "timeline_unknown_name.html") == 1
    assert (tmp_path / "npt.yaml").read_bytes() == before


def test_flag_disagreeing_with_name_is_an_error(tmp_path, capsys):
    assert run(tmp_path, "timeline_flag_mismatch.html", NPT, *NEW_FILE_ARGS) == 1
    assert "Niger -> NER (flag NG)" in capsys.readouterr().err


def test_withdrew_rows_are_refused(tmp_path, capsys):
    args = ["--name", "CTBT", "--short-name", "CTBT", "--kind", "treaty", "--domain", "testing", "--summary", "x" * 20]
    assert run(tmp_path, "timeline_small.html", "Comprehensive Nuclear-Test-Ban Treaty", *args, file_id="x") == 1
    assert "hand-written action" in capsys.readouterr().err


def test_unknown_treaty_lists_the_names_in_the_file(tmp_path, capsys):
    assert run(tmp_path, "timeline_small.html", "Treaty on the Non-Proliferation of Nuclear Weapons") == 1
    err = capsys.readouterr().err
    assert "no rows" in err and "Non-Proliferation Treaty" in err


@pytest.mark.parametrize("flag, expected", [("\U0001f1f7\U0001f1fa", "RU"), ("", None)])
def test_flag_code(flag, expected):
    assert import_unoda._flag_code(flag) == expected
