"""render/declarations.py: the two fragments, and that no data string can inject markup."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import markdown
import pytest

from treatylib import model, yamlio
from treatylib.catalog import Catalog
from treatylib.render import declarations, safe

ROOT = Path(__file__).parents[1]
HOSTILE = "<script>alert(1)</script> *bold* _it_ `code` [x](javascript:alert(1)) {: .evil} | pipe & 'q' \"qq\" #h !"


def html(fragment: str) -> str:
    return markdown.markdown(fragment, extensions=["tables", "attr_list", "md_in_html"])


def sample(summary: str = "Made-up declaration on signature.", url: str | None = None) -> model.Instrument:
    data = yamlio.load(ROOT / "tests" / "fixtures" / "valid" / "sample.yaml")
    data["declarations"][0]["summary"] = summary
    if url is not None:
        data["declarations"][0]["url"] = url
    data["declarations_note"] = "- a note that starts like a list item <b>and</b> has *markup*"
    return model.from_data(data)


def test_instrument_section_has_the_table_and_the_note():
    out = html(declarations.instrument_section(sample()))
    assert "<th>State</th><th>Kind</th><th>When</th><th>Summary</th><th>Text link</th>" in out.replace("\n", "")
    assert "Made-up declaration on signature." in out
    assert "On signature, 1968-07-01" in out
    assert 'Objection to <a href="../states/' in out  # objects_to names the state objected to
    assert '<a href="https://example.org/">Depositary&#39;s text</a>' in out
    assert "<ul>" not in out and "<b>" not in out and "<em>" not in out  # the note stays text


@pytest.mark.parametrize("fragment", ["instrument", "state"])
def test_data_cannot_inject_markup(fragment):
    inst = sample(summary=HOSTILE, url="javascript:alert(1)")
    raw = (
        declarations.instrument_section(inst)
        if fragment == "instrument"
        else declarations.state_section(Catalog((inst,)), "NOR")
    )
    out = html(raw)
    assert "<script" not in out and "<em>" not in out and "<strong>" not in out and "<code>" not in out
    assert 'href="javascript' not in out
    assert 'class="evil"' not in out
    # The reader still sees the characters as written.
    assert "*bold* _it_ `code` [x](javascript:alert(1)) {: .evil} | pipe" in unescape(out)


def test_text_is_the_shared_escaping_point():
    assert declarations.text("a*b_c|d<e>&") == safe.text("a*b_c|d<e>&")
    assert declarations.text("- x", cell=False) == "&#45; x"
    assert declarations.link("javascript:alert(1)", "x") == "—"


def test_state_section_lists_own_items_and_objections_to_the_state():
    inst = sample()
    prk = html(declarations.state_section(Catalog((inst,)), "PRK"))
    assert prk.count("<tr>") == 3  # header, its own reservation, and the US objection to it
    assert "Made-up objection" in prk and "Made-up reservation" in prk
    assert declarations.state_section(Catalog((inst,)), "CZE") == ""


def test_real_ctbt_section_renders():
    inst = model.from_data(yamlio.load(ROOT / "treaties" / "ctbt.yaml"))
    out = html(declarations.instrument_section(inst))
    assert "Communication about" in out and 'href="https://treaties.un.org/' in out
