"""Page weight (issue #16): no built HTML page over 150 KB, so that a page loads fast on a phone and
MkDocs' inline pass and search indexing stay cheap. The heaviest pages are the instrument pages: a
world map and a participation table of some two hundred states."""

LIMIT = 150 * 1024  # bytes, as `find -size +150k` counts them


def test_no_html_page_is_over_150_kb(site):
    heavy = {
        str(page.relative_to(site)): page.stat().st_size for page in site.rglob("*.html") if page.stat().st_size > LIMIT
    }
    assert not heavy, sorted(heavy.items(), key=lambda item: -item[1])
