"""Dates at the precision a source gives: a day, a month or a year, or a range.

`1993` stays a year. Comparisons use the range a date covers, so a rule only
fires when the order is certain: '1993' is not after '1993-05-02'.

Dates known only within bounds, or only roughly, use the Library of Congress Extended
Date/Time Format (EDTF, ISO 8601-2), levels 0 and 1, in this subset:
- `1996/2003`: some time between the two (either end at any precision);
- `../2003` and `1996/..`: by 2003, or in 1996 or later (an open end);
- `1984?` uncertain, `1978~` approximate, `1978%` both.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

_FORM = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%])?$")
FORMS = "YYYY-MM-DD, YYYY-MM or YYYY, or an EDTF range or qualified date (1996/2003, ../2003, 1984?, 1978~)"
_QUALIFIER_WORDS = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True, order=False)
class PartialDate:
    """A date at its source's precision, or (`start`/`end`) an EDTF range between two of them."""

    text: str
    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str | None = None  # EDTF '?', '~' or '%'
    start: PartialDate | None = None  # a range: its ends (None for an open end)
    end: PartialDate | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or the EDTF forms above; ValueError names what is wrong."""
        if not isinstance(text, str):
            raise ValueError(f"{text!r} is not a date in the form {FORMS}")
        return _parse(text)

    @property
    def is_range(self) -> bool:
        return "/" in self.text

    @property
    def precision(self) -> str:
        if self.is_range:
            return "range"
        return "day" if self.day else "month" if self.month else "year"

    @functools.cached_property  # compared often; frozen fields never change it
    def earliest(self) -> dt.date:
        if self.is_range:
            return self.start.earliest if self.start else dt.date.min
        return dt.date(self.year, self.month or 1, self.day or 1)

    @functools.cached_property
    def latest(self) -> dt.date:
        if self.is_range:
            return self.end.latest if self.end else dt.date.max
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def surely_before(self, other: PartialDate) -> bool:
        return self.latest < other.earliest

    def surely_after(self, other: PartialDate) -> bool:
        return self.earliest > other.latest

    @property
    def sort_key(self) -> tuple:
        return (self.year, self.month or 0, self.day or 0)

    def human(self) -> str:
        """'5 March 1970', 'March 1970', '1970', 'between 1996 and 2003', 'by 2003', 'about 1978',
        '1984 (uncertain)': a reader sees the precision and the doubt."""
        if self.is_range:
            if self.start and self.end:
                return f"between {self.start.human()} and {self.end.human()}"
            return f"by {self.end.human()}" if self.end else f"{self.start.human()} or later"
        if self.day:
            words = f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        elif self.month:
            words = f"{_MONTHS[self.month - 1]} {self.year}"
        else:
            words = str(self.year)
        if self.qualifier == "~":
            return f"about {words}"
        if self.qualifier:
            return f"{words} ({_QUALIFIER_WORDS[self.qualifier]})"
        return words

    def year_words(self) -> str:
        """The year alone, with the range or doubt still said: '1970', 'by 1989', 'between 1996 and 2003',
        'about 1978'. A bare year from a 'by' date would read as the year of the act."""
        if self.is_range:
            if self.start and self.end:
                same = self.start.year == self.end.year
                return str(self.end.year) if same else f"between {self.start.year} and {self.end.year}"
            return f"by {self.end.year}" if self.end else f"{self.start.year} or later"
        if self.qualifier == "~":
            return f"about {self.year}"
        return f"{self.year} ({_QUALIFIER_WORDS[self.qualifier]})" if self.qualifier else str(self.year)

    def __str__(self) -> str:
        return self.text


@functools.lru_cache(maxsize=65536)  # a file repeats its dates often, and PartialDate is immutable
def _parse(text: str) -> PartialDate:
    if "/" in text:
        return _parse_range(text)
    match = _FORM.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date in the form {FORMS}")
    *parts, qualifier = match.groups()
    year, month, day = (int(g) if g else None for g in parts)
    if year < 1:  # Python's dates start at year 1: '0000' would fail later, in a comparison
        raise ValueError(f"{text!r} is not a valid date")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a valid date")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{text!r} is not a valid date")
    return PartialDate(text, year, month, day, qualifier)


def _parse_range(text: str) -> PartialDate:
    first, _, last = text.partition("/")
    if "/" in last or (first == ".." and last == ".."):
        raise ValueError(f"{text!r} is not a date in the form {FORMS}")
    start = None if first == ".." else _parse(first)
    end = None if last == ".." else _parse(last)
    if start and end and end.latest < start.earliest:
        raise ValueError(f"{text!r} ends before it starts")
    anchor = start or end  # sorts by its known start, or by its end when only that is known
    return PartialDate(text, anchor.year, anchor.month, anchor.day, None, start, end)


def parse_optional(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None
