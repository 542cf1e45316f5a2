"""Notes are read by researchers: they speak of the sources and the facts, never of how the file was made."""

import re
from pathlib import Path

from treatylib import yamlio

TREATIES = Path(__file__).parents[1] / "treaties"
# Phrases from data-gathering work that do not belong on a page a reader cites.
WORKFLOW = re.compile(
    r"treaties/[\w-]+\.yaml|\bour file\b|\bmain file\b|library file|see unconfirmed|not asked for", re.IGNORECASE
)


def test_no_note_talks_about_our_own_files():
    leaks = []
    for path in sorted(TREATIES.glob("*.yaml")):
        data = yamlio.load(path)
        for action in data["participation"]:
            if WORKFLOW.search(action.get("note") or ""):
                leaks.append(f"{path.name}: {action['state']} {action['action']}")
        if WORKFLOW.search(data.get("coverage_note") or ""):
            leaks.append(f"{path.name}: coverage_note")
    assert leaks == []
