"""Layer 3: rules across files and against the shared data (states, relations)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import states
from ..model import Instrument
from .schema_layer import items

_INVERSE = {
    "protocol": "protocol-of",
    "protocol-of": "protocol",
    "amendment": "amends",
    "amends": "amendment",
    "predecessor": "successor",
    "successor": "predecessor",
    "related": "related",
}


def check(
    instruments: tuple[Instrument, ...], raw: dict[str, dict], other_ids: set[str] = frozenset()
) -> Iterator[tuple[str, str, tuple, str]]:
    """Yield (file, rule id, path into the file's data, message).

    `raw` holds the accepted part of every file that parsed, whole or not, so state codes
    are checked everywhere; `instruments` only the whole files, which relations need."""
    for path, data in raw.items():
        yield from _known_states(path, data)
    by_id = {inst.id: inst for inst in instruments}
    # Each file's (id, relation) links as a set: a reciprocity check is then one lookup,
    # not a scan of the other file's list (quadratic for a file listing itself 30,000 times).
    links = {inst.id: {(r.id, r.relation) for r in inst.related} for inst in instruments}
    for inst in instruments:
        yield from _related(inst, by_id, links, other_ids)
    yield from _unique_names(instruments)


def _known_states(path: str, data: dict) -> Iterator[tuple[str, str, tuple, str]]:
    for i, act in items(data, "participation"):
        for key in ("state", "predecessor"):
            code = act.get(key)
            if code and not states.is_known(code):
                yield (
                    path,
                    "known-state",
                    ("participation", i, key),
                    (
                        f"participation[{i}].{key}: unknown state code {code!r} "
                        "(not ISO 3166-1/3166-3 nor in data/entities.yaml)"
                    ),
                )
    for j, code in enumerate(data.get("required_states", {}).get("states", ())):
        if not states.is_known(code):
            yield (
                path,
                "known-state",
                ("required_states", "states", j),
                (f"required_states.states[{j}]: unknown state code {code!r}"),
            )


def _related(
    inst: Instrument, by_id: dict[str, Instrument], links: dict[str, set[tuple[str, str]]], other_ids: set[str]
) -> Iterator[tuple[str, str, tuple, str]]:
    for i, rel in enumerate(inst.related):
        where = ("related", i, "id")
        other = by_id.get(rel.id)
        if other is None:
            if rel.id in other_ids:
                continue  # exists, but was not loaded (or failed earlier layers)
            yield inst.path, "related-exists", where, f"related[{i}].id: no instrument with id {rel.id!r}"
            continue
        inverse = _INVERSE[rel.relation]
        if rel.relation != "related" and (inst.id, inverse) not in links[other.id]:
            yield (
                inst.path,
                "related-reciprocal",
                where,
                (
                    f"related[{i}]: {rel.id} is listed as {rel.relation!r}, "
                    f"but {other.path} does not list {inst.id!r} as {inverse!r}"
                ),
            )


def _unique_names(instruments: tuple[Instrument, ...]) -> Iterator[tuple[str, str, tuple, str]]:
    owner: dict[str, str] = {}
    for inst in sorted(instruments, key=lambda i: i.id):
        for i, name in enumerate((inst.short_name, *inst.aliases)):
            key = name.casefold()
            if key in owner and owner[key] != inst.id:
                where = ("short_name",) if i == 0 else ("aliases", i - 1)
                yield inst.path, "unique-name", where, f"name {name!r} is also used by {owner[key]!r}"
            owner.setdefault(key, inst.id)
