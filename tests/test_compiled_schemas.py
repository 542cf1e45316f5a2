"""The compiled validator (jsonschema-rs) answers "valid?" first for the systems and designations
files too; jsonschema lists the errors only for a file it rejects. So the compiled one must never
accept a file jsonschema rejects: checked on the real files and on every bad-input fixture."""

from pathlib import Path

import pytest

from treatylib import yamlio
from treatylib.validate import designations, systems
from treatylib.validate.schema_layer import compiled_accepts

ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def _cases():
    for module, folders in (
        (systems, [ROOT / "systems", FIXTURES / "bad-systems"]),
        (designations, [ROOT / "data" / "designations.yaml", FIXTURES / "bad-designations", FIXTURES / "designations"]),
    ):
        for folder in folders:
            for path in [folder] if folder.is_file() else sorted(folder.rglob("*.yaml")):
                yield pytest.param(module, path, id=str(path.relative_to(ROOT)))


@pytest.mark.parametrize(("module", "path"), list(_cases()))
def test_the_compiled_validator_is_never_more_lenient(module, path):
    try:
        data = yamlio.load(path)
    except Exception:  # unreadable YAML: no schema question to ask
        pytest.skip("not YAML")
    if not isinstance(data, dict):
        pytest.skip("not a mapping")
    rejected = bool(list(module._validator().iter_errors(data)))
    assert compiled_accepts(module.schema(), data) == (not rejected)
