"""The loader must not reinterpret data behind the contributor's back."""

import pytest

from treatylib import yamlio


def test_norway_stays_a_code_and_dates_stay_text():
    data = yamlio.loads("state: NO\ndate: 1968-07-01\nflags: [yes, no, on, off]\ncount: 3\nok: true\n")
    assert data == {"state": "NO", "date": "1968-07-01", "flags": ["yes", "no", "on", "off"], "count": 3, "ok": True}


def test_line_numbers_are_kept():
    data = yamlio.loads("a: 1\nitems:\n  - x: 1\n  - x: 2\n")
    assert data.line_of("items") == 2
    assert data["items"].line_of(1) == 4
    assert yamlio.line_at(data, ("items", 1, "x")) == 4


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first on line 1)"),
        ("a: &x [1]\nb: *x\n", 2, "aliases"),
        ("a: [1, 2\n", 2, "YAML syntax"),
        ("a: 1\n? [a, b]\n: 2\n", 2, "complex keys"),
        ("a:\n  b: " + "[" * 300 + "]" * 300 + "\n", 2, "nested more than 64 levels deep"),
        ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "nested more than 64 levels deep"),
        ("n: " + "9" * 5000 + "\n", 1, "a number of 5000 digits is too long (at most 100)"),
        ("a: 1\nb: x\x00y\n", 2, "control character U+0000 is not allowed (column 5)"),
        ("a: 1\n\nb: x\x9by\n", 3, "control character U+009B is not allowed (column 5)"),
        ("a: 1\n---\nb: 2\n", 2, "one document"),
        ("a: !!set {x, y}\n", 1, "tag !!set is not allowed"),
        ("a: !!int zz\n", 1, "'zz' is not an integer"),
    ],
)
def test_bad_yaml_reports_a_line(text, line, fragment):
    with pytest.raises(yamlio.YamlError) as err:
        yamlio.loads(text)
    assert err.value.line == line
    assert fragment in err.value.message


def test_plain_digits_are_decimal_as_in_yaml_1_2():
    assert yamlio.loads("n: 09\nm: 010\n") == {"n": 9, "m": 10}


def test_non_utf8_byte_is_reported_at_its_line():
    with pytest.raises(yamlio.YamlError) as err:
        yamlio.decode(b"a: 1\nb: 2\nc: \xff\n")
    assert (err.value.line, err.value.message) == (3, "not UTF-8 text: byte 0xff (invalid start byte)")


def test_dump_quotes_codes_and_dates_and_round_trips():
    data = {
        "participation": [{"state": "NOR", "action": "signature", "date": "1968-07-01"}],
        "id": "x",
        "as_of": "1993",
    }
    text = yamlio.dumps(data)
    assert text.startswith("# yaml-language-server: $schema=")
    assert "id: x\n" in text.split("participation")[0]  # canonical order puts id first
    assert "state: 'NOR'" in text and "date: '1968-07-01'" in text and "as_of: '1993'" in text
    assert yamlio.loads(text) == data
