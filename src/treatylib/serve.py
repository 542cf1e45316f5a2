"""`make serve`: generate the pages, run `mkdocs serve`, and regenerate when a
YAML file (or the schema, data or static docs) changes. MkDocs then sees the
changed pages and reloads the browser. No MkDocs hook is involved, so the same
loop works with another site engine."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from . import paths
from .build import generate

WATCHED = (paths.TREATIES, paths.DATA, paths.DOCS, paths.SCHEMA.parent, Path(__file__).parent)


def _snapshot() -> dict[Path, float]:
    stamps = {}
    for root in WATCHED:
        for path in root.rglob("*"):
            if path.is_file():
                stamps[path] = path.stat().st_mtime
    return stamps


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    address = args[0] if args else "127.0.0.1:8000"
    if generate() != 0:
        print("fix the problems above, then run make serve again", file=sys.stderr)
        return 1
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address], cwd=paths.ROOT)
    seen = _snapshot()
    try:
        while server.poll() is None:
            time.sleep(1)
            now = _snapshot()
            if now != seen:
                seen = now
                generate()  # on invalid data it reports and keeps the last good pages
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
