"""Structured limits and key events: a sample of values checked against the sources they cite, and
the exports, pages and CLI that carry them.

Each expected value below was read in the source the data cites (see the `source` of the entry):
MTCR - mtcr.info, 'exceeding a 300km/500kg range/payload threshold' (Category I);
INF - treaty text, Art. II: 'in excess of 1000 kilometers but not in excess of 5500 kilometers' and
'equal to or in excess of 500 kilometers but not in excess of 1000 kilometers';
New START - state.gov: '700 deployed ...', '1,550 warheads ...', '800 deployed and non-deployed ...';
START I - treaty text, Art. II(1): '(a) 1600, for deployed ICBMs ...', '(b) 6000, for warheads ...';
TTBT - FAS (State Department narrative): 'prohibiting tests having a yield exceeding 150 kilotons';
PNET - FAS: 'individual ... yield exceeding 150 kilotons', 'aggregate yield exceeding 1,500 kilotons';
NPT - 1995 decision (USIA text): 'May 11 adopted by consensus a decision to extend ... indefinitely'.
"""

import csv
import dataclasses
import io
import json
from pathlib import Path

from frictionless import validate

from treatylib import yamlio
from treatylib.cli import main
from treatylib.model import Event, Limit, from_data, to_record
from treatylib.render import exports
from treatylib.render.limits import events_section, limits_rows, limits_section, value_words
from treatylib.validate.file_rules import _EVENT_FIELDS

TREATIES = Path(__file__).parents[1] / "treaties"


def limit(inst, name) -> Limit:
    return next(x for x in inst.limits if x.name == name)


def numbers(x: Limit) -> tuple:
    return (x.quantity, x.comparison, x.value, x.min, x.max, x.unit)


def test_mtcr_category_i(load):
    mtcr = load("mtcr")
    assert numbers(limit(mtcr, "Category I range")) == ("range", "at-least", 300, None, None, "km")
    assert numbers(limit(mtcr, "Category I payload")) == ("payload", "at-least", 500, None, None, "kg")
    assert {mtcr.source(x.source).url for x in mtcr.limits} == {"https://mtcr.info/mtcr-guidelines/"}


def test_inf_banned_band(load):
    band = limit(load("inf"), "Banned range band")
    assert numbers(band) == ("range", "banned-between", None, 500, 5500, "km")
    assert "ground-launched" in band.applies_to and band.article.startswith("I; II")


def test_new_start_central_limits(load):
    ns = load("new-start")
    got = {x.quantity: (x.comparison, x.value, x.unit) for x in ns.limits}
    assert got == {
        "deployed-warheads": ("at-most", 1550, "count"),
        "deployed-launchers": ("at-most", 700, "count"),
        "total-launchers": ("at-most", 800, "count"),
    }
    assert all(ns.source(x.source).url.startswith("https://www.state.gov/") for x in ns.limits)


def test_start_i_central_limits(load):
    s1 = load("start-i")
    assert numbers(limit(s1, "Accountable warheads"))[1:3] == ("at-most", 6000)
    assert numbers(limit(s1, "Strategic nuclear delivery vehicles"))[1:3] == ("at-most", 1600)
    assert limit(s1, "Accountable warheads").article == "II(1)(b)"


def test_test_ban_yields(load):
    assert numbers(limit(load("ttbt"), "Yield threshold")) == ("yield", "at-most", 150, None, None, "kt")
    pnet = load("pnet")
    assert numbers(limit(pnet, "Individual explosion")) == ("yield", "at-most", 150, None, None, "kt")
    assert numbers(limit(pnet, "Group explosion")) == ("aggregate-yield", "at-most", 1500, None, None, "kt")


def test_npt_extended_indefinitely_on_11_may_1995(load):
    npt = load("npt")
    ext = [e for e in npt.events if e.type == "extended-indefinitely"]
    assert [(e.date.text, e.article) for e in ext] == [("1995-05-11", "X(2)")]
    assert "1995" in npt.source(ext[0].source).title
    conferences = {e.date.text for e in npt.events if e.type == "review-conference"}
    assert {"1975", "1995-04-17", "2005-05-02", "2022-08-01"} <= conferences


def test_ptbt_signed_event_agrees_with_the_signed_field(load):
    ptbt = load("ptbt")
    signed = [e for e in ptbt.events if e.type == "signed"]
    assert [(e.date, e.place) for e in signed] == [(ptbt.signed, "Moscow")]
    assert ptbt.signed.text == "1963-08-05"


def test_every_event_agrees_with_the_files_own_dates():
    """The validator's rule, restated over the real data: no event contradicts signed,
    opened_for_signature, entry_into_force or ended."""
    checked = 0
    for path in sorted(TREATIES.glob("*.yaml")):
        inst = from_data(yamlio.load(path))
        for event in inst.events:
            field = _EVENT_FIELDS.get(event.type)
            if field is None:
                continue
            if field == "ended":
                value = inst.ended.date if inst.ended else None
            else:
                value = getattr(inst, field)
            if value is None:
                continue
            checked += 1
            assert not event.date.surely_before(value) and not event.date.surely_after(value), (inst.id, event)
    assert checked >= 6


def test_ended_instruments_end_on_their_ended_date(load):
    assert [e.date for e in load("new-start").events if e.type == "expired"] == [load("new-start").ended.date]
    assert [e.date for e in load("inf").events if e.type == "terminated"] == [load("inf").ended.date]
    assert load("inf").ended.date.text == "2019-08-02"


def test_cfe_events_agree_with_the_participation_list(load):
    cfe = load("cfe")
    russia = {a.action: a for a in cfe.participation if a.state == "RUS"}
    events = {(e.type, e.date.text) for e in cfe.events}
    assert ("suspension-announced", russia["suspension"].date.text) in events
    assert ("suspension-in-force", "2007-12-12") in events
    assert ("withdrawal-in-force", russia["withdrawal"].effective.text) in events
    assert ("suspension-announced", "2023-11-07") in events


def test_nsg_first_meeting_keeps_only_the_year_the_source_supports(load):
    first = [e for e in load("nsg").events if e.type == "first-meeting"]
    assert [e.date.text for e in first] == ["1975"] and first[0].date.precision == "year"


# ---- formatting, pages ----------------------------------------------------------------------


def _limit(**kw) -> Limit:
    base = {"name": "x", "quantity": "range", "comparison": "at-least", "unit": "km", "source": "s"}
    return Limit(**(base | kw))


def test_values_read_as_readers_expect():
    assert value_words(_limit(value=300)) == "≥ 300 km"
    assert value_words(_limit(comparison="at-most", value=1550, unit="count")) == "≤ 1,550"
    assert value_words(_limit(comparison="between", min=500, max=5500)) == "500–5,500 km"
    assert value_words(_limit(comparison="banned-between", min=500, max=5500)) == "500–5,500 km (banned)"
    assert value_words(_limit(comparison="exactly", value=1, unit="count")) == "1"


def test_sections_render_tables(load):
    page = limits_section(load("mtcr"))
    assert "<th>Limit</th><th>Value</th><th>Applies to</th><th>Where</th><th>Note</th>" in page
    assert "≥ 300 km" in page and "≥ 500 kg" in page and 'href="https://mtcr.info/mtcr-guidelines/"' in page
    events = events_section(load("npt"))
    assert "<th>Date</th><th>Event</th><th>Place</th><th>Where</th><th>Note</th>" in events and "11 May 1995" in events
    assert events.index("1975") < events.index("11 May 1995") < events.index("1 August 2022")
    assert limits_section(load("bwc")) == "" and events_section(load("bwc")) == ""


def test_sections_escape_contributed_text(load):
    mtcr = load("mtcr")
    hostile = "<script>x</script> [link](javascript:alert(1)) {: onclick=y} | *em*"
    inst = dataclasses.replace(
        mtcr,
        limits=(dataclasses.replace(mtcr.limits[0], name=hostile, applies_to=hostile, note=hostile, article=hostile),),
        events=(Event("first-meeting", mtcr.as_of, mtcr.sources[0].key, place=hostile, note=hostile),),
    )
    for page in (limits_section(inst), events_section(inst)):
        assert "<script>" not in page and "](javascript" not in page and "{: onclick" not in page
        assert "&lt;script&gt;" in page and "&#124;" in page


# ---- exports ---------------------------------------------------------------------------------


def test_records_carry_limits_and_events_under_the_schema_names(load):
    record = to_record(load("inf"))
    assert record["limits"][0] == {
        "name": "Banned range band",
        "quantity": "range",
        "comparison": "banned-between",
        "min": 500,
        "max": 5500,
        "unit": "km",
        "applies_to": "ground-launched ballistic and cruise missiles (GLBMs and GLCMs)",
        "article": "I; II(3)-(4)",
        "source": "text-inf",
        "note": record["limits"][0]["note"],
    }
    assert {"type": "terminated", "date": "2019-08-02"}.items() <= record["events"][-1].items()
    original = yamlio.load(TREATIES / "inf.yaml")
    assert set(record["limits"][0]) <= set(original["limits"][0])
    assert json.loads(json.dumps(record))["events"][0]["date"] == "1987-12-08"


def test_limits_and_events_csv_and_the_data_package(load, tmp_path):
    insts = [load(i) for i in ("mtcr", "inf", "new-start", "npt", "ttbt")]
    limit_rows = [r for inst in insts for r in exports.limit_rows(inst)]
    event_rows = [r for inst in insts for r in exports.event_rows(inst)]
    limits_csv = exports._csv(exports.LIMIT_FIELDS, limit_rows)
    events_csv = exports._csv(exports.EVENT_FIELDS, event_rows)
    parsed = list(csv.DictReader(io.StringIO(limits_csv)))
    mtcr = {r["name"]: r for r in parsed if r["instrument"] == "mtcr"}
    assert (mtcr["Category I range"]["comparison"], mtcr["Category I range"]["value"]) == ("at-least", "300")
    assert mtcr["Category I range"]["source"] == "https://mtcr.info/mtcr-guidelines/"
    inf = next(r for r in parsed if r["instrument"] == "inf")
    assert (inf["min"], inf["max"], inf["value"], inf["via"]) == ("500", "5500", "", inf["source"])
    assert {r["value"] for r in parsed if r["instrument"] == "new-start"} == {"1550", "700", "800"}
    events = list(csv.DictReader(io.StringIO(events_csv)))
    assert {"instrument": "npt", "type": "extended-indefinitely", "date": "1995-05-11"}.items() <= next(
        r for r in events if r["type"] == "extended-indefinitely"
    ).items()

    package = exports.datapackage()
    resources = {r["name"]: r for r in package["resources"]}
    assert [f["name"] for f in resources["limits"]["schema"]["fields"]] == exports.LIMIT_FIELDS
    assert [f["name"] for f in resources["events"]["schema"]["fields"]] == exports.EVENT_FIELDS
    described = {f["name"]: f.get("description", "") for f in resources["limits"]["schema"]["fields"]}
    assert "banned-between" in described["comparison"] and "kt" in described["unit"]
    names = {f["name"]: f.get("description", "") for f in resources["states"]["schema"]["fields"]}
    assert "limit" not in names["name"].lower()  # the limits' descriptions stay in limits.csv

    (tmp_path / "limits.csv").write_text(limits_csv, encoding="utf-8")
    (tmp_path / "events.csv").write_text(events_csv, encoding="utf-8")
    package["resources"] = [resources["limits"], resources["events"]]
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_csv_cells_cannot_run_as_formulas(load):
    mtcr = load("mtcr")
    inst = dataclasses.replace(mtcr, limits=(dataclasses.replace(mtcr.limits[0], note="=HYPERLINK(1)"),))
    text = exports._csv(exports.LIMIT_FIELDS, exports.limit_rows(inst))
    assert "'=HYPERLINK(1)" in text


# ---- CLI -------------------------------------------------------------------------------------


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_mtcr_thresholds(capsys):
    code, out, _ = run(capsys, "limits", "mtcr")
    assert code == 0
    assert "≥ 300 km" in out and "≥ 500 kg" in out and "Category I range" in out


def test_cli_json_csv_and_events(capsys):
    code, out, _ = run(capsys, "limits", "New START", "--json")
    assert code == 0 and {r["value"] for r in json.loads(out)} == {1550, 700, 800}
    code, out, _ = run(capsys, "limits", "inf", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["limit"] == "500–5,500 km (banned)"
    code, out, _ = run(capsys, "limits", "npt", "--events")
    assert code == 0 and "1995-05-11" in out and "extended-indefinitely" in out
    code, _, err = run(capsys, "limits", "no-such-thing")
    assert code == 1 and "unknown instrument" in err


def test_limits_rows_words_the_limit(load):
    rows = limits_rows(load("ttbt"))
    assert [(r["limit"], r["unit"]) for r in rows] == [("≤ 150 kt", "kt")]
