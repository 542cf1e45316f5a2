import importlib.util
import os
import sys
from pathlib import Path

import pytest

from treatylib import paths, site_build, yamlio
from treatylib.build import generate
from treatylib.model import from_data


def build_site(target, offline: bool = False):
    """The real pipeline: generator, then MkDocs with --strict failing on any warning, as `make build` runs it."""
    assert generate(quiet=True) == 0
    try:
        site_build.build(target, offline=offline)
    except site_build.BuildFailed as err:
        pytest.fail(str(err))
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("offline-site"), offline=True)


def _search_eval():
    spec = importlib.util.spec_from_file_location("search_eval", paths.ROOT / "scripts" / "search_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("search_eval", module)  # dataclasses need their module registered
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def browser():
    """One Chromium (Debian's) for the whole session, shared by every browser test: Playwright's sync
    API cannot run twice in one process. A missing browser is an error, never a skip."""
    if os.environ.get("SKIP_BROWSER") == "1":
        pytest.skip("SKIP_BROWSER=1")
    search_eval = _search_eval()
    if not Path(search_eval.CHROMIUM).exists():
        pytest.fail(
            f"{search_eval.CHROMIUM} not found: install Debian's chromium (apt-get install chromium), "
            "or set SKIP_BROWSER=1 to skip the browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=search_eval.CHROMIUM, args=search_eval.LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def load():
    """An instrument's typed model from treaties/<id>.yaml, read once per test session."""
    cache = {}

    def get(ident):
        if ident not in cache:
            cache[ident] = from_data(yamlio.load(paths.TREATIES / f"{ident}.yaml"))
        return cache[ident]

    return get
