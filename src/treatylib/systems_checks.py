"""Threshold checks for delivery systems, computed from the instruments' structured limits.

No legal threshold is typed here: the MTCR Category I range and payload and the INF band come
from the loaded catalog (treaties/mtcr.yaml, treaties/inf.yaml), and who was an INF party comes
from status.standing. The one number typed here is the 3,000 km figure the news cites, which is
a reference line for readers and is labelled as such, never as a legal threshold.

Wording matters: Category I governs transfers, not national arsenals, so a system "meets the
Category I parameters"; it never "is a Category I item".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import states
from .catalog import Catalog
from .model import Instrument, Limit
from .status import standing
from .systems import Figure, System

# The figure news reports cite ("the stated worry is ranges above 3,000 km"): not in any instrument.
NEWS_REFERENCE_KM = 3000
NEWS_REFERENCE_LABEL = "3,000 km: the figure cited in news reports, not a legal threshold"

# Verdicts, each shown with an icon and words, never colour alone.
EVERY, SOME, NONE, NOT_COVERED = "every", "some", "none", "not-covered"
ICONS = {EVERY: "●", SOME: "◐", NONE: "○", NOT_COVERED: "–"}


@dataclass(frozen=True)
class Check:
    verdict: str  # EVERY, SOME, NONE or NOT_COVERED
    words: str  # the full sentence, for the system's section and the exports
    short: str = ""  # the same in a few words, for table cells

    @property
    def icon(self) -> str:
        return ICONS[self.verdict]


@dataclass(frozen=True)
class Thresholds:
    """The numbers the checks compare with, as the instruments set them."""

    mtcr_range: Limit
    mtcr_payload: Limit
    inf: Instrument
    inf_band: Limit

    @property
    def inf_years(self) -> tuple[dt.date, dt.date]:
        return self.inf.entry_into_force.earliest, self.inf.ended.date.latest


def _limit(inst: Instrument, quantity: str, comparison: str) -> Limit:
    found = [lim for lim in inst.limits if lim.quantity == quantity and lim.comparison == comparison]
    if len(found) != 1:
        raise ValueError(f"{inst.id}: expected one {comparison} {quantity} limit, found {len(found)}")
    return found[0]


def thresholds(catalog: Catalog) -> Thresholds:
    mtcr, inf = catalog.by_id["mtcr"], catalog.by_id["inf"]
    return Thresholds(
        mtcr_range=_limit(mtcr, "range", "at-least"),
        mtcr_payload=_limit(mtcr, "payload", "at-least"),
        inf=inf,
        inf_band=_limit(inf, "range", "banned-between"),
    )


def _reach(figures: tuple[Figure, ...], at_least: int) -> str:
    """EVERY cited figure reaches the value, SOME do (or a spread straddles it), or NONE."""
    if all(f.low >= at_least for f in figures):
        return EVERY
    return SOME if any(f.high >= at_least for f in figures) else NONE


def _words(verdict: str) -> str:
    return {EVERY: "at every cited figure", SOME: "at some cited figures"}.get(verdict, "")


def category_i(system: System, t: Thresholds) -> Check:
    rng = _reach(system.range, t.mtcr_range.value)
    limits = f"range ≥ {t.mtcr_range.value:,} {t.mtcr_range.unit}"
    if not system.payload:
        if rng == NONE:
            return Check(
                NONE, f"Range only (no cited payload): does not meet the range parameter ({limits})", "No (range only)"
            )
        short = "Meets (range only)" if rng == EVERY else "At some figures (range only)"
        return Check(rng, f"Range only (no cited payload): meets the range parameter ({limits}) {_words(rng)}", short)
    pay = _reach(system.payload, t.mtcr_payload.value)
    limits += f" and payload ≥ {t.mtcr_payload.value:,} {t.mtcr_payload.unit}"
    if NONE in (rng, pay):
        return Check(NONE, f"Does not meet the Category I parameters ({limits}) at any cited figure", "Does not meet")
    both = EVERY if rng == pay == EVERY else SOME
    short = "Meets the parameters" if both == EVERY else "At some figures"
    return Check(both, f"Meets the Category I parameters ({limits}) {_words(both)}", short)


def _was_party(inst: Instrument, code: str, years: tuple[dt.date, dt.date]) -> bool:
    """Party on the first day or the last full day of the treaty's life: Russia is a party
    through the USSR's acts only after 1991, and on the day the treaty ended no one was."""
    start, end = years
    return any(standing(inst, code, at=day).status == "party" for day in (start, end - dt.timedelta(days=1)))


def inf_band(system: System, t: Thresholds) -> Check:
    start, end = t.inf_years
    band = t.inf_band
    years = f"{start.isoformat()} to {end.isoformat()}"
    if not system.ground_launched_missile:
        return Check(
            NOT_COVERED,
            "Not covered: the INF band applied to ground-launched ballistic and cruise missiles",
            "Not covered (not ground-launched)",
        )
    if not _was_party(t.inf, system.state, (start, end)):
        return Check(
            NOT_COVERED, f"Not covered: {states.name(system.state)} was not party to the INF Treaty", "Not covered"
        )
    inside = [band.min <= f.low and f.high <= band.max for f in system.range]
    overlaps = [f.low <= band.max and f.high >= band.min for f in system.range]
    span = f"{band.min:,}–{band.max:,} {band.unit}"
    if all(inside):
        words = f"Within the banned {span} band at every cited figure (treaty in force {years})"
        verdict, short = EVERY, "In the banned band"
    elif any(overlaps):
        words = f"Within the banned {span} band at some cited figures (treaty in force {years})"
        verdict, short = SOME, "In the band at some figures"
    else:
        words = f"Outside the banned {span} band at every cited figure"
        verdict, short = NONE, "Outside the band"
    first = system.first_test.date if system.first_test else None
    if first and first.earliest > end:
        words += f"; first flight-tested after the treaty ended ({end.isoformat()})"
    return Check(verdict, words, short)


def news_reference(system: System) -> Check:
    reach = _reach(system.range, NEWS_REFERENCE_KM)
    if reach == NONE:
        words = "Below 3,000 km at every cited figure (reference figure from the news, not a threshold)"
        return Check(NONE, words, "Below")
    words = f"Beyond 3,000 km {_words(reach)} (reference figure from the news, not a threshold)"
    return Check(reach, words, "Beyond" if reach == EVERY else "Beyond at some figures")


@dataclass(frozen=True)
class SystemChecks:
    category_i: Check
    inf: Check
    news: Check


def check(system: System, t: Thresholds) -> SystemChecks:
    return SystemChecks(category_i(system, t), inf_band(system, t), news_reference(system))
