"""Import one treaty's actions from the UNODA-derived event timeline into treaties/<id>.yaml.

The input is an HTML table with one row per event; the last cell reads
"<State> signed|ratified|acceded to|succeeded|withdrew from the <Treaty>." and
the flag cell holds the state's flag as regional-indicator letters.

    python scripts/import_unoda.py timeline.html --treaty "Non-Proliferation Treaty" --id npt

--treaty is the treaty name exactly as the sentences spell it. An existing file
keeps its metadata and every action from other sources; only the `unoda`
actions and the `unoda` source entry are replaced, and a hand-written action
for the same state with the same date (or, with a single depositary, the same
action) overrides the source's row: that is how a checked correction survives
re-imports. A new file needs --name,
--short-name, --kind, --domain and --summary: the importer never guesses them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pycountry

from treatylib import states, yamlio
from treatylib.paths import SCHEMA, TREATIES

SOURCE_KEY = "unoda"
# The build's data date; the file itself lost it with its <script> block (see the sources README).
DATA_DATE = "2026-08-22"
SOURCE_TITLE = "UNODA Treaties Database (one date per state and action; the depositary is not stated)"

VERBS = {
    "signed": "signature",
    "ratified": "ratification",
    "acceded to": "accession",
    "succeeded": "succession",
    "accepted": "acceptance",
    "approved": "approval",
}
# "withdrew from" is refused: the source uses it for real withdrawals and for Russia's CTBT
# de-ratification alike, and gives one date without saying if it is the notice or the effect.
REFUSED_VERBS = ("withdrew from",)
# The schema's enums, for new-file stubs.
_SCHEMA = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]
KINDS, DOMAINS = _SCHEMA["kind"]["enum"], _SCHEMA["domains"]["items"]["enum"]
ORDER = {"signature": 0, "withdrawal": 2}  # same-day ties: sign first, join next, leave last


class ImportFailed(Exception):
    """A problem that stops the import; nothing is written."""


class _Rows(HTMLParser):
    """Collect the text of every <td> of every <tr>."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _flag_code(cell: str) -> str | None:
    """'🇷🇺' -> 'RU'; None when the cell holds no flag."""
    letters = [chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in cell if 0x1F1E6 <= ord(ch) <= 0x1F1FF]
    return "".join(letters) or None


def parse_events(path: Path, treaty: str) -> list[tuple[str, str, str, str | None]]:
    """(date, state name, verb, flag) for every row about `treaty`; raise if there are none."""
    parser = _Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    suffix = f" the {treaty}."
    events, seen_treaties = [], set()
    for cells in parser.rows:
        if len(cells) < 2:
            continue
        date, flag, sentence = cells[0], cells[1], cells[-1]
        if " the " in sentence:
            seen_treaties.add(sentence.rsplit(" the ", 1)[-1].rstrip("."))
        if not sentence.endswith(suffix):  # exact name: "Prohibition of Nuclear Weapons" must not match Tlatelolco
            continue
        head = sentence[: -len(suffix)]
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
            raise ImportFailed(f"{path}: bad date {date!r} in {sentence!r}")
        verb = next((v for v in (*VERBS, *REFUSED_VERBS) if head.endswith(" " + v)), None)
        if verb is None:
            raise ImportFailed(f"{path}: cannot read the action in {sentence!r}")
        if verb in REFUSED_VERBS:
            raise ImportFailed(f"{path}: {sentence!r} needs a hand-written action (withdrawal or de-ratification?)")
        events.append((date, head[: -len(verb) - 1], verb, _flag_code(flag)))
    if not events:
        names = ", ".join(sorted(seen_treaties))
        raise ImportFailed(f"{path}: no rows for treaty {treaty!r}; the file names: {names}")
    return events


def _former_for(code: str, date: str) -> str | None:
    """The former state `code` continues, if `date` falls before it ended (Russia -> USSR before 1991-12-26)."""
    for former in states.get(code).predecessors:
        state = states.get(former)
        # After a union the continuator's earlier acts are its own (Yemen), so a date cannot tell.
        if state.continuator == code and state.ended and date < state.ended and not state.union:
            return former
    return None


def build_actions(path: Path, events) -> list[dict]:
    """Map names to codes and events to actions; raise listing every unmapped name."""
    unknown, mismatched, actions = set(), set(), []
    for date, name, verb, flag in events:
        try:
            code = states.code_for_name(name)
        except states.UnknownState:
            unknown.add(name)
            continue
        # The flag is a second, independent reading of the state: a disagreement means a bad alias.
        if flag and flag != _alpha2(code):
            mismatched.add(f"{name} -> {code} (flag {flag})")
            continue
        action = {"state": code, "action": VERBS[verb], "date": date}
        former = _former_for(code, date)
        if former:
            action["state"] = former
            action["note"] = (
                f"Listed by the source under {states.name(code)}; recorded under the former state "
                f"{states.name(former)} ({former}), which {states.name(code)} continues."
            )
        if action["action"] == "succession" and states.succeeded_state(action["state"]):
            action["predecessor"] = states.succeeded_state(action["state"])
        actions.append(action)
    if unknown:
        raise ImportFailed(
            f"{path}: unmapped state name(s): {', '.join(sorted(unknown))} (add them to data/aliases.yaml)"
        )
    if mismatched:
        raise ImportFailed(f"{path}: name and flag disagree: {'; '.join(sorted(mismatched))}")
    return actions


def _alpha2(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    return country.alpha_2 if country else code[:2]  # entities such as XKX fly their code's first letters


def _source(slug: str) -> dict:
    return {
        "key": SOURCE_KEY,
        "title": SOURCE_TITLE,
        "url": f"https://treaties.unoda.org/t/{slug}",
        "accessed": DATA_DATE,
    }


def merge(data: dict | None, actions: list[dict], args) -> dict:
    """Replace the unoda actions and source of `data`, or build a minimal stub."""
    if data is None:
        missing = [opt for opt in ("name", "short_name", "kind", "domain", "summary") if not getattr(args, opt)]
        if missing:
            flags = ", ".join("--" + m.replace("_", "-") for m in missing)
            raise ImportFailed(f"new file {args.id}.yaml needs {flags}")
        data = {
            "id": args.id,
            "name": args.name,
            "short_name": args.short_name,
            "kind": args.kind,
            "domains": args.domain,
            "summary": args.summary,
            "as_of": DATA_DATE,
            "sources": [],
            "participation": [],
        }
    # Refresh the unoda entry in place, so the file's default (first) source does not change.
    sources = list(data["sources"])
    keys = [s["key"] for s in sources]
    if SOURCE_KEY in keys:
        sources[keys.index(SOURCE_KEY)] = _source(args.slug)
    else:
        sources.append(_source(args.slug))
    default = sources[0]["key"]

    kept = [act for act in data["participation"] if act.get("source", default) != SOURCE_KEY]
    # A hand-written action for the same state on the same date is a correction of the source's row
    # (e.g. a signature the source calls an accession): it replaces that row. So is one for the same
    # state and action, unless the treaty has several depositaries: there a different date is usually
    # another depositary's deposit, and the source's row stays beside it.
    same_date = {(a["state"], a.get("date")) for a in kept}
    same_action = set() if len(data.get("depositaries", [])) > 1 else {(a["state"], a["action"]) for a in kept}
    actions = [
        a for a in actions if (a["state"], a["action"]) not in same_action and (a["state"], a["date"]) not in same_date
    ]
    for act in actions:
        if default != SOURCE_KEY:
            act["source"] = SOURCE_KEY

    participation = sorted(kept + actions, key=lambda a: (a["state"], a.get("date", ""), ORDER.get(a["action"], 1)))
    data = dict(data, sources=sources, participation=participation)
    data["as_of"] = max(str(data["as_of"]), DATA_DATE)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timeline", type=Path, help="the UNODA-derived timeline.html")
    parser.add_argument(
        "--treaty", required=True, help='treaty name as the sentences spell it, e.g. "Non-Proliferation Treaty"'
    )
    parser.add_argument("--id", required=True, help="instrument id = file name, e.g. npt")
    parser.add_argument("--slug", help="treaties.unoda.org/t/<slug> (default: the id)")
    parser.add_argument("--out-dir", type=Path, default=TREATIES, help="where treaty files live (default: treaties/)")
    for opt in ("--name", "--short-name", "--summary"):
        parser.add_argument(opt, help="for a new file only")
    parser.add_argument("--kind", choices=KINDS, help="for a new file only")
    parser.add_argument("--domain", action="append", choices=DOMAINS, help="for a new file only; repeat for several")
    args = parser.parse_args(argv)
    args.slug = args.slug or args.id

    target = args.out_dir / f"{args.id}.yaml"
    try:
        actions = build_actions(args.timeline, parse_events(args.timeline, args.treaty))
        data = merge(yamlio.load(target) if target.exists() else None, actions, args)
    except ImportFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    yamlio.write_atomic(target, yamlio.dumps(data))

    default = data["sources"][0]["key"]
    imported = [a for a in data["participation"] if a.get("source", default) == SOURCE_KEY]
    tally = {}
    for act in imported:
        tally[act["action"]] = tally.get(act["action"], 0) + 1
    print(
        f"{target}: {len(imported)} unoda actions for {len({a['state'] for a in imported})} states "
        f"({', '.join(f'{n} {k}' for k, n in sorted(tally.items()))}); "
        f"{len(actions) - len(imported)} rows replaced by hand-written corrections; "
        f"kept {len(data['participation']) - len(imported)} other actions"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
