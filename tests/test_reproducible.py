"""The generator writes the same files from the same data, whatever Python's hash seed: make serve
rebuilds only what changed, and a page that changes on every run (a set's order leaking into it) is
rebuilt, re-indexed and re-downloaded for nothing."""

import os
import subprocess
import sys
from pathlib import Path


def _generate(out: Path, seed: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    cmd = [sys.executable, "-m", "treatylib.build", "--quiet", "--out", str(out)]
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_runs_with_different_hash_seeds_write_identical_files(tmp_path):
    first = _generate(tmp_path / "a", "1")
    second = _generate(tmp_path / "b", "2")
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == [], differing[:10]
