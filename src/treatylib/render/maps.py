"""World maps of participation: the instrument's map and a state's locator map.

Every state's colour, words and link come from status.standing (through the catalog), so the map
says what the table, the count and the exports say. The table stays the accessible alternative:
a link before the map lets keyboard users skip its two hundred stops.

docs/assets/js/mapyear.js draws an instrument's map from the shared outlines (worldmap.shapes_script) and
the page's statuses (worldmap.map_data). The map also carries each state's status changes by year
(map_history.py, from status.standing) and a year control that the same script shows and drives. Without
the script neither is drawn: the legend, its counts and the table say the same."""

from __future__ import annotations

import json
from collections import Counter

from .. import states
from ..catalog import Catalog
from ..model import Instrument
from ..status import COUNTED_APART, Status, roster
from . import map_history, worldmap
from .safe import Md, attr, script_json, text

# Legend order, and the word for each status.
_ORDER = ("party", "member", "signatory", "adherent", "withdrawn", "former-party", None, "unknown", "ineligible")


def css_class(status: str | None) -> str:
    return f"status-{status or 'none'}"


def instrument_map(
    catalog: Catalog,
    inst: Instrument,
    anchor: str = "participation-table",
    shapes_href: str = f"../{worldmap.SHAPES_FILE}",
) -> Md:
    """The instrument's map: its frame, its statuses and the shared outlines (shapes_href: that script's address
    from the page), drawn by mapyear.js; then the legend with the counts, and who is not on the map."""
    # States only: a territory (Greenland) is drawn in its sovereign's colour by the map itself.
    codes = sorted(set(worldmap.drawn_codes()) & set(catalog.state_codes) - set(worldmap.SOVEREIGN))
    statuses = {code: catalog.entry(inst, code).status for code in codes}
    histories = {code: map_history.history(inst, code, st) for code, st in statuses.items()}
    # The legend counts what the headline counts: Taiwan is drawn, but counted apart.
    tally = Counter(st.status for code, st in statuses.items() if code not in COUNTED_APART)
    words = _words([*statuses.values(), *(st for changes in histories.values() for _, st, _ in changes)])
    seen = {*tally, *(st.status for changes in histories.values() for _, st, _ in changes)}
    items = [(css_class(s), words[s], tally.get(s, 0)) for s in _ORDER if s in seen]
    shell = worldmap.map_shell(
        title=f"{inst.short_name}: status of every state on the map",
        desc="Each state is coloured, and where needed patterned, by its status; the legend gives the counts "
        "and the table below lists every state.",
        id_prefix=f"map-{inst.id}",
        classes=[css_class(s) for s in seen],
    )
    drawing = worldmap.map_data(
        {code: css_class(st.status) for code, st in statuses.items()},
        {code: st.label for code, st in statuses.items()},
        {code: map_history.encode(changes) for code, changes in histories.items() if changes},
        "../states/",
    )
    skip = f'<a class="wm-skip" href="#{anchor}">Skip the map: go to the table</a>'
    fallback = (
        '<noscript><p class="wm-noscript">The map needs JavaScript. The legend below gives the counts, '
        "and the table lists every state.</p></noscript>"
    )
    years = [year for changes in histories.values() for year, _, _ in changes if year is not None]
    formers = sorted({who for changes in histories.values() for _, _, who in changes if who})
    first, last = (min(years), inst.as_of.latest.year) if years else (0, 0)
    control, data = "", ""
    # The statuses as a JSON script element, not an attribute: attribute escaping doubled every quote's cost.
    statuses_json = f'<script type="application/json" class="wm-data">{script_json(_json(drawing))}</script>'
    if first < last:
        control = _year_control(inst, first, last)
        letters = {map_history.LETTERS[s]: words[s] for s in seen}
        data = (
            f' data-years="{first} {last}" data-apart="{" ".join(sorted(COUNTED_APART))}"'
            # Sorted: `seen` is a set; the same data must give the same page (serve rebuilds what changed).
            f' data-words="{attr(_json(letters))}"'
            f' data-names="{attr(_json({c: states.name(c) for c in formers}))}"'
        )
    script = f'<script src="{attr(shapes_href)}"></script>'
    return Md(
        f'\n<div class="wm-figure"{data}>\n{statuses_json}\n{skip}\n{fallback}\n{control}{shell}\n'
        f"{worldmap.legend(items)}\n{_off_map(inst, set(codes))}</div>\n{script}\n\n"
    )


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _words(seen: list[Status]) -> dict[str | None, str]:
    """The legend's word for each status, from the first state that has it."""
    words: dict[str | None, str] = {}
    for st in seen:
        words.setdefault(st.status, _legend_word(st.status, st.label))
    return words


def _year_control(inst: Instrument, first: int, last: int) -> str:
    """A range input, hidden until mapyear.js shows it."""
    ident = f"map-{inst.id}-year"
    as_of = text(inst.as_of.human())
    return (
        f'<div class="wm-year" hidden><label for="{ident}">Status at the end of</label> '
        f'<input type="range" id="{ident}" min="{first}" max="{last}" step="1" value="{last}" '
        f'aria-describedby="{ident}-out"> '
        f'<output id="{ident}-out" for="{ident}" data-today="today ({as_of})">today ({as_of})</output> '
        f'<button type="button" class="wm-play" aria-pressed="false">Play</button></div>\n'
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
        # The year data sits on an inner span: the <li> keeps only its status, which tests/test_agreement.py counts.
        f'<li data-status="{st.status}"><span data-y="{map_history.encode(map_history.history(inst, code, st))}">'
        f"{text(states.name(code))}: {text(st.label)}</span></li>"
        for code, st in missing
    )
    return f'<p class="wm-offmap-title">Not on the map:</p>\n<ul class="wm-offmap">{items}</ul>\n'


def _legend_word(status: str | None, label: str) -> str:
    """The legend's word: the status without per-state detail ("Party", "Partner", "Not joined")."""
    return label.split(" (")[0]


def locator_map(code: str, base_href: str = f"../{worldmap.LOCATOR_FILE}") -> Md:
    """A state page's locator: the shared world image (worldmap.LOCATOR_FILE, written once per build) with the
    state drawn over it. base_href: that file's address from the page."""
    if code not in worldmap.drawn_codes():
        return Md("")
    overlay = worldmap.locator_overlay(code, f"Where {states.name(code)} is")
    image = f'<img class="wm-base" src="{attr(base_href)}" alt="" width="1000" height="440" loading="lazy">'
    return Md(f'\n<div class="wm-locator">\n{image}{overlay}\n</div>\n\n')
