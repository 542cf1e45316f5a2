"""Vendor the world map geometry from the `world-atlas` npm package into data/geo/.

    python scripts/vendor_world_atlas.py                 # runs `npm pack world-atlas@2.0.2`
    python scripts/vendor_world_atlas.py --tarball PATH  # an already downloaded world-atlas-2.0.2.tgz

The tarball is checked against the registry's integrity hash before anything is read from it.
Writes:
- data/geo/countries-110m.json: the package's file, byte for byte (Natural Earth 1:110m Admin 0);
- data/geo/LICENSE-world-atlas: the package's licence, byte for byte;
- data/geo/small-states.json: a point for each state in data/regions.yaml that has no polygon at
  1:110m, so the map can draw it as a dot. Each point is the centroid of the state's largest
  polygon in the package's 1:50m file, or its 1:10m file where 1:50m lacks the state (Tuvalu);
  the file names which, and the Natural Earth feature it came from. Nothing is typed in by hand.

The build reads only data/geo/; it never runs npm.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from treatylib import yamlio  # noqa: E402
from treatylib.render.worldmap import alpha3, features, largest_polygon_centroid  # noqa: E402

PACKAGE = "world-atlas"
VERSION = "2.0.2"
# `npm view world-atlas@2.0.2 dist.integrity`
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
OUT = ROOT / "data" / "geo"


def fetch(dest: Path) -> Path:
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(dest)], check=True, stdout=subprocess.DEVNULL
    )
    return dest / f"{PACKAGE}-{VERSION}.tgz"


def check_integrity(tarball: Path) -> None:
    algo, _, expected = INTEGRITY.partition("-")
    digest = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        sys.exit(f"{tarball}: integrity {algo}-{digest} is not the registry's {INTEGRITY}")


def member(tar: tarfile.TarFile, name: str) -> bytes:
    handle = tar.extractfile(f"package/{name}")
    if handle is None:
        sys.exit(f"package/{name} missing from the tarball")
    return handle.read()


def points(tar: tarfile.TarFile, wanted: set[str]) -> dict[str, dict]:
    have_110m = {alpha3(i, n) for i, n, _ in features(json.loads(member(tar, "countries-110m.json")))}
    missing = wanted - have_110m
    found: dict[str, dict] = {}
    for source in ("countries-50m.json", "countries-10m.json"):
        for numeric, ne_name, polygons in features(json.loads(member(tar, source))):
            code = alpha3(numeric, ne_name)
            if code in missing and code not in found:
                best = largest_polygon_centroid(polygons)
                if best:
                    found[code] = {
                        "lon": round(best[1], 3),
                        "lat": round(best[2], 3),
                        "ne_name": ne_name,
                        "source": source,
                    }
    if missing - set(found):
        sys.exit(f"no polygon at any scale for {sorted(missing - set(found))}")
    return dict(sorted(found.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a downloaded world-atlas-2.0.2.tgz (default: npm pack)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch(Path(tmp))
        check_integrity(tarball)
        wanted = {row["code"] for row in yamlio.load(ROOT / "data" / "regions.yaml")["states"]}
        with tarfile.open(tarball) as tar:
            OUT.mkdir(parents=True, exist_ok=True)
            (OUT / "countries-110m.json").write_bytes(member(tar, "countries-110m.json"))
            (OUT / "LICENSE-world-atlas").write_bytes(member(tar, "LICENSE"))
            table = {
                "about": f"Dots for states with no polygon in {PACKAGE} {VERSION} countries-110m.json: the centroid "
                "(lon, lat, degrees) of the state's largest polygon in the named file of the same package "
                "(Natural Earth Admin 0, public domain). Written by scripts/vendor_world_atlas.py.",
                "points": points(tar, wanted),
            }
            (OUT / "small-states.json").write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(table['points'])} points")


if __name__ == "__main__":
    main()
