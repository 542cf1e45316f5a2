"""`make serve`: generate the pages, run `mkdocs serve --dirty`, and regenerate when a
YAML file (or the schema, data, static docs or this package) changes.

An edit costs one generator run plus an incremental MkDocs rebuild, not a full build:
- only edited files are read and checked again (validate_paths' memo); cross-file rules run in full;
- once the data validates, the page of each instrument whose record changed is written first
  (`EarlyPages`), so MkDocs can show the edit before the rest of the site is rendered;
- the generator then renders everything in memory but rewrites only the files whose text changed,
  so the state pages, matrix data and exports that the edit really changes follow a moment later;
- `mkdocs serve --dirty` then rebuilds only pages whose source is newer than their output, and
  copies only changed static files. Pages that depend on the edit follow because the generator
  rewrote them, not because MkDocs tracked anything.
Material's search plugin keeps the index whole across dirty rebuilds (tests/test_serve.py checks it).
One known limit, fine for previewing and gone after `make build`: a page that was not rebuilt keeps
the navigation it had (a new nav entry shows on rebuilt pages only).
`--full` restores the old behaviour, a whole rebuild on every change.

No MkDocs hook is involved, so the same loop works with another site engine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from . import build, paths
from .systems import SYSTEMS

WATCHED = (paths.TREATIES, SYSTEMS, paths.DATA, paths.DOCS, paths.SCHEMA.parent, Path(__file__).parent)
POLL_SECONDS = 0.2  # a stat of a few hundred files: cheap, and a small share of the 3 s edit-to-reload budget


def _snapshot() -> dict[Path, tuple[float, int]]:
    stamps = {}
    for root in WATCHED:
        for path in root.rglob("*"):
            try:
                info = path.stat()
            except OSError:  # removed between listing and stat (an editor's swap file)
                continue
            if not path.is_dir():
                stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


class EarlyPages:
    """generate()'s on_valid hook: write the pages of instruments whose record changed since the last run.

    Instruments are frozen dataclasses, so == compares the whole record. Pages of instruments that
    name a changed one (`related`) are written too, since they show its name. This is only a head
    start: the full run that follows rewrites whatever differs, so nothing is left out of date."""

    def __init__(self):
        self.previous: dict | None = None  # id -> Instrument, from the last valid run

    def __call__(self, catalog, out: Path) -> None:
        before, self.previous = self.previous, dict(catalog.by_id)
        if before is None:
            return  # the first run writes everything anyway
        changed = {i for i, inst in catalog.by_id.items() if before.get(i) != inst}
        pages = [inst for inst in catalog.instruments if inst.id in changed or self._names(inst, changed)]
        if pages:
            rendered = {build.instrument_path(inst): build.render_instrument(catalog, inst) for inst in pages}
            build.write_pages(rendered, catalog, out, complete=False)

    @staticmethod
    def _names(inst, changed: set[str]) -> bool:
        return any(rel.id in changed for rel in inst.related)


def mkdocs_command(address: str, full: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address]
    return cmd if full else [*cmd, "--dirty"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the pages and serve them, regenerating on every edit.")
    parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
    parser.add_argument("--full", action="store_true", help="rebuild the whole site on each change (slow)")
    args = parser.parse_args(argv)
    early, memo = EarlyPages(), {}  # memo: files not edited since the last run are not validated again
    if build.generate(on_valid=early, memo=memo) != 0:
        print("fix the problems above, then run make serve again", file=sys.stderr)
        return 1
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(mkdocs_command(args.address, args.full), cwd=paths.ROOT, env=env)
    seen = _snapshot()
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot()
            if now != seen:
                seen = now
                build.generate(on_valid=early, memo=memo)  # on invalid data it reports and keeps the last good pages
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
