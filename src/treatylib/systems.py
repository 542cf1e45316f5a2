"""Delivery systems: the typed, immutable model of systems/<code>.yaml.

Nothing here parses YAML, validates or renders: `from_data` takes the plain dict a
validated file holds and returns frozen dataclasses. Threshold checks live in
`systems_checks`, pages in `render/systems_pages`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import PartialDate, parse_optional
from .model import Source, Via
from .paths import ROOT

SYSTEMS = ROOT / "systems"
SYSTEMS_SCHEMA = ROOT / "schema" / "systems.schema.json"

TYPE_LABELS = {
    "ballistic": "Ballistic missile",
    "cruise": "Cruise missile",
    "slbm": "Submarine-launched ballistic missile",
    "slcm": "Sea-launched cruise missile",
    "space-launcher": "Space launcher",
}
BASING_LABELS = {"ground": "ground-launched", "sea": "sea-launched", "air": "air-launched"}
STATUS_LABELS = {
    "in-service": "In service",
    "in-development": "In development",
    "tested": "Tested",
    "retired": "Retired",
}
QUALIFIER_WORDS = {"about": "about", "up-to": "up to", "more-than": "more than"}


@dataclass(frozen=True)
class Figure:
    """One source's figure: a single value, or the spread (min-max) that source itself gives."""

    source: str
    value: int | None = None
    min: int | None = None
    max: int | None = None
    qualifier: str | None = None  # the source's own hedge: about, up-to, more-than
    note: str | None = None

    @property
    def low(self) -> int:
        return self.value if self.value is not None else self.min

    @property
    def high(self) -> int:
        return self.value if self.value is not None else self.max


@dataclass(frozen=True)
class SystemStatus:
    value: str
    source: str
    date: PartialDate | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.value]


@dataclass(frozen=True)
class FirstTest:
    date: PartialDate
    source: str
    note: str | None = None


@dataclass(frozen=True)
class System:
    state: str
    name: str
    type: str
    basing: str
    range: tuple[Figure, ...]
    payload: tuple[Figure, ...] = ()
    aliases: tuple[str, ...] = ()
    shared_with: tuple[str, ...] = ()  # other states fielding the same system, each with its own entry
    status: SystemStatus | None = None
    first_test: FirstTest | None = None
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]

    @property
    def ground_launched_missile(self) -> bool:
        """What the INF Treaty covered: ground-launched ballistic and cruise missiles."""
        return self.basing == "ground" and self.type in ("ballistic", "cruise")

    @property
    def range_low(self) -> int:
        return min(f.low for f in self.range)

    @property
    def range_high(self) -> int:
        return max(f.high for f in self.range)


@dataclass(frozen=True)
class StateSystems:
    """One file: a state's systems and the sources they cite."""

    state: str
    as_of: PartialDate
    systems: tuple[System, ...]
    sources: tuple[Source, ...]
    note: str | None = None
    path: str = ""

    @property
    def sources_by_key(self) -> dict[str, Source]:
        return {s.key: s for s in self.sources}


def _figure(raw: dict) -> Figure:
    return Figure(
        source=raw["source"],
        value=raw.get("value"),
        min=raw.get("min"),
        max=raw.get("max"),
        qualifier=raw.get("qualifier"),
        note=raw.get("note"),
    )


def _source(raw: dict) -> Source:
    via = raw.get("via")
    return Source(
        key=raw["key"],
        title=raw["title"],
        url=raw["url"],
        accessed=parse_optional(raw.get("accessed")),
        via=Via(via["title"], via["url"]) if via else None,
    )


def _system(state: str, raw: dict) -> System:
    status = raw.get("status")
    first = raw.get("first_test")
    return System(
        state=state,
        name=raw["name"],
        type=raw["type"],
        basing=raw["basing"],
        range=tuple(_figure(f) for f in raw["range"]),
        payload=tuple(_figure(f) for f in raw.get("payload", ())),
        aliases=tuple(raw.get("aliases", ())),
        shared_with=tuple(raw.get("shared_with", ())),
        status=SystemStatus(status["value"], status["source"], parse_optional(status.get("date")), status.get("note"))
        if status
        else None,
        first_test=FirstTest(PartialDate.parse(first["date"]), first["source"], first.get("note")) if first else None,
        note=raw.get("note"),
    )


def from_data(data: dict, path: str = "") -> StateSystems:
    """The model of one validated file."""
    state = data["state"]
    return StateSystems(
        state=state,
        as_of=PartialDate.parse(data["as_of"]),
        systems=tuple(_system(state, raw) for raw in data["systems"]),
        sources=tuple(_source(raw) for raw in data["sources"]),
        note=data.get("note"),
        path=path,
    )
