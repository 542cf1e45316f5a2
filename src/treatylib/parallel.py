"""Two pieces of work at once, when the machine has a second core: one here, one in a forked process.

The build is pure Python, so threads would take turns; a second process does not. The generator renders
half of the site in one (build.render_site), and the search-pool plugin parses pages for Material's search
index in one (search_pool.py). TREATYLIB_PARALLEL=off does everything in this process, =on uses a second
process even on one core (the tests use both); the default, auto, uses one when there is a second core.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


def second_core() -> bool:
    """Whether to use a second process. By default only where forking is safe: on Linux (macOS's system
    libraries are not fork-safe, Windows cannot fork) and from a process that runs no other thread (a lock
    another thread holds at the fork stays locked in the child)."""
    setting = os.environ.get("TREATYLIB_PARALLEL", "auto")
    if setting != "auto":
        return setting == "on"
    return sys.platform == "linux" and threading.active_count() == 1 and _cores() > 1


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def both(here: Callable[[], A], there: Callable[[], B]) -> tuple[A, B]:
    """(here(), there()), there() run in a forked process at the same time as here() when second_core().
    An exception in either is raised here, the other process's with its traceback as a note."""
    if not second_core():
        return here(), there()
    # fork: the child starts at once with everything imported and built so far, and nothing is pickled on
    # the way in; only there()'s result comes back.
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(there, send), daemon=True)
    child.start()
    send.close()
    try:
        mine = here()
        try:
            status, value, trace = receive.recv()
        except EOFError:
            raise RuntimeError("the second process ended without a result") from None
        if status == "error":
            value.add_note(f"in the second process:\n{trace}")
            raise value
        return mine, value
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()


def _run(work: Callable[[], B], send) -> None:
    try:
        send.send(("ok", work(), ""))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        trace = traceback.format_exc()
        try:
            send.send(("error", exc, trace))
        except Exception:  # the exception itself would not pickle
            send.send(("error", RuntimeError(repr(exc)), trace))
    finally:
        send.close()
