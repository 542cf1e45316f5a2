"""'What changed in a year': every dated action and instrument event, by year."""

from __future__ import annotations

from ..catalog import Catalog
from ..dates import PartialDate
from . import md
from .safe import Md, text


def _events(catalog: Catalog) -> dict[int, list[tuple[PartialDate, str, str, str]]]:
    by_year: dict[int, list] = {}

    def add(when: PartialDate | None, inst, state: str, what: str) -> None:
        if when:
            by_year.setdefault(when.year, []).append((when, inst, state, what))

    for inst in catalog.instruments:
        add(
            inst.opened_for_signature or inst.signed,
            inst,
            "",
            "opened for signature" if inst.opened_for_signature else "signed",
        )
        add(inst.established, inst, "", "established")
        add(inst.entry_into_force, inst, "", "entered into force")
        if inst.ended:
            add(inst.ended.date, inst, "", f"ended ({inst.ended.reason})")
        for act in inst.participation:
            what = act.action.replace("-", " ") + (f" as {act.role}" if act.role else "")
            if act.depositary:  # several depositaries: one row per deposit, so say which one
                what += f" ({inst.depositary_name(act.depositary)})"
            if act.action == "deratification":
                what = f"{inst.revoked_consent(act)} revoked"
            if act.action == "withdrawal":
                what = "withdrawal notice" + (" (disputed)" if act.disputed else "")
                add(act.effective, inst, act.state, "withdrawal took effect" + (" (disputed)" if act.disputed else ""))
            add(act.date, inst, act.state, what)
    return by_year


def year_nav(year: int, years: list[int]) -> Md:
    """Links to the previous and next years that have a page (years with no event have none)."""
    at = years.index(year)
    prev = years[at - 1] if at > 0 else None
    nxt = years[at + 1] if at + 1 < len(years) else None
    parts = [f'<a class="year-prev" href="{prev}.html" rel="prev">← {prev}</a>' if prev else ""]
    parts.append('<a href="index.html">All years</a>')
    parts.append(f'<a class="year-next" href="{nxt}.html" rel="next">{nxt} →</a>' if nxt else "")
    # Plain HTML links: MkDocs leaves them as they are, and they work from file:// as from a server.
    return Md(f'<nav class="year-nav" aria-label="Other years">{" ".join(p for p in parts if p)}</nav>\n\n')


def year_index(by_year: dict[int, list]) -> Md:
    """One row per decade, each year a link with its number of events: the whole history on one screen."""
    decades: dict[int, list[int]] = {}
    for year in sorted(by_year):  # newest decade first; within one, years read left to right as on a calendar
        decades.setdefault(year // 10 * 10, []).append(year)
    decades = dict(sorted(decades.items(), reverse=True))
    rows = [
        [f"{decade}s", Md("&nbsp;· ".join(f"[{y}]({y}.md)&nbsp;({len(by_year[y])})" for y in years))]
        for decade, years in decades.items()
    ]
    return md.table(["Decade", "Years (events)"], rows)


def render_all(catalog: Catalog) -> dict[str, str]:
    """Pages keyed by file name under changes/."""
    by_year = _events(catalog)
    years = sorted(by_year)
    pages = {}
    for year, events in by_year.items():
        rows = []
        for when, inst, state, what in sorted(events, key=lambda e: (e[0].sort_key, e[1].short_name, e[2])):
            who = md.state_link(state) if state else "—"
            rows.append([md.date(when), md.instrument_link(inst, "../instruments/"), who, what])
        out = md.front_matter(f"What changed in {year}", description=f"Arms-control events in {year}", boost=2)
        touched = sorted({e[1].short_name for e in events}, key=str.casefold)
        nav = year_nav(year, years)
        out += f"# What changed in {year}\n\n" + nav
        out += text(f"{len(rows)} recorded events, in: {', '.join(touched)}.") + "\n\n"
        # The table stays out of the search index: a year page should not outrank an instrument's own page.
        out += '<div class="sortable" data-search-exclude>\n\n'
        out += md.table(["Date", "Instrument", "State", "Event"], rows)
        out += "\n</div>\n\n" + nav
        pages[f"{year}.md"] = out
    index = md.front_matter("Changes by year", description="What changed in each year", boost=1)
    index += "# Changes by year\n\nEvery signature, ratification, admission, withdrawal and treaty event, by year. "
    index += "Years with no recorded event have no page.\n\n"
    index += year_index(by_year)
    pages["index.md"] = index
    return pages
