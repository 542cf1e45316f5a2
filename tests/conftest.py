import pytest

from treatylib import site_build
from treatylib.build import generate


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
