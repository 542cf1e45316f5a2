"""World maps of participation: the instrument's map and a state's locator map.

Every state's colour, words and link come from status.standing (through the catalog), so the map
says what the table, the count and the exports say. The table stays the accessible alternative:
a link before the map lets keyboard users skip its two hundred stops."""

from __future__ import annotations

from collections import Counter

from .. import states
from ..catalog import Catalog
from ..model import Instrument
from ..status import COUNTED_APART, roster
from . import worldmap
from .safe import Md, text

# Legend order, and the word for each status.
_ORDER = ("party", "member", "signatory", "adherent", "withdrawn", "former-party", None, "unknown", "ineligible")


def css_class(status: str | None) -> str:
    return f"status-{status or 'none'}"


def instrument_map(catalog: Catalog, inst: Instrument, anchor: str = "participation-table") -> Md:
    # States only: a territory (Greenland) is drawn in its sovereign's colour by the map itself.
    codes = sorted(set(worldmap.drawn_codes()) & set(catalog.state_codes) - set(worldmap.SOVEREIGN))
    statuses = {code: catalog.entry(inst, code).status for code in codes}
    fills = {code: css_class(st.status) for code, st in statuses.items()}
    labels = {code: st.label for code, st in statuses.items()}
    links = {code: f"../states/{code.lower()}.html" for code in codes}
    # The legend counts what the headline counts: Taiwan is drawn, but counted apart.
    tally = Counter(st.status for code, st in statuses.items() if code not in COUNTED_APART)
    words = {st.status: _legend_word(st.status, st.label) for st in statuses.values()}
    items = [(css_class(s), words[s], tally[s]) for s in _ORDER if tally.get(s)]
    svg = worldmap.world_map(
        fills,
        title=f"{inst.short_name}: status of every state on the map",
        desc="Each state is coloured, and where needed patterned, by its status; the legend gives the counts "
        "and the table below lists every state.",
        links=links,
        labels=labels,
        id_prefix=f"map-{inst.id}",
    )
    skip = f'<a class="wm-skip" href="#{anchor}">Skip the map: go to the table</a>'
    return Md(
        f'\n<div class="wm-figure">\n{skip}\n{svg}\n{worldmap.legend(items)}\n{_off_map(inst, set(codes))}</div>\n\n'
    )


def _off_map(inst: Instrument, drawn: set[str]) -> str:
    """Who has a status but no place on the map (the European Union), so the legend and the count agree."""
    missing = [
        (code, st)
        for code, st in roster(inst).items()
        if code not in drawn and code not in COUNTED_APART and st.status != "former-state"
    ]
    if not missing:
        return ""
    items = "".join(
        f'<li data-status="{st.status}">{text(states.name(code))}: {text(st.label)}</li>' for code, st in missing
    )
    return f'<p class="wm-offmap-title">Not on the map:</p>\n<ul class="wm-offmap">{items}</ul>\n'


def _legend_word(status: str | None, label: str) -> str:
    """The legend's word: the status without per-state detail ("Party", "Partner", "Not joined")."""
    return label.split(" (")[0]


def locator_map(code: str) -> Md:
    if code not in worldmap.drawn_codes():
        return Md("")
    svg = worldmap.world_map({code: "status-party"}, title=f"Where {states.name(code)} is", highlight=code, small=True)
    return Md(f'\n<div class="wm-locator">\n{svg}\n</div>\n\n')
