"""'Cite this page' blocks in plain text and BibTeX."""

from __future__ import annotations

from ..dates import PartialDate

SITE_NAME = "Arms Control Treaty Reference Library"
SITE_URL = "https://arms-control-reference.example.org/"


def cite_block(title: str, page_path: str, as_of: PartialDate, key: str) -> str:
    url = SITE_URL + page_path
    plain = f'{SITE_NAME}. "{title}". Data as of {as_of.text}. {url}'
    bibtex = (
        f"@misc{{{key},\n"
        f"  title        = {{{{{title}}}}},\n"
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
