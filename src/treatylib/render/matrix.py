"""The matrix and compare pages. Their data is one shared script file (view_data.py) that both
load with `<script src>`: no fetch(), so the views work from disk too."""

from __future__ import annotations

from ..catalog import Catalog
from . import md, view_data

DATA_FILE = "assets/data/treaty-data.js"
# Both pages sit at the top of the site, so the path is the same from either.
_DATA_SCRIPT = f'<script src="{DATA_FILE}"></script>\n'


def render_matrix(catalog: Catalog) -> str:
    out = md.front_matter(
        "Matrix: every state × every instrument",
        description="Participation matrix",
        exclude=True,
        hide=["toc"],
    )
    out += "# Matrix\n\n"
    out += (
        "Every state against every instrument, the most asked-about first. Each cell is an icon (see the "
        "legend); hover over it, or move to it with the arrow keys, for its status and date. The year control "
        "shows the status as it stood at the end of any year. Filters are kept in the address, so a view can "
        "be shared.\n\n"
    )
    out += '<div id="matrix-app" class="treaty-app"><noscript>The matrix needs JavaScript; '
    out += "the same data is on each state page and in the [data downloads](data.md).</noscript></div>\n\n"
    return out + _DATA_SCRIPT


def render_compare(catalog: Catalog) -> str:
    out = md.front_matter("Compare states", description="Compare states side by side", boost=1, hide=["toc"])
    out += "# Compare states\n\n"
    out += (
        "Pick two to four states to see their participation side by side, with the differences marked. "
        "The selection is kept in the address (for example `#IND,PAK`), so you can share it.\n\n"
    )
    out += '<div id="compare-app" class="treaty-app"><noscript>The compare view needs JavaScript.</noscript></div>\n\n'
    return out + _DATA_SCRIPT


def render_data(catalog: Catalog) -> str:
    return view_data.script(catalog)
