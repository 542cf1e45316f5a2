"""An instrument's participation table: one short row per state, the full record folded under it.

A row says who, the status (from `status.roster`, never derived here), and when the state signed,
consented (or joined a regime) and left, with each deposit marked by its depositary as a short
label, "(L)(M)(W)", explained once in a legend above the table. The full wording of every act,
its notes, declarations and sources follow in a details row, hidden until asked for (by
`participation.js`); without scripts they simply show.

The table is raw HTML rather than a Markdown table: Python-Markdown's inline pass over a table
of two hundred rows is most of the cost of building the site. Every string from data goes through
`safe` (via `md`), as everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .. import states
from ..model import CONSENT_ACTIONS, MEMBERSHIP_ACTIONS, Action, Instrument
from ..status import LABELS, Status
from . import md
from .safe import Md, attr, text

# What a consent or membership act is called at the start of its date in a row.
_HOW = {
    "ratification": "Ratification",
    "accession": "Accession",
    "succession": "Succession",
    "acceptance": "Acceptance",
    "approval": "Approval",
    "consent-to-be-bound": "Consent to be bound",
    "became-party": "Party (act not stated)",
    "provisional-application": "Provisional application",
    "admission": "Admitted",
    "subscription": "Subscribed",
    "adherence": "Unilateral adherence",
}
_LEAVING = frozenset({"withdrawal", "deratification", "suspension", "resumption"})


def depositary_marks(inst: Instrument) -> dict[str, str]:
    """Depositary key -> its short mark, the key's first letters ("london" -> "L"), lengthened only
    where two keys would share one. Nothing when there is a single depositary: no mark is needed."""
    if len(inst.depositaries) < 2:
        return {}
    keys = [d.key for d in inst.depositaries]
    for size in range(1, max(len(k) for k in keys) + 1):
        marks = {k: k.replace("-", "")[:size].capitalize() for k in keys}
        if len(set(marks.values())) == len(keys):
            return marks
    return {k: k for k in keys}  # keys are unique, so this is never reached in practice


def render(inst: Instrument, statuses: dict[str, Status], describe: Callable[[Action, Instrument], str]) -> Md:
    """The legend, the (script-shown) filters and the table, as one raw HTML block."""
    marks = depositary_marks(inst)
    by_state = inst.actions_by_state()
    rows = []
    for code in sorted(statuses, key=states.sort_key):
        status = statuses[code]
        own = by_state.get(code, ())
        inherited = by_state.get(status.via, ()) if status.via else ()
        rows.append((code, status, own, inherited))
    if not rows:  # nothing to filter or fold (the Bangkok Treaty Protocol): say so, no empty table
        return Md('\n<p id="participation-table">No act by any state is recorded.</p>\n\n')
    columns = _columns(inst, marks)
    titles = ["State", "Status", *(title for title, _ in columns)]
    # The leaving column is mostly empty: it takes the least width it can, the dates the rest.
    headers = "".join(
        f'<th scope="col"{" class=pt-narrow" if title.startswith("Withdrawn") else ""}>{text(title)}</th>'
        for title in titles
    )
    cited = _table_source(inst)
    shared = _shared_sources(inst, cited)
    shared.update(_shared_notes(rows))

    def brief(act: Action, inst: Instrument) -> str:
        return describe(act, inst, marks)

    bodies = "".join(_state_group(inst, columns, row, brief, cited, shared) for row in rows)
    # A <section>, not a <div>: Material's search parser compares elements by tag only, so an
    # excluded <div> is let back into the index at the first nested </div> closing inside it.
    return Md(
        '\n<section class="pt-block page-wide" id="participation-table" data-search-exclude>\n'
        + _legend(inst, marks, cited, shared)
        + _notes_legend(shared)
        + _filters(inst, statuses)
        # pt-c<n>: how many columns of acts, for the table's width (tables.css)
        + f'<div class="pt-wrap pt-c{len(columns)} sortable" role="region" tabindex="0"'
        + ' aria-label="Participation table">'
        + f'<table class="pt-table"><thead><tr>{headers}</tr></thead>{bodies}</table></div>\n</section>\n\n'
    )


def _table_source(inst: Instrument) -> str:
    """The source most acts cite: named once above the table, and in a state's details only where
    one of its acts cites another (the UNODA database for most NPT deposits, not the first source)."""
    cited: dict[str, int] = {}
    for act in inst.participation:
        cited[act.source] = cited.get(act.source, 0) + 1
    return max(cited, key=lambda key: cited[key]) if cited else inst.sources[0].key


def _shared_sources(inst: Instrument, cited: str) -> dict[tuple[str, str], str]:
    """Sources other than the table's that several states' details cite -> the id of their entry in the
    legend. A details row then links to that entry (which links out) instead of repeating the long address:
    the NPT cites one status list in some hundred rows."""
    states_citing: dict[str, set[str]] = {}
    for act in inst.participation:
        if act.source != cited and inst.source(act.source):
            states_citing.setdefault(act.source, set()).add(act.state)
    keys = [s.key for s in inst.sources if len(states_citing.get(s.key, ())) > 1]
    return {("source", key): f"pt-src-{n}" for n, key in enumerate(keys, 1)}


# A note at least this long, in several states' details, is said once above the table.
_LONG_NOTE = 120


def _shared_notes(rows) -> dict[tuple[str, str], str]:
    """Long notes that several states' details repeat word for word (a government's declaration covering a
    dozen deposits) -> the id of their one copy above the table; those details link to it instead."""
    states_noting: dict[str, set[str]] = {}
    for code, _status, own, inherited in rows:
        for act in (*inherited, *own):
            if act.note and len(act.note) >= _LONG_NOTE:
                states_noting.setdefault(act.note, set()).add(code)
    notes = [note for note, codes in states_noting.items() if len(codes) > 1]
    return {("note", note): f"pt-note-{n}" for n, note in enumerate(notes, 1)}


def _notes_legend(shared: dict[tuple[str, str], str]) -> str:
    notes = [(note, anchor) for (kind, note), anchor in shared.items() if kind == "note"]
    if not notes:
        return ""
    items = "".join(f'<li id="{anchor}">{text(note)}</li>' for note, anchor in notes)
    heading = "<p>Notes that several states share (their details link here):</p>"
    return f'<div class="pt-notes">{heading}<ol>{items}</ol></div>\n'


def _legend(inst: Instrument, marks: dict[str, str], cited: str, shared: dict[tuple[str, str], str]) -> str:
    out = '<div class="pt-legend">'
    if marks:
        items = "".join(f"<li><small>({text(marks[d.key])})</small> {text(d.name)}</li>" for d in inst.depositaries)
        out += f'<div class="pt-deps"><p>Depositaries:</p><ul>{items}</ul></div>'
    src = inst.source(cited)
    if src and inst.participation:
        named = md.html_link(src.title, src.url)
        out += f"<p>Source: acts cite {named} unless a state's details name another.</p>"
    if any(kind == "source" for kind, _ in shared):
        items = "".join(
            f'<li id="{anchor}">[{anchor.removeprefix("pt-src-")}] {_source_link(inst, key)}</li>'
            for (kind, key), anchor in shared.items()
            if kind == "source"
        )
        out += f'<div class="pt-srcs"><p>Other sources the details cite:</p><ul>{items}</ul></div>'
    return out + "</div>\n"


def _source_link(inst: Instrument, key: str) -> str:
    src = inst.source(key)
    return md.html_link(src.title, src.url)


def _filters(inst: Instrument, statuses: dict[str, Status]) -> str:
    """The filter form, hidden until the script wires it up: without scripts the whole table shows."""
    present: dict[str, int] = {}
    for status in statuses.values():
        key = status.status or "none"
        present[key] = present.get(key, 0) + 1
    options = '<option value="">All</option>' + "".join(
        f'<option value="{attr(key)}">{text(_status_option(inst, key))} ({n})</option>'
        for key, n in sorted(present.items(), key=lambda item: -item[1])
    )
    return (
        '<form class="pt-filters" hidden role="search" aria-label="Filter the participation table">'
        '<label>State <input type="search" name="state" autocomplete="off" placeholder="Name or code"></label>'
        f'<label>Status <select name="status">{options}</select></label>'
        '<output class="pt-count" aria-live="polite"></output></form>\n'
    )


def _status_option(inst: Instrument, key: str) -> str:
    if key == "party" and not inst.entry_into_force:
        return "Ratified or acceded (not in force)"
    return LABELS.get(None if key == "none" else key, key)


def _columns(inst: Instrument, marks) -> list[tuple[str, Callable]]:
    """The columns this instrument needs: none that would be empty in every row."""

    def acts_of(kinds):
        return lambda own, inherited: _acts_cell(inst, own, inherited, kinds, marks)

    joined_kinds = CONSENT_ACTIONS | MEMBERSHIP_ACTIONS | {"adherence", "provisional-application"}
    candidates = [
        ("Signed", {"signature"}),
        ("Joined" if inst.is_regime else "Consent to be bound", joined_kinds),
        ("Withdrawn or revoked", _LEAVING),
    ]
    present = {a.action for a in inst.participation}
    if "suspension" in present:  # the CFE: suspensions share the column, and its heading says so
        candidates[-1] = ("Withdrawn, revoked or suspended", _LEAVING)
    return [(title, acts_of(kinds)) for title, kinds in candidates if present & kinds]


def _acts_cell(inst: Instrument, own, inherited, kinds, marks) -> str:
    """The acts of these kinds, one short item per kind and date, deposits marked by depositary.
    Where the text leads with a word ("Ratification 1970-03-05"), participation.js gives sortable.js the
    earliest date the text shows; `data-sort` is written only where that is not the earliest act's date
    (a date known only within bounds, or to the month)."""
    items, shown = [], []
    dated = sorted(a.date.earliest for a in (*inherited, *own) if a.action in kinds and a.date)
    for prefix, acts in ((f"as the {states.name(_via(inherited))}", inherited), ("", own)):
        groups: dict[tuple, list[Action]] = {}
        for act in acts:
            if act.action in kinds:
                groups.setdefault((act.action, _short_words(act, inst)), []).append(act)
        previous_how = None
        for (kind, phrases), group in groups.items():
            how = _HOW.get(kind)
            if how and how != previous_how:  # said once for a run of the same act
                phrases = (how, *phrases)
            previous_how = how
            deposits = "".join(f"({marks[a.depositary]})" for a in group if a.depositary in marks)
            items.append(_item(phrases, deposits, prefix))
            shown += phrases
    first_shown = min(_ISO_DATE.findall(" ".join(shown)), default=None)
    sort = f' data-sort="{dated[0].isoformat()}"' if dated and first_shown != dated[0].isoformat() else ""
    if len(items) == 1 and items[0].startswith("<span>"):  # a lone short item needs no span (tables.css)
        items = [items[0].removeprefix("<span>").removesuffix("</span>")]
    return f"<td{sort}>{' '.join(items)}</td>"  # an empty cell shows a dash (tables.css)


# What participation.js reads as a date in a cell's text (keep the two alike).
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")

# An item longer than this may wrap between its phrases ("Party (act not stated)" | "between 27
# September 2016 and 27 September 2017"), never inside one; a shorter one stays on one line.
_SHORT_ITEM = 32


def _item(phrases: tuple[str, ...], deposits: str, prefix: str) -> str:
    words = " ".join(phrases)
    if len(words) <= _SHORT_ITEM and not prefix:
        item = text(words)
        css = ""
    else:
        item = " ".join(f"<span>{text(p)}</span>" for p in phrases)
        css = ' class="pt-long"'
    if deposits:
        item += f" <small>{text(deposits)}</small>"
    if prefix:
        item += f" <em>{text(prefix)}</em>"
    return f"<span{css}>{item}</span>"


def _via(inherited: Iterable[Action]) -> str:
    return next((a.state for a in inherited), "")


def _short_words(act: Action, inst: Instrument) -> tuple[str, ...]:
    """An act's date and the few words a row needs, as phrases that a narrow column may break
    between but not inside ("effective 2003-04-10"); the details row has the whole wording."""
    when = md.date_words(act.date, "(date not known)")
    if act.action == "withdrawal":
        phrases = [f"Notice {when}"]
        if act.effective:
            phrases[-1] += ","
            phrases.append(f"effective {md.date_words(act.effective)}")
        if act.withdrawal_rescinded:
            phrases[-1] += ","
            phrases += [f"suspended {md.date_words(act.withdrawal_rescinded)}", "before taking effect"]
        if act.disputed:
            phrases.append("(disputed)")
        return tuple(phrases)
    if act.action == "deratification":
        return (f"{inst.revoked_consent(act).capitalize()} revoked", when)
    if act.action == "suspension":
        return (
            (f"Suspended {when},", f"in effect {md.date_words(act.effective)}")
            if act.effective
            else (f"Suspended {when}",)
        )
    if act.action == "resumption":
        return ("Resumed", when)
    return (when,)


def _state_group(inst: Instrument, columns, row, describe, cited: str, shared: dict[tuple[str, str], str]) -> str:
    code, status, own, inherited = row
    cells = "".join(cell(own, inherited) for _, cell in columns)
    # Trailing empty cells are left out (the withdrawal column is empty in nearly every row: 2 KB);
    # participation.js puts them back before it adds the button column.
    while cells.endswith("<td></td>"):
        cells = cells.removesuffix("<td></td>")
    # A short status stays on one line; a long one ("Former state (party when it ceased to exist;
    # continued by Russia)") may wrap.
    wrap = " pt-wrapok" if len(status.label) > _SHORT_ITEM else ""
    head = f'<tr><th scope="row">{md.state_anchor(code)}</th>{_status_cell(status, wrap)}{cells}</tr>'
    more = _details_row(inst, status, own, inherited, len(columns) + 2, describe, cited, shared)
    return f"<tbody>{head}{more}</tbody>"


def _status_cell(status: Status, wrap: str) -> str:
    """The status in words, the cell itself the badge: its class adds the colour and, through tables.css,
    the same decorative icon md.status_badge writes (status.ICONS; tests/test_weight.py keeps the two
    alike), hidden from screen readers as the badge's is. Two elements less on each of two hundred rows.
    participation.js reads the class."""
    css = status.status or "none"
    return f'<td class="status-{css}{wrap}">{text(status.label)}</td>'


def _details_row(inst: Instrument, status: Status, own, inherited, span: int, describe, cited, shared) -> str:
    """Every act in full words, then its notes, declarations and other sources (a shared note said
    once); no row where the short row already says everything, and no list of acts where the short row
    already says each of them (the row is there for a note or a source)."""
    notes: list[str] = []
    for act in (*inherited, *own):
        if ("note", act.note) in shared:
            anchor = shared["note", act.note]
            notes.append(
                f'Note: see <a href="#{anchor}">shared note {anchor.removeprefix("pt-note-")}</a>, above the table.'
            )
        elif act.note:
            notes.append(text(act.note))
        if act.declarations:
            notes.append(text(f"Declarations: {act.declarations}"))
        if act.source != cited:
            src = inst.source(act.source)
            label = _short_title(src.title) if src else ""
            if src and ("source", act.source) in shared:  # the legend names it and links out; the row links there
                anchor = shared["source", act.source]
                notes.append(text("Source: ") + f'<a href="#{anchor}">[{anchor.removeprefix("pt-src-")}] above</a>')
            elif src:
                notes.append(text("Source: ") + md.html_link(label, src.url))
            else:
                notes.append(text(f"Source: {act.source}"))
    acts_all = (*inherited, *own)
    if not notes and all(_row_says_all(act, status) for act in acts_all):
        return ""
    # A withdrawal's full wording says more than its short item; a plain deposit says nothing more.
    said_in_row = all(_row_says_all(act, status) and act.action not in _LEAVING for act in acts_all)
    described = [f"as the {states.name(status.via)}: {describe(a, inst)}" for a in inherited]
    described += [describe(a, inst) for a in own]
    acts = "" if said_in_row else "<ul>" + "".join(f"<li>{text(words)}</li>" for words in described) + "</ul>"
    said = "".join(f"<p>{note}</p>" for note in dict.fromkeys(notes))
    return f'<tr><td colspan="{span}">{acts}{said}</td></tr>'


def _short_title(title: str, limit: int = 90) -> str:
    """A source's title short enough to repeat on many states' rows: up to its first colon or
    semicolon when it is long; the Sources section gives every title in full."""
    if len(title) <= limit:
        return title
    for stop in (": ", "; ", ". "):
        head = title.split(stop, 1)[0]
        if len(head) <= limit:
            return head
    return title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _row_says_all(act: Action, status: Status) -> bool:
    """Whether the short row already carries everything the act's full wording would say."""
    return (
        not act.predecessor
        and act.date_basis != "collective-statement"
        and (not act.role or act.role == status.role)  # the badge shows the role ("Partner")
    )
