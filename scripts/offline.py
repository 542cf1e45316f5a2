"""Build the offline edition: the site with Material's offline plugin on, zipped under dist/.

The pages are generated first (make offline depends on make generate). The site is built into
a temporary folder and the zip is written next to its final name, then renamed, so a failed
build never leaves a half-written bundle.
"""

from __future__ import annotations

import sys
import tempfile
import zipfile
from pathlib import Path

from treatylib import site_build

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
NAME = "arms-control-reference-offline"


def bundle(site_dir: Path, target: Path) -> None:
    partial = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, Path(NAME) / path.relative_to(site_dir))
    partial.replace(target)


def main() -> int:
    DIST.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        site_dir = Path(tmp) / "site"
        try:
            site_build.build(site_dir, offline=True)  # --strict, and any warning fails it
        except site_build.BuildFailed as err:
            print(f"offline build failed: {err}", file=sys.stderr)
            return 1
        target = DIST / f"{NAME}.zip"
        bundle(site_dir, target)
    print(f"wrote {target.relative_to(ROOT)}: unzip it and open {NAME}/index.html in a browser")
    return 0


if __name__ == "__main__":
    sys.exit(main())
