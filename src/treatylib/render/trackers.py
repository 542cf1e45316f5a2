"""The trackers: pages that each answer one question, and an index that links them."""

from __future__ import annotations

from ..catalog import Catalog
from . import md, trackers_exits, trackers_force, trackers_signed, trackers_universality
from .safe import internal

# File name -> (link text, the question the page answers, renderer), in the order the index lists them.
PAGES = {
    "withdrawals.md": (
        "Withdrawals, revoked consents and suspensions",
        "Which states have left a treaty, revoked a ratification or suspended a treaty, and when?",
        trackers_exits.render,
    ),
    "signed-not-ratified.md": (
        "Signed but not ratified",
        "Which states signed a treaty but are not bound by it, per treaty and per state?",
        trackers_signed.render,
    ),
    "entry-into-force.md": (
        "Entry into force",
        "Which CTBT Annex 2 states still keep the CTBT from entering into force? When was each treaty's "
        "ratification threshold reached?",
        trackers_force.render,
    ),
    "zone-protocols.md": (
        "Zone protocols: the nuclear-weapon states",
        "Which nuclear-weapon states are bound by the protocols of the nuclear-weapon-free-zone treaties?",
        trackers_universality.render_protocols,
    ),
    "universality.md": (
        "Universality",
        "Which UN member and observer states are outside each treaty, by region?",
        trackers_universality.render_universality,
    ),
}


def _index() -> str:
    out = md.front_matter("Trackers", description="Trackers that answer one question each", boost=1)
    out += "# Trackers\n\nEach tracker answers one question from the whole data set.\n\n"
    rows = [[internal(title, name), question] for name, (title, question, _) in PAGES.items()]
    out += md.table(["Tracker", "Question it answers"], rows)
    out += "\nSee also [what changed in each year](../changes/index.md).\n"
    return out


def render_all(catalog: Catalog) -> dict[str, str]:
    """Pages keyed by file name under trackers/."""
    pages = {name: render(catalog) for name, (_, _, render) in PAGES.items()}
    pages["index.md"] = _index()
    return pages
