"""The instrument index and the by-domain and by-kind sections."""

from __future__ import annotations

from ..catalog import Catalog
from ..model import Instrument
from ..status import counts
from . import md
from .safe import internal


def _row(inst: Instrument) -> list[str]:
    tally = counts(inst)
    joined = tally["members"] if inst.is_regime else tally["parties"]
    opened = inst.opened_for_signature or inst.signed or inst.established
    if inst.ended:
        in_force = f"{md.date_words(inst.entry_into_force)}, ended {md.date_words(inst.ended.date)}"
    elif inst.entry_into_force:
        in_force = md.date(inst.entry_into_force)
    else:
        in_force = "—" if inst.is_regime else "not in force"
    return [
        md.instrument_link(inst),
        inst.name,
        md.KIND_LABELS[inst.kind],
        ", ".join(md.DOMAIN_LABELS[d] for d in inst.domains),
        md.date(opened),
        in_force,
        str(joined),
    ]


_HEADERS = ["Short name", "Name", "Kind", "Domain", "Opened or signed", "Entry into force", "Parties or members"]


def instrument_table(instruments: list[Instrument]) -> str:
    if not instruments:
        return "No instruments in this section yet.\n"
    rows = [_row(i) for i in sorted(instruments, key=lambda i: i.short_name.casefold())]
    # page-wide (tables.css): the list takes the whole screen, so every column shows at 1400 px.
    return '<div class="sortable page-wide">\n\n' + md.table(_HEADERS, rows) + "\n</div>\n"


def render_index(catalog: Catalog) -> str:
    out = md.front_matter(
        "Instruments", description="Every arms-control instrument in the library", boost=1, hide=["toc"]
    )
    out += "# Instruments\n\n"
    out += (
        "Every treaty, protocol, regime and code in the library. Click a column heading to sort. "
        "Parties counts treaties' parties; for regimes and codes it counts members (partners, "
        "participants, subscribing states).\n\n"
    )
    out += "Browse by domain: " + " · ".join(
        internal(label, f"domain-{key}.md") for key, label in md.DOMAIN_LABELS.items()
    )
    out += "\n\nBrowse by kind: " + " · ".join(
        internal(label, f"kind-{key}.md") for key, label in md.KIND_PLURALS.items()
    )
    out += "\n\n" + instrument_table(list(catalog.instruments))
    return out


def render_domain(catalog: Catalog, domain: str) -> str:
    label = md.DOMAIN_LABELS[domain]
    out = md.front_matter(f"{label} instruments", description=f"Arms-control instruments: {label}", hide=["toc"])
    out += f"# {label}\n\n" + instrument_table([i for i in catalog.instruments if domain in i.domains])
    return out


def render_kind(catalog: Catalog, kind: str) -> str:
    label = md.KIND_PLURALS[kind]
    out = md.front_matter(label, description=f"Arms-control instruments: {label}", hide=["toc"])
    out += f"# {label}\n\n" + instrument_table([i for i in catalog.instruments if i.kind == kind])
    return out
