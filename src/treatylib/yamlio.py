"""Read and write instrument YAML safely.

The loader keeps every value a string, int, bool, list or dict, never a date:
dates stay the exact text the contributor typed, so `1993` is not padded to a
day. It also records the line of every mapping key and sequence item, rejects
duplicate keys, aliases, complex keys, deep nesting and control characters at
their line, and reads `NO` (Norway) as the string "NO".
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
    from yaml.cyaml import CParser as _Parser
else:  # pragma: no cover - PyYAML built without libyaml

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

        def dispose(self):
            pass


MAX_DEPTH = 64  # real files nest 4 deep; the cap stops a hostile file long before any stack runs out
MAX_INT_DIGITS = 100  # no count needs more; Python refuses to print ints past 4300 digits
# C0 and C1 controls, DEL and NEL; tab, newline and carriage return are text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}
_STR, _INT_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_CLAIMED = frozenset(_Resolver.yaml_implicit_resolvers)  # first characters a bool, int or null can start with


def _refuse_control_characters(text: str) -> None:
    """The parser would report these at line 1 (or read NEL as a line break): name the real line."""
    found = CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
        raise YamlError(line, f"control character U+{ord(found.group()):04X} is not allowed (column {column})")


class _Scalars(yaml.constructor.SafeConstructor, _Resolver):
    """Turns one scalar event into a value: the resolver picks the tag, PyYAML's safe constructors do the rest."""

    def __init__(self):
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)

    def value(self, event):
        tag = event.tag
        if tag is None and (not event.implicit[0] or event.value[:1] not in _CLAIMED):
            return event.value  # quoted, or plain text no implicit resolver claims: most scalars, fast
        if tag is None or tag == "!":
            tag = self.resolve(yaml.nodes.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value
        if tag == _INT_TAG:
            return self._integer(event)
        node = yaml.nodes.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.construct_object(node)
        except (ValueError, TypeError, OverflowError) as err:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlError(event.start_mark.line + 1, f"cannot read {event.value[:40]!r} as {shown}: {err}") from None

    def _integer(self, event):
        digits = len(event.value.lstrip("+-"))
        if digits > MAX_INT_DIGITS:
            message = f"a number of {digits} digits is too long (at most {MAX_INT_DIGITS})"
            raise YamlError(event.start_mark.line + 1, message)
        if event.implicit[0]:
            return int(event.value)  # YAML 1.2: plain digits are decimal, `09` included
        try:
            return self.construct_yaml_int(yaml.nodes.ScalarNode(_INT_TAG, event.value))
        except ValueError:
            raise YamlError(event.start_mark.line + 1, f"{event.value!r} is not an integer") from None


class _Builder:
    """Builds LineDicts and LineLists straight from parser events, in one flat loop.

    Nothing recurses, so depth is checked before anything deep exists, and aliases and
    complex keys are refused at their line instead of failing later in a constructor."""

    def __init__(self):
        self.scalars = _Scalars()
        self.stack: list[list] = []  # [container, pending key, line of that key]
        self.root = None
        self.documents = 0

    def feed(self, event) -> None:
        line = event.start_mark.line + 1
        if type(event) is _SCALAR_EVENT:  # the most common event first
            self._attach(self.scalars.value(event), line)
        elif isinstance(event, yaml.events.AliasEvent):
            raise YamlError(line, "aliases (*name) are not allowed in data files")
        elif isinstance(event, yaml.events.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlError(line, "YAML syntax: a data file holds one document, but another starts here")
        elif isinstance(event, yaml.events.CollectionStartEvent):
            self._open(event, line)
        elif isinstance(event, yaml.events.CollectionEndEvent):
            self.stack.pop()

    def _open(self, event, line: int) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep")
        mapping = isinstance(event, yaml.events.MappingStartEvent)
        if event.tag not in (_MAP_TAGS if mapping else _SEQ_TAGS):
            raise YamlError(line, f"tag {event.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in data files")
        if self.stack and isinstance(self.stack[-1][0], LineDict) and self.stack[-1][1] is _NO_KEY:
            raise YamlError(line, "complex keys (a list or mapping used as a key) are not allowed")
        container = LineDict() if mapping else LineList()
        container.line = line
        if mapping:
            container.key_lines = {}
        else:
            container.item_lines = []
        self._attach(container, line)
        self.stack.append([container, _NO_KEY, 0])

    def _attach(self, value, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        container = top[0]
        if isinstance(container, LineList):
            container.append(value)
            container.item_lines.append(line)
        elif top[1] is _NO_KEY:
            if value in container.key_lines:
                raise YamlError(line, f"duplicate key {value!r} (first on line {container.key_lines[value]})")
            top[1], top[2] = value, line
        else:
            container[top[1]] = value
            container.key_lines[top[1]] = top[2]
            top[1] = _NO_KEY


_NO_KEY = object()
_SCALAR_EVENT = yaml.events.ScalarEvent


def _build(text: str):
    parser = _Parser(text)
    builder = _Builder()
    try:
        while event := parser.get_event():  # None after the end of the stream
            builder.feed(event)
    finally:
        parser.dispose()
    return builder.root


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
    _refuse_control_characters(text)
    try:
        return _build(text)
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
    return loads(decode(path.read_bytes()))


def decode(raw: bytes) -> str:
    """UTF-8 text, or a YamlError at the line of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise YamlError(line, f"not UTF-8 text: byte 0x{raw[err.start]:02x} ({err.reason})") from None


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
    "not_joined",
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
