"""scripts/check_untc2013_copy.py: the measure that lets the 2013 UNTC copy's dates be trusted."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from treatylib import yamlio

ROOT = Path(__file__).resolve().parents[2]
COPY = ROOT / "tests" / "fixtures" / "untc2013" / "copy"

_spec = importlib.util.spec_from_file_location("check_copy", ROOT / "scripts" / "check_untc2013_copy.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def write_ctbt(folder: Path, turkey_ratified: str) -> None:
    data = {
        "participation": [
            {"state": "AUT", "action": "signature", "date": "1996-09-24"},
            {"state": "AUT", "action": "ratification", "date": "1998-03-13"},
            {"state": "TUR", "action": "signature", "date": "1996-09-24"},
            {"state": "TUR", "action": "ratification", "date": turkey_ratified},
        ]
    }
    (folder / "ctbt.yaml").write_text(yamlio.dumps(data), encoding="utf-8")


def test_copy_that_matches_passes(tmp_path: Path):
    write_ctbt(tmp_path, "2000-02-16")
    assert check.disagreements(COPY, tmp_path, {"26-4": "ctbt"}) == (4, [])


def test_one_differing_date_is_reported(tmp_path: Path):
    write_ctbt(tmp_path, "2000-02-17")  # the copy says 16 Feb 2000
    compared, problems = check.disagreements(COPY, tmp_path, {"26-4": "ctbt"})
    assert compared == 4
    assert problems == ["26-4.csv: Turkey 2000-02-16 is not in treaties/ctbt.yaml"]


def test_main_exit_status(tmp_path: Path, monkeypatch, capsys):
    write_ctbt(tmp_path, "2000-02-17")
    monkeypatch.setattr(check, "SHARED", {"26-4": "ctbt"})
    assert check.main(["--csv-dir", str(COPY), "--treaties-dir", str(tmp_path)]) == 1
    assert "3 of 4 dates" in capsys.readouterr().out
