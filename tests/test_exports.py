"""Downloads: the files exist, keep date precision, and form a valid Frictionless Data Package."""

import csv
import json
import re
from pathlib import Path

import jsonschema
from frictionless import validate

from treatylib import yamlio
from treatylib.render.exports import STATUS_FIELDS

ROOT = Path(__file__).parents[1]


def rows(site, name):
    with open(site / "data" / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_all_exports_exist_with_their_columns(site):
    data = site / "data"
    for name in (
        "participation.csv",
        "status.csv",
        "instruments.csv",
        "instruments.json",
        "states.csv",
        "datapackage.json",
    ):
        assert (data / name).is_file(), name
    assert list(rows(site, "participation.csv")[0])[:6] == [
        "instrument",
        "state",
        "action",
        "date",
        "depositary",
        "source",
    ]
    assert list(rows(site, "status.csv")[0]) == STATUS_FIELDS
    assert {r["status"] for r in rows(site, "status.csv")} <= {
        "party",
        "signatory",
        "withdrawn",
        "member",
        "adherent",
        "former-party",
        "not-joined",
    }


def test_dates_keep_their_precision(site):
    dates = [r["date"] for r in rows(site, "participation.csv") if r["date"]]
    single = r"\d{4}(-\d{2}(-\d{2})?)?[?~%]?"  # ISO 8601 at its precision, or an EDTF range of two
    assert all(re.fullmatch(rf"{single}|({single}|\.\.)/({single}|\.\.)", d) for d in dates)
    mtcr = {r["state"]: r["date"] for r in rows(site, "participation.csv") if r["instrument"] == "mtcr"}
    assert mtcr["IND"] == "2016-06-27" and mtcr["ESP"] == "1989"  # a year stays a year


def test_frictionless_validates_the_package(site):
    report = validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_instruments_json_uses_the_yaml_field_names(site):
    records = json.loads((site / "data" / "instruments.json").read_text())
    npt = next(r for r in records if r["id"] == "npt")
    original = yamlio.load(ROOT / "treaties" / "npt.yaml")
    assert set(npt) <= set(original) | {"participation"}
    assert npt["participation"][0].keys() <= {
        "state",
        "action",
        "date",
        "source",
        "note",
        "depositary",
        "effective",
        "disputed",
        "withdrawal_rescinded",
        "predecessor",
    }


def test_each_page_links_its_downloads(site):
    assert "../data/instruments/npt.csv" in (site / "instruments" / "npt.html").read_text()
    assert "../data/states/PAK.json" in (site / "states" / "pak.html").read_text()
    assert (site / "data" / "instruments" / "npt.json").is_file()
    assert (site / "data" / "states" / "PAK.csv").is_file()


def test_every_yaml_file_names_and_passes_the_published_schema(site):
    schema = json.loads((site / "schema" / "instrument.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "treaties").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/instrument.schema.json", path.name
        assert list(validator.iter_errors(yamlio.load(path))) == [], path.name


def test_field_reference_is_generated_from_the_schema(site):
    schema = json.loads((ROOT / "schema" / "instrument.schema.json").read_text())
    page = (site / "reference" / "fields.html").read_text()
    for field in schema["properties"]:
        assert f"<code>{field}</code>" in page, field


def test_cite_this_page(site):
    page = (site / "instruments" / "npt.html").read_text()
    assert "Cite this page" in page and "acref-npt" in page and "Data as of 2026-08-22" in page


def test_every_page_offers_a_citation(site):
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    missing = [str(p.relative_to(site)) for p in pages if "Cite this page" not in p.read_text(encoding="utf-8")]
    assert len(pages) > 300 and missing == []


def test_declarations_csv_and_json(site):
    decl = rows(site, "declarations.csv")
    assert list(decl[0]) == ["instrument", "state", "kind", "made", "date", "objects_to", "summary", "source", "url"]
    assert {r["instrument"] for r in decl} >= {"ctbt", "cwc", "tpnw", "att", "ccm", "apmbc", "enmod"}
    assert not any(r["summary"].startswith("TO BE SUMMARISED") for r in decl)
    assert all(r["url"].startswith("https://treaties.un.org/") for r in decl if r["instrument"] == "ctbt")
    israel = next(r for r in decl if r["instrument"] == "ctbt" and r["state"] == "ISR")
    assert (israel["kind"], israel["made"], israel["date"], israel["objects_to"]) == (
        "communication",
        "later",
        "1997-01-29",
        "IRN",
    )
    record = json.loads((site / "data" / "instruments" / "ctbt.json").read_text())
    assert {d["state"] for d in record["declarations"]} == {r["state"] for r in decl if r["instrument"] == "ctbt"}
    assert "source" not in record["declarations"][0]  # the file's default source, left out as in the YAML
    package = json.loads((site / "data" / "datapackage.json").read_text())
    resource = next(r for r in package["resources"] if r["name"] == "declarations")
    assert all(f.get("description") for f in resource["schema"]["fields"] if f["name"] != "instrument")


def test_edtf_dates_round_trip_through_the_exports(site):
    """A bounded date ('../1974-08-22', by that day) keeps its EDTF text in every export, and parses back."""
    from treatylib.dates import PartialDate

    zangger = [r for r in rows(site, "participation.csv") if r["instrument"] == "zangger" and r["state"] == "CAN"]
    assert zangger and zangger[0]["date"] == "../1974-08-22"
    assert PartialDate.parse(zangger[0]["date"]).human() == "by 22 August 1974"
    record = json.loads((site / "data" / "instruments" / "zangger.json").read_text(encoding="utf-8"))
    assert any(a["date"] == "../1974-08-22" for a in record["participation"] if a["state"] == "CAN")
