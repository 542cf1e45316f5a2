"""scripts/import_unoda_2018_copy.py: measure a third party's copy of UNODA's pages, then import from it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from treatylib import yamlio

ROOT = Path(__file__).resolve().parents[2]
COPY = ROOT / "tests" / "fixtures" / "unoda2018" / "treatydata.json"

_spec = importlib.util.spec_from_file_location("import_copy", ROOT / "scripts" / "import_unoda_2018_copy.py")
importer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(importer)

DEPOSITARIES = [{"key": key, "name": key.title()} for key in ("london", "moscow", "washington")]


def write_seabed(folder: Path, iceland_date: str = "1972-05-30") -> Path:
    data = {
        "id": "seabed", "name": "Seabed Treaty", "short_name": "Seabed", "kind": "treaty", "domains": ["nuclear"],
        "summary": "Hand-written summary.", "depositaries": DEPOSITARIES, "as_of": "2010",
        "sources": [{"key": "gazette", "title": "A gazette", "url": "https://example.org/"}],
        "participation": [
            {"state": "FIN", "action": "ratification", "date": "1971-06-08", "depositary": "london"},
            {"state": "ISL", "action": "ratification", "date": iceland_date, "depositary": "washington"},
            {"state": "JPN", "action": "ratification", "date": "1971-06-21"},
            {"state": "JPN", "action": "became-party"},
            {"state": "CAN", "action": "signature"},
        ],
    }  # fmt: skip
    path = folder / "seabed.yaml"
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    return path


def run(folder: Path, *extra: str, copy: Path = COPY) -> int:
    return importer.main([str(copy), "--id", "seabed", "--out-dir", str(folder), *extra])


def acts(path: Path) -> set[tuple]:
    return {
        (a["state"], a["action"], a.get("date"), a.get("depositary"), a.get("source"))
        for a in yamlio.load(path)["participation"]
    }


def test_check_passes_when_our_sources_confirm_the_copy(tmp_path, capsys):
    write_seabed(tmp_path)
    assert run(tmp_path, "--check") == 0
    assert "3 copied dates confirmed, 0 contradicted" in capsys.readouterr().out


def test_check_fails_and_names_each_contradiction(tmp_path, capsys):
    write_seabed(tmp_path, iceland_date="1972-05-31")
    assert run(tmp_path, "--check") == 1
    assert "ISL ratification at washington: copy 1972-05-30, ours 1972-05-31" in capsys.readouterr().out


def test_import_adds_deposits_with_their_depositaries(tmp_path):
    path = write_seabed(tmp_path)
    assert run(tmp_path) == 0
    got = acts(path)
    assert ("FIN", "ratification", "1971-06-08", "moscow", "unoda-2018") in got
    assert ("FIN", "ratification", "1971-06-08", "london", None) in got  # ours stays; no duplicate
    assert ("FIN", "ratification", "1971-06-08", "london", "unoda-2018") not in got
    assert ("SUN", "ratification", "1972-05-18", "london", "unoda-2018") in got  # Russia's entry, before 1991
    assert yamlio.load(path)["as_of"] == "2018-01-09"  # the copy's own date


def test_import_drops_what_the_copy_makes_redundant(tmp_path):
    path = write_seabed(tmp_path)
    run(tmp_path)
    japan = {a for a in acts(path) if a[0] == "JPN"}
    assert japan == {
        ("JPN", "signature", "1971-02-11", "london", "unoda-2018"),
        ("JPN", "ratification", "1971-06-21", "london", "unoda-2018"),
    }
    assert ("CAN", "signature", None, None, None) not in acts(path)


def test_import_keeps_ours_where_the_copy_disagrees(tmp_path, capsys):
    path = write_seabed(tmp_path, iceland_date="1972-05-31")
    assert run(tmp_path) == 0
    assert "not imported" in capsys.readouterr().out
    iceland = {a for a in acts(path) if a[0] == "ISL"}
    assert iceland == {("ISL", "ratification", "1972-05-31", "washington", None)}


def test_reimport_gives_the_same_file(tmp_path):
    path = write_seabed(tmp_path)
    run(tmp_path)
    first = path.read_text(encoding="utf-8")
    run(tmp_path)
    assert path.read_text(encoding="utf-8") == first


def test_unknown_name_or_place_stops_the_import_and_writes_nothing(tmp_path, capsys):
    path = write_seabed(tmp_path)
    before = path.read_text(encoding="utf-8")
    copy = json.loads(COPY.read_text(encoding="utf-8"))
    copy["Atlantis"] = copy.pop("Iceland")
    copy["Canada"]["Sea-Bed Treaty"]["places"][0] = "Ottawa"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(copy), encoding="utf-8")
    assert run(tmp_path, copy=bad) == 1
    err = capsys.readouterr().err
    assert "'Atlantis'" in err and "'Ottawa'" in err
    assert path.read_text(encoding="utf-8") == before


def test_import_replaces_a_became_party_that_the_copy_names(tmp_path):
    path = write_seabed(tmp_path)
    data = yamlio.load(path)
    data["participation"] += [
        {"state": "FIN", "action": "became-party", "date": "1971-06-08", "depositary": "moscow"},
        {"state": "SUN", "action": "ratification", "date": "1972-05"},
    ]
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    run(tmp_path)
    got = acts(path)
    assert not any(a[1] == "became-party" and a[0] == "FIN" for a in got)
    assert ("SUN", "ratification", "1972-05", None, None) not in got  # the copy gives the day


def test_former_states_acts_go_to_the_state_that_acted(tmp_path):
    path = write_seabed(tmp_path)
    run(tmp_path)
    got = acts(path)
    assert ("YUG", "signature", "1971-02-11", "moscow", "unoda-2018") in got  # filed under Serbia
    assert ("SRB", "succession", "2006-06-03", "london", "unoda-2018") in got
    yemen = {a for a in got if a[0] in ("YEM", "YMD")}
    assert yemen == {("YEM", "accession", "1995-01-01", "moscow", "unoda-2018")}  # 1979: which Yemen?


def test_a_note_on_an_imported_row_survives_reimport(tmp_path):
    path = write_seabed(tmp_path)
    run(tmp_path)
    data = yamlio.load(path)
    row = next(a for a in data["participation"] if a["state"] == "FIN" and a.get("depositary") == "moscow")
    row["note"] = "Another source gives another day."
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    run(tmp_path)
    again = yamlio.load(path)["participation"]
    assert any(a.get("note") == "Another source gives another day." for a in again if a["state"] == "FIN")


def test_imported_rows_cite_unoda_and_name_the_harvest_as_their_route(tmp_path):
    path = write_seabed(tmp_path)
    run(tmp_path)
    source = next(s for s in yamlio.load(path)["sources"] if s["key"] == "unoda-2018")
    assert source["url"] == "https://treaties.unoda.org/t/sea_bed"  # the authority, not the copy
    assert "UNODA Treaties Database" in source["title"] and "Sea-Bed Treaty" in source["title"]
    assert source["via"]["url"] == importer.COPY_URL  # the harvest is the route
    assert "ohnemax/treatyratification" in source["via"]["title"]
    assert source["via"]["captured"] == "2018"  # when the copy was made...
    assert source["accessed"] == "2026-11-28"  # ...is not when we read it


def test_every_instrument_in_the_copy_has_a_unoda_address():
    for instrument in importer.TREATIES_IN_COPY:
        url = importer.source_entry(instrument)["url"]
        assert "github.com" not in url
        assert url.startswith(("https://treaties.unoda.org/t/", "http://disarmament.un.org/treaties/"))


def test_reimporting_the_rows_our_files_hold_changes_nothing():
    """Idempotent on the real data: the copy's rows, imported again, give the same files byte for byte."""
    for instrument in sorted(set(importer.TREATIES_IN_COPY) - importer.CHECK_ONLY):
        path = ROOT / "treaties" / f"{instrument}.yaml"
        data = yamlio.load(path)
        copied = [
            {k: v for k, v in act.items() if k != "note"}
            for act in data["participation"]
            if act.get("source") == importer.SOURCE_KEY
        ]
        merged, conflicts = importer.merge(data, copied)
        assert not conflicts, instrument
        assert yamlio.dumps(merged) == path.read_text(encoding="utf-8"), instrument
    cfe = yamlio.load(ROOT / "treaties" / "cfe.yaml")  # measured, not imported; one row cites the copy
    assert next(s for s in cfe["sources"] if s["key"] == importer.SOURCE_KEY) == importer.source_entry("cfe")
