"""'Cite this page' blocks in plain text and BibTeX."""

from __future__ import annotations

import os
import re

from ..dates import PartialDate
from .safe import strip_controls

SITE_NAME = "Arms Control Treaty Reference Library"
# The same setting mkdocs.yml reads: the published address when deploying, the dev server locally.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/").rstrip("/") + "/"


def cite_block(title: str, page_path: str, as_of: PartialDate, key: str) -> str:
    """The title lands in fenced code blocks, which show text as text; it only has to stay on one
    line (a fence closes on a line of its own) and, in BibTeX, keep its braces balanced."""
    url = SITE_URL + page_path
    title = strip_controls(title)
    bib_title = re.sub(r"([{}\\])", r"\\\1", title)
    plain = f'{SITE_NAME}. "{title}". Data as of {as_of.text}. {url}'
    bibtex = (
        f"@misc{{{key},\n"
        f"  title        = {{{{{bib_title}}}}},\n"
        f"  author       = {{{{{SITE_NAME}}}}},\n"
        f"  year         = {{{as_of.year}}},\n"
        f"  note         = {{Data as of {as_of.text}}},\n"
        f"  howpublished = {{\\url{{{url}}}}}\n"
        "}"
    )
    return (
        # Excluded from search as a whole section (heading attribute): every page has one.
        "## Cite this page { data-search-exclude }\n\n"
        f"Plain text:\n\n```text\n{plain}\n```\n\nBibTeX:\n\n```bibtex\n{bibtex}\n```\n"
    )
