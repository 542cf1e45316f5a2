"""'What changed in a year': every dated action and instrument event, by year."""

from __future__ import annotations

from ..catalog import Catalog
from ..dates import PartialDate
from . import md
from .safe import text


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


def render_all(catalog: Catalog) -> dict[str, str]:
    """Pages keyed by file name under changes/."""
    by_year = _events(catalog)
    pages = {}
    for year, events in by_year.items():
        rows = []
        for when, inst, state, what in sorted(events, key=lambda e: (e[0].sort_key, e[1].short_name, e[2])):
            who = md.state_link(state) if state else "—"
            rows.append([md.date(when), md.instrument_link(inst, "../instruments/"), who, what])
        out = md.front_matter(f"What changed in {year}", description=f"Arms-control events in {year}", boost=2)
        touched = sorted({e[1].short_name for e in events}, key=str.casefold)
        out += (
            f"# What changed in {year}\n\n" + text(f"{len(rows)} recorded events, in: {', '.join(touched)}.") + "\n\n"
        )
        # The table stays out of the search index: a year page should not outrank an instrument's own page.
        out += '<div class="sortable" data-search-exclude markdown>\n\n'
        out += md.table(["Date", "Instrument", "State", "Event"], rows)
        out += "\n</div>\n"
        pages[f"{year}.md"] = out
    index = md.front_matter("Changes by year", description="What changed in each year", boost=1)
    index += "# Changes by year\n\nEvery signature, ratification, admission, withdrawal and treaty event, by year.\n\n"
    rows = [[f"[{year}]({year}.md)", str(len(by_year[year]))] for year in sorted(by_year, reverse=True)]
    index += md.table(["Year", "Events"], rows)
    pages["index.md"] = index
    return pages
