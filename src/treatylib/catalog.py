"""The whole data set at once: instruments plus the states they mention, and
per-state statuses that follow a former state to its continuator (the USSR's
NPT deposit is Russia's)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import states
from .model import Instrument
from .status import Status, for_instrument


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

    @cached_property
    def _actions(self) -> dict[str, dict]:
        return {inst.id: inst.actions_by_state() for inst in self.instruments}

    def entry(self, inst: Instrument, code: str) -> StateEntry:
        acts = list(self._actions[inst.id].get(code, ()))
        via = None
        # A continuator (Russia for the USSR) carries on the former state's own actions.
        for former in states.get(code).predecessors if states.is_known(code) else ():
            if states.get(former).continuator == code and self._actions[inst.id].get(former):
                acts += self._actions[inst.id][former]
                via = former
        if acts:
            return StateEntry(inst, for_instrument(inst, acts), via=via)
        if not self.may_join(inst, code):
            return StateEntry(inst, Status("ineligible"))
        # Absence from an incomplete list is not evidence of absence, except up to the date it is complete to.
        if inst.participation_complete:
            return StateEntry(inst, Status(None))
        if inst.complete_to:
            return StateEntry(inst, Status(None, known_to=inst.complete_to))
        return StateEntry(inst, Status("unknown"))

    def may_join(self, inst: Instrument, code: str) -> bool:
        """Whether the instrument is open to this state at all."""
        if inst.kind == "bilateral":
            return False  # its parties all have actions; nobody else can join
        rule = inst.open_to
        if rule is None:
            return True
        state = states.get(code) if states.is_known(code) else None
        return bool(
            code in rule.states
            or (rule.region and state and state.region == rule.region)
            or (rule.subregion and state and state.subregion == rule.subregion)
        )

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
