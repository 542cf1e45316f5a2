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


def test_edtf_ranges_and_qualifiers_parse_and_read_in_words():
    from treatylib.dates import PartialDate

    cases = {
        "1996/2003": ("between 1996 and 2003", "1996-01-01", "2003-12-31"),
        "../1990-09-03": ("by 3 September 1990", None, "1990-09-03"),
        "1996/..": ("1996 or later", "1996-01-01", None),
        "1984?": ("1984 (uncertain)", "1984-01-01", "1984-12-31"),
        "1978~": ("about 1978", "1978-01-01", "1978-12-31"),
        "1978%": ("1978 (uncertain and approximate)", "1978-01-01", "1978-12-31"),
    }
    for text, (words, first, last) in cases.items():
        date = PartialDate.parse(text)
        assert date.human() == words and date.text == text, text
        assert first is None or date.earliest.isoformat() == first
        assert last is None or date.latest.isoformat() == last
    for bad in ("2003/1996", "../..", "1984??", "1996/2003/2010", "1996/x"):
        with pytest.raises(ValueError):
            PartialDate.parse(bad)


def test_a_bounded_date_counts_from_when_it_is_certain():
    import datetime as dt

    from treatylib.model import Action
    from treatylib.status import derive

    act = Action("CAN", "admission", PartialDate.parse("../1974-08-22"), "s", role="member")
    assert derive([act], dt.date(1974, 8, 21)).status is None
    assert derive([act], dt.date(1974, 8, 22)).status == "member"


def test_year_words_keep_the_range_and_the_doubt():
    # A continuator's label names the year of the inherited act: "by 1989" must not read as "1989".
    assert PartialDate.parse("1970-03-05").year_words() == "1970"
    assert PartialDate.parse("../1989-08-08").year_words() == "by 1989"
    assert PartialDate.parse("1996/2003").year_words() == "between 1996 and 2003"
    assert PartialDate.parse("2003-01/2003-06").year_words() == "2003"
    assert PartialDate.parse("1978~").year_words() == "about 1978"
    assert PartialDate.parse("1990/..").year_words() == "1990 or later"
