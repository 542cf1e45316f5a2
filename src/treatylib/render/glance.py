"""The at-a-glance block of a state page: one small card per key instrument, each with the status
badge and one sentence that says it in words.

Each card is a heading with an id, so Material's search indexes it as its own section: a search for
"Pakistan MTCR" then lands on the card that says "Pakistan is not a partner of the MTCR.", where the
page's big tables stay out of the index. The headings are raw HTML so that they stay out of the
page's table of contents, which would otherwise list ten instruments under "At a glance"."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..catalog import Catalog
from . import md
from .safe import Md, attr, text
from .standing_words import sentence, spoken_name

# The instruments readers ask about first, in the order they are asked about.
KEY_INSTRUMENTS = (
    "npt",
    "ctbt",
    "tpnw",
    "cwc",
    "bwc",
    "mtcr",
    "hcoc",
    "nsg",
    "australia-group",
    "wassenaar",
)


def key_summary(catalog: Catalog, code: str) -> Md:
    """The key instruments in one line, grouped by status label ("Party: CWC, BWC · Not joined:
    NPT, CTBT, ..."): the whole answer on a phone before the cards, and the words that let search
    rank the page itself first for "Pakistan MTCR" (a page whose text has every word of the query
    ranks above one that has only some)."""
    groups: dict[str, list[str]] = {}
    entries = [catalog.entry(catalog.by_id[i], code) for i in KEY_INSTRUMENTS if i in catalog.by_id]
    # What the state is in first, then what it signed, then the rest, each in the cards' order.
    for entry in sorted(entries, key=lambda e: (not e.status.is_in, e.status.status != "signatory")):
        groups.setdefault(entry.status.label, []).append(spoken_name(entry.instrument))
    if not groups:
        return Md("")
    parts = [f"<strong>{text(label)}:</strong> {text(', '.join(names))}" for label, names in groups.items()]
    return Md('<p class="glance-line">' + " · ".join(parts) + "</p>\n\n")


def glance(catalog: Catalog, code: str) -> Md:
    cards = [_card(catalog, ident, code) for ident in KEY_INSTRUMENTS if ident in catalog.by_id]
    if not cards:
        return Md("")
    return Md('## At a glance\n\n<div class="glance">\n' + "\n".join(cards) + "\n</div>\n\n")


def _card(catalog: Catalog, ident: str, code: str) -> str:
    inst = catalog.by_id[ident]
    entry = catalog.entry(inst, code)
    anchor = attr(f"glance-{inst.id}")
    href = attr(quote(f"../instruments/{inst.id}.html", safe="/.-_"))
    return (
        f'<section class="glance-card" aria-labelledby="{anchor}">\n'
        # The badge is not in the heading: search weighs heading words a thousand times the text, and
        # "ratification revoked" on Russia's CTBT card outranked the page that explains de-ratification.
        # The stylesheet puts it on the heading's line.
        f'<h3 id="{anchor}"><a href="{href}" title="{attr(inst.name)}">{text(inst.short_name)}</a></h3>\n'
        f'<p class="glance-status">{md.status_badge(entry.status)}</p>\n'
        f"<p>{_unbroken_dates(text(sentence(catalog, entry, code)))}</p>\n"
        "</section>"
    )


def _unbroken_dates(escaped: Md) -> Md:
    """Keep ISO dates on one line: browsers break lines at hyphens ("1970-03-" / "05"). The pattern
    matches digits and hyphens only, so it cannot touch the escaping."""
    return Md(re.sub(r"\b\d{4}-\d{2}(?:-\d{2})?\b", lambda m: f'<span class="nowrap">{m[0]}</span>', escaped))
