"""Well-known facts, each checked against the cited sources, asserted against the data.

If one of these fails, either the data regressed or the world changed: check the source first.
"""

import datetime as dt
from pathlib import Path

from treatylib.status import count_at_end, counts, derive, roster, standing

TREATIES = Path(__file__).parents[1] / "treaties"


def actions(inst, state):
    return [a for a in inst.participation if a.state == state]


def test_npt_never_joined(load):
    npt = load("npt")
    for state in ("IND", "ISR", "PAK", "SSD"):
        assert actions(npt, state) == [], state


def test_npt_dprk_announced_a_disputed_withdrawal(load):
    dprk = actions(load("npt"), "PRK")
    withdrawals = [a for a in dprk if a.action == "withdrawal"]
    assert any(a.date.text == "2003-01-10" and a.disputed for a in withdrawals)
    assert any(a.date.text == "1993-03-12" and a.withdrawal_rescinded for a in withdrawals)
    assert derive(dprk).status == "withdrawn"


def test_npt_china_and_france_acceded_in_1992(load):
    npt = load("npt")
    for state in ("CHN", "FRA"):
        acc = [a for a in actions(npt, state) if a.action == "accession"]
        assert acc and all(a.date.year == 1992 for a in acc), state


def test_npt_a_state_joined_at_its_first_deposit(load):
    # Angola deposited in Washington on 14 Oct 1996 (US status list; Netherlands treaty database) and in
    # Moscow only in 2010; the copy of UNODA's pages misprints Andorra's London deposit as 1986.
    statuses = roster(load("npt"))
    assert statuses["AGO"].date.text == "1996-10-14"
    assert statuses["AND"].date.year == 1996


def test_npt_has_about_190_parties(load):
    parties = [s for s, st in roster(load("npt")).items() if st.status == "party"]
    assert 189 <= len(parties) <= 192


def test_ctbt_annex_2_has_44_states_and_known_holdouts(load):
    ctbt = load("ctbt")
    annex = ctbt.required_states.states
    assert len(annex) == 44 and len(set(annex)) == 44
    for state in ("USA", "CHN", "IND", "PAK", "PRK", "ISR", "IRN", "EGY", "RUS"):
        assert state in annex
    statuses = roster(ctbt)
    assert statuses["USA"].status == "signatory"
    assert "IND" not in statuses and "PAK" not in statuses and "PRK" not in statuses


def test_ctbt_russia_revoked_its_ratification_in_2023(load):
    russia = actions(load("ctbt"), "RUS")
    revocations = [a for a in russia if a.action == "deratification"]
    assert revocations and revocations[0].date.year == 2023
    status = derive(russia)
    assert status.status == "signatory" and status.deratified


def test_cwc_palestine_withdrew_its_first_accession_and_joined_in_2018(load):
    # UN Statement of Treaties, January and May 2018: withdrawn 8 January, new accession 17 May.
    palestine = actions(load("cwc"), "PSE")
    assert derive(palestine, dt.date(2018, 2, 1)).status is None
    now = derive(palestine)
    assert now.status == "party" and str(now.date) == "2018-05-17" and not now.deratified


def test_mtcr_india_admitted_2016_and_35_partners(load):
    mtcr = load("mtcr")
    india = [a for a in actions(mtcr, "IND") if a.action == "admission"]
    assert india and india[0].date.text == "2016-06-27" and india[0].role == "partner"
    partners = [s for s, st in roster(mtcr).items() if st.status == "member"]
    assert len(partners) == 35
    assert any("500 kg" in t.text and "300 km" in t.text for t in mtcr.thresholds if t.name == "Category I")


def test_pakistan_is_outside_npt_ctbt_mtcr(load):
    for ident in ("npt", "ctbt", "mtcr"):
        assert actions(load(ident), "PAK") == [], ident


def test_status_as_of_publication_date(load):
    # Before 2023 Russia was a CTBT party.
    assert derive(actions(load("ctbt"), "RUS"), at=dt.date(2022, 1, 1)).status == "party"


def test_bwc_matches_unoda_count_of_february_2024(load):
    # UNODA, 27 Feb 2024: "With 185 States Parties and four signatory States".
    statuses = roster(load("bwc"), dt.date(2024, 2, 27))
    assert sum(st.status == "party" for st in statuses.values()) == 185
    assert sorted(s for s, st in statuses.items() if st.status == "signatory") == ["EGY", "HTI", "SOM", "SYR"]


def test_india_subscribed_to_the_hcoc_on_1_june_2016(load):
    # Japan's MFA, 3 June 2016: "On June 1, India became a Subcribing State ... 138".
    (india,) = actions(load("hcoc"), "IND")
    assert india.action == "subscription" and india.date.text == "2016-06-01"


def test_open_skies_withdrawals_and_czechoslovak_succession(load):
    os_ = load("open-skies")
    assert derive(actions(os_, "USA")).status == "withdrawn"
    assert derive(actions(os_, "RUS")).status == "withdrawn"
    for state in ("CZE", "SVK"):
        (succ,) = [a for a in actions(os_, state) if a.action == "succession"]
        assert succ.predecessor == "CSK"


def test_start_i_lisbon_protocol_signatories_became_parties_with_the_united_states(load):
    # State Department fact sheet, 20 Jan 2001: the four signed the Lisbon Protocol in May 1992 and
    # ratified; "START entry into force on Dec. 5, 1994". Signing is not succession, so no state is a
    # party before entry into force, and all five are parties from it.
    start = load("start-i")
    assert not [a for a in start.participation if a.action == "succession"]
    for state in ("BLR", "KAZ", "RUS", "UKR"):
        (sig,) = [a for a in actions(start, state) if a.action == "signature"]
        assert sig.date.text == "1992-05-23", state
    before = roster(start, dt.date(1994, 12, 4))
    assert not [s for s, st in before.items() if st.status == "party"]
    at_force = roster(start, dt.date(1994, 12, 5))
    assert sorted(s for s, st in at_force.items() if st.status == "party") == ["BLR", "KAZ", "RUS", "UKR", "USA"]
    assert start.entry_into_force.text == "1994-12-05" and start.ended.date.text == "2009-12-05"


def test_nwfz_protocols_ratified_by_a_nuclear_weapon_state_are_in_force(load):
    # Each protocol enters into force for a state on its deposit of ratification (Rarotonga Protocol 3,
    # Article 6; Pelindaba Protocols: or at the Treaty's entry into force if later). No ratifying state
    # may read "treaty not in force". Rarotonga Protocol 3: first deposit in 1988 (Soviet decree of
    # 29 January 1988; China deposited in October 1988).
    ids = [
        "rarotonga-protocol-1",
        "rarotonga-protocol-2",
        "rarotonga-protocol-3",
        "tlatelolco-protocol-i",
        "tlatelolco-protocol-ii",
        "pelindaba-protocol-i",
        "pelindaba-protocol-ii",
        "pelindaba-protocol-iii",
        "semipalatinsk-protocol",
    ]
    for ident in ids:
        inst = load(ident)
        assert inst.entry_into_force is not None, ident
        for state, st in roster(inst).items():
            assert not st.awaiting_force, (ident, state)
    assert load("rarotonga-protocol-3").entry_into_force.text == "1988"


def test_enmod_twentieth_ratification_is_its_entry_into_force(load):
    # UNTC XXVI-1: in force 5 October 1978 under article IX(3) (twenty ratifications). The end-notes give
    # the deposits of Czechoslovakia (12 May 1978) and the German Democratic Republic (25 May 1978).
    from treatylib.status import nth_consent

    enmod = load("enmod")
    date, _ = nth_consent(enmod, 20)
    assert date.text == enmod.entry_into_force.text == "1978-10-05"
    assert [a.date.text for a in actions(enmod, "CSK") if a.action == "ratification"] == ["1978-05-12"]
    assert [a.date.text for a in actions(enmod, "DDR") if a.action == "ratification"] == ["1978-05-25"]


def test_cfe_suspensions_take_effect_when_their_notices_say(load):
    # Canada's letter of 7 Nov 2023: "effective ... from February 7, 2024"; Italy's notice of 28 Nov 2023:
    # "This suspension will take effect on 7 December 2023". Where only NATO's statement dates a
    # suspension, the data says so (date_basis), not only the note.
    cfe = load("cfe")
    canada = [a for a in actions(cfe, "CAN") if a.action == "suspension"][0]
    assert canada.effective.text == "2024-02-07" and canada.date_basis == "own-notice"
    assert not derive(actions(cfe, "CAN"), dt.date(2024, 1, 31)).suspended
    assert derive(actions(cfe, "CAN"), dt.date(2024, 2, 7)).suspended
    norway = [a for a in actions(cfe, "NOR") if a.action == "suspension"][0]
    assert norway.date_basis == "collective-statement"


def test_ended_instruments_bind_no_one_and_say_who_they_bound(load):
    # New START expired 5 February 2026 (Russian MFA); INF ended 2 August 2019 on the US withdrawal.
    for ident, state in (("new-start", "USA"), ("new-start", "RUS"), ("inf", "RUS")):
        status = roster(load(ident))[state]
        assert status.status == "former-party", (ident, state)
        assert "Party until the treaty ended" in status.label
    assert roster(load("inf"))["USA"].status == "withdrawn"
    assert count_at_end(load("new-start")) == 2


def test_continuator_carries_the_former_states_acts(load):
    npt = load("npt")
    russia = roster(npt)["RUS"]
    assert russia.status == "party" and russia.via == "SUN" and russia.date.year == 1970
    assert roster(npt)["SUN"].status == "former-state"
    assert roster(npt, dt.date(1980, 1, 1))["SUN"].status == "party"  # as states stood then
    assert "RUS" not in roster(npt, dt.date(1980, 1, 1))


def test_dprk_npt_withdrawal_is_disputed_and_its_1993_notice_rescinded(load):
    dprk = roster(load("npt"))["PRK"]
    assert dprk.status == "withdrawn" and dprk.disputed
    assert dprk.withdrawal_rescinded is not None and dprk.withdrawal_rescinded.year == 1993


def test_pakistan_is_not_in_the_hcoc_by_its_cited_source(load):
    # Global Security Newswire, 31 March 2003: China, North Korea, India and Pakistan "have refused to
    # join the code"; Japan's MFA on the 3rd Regular Meeting: in November 2004 North Korea, China, India,
    # Pakistan, Iran and Iraq were not taking part. India subscribed on 1 June 2016 (138th). The Wire,
    # June 2016: "China, Pakistan, Israel and Iran have not yet joined". German Federal Foreign Office,
    # when the Code had 140 subscribers (2019): "Ägypten, Brasilien, China, Iran, Israel, Nordkorea,
    # Pakistan und Saudi-Arabien ... haben ihn nicht gezeichnet". The latest cited date is the one shown.
    from treatylib.status import standing

    hcoc = load("hcoc")
    pakistan = standing(hcoc, "PAK")
    assert pakistan.status is None and pakistan.known_to.text == "2019"
    assert pakistan.label == "Not joined (as of 2019)"
    assert {n.source for n in hcoc.not_joined if n.state == "PAK"} == {
        "gsn-2003",
        "mofa-jp-hcoc-3rd",
        "wire-2016",
        "aa-hcoc",
    }
    assert standing(hcoc, "IND").status == "member"
    for code in ("ISR", "PRK", "IRN", "SAU"):
        assert standing(hcoc, code).label == "Not joined (as of 2019)", code


def test_hcoc_latin_america_from_the_2021_issue_brief(load):
    # HCoC Issue Brief "The HCoC and Latin America" (April 2021): "The remaining four non-subscribing
    # states – Bolivia, Brazil, Cuba and Mexico"; every other Latin American state had subscribed by then.
    from treatylib.status import standing

    hcoc = load("hcoc")
    for code in ("BOL", "BRA", "CUB", "MEX"):
        assert standing(hcoc, code).label == "Not joined (as of April 2021)"
    (venezuela,) = actions(hcoc, "VEN")
    assert venezuela.date.text == "../2021-04" and venezuela.source == "hcoc-project-latam"
    assert standing(hcoc, "PRY").status == "member"


def test_hcoc_bounds_and_non_subscribers_from_the_2008_council_decision(load):
    # Council Decision 2008/974/CFSP (18 December 2008), Annex: "All the European Union Member States have
    # subscribed to the Code" and "In Africa, the following countries have not subscribed to the Code:
    # Algeria, ... Egypt, ...". EU Presidency, 7th Regular Meeting (29-30 May 2008): Samoa among "the most
    # recent Subscribing States".
    from treatylib.status import standing

    hcoc = load("hcoc")
    algeria = standing(hcoc, "DZA")
    assert algeria.status is None and algeria.label == "Not joined (as of 18 December 2008)"
    # Egypt is also among the German Federal Foreign Office's non-subscribers of 2019: the later date shows.
    assert standing(hcoc, "EGY").label == "Not joined (as of 2019)"
    assert {n.source for n in hcoc.not_joined if n.state == "EGY"} == {"eu-council-2008-974", "aa-hcoc"}
    (bulgaria,) = actions(hcoc, "BGR")
    assert bulgaria.date.text == "../2008-12-18" and bulgaria.source == "eu-council-2008-974"
    (samoa,) = actions(hcoc, "WSM")
    assert samoa.date.text == "../2008-05-29"
    assert standing(hcoc, "WSM", dt.date(2008, 6, 1)).status == "member"


def test_ukraine_subscribed_to_the_hcoc_by_a_news_report_of_2020(load):
    # ghall.com.ua, 21 February 2020 (a news report, not an official source) says Ukraine had joined ("in
    # March 2004", a month no official source confirms): the row is dated only by the report.
    hcoc = load("hcoc")
    (ukraine,) = actions(hcoc, "UKR")
    assert ukraine.action == "subscription" and ukraine.date.text == "../2020-02-21"
    assert ukraine.source == "ghall-2020-som"


def test_lesotho_subscribed_to_the_hcoc_in_2017_by_the_african_states_brief(load):
    # HCoC Issue Brief "The HCoC and African States" (December 2020): "4 out of the 5 most recent HCoC
    # subscribing states are African: Lesotho (2017), Togo (2019), Equatorial Guinea (2020) and Somalia (2020)".
    hcoc = load("hcoc")
    (lesotho,) = actions(hcoc, "LSO")
    assert lesotho.date.text == "2017" and lesotho.source == "hcoc-project-africa"
    (togo,) = actions(hcoc, "TGO")
    assert togo.date.text == "2019"


def test_saint_vincent_joined_the_hcoc_in_january_2020_by_the_hcoc_at_twenty_brief(load):
    # HCoC Issue Brief "The HCoC at Twenty" (November 2022): "Saint Vincent and the Grenadines, which joined
    # in January 2020".
    hcoc = load("hcoc")
    (svg,) = actions(hcoc, "VCT")
    assert svg.date.text == "2020-01" and svg.source == "hcoc-project-twenty"
    assert standing(hcoc, "VCT", dt.date(2020, 2, 1)).status == "member"


def test_south_africa_adheres_to_the_hcoc_by_its_own_trade_department(load):
    # South African Department of Trade and Industry, undated non-proliferation page: "South Africa adheres to
    # a number of international treaties, agreements and arrangements", the Hague Code of Conduct among them.
    hcoc = load("hcoc")
    (south_africa,) = actions(hcoc, "ZAF")
    assert south_africa.action == "subscription" and south_africa.source == "dti-za-nonprolif"
    assert south_africa.date is None
    assert standing(hcoc, "ZAF").status == "member"


def test_geneva_protocol_the_two_yemens_and_the_gdr_joined_by_the_austrian_notice_of_8_august_1989(load):
    # Austria, BGBl. Nr. 412/1989 (Kundmachung of 8 August 1989): per French notifications, further states
    # including "Deutsche Demokratische Republik", "Jemen" and "Demokratischer Jemen" had acceded or declared
    # themselves bound; the notice gives no dates, so each row is dated as on or before that day.
    from treatylib.status import standing

    protocol = load("geneva-protocol")
    for state in ("DDR", "YEM", "YMD"):
        (act,) = actions(protocol, state)
        assert act.date.text == "../1989-08-08" and act.source == "at-bgbl-1989-412", state
    assert standing(protocol, "YMD", dt.date(1989, 8, 9)).status == "party"


def test_seabed_and_ptbt_rows_of_the_gdr_and_south_yemen_are_dated_by_austrian_notices(load):
    # Austria's RIS party lists: Seabed Treaty "Deutschland/DDR 370/1972", "Jemen/DVR 578/1986";
    # PTBT "Deutschland/DDR 335/1972", "Jemen/DVR 174/1985".
    expected = {("seabed", "DDR"): "../1972", ("seabed", "YMD"): "../1986"}
    expected |= {("ptbt", "DDR"): "../1972", ("ptbt", "YMD"): "../1985"}
    for (treaty, state), when in expected.items():
        rows = [a for a in actions(load(treaty), state) if a.action == "became-party"]
        assert [a.date.text for a in rows] == [when], (treaty, state)


def test_outer_space_latvia_joined_in_may_2025_and_slovenia_is_not_guessed(load):
    # Xinhua from Riga (Jianghai Evening News, 25 May 2025): Latvia "正式加入" the treaty on the 23rd.
    # Slovenia's ratification law (December 2018) is no deposit: no row until a depositary's date is read.
    from treatylib.status import standing

    ost = load("outer-space")
    (latvia,) = actions(ost, "LVA")
    assert latvia.date.text == "2025-05-23" and latvia.action == "became-party"
    assert actions(ost, "SVN") == [] or all(a.source != "unoosa-status-2026" for a in actions(ost, "SVN"))
    assert standing(ost, "LVA", dt.date(2025, 5, 22)).status != "party"


def test_zangger_members_dated_by_the_working_papers_they_cosponsored(load):
    # NPT/CONF.2000/17 (18 April 2000) and NPT/CONF.2020/PC.II/WP.12 (13 March 2018) were submitted by
    # the states "as members of the Zangger Committee": each bounds a joining date from above.
    zangger = load("zangger")
    for state, bound in (("ARG", "../2000-04-18"), ("UKR", "../2000-04-18"), ("KAZ", "../2018-03-13")):
        (admission,) = actions(zangger, state)
        assert admission.date.text == bound, state


def test_mtcr_turkey_joined_between_the_edinburgh_and_tokyo_plenaries(load):
    # Edinburgh, 8-10 October 1996: 28 members, Brazil the newest; Tokyo, 4-6 November 1997: 29, Turkey
    # "the most recent member, attending its first Plenary" (MTCR press releases).
    (turkey,) = [a for a in actions(load("mtcr"), "TUR") if a.action == "admission"]
    assert turkey.date.text == "1996-10-08/1997-11-04"


def test_open_skies_czech_and_slovak_successions_date_from_their_oscc_statements(load):
    # OSCC Decision No. 1/02 (21 January 2002) recalls their statements as successor states of 3 May 1993.
    open_skies = load("open-skies")
    for state in ("CZE", "SVK"):
        (succession,) = actions(open_skies, state)
        assert succession.date.text == "1993-05-03" and succession.predecessor == "CSK", state


def test_protocol_ratifications_known_only_within_bounds(load):
    # Each bound comes from a cited source: the Soviet decree of 29 January 1988 and the USSR's end
    # (Rarotonga Protocol 3); Hansard of 26 March 2002 (Pelindaba Protocol II); OPANAL's memorandum of
    # 7 February 1980 and the State Department's statement of 13 February 2017 (Tlatelolco Protocol I).
    for ident, state, text in (
        ("rarotonga-protocol-3", "SUN", "1988-01-29/1991-12-26"),
        ("pelindaba-protocol-ii", "GBR", "../2002-03-26"),
        ("tlatelolco-protocol-i", "USA", "1980-02-07/2017-02-13"),
    ):
        (ratification,) = [a for a in actions(load(ident), state) if a.action == "ratification"]
        assert ratification.date.text == text, ident


def test_icsant_coverage_note_counts_match_the_list(load):
    # The coverage note sets the list's own counts beside the running counts of Thailand's foreign ministry
    # (116th party, 2 May 2019) and UNODC (the Congo the 123rd, 14 November 2023; 125th Mozambique,
    # 25 September 2024); adding a missing deposit must update the note, which this test then flags.
    icsant = load("icsant")
    for day, parties in (("2019-05-02", 115), ("2023-11-14", 119), ("2024-09-25", 120), ("2025-05-16", 121)):
        assert counts(icsant, dt.date.fromisoformat(day))["parties"] == parties, day
    note = " ".join(icsant.coverage_note.split())
    assert "the 116th State Party (this list has 115 that day)" in note
    assert "the 123rd (this list has 119)" in note


def test_cppnm_czechoslovakia_signed_and_ratified_by_the_czech_notice(load):
    # Czech MFA notice 27/2007 Sb. m. s.: signed in Vienna on 14 September 1981; instrument of
    # ratification deposited with the IAEA Director General on 23 April 1982. Austria's objection of
    # 12 October 2001 (IAEA list of declarations) concerns Pakistan's declaration "at the time of its
    # accession".
    cppnm = load("cppnm")
    acts = {a.action: a.date.text for a in actions(cppnm, "CSK")}
    assert acts == {"signature": "1981-09-14", "ratification": "1982-04-23"}
    (pakistan,) = actions(cppnm, "PAK")
    assert pakistan.action == "accession" and pakistan.date.text == "../2001-10-12"
    assert roster(cppnm)["CHE"].status == "party"
    # Japan's Science and Technology Agency (AEC monthly report, November 1988): the instrument of
    # accession was deposited with the IAEA Director General on 28 October 1988.
    (japan,) = actions(cppnm, "JPN")
    assert japan.action == "accession" and japan.date.text == "1988-10-28"
    # Liechtenstein Government reports to the Landtag: signed "am 13. Januar 1986" (BuA 1986/25);
    # "hat das Übereinkommen am 25. November 1986 ratifiziert" (BuA 2009/34).
    acts = {a.action: a.date.text for a in actions(cppnm, "LIE")}
    assert acts == {"signature": "1986-01-13", "ratification": "1986-11-25"}


def test_cppnm_amendment_deposits_dated_by_the_2016_us_statement_and_gsn(load):
    # US National Security Advisor, 8 April 2016: "Today ... Nicaragua and Uruguay deposited their
    # instruments of ratification"; Pakistan, Cameroon, Kuwait and others had "ratified ... just ahead
    # of the Nuclear Security Summit". Global Security Newswire, 20 February 2014: "On Tuesday, Colombia
    # turned over to the International Atomic Energy Agency ratification documents".
    amendment = load("cppnm-amendment")
    (uruguay,) = actions(amendment, "URY")
    assert uruguay.action == "ratification" and uruguay.date.text == "2016-04-08"
    (colombia,) = actions(amendment, "COL")
    assert colombia.action == "ratification" and colombia.date.text == "2014-02-18"
    for state in ("PAK", "CMR", "KWT", "MHL"):
        (act,) = actions(amendment, state)
        assert act.date.text == "../2016-04-08", state
    # Korean Foreign Ministry, 30 May 2014: instrument of ratification deposited "5월 29일자로".
    (korea,) = actions(amendment, "KOR")
    assert korea.action == "ratification" and korea.date.text == "2014-05-29"


def test_cppnm_deposits_dated_by_austrias_2012_notice(load):
    # Austria, BGBl. III Nr. 185/2012 (read in Global-Regulation's English translation): "Date of deposit
    # of the instrument of ratification or instrument of accession": "Dominican Republic | April 30, 2009",
    # "Viet Nam | October 4, 2012"; Jordan and Laos made declarations "On the occasion of the deposit of
    # their instrument of accession". The Dominican Republic's acceptance of the Amendment at the IAEA
    # Treaty Event of 22 September 2014 agrees that it was a party by then.
    cppnm = load("cppnm")
    for state in ("DOM", "VNM"):
        assert roster(cppnm)[state].status == "party", state
    became = [a for a in actions(cppnm, "DOM") if a.action == "became-party"]
    assert [a.date.text for a in became] == ["2009-04-30"]
    (vietnam,) = actions(cppnm, "VNM")
    assert vietnam.action == "became-party" and vietnam.date.text == "2012-10-04"
    for state, day in (("JOR", "2009-09-07"), ("LAO", "2010-09-29")):
        (act,) = actions(cppnm, state)
        assert act.action == "accession" and act.date.text == day, state
    assert standing(cppnm, "VNM", dt.date(2012, 10, 3)).status != "party"


def test_cppnm_united_kingdom_signed_by_1980_and_ratified_in_1991(load):
    # Hansard, written answer of 16 December 1980: "26 countries have so far signed the convention, including
    # the United Kingdom". SI 1997/1765: the Convention "was ratified by the United Kingdom on 6th September 1991".
    cppnm = load("cppnm")
    acts = {a.action: a.date.text for a in actions(cppnm, "GBR")}
    assert acts == {"signature": "../1980-12-16", "ratification": "1991-09-06"}
    assert standing(cppnm, "GBR", dt.date(1991, 9, 5)).status == "signatory"
    assert standing(cppnm, "GBR").status == "party"


def test_cppnm_united_states_signed_in_1980_and_ratified_in_1982(load):
    # Chapter 17 of a book (ISBN 9780295801414; Project MUSE excerpt): "signed by the United States on March 3,
    # 1980 ... The United States deposited its instrument of ratification December 13, 1982".
    acts = {a.action: a.date.text for a in actions(load("cppnm"), "USA")}
    assert acts == {"signature": "1980-03-03", "ratification": "1982-12-13"}
