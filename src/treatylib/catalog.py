"""The whole data set at once: instruments plus the states they mention. Status comes from
status.standing, the one place it is derived."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import states
from .model import Instrument
from .status import Status, may_join, standing


@dataclass(frozen=True)
class StateEntry:
    instrument: Instrument
    status: Status
    via: str | None = None  # former state whose actions this state continues


@dataclass(frozen=True)
class Catalog:
    instruments: tuple[Instrument, ...]

    @cached_property
    def by_id(self) -> dict[str, Instrument]:
        return {inst.id: inst for inst in self.instruments}

    def entry(self, inst: Instrument, code: str) -> StateEntry:
        # Pages, the matrix and the exports all ask for the same entries: derive each once.
        key = (inst.id, code)
        if key not in self._entries:
            status = standing(inst, code)
            self._entries[key] = StateEntry(inst, status, via=status.via)
        return self._entries[key]

    @cached_property
    def _entries(self) -> dict[tuple[str, str], StateEntry]:
        return {}

    def may_join(self, inst: Instrument, code: str) -> bool:
        return may_join(inst, code)

    @cached_property
    def state_codes(self) -> tuple[str, ...]:
        """States with a page: UN members and observers, plus anyone named in the data."""
        codes = {code for code, state in states.all_states().items() if state.region}
        for inst in self.instruments:
            codes.update(act.state for act in inst.participation)
            codes.update(act.predecessor for act in inst.participation if act.predecessor)
            if inst.required_states:
                codes.update(inst.required_states.states)
        codes = {c for c in codes if states.is_known(c)}
        # Pages link predecessors and successors, so those need pages too.
        for code in list(codes):
            state = states.get(code)
            codes.update(state.predecessors + state.successors + ((state.continuator,) if state.continuator else ()))
        return tuple(sorted(c for c in codes if states.is_known(c)))

    @cached_property
    def current_states(self) -> tuple[str, ...]:
        """UN members and observers (from data/regions.yaml), for lists of who has not joined."""
        return tuple(code for code, state in sorted(states.all_states().items()) if state.un in ("member", "observer"))
