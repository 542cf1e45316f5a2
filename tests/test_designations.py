"""Designations: the data file, its validator, the typed model, the page, the state section, the exports.

The fixtures under tests/fixtures/designations and tests/fixtures/bad-designations are made up
(example.org): no real entity is named in a test.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from test_hostile import HOSTILE_URL, PAYLOAD, _LiveMarkup

from treatylib import designations, states, yamlio
from treatylib.build import _designation_files
from treatylib.render import designations_page, exports
from treatylib.validate.designations import check_data, validate_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "designations" / "valid.yaml"
BAD = FIXTURES / "bad-designations"
# Only a government's own notice is a source (a copy may be named in `via`, never in `url`).
OFFICIAL_HOSTS = (
    "state.gov",
    "treasury.gov",
    "federalregister.gov",
    "govinfo.gov",
    "bis.gov",
    "bis.doc.gov",
    "gpo.gov",
)


@pytest.fixture(scope="module")
def sample() -> designations.Designations:
    data, problems = validate_file(VALID)
    assert problems == ()
    return designations.from_data(data)


def _lines(path: Path) -> list[str]:
    _, problems = validate_file(path, root=ROOT)
    return [str(p) for p in problems]


# --- the real data file ------------------------------------------------------------------


def test_real_file_is_valid_and_loads():
    data, problems = validate_file(designations.DESIGNATIONS_FILE, root=ROOT)
    assert problems == (), problems
    listed = designations.from_data(data)
    assert str(listed.as_of) == "2026-12-06"


def test_default_reads_the_file_again_when_it_changes(tmp_path, monkeypatch):
    copy = tmp_path / "designations.yaml"
    copy.write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(designations, "DESIGNATIONS_FILE", copy)
    monkeypatch.setattr(designations, "load", lambda: designations.from_data(yamlio.load(copy)))
    assert len(designations.default().entries) == 4
    data = yamlio.load(copy)
    del data["designations"][0]
    copy.write_text(yamlio.dumps(data), encoding="utf-8")
    assert len(designations.default().entries) == 3


def test_real_entries_cite_official_notices_only():
    listed = designations.load()
    for notice in listed.notices:
        host = urlsplit(notice.url).hostname or ""
        assert host.endswith(OFFICIAL_HOSTS), f"{notice.key}: {notice.url} is not an official notice"
        assert str(notice.accessed) == "2026-12-06" or notice.accessed.year < 2027


def test_real_entries_quote_their_notice():
    """Each entity's name, as recorded, appears word for word in the notice's sentence the entry quotes."""
    listed = designations.load()
    for entry in listed.entries:
        assert entry.quote and entry.entity in entry.quote, entry.entity
        assert states.name(entry.concerns) in entry.quote


def test_real_leads_out_of_reach_concern_pakistan_2021_to_2024():
    """The issue's 'done when': Pakistan 2021-2024 is listed, or the note says which notices were out of reach."""
    listed = designations.load()
    pakistan = listed.for_state("PAK")
    leads = listed.leads_for("PAK")
    assert pakistan or leads
    for lead in leads:
        assert lead.looked_for and (lead.lead_date is None or 2021 <= lead.lead_date.year <= 2024)


# --- validator ---------------------------------------------------------------------------


def test_valid_fixture_passes():
    assert _lines(VALID) == []


def test_schema_errors_have_paths_and_lines():
    lines = _lines(BAD / "schema-errors.yaml")
    assert lines == [
        "tests/fixtures/bad-designations/schema-errors.yaml:6: sources[0].url: 'ftp://example.org/notice-a' "
        "does not match '^https?://' [schema]",
        "tests/fixtures/bad-designations/schema-errors.yaml:10: designations[0]: 'entity' is a required property "
        "[schema]",
        "tests/fixtures/bad-designations/schema-errors.yaml:10: designations[0]: Additional properties are not "
        "allowed ('colour' was unexpected) [schema]",
    ]


def test_every_file_rule_reported_at_once():
    found = {(line.split(":")[1], line.rsplit("[", 1)[1].rstrip("]")) for line in _lines(BAD / "rules.yaml")}
    assert found == {
        ("9", "unique-key"),
        ("15", "valid-date"),
        ("20", "known-state"),
        ("23", "known-source"),
        ("34", "delisting-order"),
        ("36", "duplicate"),
        ("45", "after-as-of"),
        ("52", "control-character"),
        ("56", "known-state"),
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("not-a-mapping.yaml", ":1: the file must hold a mapping"),
        ("broken-yaml.yaml", ":3: YAML syntax"),
    ],
)
def test_unreadable_files_are_one_clean_problem(name, expected):
    lines = _lines(BAD / name)
    assert len(lines) == 1 and expected in lines[0]


def test_a_rejected_item_does_not_cascade():
    """An item the schema rejected is left out of the rules: no 'unknown source' follow-on error."""
    data = yamlio.load(VALID)
    del data["sources"][0]["publisher"]
    rules = {p.rule for p in check_data(data, "x.yaml")}
    assert rules == {"schema"}


def test_command_line_prints_every_problem_without_traceback():
    run = subprocess.run(
        [sys.executable, "-m", "treatylib.validate", "--designations", str(BAD / "rules.yaml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert len(run.stdout.splitlines()) == 9
    assert all(line.startswith("tests/fixtures/bad-designations/rules.yaml:") for line in run.stdout.splitlines())


def test_make_validate_covers_the_file(tmp_path, monkeypatch):
    from treatylib.validate import __main__ as entry

    broken = tmp_path / "designations.yaml"
    broken.write_text((BAD / "rules.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(entry, "DESIGNATIONS_FILE", broken)
    assert entry.main([]) == 1


# --- model -------------------------------------------------------------------------------


def test_model_is_frozen_and_newest_first(sample):
    assert [e.entity for e in sample.entries] == [
        "Fixture Entity A",
        "Fixture Entity B",
        "Fixture Entity Old",
        "Fixture Entity D",
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.entries[0].entity = "changed"
    assert [year for year, _ in sample.by_year()] == [2024, 2023, 2022]
    assert sample.entries[-1].entity_country is None and sample.entries[-1].date_basis == "notice-published"
    old = next(e for e in sample.entries if e.entity == "Fixture Entity Old")
    assert old.delisted and str(old.delisted.date) == "2025-01" and old.delisted.source.key == "notice-c"
    assert old.source.via and str(old.source.via.captured) == "2024-05"


def test_for_state_covers_programme_and_entity_country(sample):
    assert len(sample.for_state("PAK")) == 3
    assert [e.entity for e in sample.for_state("CHN")] == ["Fixture Entity Old"]
    assert [e.entity for e in sample.for_state("IRN")] == ["Fixture Entity D"]
    assert sample.for_state("IND") == ()
    assert [lead.lead for lead in sample.leads_for("IND")] == ["Fixture lead with no notice read."]


# --- page and state section ----------------------------------------------------------------


def _html(page: str) -> str:
    return markdown.markdown(
        page.split("---\n", 2)[-1], extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"]
    )


def test_page_is_a_timeline_grouped_by_year(sample):
    page = designations_page.render(sample)
    assert page.index("## 2024") < page.index("## 2023") < page.index("## 2022") < page.index("## Notices out of reach")
    assert "(the notice's publication date: the part read gives no designation date)" in page
    assert page.count("### 18 December 2024: Fixture notice A") == 1  # one notice, two entities: shown once
    assert "> The notice says: “Fixture sentence naming Fixture Entity D.”" in page
    assert "not stated in the part of the notice read" in page
    assert page.index("Fixture Entity A") < page.index("Fixture Entity B")
    assert "What it is not: a sanctions database" in page.replace("**", "")
    assert "[Fixture notice A](https://example.org/notice-a)" in page
    assert "read via [Fixture archive copy](https://example.org/archive/notice-b)" in page
    assert "<strong>Delisted</strong> 2025-01 (month only)" in page
    html = _html(page)
    assert "<th>Entity (as published)</th>" in html


def test_empty_list_says_so(sample):
    empty = dataclasses.replace(sample, entries=())
    page = designations_page.render(empty)
    assert "No designation is listed yet" in page and "## Notices out of reach" in page


def test_state_section(sample):
    section = designations_page.designations_for("PAK", sample)
    assert section.startswith("## Designations")
    assert "Fixture Entity A" in section and "../designations.md" in section
    china = designations_page.designations_for("CHN", sample, level=3)
    assert china.startswith("### Designations") and "Fixture Entity Old" in china
    iran = designations_page.designations_for("IRN", sample)
    assert "Fixture Entity D" in iran and "Notices out of reach" not in iran
    india = designations_page.designations_for("IND", sample)
    assert "No designation concerning India is listed yet" in india and "Notices out of reach" in india
    france = designations_page.designations_for("FRA", sample)
    assert "No designation concerning France is listed." in france


TEXT_FIELDS = {
    "title",
    "publisher",
    "authority",
    "agency",
    "entity",
    "location_as_published",
    "programme",
    "quote",
    "note",
}


def _poisoned(value, key=None):
    """Every free-text field carries the payload, every URL is hostile; codes, keys and dates stay valid."""
    if isinstance(value, dict):
        return {k: _poisoned(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poisoned(v, key) for v in value]
    if key == "url":
        return HOSTILE_URL
    if key in TEXT_FIELDS | {"lead", "looked_for", "aliases"}:
        return f"{value} {PAYLOAD}"
    return value


def test_hostile_strings_stay_text():
    data = _poisoned(yamlio.load(VALID))
    assert check_data(data, "x.yaml") == []  # the payload is only text: the file is still valid
    listed = designations.from_data(data)
    for page in (designations_page.render(listed), designations_page.designations_for("PAK", listed)):
        parser = _LiveMarkup()
        html = _html(page)
        parser.feed(html)
        assert parser.found == []
        assert "&lt;script&gt;alert(" in html and "<script" not in html
        assert 'href="javascript' not in html.lower()


# --- exports and schema ------------------------------------------------------------------


def test_csv_and_json_exports(sample):
    files = exports.render_designations(sample)
    rows = list(csv.DictReader(io.StringIO(files["designations.csv"])))
    assert [r["entity"] for r in rows] == [
        "Fixture Entity A",
        "Fixture Entity B",
        "Fixture Entity Old",
        "Fixture Entity D",
    ]
    assert rows[3]["date_basis"] == "notice-published" and rows[3]["entity_country"] == ""
    assert rows[3]["quote"] == "Fixture sentence naming Fixture Entity D."
    assert list(rows[0]) == exports.DESIGNATION_FIELDS
    assert rows[2]["via"] == "https://example.org/archive/notice-b" and rows[2]["delisted"] == "2025-01"
    record = json.loads(files["designations.json"])
    assert record["as_of"] == "2026-12-06" and len(record["designations"]) == 4
    assert record["out_of_reach"][0]["concerns"] == "IND"
    assert {n["key"] for n in record["notices"]} == {"notice-a", "notice-b", "notice-c"}


def test_csv_cells_never_start_a_formula(sample):
    data = yamlio.load(VALID)
    data["designations"][0]["entity"] = '=HYPERLINK("https://example.org")'
    files = exports.render_designations(designations.from_data(data))
    for row in csv.reader(io.StringIO(files["designations.csv"])):
        assert not any(c.startswith(("=", "+", "-", "@")) for c in row), row
    assert json.loads(files["designations.json"])["designations"][2]["entity"].startswith("=")


def test_data_package_describes_the_csv():
    package = exports.datapackage()
    resource = next(r for r in package["resources"] if r["name"] == "designations")
    assert [f["name"] for f in resource["schema"]["fields"]] == exports.DESIGNATION_FIELDS
    assert all(f.get("description") for f in resource["schema"]["fields"])


def test_schema_is_published_and_documents_every_field(sample):
    files = _designation_files(sample)
    assert set(files) == {
        "designations.md",
        "data/designations.csv",
        "data/designations.json",
        "schema/designations.schema.json",
    }
    schema = json.loads(files["schema/designations.schema.json"])

    def undocumented(node, path=""):
        for key, prop in node.get("properties", {}).items():
            if "description" not in prop and "$ref" not in prop:
                yield f"{path}{key}"
            yield from undocumented(prop, f"{path}{key}.")
            yield from undocumented(prop.get("items", {}), f"{path}{key}[].")

    assert list(undocumented(schema)) == []
