"""The designations timeline page, and the section a state's page shows.

Every value from data/designations.yaml reaches the page through `safe` (`md.table` escapes
non-`Md` cells; links go through `safe.link`), so an entity name is text, never markup.
"""

from __future__ import annotations

from .. import states
from ..designations import Designation, Designations, Lead, Notice, default
from .md import date, front_matter, heading, table
from .safe import Md, internal, link, text

PAGE = "designations.md"
TITLE = "Designations that enforce the regimes"

INTRO = Md(
    "Government designations made under non-proliferation authorities (for example United States "
    "Executive Order 13382, which blocks the property of proliferators of weapons of mass destruction "
    "and their means of delivery) that concern the states in this library: who designated which entity, "
    "under which authority, on which date, and which programme or system the notice names.\n\n"
    "**What this list is:** a small, dated sample taken from official notices only (press statements, "
    "press releases, Federal Register notices and rules of the designating government), each entry "
    "saying only what its notice says, with the entity's name exactly as published and a link to the "
    "notice. A later delisting is shown when an official notice records it.\n\n"
    "**What it is not:** a sanctions database or a screening list. It is far from complete, it may be "
    "out of date, and a name missing here says nothing about an entity. For compliance, use the "
    "designating government's own lists. A designation records a government's decision and its stated "
    "reasons; it is not a finding of this library.\n\n"
)
ENTITY_HEADERS = ["Entity (as published)", "Entity's country", "Later delisting"]
NOT_STATED = "not stated in the part of the notice read"


def _notice_link(notice: Notice) -> Md:
    out = link(notice.title, notice.url)
    if notice.via:
        out = Md(f"{out} (read via {link(notice.via.title, notice.via.url)})")
    return out


def _actions(entries: tuple[Designation, ...]) -> list[tuple[Designation, ...]]:
    """Entries grouped by the decision they share (one notice, date, authority, programme), newest first:
    a notice designating several entities is shown once, with one row per entity."""
    groups: dict[tuple, list[Designation]] = {}
    for e in entries:
        key = (e.date.text, e.date_basis, e.source.key, e.authority, e.agency, e.government, e.concerns)
        groups.setdefault(key + (e.programme, e.quote), []).append(e)
    return [tuple(group) for group in groups.values()]


def _entity(entry: Designation, with_note: bool) -> Md:
    out = text(entry.entity)
    if entry.aliases:
        out = Md(f"{out} (also published as {text('; '.join(entry.aliases))})")
    if with_note and entry.note:
        out = Md(f"{out}<br>Note: {text(entry.note)}")
    return out


def _country(entry: Designation) -> Md:
    out = text(states.name(entry.entity_country)) if entry.entity_country else Md(f"<em>{NOT_STATED}</em>")
    if entry.location_as_published:
        out = Md(f"{out} (published: {text(entry.location_as_published)})")
    return out


def _delisting(entry: Designation) -> Md:
    if not entry.delisted:
        return Md("none recorded")
    return Md(f"**Delisted** {date(entry.delisted.date)}: {_notice_link(entry.delisted.source)}")


def _date(entry: Designation) -> Md:
    """The date, saying so when it is the notice's publication date rather than the designation's own."""
    if entry.date_basis == "notice-published":
        return Md(f"{date(entry.date)} (the notice's publication date: the part read gives no designation date)")
    return date(entry.date)


def _action(group: tuple[Designation, ...], state_prefix: str, level: int) -> str:
    first = group[0]
    out = heading(level, f"{first.date.human()}: {first.source.title}")
    concerns = internal(states.name(first.concerns), f"{state_prefix}{first.concerns.lower()}.md")
    lines = [
        f"- **Date:** {_date(first)}",
        f"- **Designated by:** {text(first.agency)}, {text(states.name(first.government))}",
        f"- **Authority:** {text(first.authority)}",
        f"- **Concerns:** {concerns}; programme or system named: {text(first.programme)}",
        f"- **Notice:** {_notice_link(first.source)}",
    ]
    shared_note = len({e.note for e in group}) == 1  # else each entity's row shows its own
    if shared_note and first.note:
        lines.append(f"- **Note:** {text(first.note)}")
    out += "\n".join(lines) + "\n\n"
    if first.quote:
        out += f"> The notice says: “{text(first.quote)}”\n\n"
    return (
        out + table(ENTITY_HEADERS, [[_entity(e, not shared_note), _country(e), _delisting(e)] for e in group]) + "\n"
    )


def _lead_item(lead: Lead, state_prefix: str) -> str:
    # A list, not a table: each lead is a paragraph of prose, and four columns of it do not fit a phone.
    when = f"{date(lead.lead_date)} (the lead's date, unconfirmed)" if lead.lead_date else "No date"
    concerns = internal(states.name(lead.concerns), f"{state_prefix}{lead.concerns.lower()}.md")
    looked_for = f"*Official notice looked for:* {text(lead.looked_for)}"
    return f"- **{when}**, concerning {concerns}: {text(lead.lead)}<br>{looked_for}\n"


def _out_of_reach(leads: tuple[Lead, ...], state_prefix: str, level: int) -> str:
    out = heading(level, "Notices out of reach")
    if not leads:
        return out + "Every lead we followed was confirmed from its official notice.\n\n"
    out += (
        "These designations were reported (in news, reports or the issue that asked for this list), but "
        "their official notice could not be read when the list was checked, so they are **not** listed "
        "above and no entity is named here. Each will be added once its notice is read.\n\n"
    )
    return out + "".join(_lead_item(lead, state_prefix) for lead in leads) + "\n"


def render(data: Designations | None = None) -> str:
    data = data or default()
    out = front_matter(
        TITLE,
        description="Dated government designations under non-proliferation authorities, from official notices",
        tags=["designations", "sanctions", "Executive Order 13382"],
    )
    out += f"# {TITLE}\n\n" + INTRO
    out += f"List last checked on {date(data.as_of)}. Newest first.\n\n"
    if not data.entries:
        out += (
            '!!! note "No designation is listed yet"\n'
            "    No official notice could yet be read in full, so no designation is listed: an entry is "
            "added only from its notice. The leads we followed are below.\n\n"
        )
    for year, entries in data.by_year():
        out += heading(2, str(year))
        out += "".join(_action(group, "states/", 3) for group in _actions(entries))
    out += _out_of_reach(data.out_of_reach, "states/", 2)
    out += "The list is also in the [data downloads](data.md): `designations.csv` and `designations.json`.\n"
    return out


def designations_for(code: str, data: Designations | None = None, level: int = 2) -> str:
    """Markdown for the designations section of a state's page (states/<code>.md)."""
    data = data or default()
    entries, leads = data.for_state(code), data.leads_for(code)
    name = states.name(code)
    out = heading(level, "Designations")
    page = internal(TITLE.lower().capitalize(), f"../{PAGE}")
    if not entries and not leads:
        return out + Md(f"No designation concerning {text(name)} is listed. See {page}.\n\n")
    if entries:
        out += Md(
            f"Designations under non-proliferation authorities that concern {text(name)} (its programme, "
            f"or an entity placed in it), from official notices, newest first. A sample, not a sanctions "
            f"database: see {page}.\n\n"
        )
        out += "".join(_action(group, "", level + 1) for group in _actions(entries))
    else:
        out += Md(
            f"No designation concerning {text(name)} is listed yet: an entry is added only from its "
            f"official notice. See {page}.\n\n"
        )
    if leads:
        out += Md(
            f"**Notices out of reach:** {len(leads)} lead{'s' if len(leads) != 1 else ''} to designations "
            f"concerning {text(name)} could not yet be confirmed from an official notice "
            f"({internal('list', f'../{PAGE}#notices-out-of-reach')}).\n\n"
        )
    return out
