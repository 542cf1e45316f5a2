"""The catalog compiled for the command line, cached under build/ and keyed by its inputs.

Validating all of treaties/ takes over a second; a `treaties status PAK` should not. The
generator (and the command line itself, after validating) writes build/catalog-cache.json:
every answer the command line gives (each instrument's fields, each state's status in each
instrument, the name table from treatylib.states) plus `key`, a SHA-256 of every input file: treaties/*, data/*,
schema/*, the package's own source and the pycountry release. A reader recomputes the key
from the files as they are now and uses the cache only when the two match, so an edited,
added or removed file always falls back to validating: a stale cache never answers.

This module imports only the standard library at the top; the validator, the model and
pycountry are imported only on the slow path.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from . import paths

FORMAT = 4  # 3: status as status.value, participants from status.roster; 4: limits and events
PACKAGE = Path(__file__).resolve().parent
CACHE = paths.BUILD / "catalog-cache.json"


class InvalidData(Exception):
    """The data does not validate; `problems` are the validator's `path:line: message` lines."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _inputs(root: Path) -> list[Path]:
    files = []
    for folder in ("treaties", "data", "schema"):
        files += [p for p in (root / folder).rglob("*") if p.is_file() or p.is_symlink()]
    files += [p for p in PACKAGE.rglob("*.py")]
    return sorted(files)


def _pycountry_release() -> str:
    """pycountry's installed version, from its dist-info folder name, without importing anything."""
    for entry in sys.path:
        folder = Path(entry or ".")
        if (folder / "pycountry").is_dir():
            return " ".join(sorted(p.name for p in folder.glob("pycountry-*.dist-info"))) or str(folder)
    return "pycountry: not found"


def input_key(root: Path = paths.ROOT) -> str:
    """SHA-256 over the name and content of every file the answers depend on."""
    digest = hashlib.sha256(f"catalog-cache {FORMAT}\0{_pycountry_release()}\0".encode())
    for path in _inputs(root):
        name = path.relative_to(root if path.is_relative_to(root) else PACKAGE.parent).as_posix()
        try:
            data = path.read_bytes()
        except OSError as err:  # a dangling link or unreadable file: hashed as such, and validation will say why
            data = f"unreadable: {err.strerror}".encode()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def compile_catalog(catalog) -> dict:
    """Every answer the command line gives, as plain JSON data."""
    from . import states
    from .render.limits import events_rows, limits_rows
    from .render.state_pages import reason_outside
    from .status import roster

    codes = set(states.all_states())
    for inst in catalog.instruments:
        codes.update(act.state for act in inst.participation)
    rows: dict[tuple, int] = {}  # each distinct (status, label, date, reason, is_in) once: a fifth of the size
    entries = {}
    for code in sorted(codes):
        entries[code] = []
        for inst in catalog.instruments:
            entry = catalog.entry(inst, code)
            status = entry.status
            row = (status.value, status.label, status.date.text if status.date else "", reason_outside(entry) or "")
            entries[code].append(rows.setdefault((*row, status.is_in), len(rows)))
    return {
        "format": FORMAT,
        "instruments": [
            {
                "id": inst.id,
                "short_name": inst.short_name,
                "kind": inst.kind,
                "as_of": inst.as_of.text,
                "name": inst.name,
                "aliases": list(inst.aliases),
                # Every state with an act, its own or one it continues, by name (status.roster).
                "participants": sorted(roster(inst), key=states.sort_key),
                "limits": limits_rows(inst),
                "events": events_rows(inst),
            }
            for inst in catalog.instruments
        ],
        "current_states": list(catalog.current_states),
        "state_names": {code: states.name(code) for code in sorted(codes)},
        "name_table": states.name_table(),
        "rows": [list(row) for row in rows],
        "entries": entries,  # per state code, per instrument in order: an index into rows
    }


def write(catalog, key: str, cache: Path = CACHE) -> dict:
    """Compile the catalog and cache it, atomically, if the inputs still hash to `key`.

    `key` must be taken before the inputs were read: if a file changed since, the answers may
    already be old, and they are returned but not cached.
    """
    compiled = dict(compile_catalog(catalog), key=key)
    if input_key() != key:
        return compiled
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(compiled, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:  # a read-only checkout still answers, only slower
        tmp.unlink(missing_ok=True)
    return compiled


def read(key: str, cache: Path = CACHE) -> dict | None:
    """The cached answers if they were compiled from inputs with this key, else None."""
    try:
        compiled = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(compiled, dict) or compiled.get("key") != key or compiled.get("format") != FORMAT:
        return None
    return compiled


def load(cache: Path = CACHE) -> dict:
    """The compiled catalog: from the cache when it is current, else by validating (and then caching)."""
    key = input_key()
    compiled = read(key, cache)
    if compiled is not None:
        return compiled
    from .catalog import Catalog
    from .validate import validate_paths
    from .validate.intake import data_like

    result = validate_paths(data_like(paths.TREATIES), root=paths.ROOT)
    if not result.ok:
        raise InvalidData([str(problem) for problem in result.problems])
    return write(Catalog(tuple(sorted(result.instruments, key=lambda i: i.id))), key, cache)


if __name__ == "__main__":  # python -m treatylib.catalog_cache: bring the cache up to date
    current = read(input_key()) is not None
    load()
    print(f"{CACHE}: {'was current' if current else 'rebuilt'}", file=sys.stderr)
