"""Each rule has a fixture that breaks it (tests/fixtures/bad/<rule>/) and the exact lines it must print."""

import subprocess
import sys
from pathlib import Path

import pytest

from treatylib.validate import validate_paths
from treatylib.validate.file_rules import RULES

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def run_validator(folder: Path) -> list[str]:
    result = validate_paths(sorted(folder.glob("*.yaml")), root=folder)
    return [str(p) for p in result.problems]


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
    assert rule_ids - covered == set()


def test_valid_fixture_passes():
    assert run_validator(FIXTURES / "valid") == []


def test_cli_prints_path_line_message_and_exits_1_without_traceback():
    folder = FIXTURES / "bad" / "schema"
    proc = subprocess.run(
        [sys.executable, "-m", "treatylib.validate", *sorted(str(p) for p in folder.glob("*.yaml"))],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(Path(__file__).parents[1] / "src")},
    )
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
