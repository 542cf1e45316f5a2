"""The cross-state range chart: every system's cited ranges on a log scale, thresholds drawn in.

Inline SVG (no script, no request), so it works offline and from file://. Colours come from
Material's CSS variables and currentColor through inline styles, so the chart follows the light
and dark themes without a stylesheet of its own; the thresholds differ by line style and label as
well as colour. The table on the page is the text alternative. Labels pass through `safe.text`.

Two drawings of the same data: a wide one with the names in a column at the left, and a narrow one
for phones with each name above its row, so that neither the page nor the chart has to scroll
sideways at 390 px. A media query in a <style> element shows one of them; the other is
`display:none`, so screen readers meet one chart only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import states
from ..systems import StateSystems
from ..systems_checks import NEWS_REFERENCE_KM, Thresholds
from .safe import text

FG = "var(--md-default-fg-color)"
BAR = "var(--md-typeset-a-color)"
BG = "var(--md-default-bg-color)"
TOP = 64  # three rows of threshold labels
BOTTOM = 44
CHAR_WIDTH = 6.6  # rough width of one 12 px character, to keep labels inside the drawing
NARROW_MAX = "600px"
# A halo in the page colour, so a label stays legible where a threshold line runs through it.
HALO = f'style="paint-order:stroke;stroke:{BG};stroke-width:3px;stroke-linejoin:round"'
NARROW_MAX_UNUSED = None  # at or below this page width the narrow drawing is shown


@dataclass(frozen=True)
class Layout:
    name: str
    width: int
    left: int  # where the plot starts; the wide layout keeps its name column left of it
    right: int
    row: int
    names_above: bool  # narrow: each name sits above its own row, not in a column
    svg_style: str


WIDE = Layout("wide", 900, 250, 24, 22, False, "width:100%;min-width:640px;max-width:960px")
NARROW = Layout("narrow", 380, 10, 14, 32, True, "width:100%")


def _ticks(low: float, high: float) -> list[int]:
    """1-3-10 ticks covering the data: 100, 300, 1,000, 3,000, 10,000 ..."""
    ticks, exp = [], math.floor(math.log10(low))
    while True:
        for mult in (1, 3):
            tick = mult * 10**exp
            if tick >= low / 3 and (not ticks or ticks[-1] < high):
                ticks.append(tick)
        if ticks and ticks[-1] >= high:
            return ticks
        exp += 1


def _anchor(tick: int, ticks: list[int]) -> str:
    return "end" if tick == ticks[-1] else "middle"  # the last label would run off the right edge


def _label(x: float, y: float, words: str, width: int) -> str:
    """A threshold label right of its line, or left of it where it would run off the drawing."""
    if x + 4 + CHAR_WIDTH * len(words) > width:
        return f'<text x="{x - 4:.1f}" y="{y}" text-anchor="end" {HALO}>{text(words)}</text>'
    return f'<text x="{x + 4:.1f}" y="{y}" {HALO}>{text(words)}</text>'


def _drawing(systems, t: Thresholds, ticks: list[int], lay: Layout, ids: str, title: str, desc: str) -> str:
    first, last = math.log10(ticks[0]), math.log10(ticks[-1])
    plot_bottom = TOP + lay.row * len(systems)
    height = plot_bottom + BOTTOM

    def x(km: float) -> float:
        return lay.left + (lay.width - lay.left - lay.right) * (math.log10(km) - first) / (last - first)

    # Where ticks stand too close for their numbers (the narrow drawing), only powers of ten are numbered.
    crowded = min(x(b) - x(a) for a, b in zip(ticks[:-1], ticks[1:], strict=True)) < 70  # "10,000" is about 40 px wide
    grid = "".join(
        f'<line x1="{x(k):.1f}" x2="{x(k):.1f}" y1="{TOP}" y2="{plot_bottom}" '
        f'style="stroke:{FG};stroke-opacity:.12"/>'
        + (
            ""
            if crowded and str(k)[0] != "1"
            else f'<text x="{x(k):.1f}" y="{plot_bottom + 16}" text-anchor="{_anchor(k, ticks)}">{k:,}</text>'
        )
        for k in ticks
    )
    band = t.inf_band
    mtcr_x, news_x = x(t.mtcr_range.value), x(NEWS_REFERENCE_KM)
    # Short labels at the lines, one row each so none crosses another line; the legend says it in full.
    thresholds = (
        f'<rect x="{x(band.min):.1f}" y="{TOP}" width="{x(band.max) - x(band.min):.1f}" '
        f'height="{plot_bottom - TOP}" style="fill:{FG};fill-opacity:.06;stroke:{FG};stroke-opacity:.5;'
        f'stroke-dasharray:2 3"/>'
        + _label(x(band.min), 34, f"INF band {band.min:,}–{band.max:,} km", lay.width)
        + f'<line x1="{mtcr_x:.1f}" x2="{mtcr_x:.1f}" y1="20" y2="{plot_bottom}" style="stroke:{FG};stroke-width:1.5"/>'
        + _label(mtcr_x, 16, f"MTCR Category I range {t.mtcr_range.value:,} km", lay.width)
        + f'<line x1="{news_x:.1f}" x2="{news_x:.1f}" y1="56" y2="{plot_bottom}" '
        f'style="stroke:{FG};stroke-width:1.5;stroke-dasharray:7 4"/>'
        + _label(news_x, 52, f"{NEWS_REFERENCE_KM:,} km: news figure, not a threshold", lay.width)
    )
    rows = ""
    for i, system in enumerate(systems):
        label = f"{system.name} ({states.name(system.state)})"
        if lay.names_above:
            y = TOP + lay.row * i + lay.row - 9
            rows += f'<text x="{lay.left}" y="{y - 10:.1f}" {HALO}>{text(label)}</text>'
        else:
            y = TOP + lay.row * i + lay.row / 2
            rows += f'<text x="{lay.left - 8}" y="{y + 4:.1f}" text-anchor="end">{text(label)}</text>'
        if system.range_high > system.range_low:
            rows += (
                f'<line x1="{x(system.range_low):.1f}" x2="{x(system.range_high):.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                f'style="stroke:{BAR};stroke-width:3"/>'
            )
        for km in sorted({v for f in system.range for v in (f.low, f.high)}):
            rows += (
                f'<circle cx="{x(km):.1f}" cy="{y:.1f}" r="4" style="fill:{BG};stroke:{BAR};stroke-width:2">'
                f"<title>{text(label)}: {km:,} km</title></circle>"
            )
    axis = (
        f'<text x="{(lay.left + lay.width - lay.right) / 2:.0f}" y="{height - 6}" text-anchor="middle">'
        "Range in km (logarithmic scale)</text>"
    )
    return (
        f'<svg class="chart-{lay.name}" viewBox="0 0 {lay.width} {height}" role="img" '
        f'aria-labelledby="{ids}-t {ids}-d" xmlns="http://www.w3.org/2000/svg" '
        f'style="{lay.svg_style};height:auto;color:{FG};font-size:12px;fill:currentColor">'
        f'<title id="{ids}-t">{text(title)}</title><desc id="{ids}-d">{text(desc)}</desc>'
        f"{thresholds}{grid}{rows}{axis}</svg>"
    )


# Only one drawing is displayed at a time; the wide one wherever there is room for its name column.
SWITCH = (
    "<style>.systems-chart .chart-narrow{display:none}"
    f"@media (max-width:{NARROW_MAX}){{.systems-chart .chart-wide{{display:none}}"
    ".systems-chart .chart-narrow{display:block}}</style>"
)


def range_chart(files: tuple[StateSystems, ...], t: Thresholds) -> str:
    systems = sorted((s for f in files for s in f.systems), key=lambda s: (-s.range_high, states.name(s.state), s.name))
    if not systems:
        return '<p class="chart-empty">No systems recorded.</p>\n'
    lows = [s.range_low for s in systems] + [t.mtcr_range.value]
    highs = [s.range_high for s in systems] + [t.inf_band.max]
    ticks = _ticks(min(lows), max(highs))
    band = t.inf_band
    start, end = t.inf_years
    legend = (
        "Each dot is a cited figure; a line joins a system's lowest and highest. Solid line: the MTCR Category I "
        f"range, {t.mtcr_range.value:,} km (Category I also needs a payload of {t.mtcr_payload.value:,} "
        f"{t.mtcr_payload.unit}). Shaded band: the INF Treaty's banned {band.min:,}–{band.max:,} km, which bound "
        f"only the United States and the USSR/Russia, for ground-launched missiles, {start.year}–{end.year}. Dashed "
        f"line: {NEWS_REFERENCE_KM:,} km, the figure cited in the news, not a legal threshold. The table below "
        "gives every figure with its source."
    )
    title = "Cited ranges of delivery systems, with the MTCR, INF and 3,000 km lines"
    desc = (
        f"Log-scale chart of the cited ranges of {len(systems)} systems, from {min(s.range_low for s in systems):,} km "
        f"to {max(s.range_high for s in systems):,} km; a line joins the lowest and highest cited figure of a system. "
        f"A solid vertical line marks the MTCR Category I range ({t.mtcr_range.value:,} km), a shaded band the INF "
        f"Treaty's banned {band.min:,}–{band.max:,} km, and a dashed line the {NEWS_REFERENCE_KM:,} km figure cited "
        "in the news. The table below gives every figure and check in words."
    )
    wide = _drawing(systems, t, ticks, WIDE, "systems-chart", title, desc)
    narrow = _drawing(systems, t, ticks, NARROW, "systems-chart-narrow", title, desc)
    return (
        '<figure class="systems-chart" style="display:block;width:100%;overflow-x:auto;margin:0">'
        f"{SWITCH}{wide}{narrow}"
        '<figcaption style="max-width:none;font-size:.7rem;font-style:normal;text-align:left">'
        f"{text(title)}. {text(legend)}</figcaption></figure>\n"
    )
