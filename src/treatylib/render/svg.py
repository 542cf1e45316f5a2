"""A small step chart of how many states had joined over time, as plain SVG."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..model import CONSENT_ACTIONS, MEMBERSHIP_ACTIONS, Instrument

WIDTH, HEIGHT, PAD = 640, 180, 36


def participation_chart(inst: Instrument) -> str:
    joining = CONSENT_ACTIONS | MEMBERSHIP_ACTIONS
    first: dict[str, int] = {}
    for act in inst.participation:
        if act.action in joining and act.date:
            first[act.state] = min(first.get(act.state, 9999), act.date.year)
    title = f"{inst.short_name}: states joined by year"
    if not first:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" role="img" '
            f'aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title><text x="4" y="24" font-size="13" fill="currentColor">'
            "No dated joining actions recorded.</text></svg>\n"
        )
    start, end = min(first.values()), max(max(first.values()), inst.as_of.year)
    years = list(range(start, end + 1))
    totals, running = [], 0
    for year in years:
        running += sum(1 for y in first.values() if y == year)
        totals.append(running)
    top = max(totals)
    span = max(len(years) - 1, 1)

    def x(i: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * i / span

    def y(v: int) -> float:
        return HEIGHT - PAD + 8 - (HEIGHT - PAD - 8) * v / top

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(totals))
    desc = f"Cumulative count of states that joined, from {start} ({totals[0]}) to {end} ({totals[-1]})."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">\n<title>{escape(title)}</title>\n<desc>{escape(desc)}</desc>\n'
        f'<g fill="none" stroke="currentColor" stroke-width="1" opacity="0.5">'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD + 8}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD + 8}"/>'
        f'<line x1="{PAD}" y1="8" x2="{PAD}" y2="{HEIGHT - PAD + 8}"/></g>\n'
        f'<polyline fill="none" stroke="#3f51b5" stroke-width="2" points="{points}"/>\n'
        f'<g font-size="12" fill="#555" font-family="sans-serif">'
        f'<text x="{PAD}" y="{HEIGHT - 8}">{start}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" text-anchor="end">{end}</text>'
        f'<text x="{PAD - 4}" y="16" text-anchor="end">{top}</text>'
        f'<text x="{PAD - 4}" y="{HEIGHT - PAD + 8}" text-anchor="end">0</text></g>\n</svg>\n'
    )
