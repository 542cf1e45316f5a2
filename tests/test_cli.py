"""The `treaties` command answers the README's examples, with Unix exit codes."""

import csv
import io
import json

import pytest

from treatylib.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_of_a_state(capsys):
    code, out, _ = run(capsys, "status", "PAK")
    assert code == 0
    npt = next(line for line in out.splitlines() if line.startswith("NPT "))
    assert "Not joined" in npt and "never signed" in npt
    assert "not open to it (bilateral treaty)" in out


def test_state_by_name_and_json(capsys):
    code, out, _ = run(capsys, "status", "India", "--json")
    rows = {r["instrument"]: r for r in json.loads(out)}
    assert code == 0 and rows["mtcr"]["status"] == "member" and rows["mtcr"]["date"] == "2016-06-27"


def test_not_party_lists_the_four_outside_the_npt_and_the_dprk(capsys):
    code, out, _ = run(capsys, "status", "npt", "--not-party", "--csv")
    rows = {r["state"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0
    assert {"IND", "ISR", "PAK", "SSD", "PRK"} <= set(rows)
    assert "USA" not in rows and rows["PRK"]["label"].startswith("Withdrawn")


def test_compare(capsys):
    code, out, _ = run(capsys, "compare", "IND", "PAK")
    assert code == 0
    header, *lines = out.splitlines()
    assert "IND" in header and "PAK" in header and "SAME" in header
    mtcr = next(line for line in lines if line.startswith("MTCR"))
    assert mtcr.rstrip().endswith("no")


@pytest.mark.parametrize("args", [("status", "XYZ"), ("compare", "IND", "Atlantis"), ("status", "PAK", "--not-party")])
def test_unknown_input_exits_1_with_a_message(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 1 and out == "" and err.startswith("treaties: ")


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
