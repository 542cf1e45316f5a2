"""One page per state: every instrument, what it did, and why it is outside the rest."""

from __future__ import annotations

from .. import states
from ..catalog import Catalog, StateEntry
from ..model import Instrument
from . import md
from .citation import cite_block
from .declarations import state_section
from .glance import glance, key_summary
from .maps import locator_map
from .safe import Md, internal, text
from .standing_words import article, subject

_REGIME_KINDS = ("regime", "code")


def reason_outside(entry: StateEntry) -> str | None:
    """Why a state is not bound by (or not a member of) an instrument, or None if it is."""
    status, inst = entry.status, entry.instrument
    if status.is_in:
        return None
    if status.status == "withdrawn":
        return f"withdrew (effective {md.date_words(status.date)})" + (", validity disputed" if status.disputed else "")
    if status.status == "signatory":
        if status.deratified:
            return f"{status.consent or 'ratification'} revoked {md.date_words(status.date)}; remains a signatory"
        if status.later_acts_unknown:
            return "signed; a later ratification may be missing from our incomplete list"
        return "signed but not ratified" + _as_of(status)
    if status.status == "ineligible":
        return "not open to it" + (f" ({inst.open_to.description})" if inst.open_to else " (bilateral treaty)")
    if status.status == "unknown":
        return "not in our list, which is incomplete: check the source"
    if status.status == "adherent":
        return "adheres unilaterally; not admitted as a member"
    if status.status == "former-party":
        return "bound until the treaty itself ended; it binds no one now"
    if status.status == "former-state":
        return "the state no longer exists"
    return ("not a member" if inst.is_regime else "never signed") + _as_of(status)


def _as_of(status) -> str:
    """For a list complete only to a date: the status holds then, and later acts are not recorded."""
    return f", as of {md.date_words(status.known_to)}; later acts are not recorded here" if status.known_to else ""


def summary_line(catalog: Catalog, code: str) -> str:
    # Treaties that have ended bind no one now, so they do not count here.
    treaties = [i for i in catalog.instruments if not i.is_regime and not i.ended]
    regimes = [i for i in catalog.instruments if i.is_regime]
    entries = [catalog.entry(i, code) for i in treaties]
    party = sum(1 for e in entries if e.status.status == "party")
    signed = sum(1 for e in entries if e.status.status == "signatory")
    member = sum(1 for i in regimes if catalog.entry(i, code).status.status == "member")
    return (
        f"Party to {party} of {len(treaties)} current treaties; "
        f"signatory but not party to {signed}; "
        f"member of {member} of {len(regimes)} export-control regimes and codes."
    )


def render(catalog: Catalog, code: str, beyond_treaties: str = "") -> str:
    """The state's page; `beyond_treaties` is Markdown made elsewhere (its delivery systems, the
    designations concerning it), shown after the treaty events."""
    state = states.get(code)
    title = f"{state.name} ({code})"
    out = md.front_matter(
        title,
        description=f"Arms-control treaty participation of {state.name}",
        # The code is in the title already. As a tag (which search weighs a thousand times the
        # title) "UKR" outranked the United Kingdom's "UK" for a search for "UK", since search
        # matches the start of words.
        tags=[state.name, *state.also_known_as],
        # Above 2 so that "Pakistan MTCR" puts the state page, which answers it, above the MTCR
        # page (boost 3), whose tags name the MTCR four times.
        boost=3,
    )
    out += md.heading(1, state.name)
    facts = [f"Code: {code}"]
    if state.region:
        facts.append(f"Region: {state.region}" + (f" ({state.subregion})" if state.subregion else ""))
    if state.groups:
        facts.append("Groups: " + ", ".join(state.groups))
    # The answer first: the counts and the key instruments; the map and the long table after.
    out += text(" · ".join(facts)) + "\n\n"
    out += _succession(state)
    out += f"**{text(summary_line(catalog, code))}**\n\n"
    out += key_summary(catalog, code)
    out += glance(catalog, code)
    out += _unindexed_map(code)
    out += _table(catalog, code)
    out += _events(catalog, code)
    out += beyond_treaties
    declarations = state_section(catalog, code)
    if declarations:
        out += declarations + "\n"
    out += "Downloads: " + internal("CSV", f"../data/states/{code}.csv") + " · "
    out += internal("JSON", f"../data/states/{code}.json") + "\n\n"
    as_of = max((i.as_of for i in catalog.instruments), key=lambda d: d.sort_key)
    out += cite_block(
        f"{state.name}: arms-control participation", f"states/{code.lower()}.html", as_of, f"acref-{code.lower()}"
    )
    return out


def _unindexed_map(code: str) -> str:
    """The locator map, kept out of the search index: its labels name every small state drawn as a
    dot, which made "Holy See" or "United States" match all 200 state pages."""
    drawn = locator_map(code)
    return f"<div data-search-exclude>{drawn}</div>\n\n" if drawn else ""


def _succession(state) -> str:
    lines: list[str] = []
    if state.former:
        ended = f" (ended {state.ended})" if state.ended else ""
        lines.append(text(f"{subject(state.code)} no longer exists{ended}."))
        if state.continuator:
            lines.append(text("Continued by ") + _state_ref(state.continuator) + ".")
        if state.successors:
            links = ", ".join(_state_ref(s) for s in state.successors)
            lines.append(f"Successor states: {links}.")
    for former in state.predecessors:
        role = "continues" if states.get(former).continuator == state.code else "is a successor of"
        lines.append(text(f"{subject(state.code)} {role} ") + _state_ref(former) + ".")
    if state.note:
        lines.append(text(state.note))
    return (" ".join(lines) + "\n\n") if lines else ""


def _state_ref(code: str) -> str:
    """A linked state name in running text: "the Soviet Union"."""
    return article(code) + md.state_link(code, prefix="")


def _unsearched(block: str) -> str:
    """Keep a table out of the search index. Every state page lists every instrument, so these
    tables would make each instrument's name match ~200 state pages and drown out its own page;
    the state is found by its name and other names (tags), its standing in the key instruments
    by the at-a-glance cards. The class lets the table drop its Kind column on a phone."""
    return f'<div class="state-table" data-search-exclude>\n\n{block}\n</div>\n\n'


def _link(inst: Instrument) -> Md:
    return md.instrument_link(inst, "../instruments/")


def _table(catalog: Catalog, code: str) -> str:
    """Every instrument the state has a standing in; those not open to it (regional zones,
    bilateral treaties, protocols for the nuclear-weapon states) folded away below, since they
    are most of the list for most states and say little about the state."""
    open_rows, closed_rows = [], []
    for inst in sorted(catalog.instruments, key=lambda i: (i.kind in _REGIME_KINDS, i.short_name)):
        entry = catalog.entry(inst, code)
        if entry.status.status == "ineligible":
            closed_rows.append(inst)
            continue
        # The label already says "as the Soviet Union" and when a treaty a state was bound by ended.
        ended = ""
        if inst.ended and entry.status.status != "former-party":
            ended = f"; the treaty ended {md.date_words(inst.ended.date)}"
        open_rows.append(
            [
                _link(inst),
                md.KIND_LABELS[inst.kind],
                Md(md.status_badge(entry.status) + text(ended)),
                md.date(entry.status.date),
                reason_outside(entry) or "",
            ]
        )
    out = "## All instruments\n\n"
    if open_rows:
        out += _unsearched(md.table(["Instrument", "Kind", "Status", "Since", "Not joined because"], open_rows))
    if closed_rows:
        # A list, not a table: every row's status would read "Not open to it"; what differs is whom it is open to.
        name = states.name(code)
        items = "".join(f"<li>{md.inline_html(_link(inst))} — {text(_why_closed(inst))}</li>" for inst in closed_rows)
        out += (
            '<details class="not-open" data-search-exclude>\n'
            f"<summary>Not open to {text(name)}: {len(closed_rows)} instruments</summary>\n"
            "<p>Each with the states it is open to.</p>\n"
            f'<ul class="not-open-list">{items}</ul>\n</details>\n\n'
        )
    return out


def _why_closed(inst: Instrument) -> str:
    return inst.open_to.description if inst.open_to else "the two parties only (bilateral treaty)"


def _events(catalog: Catalog, code: str) -> str:
    notable = {"withdrawal", "deratification", "suspension", "resumption"}
    rows = []
    for inst in catalog.instruments:
        for act in inst.actions_by_state().get(code, ()):
            if act.action in notable:
                when = act.effective if act.action == "withdrawal" and act.effective else act.date
                what = act.action.replace("-", " ") + (" (disputed)" if act.disputed else "")
                if act.action == "deratification":
                    what = f"{inst.revoked_consent(act)} revoked"
                if act.withdrawal_rescinded:
                    what += f", suspended {act.withdrawal_rescinded.text} before taking effect"
                rows.append(
                    [md.date(act.date), _link(inst), what, md.date(when) if when != act.date else "", act.note or ""]
                )
    if not rows:
        return ""
    return "## Notable events\n\n" + md.table(["Date", "Instrument", "Event", "Effective", "Note"], rows) + "\n"


def render_index(catalog: Catalog) -> str:
    out = md.front_matter("States", description="Every state and entity in the library", boost=1)
    out += "# States\n\nEvery state and entity in the data, with its participation at a glance. "
    out += "Former states (the Soviet Union, Czechoslovakia, ...) are listed with links to their successors.\n\n"
    rows = []
    for code in catalog.state_codes:
        state = states.get(code)
        rows.append(
            [
                md.state_link(code, prefix=""),
                code,
                state.region or ("former state" if state.former else "—"),
                summary_line(catalog, code),
            ]
        )
    out += (
        '<div class="sortable" data-search-exclude>\n\n'
        + md.table(["State", "Code", "Region", "Summary"], rows)
        + "\n</div>\n"
    )
    return out
