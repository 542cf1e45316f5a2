"""Import a saved UN Treaty Collection "Status of Treaties" page into treaties/<id>.yaml.

    PYTHONPATH=src python scripts/import_untc.py PAGE.html --id ctbt [--treaties-dir treaties]

Reads the participant grid, the "Signatories: N. Parties: M." status line, the
"STATUS AS AT" date and the end-notes. In an existing file it replaces only the
actions that came from UNTC, the `untc` official count and the `untc` source;
hand-written metadata and actions from other sources stay as they are. A new
file needs --short-name, --kind, --domain and --summary: the page cannot tell
them and we do not guess.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from treatylib import model, states, status, yamlio
from treatylib.paths import SCHEMA

SOURCE_KEY = "untc"
URL = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}&chapter={chapter}&clang=_en"
VOID_TAGS = {"br", "img", "input", "meta", "link", "hr", "area", "base", "col", "wbr", "param", "source"}
DOMAINS = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["domains"]["items"]["enum"]
# Same-day actions in the order they happen (Barbados signed and ratified the CTBT on one day).
ACTION_ORDER = ["signature", "provisional-application", *sorted(model.CONSENT_ACTIONS), "deratification", "withdrawal"]


class PageError(Exception):
    """Something on the page we cannot import safely; each message says what."""

    def __init__(self, *messages: str):
        super().__init__("; ".join(messages))
        self.messages = messages


# ---- a tiny HTML tree (the standard library has no DOM for HTML) -----------------------------


class Node:
    def __init__(self, tag: str, attrs: list, parent: Node | None = None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list[Node | str] = []

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def text(self, skip: str | None = None) -> str:
        """Text with runs of whitespace (tabs, CRLF, &nbsp;) collapsed; `skip` leaves out one tag."""
        parts = [
            c if isinstance(c, str) else (" " if c.tag == "br" else c.text(skip))
            for c in self.children
            if not (isinstance(c, Node) and c.tag == skip)
        ]
        return " ".join("".join(parts).replace("\xa0", " ").split())


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("root", [])

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID_TAGS:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        # Close the nearest open element of this tag; stray end tags (UNTC writes `</n>`) are ignored.
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _by_id_suffix(root: Node, suffix: str) -> Node | None:
    return next((n for n in root.iter() if n.attrs.get("id", "").endswith(suffix)), None)


# ---- reading the page -------------------------------------------------------------------------

MONTHS = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
# A grid cell: "24 Sep 1996", " 4 Dec 1998 a", "[12 May 2004 a]", "[ 3 Dec 2008 ]".
CELL = re.compile(r"^(\[)?\s*(\d{1,2}) ([A-Za-z]{3})[a-z]*\.? (\d{4})\s*([A-Za-z]*)\s*(\])?$")
LONG_DATE = r"(\d{1,2} [A-Z][a-z]+ \d{4})"

# Column headings name action kinds, with the suffix UNTC puts after a date of that kind.
HEADING_KINDS = [  # (start of the heading item, action); longest first so "succession to signature" wins
    ("succession to signature", "signature"),
    ("signature", "signature"),
    ("ratification", "ratification"),
    ("accession", "accession"),
    ("succession", "succession"),
    ("acceptance", "acceptance"),
    ("approval", "approval"),
    ("consent to be bound", "consent-to-be-bound"),
    ("provisional application", "provisional-application"),
]


def iso(day: str, month: str, year: str) -> str:
    number = MONTHS.get(month[:3].lower())
    if number is None:
        raise PageError(f"unknown month {month!r}")
    return dt.date(int(year), number, int(day)).isoformat()  # also rejects 31 Feb


def long_date(text: str) -> str:
    """'27 December 2025' -> '2025-12-27' (the form end-notes use)."""
    day, month, year = text.split()
    return iso(day, month, year)


def column_kinds(heading: str) -> dict[str, str]:
    """'Ratification, Accession(a), Succession(d)' -> {'': 'ratification', 'a': 'accession', 'd': 'succession'}."""
    kinds: dict[str, str] = {}
    for item in heading.split(","):
        match = re.fullmatch(r"\s*(.*?)\s*(?:\(\s*([A-Za-z]+)\s*\))?\s*", item)
        name, suffix = match.group(1).lower(), match.group(2) or ""
        action = next((a for start, a in HEADING_KINDS if name.startswith(start)), None)
        if action is None:
            raise PageError(f"unknown column heading item {item.strip()!r}")
        kinds[suffix] = action
    return kinds


def read_page(html: str) -> dict:
    """Everything the importer needs from one page, as plain data."""
    root = parse_html(html)
    grid = _by_id_suffix(root, "tblgrid")
    if grid is None:
        raise PageError("no participant grid (table id ...tblgrid)")
    rows = list(grid.iter("tr"))
    headings = [td.text() for td in rows[0].iter("td")]
    if headings[0] != "Participant":
        raise PageError(f"first grid column is {headings[0]!r}, expected 'Participant'")
    columns = [column_kinds(h) for h in headings[1:]]

    participants = []
    for row in rows[1:]:
        cells = list(row.iter("td"))
        if len(cells) != len(headings):
            raise PageError(f"a grid row has {len(cells)} cells, the heading {len(headings)}")
        name_cell, date_cells = cells[0], cells[1:]
        # End-note numbers sit in <sup> after the name: "Ukraine <SUP>10, 11</SUP>".
        refs = [int(n) for sup in name_cell.iter("sup") for n in re.findall(r"\d+", sup.text())]
        entries = []
        for kinds, cell in zip(columns, date_cells, strict=True):
            text = cell.text()
            if not text:
                continue
            match = CELL.match(text)
            if not match:
                raise PageError(f"cannot read date {text!r} for {name_cell.text(skip='sup')!r}")
            bracket, day, month, year, suffix, _ = match.groups()
            if suffix not in kinds:
                raise PageError(f"suffix {suffix!r} in {text!r} is not in its column heading")
            entries.append(
                {"action": kinds[suffix], "date": iso(day, month, year), "suffix": suffix, "withdrawn": bool(bracket)}
            )
        participants.append({"name": name_cell.text(skip="sup"), "notes": refs, "entries": entries})

    notes = {}
    for div in root.iter("div"):
        if "divNotesAll" in div.attrs.get("class", "").split():
            anchor = next(div.iter("a"), None)
            if anchor is not None and anchor.attrs.get("name", "").isdigit():
                notes[int(anchor.attrs["name"])] = div.text().removeprefix(anchor.text()).strip()

    status_node = _by_id_suffix(root, "rptStatus_ctl00_tcText")
    counts = {
        key.lower(): int(value)
        for key, value in re.findall(r"(Signatories|Parties)\s*:\s*(\d+)", status_node.text() if status_node else "")
    }
    if "parties" not in counts:
        raise PageError("no 'Parties : N' status line")
    as_at = re.search(r"STATUS AS AT\s*:\s*(\d{2})-(\d{2})-(\d{4})", root.text())
    if not as_at:
        raise PageError("no 'STATUS AS AT : DD-MM-YYYY' line")
    share = re.search(r"mtdsg_no-([A-Z]+(?:~[0-9a-z]+)+)-chapter-(\d+)", html)
    if not share:
        raise PageError("no share link with the MTDSG number")
    title_node = _by_id_suffix(root, "rptTreaty_ctl00_tcTreaty")
    # The title starts with the item number inside the chapter: "2. a Additional Protocol ...".
    title = re.sub(r"^\d+\s*\.?\s*(?:[a-z]\s+)?", "", title_node.text() if title_node else "")
    day, month, year = as_at.groups()
    return {
        "title": title,
        "mtdsg": share.group(1).replace("~", "-"),
        "chapter": share.group(2),
        "as_at": f"{year}-{month}-{day}",
        "counts": counts,
        "participants": participants,
        "notes": notes,
    }


# ---- turning rows into actions ----------------------------------------------------------------


def withdrawal_from_note(text: str) -> dict | None:
    """A withdrawal action from an end-note, or None if the note is not about a withdrawal."""
    if "notification of withdrawal" not in text and not re.search(r"withdrawal (took|will take) effect", text):
        return None  # e.g. "withdrawal of a reservation" is not a state leaving the treaty
    notice = re.search(rf"On {LONG_DATE}, [^.]*?notification of withdrawal", text)
    effective = re.search(rf"withdrawal (?:took|will take) effect for [^.]*? on {LONG_DATE}", text)
    if not notice:
        # The schema needs the notice date; an effective date alone must be recorded by hand.
        raise PageError(f"end-note mentions a withdrawal but gives no notice date: {text[:200]!r}")
    action = {"action": "withdrawal", "date": long_date(notice.group(1))}
    parts = []
    if cn := re.search(r"C\.N\.\d+\.\d{4}\.TREATIES-[A-Z]+[-.][0-9]+(?:-[a-z])?", text):
        parts.append(f"Depositary notification {cn.group(0)}.")
    if effective:
        action["effective"] = long_date(effective.group(1))
        if "will take effect" in effective.group(0):
            article = re.search(r"in accordance with (article \d+\s*\(\d+\))", text)
            condition = f", subject to the condition in {article.group(1) if article else 'that article'}"
            condition = condition if "subject to" in text else ""
            parts.append(f"Effective date announced in advance by the depositary{condition}.")
    else:
        parts.append("The UNTC end-note gives only the date notice was given, not when the withdrawal takes effect.")
    action["note"] = " ".join(parts)
    return action


def signature_note(text: str) -> str | None:
    """ATT/United States: a signatory that told the depositary it will not become a party."""
    if "not intend to become a party" not in text:
        return None
    received = re.search(rf"received on {LONG_DATE}", text)
    when = f" on {long_date(received.group(1))}" if received else ""
    return (
        f"The depositary received{when} a communication that this state does not intend to become a party; "
        "UNTC still lists the signature."
    )


def build_actions(page: dict) -> list[dict]:
    """Actions for every grid row; raises PageError listing every unknown state name."""
    unknown = []
    actions = []
    for row in page["participants"]:
        try:
            code = states.code_for_name(row["name"])
        except states.UnknownState:
            unknown.append(row["name"])
            continue
        row_notes = [page["notes"].get(n, "") for n in row["notes"]]
        withdrawals = [w for w in map(withdrawal_from_note, row_notes) if w]
        not_a_party = next(filter(None, map(signature_note, row_notes)), None)
        if any(e["withdrawn"] for e in row["entries"]) and not withdrawals:
            raise PageError(f"{row['name']}: dates in [brackets] but no withdrawal end-note")
        for entry in row["entries"]:
            action = {"state": code, "action": entry["action"], "date": entry["date"]}
            if entry["suffix"] == "d":
                if entry["action"] == "signature":
                    action["note"] = "Succession to the predecessor state's signature (UNTC 'd')."
                if pred := states.succeeded_state(code, entry["date"]):
                    action["predecessor"] = pred
            if not_a_party and entry["action"] == "signature":
                action["note"] = not_a_party
            actions.append(action)
        actions.extend({"state": code, **w} for w in withdrawals)
    if unknown:
        raise PageError(*(f"unknown state name {name!r}" for name in unknown))
    return actions


# ---- merging into the YAML file ---------------------------------------------------------------


def sort_key(action: dict) -> tuple:
    kind = action["action"]
    return (action["state"], action.get("date", "9999"), ACTION_ORDER.index(kind) if kind in ACTION_ORDER else 99)


def _row_key(action: dict) -> tuple:
    return action["state"], action["action"], action.get("date")


def merge(data: dict, page: dict, actions: list[dict]) -> dict:
    """Put the page's actions, count and source into `data`, keeping everything not from UNTC."""
    source = {
        "key": SOURCE_KEY,
        "title": f"UN Treaty Collection, Status of Treaties, {page['mtdsg']}: {page['title']}",
        "url": URL.format(mtdsg=page["mtdsg"], chapter=page["chapter"]),
        "accessed": page["as_at"],
    }
    sources = data.setdefault("sources", [])
    default = sources[0]["key"] if sources else SOURCE_KEY
    kept = [a for a in data.get("participation", []) if a.get("source", default) != SOURCE_KEY]
    index = next((i for i, s in enumerate(sources) if s["key"] == SOURCE_KEY), None)
    if index is None:
        sources.append(source)  # appended, so the file's default source (the first) does not change
    else:
        sources[index] = source
    if default != SOURCE_KEY:  # UNTC is not the default source: every imported action says so
        actions = [{**a, "source": SOURCE_KEY} for a in actions]
    # A note a maintainer wrote on an imported row (another source's date, say) survives the
    # re-import of that row, unless the page now has a note of its own for it.
    notes = {
        _row_key(a): a["note"]
        for a in data.get("participation", [])
        if a.get("source", default) == SOURCE_KEY and "note" in a
    }
    actions = [{**a, "note": notes[_row_key(a)]} if _row_key(a) in notes and "note" not in a else a for a in actions]
    imported = {_row_key(a) for a in actions}
    for action in kept:
        if _row_key(action) in imported:
            print(
                f"warning: {action['state']} {action['action']} {action.get('date')} (source "
                f"{action.get('source', default)}) repeats a UNTC action; keep one of them",
                file=sys.stderr,
            )
    data["participation"] = sorted(kept + actions, key=sort_key)

    count = {"source": SOURCE_KEY, "as_of": page["as_at"], **page["counts"]}
    others = [c for c in data.get("official_counts", []) if c.get("source") != SOURCE_KEY]
    data["official_counts"] = [count, *others]
    data["as_of"] = max(data.get("as_of", page["as_at"]), page["as_at"])
    return data


def new_stub(args, page: dict) -> dict:
    missing = [
        flag
        for flag, value in [
            ("--short-name", args.short_name),
            ("--kind", args.kind),
            ("--domain", args.domain),
            ("--summary", args.summary),
        ]
        if not value
    ]
    if missing:
        raise PageError(
            f"{args.treaties_dir / (args.id + '.yaml')} does not exist; a new file needs "
            f"{', '.join(missing)} (the page cannot tell them, and we do not guess)"
        )
    return {
        "id": args.id,
        "name": page["title"],
        "short_name": args.short_name,
        "kind": args.kind,
        "domains": args.domain,
        "summary": args.summary,
        "sources": [],
        "participation": [],
    }


def derived_counts(data: dict, on: str) -> dict[str, int]:
    """Counts at the page's date, with the same rules the validator uses."""
    return status.counts(model.from_data(data), dt.date.fromisoformat(on))


def explain_difference(page: dict, derived: dict[str, int]) -> str | None:
    """Why derived counts differ from the status line, when the page itself shows why.

    UNTC leaves out of "Signatories" the signature of a state that later withdrew (it shows it in
    [brackets]); we keep that signature as an action, so our count is higher by exactly those states.
    """
    gap = {k: derived[k] - n for k, n in page["counts"].items() if derived[k] != n}
    signers = [
        states.name(states.code_for_name(row["name"]))
        for row in page["participants"]
        if any(e["withdrawn"] and e["action"] == "signature" for e in row["entries"])
    ]
    if not signers or gap != {"signatories": len(signers)}:
        return None
    return (
        f"UNTC does not count the signature of {' and '.join(signers)}, shown in [brackets] because "
        f"the state later withdrew; the signature is kept here as an action, so the derived count is "
        f"{len(signers)} higher."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--id", required=True)
    parser.add_argument("--treaties-dir", type=Path, default=Path("treaties"))
    parser.add_argument("--short-name")
    parser.add_argument("--kind", choices=["treaty", "protocol", "amendment"])
    parser.add_argument("--domain", action="append", choices=DOMAINS, help="repeat for several domains")
    parser.add_argument("--summary")
    args = parser.parse_args(argv)

    path = args.treaties_dir / f"{args.id}.yaml"
    try:
        page = read_page(args.page.read_text(encoding="utf-8"))
        actions = build_actions(page)
        data = yamlio.load(path) if path.exists() else new_stub(args, page)
    except PageError as err:
        for message in err.messages:
            print(f"{args.page}: {message}", file=sys.stderr)
        return 1
    data = merge(data, page, actions)
    derived = derived_counts(data, page["as_at"])
    if difference := explain_difference(page, derived):
        data["official_counts"][0]["difference"] = difference
    yamlio.write_atomic(path, yamlio.dumps(data))

    check = ", ".join(f"{k} {n} (derived {derived[k]})" for k, n in page["counts"].items())
    agree = all(derived[k] == n for k, n in page["counts"].items())
    flag = "" if agree else "  (difference explained in the file)" if difference else "  MISMATCH"
    kinds = Counter(a["action"] for a in actions)
    print(
        f"{args.page.name} -> {path}: {len(page['participants'])} rows, {len(actions)} actions "
        f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); UNTC {page['as_at']}: {check}{flag}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
