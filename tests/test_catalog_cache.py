"""The command line's compiled catalog: fast when current, never an old answer when not."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from treatylib import catalog_cache, paths

ROOT = Path(__file__).parents[1]


def test_a_cache_answers_only_for_its_own_key(tmp_path):
    cache = tmp_path / "catalog-cache.json"
    compiled = catalog_cache.load(cache)  # nothing cached: validates, then writes
    key = catalog_cache.input_key()
    assert compiled["key"] == key and catalog_cache.read(key, cache) == compiled
    assert catalog_cache.read("0" * 64, cache) is None
    cache.write_text("{not json", encoding="utf-8")
    assert catalog_cache.read(key, cache) is None
    cache.write_text(json.dumps(dict(compiled, format=0)), encoding="utf-8")
    assert catalog_cache.read(key, cache) is None


def test_the_key_covers_every_input(tmp_path):
    root = tmp_path / "repo"
    for folder in ("treaties", "data", "schema"):
        (root / folder).mkdir(parents=True)
        (root / folder / "x.txt").write_text("a", encoding="utf-8")
    keys = {catalog_cache.input_key(root)}
    for folder in ("treaties", "data", "schema"):
        (root / folder / "x.txt").write_text(f"changed {folder}", encoding="utf-8")
        keys.add(catalog_cache.input_key(root))
    (root / "treaties" / "new.yaml").write_text("", encoding="utf-8")
    keys.add(catalog_cache.input_key(root))
    (root / "treaties" / "new.yaml").unlink()
    (root / "treaties" / "x.txt").rename(root / "treaties" / "y.txt")
    keys.add(catalog_cache.input_key(root))
    assert len(keys) == 6


@pytest.fixture
def repo_copy(tmp_path):
    """The package and its inputs, copied: `python -m treatylib.cli` there reads and writes only the copy."""
    for folder in ("treaties", "data", "schema", "docs"):
        shutil.copytree(paths.ROOT / folder, tmp_path / folder)
    shutil.copytree(paths.ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return tmp_path


def treaties_cli(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(repo / "src"))
    return subprocess.run(
        [sys.executable, "-m", "treatylib.cli", *args], cwd=repo, env=env, capture_output=True, text=True
    )


def mtcr_row(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, proc.stderr
    return next(row for row in json.loads(proc.stdout) if row["instrument"] == "mtcr")


def test_an_edited_treaty_file_changes_the_answer_at_once(repo_copy):
    cache = repo_copy / "build" / "catalog-cache.json"
    first = treaties_cli(repo_copy, "status", "IND", "--json")
    assert mtcr_row(first)["short_name"] == "MTCR" and cache.is_file()  # the copy's own cache

    written = cache.stat().st_mtime_ns
    assert treaties_cli(repo_copy, "status", "IND", "--json").stdout == first.stdout
    assert cache.stat().st_mtime_ns == written  # answered from the cache, not rewritten

    mtcr = repo_copy / "treaties" / "mtcr.yaml"
    text = mtcr.read_text(encoding="utf-8")
    assert "\nshort_name: MTCR\n" in text
    mtcr.write_text(text.replace("\nshort_name: MTCR\n", "\nshort_name: MTCR-edited\n"), encoding="utf-8")
    assert mtcr_row(treaties_cli(repo_copy, "status", "IND", "--json"))["short_name"] == "MTCR-edited"

    time.sleep(0.01)
    mtcr.write_text(text.replace("\nshort_name: MTCR\n", "\nshort_name: 7\n"), encoding="utf-8")  # invalid now
    broken = treaties_cli(repo_copy, "status", "IND", "--json")
    assert broken.returncode == 1 and broken.stdout == "" and "mtcr.yaml" in broken.stderr


def test_the_generator_writes_the_cache_the_cli_reads(repo_copy):
    env = dict(os.environ, PYTHONPATH=str(repo_copy / "src"))
    subprocess.run([sys.executable, "-m", "treatylib.build", "--quiet"], cwd=repo_copy, env=env, check=True)
    cache = repo_copy / "build" / "catalog-cache.json"
    written = cache.stat().st_mtime_ns
    assert mtcr_row(treaties_cli(repo_copy, "status", "IND", "--json"))["status"] == "member"
    assert cache.stat().st_mtime_ns == written
