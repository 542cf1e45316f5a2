import pytest

from treatylib.dates import PartialDate


@pytest.mark.parametrize(
    "text", ["1970-02-30", "1970-13", "1970-00-10", "70-01-01", "1970/01/01", "", "0000", "0000-01-01"]
)
def test_invalid_dates_are_rejected(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_precision_and_ranges():
    year, day = PartialDate.parse("1993"), PartialDate.parse("1993-05-02")
    assert (year.precision, day.precision) == ("year", "day")
    assert not year.surely_after(day) and not day.surely_before(year)
    assert PartialDate.parse("1992").surely_before(day)
    assert PartialDate.parse("2024-02").latest.day == 29
    assert year.human() == "1993" and day.human() == "2 May 1993"
