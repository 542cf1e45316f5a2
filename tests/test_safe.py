"""The escaping point: each function, and a check that what it returns can fail to be safe."""

import markdown
import pytest

from treatylib.render import safe
from treatylib.render.safe import Md


def _page_html(md_text: str) -> str:
    """How a generated page's Markdown becomes HTML on the site (the extensions in mkdocs.yml)."""
    return markdown.markdown(md_text, extensions=["attr_list", "md_in_html", "tables"])


def test_text_is_inert_as_html_and_markdown():
    hostile = '<b>x</b> [t](javascript:alert(1)) {: onclick="a" } *em* `c` a\\|b | c\nline'
    html = _page_html("| A |\n|---|\n| " + safe.text(hostile) + " |\n")
    assert "<b>" not in html and "<a" not in html and 'onclick="' not in html
    assert "<em>" not in html and "<code>" not in html
    assert html.count("<td>") == 1  # the pipes did not split the cell
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_unescaped_text_would_have_been_live():
    """The same input without safe.text: the check above would catch it."""
    html = _page_html('[t](javascript:alert(1)) [a](https://x.org){: onclick="a" }')
    assert "javascript:" in html and 'onclick="a"' in html


def test_line_starts_cannot_make_structure():
    for hostile in ("# heading", "- item", "1. item", "+ item"):
        assert "<h1" not in _page_html(safe.text(hostile)) and "<li>" not in _page_html(safe.text(hostile))


def test_url_only_http_and_cannot_close_the_link():
    assert safe.url("javascript:alert(1)") == "#"
    assert safe.url(" JaVaScRiPt:alert(1)") == "#"
    assert safe.url("data:text/html,<script>") == "#"
    html = _page_html(safe.link("x", "https://example.org/) <img src=x onerror=alert(1)> ("))
    assert "<img" not in html and html.count("<a ") == 1


def test_rich_keeps_the_subset_and_drops_the_rest():
    html = safe.rich(
        "Some *emphasis*, **strong**, `code` and [a link](https://example.org/a_b).\n\n"
        "<script>alert(1)</script> [bad](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<em>emphasis</em>" in html and "<strong>strong</strong>" in html and "<code>code</code>" in html
    assert 'href="https://example.org/a_b"' in html
    assert "<script" not in html and "javascript:" not in html and "<img" not in html
    page = _page_html("Intro\n" + html + "After")
    assert "<script" not in page and "<img" not in page


def test_rich_inline_survives_the_page_markdown_pass():
    inline = safe.rich_inline("see \\[x\\](javascript:alert(1)) and [ok](https://example.org)")
    page = _page_html(inline)
    assert 'href="javascript' not in page and page.count("<a ") == 1


def test_plain_escapes_for_title_and_meta():
    assert safe.plain('X</title><script>"') == "X&lt;/title&gt;&lt;script&gt;&#34;"


def test_csv_cells_are_neutralised_and_round_trip():
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"):
        cell = safe.csv_cell(value)
        assert cell.startswith("'") and cell[1:] == value
    assert safe.csv_cell("Pakistan") == "Pakistan" and safe.csv_cell(3) == 3


def test_script_json_cannot_close_the_script():
    assert "<" not in safe.script_json('{"a": "</script><script>alert(1)</script>"}')


def test_strip_controls_for_the_terminal():
    assert safe.strip_controls("a\x1b[31mred\x9b\x00b\nc") == "a[31mredb c"


def test_table_is_raw_html_with_data_inert_and_our_links_resolved():
    from treatylib.render import md

    hostile = "<script>x</script> [a](javascript:alert(1)) **b** `c` | *d*"
    out = md.table(["State", hostile], [[md.internal("Pakistan", "../states/pak.md#npt"), hostile]])
    assert out.lstrip().startswith("<table>") and "<script>" not in out and "](" not in out
    assert '<a href="../states/pak.html#npt">Pakistan</a>' in out  # the page MkDocs writes
    assert "<strong>" not in out and "<code>" not in out and "<em>" not in out  # data's marks stay text
    assert md.inline_html(Md("**Type:** `id` *x*")) == "<strong>Type:</strong> <code>id</code> <em>x</em>"
    with pytest.raises(ValueError):  # a renderer that hands Markdown the converter does not know fails loudly
        md.inline_html(Md("[a [b]](c)"))
