"""Participation over time as an inline SVG line chart.

The numbers come from status.timeline, so the last point is the headline count on the page. The
chart is inline (not an <img>), so its colours follow the theme through CSS classes and
currentColor; the signatories' line is dashed as well as coloured, never told apart by colour alone."""

from __future__ import annotations

from ..model import Instrument
from ..status import timeline
from .safe import text as escape  # the one escaping point, as everywhere data meets markup

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 150, 16, 40  # room for tick labels and the end-of-line labels


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if top / step <= 6:
            return step
    return 200


def participation_chart(inst: Instrument) -> str:
    points = timeline(inst)
    word = "members" if inst.is_regime else "parties"
    title = f"{inst.short_name}: {word} over time"
    if not points:
        return f'<p class="chart-empty">{escape(title)}: no dated acts recorded.</p>\n'
    # The headline's own number: parties (members), so an ended treaty's line falls to 0 when it ends.
    joined = [t["members"] if inst.is_regime else t["parties"] for _, t in points]
    signed = [t["signed_not_bound"] for _, t in points]
    years = [day.year + (day.timetuple().tm_yday / 366) for day, _ in points]
    start, end = int(years[0]), years[-1]
    top = max(max(joined), max(signed), 1)
    step = _nice_step(top)
    top = -(-top // step) * step

    def x(year: float) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (year - start) / max(end - start, 1)

    def y(value: int) -> float:
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top

    def path(values: list[int]) -> str:
        # Steps, not slopes: a count changes on the day a state acts.
        # A year whose count did not change adds no corner: the line runs on to the next change (or the end),
        # which draws the same line in a third of the bytes.
        steps, last = [], values[0]
        for i, (yr, v) in enumerate(zip(years[1:], values[1:], strict=True), 1):
            if v != last or i == len(years) - 1:
                steps.append(f"H{x(yr):.1f}V{y(v):.1f}")
                last = v
        return f"M{x(years[0]):.1f},{y(values[0]):.1f}{''.join(steps)}"

    grid = "".join(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>' for v in range(0, top + 1, step)
    )
    y_labels = "".join(
        f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>' for v in range(0, top + 1, step)
    )
    span = int(end) - start
    every = 1 if span <= 8 else 5 if span <= 40 else 10
    ticks = [yr for yr in range(start, int(end) + 1) if yr % every == 0] or [start]
    x_labels = "".join(
        f'<text x="{x(yr):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{yr}</text>' for yr in ticks
    )
    last_day = points[-1][0]
    end_labels = (
        f'<text class="chart-joined-label" x="{x(end) + 6:.1f}" y="{y(joined[-1]) + 4:.1f}">{joined[-1]} {word}</text>'
    )
    lines = f'<path class="chart-joined" d="{path(joined)}"/>'
    if any(signed):
        lines += f'<path class="chart-signed" d="{path(signed)}"/>'
        offset = 14 if abs(y(signed[-1]) - y(joined[-1])) < 14 else 0
        end_labels += (
            f'<text class="chart-signed-label" x="{x(end) + 6:.1f}" y="{y(signed[-1]) + 4 + offset:.1f}">'
            f"{signed[-1]} signed, not bound</text>"
        )
    desc = (
        f"Line chart of the number of {word} of the {inst.short_name} at the end of each year, "
        f"from {start} to {last_day.isoformat()}: {joined[0]} at the end of {start}, {max(joined)} at most, "
        f"{joined[-1]} on {last_day.isoformat()}."
        + (f" A dashed line shows signatories not bound: {signed[-1]} then." if any(signed) else "")
        + " The table below lists every state."
    )
    uid = f"chart-{inst.id}"
    return (
        f'<figure class="participation-chart">\n'
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        f'<g class="chart-grid">{grid}</g>'
        f'<g class="chart-axis"><line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}"/>'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}"/></g>'
        f'<g class="chart-text">{y_labels}{x_labels}'
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 4}" text-anchor="middle">Year (end of year)</text>'
        f'<text transform="translate(12 {(TOP + HEIGHT - BOTTOM) / 2:.0f}) rotate(-90)" text-anchor="middle">'
        f"States</text>{end_labels}</g>"
        f"{lines}</svg>\n"
        f"<figcaption>{escape(title)}. Counts at the end of each year, and on {last_day.isoformat()}"
        f" (the data's as-of date).</figcaption>\n</figure>\n"
    )
