"""Each rule and each hostile input has a fixture (tests/fixtures/bad/<case>/) and the exact lines it must print.

Inputs that cannot live in git (a FIFO, a symlink, a 5 MB file) are made in tmp_path.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from treatylib import yamlio
from treatylib.validate import intake, schema_layer, validate_paths
from treatylib.validate.file_rules import RULES
from treatylib.validate.intake import data_like

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())
SRC = Path(__file__).parents[1] / "src"
SAMPLE = (FIXTURES / "valid" / "sample.yaml").read_text(encoding="utf-8")


def run_validator(folder: Path) -> list[str]:
    """What the CLI's folder scan reports: every .yaml or .yml entry, whatever its type."""
    result = validate_paths(data_like(folder), root=folder)
    return [str(p) for p in result.problems]


def run_cli(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "treatylib.validate", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(SRC)},
    )


@pytest.mark.parametrize("folder", BAD, ids=[p.name for p in BAD])
def test_bad_fixture_gives_exactly_the_expected_lines(folder):
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "a bad fixture must expect at least one problem"
    assert run_validator(folder) == expected


def test_every_rule_has_a_fixture():
    covered = {
        line.rsplit("[", 1)[1].rstrip("]") for f in BAD for line in (f / "expected.txt").read_text().splitlines()
    }
    rule_ids = set(RULES) | {"yaml", "schema", "known-state", "related-exists", "related-reciprocal", "unique-name"}
    rule_ids |= {"limit"}
    assert rule_ids - covered == set()


def test_valid_fixture_passes():
    assert run_validator(FIXTURES / "valid") == []


def test_cli_prints_path_line_message_and_exits_1_without_traceback():
    folder = FIXTURES / "bad" / "schema"
    proc = run_cli(*sorted(folder.glob("*.yaml")))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 7 and all(":" in line and "sample.yaml:" in line for line in lines)


def test_cli_survives_unreadable_and_non_mapping_files(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"\xff\xfe not utf-8")
    (tmp_path / "b.yaml").write_text("- just\n- a list\n")
    (tmp_path / "c.yaml").write_text("")
    problems = run_validator(tmp_path)
    assert [p.split(":")[0] for p in problems] == ["a.yaml", "b.yaml", "c.yaml"]


def test_real_data_validates():
    root = Path(__file__).parents[1]
    result = validate_paths(sorted((root / "treaties").glob("*.yaml")), root=root)
    assert [str(p) for p in result.problems] == []


def test_cli_never_shows_a_traceback_on_any_bad_fixture(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    proc = run_cli(*(p for folder in BAD for p in data_like(folder)), tmp_path / "fifo.yaml")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert all(line.count(":") >= 2 for line in proc.stdout.splitlines())


def test_fifo_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "x.yaml")  # opening it for reading would block until a writer came
    expected = ["x.yaml:1: is a FIFO (named pipe), not read: instrument files must be regular files [yaml]"]
    assert run_validator(tmp_path) == expected


def test_symlink_is_refused_even_to_a_valid_file(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "sample.yaml").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "treaties").mkdir()
    (tmp_path / "treaties" / "sample.yaml").symlink_to(outside / "sample.yaml")
    message = "is a symbolic link, not read: instrument files must be regular files (a link may point anywhere)"
    assert run_validator(tmp_path / "treaties") == [f"sample.yaml:1: {message} [yaml]"]


def test_file_over_the_size_cap_is_refused_unread(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"participation:\n" + b"  - {state: NOR, action: signature}\n" * 150_000)
    size = big.stat().st_size
    assert size > intake.MAX_BYTES
    expected = [f"big.yaml:1: file is {size:,} bytes: the limit is 5,000,000 bytes (5 MB) [yaml]"]
    assert run_validator(tmp_path) == expected


def test_file_just_under_the_cap_is_checked_quickly_with_capped_output(tmp_path):
    body = "  - {state: 'NOR', action: signature, date: '1968-07-01'}\n" * 80_000  # about 4.7 MB
    (tmp_path / "sample.yaml").write_text(SAMPLE.split("participation:")[0] + "participation:\n" + body)
    started = time.perf_counter()
    problems = run_validator(tmp_path)
    assert time.perf_counter() - started < 30
    assert len(problems) == 51
    assert problems[-1].endswith(": ... and 79950 more problems in this file [limit]")


def test_nesting_100000_deep_is_refused_before_building_anything(tmp_path):
    (tmp_path / "deep.yaml").write_text("coverage_note: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert run_validator(tmp_path) == ["deep.yaml:1: nested more than 64 levels deep [yaml]"]


def test_messages_and_file_names_print_no_control_characters(tmp_path):
    (tmp_path / "a\x1b[2Jb.yaml").write_text("- not a mapping\n")
    assert run_validator(tmp_path) == [
        "a\\x1b[2Jb.yaml:1: the file must hold a mapping of fields (id, name, ...) [schema]"
    ]


def test_folder_scan_sees_every_data_like_entry(tmp_path):
    for name in ("a.yaml", "b.yml", "C.YAML", "notes.txt"):
        (tmp_path / name).write_text("")
    os.mkfifo(tmp_path / "d.yaml")
    assert [p.name for p in data_like(tmp_path)] == ["C.YAML", "a.yaml", "b.yml", "d.yaml"]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*/*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_schema_check_is_never_more_lenient_than_jsonschema(path):
    """The compiled validator decides alone only when it says valid: then jsonschema must agree."""
    try:
        data = intake.read(path)
    except yamlio.YamlError:
        return
    if isinstance(data, dict) and schema_layer._fast_says_valid(data):
        assert list(jsonschema.Draft202012Validator(schema_layer.schema()).iter_errors(data)) == []


def write_sample(folder: Path, before_as_of: str = "", participation: str | None = None) -> None:
    """The valid sample with extra top-level fields, and optionally other text after `participation:`."""
    head, tail = SAMPLE.split("as_of:", 1)
    text = head + before_as_of + "as_of:" + tail
    if participation is not None:
        text = text.split("participation:")[0] + "participation:" + participation
    (folder / "sample.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "items",
    [
        [{"a": 1}, {"a": 1}],
        [1, True],
        [1, 1.0],
        [[1, {"b": [2]}], [1, {"b": [2]}]],
        [{"a": 1}, {"a": True}],
        ["x", "y"],
    ],
)
def test_unique_items_gives_what_stock_jsonschema_gives(items):
    schema = {"uniqueItems": True}
    stock = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(items)]
    ours = schema_layer._validator().evolve(schema=schema)
    assert [e.message for e in ours.iter_errors(items)] == stock


def test_unique_items_check_is_linear(tmp_path):
    many = "".join(f"  - {{key: k{i}, name: N{i}}}\n" for i in range(20_000))
    write_sample(tmp_path, "colour: red\n")  # one schema error, so jsonschema walks the file
    text = (tmp_path / "sample.yaml").read_text().replace("depositaries:\n", "depositaries:\n" + many, 1)
    (tmp_path / "sample.yaml").write_text(text)
    started = time.perf_counter()
    problems = run_validator(tmp_path)
    assert time.perf_counter() - started < 20  # jsonschema's own check compares every pair: minutes
    assert (
        problems[0]
        == "sample.yaml:2: top level: Additional properties are not allowed ('colour' was unexpected) [schema]"
    )


def test_a_file_listing_itself_as_related_many_times_is_checked_quickly(tmp_path):
    write_sample(tmp_path, "related:\n" + "  - {id: sample, relation: protocol}\n" * 30_000)
    started = time.perf_counter()
    problems = run_validator(tmp_path)
    assert time.perf_counter() - started < 20
    assert problems[-1] == "sample.yaml:64: ... and 29950 more problems in this file [limit]"


def test_official_counts_beyond_twenty_are_not_compared(tmp_path):
    counts = "".join(f"  - {{source: test, as_of: '{1970 + i}', parties: 1}}\n" for i in range(3000))
    acts = "".join(
        f"  - {{state: 'NOR', action: signature, date: '{1969 + i % 50}-01-{1 + i // 50:02d}'}}\n" for i in range(1500)
    )
    write_sample(tmp_path, "", "\n" + acts)
    text = (tmp_path / "sample.yaml").read_text().replace("official_counts:\n", "official_counts:\n" + counts, 1)
    (tmp_path / "sample.yaml").write_text(text)
    started = time.perf_counter()
    problems = run_validator(tmp_path)
    assert time.perf_counter() - started < 20
    assert (
        "sample.yaml:37: official_counts[20]: 3001 official counts: only the first 20 are compared [official-counts]"
        in problems
    )


def test_schema_errors_stop_at_a_thousand_and_no_rule_runs_on_the_rest(tmp_path):
    write_sample(tmp_path, "", " [" + "1, " * 500_000 + "1]\n")
    problems = run_validator(tmp_path)
    assert problems[0] == (
        "sample.yaml:2: over 1000 schema errors: only those are listed, and no other check ran [schema]"
    )
    assert problems[1] == "sample.yaml:18: participation[0]: 1 is not of type 'object' [schema]"
    assert problems[-1] == "sample.yaml:18: ... and 951 more problems in this file [limit]"


def test_the_quick_control_character_check_misses_none():
    from treatylib.validate.file_rules import _holds_control

    controls = [chr(c) for c in range(0x110) if yamlio.CONTROL.match(chr(c))]
    assert len(controls) == 9 + 2 + 18 + 33  # C0 but tab, newline, carriage return; DEL and C1
    for char in controls:
        assert _holds_control({"notes": [f"a{char}b"]}), hex(ord(char))
        assert _holds_control({f"key{char}": 1}), hex(ord(char))
    assert not _holds_control({"note": 'line\nbreak\ttab\rreturn, quote " and back\\slash, Ü ⟨⟩', "n": [1, True, None]})


def test_a_memo_reads_only_edited_files_and_never_answers_from_an_old_one(tmp_path):
    good = tmp_path / "sample.yaml"
    good.write_text(SAMPLE, encoding="utf-8")
    memo: dict = {}
    first = validate_paths([good], root=tmp_path, memo=memo)
    assert first.ok and len(memo) == 1
    again = validate_paths([good], root=tmp_path, memo=memo)
    assert again.instruments[0] is first.instruments[0]  # not read again
    good.write_text(SAMPLE.replace("participation:", "participation:\n- state: XXQ\n  action: nonsense", 1))
    edited = validate_paths([good], root=tmp_path, memo=memo)
    assert not edited.ok and edited.problems == validate_paths([good], root=tmp_path).problems
    good.write_text(SAMPLE, encoding="utf-8")
    assert validate_paths([good], root=tmp_path, memo=memo).ok and len(memo) == 1
