import os
import subprocess
import sys

import pytest

from treatylib import paths
from treatylib.build import generate


def build_site(target, offline: bool = False):
    """The real pipeline: generator, then MkDocs with --strict, as `make build` runs it."""
    assert generate(quiet=True) == 0
    env = dict(os.environ, OFFLINE="true" if offline else "false", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("offline-site"), offline=True)
