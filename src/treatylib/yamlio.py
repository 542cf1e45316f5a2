"""Read and write instrument YAML safely.

The loader keeps every value a string, int, bool, list or dict, never a date:
dates stay the exact text the contributor typed, so `1993` is not padded to a
day. It also records the line of every mapping key and sequence item, rejects
duplicate keys and aliases, and reads `NO` (Norway) as the string "NO".
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml


class YamlError(Exception):
    """A problem in a YAML file, with the 1-based line where it was found."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# YAML 1.2 core booleans only: `yes`, `no`, `on`, `off`, `NO` stay strings.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")


class _Resolver(yaml.resolver.BaseResolver):
    pass


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


if yaml.__with_libyaml__:  # libyaml: about ten times faster than pure Python
    from yaml.cyaml import CParser

    class _Composer(CParser, _Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Composer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s*]", re.M)


def _refuse_aliases(text: str) -> None:
    """Aliases let a small file expand into a huge walk; data files never need them."""
    if not _MAYBE_ALIAS.search(text):
        return  # the common case: no `*` that could start an alias
    parser = _Composer(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.events.AliasEvent):
                raise YamlError(event.start_mark.line + 1, "aliases (*name) are not allowed in data files")
    finally:
        parser.dispose()


class _Loader(yaml.constructor.SafeConstructor):
    def __init__(self, stream):
        self._composer = _Composer(stream)
        yaml.constructor.SafeConstructor.__init__(self)

    def get_single_data(self):
        node = self._composer.get_single_node()
        return None if node is None else self.construct_document(node)

    def dispose(self):
        self._composer.dispose()

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlError(line, f"duplicate key {key!r} (first on line {seen[key]})")
            seen[key] = line
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {self.construct_object(k, deep=True): k.start_mark.line + 1 for k, _ in node.value}
        return mapping

    def construct_sequence(self, node, deep=False):
        items = LineList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


class LineDict(dict):
    """A dict that remembers the line of itself and of each key."""

    line = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that remembers the line of itself and of each item."""

    line = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def loads(text: str):
    """Parse YAML text; raise YamlError with a line number on any problem."""
    try:
        _refuse_aliases(text)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeConstructor
    except YamlError:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        where = f" {err.context}" if err.context and err.problem else ""
        raise YamlError(line, f"YAML syntax{where}: {err.problem or err.context}") from None
    except yaml.YAMLError as err:
        raise YamlError(1, f"YAML: {err}") from None


def load(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise YamlError(1, f"not UTF-8 text: {err.reason}") from None
    return loads(text)


def line_at(data, path: tuple) -> int:
    """Best line number for a path of keys/indices into loaded data."""
    line = getattr(data, "line", 1) or 1
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.line_of(step)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.line_of(step)
            node = node[step]
        else:
            break
    return line


# ---- writing -------------------------------------------------------------

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/instrument.schema.json\n"

KEY_ORDER = [
    "id",
    "name",
    "short_name",
    "aliases",
    "kind",
    "domains",
    "summary",
    "adopted",
    "opened_for_signature",
    "signed",
    "established",
    "entry_into_force",
    "entry_into_force_conditions",
    "required_states",
    "ratification_threshold",
    "ended",
    "depositaries",
    "bodies",
    "provisions",
    "thresholds",
    "limits",
    "events",
    "related",
    "links",
    "open_to",
    "participation_complete",
    "complete_to",
    "coverage_note",
    "as_of",
    "sources",
    "official_counts",
    "participation",
    "declarations_note",
    # nested objects
    "key",
    "label",
    "states",
    "state",
    "action",
    "type",
    "quantity",
    "comparison",
    "value",
    "min",
    "max",
    "unit",
    "applies_to",
    "date",
    "place",
    "effective",
    "date_basis",
    "disputed",
    "withdrawal_rescinded",
    "role",
    "depositary",
    "predecessor",
    "article",
    "text",
    "title",
    "url",
    "accessed",
    "via",
    "captured",
    "relation",
    "reason",
    "parties",
    "signatories",
    "members",
    "difference",
    "source",
    "note",
    "declarations",
    "status",
]
_RANK = {key: i for i, key in enumerate(KEY_ORDER)}
# An item of the top-level `declarations` list (it alone has `made`): `kind` and `summary` also name
# top-level keys, so these items get their own order, state first.
DECLARATION_KEY_ORDER = ["state", "kind", "made", "date", "objects_to", "summary", "source", "url"]
_DECLARATION_RANK = {key: i for i, key in enumerate(DECLARATION_KEY_ORDER)}


class _Dumper(yaml.SafeDumper):
    pass


def _represent_dict(dumper, data):
    rank = _DECLARATION_RANK if "made" in data and "state" in data else _RANK
    items = sorted(data.items(), key=lambda kv: (rank.get(kv[0], len(rank)), str(kv[0])))
    return dumper.represent_mapping("tag:yaml.org,2002:map", items)


def _represent_str(dumper, data):
    # Quote anything YAML 1.1 tools could misread (NO, 1993-01-01, 1.0, yes...).
    style = None
    if "\n" in data:
        style = "|"
    elif not re.fullmatch(r"[A-Za-z][A-Za-z0-9_ ,.'()/-]*", data) or data.lower() in {
        "yes",
        "no",
        "on",
        "off",
        "true",
        "false",
        "null",
        "y",
        "n",
    }:
        style = "'"
    elif re.fullmatch(r"[A-Z]{2,3}", data):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(LineDict, _represent_dict)
_Dumper.add_representer(LineList, yaml.SafeDumper.represent_list)
_Dumper.add_representer(str, _represent_str)


def dumps(data) -> str:
    """Canonical YAML: fixed key order, quoted dates and codes, schema hint on top."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return SCHEMA_COMMENT + body


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file so a crash never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
