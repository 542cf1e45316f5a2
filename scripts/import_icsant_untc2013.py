"""Build the ICSANT participation list from the June 2013 copy of the UNTC grid (XVIII-15).

    PYTHONPATH=src python scripts/import_icsant_untc2013.py [--csv PATH] [--treaties-dir treaties]

The input is the `untc-2013/18-15.csv` file of the shared source pack: a third-party
copy of the UN Treaty Collection participant grid, scraped in June 2013. A copy is a
lead, not an authority, so its dates are kept in full only because the same copy of
eleven other UNTC grids agrees with the depositary's 2026 pages on every date the two
share (1,902 of 1,902; `scripts/check_untc2013_copy.py` measures it). Each imported
action cites the `untc-2013` source. On top of that:

* a row must pass plausibility checks, or the import stops and nothing is written:
  a signature falls inside the signature period of article 24 (14 September 2005 to
  31 December 2006); a ratification/acceptance/approval/accession falls between the
  opening for signature and the scrape date, and not before the state's own signature;
* a date also confirmed by another source (CONFIRMED below) cites that source, and a
  disagreement between the two stops the import;
* footnote markers were lost in the copy, so the two actions the footnotes used to
  explain are fixed by rule: Serbia's 2005 signature was made by Serbia and
  Montenegro (recorded under SCG), and Montenegro's 2006 "d" is a succession to
  that signature (recorded as a signature with `predecessor: SCG`, not as a party).

In an existing treaties/icsant.yaml it replaces only the actions it made before (those
citing `untc-2013` or a CONFIRMED source for the same act). Hand-written actions stay,
such as the deposits made after June 2013, and win over the copy for the same state and act.
The metadata, the other sources and the official counts stay as they are.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from pathlib import Path

from treatylib import states, yamlio
from treatylib.paths import ROOT, TREATIES

DEFAULT_CSV = ROOT.parent / "shared" / "sources" / "untc-2013" / "18-15.csv"
AS_OF = "2013-06"  # month of the scrape (files generated 2013-06-06 and 2013-06-18)
SCRAPE_DAY = dt.date(2013, 6, 18)
OPENED = dt.date(2005, 9, 14)
SIGNATURE_CLOSES = dt.date(2006, 12, 31)
SUFFIX_ACTION = {"": "ratification", "a": "accession", "A": "acceptance", "AA": "approval", "d": "succession"}
ACTION_ORDER = {"signature": 0, "ratification": 1, "acceptance": 1, "approval": 1, "accession": 1, "succession": 1}

COPY_SOURCE = {
    "key": "untc-2013",
    "title": (
        "UN Treaty Collection, Chapter XVIII-15 participant grid as copied in June 2013 "
        "(a third-party copy that agrees with the current UNTC pages on all 1,902 dates they share)"
    ),
    "url": "https://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-15&chapter=18&lang=en",
    "accessed": "2013-06-18",
}

# (state, action) -> (full date, source key, note). Each entry is confirmed by an authoritative
# source listed in treaties/icsant.yaml under that key, and agrees with the 2013 lead.
_FIRST_THREE = "Among the first three signatures on the opening day (UN News)."
CONFIRMED: dict[tuple[str, str], tuple[str, str, str]] = {
    ("RUS", "signature"): ("2005-09-14", "un-news-2005", _FIRST_THREE),
    ("USA", "signature"): ("2005-09-14", "un-news-2005", _FIRST_THREE),
    ("FRA", "signature"): ("2005-09-14", "un-news-2005", _FIRST_THREE),
}


class LeadError(Exception):
    """A row of the lead that fails a plausibility check; the import stops."""


def parse_cell(text: str) -> tuple[dt.date, str] | None:
    """'14 Sep 2005' -> (date, ''); '3 Mar 2011 a' -> (date, 'a'); '' -> None."""
    text = " ".join(text.split())
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2} [A-Z][a-z]{2} \d{4})(?: (a|A|AA|d))?", text)
    if not match:
        raise LeadError(f"cannot read date cell {text!r}")
    return dt.datetime.strptime(match.group(1), "%d %b %Y").date(), match.group(2) or ""


def _action(state: str, action: str, day: dt.date, **extra) -> dict:
    confirmed = CONFIRMED.get((state, action))
    if confirmed and confirmed[0] == day.isoformat():
        date, source, note = confirmed
        return {"state": state, "action": action, "date": date, **extra, "source": source, "note": note}
    if confirmed:
        raise LeadError(f"{state} {action}: lead says {day}, confirmed source says {confirmed[0]}")
    return {"state": state, "action": action, "date": day.isoformat(), **extra, "source": COPY_SOURCE["key"]}


def rows_to_actions(rows: list[list[str]]) -> list[dict]:
    """Turn grid rows [participant, signature cell, consent cell] into actions (checked)."""
    actions: list[dict] = []
    for row in rows:
        name, sig_cell, consent_cell = (row + ["", "", ""])[:3]
        code = states.code_for_name(name)
        sig, consent = parse_cell(sig_cell), parse_cell(consent_cell)
        if sig:
            day, suffix = sig
            if not OPENED <= day <= SIGNATURE_CLOSES:
                raise LeadError(f"{name}: signature {day} outside the signature period of article 24")
            if suffix not in ("", "d"):
                raise LeadError(f"{name}: unexpected suffix {suffix!r} in the signature column")
            if code == "SRB" and day < dt.date(2006, 6, 3):
                actions.append(
                    _action(
                        "SCG",
                        "signature",
                        day,
                        note=(
                            "Listed by UNTC under Serbia; signed when the state was Serbia and Montenegro "
                            "(SCG), which Serbia continues."
                        ),
                    )
                )
            elif suffix == "d":
                actions.append(
                    _action(
                        code,
                        "signature",
                        day,
                        predecessor="SCG",
                        note=(
                            "Succession to the signature of Serbia and Montenegro (UNTC 'd' in the signature "
                            "column); this makes the state a signatory, not a party."
                        ),
                    )
                )
            else:
                actions.append(_action(code, "signature", day))
        if consent:
            day, suffix = consent
            if suffix not in SUFFIX_ACTION:
                raise LeadError(f"{name}: unknown suffix {suffix!r}")
            if not OPENED <= day <= SCRAPE_DAY:
                raise LeadError(f"{name}: consent {day} outside {OPENED}..{SCRAPE_DAY}")
            if sig and day < sig[0]:
                raise LeadError(f"{name}: consent {day} before signature {sig[0]}")
            kind = SUFFIX_ACTION[suffix]
            if kind == "accession" and sig:
                raise LeadError(f"{name}: accession by a signatory")
            if kind == "ratification" and not sig:
                raise LeadError(f"{name}: ratification without a signature")
            actions.append(_action(code, kind, day))
    actions.sort(key=lambda a: (a["state"], a["date"], ACTION_ORDER[a["action"]]))
    return actions


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if not header or header[0] != "Participant" or len(header) != 3:
            raise LeadError(f"unexpected header {header!r}")
        return [row for row in reader if row and row[0].strip()]


def consents_before(actions_rows: list[list[str]], day: dt.date) -> int:
    """How many consents to be bound the lead dates on or before `day` (a cross-check)."""
    return sum(1 for row in actions_rows if (c := parse_cell(row[2])) and c[0] <= day)


def _made_here(action: dict) -> bool:
    """True for an action a previous run of this importer wrote."""
    confirmed = CONFIRMED.get((action["state"], action["action"]))
    return action.get("source") == COPY_SOURCE["key"] or bool(confirmed and action.get("source") == confirmed[1])


def merge(data: dict, actions: list[dict]) -> dict:
    """Swap in `actions`, keep hand-written ones (they win for the same state and act)."""
    kept = [a for a in data.get("participation", []) if not _made_here(a)]
    written = {(a["state"], a["action"]) for a in kept}
    merged = kept + [a for a in actions if (a["state"], a["action"]) not in written]
    merged.sort(key=lambda a: (a["state"], str(a.get("date", "")), ACTION_ORDER.get(a["action"], 2)))
    sources = [s for s in data.get("sources", []) if s["key"] != COPY_SOURCE["key"]]
    data["sources"] = sources + [COPY_SOURCE]
    data["as_of"] = max(str(data.get("as_of", AS_OF)), AS_OF)  # ISO prefixes compare as text
    data["participation"] = merged
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--treaties-dir", type=Path, default=TREATIES)
    args = parser.parse_args(argv)
    try:
        rows = read_rows(args.csv)
        actions = rows_to_actions(rows)
    except (LeadError, states.UnknownState) as err:
        print(f"import stopped: {err}", file=sys.stderr)
        return 1
    # Article 25(1): in force on the 30th day after the 22nd instrument; UNTC gives 7 July 2007.
    early = consents_before(rows, dt.date(2007, 6, 7))
    if early != 22:
        print(f"warning: the lead dates {early} consents on or before 2007-06-07, expected 22", file=sys.stderr)
    target = args.treaties_dir / "icsant.yaml"
    if not target.exists():
        print(f"{target} does not exist: write its metadata first", file=sys.stderr)
        return 1
    data = merge(yamlio.load(target), actions)
    yamlio.write_atomic(target, yamlio.dumps(data))
    signed = sum(1 for a in actions if a["action"] == "signature")
    print(f"wrote {target}: {len(actions)} actions, {signed} signatures, {len(actions) - signed} consents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
