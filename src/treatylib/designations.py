"""Non-proliferation designations (data/designations.yaml) as typed, immutable records.

A designation is a fact about a notice, not a status: which government designated which entity,
under which authority, on which date, concerning which state's programme, and from which official
notice we read it. Nothing here derives a state's standing in an instrument; that stays in
`treatylib.status`.

`from_data` expects data the validator accepted (`treatylib.validate.designations`); `load` reads
and validates the file and raises `InvalidDesignations` with every problem if it is not clean.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .dates import PartialDate
from .paths import DATA, ROOT

DESIGNATIONS_FILE = DATA / "designations.yaml"
SCHEMA_FILE = ROOT / "schema" / "designations.schema.json"


@dataclass(frozen=True)
class Via:
    title: str
    url: str
    captured: PartialDate | None = None


@dataclass(frozen=True)
class Notice:
    """An official notice: the only kind of source a designation may cite."""

    key: str
    title: str
    url: str
    publisher: str
    accessed: PartialDate
    published: PartialDate | None = None
    via: Via | None = None


@dataclass(frozen=True)
class Delisting:
    date: PartialDate
    source: Notice


@dataclass(frozen=True)
class Designation:
    date: PartialDate
    authority: str
    government: str  # state code of the designating government
    agency: str
    entity: str  # exactly as published
    entity_country: str | None  # state code; None when the part of the notice read does not say
    concerns: str  # state code of the programme the notice names
    programme: str
    source: Notice
    date_basis: str = "designation"  # or "notice-published": the notice read gives no designation date
    quote: str | None = None  # the notice's own sentence, verbatim
    aliases: tuple[str, ...] = ()
    location_as_published: str | None = None
    delisted: Delisting | None = None
    note: str | None = None

    def involves(self, code: str) -> bool:
        """The designation belongs on this state's page: its programme, or its entity's country."""
        return code in (self.concerns, self.entity_country)


@dataclass(frozen=True)
class Lead:
    """A designation we were told of but could not read the official notice for."""

    lead: str
    concerns: str
    looked_for: str
    lead_date: PartialDate | None = None


@dataclass(frozen=True)
class Designations:
    as_of: PartialDate
    notices: tuple[Notice, ...]
    entries: tuple[Designation, ...]  # newest first
    out_of_reach: tuple[Lead, ...]

    def for_state(self, code: str) -> tuple[Designation, ...]:
        return tuple(d for d in self.entries if d.involves(code))

    def leads_for(self, code: str) -> tuple[Lead, ...]:
        return tuple(lead for lead in self.out_of_reach if lead.concerns == code)

    def by_year(self) -> list[tuple[int, tuple[Designation, ...]]]:
        """(year, entries) newest year first; entries keep their newest-first order."""
        years: dict[int, list[Designation]] = {}
        for entry in self.entries:
            years.setdefault(entry.date.year, []).append(entry)
        return [(year, tuple(items)) for year, items in sorted(years.items(), reverse=True)]


class InvalidDesignations(ValueError):
    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


def _notice(item: dict) -> Notice:
    via = item.get("via")
    return Notice(
        key=item["key"],
        title=item["title"],
        url=item["url"],
        publisher=item["publisher"],
        accessed=PartialDate.parse(item["accessed"]),
        published=_date(item.get("published")),
        via=Via(via["title"], via["url"], _date(via.get("captured"))) if via else None,
    )


def _designation(item: dict, notices: dict[str, Notice]) -> Designation:
    delisted = item.get("delisted")
    return Designation(
        date=PartialDate.parse(item["date"]),
        authority=item["authority"],
        government=item["government"],
        agency=item["agency"],
        entity=item["entity"],
        entity_country=item.get("entity_country"),
        concerns=item["concerns"],
        programme=item["programme"],
        source=notices[item["source"]],
        date_basis=item.get("date_basis", "designation"),
        quote=item.get("quote"),
        aliases=tuple(item.get("aliases") or ()),
        location_as_published=item.get("location_as_published"),
        delisted=Delisting(PartialDate.parse(delisted["date"]), notices[delisted["source"]]) if delisted else None,
        note=item.get("note"),
    )


def from_data(data: dict) -> Designations:
    """The model of validated data: entries newest first, then by entity name for a stable order."""
    notices = {item["key"]: _notice(item) for item in data.get("sources") or ()}
    entries = [_designation(item, notices) for item in data.get("designations") or ()]
    entries.sort(key=lambda d: d.entity.casefold())
    entries.sort(key=lambda d: d.date.sort_key, reverse=True)
    leads = [
        Lead(item["lead"], item["concerns"], item["looked_for"], _date(item.get("lead_date")))
        for item in data.get("out_of_reach") or ()
    ]
    leads.sort(key=lambda lead: lead.lead_date.sort_key if lead.lead_date else (0, 0, 0), reverse=True)
    return Designations(PartialDate.parse(data["as_of"]), tuple(notices.values()), tuple(entries), tuple(leads))


def load(path: Path = DESIGNATIONS_FILE) -> Designations:
    from .validate.designations import validate_file  # the validator imports this module's paths

    data, problems = validate_file(path)
    if problems:
        raise InvalidDesignations(problems)
    return from_data(data)


def default() -> Designations:
    """The repository's designations, read again only when the file changes: `make serve` regenerates
    pages in one long-lived process, and a state page must not show the list as it was at start-up."""
    info = DESIGNATIONS_FILE.stat()
    return _load_version(info.st_mtime_ns, info.st_size)


@cache
def _load_version(mtime_ns: int, size: int) -> Designations:
    return load()
