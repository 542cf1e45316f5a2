"""Provenance: rows cite the authority, and a copy that was read is named as the route (`via`)."""

from __future__ import annotations

import re
from pathlib import Path

from treatylib import yamlio
from treatylib.model import Via, from_data, to_record
from treatylib.render import exports

ROOT = Path(__file__).parents[1]

# Hosts that only ever hold copies of someone else's document: code hosts, document-sharing and
# syndication sites, and the test or staging hosts of a publisher. Extend it when a new one turns up.
COPY_HOST = re.compile(
    r"^https?://(?:[^/]*\.)?(?:github\.com|vdocuments\.[a-z]+|docslib\.org|fsou\.com|russialist\.org"
    r"|newyorkstatesman\.com|infomanage\.com|opennieuwsbank\.nl|armeniandiaspora\.com|scoop\.co\.nz"
    r"|mediaselangor\.com|azurewebsites\.net|newsbreak\.com|msn\.com|yahoo\.com|zawya\.com|menafn\.com"
    r"|dailyhunt\.in|pdfslide\.[a-z]+|spacedaily\.com|globalsecurity\.org)(?:[:/]|$)"
    r"|^https?://(?:staging-|certexternal-|cert\d*external-)"
)
MAX_COPY_ONLY_SHARE = 0.05


def _files():
    return [yamlio.load(path) for path in sorted((ROOT / "treaties").glob("*.yaml"))]


def test_copy_host_pattern():
    assert COPY_HOST.match("https://github.com/ohnemax/treatyratification/blob/x/treatydata.json")
    assert COPY_HOST.match("https://certexternal-www.360.lexisnexis.at/d/L-10005273-P0")
    assert COPY_HOST.match("https://cert05external-www.360.lexisnexis.at/d/L-10005377-P0")
    assert COPY_HOST.match("https://staging-resources.inmm.org/node/37429")
    assert COPY_HOST.match("https://vdocuments.us/treaty.html")
    assert not COPY_HOST.match("https://treaties.unoda.org/t/npt")
    assert not COPY_HOST.match("https://www.state.gov/github.com/")


def test_no_source_cites_a_copy_host_as_the_original():
    """A copy's address may stand in `url` only when it is declared as the route: `via.url` is the same."""
    wrong = [
        f"{data['id']}: {src['key']} {src['url']}"
        for data in _files()
        for src in data["sources"]
        if COPY_HOST.match(src["url"]) and src.get("via", {}).get("url") != src["url"]
    ]
    assert not wrong, "cite the original and move the copy to `via`:\n" + "\n".join(wrong)


def test_few_rows_rest_on_a_copy_alone():
    rows = copy_only = 0
    for data in _files():
        sources = {s["key"]: s for s in data["sources"]}
        default = data["sources"][0]["key"]
        for act in data["participation"]:
            rows += 1
            copy_only += bool(COPY_HOST.match(sources[act.get("source", default)]["url"]))
    assert copy_only <= MAX_COPY_ONLY_SHARE * rows, f"{copy_only} of {rows} rows cite only a third party's copy"


def test_the_unoda_harvest_is_a_route_not_a_source():
    for data in _files():
        for src in data["sources"]:
            if "ohnemax/treatyratification" in src["url"] + src["title"]:
                assert "ohnemax/treatyratification" in src["via"]["url"], (data["id"], src["key"])
                assert "disarmament.un.org" in src["url"] or "treaties.unoda.org" in src["url"]


MINIMAL = {
    "id": "demo",
    "name": "Demo Treaty",
    "short_name": "Demo",
    "kind": "treaty",
    "domains": ["nuclear"],
    "summary": "A treaty used only in tests.",
    "as_of": "2018",
    "sources": [
        {
            "key": "orig",
            "title": "The depositary's list",
            "url": "https://example.org/list",
            "accessed": "2026-11-28",
            "via": {"title": "A harvest", "url": "https://github.com/x/y/blob/z/list.json", "captured": "2018-01"},
        },
        {"key": "plain", "title": "A gazette", "url": "https://example.org/gazette"},
    ],
    "participation": [
        {"state": "NOR", "action": "ratification", "date": "1969-02-05"},
        {"state": "SWE", "action": "signature", "date": "1968-08-19", "source": "plain"},
    ],
}


def test_the_model_keeps_the_route_and_the_records_carry_it():
    inst = from_data(MINIMAL)
    via = inst.sources[0].via
    assert via == Via("A harvest", "https://github.com/x/y/blob/z/list.json", via.captured)
    assert inst.sources[0].via.captured.text == "2018-01" and inst.sources[0].accessed.text == "2026-11-28"
    assert inst.sources[1].via is None and not inst.sources[0].read_through_copy
    record = to_record(inst)
    assert record["sources"][0]["via"] == MINIMAL["sources"][0]["via"]
    assert "via" not in record["sources"][1]


def test_participation_csv_has_a_via_column():
    rows = {r["state"]: r for r in exports.participation_rows(from_data(MINIMAL))}
    assert rows["NOR"]["source"] == "https://example.org/list"
    assert rows["NOR"]["via"] == "https://github.com/x/y/blob/z/list.json"
    assert rows["SWE"]["via"] == ""
    assert exports.PARTICIPATION_FIELDS.index("via") == exports.PARTICIPATION_FIELDS.index("source") + 1
    fields = {f["name"]: f for f in exports.datapackage()["resources"][0]["schema"]["fields"]}
    assert "copy" in fields["via"]["description"]


def test_via_is_written_after_accessed_with_its_keys_in_order():
    via = {"captured": "2018", "url": "https://a.org/", "title": "T"}
    source = {"via": via, "accessed": "2026-11-28", "url": "https://b.org/", "title": "S", "key": "k"}
    text = yamlio.dumps({"sources": [source]})
    keys = [line.strip().split(":")[0].lstrip("- ") for line in text.splitlines()[2:]]
    assert keys == ["key", "title", "url", "accessed", "via", "title", "url", "captured"]


def _validate(tmp_path, via):
    from treatylib.validate import validate_paths

    data = dict(MINIMAL, sources=[dict(MINIMAL["sources"][0], via=via), MINIMAL["sources"][1]])
    path = tmp_path / "demo.yaml"
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    return [str(p) for p in validate_paths([path], root=tmp_path).problems]


def test_the_validator_checks_the_route(tmp_path):
    good = {"title": "A harvest", "url": "https://github.com/x/y", "captured": "2018-01"}
    assert _validate(tmp_path, good) == []
    bad_date = _validate(tmp_path, dict(good, captured="2018-13"))
    assert any("via.captured" in line and "valid-date" in line for line in bad_date), bad_date
    no_url = _validate(tmp_path, {"title": "A harvest"})
    assert any("[schema]" in line for line in no_url), no_url
