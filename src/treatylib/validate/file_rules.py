"""Layer 2: rules inside one file. Each rule yields (path, message); the path
locates the line.

Rules run on whatever the schema accepted (`schema_layer.accepted_part`): a rejected
list item is None and a rejected field is absent, so each rule skips what it cannot
check instead of stopping the file. Date rules skip only the dates that are not real
dates (the valid-date rule reports those), and the official-counts rule, which derives
counts from the whole list, runs only on a whole file."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from .. import states, yamlio
from ..dates import PartialDate
from ..model import (
    ANSWERING_KINDS,
    CONSENT_ACTIONS,
    MADE_WITH,
    MEMBERSHIP_ACTIONS,
    OBJECTION_KINDS,
    REGIME_KINDS,
    Instrument,
    from_data,
)
from ..status import counts
from . import schema_layer
from .schema_layer import format_path, is_whole, items


class FileFacts(NamedTuple):
    stem: str  # the file name without .yaml
    instrument: Instrument | None  # None unless the whole file is well-formed
    by_state: dict[str, list[tuple[int, dict]]]  # the accepted participation, grouped once for every rule


Finding = tuple[tuple, str]
RULES: dict[str, Callable[[dict, FileFacts], Iterator[Finding]]] = {}

_TOP_DATES = ("adopted", "opened_for_signature", "signed", "established", "entry_into_force", "as_of", "complete_to")
_ACTION_DATES = ("date", "effective", "withdrawal_rescinded")
_JOINING = CONSENT_ACTIONS | MEMBERSHIP_ACTIONS | {"signature", "adherence"}
_REGIME_ONLY = MEMBERSHIP_ACTIONS | {"adherence"}
# Each comparison derives every state's status afresh; real files list at most five.
MAX_OFFICIAL_COUNTS = 20


def rule(rule_id: str):
    def register(func):
        RULES[rule_id] = func
        return func

    return register


def _date_fields(data: dict) -> Iterator[tuple[tuple, str]]:
    for key in _TOP_DATES:
        if key in data:
            yield (key,), data[key]
    if "ended" in data:
        yield ("ended", "date"), data["ended"]["date"]
    for i, src in items(data, "sources"):
        if "accessed" in src:
            yield ("sources", i, "accessed"), src["accessed"]
        if "captured" in src.get("via", {}):
            yield ("sources", i, "via", "captured"), src["via"]["captured"]
    for i, count in items(data, "official_counts"):
        yield ("official_counts", i, "as_of"), count["as_of"]
    for i, act in items(data, "participation"):
        for key in _ACTION_DATES:
            if key in act:
                yield ("participation", i, key), act[key]
    for i, item in items(data, "declarations"):
        if "date" in item:
            yield ("declarations", i, "date"), item["date"]
    for i, event in items(data, "events"):
        yield ("events", i, "date"), event["date"]
    for i, entry in items(data, "not_joined"):
        yield ("not_joined", i, "as_of"), entry["as_of"]


def _date(value) -> PartialDate | None:
    """The date, or None when it is missing or not a real date (valid-date reports those)."""
    try:
        return PartialDate.parse(value) if value else None
    except ValueError:
        return None


@rule("valid-date")
def valid_dates(data: dict, facts: FileFacts) -> Iterator[Finding]:
    for path, value in _date_fields(data):
        try:
            PartialDate.parse(value)
        except ValueError as err:
            yield path, str(err)


@rule("control-character")
def control_characters(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """Escapes in quoted text ("\\e[31m") can put control characters in a value, and from
    there on a terminal or a page; the loader already refused any typed in raw."""
    if not _holds_control(data):
        return  # the usual case, found without building a path for every value
    for path, text in _strings(data):
        found = yamlio.CONTROL.search(text)
        if found:
            yield path, f"control character U+{ord(found.group()):04X} is not allowed in text"


# In JSON text (ensure_ascii=False) a control character shows as a raw C1 or DEL, a \b or \f, or a \u0000-\u001f
# escape; newline, tab and carriage return have their own escapes. An escaped backslash before b, f or u00 matches
# too: a false alarm costs only the exact walk in control_characters.
_ENCODED_CONTROL = re.compile(r"[\x7f-\x9f]|\\[bf]|\\u00[01]")


def _holds_control(data) -> bool:
    """Whether any key or value may hold a control character: one pass of the C JSON encoder, not a Python walk
    of every value (a third of the file rules' time on the real data)."""
    try:
        encoded = json.dumps(data, ensure_ascii=False, check_circular=False)
    except (TypeError, ValueError):  # not plain data: the exact walk decides
        return True
    return _ENCODED_CONTROL.search(encoded) is not None


def _strings(data) -> Iterator[tuple[tuple, str]]:
    """Every string key and value with its path (a key's path is its value's)."""
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    yield path + (key,), key
                stack.append((path + (key,), item))
        elif isinstance(value, list):
            stack += ((path + (i,), item) for i, item in enumerate(value))


@rule("id-matches-file")
def id_matches_file(data: dict, facts: FileFacts) -> Iterator[Finding]:
    if facts.stem and "id" in data and data["id"] != facts.stem:
        yield ("id",), f"id {data['id']!r} must equal the file name {facts.stem!r}"


@rule("unique-keys")
def unique_keys(data: dict, facts: FileFacts) -> Iterator[Finding]:
    for listing in ("sources", "depositaries"):
        seen: set[str] = set()
        for i, item in items(data, listing):
            if item["key"] in seen:
                yield (listing, i, "key"), f"{listing} key {item['key']!r} is used twice"
            seen.add(item["key"])


@rule("known-keys")
def known_keys(data: dict, facts: FileFacts) -> Iterator[Finding]:
    # A key missing from a list the schema took apart may be in the rejected part: say nothing.
    sources = {s["key"] for _, s in items(data, "sources")} if is_whole(data, "sources") else None
    depositaries = {d["key"] for _, d in items(data, "depositaries")} if is_whole(data, "depositaries") else None
    for i, act in items(data, "participation"):
        if sources is not None and "source" in act and act["source"] not in sources:
            yield ("participation", i, "source"), f"source {act['source']!r} is not listed in sources"
        if depositaries is not None and "depositary" in act and act["depositary"] not in depositaries:
            yield ("participation", i, "depositary"), f"depositary {act['depositary']!r} is not listed in depositaries"
    for i, count in items(data, "official_counts"):
        if sources is not None and count["source"] not in sources:
            yield ("official_counts", i, "source"), f"source {count['source']!r} is not listed in sources"
    for listing in ("limits", "events"):
        for i, item in items(data, listing):
            if sources is not None and item["source"] not in sources:
                yield (listing, i, "source"), f"source {item['source']!r} is not listed in sources"


@rule("action-fits-kind")
def action_fits_kind(data: dict, facts: FileFacts) -> Iterator[Finding]:
    if "kind" not in data:
        return
    regime = data["kind"] in REGIME_KINDS
    for i, act in items(data, "participation"):
        kind = act["action"]
        if regime and kind not in _REGIME_ONLY | {"withdrawal", "suspension", "resumption"}:
            yield ("participation", i, "action"), f"a {data['kind']} has members, not parties: {kind!r} does not apply"
        if not regime and kind in _REGIME_ONLY:
            yield ("participation", i, "action"), f"{kind!r} applies to regimes and codes, not to a {data['kind']}"


@rule("duplicate-action")
def duplicate_actions(data: dict, facts: FileFacts) -> Iterator[Finding]:
    seen: dict[tuple, int] = {}
    for i, act in items(data, "participation"):
        key = (act["state"], act["action"], act.get("date"), act.get("depositary"))
        if key in seen:
            yield (
                ("participation", i),
                (
                    f"duplicate action: {act['state']} {act['action']} {act.get('date', '(no date)')} "
                    f"repeats participation[{seen[key]}]"
                ),
            )
        seen.setdefault(key, i)


@rule("after-as-of")
def after_as_of(data: dict, facts: FileFacts) -> Iterator[Finding]:
    as_of = _date(data.get("as_of"))
    if as_of is None:
        return
    for i, act in items(data, "participation"):
        when = _date(act.get("date"))
        if when and when.surely_after(as_of):
            yield ("participation", i, "date"), f"{when} is later than the file's as_of date {as_of}"


@rule("complete-to")
def complete_to(data: dict, facts: FileFacts) -> Iterator[Finding]:
    when, as_of = _date(data.get("complete_to")), _date(data.get("as_of"))
    if when is None:
        return
    if data.get("participation_complete", True) and is_whole(data, "participation_complete"):
        yield ("complete_to",), "only for a list marked participation_complete: false"
    if as_of and when.surely_after(as_of):
        yield ("complete_to",), f"{when} is later than the file's as_of date {as_of}"


@rule("before-opening")
def before_opening(data: dict, facts: FileFacts) -> Iterator[Finding]:
    opening = _date(data.get("opened_for_signature") or data.get("signed") or data.get("established"))
    if opening is None:
        return
    for i, act in items(data, "participation"):
        when = _date(act.get("date"))
        if act["action"] in ("signature", "ratification", "accession", "acceptance", "approval") and when:
            if when.surely_before(opening):
                yield ("participation", i, "date"), f"{act['action']} on {when} is before the treaty opened ({opening})"


@rule("key-dates-order")
def key_dates_order(data: dict, facts: FileFacts) -> Iterator[Finding]:
    opening = _date(data.get("opened_for_signature") or data.get("signed") or data.get("adopted"))
    in_force = _date(data.get("entry_into_force"))
    if opening and in_force and in_force.surely_before(opening):
        yield ("entry_into_force",), f"entry into force {in_force} is before signature opened ({opening})"
    if "ended" in data and in_force:
        ended = _date(data["ended"]["date"])
        if ended and ended.surely_before(in_force):
            yield ("ended", "date"), f"ended {ended} before it entered into force ({in_force})"


def _by_state(data: dict) -> dict[str, list[tuple[int, dict]]]:
    grouped: dict[str, list[tuple[int, dict]]] = {}
    for i, act in items(data, "participation"):
        grouped.setdefault(act["state"], []).append((i, act))
    return grouped


@rule("signature-after-ratification")
def signature_after_ratification(data: dict, facts: FileFacts) -> Iterator[Finding]:
    for state, acts in facts.by_state.items():
        signatures = [d for _, a in acts if a["action"] == "signature" and (d := _date(a.get("date")))]
        if not signatures:
            continue
        first_signature = min(signatures, key=lambda d: d.sort_key)
        for i, act in acts:
            when = _date(act.get("date"))
            if act["action"] == "ratification" and when and when.surely_before(first_signature):
                yield (
                    ("participation", i, "date"),
                    (f"{state} ratification on {when} is before its signature on {first_signature}"),
                )


@rule("withdrawal-dates")
def withdrawal_dates(data: dict, facts: FileFacts) -> Iterator[Finding]:
    for i, act in items(data, "participation"):
        if act["action"] != "withdrawal":
            continue
        notice, effective = _date(act.get("date")), _date(act.get("effective"))
        if notice and effective and effective.surely_before(notice):
            yield ("participation", i, "effective"), f"withdrawal takes effect {effective}, before notice {notice}"


@rule("action-after-withdrawal")
def action_after_withdrawal(data: dict, facts: FileFacts) -> Iterator[Finding]:
    for state, acts in facts.by_state.items():
        dated = [(i, a, d) for i, a in acts if (d := _date(a.get("date")))]
        dated.sort(key=lambda iad: iad[2].sort_key)
        withdrawn_at = None
        for i, act, _ in dated:
            if withdrawn_at is not None and act["action"] not in _JOINING:
                yield (
                    ("participation", i, "action"),
                    (
                        f"{state} {act['action']} on {act['date']} follows its withdrawal "
                        f"(participation[{withdrawn_at}]) without rejoining"
                    ),
                )
            if act["action"] == "withdrawal" and "withdrawal_rescinded" not in act:
                withdrawn_at = i
            elif act["action"] in CONSENT_ACTIONS | MEMBERSHIP_ACTIONS:
                withdrawn_at = None


@rule("withdrawal-needs-consent")
def withdrawal_needs_consent(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """A state can only withdraw from, or revoke, what it had consented to: by its own act, or by the
    act of a state it continues (Russia the USSR's)."""
    by_state = facts.by_state
    for state, acts in by_state.items():
        inherited = [a for former in _continued(state) for _, a in by_state.get(former, [])]
        consents = [a for _, a in acts if a["action"] in CONSENT_ACTIONS | MEMBERSHIP_ACTIONS] + [
            a for a in inherited if a["action"] in CONSENT_ACTIONS | MEMBERSHIP_ACTIONS
        ]
        for i, act in acts:
            if act["action"] not in ("withdrawal", "deratification"):
                continue
            when = _date(act.get("date"))
            earlier = [c for c in consents if not (when and (d := _date(c.get("date"))) and d.surely_after(when))]
            if not earlier:
                yield (
                    ("participation", i, "action"),
                    f"{state} {act['action']} with no earlier ratification, accession or other consent to end",
                )


def _continued(code: str) -> list[str]:
    if not states.is_known(code):
        return []
    return [f for f in states.get(code).predecessors if states.get(f).continuator == code]


@rule("act-after-state-ended")
def act_after_state_ended(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """A state that had ceased to exist cannot act: its later acts belong to a successor."""
    for i, act in items(data, "participation"):
        state = states.get(act["state"]) if states.is_known(act["state"]) else None
        when = _date(act.get("date"))
        if state and state.ended and when and when.surely_after(PartialDate.parse(state.ended)):
            yield (
                ("participation", i, "date"),
                f"{act['state']} {act['action']} on {when}, after {state.name} ceased to exist ({state.ended})",
            )


_ONE_VALUE = ("at-least", "at-most", "exactly")


@rule("limit-values")
def limit_values(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """A limit gives one value, or a band from min to max, as its comparison needs."""
    for i, limit in items(data, "limits"):
        comparison, where = limit["comparison"], ("limits", i)
        if comparison in _ONE_VALUE:
            if "value" not in limit:
                yield where + ("comparison",), f"{comparison!r} needs a value"
            if "min" in limit or "max" in limit:
                yield where + ("comparison",), f"{comparison!r} takes a value, not min and max"
            continue
        if "value" in limit:
            yield where + ("value",), f"{comparison!r} takes min and max, not a value"
        if "min" not in limit or "max" not in limit:
            yield where + ("comparison",), f"{comparison!r} needs both min and max"
        elif limit["min"] >= limit["max"]:
            yield where + ("min",), f"min {limit['min']} must be lower than max {limit['max']}"


# Event types that tell again what a date field of the file says.
_EVENT_FIELDS = {
    "opened-for-signature": "opened_for_signature",
    "signed": "signed",
    "entry-into-force": "entry_into_force",
    "expired": "ended",
    "terminated": "ended",
}


@rule("event-dates")
def event_dates(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """An event must agree with the file's own date for it: the first event of a type (the first
    place a treaty opened for signature) falls on the field's date, at the precision both give."""
    first: dict[str, tuple[int, PartialDate]] = {}
    for i, event in items(data, "events"):
        when = _date(event["date"])
        if (
            when
            and event["type"] in _EVENT_FIELDS
            and (event["type"] not in first or when.surely_before(first[event["type"]][1]))
        ):
            first[event["type"]] = (i, when)
    ended = data.get("ended", {})
    for kind, (i, when) in sorted(first.items(), key=lambda item: item[1][0]):
        field = _EVENT_FIELDS[kind]
        value = ended.get("date") if field == "ended" else data.get(field)
        if value is None:
            continue
        expected = _date(value)
        if expected is None:
            continue
        if when.surely_before(expected) or when.surely_after(expected):
            label = "ended.date" if field == "ended" else field
            yield ("events", i, "date"), f"{kind} {when} disagrees with {label} {expected}"
        if kind == "expired" and ended.get("reason") != "expiry":
            yield ("events", i, "type"), f"'expired' but ended.reason is {ended.get('reason')!r}"


@rule("not-joined")
def not_joined(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """A source's 'had not joined by then' cannot stand beside a joining act on or before that date,
    and belongs only to a list that is incomplete (a complete list says it already)."""
    if data.get("participation_complete", True) and "not_joined" in data:
        yield ("not_joined",), "a complete participation list needs no not_joined entries"
    sources = {s["key"] for _, s in items(data, "sources")} if is_whole(data, "sources") else None
    joined = {}
    for _, act in items(data, "participation"):
        if act["action"] in _JOINING and (when := _date(act.get("date"))):
            joined.setdefault(act["state"], []).append(when)
    for i, entry in items(data, "not_joined"):
        as_of = _date(entry["as_of"])
        if sources is not None and entry["source"] not in sources:
            yield ("not_joined", i, "source"), f"source {entry['source']!r} is not listed in sources"
        if as_of and any(not when.surely_after(as_of) for when in joined.get(entry["state"], [])):
            yield ("not_joined", i, "state"), f"{entry['state']} has a joining act on or before {as_of}"


@rule("official-counts")
def official_counts(data: dict, facts: FileFacts) -> Iterator[Finding]:
    # Counts derived from part of a list would differ for no real reason: whole files only.
    if facts.instrument is None:
        return
    listed = data.get("official_counts", ())
    if len(listed) > MAX_OFFICIAL_COUNTS:
        yield (
            ("official_counts", MAX_OFFICIAL_COUNTS),
            (f"{len(listed)} official counts: only the first {MAX_OFFICIAL_COUNTS} are compared"),
        )
    for i, count in enumerate(listed[:MAX_OFFICIAL_COUNTS]):
        as_of = _date(count["as_of"])
        derived = counts(facts.instrument, as_of.latest)
        differences = [
            f"{field} {count[field]} published, {derived[field]} derived"
            for field in ("parties", "signatories", "members")
            if field in count and count[field] != derived[field]
        ]
        where = ("official_counts", i)
        if differences and "difference" not in count:
            yield where, f"counts differ from {count['source']} as of {as_of}: {'; '.join(differences)}"
        elif not differences and "difference" in count:
            yield where + ("difference",), "counts now agree: remove the `difference` explanation"


def whole_instrument(data: dict, path: str = "") -> Instrument | None:
    """The typed model of a file the schema accepted whole; None if a date is not a real date."""
    try:
        return from_data(data, path)
    except ValueError:  # the valid-date rule reports it
        return None


_BUILD_IT = object()


def check(data: dict, stem: str, instrument=_BUILD_IT) -> Iterator[tuple[str, int, str]]:
    """Run every rule on the accepted part of a file; `instrument` is its whole_instrument, or None."""
    if instrument is _BUILD_IT:  # called on its own, on data no one has checked yet
        instrument = None if schema_layer.errors(data)[0] else whole_instrument(data)
    facts = FileFacts(stem, instrument, _by_state(data))
    for rule_id, func in RULES.items():
        for path, message in func(data, facts):
            prefix = format_path(path)
            yield rule_id, yamlio.line_at(data, path), f"{prefix}: {message}" if prefix else message


# ---- declarations, reservations and objections (top-level `declarations`) -------------------------

# What the importer writes until a person has summarised the entry; never valid data.
SUMMARY_PLACEHOLDER = "TO BE SUMMARISED"


def _declarations(data: dict) -> Iterator[tuple[int, dict]]:
    return items(data, "declarations")


@rule("declaration-keys")
def declaration_keys(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """An objection names the state objected to; declarations and reservations do not; sources exist."""
    sources = {s["key"] for _, s in items(data, "sources")}
    for i, item in _declarations(data):
        objects_to = item.get("objects_to")
        if item["kind"] in OBJECTION_KINDS and not objects_to:
            yield ("declarations", i, "kind"), f"an {item['kind']} needs `objects_to`: the state objected to"
        if objects_to and item["kind"] not in ANSWERING_KINDS:
            yield (
                ("declarations", i, "objects_to"),
                f"only objections and communications name `objects_to`, not a {item['kind']}",
            )
        if objects_to and objects_to == item["state"]:
            yield ("declarations", i, "objects_to"), f"{item['state']} cannot object to itself"
        if "source" in item and item["source"] not in sources:
            yield ("declarations", i, "source"), f"source {item['source']!r} is not listed in sources"
        if item["summary"].strip().startswith(SUMMARY_PLACEHOLDER):
            yield ("declarations", i, "summary"), "summary still to be written, in our own words"


@rule("declaration-state")
def declaration_state(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """The state (and the state objected to) took part in the instrument: it must have an action.

    A state cannot declare or reserve anything without an act in the instrument, and a reservation
    someone objects to was made with an act too. A state in `declarations` but not in `participation`
    is a typo or a missing action."""
    acting = {a["state"] for _, a in items(data, "participation")}
    for i, item in _declarations(data):
        for key in ("state", "objects_to"):
            code = item.get(key)
            if code and code not in acting:
                yield ("declarations", i, key), f"{code} has no action in participation"


@rule("declaration-made")
def declaration_made(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """'upon-ratification' needs that state's ratification (and so on), on the same date if both
    are dated; a 'later' one is not before the state's first act nor after as_of."""
    by_state = facts.by_state
    as_of = _date(data.get("as_of"))
    for i, item in _declarations(data):
        acts = [a for _, a in by_state.get(item["state"], [])]
        if not acts:
            continue  # declaration-state reports it
        when = _date(item.get("date"))
        action = MADE_WITH.get(item["made"])
        if action:
            matching = [a for a in acts if a["action"] == action]
            if not matching:
                message = f"{item['made']}, but {item['state']} has no {action} in participation"
                yield ("declarations", i, "made"), message
            elif when and not any(a.get("date", "").startswith(item["date"]) for a in matching):
                dates = ", ".join(a["date"] for a in matching if a.get("date"))
                yield ("declarations", i, "date"), f"{when} is not the date of {item['state']}'s {action} ({dates})"
        elif when:
            first = min((_date(a["date"]) for a in acts if a.get("date")), key=lambda d: d.sort_key, default=None)
            if first and when.surely_before(first):
                yield ("declarations", i, "date"), f"{when} is before {item['state']}'s first act ({first})"
        if when and as_of and when.surely_after(as_of):
            yield ("declarations", i, "date"), f"{when} is later than the file's as_of date {as_of}"


@rule("duplicate-declaration")
def duplicate_declarations(data: dict, facts: FileFacts) -> Iterator[Finding]:
    """One item per state, kind, occasion and state objected to: the importer matches on this key."""
    seen: dict[tuple, int] = {}
    for i, item in _declarations(data):
        key = (item["state"], item["kind"], item["made"], item.get("objects_to"))
        if key in seen:
            yield ("declarations", i), f"{' '.join(filter(None, key))} repeats declarations[{seen[key]}]; merge them"
        seen.setdefault(key, i)
