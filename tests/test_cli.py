"""The `treaties` command answers the README's examples, with Unix exit codes."""

import csv
import io
import json

import pytest

from treatylib import cli
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


def test_compare_with_one_state_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["compare", "IND"])
    assert exc.value.code == 2
    assert "at least two states" in capsys.readouterr().err


@pytest.mark.parametrize(
    "name, code",
    [("Ivory Coast", "CIV"), ("DPRK", "PRK"), ("UK", "GBR"), ("ivory coast", "CIV"), ("Cote d'Ivoire", "CIV")],
)
def test_states_by_the_names_search_knows(capsys, name, code):
    """data/state_names.yaml names (search finds the state pages by them) work here too."""
    assert run(capsys, "status", code, "--json")[:2] == run(capsys, "status", name, "--json")[:2]
    code_, out, _ = run(capsys, "compare", name, "PAK", "--csv")
    assert code_ == 0 and out.splitlines()[0] == f"short_name,{code},PAK,same"


HOSTILE = "NPT\x1b[2J\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\\x9b31m\x00\x07\x08\x7f\x85!"


def test_clean_strips_escape_sequences_and_control_characters():
    assert cli.clean(HOSTILE) == "NPTlink!"
    assert cli.clean("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert cli.clean("unterminated \x1b]0;title\nnext") == "unterminated \nnext"


def test_the_table_view_prints_no_control_characters(capsys):
    rows = [{"short_name": HOSTILE, "label": "Party\x1b[31m", "date": "1970"}]
    cli._print(rows, ["short_name", "label", "date"], "table")
    out = capsys.readouterr().out
    assert not any(ord(ch) < 32 and ch != "\n" or 0x7F <= ord(ch) <= 0x9F for ch in out)
    header, line = out.splitlines()
    assert line.split() == ["NPTlink!", "Party", "1970"]
    assert header.index("LABEL") == line.index("Party")  # widths count what is shown


def test_contributed_text_reaches_the_terminal_clean(capsys, monkeypatch):
    from treatylib import catalog_cache

    compiled = catalog_cache.load()
    hostile = dict(compiled, instruments=[dict(i) for i in compiled["instruments"]])
    hostile["instruments"][0]["short_name"] = HOSTILE
    monkeypatch.setattr(cli, "_catalog", lambda: hostile)
    code, out, _ = run(capsys, "status", "PAK")
    assert code == 0 and "NPTlink!" in out and cli.clean(out) == out
    code, out, _ = run(capsys, "list", "--json")
    assert json.loads(out)[0]["short_name"] == HOSTILE  # --json is data: nothing lost...
    assert cli.clean(out) == out  # ...and every control character escaped


def test_csv_output_uses_the_exports_formula_guard():
    import sys as _sys
    from io import StringIO

    from treatylib import cli

    saved, _sys.stdout = _sys.stdout, StringIO()
    try:
        cli._print([{"a": "=1+1", "b": "ok"}], ["a", "b"], "csv")
        out = _sys.stdout.getvalue()
    finally:
        _sys.stdout = saved
    assert out.splitlines()[1] == "'=1+1,ok"
