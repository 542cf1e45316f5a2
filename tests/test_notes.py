"""Notes are read by researchers: they speak of the sources and the facts, never of how the file was made."""

import re
from pathlib import Path

from treatylib import yamlio

TREATIES = Path(__file__).parents[1] / "treaties"
# Phrases from data-gathering work that do not belong on a page a reader cites.
WORKFLOW = re.compile(
    r"treaties/[\w-]+\.yaml|\bour file\b|\bmain file\b|library file|see unconfirmed|not asked for"
    r"|not citable|lead only|\bHUGGO\b|(upgrades|replaces) the undated"
    r"|stored (copy|excerpt|page|opening)|copy (we )?read|not checked here",
    re.IGNORECASE,
)

# A guess is not a fact: a note says what a source states, or that it is silent.
GUESS = re.compile(
    r"\bprobably\b|\bpresumably\b|\bappears to be\b|\bmust have been\b|\bperhaps\b|\bapparently\b"
    r"|\bassum(ed|ption)\b",
    re.IGNORECASE,
)


def notes_matching(pattern):
    for path in sorted(TREATIES.glob("*.yaml")):
        data = yamlio.load(path)
        for action in data["participation"]:
            if pattern.search(action.get("note") or ""):
                yield f"{path.name}: {action['state']} {action['action']}"
        for field in ("summary", "coverage_note", "entry_into_force_conditions"):
            if pattern.search(data.get(field) or ""):
                yield f"{path.name}: {field}"
        for count in data.get("official_counts", []):
            if pattern.search(count.get("difference") or ""):
                yield f"{path.name}: official count as of {count['as_of']}"


def test_no_note_talks_about_our_own_files():
    assert list(notes_matching(WORKFLOW)) == []


def test_no_note_states_a_guess():
    assert list(notes_matching(GUESS)) == []
