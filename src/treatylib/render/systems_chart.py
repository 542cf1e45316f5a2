"""The cross-state range chart: every system's cited ranges on a log scale, thresholds drawn in.

Inline SVG (no script, no request), so it works offline and from file://. Colours come from
Material's CSS variables and currentColor through inline styles, so the chart follows the light
and dark themes without a stylesheet of its own; the thresholds differ by line style and label as
well as colour. The table on the page is the text alternative. Labels pass through `safe.text`.
"""

from __future__ import annotations

import math

from .. import states
from ..systems import StateSystems
from ..systems_checks import NEWS_REFERENCE_KM, Thresholds
from .safe import text

WIDTH = 900
LABELS = 250  # room for "Khorramshahr-4 (Iran)" at the left
RIGHT = 24
TOP = 64  # three rows of threshold labels
ROW = 22
BOTTOM = 44
FG = "var(--md-default-fg-color)"
BAR = "var(--md-typeset-a-color)"
BG = "var(--md-default-bg-color)"


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


def range_chart(files: tuple[StateSystems, ...], t: Thresholds) -> str:
    systems = sorted((s for f in files for s in f.systems), key=lambda s: (-s.range_high, states.name(s.state), s.name))
    if not systems:
        return '<p class="chart-empty">No systems recorded.</p>\n'
    lows = [s.range_low for s in systems] + [t.mtcr_range.value]
    highs = [s.range_high for s in systems] + [t.inf_band.max]
    ticks = _ticks(min(lows), max(highs))
    first, last = math.log10(ticks[0]), math.log10(ticks[-1])
    height = TOP + ROW * len(systems) + BOTTOM
    plot_bottom = TOP + ROW * len(systems)

    def x(km: float) -> float:
        return LABELS + (WIDTH - LABELS - RIGHT) * (math.log10(km) - first) / (last - first)

    grid = "".join(
        f'<line x1="{x(k):.1f}" x2="{x(k):.1f}" y1="{TOP}" y2="{plot_bottom}" '
        f'style="stroke:{FG};stroke-opacity:.12"/>'
        f'<text x="{x(k):.1f}" y="{plot_bottom + 16}" text-anchor="{_anchor(k, ticks)}">{k:,}</text>'
        for k in ticks
    )
    band = t.inf_band
    mtcr_x, news_x = x(t.mtcr_range.value), x(NEWS_REFERENCE_KM)
    # Short labels at the lines, one row each so none crosses another line; the legend says it in full.
    thresholds = (
        f'<rect x="{x(band.min):.1f}" y="{TOP}" width="{x(band.max) - x(band.min):.1f}" '
        f'height="{plot_bottom - TOP}" style="fill:{FG};fill-opacity:.06;stroke:{FG};stroke-opacity:.5;'
        f'stroke-dasharray:2 3"/>'
        f'<text x="{x(band.min) + 4:.1f}" y="34">{text(f"INF band {band.min:,}–{band.max:,} km")}</text>'
        f'<line x1="{mtcr_x:.1f}" x2="{mtcr_x:.1f}" y1="20" y2="{plot_bottom}" style="stroke:{FG};stroke-width:1.5"/>'
        f'<text x="{mtcr_x + 4:.1f}" y="16">{text(f"MTCR Category I range {t.mtcr_range.value:,} km")}</text>'
        f'<line x1="{news_x:.1f}" x2="{news_x:.1f}" y1="56" y2="{plot_bottom}" '
        f'style="stroke:{FG};stroke-width:1.5;stroke-dasharray:7 4"/>'
        f'<text x="{news_x + 4:.1f}" y="52">{text(f"{NEWS_REFERENCE_KM:,} km: news figure, not a threshold")}</text>'
    )
    rows = ""
    for i, system in enumerate(systems):
        y = TOP + ROW * i + ROW / 2
        label = f"{system.name} ({states.name(system.state)})"
        rows += f'<text x="{LABELS - 8}" y="{y + 4:.1f}" text-anchor="end">{text(label)}</text>'
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
        f'<text x="{(LABELS + WIDTH - RIGHT) / 2:.0f}" y="{height - 6}" text-anchor="middle">'
        "Range in km (logarithmic scale)</text>"
    )
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
    return (
        '<figure class="systems-chart" style="display:block;width:100%;overflow-x:auto;margin:0">'
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="systems-chart-t systems-chart-d" '
        f'xmlns="http://www.w3.org/2000/svg" style="width:100%;min-width:640px;max-width:960px;height:auto;'
        f'color:{FG};font-size:12px;fill:currentColor">'
        f'<title id="systems-chart-t">{text(title)}</title><desc id="systems-chart-d">{text(desc)}</desc>'
        f"{thresholds}{grid}{rows}{axis}</svg>"
        '<figcaption style="max-width:none;font-size:.7rem;font-style:normal;text-align:left">'
        f"{text(title)}. {text(legend)}</figcaption></figure>\n"
    )
