"""Page weight (issue #16): no built HTML page over 150 KB, so that a page loads fast on a phone and
MkDocs' inline pass and search indexing stay cheap. The heaviest pages are the instrument pages: a
participation table of some two hundred states, and a world map whose outlines are one shared script."""

from pathlib import Path

from treatylib.status import ICONS

LIMIT = 150_000  # bytes, as scripts/bench_weight.py (PAGE_LIMIT) counts them: the stricter reading of "150 KB"


def test_no_html_page_is_over_150_kb(site):
    heavy = {
        page.relative_to(site).as_posix(): page.stat().st_size
        for page in site.rglob("*.html")
        if page.stat().st_size > LIMIT
    }
    assert not heavy, sorted(heavy.items(), key=lambda item: -item[1])


def test_status_cells_draw_the_badge_icons():
    """The participation table's status cells and every status badge carry the word; tables.css adds the
    icon by class, hidden from screen readers. Those icons must stay status.ICONS, which the CLI, the
    matrix and the exports use."""
    css = (Path(__file__).parents[1] / "docs" / "assets" / "css" / "tables.css").read_text(encoding="utf-8")
    for status, icon in ICONS.items():
        content = f'"{icon}\\00a0"'
        name = status or "none"
        rule = (
            f".pt-table td.status-{name}::before, .status.status-{name}::before "
            f'{{ content: {content}; content: {content} / ""; }}'
        )
        assert rule in css, rule
