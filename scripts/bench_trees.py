"""The two source trees the bench compares: the baseline commit and the code as it is now.

Each is a self-contained folder in a temporary directory (treaties/, data/, docs/, schema/, src/,
mkdocs.yml) and runs with PYTHONPATH=<tree>/src and <tree> as its working directory, so
treatylib.paths.ROOT is that folder and nothing under the real repository is written.
- baseline: `git worktree add --detach` of the commit, removed again afterwards. It reuses this
  virtualenv when every pin of its requirements.txt is installed here at the same version (true
  for 3f24638: its pins are a subset of ours); otherwise it gets a virtualenv of its own.
- current: a copy of the working tree (uncommitted edits included; the report's `Code` line says
  `-dirty` then).

Commands are timed whole-process, as `make` pays them: wall seconds and CPU seconds (user + system
of the child), in rounds that alternate baseline and current so that load from other processes
falls on both alike.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bench_reload import copy_repo

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "3f24638"


@dataclass
class Tree:
    name: str
    root: Path
    python: str = sys.executable
    notes: list[str] = field(default_factory=list)
    extra_env: tuple[tuple[str, str], ...] = ()  # e.g. (("TREATYLIB_PARALLEL", "off"),)

    @property
    def env(self) -> dict[str, str]:
        base = dict(os.environ, PYTHONPATH=str(self.root / "src"), NO_MKDOCS_2_WARNING="1", OFFLINE="false")
        return {**base, **dict(self.extra_env)}

    def has(self, relative: str) -> bool:
        return (self.root / relative).exists()


def timed_run(tree: Tree, args: list[str], check: bool = True) -> tuple[float, float]:
    """(wall, cpu) seconds of `python args...` in tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([tree.python, *args], cwd=tree.root, env=tree.env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and proc.returncode:
        raise RuntimeError(f"{tree.name}: {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _pins(requirements: Path) -> dict[str, str]:
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)==([^\s;#]+)", line)
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


def _installed_here(pins: dict[str, str]) -> bool:
    try:
        return all(version(name) == wanted for name, wanted in pins.items())
    except PackageNotFoundError:
        return False


def _own_venv(tree: Tree, folder: Path) -> str:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    constraints = ["-c", str(tree.root / "constraints.txt")] if tree.has("constraints.txt") else []
    subprocess.run([*pip, *constraints, "-r", str(tree.root / "requirements.txt")], check=True)
    return str(folder / "bin" / "python")


@contextlib.contextmanager
def baseline_tree(tmp: Path, commit: str = BASELINE) -> Iterator[Tree]:
    folder = tmp / "baseline"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(folder), commit], cwd=ROOT, check=True)
    try:
        tree = Tree(f"baseline {commit}", folder)
        if _installed_here(_pins(folder / "requirements.txt")):
            tree.notes.append("runs in this virtualenv: every pin of its requirements.txt is installed here")
        else:
            tree.python = _own_venv(tree, tmp / "baseline-venv")
            tree.notes.append("runs in a virtualenv of its own: its pins differ from this one's")
        yield tree
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)


def current_tree(tmp: Path) -> Tree:
    return Tree("current", copy_repo(tmp / "current"))


# ---- what make runs, per tree ---------------------------------------------------------------------


def validate(tree: Tree) -> tuple[float, float]:
    return timed_run(tree, ["-m", "treatylib.validate"])


def cli_status(tree: Tree) -> tuple[float, float]:
    return timed_run(tree, ["-m", "treatylib.cli", "status", "PAK"])


def full_build(tree: Tree, site: Path) -> dict[str, tuple[float, float]]:
    """`make build`: the generator, then the strict MkDocs build (the baseline's Makefile ran mkdocs itself)."""
    shutil.rmtree(site, ignore_errors=True)
    generate = timed_run(tree, ["-m", "treatylib.build", "--quiet"])
    if tree.has("src/treatylib/site_build.py"):
        mkdocs = timed_run(tree, ["-m", "treatylib.site_build", "--site-dir", str(site)])
    else:
        mkdocs = timed_run(tree, ["-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)])
    return {"generate": generate, "mkdocs": mkdocs, "total": (generate[0] + mkdocs[0], generate[1] + mkdocs[1])}


def alternate(trees: list[Tree], rounds: int, measure, log=lambda message: None) -> dict[str, list]:
    """measure(tree) for each tree in turn, `rounds` times: the results per tree name."""
    results: dict[str, list] = {tree.name: [] for tree in trees}
    for n in range(rounds):
        for tree in trees if n % 2 == 0 else reversed(trees):  # neither always goes first
            log(f"{measure.__name__}: {tree.name}, round {n + 1} of {rounds}")
            results[tree.name].append(measure(tree))
    return results


def medians(runs: list[tuple[float, float]]) -> dict[str, float]:
    return {
        "wall": statistics.median(r[0] for r in runs),
        "cpu": statistics.median(r[1] for r in runs),
        "wall_all": [r[0] for r in runs],
    }
