"""Where things live in the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TREATIES = ROOT / "treaties"
DATA = ROOT / "data"
SCHEMA = ROOT / "schema" / "instrument.schema.json"
DOCS = ROOT / "docs"
BUILD = ROOT / "build"
GENERATED_DOCS = BUILD / "docs"
