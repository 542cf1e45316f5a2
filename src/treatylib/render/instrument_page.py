"""One page per instrument: what it is, what it says, and who has done what, when."""

from __future__ import annotations

from .. import states
from ..model import Action, Instrument
from ..status import COUNTED_APART, ENDED_WORDS, Status, count_at_end, nth_consent, roster
from . import md, participation_table, svg
from .citation import cite_block
from .declarations import instrument_section
from .limits import events_section, limits_section
from .safe import Md, internal, link, rich, text

_ROLE_LABELS = {
    "secretariat": "Secretariat",
    "verification": "Verification",
    "implementation": "Implementation",
    "point-of-contact": "Point of contact",
    "chair": "Chair",
}
_RELATION_LABELS = {
    "protocol": "Protocol",
    "protocol-of": "Protocol to",
    "amendment": "Amendment",
    "amends": "Amends",
    "predecessor": "Predecessor",
    "successor": "Successor",
    "related": "Related",
}


def render(inst: Instrument, by_id: dict[str, Instrument], non_joined: list[str], world_map: str = "") -> str:
    statuses = roster(inst)
    parts = [
        md.front_matter(
            _title(inst),
            description=inst.summary.split(". ")[0][:200],
            tags=_search_tags(inst),
            # A protocol or amendment shares its parent's name ("Tlatelolco", "CCW"): a search for
            # that name should find the parent first, the search for "Tlatelolco Protocol I" the protocol.
            boost=1.5 if inst.kind in ("protocol", "amendment") else 3,
            # The participation table needs the width; the page is short enough without a contents column.
            hide=["toc"],
        ),
        md.heading(1, _title(inst)),
        _lead(inst, statuses),
        _coverage(inst),
        _at_a_glance(inst, statuses),
        "## Summary\n\n" + rich(inst.summary),
        _entry_into_force(inst, statuses),
        _provisions(inst),
        _thresholds(inst),
        limits_section(inst),
        events_section(inst),
        _related(inst, by_id),
        _participation(inst, statuses, non_joined, world_map),
        _said_outside(inst),
        instrument_section(inst),
        _sources(inst),
        cite_block(_title(inst), f"instruments/{inst.id}.html", inst.as_of, f"acref-{inst.id}"),
    ]
    return "".join(parts)


def _title(inst: Instrument) -> str:
    return f"{inst.short_name}: {inst.name}" if inst.short_name != inst.name else inst.name


def _search_tags(inst: Instrument) -> list[str]:
    """What search matches first (Material boosts front-matter tags far above text): the short
    name, the aliases, and the name of the group of states whose ratification the instrument
    needs to enter into force ("Annex 2" for the CTBT)."""
    tags = [inst.short_name, *inst.aliases]
    if inst.required_states:
        tags.append(inst.required_states.label)
    return tags


def _lead(inst: Instrument, statuses: dict[str, Status]) -> str:
    """The answer most readers come for, before anything else: the count, its date, and where the
    states are listed (the same line as in the at-a-glance table, so the two cannot disagree)."""
    heading, anchor = (
        ("Members and adherents", "members-and-adherents") if inst.is_regime else ("Participation", "participation")
    )
    return (
        f'<p class="page-lead">{md.inline_html(Md(_count_line(inst, statuses)))}, as of {md.date(inst.as_of)}. '
        f'<a href="#{anchor}">{heading}: map, chart and every state</a></p>\n\n'
    )


def _coverage(inst: Instrument) -> str:
    if inst.participation_complete and not inst.coverage_note:
        return ""
    kind = "note" if inst.participation_complete else "warning"
    title = "About this list" if inst.participation_complete else "Incomplete participation list"
    body = rich(inst.coverage_note) if inst.coverage_note else text("Only actions we could confirm are listed.")
    if not inst.participation_complete and inst.complete_to:
        body += text(
            f" Every state's acts up to {inst.complete_to.human()} are listed: a state missing from the list"
            " had not joined by then, but may have joined since."
        )
    elif not inst.participation_complete:
        body += text(" A state missing from the list may still have joined.")
    indented = "\n".join(f"    {line}" if line else "" for line in body.strip().splitlines())
    return f'!!! {kind} "{title}"\n\n{indented}\n\n'


def _member_word(inst: Instrument, statuses: dict[str, Status]) -> str:
    """The regime's own word for its members: partners (MTCR), participants (NSG), subscribing states (HCoC)."""
    if any(a.action == "subscription" for a in inst.participation):
        return "subscribing states"
    roles = {s.role for s in statuses.values() if s.status == "member"}
    return f"{roles.pop()}s" if len(roles) == 1 and None not in roles else "members"


def _count_line(inst: Instrument, statuses: dict[str, Status]) -> Md:
    if inst.ended:
        return _ended_count_line(inst)
    tally: dict[str | None, int] = {}
    for code, status in statuses.items():
        if code not in COUNTED_APART:
            tally[status.status] = tally.get(status.status, 0) + 1
    order = ["member", "adherent", "withdrawn"] if inst.is_regime else ["party", "signatory", "withdrawn"]
    words = {
        # Before entry into force a consenting state is a contracting state, not yet a party.
        "party": "parties" if inst.entry_into_force else "ratifications or accessions (treaty not in force)",
        "signatory": "signatories not (yet) bound",
        "withdrawn": "withdrawn",
        "member": _member_word(inst, statuses),
        "adherent": "unilateral adherents",
    }
    singular = {
        "parties": "party",
        "ratifications or accessions (treaty not in force)": "ratification or accession (treaty not in force)",
        "unilateral adherents": "unilateral adherent",
        "signatories not (yet) bound": "signatory not (yet) bound",
        "members": "member",
    }

    def count(status: str) -> str:
        n, word = tally.get(status, 0), words[status]
        return f"**{n}** {singular.get(word, word) if n == 1 else word}"

    line = "; ".join(count(s) for s in order if tally.get(s) or s in ("party", "member"))
    apart = [code for code in COUNTED_APART if statuses.get(code) and statuses[code].status == "party"]
    if apart:
        line += ", and " + ", ".join(
            f"{text(states.name(c))} (acts in the name of the Republic of China)" for c in apart
        )
    # Numbers and words of our own (roles are a schema enum), the state name escaped: markup we wrote.
    return Md(line)


def _ended_count_line(inst: Instrument) -> Md:
    """An instrument that has ended binds no one: say so, and how many it bound when it ended."""
    ended = inst.ended
    bound = count_at_end(inst)
    word = "member" if inst.is_regime else "party"
    plural = word if bound == 1 else ("members" if inst.is_regime else "parties")
    return Md(
        f"**0** {'members' if inst.is_regime else 'parties'}: the treaty {ENDED_WORDS[ended.reason]} "
        f"{text(ended.date.human())}; **{bound}** {plural} when it ended"
    )


def _at_a_glance(inst: Instrument, statuses: dict[str, Status]) -> str:
    rows = [["Kind", md.KIND_LABELS[inst.kind]], ["Domain", ", ".join(md.DOMAIN_LABELS[d] for d in inst.domains)]]
    for label, value in (
        ("Adopted", inst.adopted),
        ("Opened for signature", inst.opened_for_signature),
        ("Signed", inst.signed),
        ("Established", inst.established),
    ):
        if value:
            rows.append([label, md.date(value)])
    if inst.entry_into_force:
        rows.append(["Entry into force", md.date(inst.entry_into_force)])
    elif not inst.is_regime:
        rows.append(
            ["Entry into force", "**Not in force**" + (" (see below)" if inst.entry_into_force_conditions else "")]
        )
    if inst.ended:
        reason = {
            "expiry": "expired",
            "termination": "terminated",
            "withdrawal": "ended by withdrawal",
            "superseded": "superseded",
        }[inst.ended.reason]
        rows.append(
            ["Ended", f"{inst.ended.date.human()}: {reason}" + (f". {inst.ended.note}" if inst.ended.note else "")]
        )
    if inst.depositaries:
        rows.append(
            [
                "Depositary" if len(inst.depositaries) == 1 else "Depositaries",
                "; ".join(d.name for d in inst.depositaries),
            ]
        )
    for body in inst.bodies:
        rows.append([_ROLE_LABELS[body.role], link(body.name, body.url) if body.url else body.name])
    rows.append(["Participation", _count_line(inst, statuses)])
    if inst.links.text:
        rows.append(["Text", link("Authoritative text", inst.links.text)])
    if inst.links.status:
        rows.append(["Status", link("Status page", inst.links.status)])
    rows.append(["Data as of", md.date(inst.as_of)])
    downloads = internal("CSV", f"../data/instruments/{inst.id}.csv") + " · "
    rows.append(["Downloads", Md(downloads + internal("JSON", f"../data/instruments/{inst.id}.json"))])
    return "## At a glance\n\n" + md.table(["Item", "Detail"], rows) + "\n"


def _entry_into_force(inst: Instrument, statuses: dict[str, Status]) -> str:
    if not inst.entry_into_force_conditions and not inst.required_states:
        return ""
    out = "## Entry into force\n\n"
    if inst.entry_into_force_conditions:
        out += rich(inst.entry_into_force_conditions)
    if inst.ratification_threshold:
        n = inst.ratification_threshold
        reached, so_far = nth_consent(inst, n)
        if reached:
            out += f"The {n} states required had consented to be bound by {md.date(reached)} (deposit dates).\n\n"
        else:
            out += f"{so_far} of the {n} states required have consented to be bound.\n\n"
    if inst.required_states:
        out += required_states_table(inst, statuses)
    return out


def required_states_table(inst: Instrument, statuses: dict[str, Status], heading_prefix: str = "") -> str:
    groups: dict[str, list[str]] = {"ratified": [], "signed only": [], "not signed": []}
    for code in inst.required_states.states:
        status = statuses.get(code)
        if status and status.status == "party":
            groups["ratified"].append(code)
        elif status and status.status == "signatory":
            groups["signed only"].append(code)
        else:
            groups["not signed"].append(code)
    label = inst.required_states.label
    total = len(inst.required_states.states)
    out = md.heading(3, f"{heading_prefix}{label} states")
    out += text(f"{len(groups['ratified'])} of the {total} {label} states have ratified. ")
    missing = len(groups["signed only"]) + len(groups["not signed"])
    out += f"**{missing}** still keep the treaty from entering into force:\n\n"
    rows = []
    for group in ("signed only", "not signed", "ratified"):
        for code in groups[group]:
            status = statuses.get(code, Status(None))
            rows.append(
                [
                    md.state_link(code),
                    code,
                    md.status_badge(status),
                    md.date(status.date),
                ]
            )
    return out + md.table(["State", "Code", "Status", "Since"], rows) + "\n"


def _provisions(inst: Instrument) -> str:
    if not inst.provisions:
        return ""
    rows = [[p.article, p.text] for p in inst.provisions]
    return "## Key provisions\n\n" + md.table(["Article", "Provision"], rows) + "\n"


def _thresholds(inst: Instrument) -> str:
    if not inst.thresholds:
        return ""
    rows = [[t.name, t.text, t.article or "—"] for t in inst.thresholds]
    return "## Thresholds and limits\n\n" + md.table(["Name", "Threshold", "Where"], rows) + "\n"


def _related(inst: Instrument, by_id: dict[str, Instrument]) -> str:
    if not inst.related:
        return ""
    rows = []
    for rel in inst.related:
        other = by_id.get(rel.id)
        target = Md(md.instrument_link(other) + text(f": {other.name}")) if other else rel.id
        rows.append([_RELATION_LABELS[rel.relation], target, rel.note or ""])
    return "## Related instruments\n\n" + md.table(["Relation", "Instrument", "Note"], rows) + "\n"


def _describe(act: Action, inst: Instrument, marks: dict[str, str] | None = None) -> str:
    """The act in full words; with `marks`, a depositary is named by its mark ("(L)"), which the
    table's legend spells out, rather than in full on every line."""
    words = f"{act.action.replace('-', ' ')} {md.date_words(act.date, 'date not known')}"
    if act.action == "became-party":
        words = f"party (the source does not say by which act) {md.date_words(act.date, 'date not known')}"
    if act.action == "deratification":
        words = f"{inst.revoked_consent(act)} revoked {md.date_words(act.date, 'date not known')}"
    if act.action == "withdrawal":
        words = f"withdrawal notice {md.date_words(act.date, 'date not known')}"
        if act.effective:
            words += f", effective {md.date_words(act.effective)}"
        if act.withdrawal_rescinded:
            words += f", suspended {md.date_words(act.withdrawal_rescinded)} before taking effect"
        if act.disputed:
            words += " (disputed)"
    if act.action == "suspension" and act.effective:
        words += f", in effect from {md.date_words(act.effective)}"
    if act.date_basis == "collective-statement":
        words += " (the date of a statement made for a group of states; this state's own date is not known)"
    if act.role:
        words += f" as {act.role}"
    if act.depositary:
        mark = (marks or {}).get(act.depositary)
        words += f" ({mark})" if mark else f" ({inst.depositary_name(act.depositary)})"
    if act.predecessor:
        words += f" to {states.name(act.predecessor)}"
    return words


def _participation(inst: Instrument, statuses: dict[str, Status], non_joined: list[str], world_map: str) -> str:
    heading = "Members and adherents" if inst.is_regime else "Participation"
    out = f"## {heading}\n\n{_count_line(inst, statuses)}, as of {md.date(inst.as_of)}.\n\n"
    # Out of the search index: the chart's tick labels and the map's two hundred "State: Status"
    # titles made every instrument match every state's name. A <section> for the reason given in
    # participation_table.render (the map holds nested <div>s).
    out += (
        '\n<section class="participation-visuals" data-search-exclude>\n'
        + svg.participation_chart(inst)
        + "\n"
        + world_map
        + "\n</section>\n\n"
    )
    out += participation_table.render(inst, statuses, _describe)
    if non_joined:
        names = ", ".join(md.state_link(c) for c in non_joined)
        verb = "not members" if inst.is_regime else "have taken no action (never signed)"
        sentence = f"{len(non_joined)} UN member and observer states {verb}: {names}."
        if len(non_joined) > 20:  # a long list of names would make this page match every state's name
            sentence = f"<div data-search-exclude><p>{md.inline_html(Md(sentence))}</p></div>"
        out += f"### States that have not joined\n\n{sentence}\n\n"
    return out


def _said_outside(inst: Instrument) -> str:
    """On an incomplete list: the states a cited source says had not joined, and when."""
    if not inst.not_joined:
        return ""
    # One row per statement: a source that names fourteen states says so once, not fourteen times.
    said: dict[tuple, list[str]] = {}
    for entry in inst.not_joined:
        said.setdefault((entry.as_of.text, entry.note, entry.source), []).append(entry.state)
    by_first_state = sorted(said.items(), key=lambda item: min(states.sort_key(c) for c in item[1]))
    rows = []
    for (_, note, key), codes in by_first_state:
        entry = next(n for n in inst.not_joined if n.state == codes[0] and n.note == note and n.source == key)
        src = inst.source(key)
        names = Md(", ".join(md.state_link(c) for c in sorted(codes, key=states.sort_key)))
        rows.append([names, md.date(entry.as_of), note, link(src.title, src.url) if src else ""])
    heading = "Not joined, according to a source"
    intro = text(
        "The list above is incomplete, so absence from it proves nothing; these sources say the states "
        "had not joined by the date given."
    )
    return (
        f"### {heading}\n\n{intro}\n\n" + md.table(["States", "As of", "What the source says", "Source"], rows) + "\n"
    )


def _sources(inst: Instrument) -> str:
    rows = [[link(s.title, s.url), md.date(s.accessed)] for s in inst.sources]
    table = md.table(["Source", "Accessed or status date"], rows)
    out = f"## Sources {{ data-search-exclude }}\n\n{table}\n"
    out += f"Actions cite the first source unless their note names another. Data as of {md.date(inst.as_of)}.\n\n"
    if inst.official_counts:
        rows = [
            [
                c.source,
                md.date(c.as_of),
                c.parties if c.parties is not None else "—",
                c.signatories if c.signatories is not None else "—",
                c.members if c.members is not None else "—",
                c.difference or "Matches our data",
            ]
            for c in inst.official_counts
        ]
        out += (
            "### Published counts { data-search-exclude }\n\n"
            + md.table(["Source", "As of", "Parties", "Signatories", "Members", "Reconciliation"], rows)
            + "\n"
        )
    return out
