"""Delivery-system pages: the cross-state index with its range chart, and one page per state.

Every data string reaches the page through `safe` (md.table escapes every cell that is not `Md`);
the threshold checks come from `systems_checks`, which reads the limits from the catalog.
"""

from __future__ import annotations

from .. import states
from ..catalog import Catalog
from ..model import Source
from ..systems import BASING_LABELS, QUALIFIER_WORDS, Figure, StateSystems, System
from ..systems_checks import NEWS_REFERENCE_LABEL, Check, SystemChecks, Thresholds, check, thresholds
from . import md
from .safe import Md, internal, link, text
from .systems_chart import range_chart

UNITS = {"range": "km", "payload": "kg"}

WORDING = (
    "A system that *meets the Category I parameters* reaches both the range and the payload that the MTCR "
    "Annex sets for Category I. Category I governs transfers between states, not national arsenals, so no "
    "system here *is a Category I item*: the check only compares its cited figures with the Annex's numbers. "
    "Where no source gives a payload, the check is on range only and says so. The INF band applied only to "
    "ground-launched ballistic and cruise missiles of the treaty's parties, and only while it was in force. "
    "The 3,000 km line is the figure news reports cite; it is not a legal threshold."
)
LEGEND = (
    "Checks are shown as an icon and words: ● at every cited figure, ◐ at some cited figures (the sources "
    "differ, or a source gives a spread that straddles the line), ○ at none, – not covered. In the tables, "
    "*Meets the parameters* means both the Category I range and payload are reached; *Meets (range only)* "
    "means no cited source gives a payload, so only the range could be compared. Each system's section "
    "says it in full."
)


def figure_words(figure: Figure, unit: str) -> str:
    """'2,750 km', 'up to 5,000 km', '800–1,000 km', 'more than 13,000 km'."""
    number = f"{figure.value:,}" if figure.value is not None else f"{figure.min:,}–{figure.max:,}"
    hedge = QUALIFIER_WORDS.get(figure.qualifier, "")
    return f"{hedge} {number} {unit}".strip()


def spread_words(figures: tuple[Figure, ...], unit: str) -> str:
    """The spread over every cited figure, as the table's headline: '10,000–13,000 km (3 figures)'."""
    if not figures:
        return "no cited figure"
    low, high = min(f.low for f in figures), max(f.high for f in figures)
    span = f"{low:,} {unit}" if low == high else f"{low:,}–{high:,} {unit}"
    if len(figures) == 1:
        return figure_words(figures[0], unit)
    return f"{span} ({len(figures)} cited figures)"


def check_cell(result: Check, short: bool = False) -> Md:
    """Icon and words, never colour alone; tables use the short words (the sections say it in full)."""
    words = result.short if short and result.short else result.words
    return Md(
        f'<span class="system-check system-check-{result.verdict}">'
        f'<span aria-hidden="true">{result.icon}</span> {text(words)}</span>'
    )


def source_link(source: Source) -> Md:
    out = link(source.title, source.url)
    if source.via and source.via.url != source.url:
        out += Md(" (read through ") + link(source.via.title, source.via.url) + Md(")")
    elif source.via:
        out += Md(" (read through this copy; the original's own address is not known)")
    return Md(out)


def _status_words(system: System) -> str:
    if not system.status:
        return "not documented in the cited sources"
    when = f", {md.date_words(system.status.date)}" if system.status.date else ""
    return system.status.label + when


def _figures_list(figures: tuple[Figure, ...], unit: str, sources: dict[str, Source]) -> Md:
    if not figures:
        return Md(" no cited figure")
    parts = []
    for fig in figures:
        part = text(figure_words(fig, unit)) + Md(": ") + source_link(sources[fig.source])
        if fig.note:
            part += Md(". ") + text(fig.note)
        parts.append(part)
    return Md("\n" + "\n".join(f"    - {p}" for p in parts))


def _shared_links(system: System) -> Md:
    """Each other state fielding the system, linked to its own systems page and entry."""
    links = [internal(states.name(code), f"{code.lower()}.md") for code in system.shared_with]
    return Md(", ".join(links)) + Md(" (its own entry there gives the figures its sources state)")


def _system_section(system: System, result: SystemChecks, sources: dict[str, Source]) -> str:
    out = md.heading(3, system.name)
    rows = []
    if system.aliases:
        rows.append(Md("**Also called:** ") + text(", ".join(system.aliases)))
    rows.append(Md("**Type:** ") + text(f"{system.type_label}, {BASING_LABELS[system.basing]}"))
    if system.shared_with:
        rows.append(Md("**Also fielded by:** ") + _shared_links(system))
    rows.append(Md("**Range:**") + _figures_list(system.range, UNITS["range"], sources))
    rows.append(Md("**Payload:**") + _figures_list(system.payload, UNITS["payload"], sources))
    status = Md("**Status:** ") + text(_status_words(system))
    if system.status:
        status += Md(": ") + source_link(sources[system.status.source])
        if system.status.note:
            status += Md(". ") + text(system.status.note)
    rows.append(status)
    if system.first_test:
        first = Md("**First flight test:** ") + md.date(system.first_test.date) + Md(": ")
        first += source_link(sources[system.first_test.source])
        if system.first_test.note:
            first += Md(". ") + text(system.first_test.note)
        rows.append(first)
    rows.append(Md("**MTCR Category I:** ") + check_cell(result.category_i))
    rows.append(Md("**INF band:** ") + check_cell(result.inf))
    rows.append(Md("**3,000 km reference line:** ") + check_cell(result.news))
    if system.note:
        rows.append(Md("**Note:** ") + text(system.note))
    out += "".join(f"- {row}\n" for row in rows) + "\n"
    return out


def _summary_table(file: StateSystems, results: dict[str, SystemChecks]) -> Md:
    rows = []
    for system in file.systems:
        result = results[system.name]
        rows.append(
            [
                system.name,
                ", ".join(system.aliases) or "—",
                f"{system.type_label}, {BASING_LABELS[system.basing]}",
                spread_words(system.range, "km"),
                spread_words(system.payload, "kg"),
                _status_words(system),
                md.date_words(system.first_test.date) if system.first_test else "not documented",
                check_cell(result.category_i, short=True),
                check_cell(result.inf, short=True),
                check_cell(result.news, short=True),
            ]
        )
    headers = [
        "System",
        "Also called",
        "Type",
        "Range",
        "Payload",
        "Status",
        "First flight test",
        "MTCR Category I",
        "INF band",
        "3,000 km line",
    ]
    return md.table(headers, rows)


def _sources_section(file: StateSystems) -> str:
    out = "## Sources\n\n"
    for src in file.sources:
        accessed = f", read {md.date_words(src.accessed)}" if src.accessed else ""
        out += f"- {source_link(src)}{text(accessed)}\n"
    return out + "\n"


def render_state(file: StateSystems, t: Thresholds) -> str:
    name = states.name(file.state)
    results = {s.name: check(s, t) for s in file.systems}
    tags = [n for s in file.systems for n in s.names]
    out = md.front_matter(
        f"{name}: delivery systems",
        description=f"{name}'s ballistic and cruise missiles: cited ranges and payloads, and how they compare "
        "with the MTCR Category I parameters and the INF band",
        tags=tags,
        boost=2,  # a search for a system's name should land here, not on the index that lists every name
    )
    out += md.heading(1, f"{name}: delivery systems")
    out += Md("Systems: ") + text(", ".join(tags)) + Md(".\n\n")
    out += Md("See also: ") + md.state_link(file.state) + Md(" (treaties and regimes) · ")
    out += internal("all states' systems and the range chart", "index.md") + Md("\n\n")
    if file.note:
        out += Md("!!! note\n\n    ") + text(file.note) + Md("\n\n")
    out += f"{WORDING}\n\n{LEGEND}\n\n"
    out += Md(f"Figures checked against their sources as of {md.date_words(file.as_of)}.\n\n")
    out += "## Summary\n\n" + _summary_table(file, results) + "\n"
    out += "## Systems\n\n"
    sources = file.sources_by_key
    for system in file.systems:
        out += _system_section(system, results[system.name], sources)
    out += _sources_section(file)
    return out


def render_index(files: tuple[StateSystems, ...], t: Thresholds) -> str:
    out = md.front_matter(
        "Delivery systems",
        description="Ballistic and cruise missiles of the nuclear-armed states and Iran, their cited ranges, "
        "and how they compare with the MTCR Category I parameters and the INF band",
    )
    out += "# Delivery systems\n\n"
    out += (
        "Ranges and payloads of the ballistic and cruise missiles of the nuclear-armed states and Iran, each figure "
        "with its source, and where sources differ every figure rather than one picked. The checks are computed from "
        "the limits the instruments set: " + internal("MTCR", "../instruments/mtcr.md") + " Category I ("
        f"range ≥ {t.mtcr_range.value:,} {t.mtcr_range.unit}, payload ≥ {t.mtcr_payload.value:,} "
        f"{t.mtcr_payload.unit}) and the " + internal("INF Treaty", "../instruments/inf.md") + " band "
        f"({t.inf_band.min:,}–{t.inf_band.max:,} {t.inf_band.unit}).\n\n"
    )
    out += f"{WORDING}\n\n"
    # The chart's labels repeat the table below: kept out of the search index (a <section>: see
    # participation_table.render on why not a <div>).
    out += "## Range chart\n\n<section data-search-exclude>\n" + range_chart(files, t) + "\n</section>\n\n"
    out += "## All systems\n\n" + LEGEND + "\n\n"
    rows = []
    for file in files:
        for system in file.systems:
            result = check(system, t)
            rows.append(
                [
                    internal(system.name, f"{file.state.lower()}.md"),
                    internal(states.name(file.state), f"{file.state.lower()}.md"),
                    spread_words(system.range, "km"),
                    spread_words(system.payload, "kg"),
                    check_cell(result.category_i, short=True),
                    check_cell(result.inf, short=True),
                    check_cell(result.news, short=True),
                ]
            )
    out += md.table(["System", "State", "Range", "Payload", "MTCR Category I", "INF band", "3,000 km line"], rows)
    out += "\n## By state\n\n"
    for file in files:
        count = len(file.systems)
        out += f"- {internal(states.name(file.state), f'{file.state.lower()}.md')}: {count} system"
        out += "s\n" if count != 1 else "\n"
    out += f"\n{text(NEWS_REFERENCE_LABEL)}.\n"
    return out


def state_systems_link(files: tuple[StateSystems, ...], code: str, prefix: str = "../systems/") -> Md | None:
    """The line a state page shows to link its systems page, or None when the state has none.

    The hook for render/state_pages.py: `out += state_systems_link(systems, code) or ""`."""
    for file in files:
        if file.state == code:
            count = len(file.systems)
            label = f"Delivery systems: {count} system{'s' if count != 1 else ''} and their threshold checks"
            return Md(internal(label, f"{prefix}{code.lower()}.md") + "\n\n")
    return None


def render_all(catalog: Catalog, files: tuple[StateSystems, ...]) -> dict[str, str]:
    """Pages keyed by path under the docs folder."""
    t = thresholds(catalog)
    pages = {"systems/index.md": render_index(files, t)}
    for file in files:
        pages[f"systems/{file.state.lower()}.md"] = render_state(file, t)
    return pages


def _schema_type(spec: dict) -> str:
    if "$ref" in spec:
        name = spec["$ref"].split("/")[-1]
        return {"date": "date (YYYY, YYYY-MM or YYYY-MM-DD)", "url": "URL", "state": "state code"}.get(name, name)
    if "enum" in spec:
        return "one of: " + ", ".join(f"`{v}`" for v in spec["enum"])
    if spec.get("type") == "array":
        return "list of " + _schema_type(spec.get("items", {}))
    return spec.get("type", "")


def _schema_fields(spec: dict, defs: dict) -> Md:
    rows = []
    for name, field in spec.get("properties", {}).items():
        desc = field.get("description") or defs.get(field.get("$ref", "").split("/")[-1], {}).get("description", "")
        # The schema is part of the code, not contributed data: its Markdown (`code`) is ours.
        required = "yes" if name in spec.get("required", []) else ""
        rows.append([Md(f"`{name}`"), required, Md(_schema_type(field)), Md(desc)])
    return md.table(["Field", "Required", "Type", "Meaning"], rows)


def render_field_reference(schema: dict) -> str:
    """The systems files' field reference, generated from schema/systems.schema.json."""
    defs = schema.get("$defs", {})
    out = md.front_matter("Systems field reference", description="Every field of a systems file", boost=1)
    out += f"# Systems field reference\n\n{schema.get('description', '')}\n\n"
    out += "This page is generated from [the JSON Schema](../schema/systems.schema.json), the same file the "
    out += "validator uses.\n\n## File fields\n\n" + _schema_fields(schema, defs) + "\n"
    systems = schema["properties"]["systems"]["items"]
    out += "## `systems` entries\n\n" + _schema_fields(systems, defs) + "\n"
    for name in ("status", "first_test"):
        out += f"### `systems` entries: `{name}`\n\n" + _schema_fields(systems["properties"][name], defs) + "\n"
    out += "## Figures (`range` and `payload` entries)\n\n" + _schema_fields(defs["figure"], defs) + "\n"
    sources = schema["properties"]["sources"]["items"]
    out += "## `sources` entries\n\n" + _schema_fields(sources, defs) + "\n"
    out += "### `sources` entries: `via`\n\n" + _schema_fields(sources["properties"]["via"], defs) + "\n"
    return out
