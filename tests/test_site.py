"""Build the real site with --strict and check what readers rely on."""

import html
import re
from pathlib import Path

from treatylib import paths

ROOT = Path(__file__).parents[1]


def text_of(page: str) -> str:
    """What a reader sees: tags dropped, character references shown as characters."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_every_instrument_has_a_page(site):
    ids = {p.stem for p in (ROOT / "treaties").glob("*.yaml")}
    pages = {p.stem for p in (site / "instruments").glob("*.html")}
    generated = {p for p in pages if not p.startswith(("domain-", "kind-")) and p != "index"}
    assert generated == ids


def test_no_yaml_or_generated_file_leaks_into_git():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "/build/" in ignored and "/site" in ignored  # not /site/: the published site is a symlink
    assert paths.GENERATED_DOCS.relative_to(ROOT).parts[0] == "build"


def test_npt_page_lists_parties_and_non_parties(site):
    page = text_of((site / "instruments" / "npt.html").read_text())
    assert "Treaty on the Non-Proliferation of Nuclear Weapons" in page
    parties = re.search(r"(\d+) parties", page)
    assert parties and 189 <= int(parties.group(1)) <= 192
    outside = page.split("States that have not joined")[-1]
    for name in ("India", "Israel", "Pakistan", "South Sudan"):
        assert name in outside, name
    assert "Withdrawn (disputed)" in page


def test_mtcr_page_shows_35_partners_and_category_i(site):
    page = text_of((site / "instruments" / "mtcr.html").read_text())
    assert "35 partners" in page
    assert "Category I" in page and "500 kg" in page and "300 km" in page
    assert page.count("Partner") >= 35


def test_ctbt_annex_2_tracker(site):
    page = text_of((site / "instruments" / "ctbt.html").read_text())
    assert "of the 44 Annex 2 states have ratified" in page
    for name in ("India", "Pakistan", "North Korea", "United States", "China", "Iran", "Israel", "Egypt", "Russia"):
        assert name in page.split("Annex 2 states")[-1], name


def _glance_text(html: str) -> str:
    """The at-a-glance cards as read; the spans that keep dates on one line are inline, no break."""
    cards = html.split('<div class="glance">')[1].split("</div>")[0]
    return text_of(re.sub(r"</?span[^>]*>", "", cards))


def test_pakistan_page_answers_at_a_glance(site):
    html = (site / "states" / "pak.html").read_text()
    page = text_of(html)
    glance = _glance_text(html)
    # The key instruments first, each in one sentence, before the full table.
    assert page.index("At a glance") < page.index("All instruments")
    for sentence in (
        "Pakistan has neither signed nor joined the NPT.",
        "Pakistan has neither signed nor joined the CTBT.",
        "Pakistan is not a partner of the MTCR.",
        "Pakistan ratified the CWC on 1997-10-28 and is a party.",
        "Pakistan is not a participant of the Australia Group.",
    ):
        assert sentence in glance, sentence
    cards = re.findall(r'<h3 id="glance-[a-z-]+"><a [^>]*>([^<]+)</a>', html)
    assert cards == ["NPT", "CTBT", "TPNW", "CWC", "BWC", "MTCR", "HCoC", "NSG", "AG", "Wassenaar Arrangement"]
    assert "never signed" in page and "not a member" in page  # the full table's reasons


def test_state_page_folds_instruments_not_open_to_it_and_has_no_duplicate_table(site):
    html = (site / "states" / "pak.html").read_text()
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert len(tables) == len({t for t in tables}), "a table is repeated"
    # Every instrument is listed once, in the main table or the folded list: none twice, none left out.
    main, folded = html.split('<details class="not-open"')
    folded_list = folded.split("</details>")[0]
    rows = [re.search(r'href="../instruments/([a-z0-9-]+)\.html"', tr) for tr in tables[0].split("<tr>")]
    rows += [re.search(r'href="../instruments/([a-z0-9-]+)\.html"', li) for li in folded_list.split("<li>")]
    ids = [m.group(1) for m in rows if m]
    assert len(ids) == len(set(ids)) == len(list((ROOT / "treaties").glob("*.yaml")))
    assert "Not open to it" not in text_of(main.split('id="all-instruments"')[1])
    assert re.search(r"<summary>Not open to Pakistan: \d+ instruments</summary>", folded)
    assert "Treaty of Pelindaba" in text_of(folded.split("</details>")[0])
    assert '<h2 id="not-joined"' not in html  # the second table, which repeated the first, is gone


def test_state_pages_say_the_standing_in_words(site):
    def glance(code: str) -> str:
        return _glance_text((site / "states" / f"{code}.html").read_text())

    assert "India has been a partner of the MTCR since 2016-06-27." in glance("ind")
    assert "Israel signed the CTBT on 1996-09-25 but has not ratified it." in glance("isr")
    russia = glance("rus")
    assert "The Soviet Union ratified the NPT on 1970-03-05, and Russia, which continues it, is a party." in russia
    assert "Russia signed the CTBT on 1996-09-24; it revoked its ratification" in russia
    assert "North Korea withdrew from the NPT, effective 2003-04-10" in glance("prk")
    # A list complete only to a date says so, as the status label does.
    assert "(as of 2019; later acts are not recorded here)" in glance("pak")


def test_status_is_never_colour_alone(site):
    html = (site / "instruments" / "npt.html").read_text()
    # The participation table's status cell is the badge itself: <td class="status-party">Party</td>, its
    # icon drawn by tables.css from the class (tests/test_weight.py checks those icons against status.ICONS).
    badges = re.findall(r'<td class="status-([a-z-]+)[^"]*">([A-Z][a-z]+)', html)
    assert len(badges) > 150 and all(css and word for css, word in badges)


def test_tables_have_headers(site):
    for page in ("instruments/npt.html", "states/pak.html", "instruments/index.html", "trackers/index.html"):
        html = (site / page).read_text()
        for table in re.findall(r"<table>.*?</table>", html, re.S):
            assert "<th" in table and "<thead>" in table, page


def test_changes_2023_lists_russia_ctbt_revocation(site):
    page = text_of((site / "changes" / "2023.html").read_text())
    assert "CTBT" in page and "Russia" in page and "ratification revoked" in page


def test_changes_2018_show_palestine_revoking_its_cwc_accession(site):
    page = text_of((site / "changes" / "2018.html").read_text())
    assert "accession revoked" in page


def test_changes_say_which_depositary_received_each_deposit(site):
    page = text_of((site / "changes" / "2018.html").read_text())
    # Palestine deposited its BWC accession in London and Moscow: two rows, told apart.
    assert "accession (Government of the United Kingdom" in page
    assert "accession (Government of the Russian Federation" in page


def test_no_external_requests_in_built_html(site):
    # The canonical link names the site's own address (SITE_URL; the dev server by default).
    pattern = re.compile(r'(?:src|href)="(https?:)?//(?!127\.0\.0\.1:8000/)[^"]+"')
    offenders = set()
    for page in site.rglob("*.html"):
        html = page.read_text()
        for match in re.finditer(r"<(?:script|link|img)[^>]+>", html):
            if pattern.search(match.group(0)):
                offenders.add((page.name, match.group(0)[:120]))
    assert offenders == set()


def test_reduced_precision_is_shown(site):
    page = text_of((site / "instruments" / "mtcr.html").read_text())
    assert "(year only)" in page


def test_every_internal_link_and_asset_resolves(site):
    """MkDocs does not flag a Markdown link that climbs out of the docs folder, so check the HTML."""
    broken = set()
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue  # served from any depth, so it uses site-absolute paths on purpose
        html = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"#?]+)[^"]*"', html):
            if re.match(r"^[a-z]+:", target) or target.startswith("//"):
                continue
            if not (page.parent / target).resolve().exists():
                broken.add((str(page.relative_to(site)), target))
    assert sorted(broken)[:10] == []


def test_ctbt_ratifiers_are_not_called_parties_before_entry_into_force(site):
    page = text_of((site / "instruments" / "ctbt.html").read_text())
    assert "178 ratifications or accessions (treaty not in force)" in page
    austria = text_of((site / "states" / "aut.html").read_text())
    assert "Ratified (treaty not in force)" in austria


def test_a_note_shared_by_several_acts_is_shown_once(site):
    page = (site / "instruments" / "ptbt.html").read_text()
    table = page.split('id="participation-table"')[1]  # the map before it links every state too
    row = next(group for group in table.split("<tbody>") if "states/bra.html" in group)  # a row and its details
    assert "1964-12-15" in row and row.count("respectivamente") == 1  # one note for all three deposits


def _participation(site, ident: str) -> str:
    page = (site / "instruments" / f"{ident}.html").read_text(encoding="utf-8")
    return page.split('id="participation-table"')[1].split("</table>")[0]


def _state_group(table: str, code: str) -> str:
    """A state's short row and its details row, as HTML."""
    return next(group for group in table.split("<tbody>") if f"states/{code}.html" in group.split("</th>")[0])


def test_participation_rows_are_short_with_depositary_marks_and_a_legend(site):
    table = _participation(site, "npt")
    legend = text_of(table.split("<table")[0])
    for mark, name in (("(L)", "United Kingdom"), ("(M)", "Russian Federation"), ("(W)", "United States of America")):
        assert mark in legend and name in legend, mark
    usa = _state_group(table, "usa")
    short, _, details = usa.partition("</tr>")
    assert (
        text_of(short).split() == "United States Party 1968-07-01 (L)(M)(W) Ratification 1970-03-05 (L)(M)(W)".split()
    )
    assert '<td class="status-party">Party</td>' in short  # the icon comes from tables.css
    # The depositaries' names are in the legend, not repeated in every row.
    assert table.count("Government of the United Kingdom of Great Britain and Northern Ireland") < 40
    assert len(table) < 120_000, len(table)  # about 190,000 bytes when every row spelled out every deposit


def test_participation_details_keep_every_act_note_and_source(site):
    table = _participation(site, "npt")
    dprk = text_of(_state_group(table, "prk"))
    assert "Notice 2003-01-10, effective 2003-04-10 (disputed)" in dprk  # in the short row
    assert "withdrawal notice 2003-01-10, effective 2003-04-10 (disputed)" in dprk  # in full, in the details
    assert "suspended 1993-06-11 before taking effect" in dprk
    assert "Article X(1) requires three months" in dprk  # the note
    assert "IAEA and DPRK: Chronology of Key Events" in dprk  # a source other than the table's
    # The continuator says whose acts it carries.
    russia = text_of(_state_group(table, "rus"))
    assert "as the Soviet Union" in russia and "1970-03-05" in russia


def test_participation_columns_fit_the_instrument(site):
    """A regime has no "Signed" column and says "Joined"; a revocation shows in its own column."""
    mtcr = _participation(site, "mtcr")
    head = text_of(mtcr.split("</thead>")[0].split("<thead>")[1])
    assert head.split() == ["State", "Status", "Joined"]
    assert "Admitted 2016-06-27" in text_of(_state_group(mtcr, "ind"))
    ctbt = _participation(site, "ctbt")
    assert "Withdrawn or revoked" in ctbt and "Ratification revoked 2023-11 (month only)" in text_of(
        _state_group(ctbt, "rus")
    )


def test_table_pages_use_the_full_width(site):
    for name in ("instruments/npt.html", "instruments/hcoc.html", "instruments/index.html"):
        page = (site / name).read_text(encoding="utf-8")
        assert "page-wide" in page, name  # tables.css widens the grid for these pages
        assert 'data-md-type="toc" hidden' in page, name  # front matter hide: [toc]


def test_a_list_complete_to_a_date_says_not_joined_as_of_that_date(site):
    israel = text_of((site / "states" / "isr.html").read_text())
    assert "Seabed Treaty Treaty Not joined (as of 9 January 2018)" in israel  # the icon is CSS
    seabed = text_of((site / "instruments" / "seabed.html").read_text())
    assert "Every state's acts up to 9 January 2018 are listed" in seabed


def test_depositary_marks_come_from_the_keys_and_stay_distinct(load):
    from dataclasses import replace

    from treatylib.model import Depositary
    from treatylib.render.participation_table import depositary_marks

    npt = load("npt")
    assert depositary_marks(npt) == {"london": "L", "moscow": "M", "washington": "W"}
    assert depositary_marks(load("open-skies")) == {"canada": "C", "hungary": "H"}
    assert depositary_marks(load("ctbt")) == {}  # one depositary: nothing to tell apart
    two_ls = replace(npt, depositaries=(Depositary("london", "A"), Depositary("lisbon", "B")))
    assert depositary_marks(two_ls) == {"london": "Lo", "lisbon": "Li"}


def test_participation_tables_maps_and_charts_stay_out_of_the_search_index(site):
    """Excluded blocks are <section>s: Material's search parser compares elements by tag only, so an
    excluded <div> holding nested <div>s leaks back into the index (it did: every state's name and
    date on every instrument page, a third of the index)."""
    import json

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    npt = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("instruments/npt.html"))
    assert "Uzbekistan" not in npt  # a table row
    assert "Afghanistan: Party" not in npt  # a map title
    assert "Year (end of year)" not in npt  # the chart's axis
    assert "190 parties" in npt  # the count itself is indexed
