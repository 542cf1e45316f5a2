"""Import deposits from a 2018 copy of UNODA's per-state treaty pages into treaties/<id>.yaml.

    PYTHONPATH=src python scripts/import_unoda_2018_copy.py treatydata.json --id ptbt [--id seabed ...]
    PYTHONPATH=src python scripts/import_unoda_2018_copy.py treatydata.json --id ptbt --check

The input is `treatydata.json` from the repository ohnemax/treatyratification: a harvest, made in
2018 (its latest entry is dated 9 January 2018), of the UNODA Treaties Database's page for every
state (disarmament.un.org/treaties/s/<state>). Its shape is
{state name: {treaty name: {"actions": [...], "places": [...], "dates": [...]}}}, the three lists
running in parallel; each action names the capital where it was deposited.

A third party's copy is a lead until it is measured. `--check` compares every date the copy gives
with the dated acts our files already hold from other sources, for the same state, act and
depositary, and prints each disagreement. The CFE is measured but not imported: the copy files the
USSR's CFE signature under each of its successors. For the NPT and the BWC, the copy adds what
UNODA's current export lacks: a date for each depositary, not one per state.

The rows cite the authority, not the copy: the source `unoda-2018` names the UNODA Treaties Database's
page for the instrument, with the harvest as its route (`via`: the repository's file, and the year the
copy was made, apart from the day we read it). The harvester (harvest.py in the same repository) read
the per-state pages, "http://disarmament.un.org" + each link containing '/s/' on the index page
http://disarmament.un.org/treaties/ (its example: /treaties/s/afghanistan); the copy keeps each state's
name but not the address of its page, so a row cannot cite its state's page without guessing the
address. The instrument's page on the same database gives the same actions by state.

On import, the copy's actions carry the source key `unoda-2018`; earlier `unoda-2018` actions are
replaced, so a re-import gives the same file. Other actions stay, with three exceptions, each made
redundant by the copy: an undated action of the same state and act, an undated 'became party' of a
state the copy shows joining, and an action without a depositary on the same day as the copy's
deposit. When our file and the copy give different days for the same state, act and depositary,
ours is kept and the copy's row is reported, not imported. A note written on an imported row is
kept when the row is imported again.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path

from treatylib import states, yamlio
from treatylib.paths import TREATIES

SOURCE_KEY = "unoda-2018"
COPY_DATE = "2018-01-09"  # the latest act in the copy: it was made on or after that day
COPY_URL = "https://github.com/ohnemax/treatyratification/blob/2ba3e30c6e94e8f53be567766bccdd0ed1172509/treatydata.json"
ACCESSED = "2026-11-28"  # the day we read the copy
CAPTURED = "2018"  # when the copy was made: on or after the day of its latest act (COPY_DATE)
VIA_TITLE = (
    "A third party's harvest of the database's per-state pages (disarmament.un.org/treaties/s/...): "
    "GitHub repository ohnemax/treatyratification, file treatydata.json, written by its harvest.py; "
    "the latest act it records is dated 9 January 2018"
)
DATABASE_INDEX = "http://disarmament.un.org/treaties/"  # where the harvester began (harvest.py: mainlink)
# The database's page for each instrument, as our files cite it; the database's index where its page for
# the instrument could not be confirmed.
SOURCE_PAGES = {
    "ptbt": "https://treaties.unoda.org/t/test_ban",
    "outer-space": "https://treaties.unoda.org/t/outer_space",
    "seabed": "https://treaties.unoda.org/t/sea_bed",
    "npt": "https://treaties.unoda.org/t/npt",
    "bwc": "https://treaties.unoda.org/t/bwc",
    "geneva-protocol": "https://treaties.unoda.org/t/1925",
    "icsant": DATABASE_INDEX,
    "cfe": DATABASE_INDEX,
    "open-skies": "http://disarmament.un.org/treaties/t/open_skies",
}
# Our instrument id -> the treaty's name in the copy, and the copy's places -> our depositary keys
# (None: a single depositary, so actions name none).
TREATIES_IN_COPY = {
    "ptbt": ("Partial Test Ban Treaty", {"London": "london", "Moscow": "moscow", "Washington": "washington"}),
    "outer-space": ("Outer Space Treaty", {"London": "london", "Moscow": "moscow", "Washington": "washington"}),
    "seabed": ("Sea-Bed Treaty", {"London": "london", "Moscow": "moscow", "Washington": "washington"}),
    "npt": (
        "Treaty on the Non-Proliferation of Nuclear Weapons (NPT)",
        {"London": "london", "Moscow": "moscow", "Washington": "washington"},
    ),
    "bwc": ("Biological Weapons Convention", {"London": "london", "Moscow": "moscow", "Washington": "washington"}),
    "geneva-protocol": ("1925 Geneva Protocol", {"Paris": None}),
    "icsant": ("International Convention for the Suppression of Acts of Nuclear Terrorism", {"UN": None}),
    "cfe": ("Treaty on Conventional Armed Forces in Europe (CFE)", {"The Hague": None}),
    "open-skies": ("Treaty on Open Skies", {"Ottawa": "canada", "Budapest": "hungary"}),
}
ACTIONS = {
    "Signature": "signature",
    "Deposit of instruments of ratification": "ratification",
    "Deposit of instruments of accession": "accession",
    "Deposit of instruments of succession": "succession",
    "Deposit of instruments of acceptance": "acceptance",
    "Deposit of instruments of approval": "approval",
}
CHECK_ONLY = {"cfe"}
ORDER = {"signature": 0, "withdrawal": 2}  # same-day ties: sign first, join next, leave last
# The copy files some former states' acts under a state of today: state of today -> (former state, the
# day the state of today began to act in its own name), latest first. Other successors (Belarus and
# Ukraine, the Baltic states, the Yugoslav republics) signed and joined these treaties in their own name.
FILED_UNDER_SUCCESSOR = {
    "RUS": (("SUN", "1991-12-26"),),
    "SRB": (("SCG", "2006-06-03"), ("YUG", "1992-04-27")),
    "MNE": (("SCG", "2006-06-03"), ("YUG", "1992-04-27")),
    "CZE": (("CSK", "1993-01-01"),),
    "SVK": (("CSK", "1993-01-01"),),
}
# The copy files both Yemens' acts before their union (22 May 1990) under Yemen, so whose act a row
# records cannot be told: such rows are left out.
AMBIGUOUS_BEFORE = {"YEM": "1990-05-22"}
# Rows of the copy that cannot be right (a mistyped year, an act dated before the state could act): never
# imported. Each says why.
KNOWN_ERRORS = {
    ("ptbt", "Nigeria", "Signature", "Moscow", "1964-09-02"): (
        "signature dated after the treaty's entry into force (10 October 1963), when it was open only to accession"
    ),
    ("npt", "Andorra", "Deposit of instruments of accession", "London", "1986-06-07"): (
        "the Netherlands treaty database dates the treaty's entry into force for Andorra 7 June 1996"
    ),
    ("npt", "Finland", "Deposit of instruments of ratification", "London", "1970-02-05"): (
        "a year after the Moscow and Washington deposits of 5 February 1969, on the same day and month"
    ),
    ("bwc", "Sri Lanka", "Deposit of instruments of ratification", "London", "1976-11-18"): (
        "ten years before the Moscow and Washington deposits of 18 November 1986, on the same day and month"
    ),
    ("bwc", "Suriname", "Deposit of instruments of accession", "London", "1996-01-06"): (
        "three years after the Moscow deposit of 6 January 1993, on the same day and month"
    ),
    ("bwc", "Sweden", "Signature", "Moscow", "1974-02-27"): (
        "a year before the London and Washington signatures of 27 February 1975, on the same day and month"
    ),
    ("seabed", "Saint Kitts and Nevis", "Deposit of instruments of ratification", "Washington", "1972-05-18"): (
        "dated eleven years before Saint Kitts and Nevis became independent, on the day of the US deposit"
    ),
}


class ImportFailed(Exception):
    """A problem that stops the import; nothing is written."""


def copy_actions(copy: dict, instrument: str) -> list[dict]:
    """The copy's actions for one instrument, as our actions; raise listing every name or word not understood."""
    treaty, places = TREATIES_IN_COPY[instrument]
    actions, problems = [], set()
    for name, treaties in copy.items():
        record = treaties.get(treaty)
        if not record or not record.get("dates"):
            continue
        try:
            code = states.code_for_name(html.unescape(name))  # the harvest kept "C&ocirc;te d'Ivoire"
        except states.UnknownState:
            problems.add(f"unmapped state name {name!r} (add it to data/aliases.yaml)")
            continue
        if not len(record["actions"]) == len(record["places"]) == len(record["dates"]):
            problems.add(f"{name}: the actions, places and dates of {treaty!r} differ in number")
            continue
        for verb, place, date in zip(record["actions"], record["places"], record["dates"], strict=True):
            if verb not in ACTIONS or place not in places:
                problems.add(f"{name}: cannot read {verb!r} at {place!r}")
                continue
            if (instrument, name, verb, place, date) in KNOWN_ERRORS or date < AMBIGUOUS_BEFORE.get(code, ""):
                continue
            action = _action(code, ACTIONS[verb], date, places[place])
            if action not in actions:  # a former state's act filed under each of its successors
                actions.append(action)
    if problems:
        raise ImportFailed(f"{treaty}: " + "; ".join(sorted(problems)))
    return sorted(actions, key=_sort_key)


def _action(code: str, verb: str, date: str, depositary: str | None) -> dict:
    action = {"state": _state_on(code, date), "action": verb, "date": date, "source": SOURCE_KEY}
    if depositary:
        action["depositary"] = depositary
    if verb == "succession" and states.succeeded_state(action["state"]):
        action["predecessor"] = states.succeeded_state(action["state"])
    return action


def _state_on(code: str, date: str) -> str:
    """The state that acted on `date`: the copy files some former states' acts under a state of today."""
    state = code
    for former, until in FILED_UNDER_SUCCESSOR.get(code, ()):
        if date < until:
            state = former
    return state


def _sort_key(action: dict) -> tuple:
    return (action["state"], str(action.get("date", "")), ORDER.get(action["action"], 1), action.get("depositary", ""))


def _full(date) -> bool:
    return len(str(date or "")) == 10


def contradicted(ours: list[dict], copied: list[dict]) -> list[tuple[dict, list[str]]]:
    """Each copied act whose date our other sources contradict (same state, act and depositary), with their dates."""
    known: dict[tuple, set[str]] = {}
    for act in ours:
        if act.get("source") != SOURCE_KEY and _full(act.get("date")):
            known.setdefault((act["state"], act["action"], act.get("depositary")), set()).add(str(act["date"]))
    found = []
    for act in copied:
        dates = known.get((act["state"], act["action"], act.get("depositary")))
        if dates and act["date"] not in dates:
            found.append((act, sorted(dates)))
    return found


def disagreements(ours: list[dict], copied: list[dict]) -> list[str]:
    """One line for each copied date that our other sources contradict."""
    lines = []
    for act, dates in contradicted(ours, copied):
        where = f" at {act['depositary']}" if act.get("depositary") else ""
        lines.append(f"{act['state']} {act['action']}{where}: copy {act['date']}, ours {', '.join(dates)}")
    return lines


def agreements(ours: list[dict], copied: list[dict]) -> int:
    """How many copied dates our other sources confirm (same state, act and day; depositary too if both name one)."""
    confirmed = 0
    for act in copied:
        if any(
            other.get("source") != SOURCE_KEY
            and (other["state"], other["action"], str(other.get("date"))) == (act["state"], act["action"], act["date"])
            and other.get("depositary") in (None, act.get("depositary"))
            for other in ours
        ):
            confirmed += 1
    return confirmed


def merge(data: dict, copied: list[dict]) -> tuple[dict, list[str]]:
    """`data` with the copy's actions merged in, and the copied rows left out because ours disagree."""
    kept = [act for act in data["participation"] if act.get("source") != SOURCE_KEY]
    # A note a maintainer wrote on an imported row survives the re-import of that row.
    notes = {
        _key(act): act["note"] for act in data["participation"] if act.get("source") == SOURCE_KEY and "note" in act
    }
    copied = [dict(act, note=notes[_key(act)]) if _key(act) in notes else act for act in copied]
    conflicts = disagreements(kept, copied)
    # Where ours and the copy disagree on a state's act, ours stands for every depositary of that act.
    conflicting = {(act["state"], act["action"]) for act, _ in contradicted(kept, copied)}
    copied = [act for act in copied if (act["state"], act["action"]) not in conflicting]
    copied = [act for act in copied if not any(_same(act, other) for other in kept)]

    kept = [act for act in kept if not _made_redundant(act, copied)]
    entry = source_entry(data["id"])
    # Refreshed in place, so a re-import leaves the order of the sources alone.
    sources = [entry if s["key"] == SOURCE_KEY else s for s in data["sources"] if copied or s["key"] != SOURCE_KEY]
    if copied and entry not in sources:
        sources.append(entry)
    merged = dict(data, sources=sources, participation=sorted(kept + copied, key=_sort_key))
    # The copy shows every state's acts as they stood when it was made, so the file is complete to then.
    if copied:
        merged["as_of"] = max(str(data["as_of"]), COPY_DATE)
    return merged, conflicts


def source_entry(instrument: str) -> dict:
    """The source the copied rows cite: UNODA's page for the instrument, read through the harvest."""
    treaty = TREATIES_IN_COPY[instrument][0]
    page = "index page" if SOURCE_PAGES[instrument] == DATABASE_INDEX else "treaty page"
    title = f"UNODA Treaties Database ({page}), {treaty}: actions by state, as the database's per-state pages gave them"
    return {
        "key": SOURCE_KEY,
        "title": title,
        "url": SOURCE_PAGES[instrument],
        "accessed": ACCESSED,
        "via": {"title": VIA_TITLE, "url": COPY_URL, "captured": CAPTURED},
    }


def _made_redundant(act: dict, copied: list[dict]) -> bool:
    """Whether the copy says all that `act` says: the same state, act, day and depositary, or more."""
    mine = [c for c in copied if c["state"] == act["state"]]
    if act["action"] == "became-party":  # the copy names the act: ratification, accession...
        mine = [c for c in mine if c["action"] != "signature"]
    else:
        mine = [c for c in mine if c["action"] == act["action"]]
    date = str(act.get("date") or "")
    if len(date) < 10:  # undated, or known only to the month or year
        return any(c["date"].startswith(date) for c in mine)
    if act["action"] == "became-party":
        return any(c["date"] == date and act.get("depositary") in (None, c.get("depositary")) for c in mine)
    return not act.get("depositary") and any(c["date"] == date for c in mine)


def _key(act: dict) -> tuple:
    return act["state"], act["action"], str(act.get("date")), act.get("depositary")


def _same(act: dict, other: dict) -> bool:
    keys = ("state", "action", "depositary")
    return all(act.get(k) == other.get(k) for k in keys) and str(other.get("date")) == act["date"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("copy", type=Path, help="treatydata.json")
    parser.add_argument("--id", action="append", required=True, choices=sorted(TREATIES_IN_COPY))
    parser.add_argument("--check", action="store_true", help="only measure the copy against our other sources")
    parser.add_argument("--out-dir", type=Path, default=TREATIES, help="where treaty files live (default: treaties/)")
    args = parser.parse_args(argv)
    contradicted = False
    try:
        copy = json.loads(args.copy.read_text(encoding="utf-8"))
        for instrument in args.id:
            path = args.out_dir / f"{instrument}.yaml"
            data = yamlio.load(path)
            copied = copy_actions(copy, instrument)
            if args.check:
                lines = disagreements(data["participation"], copied)
                for line in lines:
                    print(f"{instrument}: {line}")
                confirmed = agreements(data["participation"], copied)
                print(
                    f"{instrument}: {confirmed} copied dates confirmed, {len(lines)} contradicted, {len(copied)} in all"
                )
                contradicted = contradicted or bool(lines)
                continue
            if instrument in CHECK_ONLY:
                raise ImportFailed(f"{instrument}: the copy is used only to measure this file (use --check)")
            merged, conflicts = merge(data, copied)
            for line in conflicts:
                print(f"{instrument}: not imported, our sources disagree: {line}")
            yamlio.write_atomic(path, yamlio.dumps(merged))
            print(
                f"{path}: {sum(a.get('source') == SOURCE_KEY for a in merged['participation'])} actions from the copy"
            )
    except (ImportFailed, OSError, json.JSONDecodeError, yamlio.YamlError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 1 if contradicted else 0


if __name__ == "__main__":
    sys.exit(main())
