"""Money, deadlines and duties a coordinator acts on: dated, sourced, current, and labelled for what they are."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from macros import models as m
from macros import plain_language
from macros.filters import is_past
from macros.history import build_date
from macros.loader import load_site
from macros.models import PARTIES
from macros.validate import main as validate_cli
from macros.validate import months_before, stale_facts

from .conftest import content_urls

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT / "data")

#: Record types whose facts go out of date: each carries the day it was last compared with its source.
DATED = (m.FundingSource, m.Agreement, m.Milestone, m.Contact, m.Responsibility, m.MunicipalitiesPerTranche)
#: The records of those types, the tranche count (one record, not a list) apart.
DATED_RECORDS = (*SITE.funding_sources, *SITE.agreements, *SITE.milestones, *SITE.contacts, *SITE.responsibilities)


def text(node) -> str:
    return plain_language.block_text(node)


@pytest.mark.parametrize("model", DATED, ids=lambda model: model.__name__)
def test_dated_record_types_require_a_check_date(model):
    assert model.model_fields["checked"].is_required()


def test_every_dated_record_has_its_check_date():
    assert len(DATED_RECORDS) > 40
    for record in [*DATED_RECORDS, SITE.municipalities_per_tranche]:
        assert record.checked == m.UNCHECKED or isinstance(record.checked, date), record


def test_sources_of_dated_facts_use_https():
    cited = SITE.sources_of(*DATED_RECORDS, SITE.municipalities_per_tranche)
    assert cited
    for source in cited:
        assert source.url is None or source.url.scheme == "https", (source.id, str(source.url))
        assert source.publisher, f"{source.id}: a source for money, dates or duties names its publisher"
    for contact in SITE.contacts:
        assert contact.url is None or contact.url.scheme == "https", contact.id


#: Sources of money, dates and duties that carry no check date, each with the reason. Keep it short and
#: honest: a source leaves this list when it is read again and says what the records use it for.
UNCHECKED_SOURCES = {
    # The presentation this project started from: not online, so there is no page to check it against.
    "vng-presentatie": "seed document, not online",
    # Not found on 2026-11-29; the records that lean on them alone stay 'onbekend' (financiering-vsv,
    # regionaal-zorgverzekeraars, integraal-zorgakkoord).
    "kennisnet-financiering": "page not found",
    "kennisnet-integrale-bekostiging": "page not found",
    "vgz-ondersteuningsgelden": "page not found",
    "ks-phb": "page not found; every record that cites it also cites a checked source",
    # Found, but a news item of a knowledge network that does not state the IZA's date or period.
    "kennisnet-gala-getekend": "secondary, does not state what the record uses it for",
}


def test_every_source_of_money_dates_and_duties_was_checked_or_says_why_not():
    """A reviewer traces each amount, date and duty to a source and the day it was read."""
    cited = SITE.sources_of(*DATED_RECORDS, SITE.municipalities_per_tranche)
    unchecked = {s.id for s in cited if s.checked is None}
    assert unchecked == set(UNCHECKED_SOURCES)  # also fails when a listed source was checked or is no longer cited
    assert sum(s.checked is not None for s in cited) >= 36
    for record in DATED_RECORDS:
        if "ks-phb" in record.sources:
            assert any(s.checked for s in SITE.sources_of(record)), record.id


def test_a_check_date_is_only_today_where_a_source_with_that_date_backs_it():
    """A record checked on a day cites at least one source that was read on that day too."""
    for record in [*SITE.funding_sources, *SITE.agreements, *SITE.milestones, *SITE.responsibilities]:
        if record.checked == m.UNCHECKED:
            continue
        read = {s.checked for s in SITE.sources_of(record)} | {None}
        assert record.checked in read or "vng-presentatie" in record.sources, record.id


# --- the stale-fact report -------------------------------------------------------------------


def _age(data: Path, file: str, record_id: str, checked: str) -> None:
    path = data / file
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    key = next(iter(content))
    for record in content[key]:
        if record["id"] == record_id:
            record["checked"] = checked
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


def test_months_before_handles_short_months():
    assert months_before(date(2026, 11, 29), 12) == date(2025, 11, 29)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 2) == date(2025, 11, 15)


def test_stale_report_lists_an_old_fact_and_does_not_fail(minimal_data: Path, capsys):
    _age(minimal_data, "funding.yaml", "geld-een", "2020-01-01")
    assert validate_cli([str(minimal_data)]) == 0
    out = capsys.readouterr().out
    assert "Gegevens in orde" in out
    assert "Waarschuwing: 1 feiten zijn langer dan 12 maanden niet met hun bron gecontroleerd" in out
    assert "data/funding.yaml (geld-een): gecontroleerd op 2020-01-01" in out
    assert "contact-een" not in out  # checked 2026-01-15: recent enough


def test_stale_report_lists_facts_never_checked(minimal_data: Path, capsys):
    _age(minimal_data, "contacts.yaml", "contact-een", "onbekend")
    assert validate_cli([str(minimal_data)]) == 0
    assert "data/contacts.yaml (contact-een): nog nooit met de bron gecontroleerd" in capsys.readouterr().out


def test_stale_period_comes_from_the_option_or_the_environment(minimal_data: Path, capsys, monkeypatch):
    site = load_site(minimal_data)
    today = date(2026, 11, 29)
    assert stale_facts(site, 12, today) == []
    assert {f.record for f in stale_facts(site, 3, today)} >= {"geld-een", "contact-een", "start"}
    assert validate_cli([str(minimal_data), "--stale-after-months", "3"]) == 0
    assert "langer dan 3 maanden" in capsys.readouterr().out
    monkeypatch.setenv("KS_STALE_AFTER_MONTHS", "4")
    assert validate_cli([str(minimal_data)]) == 0
    assert "langer dan 4 maanden" in capsys.readouterr().out
    monkeypatch.setenv("KS_STALE_AFTER_MONTHS", "vier")
    with pytest.raises(SystemExit, match="heel getal"):
        validate_cli([str(minimal_data)])


def test_weekly_link_check_reports_stale_facts_too():
    workflow = (ROOT / ".github/workflows/links.yml").read_text(encoding="utf-8")
    assert "KS_STALE_AFTER_MONTHS" in workflow and "make validate" in workflow
    assert "pull_request" not in workflow  # a stale fact never blocks an editor's pull request
    linkcheck = (ROOT / "macros/linkcheck.py").read_text(encoding="utf-8")
    assert "stale_report(stale_facts(" in linkcheck


# --- what the built pages say -----------------------------------------------------------------


def test_money_and_deadlines_show_their_check_date(page):
    funding = page("financiering/")
    for source in SITE.funding_sources:
        section = funding.find(id=source.id).find_next("div", class_="ks-funding")
        assert section.select_one(".ks-checked"), source.id
    assert funding.select_one("figure.ks-figure").find_next("p").select_one(".ks-checked")
    timeline = page("tijdlijn/").select("li.ks-timeline__item")
    assert len(timeline) == len(SITE.milestones)
    assert all(item.select_one(".ks-checked") for item in timeline)
    rows = page("afspraken-iza-gala/").select("tr[id]")
    agreement_rows = [r for r in rows if r["id"] in {a.id for a in SITE.agreements}]
    assert len(agreement_rows) == len(SITE.agreements)
    assert all(r.select_one(".ks-checked") for r in agreement_rows)
    contacts = page("ondersteuning/").select("section.ks-contact")
    assert len(contacts) == len(SITE.contacts) and all(c.select_one(".ks-checked") for c in contacts)


def test_a_check_date_reads_as_a_dutch_date(page):
    checked = page("financiering/").find(id="spuk-kansrijke-start").find_next("span", class_="ks-checked")
    assert text(checked) == "Gecontroleerd op 29 november 2026"
    assert checked.time["datetime"] == "2026-11-29"


def test_is_past_compares_the_whole_period():
    assert is_past("2025", "2026-01-01") and not is_past("2026", "2026-11-29")
    assert is_past("2026-10", "2026-11-01") and not is_past("2026-11", "2026-11-29")
    assert is_past("2026-11-28", "2026-11-29") and not is_past("2026-11-29", "2026-11-29")


def test_deadlines_that_passed_read_as_past(page):
    today = build_date()
    for milestone in SITE.milestones:
        item = page("tijdlijn/").find(id=milestone.id)
        past = is_past(milestone.date, today)
        assert ("ks-timeline__item--past" in item["class"]) == past, milestone.id
        if milestone.deadline:
            assert ("(voorbij)" in text(item)) == past, milestone.id
            assert milestone.scope in text(item), f"{milestone.id}: a deadline says for whom it holds"


def test_past_milestones_are_written_in_the_past_tense():
    present = re.compile(r"\b(opent|wordt|begint|start|gaat|krijgen|tekenen|verschijnt|komt)\b")
    for milestone in SITE.milestones:
        if is_past(milestone.date, build_date()) and not milestone.deadline:
            assert not present.search(milestone.title), milestone.id


def test_spuk_advice_is_how_the_regulation_works_not_a_round_to_look_for(page):
    funding = text(page("financiering/").select_one("article"))
    assert "ronde open" not in funding
    assert "voor 2023 tot en met 2026" in funding
    assert "bijlage 4 van de regeling" in funding
    assert "SiSa" in funding
    assert "niet gevonden in openbare bronnen (gekeken op 29 november 2026)" in funding


def test_duiding_is_the_task_of_zorginstituut(page):
    for url in ("financiering/", "afspraken-iza-gala/"):
        body = text(page(url).select_one("article"))
        assert "Zorginstituut Nederland" in body
        assert not re.search(r"[Zz]orgverzekeraars (bepalen|duiden)", body), url


# --- tranches are not coalitions --------------------------------------------------------------

_SENTENCE = re.compile(r"[^.!?\n]+")


def _tranche_as_coalition(body: str) -> list[str]:
    """Sentences that tie a tranche to a coalition count without saying that it is none."""
    wrong = []
    for sentence in _SENTENCE.findall(body):
        low = sentence.lower()
        if "tranche" in low and "coalit" in low and not re.search(r"\b(geen|niet|not|no)\b", low):
            wrong.append(sentence.strip())
    return wrong


def test_the_tranche_check_can_fail():
    assert _tranche_as_coalition("Per tranche hadden 96 gemeenten een coalitie.")
    assert not _tranche_as_coalition("Een tranche is geen telling van coalities.")


def test_no_built_page_calls_tranche_figures_coalition_counts(site_dir: Path, page, search_index: dict):
    for url in content_urls(site_dir):
        article = page(url).select_one("article")
        if article is None:
            continue
        article = copy.copy(article)  # the parsed page is shared by every test
        for footer in article.select(".ks-sources, .ks-edit, #bronnen"):  # titles and file names, not statements
            footer.decompose()
        assert _tranche_as_coalition(text(article)) == [], url
    for doc in search_index["docs"]:
        assert _tranche_as_coalition(re.sub(r"<[^>]+>", " ", doc["text"] + ". " + doc["title"])) == [], doc["location"]


def test_open_data_names_tranche_figures_for_what_they_are(site_dir: Path):
    document = json.loads((site_dir / "open-data" / "coalitions.json").read_text(encoding="utf-8"))
    tranches = document["municipalities_per_tranche"]["tranches"]
    assert [t["municipalities"] for t in tranches] == [96, 49, 122, 75]
    assert sum(t["municipalities"] for t in tranches) == 342  # every municipality on 1 January 2023
    assert "coalitions" not in json.dumps(document)


def test_the_two_counts_are_told_apart(page):
    body = text(page("financiering/coalities/").select_one("article"))
    assert "342" in body and "267 van de 344" in body and "ruim 300" in body
    assert "zegt dus niet hoeveel gemeenten een lokale coalitie hebben" in body


# --- required vs agreed vs advised ------------------------------------------------------------


def test_responsibility_table_per_party(page):
    article = page("afspraken-iza-gala/").select_one("article")
    tables = article.select("table.ks-responsibilities")
    shown = [t["id"].removeprefix("taken-") for t in tables]
    assert shown == [p for p in PARTIES if SITE.responsibilities_of(p)]
    assert {"gemeente", "jgz", "verloskundigen", "zorgverzekeraar", "ggd", "zorginstituut"} <= set(shown)
    for table in tables:
        for row in table.select("tbody tr"):
            kind = text(row.th)
            assert kind in {"Wettelijke plicht", "Afspraak (IZA/GALA)", "Advies"}, row["id"]
            cells = row.select("td")
            assert cells[1].get_text(strip=True) in {"lokaal", "regionaal", "landelijk"}
            assert cells[2].select_one(".ks-checked"), row["id"]
            assert all(a["href"].startswith("https://") for a in cells[2].select("a")), row["id"]
            titles = [source.title for source in SITE.sources_of(SITE.get("responsibilities", row["id"]))]
            assert titles and all(t in text(cells[2]) for t in titles), f"{row['id']}: names its sources"


def test_the_home_visit_is_a_legal_duty_and_direct_referral_is_no_new_rule(page):
    article = page("afspraken-iza-gala/").select_one("article")
    duty = article.find(id="gemeente-phb-aanbieden")
    assert text(duty.th) == "Wettelijke plicht" and "Wet publieke gezondheid" in text(duty)
    referral = article.find(id="verloskundige-direct-verwijzen")
    assert text(referral.th) == "Advies" and "mocht al" in text(referral)
    order = [text(r.th) for r in article.find(id="taken-gemeente").select("tbody tr")]
    assert order == sorted(order, key=["Wettelijke plicht", "Afspraak (IZA/GALA)", "Advies"].index)


def test_table_cells_stay_separate_words_in_the_search_index(search_index: dict):
    """Cells written back to back ('GALA' + 'Gecontroleerd') became one word and broke the search for 'GALA'."""
    glued = [
        (doc["location"], word)
        for doc in search_index["docs"]
        if doc["location"].startswith(("afspraken-iza-gala/", "financiering/", "tijdlijn/", "ondersteuning/"))
        for word in re.findall(
            r"\w*[a-z0-9A-Z)](?:Gecontroleerd|Wettelijke|Afspraak|Advies|Nog niet)\w*",
            doc.get("body", "") + doc["text"],
        )
    ]
    assert glued == []
