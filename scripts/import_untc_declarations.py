"""Import the declarations, reservations and objections on a saved UNTC status page into treaties/<id>.yaml.

    PYTHONPATH=src python scripts/import_untc_declarations.py PAGE.html --id ctbt [--treaties-dir treaties]

Run scripts/import_untc.py on the same page first: the participant grid gives each state's acts, and
an entry is recorded only against an act the file holds ("made upon ratification" needs the state's
ratification, and takes its date).

What the page gives, and where:
- the "Declarations and Reservations" section (`dgDec`), the "Objections" section (`dgObj`) and
  "Declarations made under article ..." (`dgDecUnderArticle`, the Ottawa Convention's declarations
  of provisional application); each state's entry is a `divParticipant` heading and a `divText` body;
- inside a body, short headings such as "Declaration made upon signature:", "Reservation:",
  "Upon ratification", or a date line ("3 October 2005") start a new item; an item with no heading
  was made on the occasion the section's note names ("Unless otherwise indicated, the declarations
  were made upon ratification, accession or succession"), i.e. with the state's own act of consent;
- end-notes attached to a state (by the grid or by its declarations heading) that record a territorial
  application or a communication about another state's declaration.

The summary is written by a person, in our own words. The importer writes only the structured fields
(state, kind, made, date, objects_to) and, for a new entry, a placeholder summary the validator
rejects until someone replaces it. A re-import matches entries on state + kind + made + objects_to and
keeps the summary that is there; it never writes or changes a summary itself. An entry the page no
longer shows is kept, with a warning, so no hand-written summary is lost silently.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_untc as untc  # noqa: E402  (the grid importer: HTML tree, dates, state names)

from treatylib import model, states, yamlio  # noqa: E402
from treatylib.validate.file_rules import SUMMARY_PLACEHOLDER  # noqa: E402

SOURCE_KEY = untc.SOURCE_KEY
PageError = untc.PageError

# Grid id on the page -> section.
SECTIONS = {"dgDec": "declarations", "dgObj": "objections", "dgDecUnderArticle": "article"}
SECTION_TITLES = {  # section -> ids of its title and its note
    "declarations": ("divMainDecTilte", "divDecTilte"),
    "objections": ("divMainObjTitle", "divObjTitle"),
    "article": ("divMainDecArt", "divDecArt"),
}
ENTRY_ID = re.compile(r"_(dgDec|dgObj|dgDecUnderArticle)_ctl(\d+)_div(Participant|Text)$")
DATE_LINE = re.compile(rf"^{untc.LONG_DATE}:?$")
HEADING_WORDS = re.compile(
    r"\b(declarations?|reservations?|understandings?|statements?|objections?|upon|confirmed|withdraw\w*)\b", re.I
)
# "upon signature", "upon consenting to be bound" -> the act (participation action) it was made with.
UPON = re.compile(
    r"upon\s*(?:its\s+)?(signature|signing|ratification|ratifying|accession|acceding|succession|acceptance|approval|"
    r"consent(?:ing)? to be bound)",
    re.I,
)
UPON_ACT = {
    "signature": "signature",
    "signing": "signature",
    "ratification": "ratification",
    "ratifying": "ratification",
    "accession": "accession",
    "acceding": "accession",
    "succession": "succession",
    "acceptance": "acceptance",
    "approval": "approval",
}
MADE_FOR_ACT = {action: made for made, action in model.MADE_WITH.items()}
# Words in a section note ("made upon ratification, acceptance, approval or accession") -> acts.
NOTE_ACTS = {
    "ratification": "ratification",
    "accession": "accession",
    "succession": "succession",
    "acceptance": "acceptance",
    "approval": "approval",
    "consent to be bound": "consent-to-be-bound",
    "concent to be bound": "consent-to-be-bound",  # sic, CCW Protocol IV
    "formal confirmation": "consent-to-be-bound",
}
OBJECTED_BY = re.compile(
    r"(?:made|formulated|entered|lodged|maintained) by (?:the Government of )?(?:the )?"
    r"([A-Z][^,.:;]*?)(?= upon | to | in | with | at | when |[,.:;]|$)"
)
# "On 29 January 1997, the Secretary-General received from the Government of Israel the following
# communication": the date and the sender of a communication recorded in an end-note.
RECEIVED = re.compile(
    rf"[Oo]n {untc.LONG_DATE},? the Secretary-General received from the Government of (?:the )?"
    r"([A-Z][^,.:;“\"]*?)(?:,| the following| a | an )"
)
TERRITORIAL = re.compile(r"territorial application|extend to|with the following declaration", re.I)


# ---- reading the page -------------------------------------------------------------------------


def _lines(node: untc.Node) -> tuple[list[str], list[int]]:
    """The text of an entry body, one string per line (<br> and <p> break lines), and its end-note refs.

    UNTC repeats the state's name in a hidden paragraph (<p class='invisible'>); it is left out."""
    out, refs = [""], []

    def walk(n: untc.Node) -> None:
        for child in n.children:
            if isinstance(child, str):
                out[-1] += child
            elif child.tag == "p" and "invisible" in child.attrs.get("class", "").split():
                continue
            elif child.tag == "sup":
                refs.extend(int(x) for x in re.findall(r"\d+", child.text()))
            elif child.tag in ("br", "p", "div"):
                out.append("")
                walk(child)
                out.append("")
            else:
                walk(child)

    walk(node)
    return [" ".join(line.replace("\xa0", " ").split()) for line in out if line.strip()], refs


def _is_heading(line: str) -> bool:
    if DATE_LINE.match(line):
        return True
    if len(line) > 90 or line.startswith(("“", '"', "[", "…", "(")) or not HEADING_WORDS.search(line):
        return False
    # "With regard to the reservation made by X upon ratification:" introduces an objection's text; its
    # "upon" is the other state's occasion, not this item's.
    if re.match(r"(With regard|In regard|In respect|Concerning|Regarding)\b", line) or " by " in line:
        return False
    return line.endswith(":") or bool(re.fullmatch(r"(?:Confirmed )?[Uu]pon [a-z ]+", line))


def split_items(lines: list[str]) -> list[dict]:
    """Cut an entry body into items at its headings; consecutive heading lines make one heading."""
    items: list[dict] = []
    current: dict | None = None
    for line in lines:
        if _is_heading(line):
            if current is None or current["text"]:
                current = {"heading": "", "date": None, "text": []}
                items.append(current)
            if match := DATE_LINE.match(line):
                current["date"] = untc.long_date(match.group(1))
            else:
                current["heading"] = f"{current['heading']} {line}".strip()
        else:
            if current is None:
                current = {"heading": "", "date": None, "text": []}
                items.append(current)
            current["text"].append(line)
    return items


def kinds_of(heading: str, section: str) -> list[str | None]:
    """Kinds an item heading names; [None] when it names none (the kind is then not stated)."""
    text = heading.lower()
    if section == "objections":
        return ["objection-withdrawal" if "withdraw" in text else "objection"]
    if "withdraw" in text:
        if "objection" in text:
            return ["objection-withdrawal"]
        if "reservation" in text:
            return ["reservation-withdrawal"]
    kinds: list[str | None] = []
    if re.search(r"declaration|understanding|statement", text) or section == "article":
        kinds.append("declaration")
    if "reservation" in text:
        kinds.append("reservation")
    return kinds or [None]


def upon_act(text: str) -> str | None:
    """The act a heading says the item was made with ('made upon signature' -> 'signature')."""
    match = UPON.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    return "consent-to-be-bound" if word.startswith("consent") else UPON_ACT[word]


def note_acts(note: str) -> set[str]:
    """Acts a section note names as the default occasion."""
    text = note.lower()
    return {act for words, act in NOTE_ACTS.items() if words in text}


def read_declarations(html: str) -> dict:
    """The page's grid data (import_untc.read_page) plus its declaration sections, as plain data."""
    page = untc.read_page(html)
    root = untc.parse_html(html)
    titles = {}
    for section, (main_id, note_id) in SECTION_TITLES.items():
        main = untc._by_id_suffix(root, main_id)
        note = untc._by_id_suffix(root, note_id)
        titles[section] = (main.text() if main else "", note.text() if note else "")
    entries: dict[tuple[str, str], dict] = {}
    for node in root.iter("div"):
        match = ENTRY_ID.search(node.attrs.get("id", ""))
        if not match:
            continue
        grid, row, part = match.groups()
        entry = entries.setdefault((grid, row), {"section": SECTIONS[grid], "name": "", "notes": [], "items": []})
        if part == "Participant":
            entry["name"] = node.text(skip="sup")
            entry["notes"] = [int(n) for sup in node.iter("sup") for n in re.findall(r"\d+", sup.text())]
        else:
            lines, refs = _lines(node)
            entry["notes"] = sorted(set(entry["notes"]) | set(refs))
            entry["items"] = split_items(lines)
            # Ottawa's article 18(1) declarations list the state only: one item, its text on the depositary's page.
            if not entry["items"]:
                entry["items"] = [{"heading": "", "date": None, "text": []}]
    page["sections"] = {
        section: {"title": title, "note": note, "entries": [e for e in entries.values() if e["section"] == section]}
        for section, (title, note) in titles.items()
    }
    return page


# ---- turning entries into declaration records -------------------------------------------------


def _code(name: str) -> str | None:
    try:
        return states.code_for_name(name)
    except states.UnknownState:
        return None


def objected_state(text: str, objector: str) -> str | None:
    """The state whose reservation an objection is about: the first 'made by <State>' naming a known state."""
    for match in OBJECTED_BY.finditer(text):
        words = match.group(1).split()
        for end in range(len(words), 0, -1):  # "United States of America upon..." -> longest known name
            code = _code(" ".join(words[:end]))
            if code and code != objector:
                return code
    return None


class Resolver:
    """Works out `made` and `date` for one state's item from its acts in the file."""

    def __init__(self, data: dict):
        self.acts: dict[str, list[dict]] = {}
        for act in data.get("participation", []):
            self.acts.setdefault(act["state"], []).append(act)

    def has_acted(self, code: str) -> bool:
        return code in self.acts

    def act(self, code: str, action: str) -> dict | None:
        found = sorted(
            (a for a in self.acts.get(code, []) if a["action"] == action), key=lambda a: a.get("date", "9999")
        )
        return found[0] if found else None

    def made(self, code: str, heading: str, date: str | None, defaults: set[str]) -> tuple[str, str | None]:
        """(made, date) for an item, or raise PageError saying why it cannot be placed."""
        if action := upon_act(heading):
            act = self.act(code, action)
            if act is None:
                raise PageError(f"the page says made upon {action}, but the file has no {action} by {code}")
            return MADE_FOR_ACT[action], date or act.get("date")
        if date:  # a dated item: with an act of that day, else a later notification
            same_day = [a for a in self.acts.get(code, []) if a.get("date") == date and a["action"] in MADE_FOR_ACT]
            return (MADE_FOR_ACT[same_day[0]["action"]], date) if same_day else ("later", date)
        candidates = [self.act(code, action) for action in sorted(defaults)]
        candidates = sorted((a for a in candidates if a), key=lambda a: a.get("date", "9999"))
        if not candidates:
            raise PageError(
                f"no occasion given, and {code} has none of the acts the section names by default "
                f"({', '.join(sorted(defaults)) or 'none named'})"
            )
        return MADE_FOR_ACT[candidates[0]["action"]], candidates[0].get("date")


def _hint(where: str, heading: str) -> str:
    return f"{SUMMARY_PLACEHOLDER}: read the UNTC {where}" + (f" under '{heading}'" if heading else "")


def build_declarations(page: dict, data: dict) -> tuple[list[dict], list[str]]:
    """Records for the page's entries and attached end-notes, and warnings about what was left out.

    A record is a dict with the schema's fields; `kind` is None where the page does not say, and
    `_hint` (removed before writing) says where a person finds the text to summarise."""
    resolver = Resolver(data)
    records: list[dict] = []
    warnings: list[str] = []

    def add(code, kind, heading, date, defaults, where, occasion=None, **extra):
        try:
            made, when = resolver.made(code, heading if occasion is None else occasion, date, defaults)
        except PageError as err:
            warnings.append(f"{code} ({where}): left out: {err}")
            return
        record = {"state": code, "kind": kind, "made": made, **extra, "_hint": _hint(where, heading)}
        if when:
            record["date"] = when
        records.append(record)

    attached: dict[int, set[str]] = {}  # end-note number -> states it is attached to
    for section, info in page["sections"].items():
        defaults = note_acts(info["note"]) or set(model.CONSENT_ACTIONS)
        for entry in info["entries"]:
            code = _code(entry["name"])
            if code is None:
                raise PageError(f"unknown state name {entry['name']!r} in the {section} section")
            for n in entry["notes"]:
                attached.setdefault(n, set()).add(code)
            if not resolver.has_acted(code):
                warnings.append(f"{code}: has an entry in the {section} section but no action in the file; left out")
                continue
            for item in entry["items"]:
                body = " ".join([item["heading"], *item["text"]])
                extra = {}
                if section == "objections":
                    target = objected_state(body, code)
                    if target is None:
                        warnings.append(f"{code}: objection names no state we can map; left out")
                        continue
                    extra["objects_to"] = target
                where = {"declarations": "declarations section", "objections": "objections section"}.get(
                    section, f"section '{info['title']}'"
                )
                for kind in kinds_of(item["heading"], section):
                    add(code, kind, item["heading"], item["date"], defaults, where, **extra)

    for row in page["participants"]:
        code = _code(row["name"])
        for n in row["notes"]:
            if code:
                attached.setdefault(n, set()).add(code)
    all_acts = set(model.CONSENT_ACTIONS)
    for n, codes in sorted(attached.items()):
        text = page["notes"].get(n, "")
        territorial = bool(TERRITORIAL.search(text))
        received = list(RECEIVED.finditer(text))
        declared: set[str] = set()
        for match in received:  # communications; the attached state's first one is its territorial declaration
            when, sender = untc.long_date(match.group(1)), _code(match.group(2))
            for target in sorted(codes):
                if sender == target:
                    if territorial and target not in declared:
                        declared.add(target)
                        add(target, "declaration", "", when, all_acts, f"end-note {n}")
                elif sender is None or not resolver.has_acted(sender):
                    warnings.append(
                        f"end-note {n}: a communication from {match.group(2)} about {target}; "
                        "the sender has no action in the file, so it is left out"
                    )
                else:
                    add(sender, "communication", "", when, all_acts, f"end-note {n}", objects_to=target)
        if territorial and not received:
            for code in sorted(codes):
                later = re.search(rf"(?:^|\. )(?:Subsequently, )?[Oo]n {untc.LONG_DATE}, the Government", text)
                if later:
                    add(code, "declaration", "", untc.long_date(later.group(1)), all_acts, f"end-note {n}")
                else:
                    add(code, "declaration", "", None, all_acts, f"end-note {n}", occasion=text.split(":")[0])
    return records, warnings


# ---- merging into the YAML file ---------------------------------------------------------------


def _key(item: dict) -> tuple:
    return item["state"], item["kind"], item["made"], item.get("objects_to")


def _sort_key(item: dict) -> tuple:
    kind = model.DECLARATION_KINDS.index(item["kind"]) if item["kind"] in model.DECLARATION_KINDS else 99
    return item["state"], item.get("date", "9999"), kind, item.get("objects_to", "")


def merge(data: dict, records: list[dict]) -> tuple[dict, list[str]]:
    """Put the page's records into data['declarations'], keeping every summary a person wrote."""
    sources = [s["key"] for s in data.get("sources", [])]
    if SOURCE_KEY not in sources:
        raise PageError("the file has no 'untc' source: import the participant grid first (scripts/import_untc.py)")
    default = sources[0]
    warnings: list[str] = []
    existing = data.get("declarations", [])
    ours = [d for d in existing if d.get("source", default) == SOURCE_KEY]
    kept = [d for d in existing if d.get("source", default) != SOURCE_KEY]
    by_key = {_key(d): d for d in ours}

    merged: dict[tuple, dict] = {}
    for record in records:
        record = dict(record)
        hint = record.pop("_hint")
        if record["kind"] is None:
            # The page does not say: take the kind a person chose before, if there is exactly one.
            where = (record["state"], record["made"], record.get("objects_to"))
            earlier = [d for d in ours if (d["state"], d["made"], d.get("objects_to")) == where]
            record["kind"] = earlier[0]["kind"] if len(earlier) == 1 else "declaration"
            if len(earlier) != 1:
                warnings.append(
                    f"{record['state']} {record['made']}: the page names no kind; set to 'declaration', check it"
                )
        key = _key(record)
        if key in merged:  # the page has two items with one key: one entry, one summary, the first date
            continue
        old = by_key.get(key)
        record["summary"] = old["summary"] if old else hint
        if old and "url" in old:
            record["url"] = old["url"]
        if default != SOURCE_KEY:
            record["source"] = SOURCE_KEY
        merged[key] = record
    for key, old in by_key.items():
        if key not in merged:
            warnings.append(f"{' '.join(filter(None, key))}: in the file but not on the page; kept, check it")
            merged[key] = old
    data["declarations"] = sorted([*kept, *merged.values()], key=_sort_key)
    return data, warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--id", required=True)
    parser.add_argument("--treaties-dir", type=Path, default=Path("treaties"))
    args = parser.parse_args(argv)

    path = args.treaties_dir / f"{args.id}.yaml"
    try:
        if not path.exists():
            raise PageError(f"{path} does not exist: import the participant grid first (scripts/import_untc.py)")
        page = read_declarations(args.page.read_text(encoding="utf-8"))
        data = yamlio.load(path)
        records, warnings = build_declarations(page, data)
        data, more = merge(data, records)
    except PageError as err:
        for message in err.messages:
            print(f"{args.page}: {message}", file=sys.stderr)
        return 1
    for warning in warnings + more:
        print(f"{args.page}: warning: {warning}", file=sys.stderr)
    yamlio.write_atomic(path, yamlio.dumps(data))
    items = data["declarations"]
    todo = sum(d["summary"].startswith(SUMMARY_PLACEHOLDER) for d in items)
    kinds = Counter(d["kind"] for d in items)
    print(
        f"{args.page.name} -> {path}: {len(items)} entries from {len({d['state'] for d in items})} states "
        f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); {todo} still to summarise"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
