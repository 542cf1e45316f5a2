"""pycountry's ISO 3166 codes and names, saved once per pycountry release under build/.

Importing pycountry takes about a tenth of a second (it reads its own metadata through
importlib.metadata, which pulls in email and zipfile), a fifth of what `make validate` may
spend. The registry in treatylib.states needs only codes and names, so they are kept in
build/pycountry-snapshot.json, keyed by pycountry's installed release (its dist-info folder
name, read without importing it). Another release, a missing or damaged file: pycountry is
read again, and the snapshot rewritten.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from . import paths
from .catalog_cache import _pycountry_release

FORMAT = 1
SNAPSHOT = paths.BUILD / "pycountry-snapshot.json"
_NAMES = ("name", "official_name", "common_name")


def _from_pycountry() -> dict:
    import pycountry

    return {
        # alpha_3 and each of name, official_name, common_name (None when pycountry has none)
        "countries": [[c.alpha_3, *(getattr(c, attr, None) for attr in _NAMES)] for c in pycountry.countries],
        "historic": [[c.alpha_3, c.name] for c in pycountry.historic_countries],
    }


def _save(snapshot: dict, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:  # a read-only checkout works, only slower
        tmp.unlink(missing_ok=True)


@cache
def snapshot(path: Path = SNAPSHOT) -> dict:
    """{"countries": [[alpha_3, name, official_name, common_name], ...], "historic": [[alpha_3, name], ...]}."""
    key = f"{FORMAT} {_pycountry_release()}"
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(saved, dict) and saved.get("key") == key:
            return saved
    except (OSError, ValueError):
        pass
    fresh = dict(_from_pycountry(), key=key)
    _save(fresh, path)
    return fresh
