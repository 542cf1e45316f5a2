"""The typed, immutable model built from validated YAML.

Nothing here parses YAML or renders pages: `from_data` takes the plain dict the
loader produced (after validation) and returns frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .dates import PartialDate, parse_optional

# Acts by which a state consents to be bound: any of them makes it a party.
CONSENT_ACTIONS = frozenset(
    {"ratification", "accession", "succession", "acceptance", "approval", "consent-to-be-bound", "became-party"}
)
MEMBERSHIP_ACTIONS = frozenset({"admission", "subscription"})
REGIME_KINDS = frozenset({"regime", "code"})


@dataclass(frozen=True)
class Via:
    """The route by which a source was read: a copy of it (mirror, archive, harvest, reproduction)."""

    title: str
    url: str
    captured: PartialDate | None = None  # when the copy was made, at the precision known


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str  # the original's address (the copy's, repeated in via.url, when the original's is not known)
    accessed: PartialDate | None = None  # when we read it, or the copy named in `via`
    via: Via | None = None

    @property
    def read_through_copy(self) -> bool:
        """Whether the only address we have is the copy's: the original's could not be found."""
        return self.via is not None and self.via.url == self.url


@dataclass(frozen=True)
class Depositary:
    key: str
    name: str


@dataclass(frozen=True)
class Body:
    role: str
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Provision:
    article: str
    text: str


@dataclass(frozen=True)
class Threshold:
    name: str
    text: str
    article: str | None = None


@dataclass(frozen=True)
class Limit:
    """A number the instrument sets: `value` for at-least/at-most/exactly, `min`-`max` for a band."""

    name: str
    quantity: str
    comparison: str
    unit: str
    source: str
    value: int | None = None
    min: int | None = None
    max: int | None = None
    applies_to: str | None = None
    article: str | None = None
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Event:
    """A key event in the instrument's life: signature, extension, review conference, suspension..."""

    type: str
    date: PartialDate
    source: str
    place: str | None = None
    article: str | None = None
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Relation:
    id: str
    relation: str
    note: str | None = None


@dataclass(frozen=True)
class Links:
    text: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Ended:
    date: PartialDate
    reason: str
    note: str | None = None


@dataclass(frozen=True)
class RequiredStates:
    label: str
    states: tuple[str, ...]


@dataclass(frozen=True)
class OpenTo:
    description: str
    states: tuple[str, ...] = ()
    region: str | None = None
    subregion: str | None = None


@dataclass(frozen=True)
class NotJoined:
    """A cited source's word that a state had not joined an incompletely listed instrument by a date."""

    state: str
    as_of: PartialDate
    source: str
    note: str


@dataclass(frozen=True)
class OfficialCount:
    source: str
    as_of: PartialDate
    parties: int | None = None
    signatories: int | None = None
    members: int | None = None
    difference: str | None = None


@dataclass(frozen=True)
class Action:
    state: str
    action: str
    date: PartialDate | None
    source: str
    effective: PartialDate | None = None
    date_basis: str | None = None  # whose act the date is (own notice, own statement, a group's statement)
    disputed: bool = False
    withdrawal_rescinded: PartialDate | None = None
    role: str | None = None
    depositary: str | None = None
    predecessor: str | None = None
    note: str | None = None
    declarations: str | None = None
    line: int = 0

    @property
    def sort_key(self) -> tuple:
        return (self.date.sort_key if self.date else (9999,), self.action)


# Declarations: what they are and when they were made (schema $defs/declaration).
DECLARATION_KINDS = (
    "declaration",
    "reservation",
    "objection",
    "communication",
    "reservation-withdrawal",
    "objection-withdrawal",
)
OBJECTION_KINDS = frozenset({"objection", "objection-withdrawal"})  # these need `objects_to`
ANSWERING_KINDS = OBJECTION_KINDS | {"communication"}  # these may name `objects_to`
# `made` -> the participation action it was made with ("later" has none).
MADE_WITH = {
    "upon-signature": "signature",
    "upon-ratification": "ratification",
    "upon-accession": "accession",
    "upon-succession": "succession",
    "upon-acceptance": "acceptance",
    "upon-approval": "approval",
    "upon-consent-to-be-bound": "consent-to-be-bound",
}


@dataclass(frozen=True)
class Declaration:
    """A declaration, reservation or objection, summarised in our own words (never the legal text)."""

    state: str
    kind: str
    made: str
    summary: str
    source: str
    date: PartialDate | None = None
    objects_to: str | None = None
    url: str | None = None
    line: int = 0

    @property
    def sort_key(self) -> tuple:
        kind = DECLARATION_KINDS.index(self.kind) if self.kind in DECLARATION_KINDS else 99
        return (self.state, self.date.sort_key if self.date else (9999,), kind, self.objects_to or "")


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    short_name: str
    kind: str
    domains: tuple[str, ...]
    summary: str
    as_of: PartialDate
    sources: tuple[Source, ...]
    participation: tuple[Action, ...]
    path: str = ""
    aliases: tuple[str, ...] = ()
    adopted: PartialDate | None = None
    opened_for_signature: PartialDate | None = None
    signed: PartialDate | None = None
    established: PartialDate | None = None
    entry_into_force: PartialDate | None = None
    entry_into_force_conditions: str | None = None
    required_states: RequiredStates | None = None
    ratification_threshold: int | None = None
    ended: Ended | None = None
    depositaries: tuple[Depositary, ...] = ()
    bodies: tuple[Body, ...] = ()
    provisions: tuple[Provision, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    limits: tuple[Limit, ...] = ()
    events: tuple[Event, ...] = ()
    related: tuple[Relation, ...] = ()
    links: Links = Links()
    official_counts: tuple[OfficialCount, ...] = ()
    participation_complete: bool = True
    complete_to: PartialDate | None = None  # an incomplete list holds every act up to this date
    open_to: OpenTo | None = None
    coverage_note: str | None = None
    not_joined: tuple[NotJoined, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    declarations_note: str | None = None  # what the declarations list covers and lacks

    @property
    def is_regime(self) -> bool:
        return self.kind in REGIME_KINDS

    @property
    def opening(self) -> PartialDate | None:
        """The first day states could act: opened for signature, signed, or established."""
        return self.opened_for_signature or self.signed or self.established or self.adopted

    @property
    def in_force(self) -> bool:
        return self.entry_into_force is not None and self.ended is None

    def depositary_name(self, key: str) -> str:
        return next((d.name for d in self.depositaries if d.key == key), key)

    def revoked_consent(self, revocation: Action) -> str:
        """The act a deratification revokes: the state's last consent before it (ratification for
        Russia's CTBT revocation, accession for the State of Palestine's CWC instrument of 2017)."""
        earlier = [
            a
            for a in self.actions_by_state().get(revocation.state, ())
            if a.action in CONSENT_ACTIONS and a.date and revocation.date and a.date.sort_key < revocation.date.sort_key
        ]
        return earlier[-1].action if earlier else "ratification"

    def source(self, key: str) -> Source | None:
        return next((s for s in self.sources if s.key == key), None)

    def actions_by_state(self) -> dict[str, tuple[Action, ...]]:
        return self._actions_by_state

    @cached_property
    def _actions_by_state(self) -> dict[str, tuple[Action, ...]]:
        # Computed once: status is derived per state and per date, many times per build.
        grouped: dict[str, list[Action]] = {}
        for act in self.participation:
            grouped.setdefault(act.state, []).append(act)
        return {state: tuple(sorted(acts, key=lambda a: a.sort_key)) for state, acts in sorted(grouped.items())}


def _d(value) -> PartialDate | None:
    return parse_optional(value)


def _action(raw: dict, default_source: str) -> Action:
    return Action(
        state=raw["state"],
        action=raw["action"],
        date=_d(raw.get("date")),
        source=raw.get("source", default_source),
        effective=_d(raw.get("effective")),
        date_basis=raw.get("date_basis"),
        disputed=bool(raw.get("disputed", False)),
        withdrawal_rescinded=_d(raw.get("withdrawal_rescinded")),
        role=raw.get("role"),
        depositary=raw.get("depositary"),
        predecessor=raw.get("predecessor"),
        note=raw.get("note"),
        declarations=raw.get("declarations"),
        line=getattr(raw, "line", 0),
    )


def _limit(raw: dict) -> Limit:
    return Limit(
        name=raw["name"],
        quantity=raw["quantity"],
        comparison=raw["comparison"],
        unit=raw["unit"],
        source=raw["source"],
        value=raw.get("value"),
        min=raw.get("min"),
        max=raw.get("max"),
        applies_to=raw.get("applies_to"),
        article=raw.get("article"),
        note=raw.get("note"),
        line=getattr(raw, "line", 0),
    )


def _event(raw: dict) -> Event:
    return Event(
        type=raw["type"],
        date=PartialDate.parse(raw["date"]),
        source=raw["source"],
        place=raw.get("place"),
        article=raw.get("article"),
        note=raw.get("note"),
        line=getattr(raw, "line", 0),
    )


def _via(raw: dict | None) -> Via | None:
    return Via(raw["title"], raw["url"], _d(raw.get("captured"))) if raw else None


def _declaration(raw: dict, default_source: str) -> Declaration:
    return Declaration(
        state=raw["state"],
        kind=raw["kind"],
        made=raw["made"],
        summary=raw["summary"].strip(),
        source=raw.get("source", default_source),
        date=_d(raw.get("date")),
        objects_to=raw.get("objects_to"),
        url=raw.get("url"),
        line=getattr(raw, "line", 0),
    )


def from_data(data: dict, path: str = "") -> Instrument:
    """Build an Instrument from a dict that has passed schema and date checks."""
    sources = tuple(
        Source(s["key"], s["title"], s["url"], _d(s.get("accessed")), _via(s.get("via"))) for s in data["sources"]
    )
    default_source = sources[0].key
    required = data.get("required_states")
    ended = data.get("ended")
    return Instrument(
        id=data["id"],
        name=data["name"],
        short_name=data["short_name"],
        kind=data["kind"],
        domains=tuple(data["domains"]),
        summary=data["summary"].strip(),
        as_of=PartialDate.parse(data["as_of"]),
        sources=sources,
        participation=tuple(_action(a, default_source) for a in data["participation"]),
        path=path,
        aliases=tuple(data.get("aliases", ())),
        adopted=_d(data.get("adopted")),
        opened_for_signature=_d(data.get("opened_for_signature")),
        signed=_d(data.get("signed")),
        established=_d(data.get("established")),
        entry_into_force=_d(data.get("entry_into_force")),
        entry_into_force_conditions=data.get("entry_into_force_conditions"),
        required_states=RequiredStates(required["label"], tuple(required["states"])) if required else None,
        ratification_threshold=data.get("ratification_threshold"),
        ended=Ended(PartialDate.parse(ended["date"]), ended["reason"], ended.get("note")) if ended else None,
        depositaries=tuple(Depositary(d["key"], d["name"]) for d in data.get("depositaries", ())),
        bodies=tuple(Body(b["role"], b["name"], b.get("url")) for b in data.get("bodies", ())),
        provisions=tuple(Provision(p["article"], p["text"]) for p in data.get("provisions", ())),
        thresholds=tuple(Threshold(t["name"], t["text"], t.get("article")) for t in data.get("thresholds", ())),
        limits=tuple(_limit(raw) for raw in data.get("limits", ())),
        events=tuple(_event(raw) for raw in data.get("events", ())),
        related=tuple(Relation(r["id"], r["relation"], r.get("note")) for r in data.get("related", ())),
        links=Links(**data.get("links", {})),
        participation_complete=data.get("participation_complete", True),
        complete_to=_d(data.get("complete_to")),
        open_to=OpenTo(
            data["open_to"]["description"],
            tuple(data["open_to"].get("states", ())),
            data["open_to"].get("region"),
            data["open_to"].get("subregion"),
        )
        if "open_to" in data
        else None,
        coverage_note=data.get("coverage_note"),
        not_joined=tuple(
            NotJoined(n["state"], PartialDate.parse(n["as_of"]), n["source"], n["note"])
            for n in data.get("not_joined", ())
        ),
        declarations=tuple(_declaration(d, default_source) for d in data.get("declarations", ())),
        declarations_note=data.get("declarations_note"),
        official_counts=tuple(
            OfficialCount(
                c["source"],
                PartialDate.parse(c["as_of"]),
                c.get("parties"),
                c.get("signatories"),
                c.get("members"),
                c.get("difference"),
            )
            for c in data.get("official_counts", ())
        ),
    )


def to_record(inst: Instrument) -> dict:
    """The instrument as plain data with the YAML's field names; dates keep their precision."""

    def plain(value):
        if isinstance(value, PartialDate):
            return value.text
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        if hasattr(value, "__dataclass_fields__"):
            # Leave out what was left out in the YAML: fields still at their default.
            return {
                name: plain(getattr(value, name))
                for name, spec in value.__dataclass_fields__.items()
                if name not in ("line", "path") and getattr(value, name) != spec.default
            }
        return value

    record = plain(inst)
    record["participation"] = plain(inst.participation)
    default_source = inst.sources[0].key
    for item in record["participation"] + record.get("declarations", []):
        if item.get("source") == default_source:
            del item["source"]  # as in the YAML: the first source is the default
    return record
