"""Edit-to-reload under `make serve`, measured for real: start the server, edit a file, poll the page.

    python scripts/bench_reload.py [--edits 3] [--port 8016]

The repository (treaties/, data/, docs/, schema/, src/, mkdocs.yml) is copied into a temporary
folder and `python -m treatylib.serve` runs from that copy (PYTHONPATH points at the copy's src/,
so paths.ROOT is the copy): the real treaties/mtcr.yaml is never touched. Each edit rewrites one
`note:` of the copy's mtcr.yaml with a new marker, and the clock runs from that write until the
served MTCR page holds the marker. The bench (scripts/bench.py --reload) and tests/test_serve.py
use the same functions.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("treaties", "systems", "data", "docs", "schema", "src", "mkdocs.yml")
PAGE = "instruments/mtcr.html"


def copy_repo(target: Path, root: Path = ROOT, treaties: list[str] | None = None) -> Path:
    """The parts of the repository the server reads, copied under target (only `treaties` files if given)."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    if treaties is not None:  # a small site for tests: the rest removed, and `related` links to it dropped
        from treatylib import yamlio

        for path in (target / "treaties").glob("*.yaml"):
            if path.stem not in treaties:
                path.unlink()
            elif "related" in (data := yamlio.load(path)):
                data["related"] = [rel for rel in data["related"] if rel["id"] in treaties]
                data = {k: v for k, v in data.items() if k != "related" or v}
                path.write_text(yamlio.dumps(data), encoding="utf-8")
    return target


def free_port(preferred: int | None = None) -> int:
    """`preferred` if nobody listens on it, else any free port."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float, poll: float = 0.05) -> float:
    """Seconds until the page at url holds text; TimeoutError past timeout."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(poll)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


@contextlib.contextmanager
def running_server(
    repo: Path, port: int, full: bool = False, log: Path | None = None, python: str = sys.executable
) -> Iterator[str]:
    """`python -m treatylib.serve` from the copy at repo, in its own process group; yields the base URL
    once the first build is served."""
    env = dict(os.environ, PYTHONPATH=str(repo / "src"), NO_MKDOCS_2_WARNING="1")
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    cmd = [python, "-m", "treatylib.serve", f"127.0.0.1:{port}", *(["--full"] if full else [])]
    proc = subprocess.Popen(cmd, cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        started = time.perf_counter()
        while fetch(base + PAGE) is None:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with status {proc.returncode} before serving")
            if time.perf_counter() - started > 600:
                raise TimeoutError("the first build took over 10 minutes")
            time.sleep(0.2)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)  # the group: serve.py and the mkdocs it started
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if log:
            out.close()


def edit_note(repo: Path, marker: str) -> None:
    """Put marker into one participation note of the copy's mtcr.yaml: the first one-line note (so the edit
    works on any version of the file, the baseline's too), or the one an earlier edit marked."""
    path = repo / "treaties" / "mtcr.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    marked = [i for i, line in enumerate(lines) if "reload-marker-" in line]
    one_line = [
        i for i, line in enumerate(lines[:-1]) if line.startswith("  note: ") and not lines[i + 1].startswith("    ")
    ]
    index = (marked or one_line)[0]
    lines[index] = f"  note: 'Edited by the reload bench: {marker}.'\n"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    os.replace(tmp, path)  # as editors save: the server never reads half a file


def wait_idle(log: Path, runs_before: int, timeout: float = 300, quiet: float = 2.0) -> None:
    """Wait until the server has finished with an edit: one more full generator run logged since
    runs_before, then nothing logged for `quiet` seconds (MkDocs done rebuilding)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        text = log.read_text(encoding="utf-8", errors="replace")
        idle = time.time() - log.stat().st_mtime
        if text.count("generated ") > runs_before and idle >= quiet:
            return
        time.sleep(0.2)
    raise TimeoutError(f"the server was still busy {timeout:.0f} s after an edit")


def generator_runs(log: Path) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count("generated ")


def measure_reload(repo: Path, edits: int, port: int | None = None, python: str = sys.executable, **server) -> dict:
    """Seconds from each edit to the served page showing it, for the server of the repository at repo.

    Between edits the server is left to finish (its full generator run and MkDocs' rebuild), as between
    a contributor's edits, so that no edit waits for the work of the one before."""
    log = repo.parent / f"serve-{repo.name}.log"
    started = time.perf_counter()
    with running_server(repo, free_port(port), python=python, log=log, **server) as base:
        first_build = time.perf_counter() - started
        seconds = []
        for _ in range(edits):
            wait_idle(log, 0)
            runs = generator_runs(log)
            marker = f"reload-marker-{uuid.uuid4().hex[:8]}"
            edit_note(repo, marker)
            seconds.append(wait_for(base + PAGE, marker, timeout=300))
            wait_idle(log, runs)
    return {"first_build": first_build, "runs": seconds, "median": statistics.median(seconds)}


def measure(edits: int, port: int | None = None, full: bool = False) -> dict:
    """measure_reload in a fresh copy of this repository."""
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        repo = copy_repo(Path(tmp) / "repo")
        return measure_reload(repo, edits, port, full=full)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--port", type=int, default=8016, help="preferred port (a free one if taken)")
    parser.add_argument("--full", action="store_true", help="the server's --full mode: whole rebuilds")
    args = parser.parse_args(argv)
    result = measure(args.edits, args.port, args.full)
    runs = ", ".join(f"{s:.2f}" for s in result["runs"])
    print(f"first build {result['first_build']:.1f} s; edit to reload {result['median']:.2f} s median ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
