"""The one place where data meets markup.

Every string in treaties/ and data/ comes from contributors and is untrusted. The generated
pages are Markdown that Python-Markdown turns into HTML, so a data string has to be inert twice:
as HTML (no tags, no attribute break-out) and as Markdown (no links, no emphasis, no attribute
lists `{: onfocus=...}`, no table-cell breaks). Renderers therefore never put a data string into
a page themselves: they call one of these functions, and what they wrote themselves is marked
`Md`, which is the only thing passed through untouched.

- `text(value)`: plain text, for any inline place (table cells, headings, link text, paragraphs).
- `attr(value)`: a value inside a double-quoted HTML attribute.
- `url(value)`: an http(s) link target from data; anything else becomes `#`.
- `link(label, target)`: a Markdown link from data.
- `rich(value)`: the documented Markdown subset of `summary`, `entry_into_force_conditions` and
  `coverage_note` (paragraphs, *emphasis*, **strong**, `code`, lists and http(s) links),
  rendered and then cleaned with an allow-list sanitiser (nh3), as a raw HTML block.
- `plain(value)`: text for front matter (page titles and meta descriptions), which MkDocs and
  Material put into `<title>` and `<meta content="...">` without escaping.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote, urlsplit

from markupsafe import escape


class Md(str):
    """Markup this program wrote itself: trusted, passed through unchanged."""

    __slots__ = ()

    def __html__(self) -> str:  # markupsafe.escape leaves it alone
        return str(self)


# C0 controls (other than tab), DEL and C1 controls: they never belong in a page or a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters Python-Markdown (and the extensions in mkdocs.yml) give meaning inline. As numeric
# character references they still display as themselves, but start no link or image (`[`), no
# emphasis, code span, attribute list (`{`), table cell or HTML tag. `(`, `!` and `#` mean nothing
# once `[` and `{` are inert, so they stay as they are (pages are large enough).
_MARKDOWN_ACTIVE = "\\`*_[]{}|~^"
# One table for HTML and Markdown, applied in one pass so no reference is escaped twice.
_INERT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"} | {c: f"&#{ord(c)};" for c in _MARKDOWN_ACTIVE}
)
# In sanitiser output, which is already HTML: only the Markdown characters, and not inside a
# character reference (`&#39;` must keep its `#`).
_ACTIVE_OUTSIDE_REFS = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|[" + re.escape(_MARKDOWN_ACTIVE) + "]")
# At the start of a line these would start a list, a heading or a setext underline.
_LINE_START = re.compile(r"^([-+=>#]|\d+(?=[.)]))")


def strip_controls(value: object) -> str:
    """The value as one line of text with control characters removed (for the terminal too)."""
    return _CONTROL.sub("", str(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def text(value: object) -> Md:
    """Plain text that stays plain text wherever it lands in Markdown or HTML."""
    if isinstance(value, Md):
        return value
    escaped = strip_controls(value).translate(_INERT)
    return Md(_LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), escaped))


def attr(value: object) -> Md:
    """A value for a double-quoted HTML attribute (title, aria-label, data-*)."""
    return text(value)


_URL_SAFE = "/:?#@!$&+,;=%~-._"  # percent-encode everything else, `(`, `)` and spaces included


def url(value: object) -> Md:
    """An absolute http(s) URL from data, encoded so it cannot close a Markdown link or an
    attribute. Any other scheme (javascript:, data:, ...) is refused as `#`."""
    raw = strip_controls(value).strip()
    try:
        scheme = urlsplit(raw).scheme.lower()
    except ValueError:
        return Md("#")
    if scheme not in ("http", "https"):
        return Md("#")
    return Md(quote(raw, safe=_URL_SAFE).replace("&", "&amp;"))


def link(label: object, target: object) -> Md:
    return Md(f"[{text(label)}]({url(target)})")


def internal(label: object, path: str) -> Md:
    """A link to one of our own pages; the path may contain a code or id from data."""
    return Md(f"[{text(label)}]({quote(path, safe='/.#-_')})")


# The Markdown subset of rich-text fields, and what may survive of its HTML.
RICH_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br"}
RICH_URL_SCHEMES = {"http", "https"}


@cache
def _markdown():
    import markdown  # here, not at the top: the command line imports this module for csv_cell

    return markdown.Markdown(extensions=[], output_format="html")


def _sanitise(html: str) -> str:
    import nh3

    return nh3.clean(
        html,
        tags=RICH_TAGS,
        attributes={"a": {"href"}},
        url_schemes=RICH_URL_SCHEMES,
        link_rel="noopener nofollow",
        strip_comments=True,
    )


def rich(value: object, css_class: str = "rich-text") -> Md:
    """A rich-text field as a raw HTML block: Markdown subset in, allow-listed HTML out.

    Raw HTML typed into the field is escaped before Markdown sees it, so it shows as text; the
    sanitiser then drops any tag, attribute or URL scheme outside the allow-list. The block is
    raw HTML to the page's own Markdown pass, which leaves it alone."""
    source = _CONTROL.sub("", str(value)).strip()
    html = _sanitise(_markdown().reset().convert(str(escape(source))))
    return Md(f'\n<div class="{attr(css_class)}">\n{html}\n</div>\n\n')


def rich_inline(value: object) -> Md:
    """A rich-text field inside a table cell or a sentence: its first paragraph's inline HTML,
    with the text between tags made inert for the page's own Markdown pass."""
    source = _CONTROL.sub("", str(value)).strip().split("\n\n")[0]
    html = _sanitise(_markdown().reset().convert(str(escape(source))))
    html = re.sub(r"</?p>", "", html).replace("\n", " ").strip()
    parts = re.split(r"(<[^>]*>)", html)  # nh3 output: tags are well-formed, text is escaped
    return Md("".join(p if p.startswith("<") else _ACTIVE_OUTSIDE_REFS.sub(_reference, p) for p in parts))


def _reference(match: re.Match) -> str:
    found = match.group(0)
    return found if len(found) > 1 else f"&#{ord(found)};"


def plain(value: object) -> str:
    """Text for front matter: MkDocs and Material put page titles into `<title>` and the nav, and
    descriptions into `<meta content="...">`, without escaping, so escape them here."""
    return str(escape(strip_controls(value)))


def script_json(payload: str) -> Md:
    """JSON to embed in a `<script>` element: no `<` can close the element or open a comment."""
    return Md(payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# Spreadsheets run a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_ESCAPE_RULE = (
    "A text cell that would begin with =, +, -, @, a tab or a carriage return, or with an apostrophe, "
    "is written with one apostrophe (') in front, so that spreadsheets show it as text rather than run "
    "it as a formula. To read the exact value, remove one leading apostrophe from any text cell that "
    "starts with one."
)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run; see CSV_ESCAPE_RULE. Numbers stay numbers."""
    if not isinstance(value, str) or not value.startswith((*_FORMULA_START, "'")):
        return value
    return "'" + value
