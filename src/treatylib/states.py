"""State codes and names: pycountry for ISO 3166-1 and 3166-3, data/ files for the rest.

Depositaries spell names their own way ("Iran (Islamic Republic of)",
"Türkiye"), and readers use other names ("DPRK", "UK", "Ivory Coast"). One table,
`name_table`, maps every one of them to a code: each state's code, displayed name
and other names (data/state_names.yaml: the names its page is found by in search),
pycountry's names, and depositaries' spellings (data/aliases.yaml). `lookup` (defined
in treatylib.names, so that it loads fast) reads it for the command line, and
`code_for_name` for the importers.

The YAML loader is imported only when the registry is first built, so a command that reads
a compiled table starts fast; pycountry's codes and names come from a snapshot kept per
pycountry release (treatylib.iso_snapshot), since importing pycountry alone takes 0.1 s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .names import lookup
from .names import norm as _norm
from .paths import DATA


@dataclass(frozen=True)
class State:
    code: str
    name: str
    former: bool = False
    continuator: str | None = None
    union: bool = False  # the continuator acted in its own name before (South Yemen into Yemen)
    successors: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()
    ended: str | None = None
    note: str | None = None
    region: str | None = None
    subregion: str | None = None
    groups: tuple[str, ...] = field(default=())
    un: str | None = None  # member | observer | none (from data/regions.yaml)
    also_known_as: tuple[str, ...] = ()  # other names readers search for (data/state_names.yaml)


class UnknownState(KeyError):
    pass


# Short, familiar names where pycountry's is long or formal.
_COMMON_NAMES = {
    "BOL": "Bolivia",
    "BRN": "Brunei",
    "COD": "DR Congo",
    "CZE": "Czechia",
    "FSM": "Micronesia",
    "IRN": "Iran",
    "KOR": "South Korea",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PRK": "North Korea",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SYR": "Syria",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "VAT": "Holy See",
    "VEN": "Venezuela",
    "VNM": "Viet Nam",
    "GBR": "United Kingdom",
    "USA": "United States",
    "SUN": "Soviet Union",
    "YUG": "Yugoslavia (SFR)",
    "CSK": "Czechoslovakia",
    "DDR": "German Democratic Republic",
    "SCG": "Serbia and Montenegro",
    "YMD": "Yemen (People's Democratic Republic)",
    "CIV": "Côte d'Ivoire",
    "CPV": "Cabo Verde",
    "SWZ": "Eswatini",
    "MKD": "North Macedonia",
    "TUR": "Türkiye",
}


@cache
def _registry() -> dict[str, State]:
    from . import yamlio
    from .iso_snapshot import snapshot  # pycountry's codes and names, without importing it each time

    successions = {row["former"]: row for row in yamlio.load(DATA / "successions.yaml")["successions"]}
    regions = _regions()
    other_names = _other_names()
    predecessors: dict[str, list[str]] = {}
    for former, row in successions.items():
        for succ in list(row.get("successors", [])) + [row.get("continuator")]:
            if succ:
                predecessors.setdefault(succ, []).append(former)

    states: dict[str, State] = {}

    def add(code: str, name: str, former: bool = False, note: str | None = None) -> None:
        row = successions.get(code, {})
        region = regions.get(code, {})
        states[code] = State(
            code=code,
            name=_COMMON_NAMES.get(code, name),
            former=former,
            continuator=row.get("continuator"),
            union=row.get("union", False),
            successors=tuple(row.get("successors", ())),
            predecessors=tuple(predecessors.get(code, ())),
            ended=row.get("ended"),
            note=note or row.get("note"),
            region=region.get("region"),
            subregion=region.get("subregion"),
            groups=tuple(region.get("groups", ())),
            un=region.get("un"),
            also_known_as=tuple(other_names.get(code, ())),
        )

    iso = snapshot()
    for alpha_3, name, _official, common in iso["countries"]:
        add(alpha_3, common or name)
    for alpha_3, name in iso["historic"]:
        if alpha_3 not in states:
            add(alpha_3, successions.get(alpha_3, {}).get("name", name), former=True)
    for entity in yamlio.load(DATA / "entities.yaml")["entities"]:
        add(entity["code"], entity["name"], note=entity.get("note"))
    unknown = sorted(set(other_names) - set(states))
    if unknown:
        raise UnknownState(f"data/state_names.yaml: unknown state code(s) {', '.join(unknown)}")
    return states


def _other_names() -> dict[str, list[str]]:
    from . import yamlio

    path = DATA / "state_names.yaml"
    if not path.exists():
        return {}
    return {code: [str(n) for n in names] for code, names in yamlio.load(path)["also_known_as"].items()}


@cache
def _regions() -> dict[str, dict]:
    from . import yamlio

    path = DATA / "regions.yaml"
    if not path.exists():
        return {}
    return {row["code"]: row for row in yamlio.load(path)["states"]}


def all_states() -> dict[str, State]:
    return dict(_registry())


def is_known(code: str) -> bool:
    return code in _registry()


def get(code: str) -> State:
    try:
        return _registry()[code]
    except KeyError:
        raise UnknownState(code) from None


def name(code: str) -> str:
    state = _registry().get(code)
    return state.name if state else code


def sort_key(code: str) -> tuple[str, str]:
    """Order states by name as readers expect: accents and case ignored, so "Côte d'Ivoire" sorts
    under C and "Bangladesh" before "Belgium"."""
    return (_norm(name(code)), code)


def search_names(code: str) -> list[str]:
    """What a reader finds this state's page by in search: its name, its code and its other names."""
    state = get(code)
    return [state.name, code, *state.also_known_as]


@cache
def name_table() -> dict[str, str]:
    """Every name we accept for a state, normalised (see `_norm`), mapped to its code.

    Later sources win over earlier ones: pycountry's names, then the names search finds
    (data/state_names.yaml; "East Timor" is Timor-Leste, not the withdrawn ISO code TMP),
    then depositaries' spellings (data/aliases.yaml), and a state's own code over all.
    """
    from . import yamlio
    from .iso_snapshot import snapshot

    table: dict[str, str] = {}
    registry = _registry()
    for code, state in registry.items():
        table.setdefault(_norm(state.name), code)
    for alpha_3, *names in snapshot()["countries"]:  # name, official_name, common_name
        for each in names:
            if each:
                table.setdefault(_norm(each), alpha_3)
    for code in registry:
        for other in search_names(code)[1:]:
            table[_norm(other)] = code
    for alias, code in yamlio.load(DATA / "aliases.yaml")["aliases"].items():
        table[_norm(alias)] = code
    for code in registry:
        table[_norm(code)] = code
    table.pop("", None)
    return table


def code_for_name(name: str) -> str:
    """Map a depositary's spelling of a state to our code; raise UnknownState if unmapped."""
    code = lookup(name)
    if code is None:
        raise UnknownState(f"no code for state name {name!r}: add it to data/aliases.yaml")
    return code


def succeeded_state(code: str, on: str | None = None) -> str | None:
    """The one former state `code` is listed as a successor of (that had ended by `on`), else None.

    Importers use this to fill `predecessor` on a succession. Only `successors` count, not continuators:
    Serbia's 2001 CCW succession was to the SFRY, not to Serbia and Montenegro. Two candidates mean
    the source must say which, so None.
    """
    if not is_known(code):
        return None
    found = [
        former
        for former in get(code).predecessors
        if code in get(former).successors and (on is None or (get(former).ended or "9999") <= on)
    ]
    return found[0] if len(found) == 1 else None
