"""Dates at the precision a source gives: a day, a month or a year.

`1993` stays a year. Comparisons use the range a date covers, so a rule only
fires when the order is certain: '1993' is not after '1993-05-02'.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

_FORM = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
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
    text: str
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; ValueError names what is wrong."""
        if not isinstance(text, str):
            raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY")
        return _parse(text)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @functools.cached_property  # compared often; frozen fields never change it
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @functools.cached_property
    def latest(self) -> dt.date:
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
        """'5 March 1970', 'March 1970' or '1970': a reader sees the precision."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.text


@functools.lru_cache(maxsize=65536)  # a file repeats its dates often, and PartialDate is immutable
def _parse(text: str) -> PartialDate:
    match = _FORM.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < 1:  # Python's dates start at year 1: '0000' would fail later, in a comparison
        raise ValueError(f"{text!r} is not a valid date")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a valid date")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{text!r} is not a valid date")
    return PartialDate(text, year, month, day)


def parse_optional(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None
