"""Look a state up by code or name: `lookup`, the one function for that.

The table it reads is `treatylib.states.name_table()`: every code and name we accept (displayed
names, the names search finds a state by, pycountry's and depositaries' spellings). This module
imports no more than unicodedata, so the command line can look a name up in a compiled copy of
that table without loading the state registry; `treatylib.states` re-exports both functions.
"""

from __future__ import annotations

import unicodedata


def norm(name: str) -> str:
    """A name as the table keys it: without case, accents or extra spaces, with ’ read as '."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def lookup(text: str, table: dict[str, str] | None = None) -> str | None:
    """The code for a state code or any name in the name table (case and accents ignored), else None.

    `table` is a compiled copy of `treatylib.states.name_table()` (the command line reads one from
    its cache); by default the table is built from the registry.
    """
    if table is None:
        from .states import name_table

        table = name_table()
    key = norm(text)
    return table.get(key) if key else None
