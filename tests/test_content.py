"""The whole handreiking is on the site: every TOC section, the programme's figures,
sources and a date on every page, tooltips, charts and plain language."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import plain_language
from macros.filters import euro
from macros.loader import load_site
from macros.render import toc_tree

from .conftest import content_urls

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT / "data")
#: Pages that need no source list: the list of sources itself, the TOC map, the glossary,
#: and pages about this site itself (accessibility, contributing, open data, change log).
NO_SOURCES = {"bronnen/", "inhoud/", "begrippen/", "toegankelijkheid/", "bijdragen/", "open-data/",
              "wat-is-er-veranderd/", "ontwikkelaars/", "ontwikkelaars/api/"}  # fmt: skip


def flat(nodes):
    for node in nodes:
        yield node
        yield from flat(node["children"])


def clean(node) -> str:
    for link in node.select(".headerlink"):
        link.decompose()
    return plain_language.block_text(node)


@pytest.mark.parametrize("node", list(flat(toc_tree(SITE))), ids=lambda n: n["number"] or n["title"])
def test_every_toc_section_has_its_heading_on_the_site(node, page):
    url, _, anchor = node["url"].partition("#")
    html = page(url)
    heading = html.find(id=anchor) if anchor else html.select_one("article h1")
    assert heading is not None and heading.name in ("h1", "h2", "h3"), node
    expected = f"{node['number']} {node['title']}" if node["number"] else node["title"]
    assert clean(heading) == expected


def test_programme_figures_appear(page):
    actions = clean(page("acties/").select_one("article"))
    for action in SITE.actions:
        assert f"Actie {action.number}: {action.title}" in actions
    for area in SITE.focus_areas:
        assert area.title in actions
    borging = clean(page("acties/borging/").select_one("article"))
    assert [i.title for i in SITE.borging_items] == [
        clean(h) for h in page("acties/borging/").select("article .ks-card__title")
    ]
    assert all(i.title in borging for i in SITE.borging_items)
    funding = clean(page("financiering/").select_one("article"))
    for year, millions in ((2023, 15), (2024, 16), (2025, 16), (2026, 20)):
        assert f"{year} {euro(millions * 1_000_000)}" in funding
    tranches = page("financiering/coalities/")
    rows = [[clean(td) for td in tr.select("td")][:1] for tr in tranches.select("table tbody tr")]
    assert rows == [["96"], ["49"], ["122"], ["75"]]


def test_charts_are_images_with_a_table_beside(page):
    for url in ("financiering/", "financiering/coalities/"):
        figure = page(url).select_one("article figure.ks-figure")
        svg = figure.select_one("svg[role=img]")
        assert svg.select_one("title").get_text() and svg.select_one("desc").get_text()
        ids = svg["aria-labelledby"].split()
        assert all(svg.find(id=i) for i in ids)
        assert figure.find_next("table") is not None
    assert "2026: € 20 miljoen" in page("financiering/").select_one("svg desc").get_text()


def test_every_page_lists_its_sources_and_date(site_dir: Path, page):
    for url in content_urls(site_dir):
        html = page(url)
        assert html.select_one("article .ks-updated time[datetime]"), url
        if url not in NO_SOURCES:
            heading = html.select_one("article h2#bronnen")
            assert heading is not None, f"{url} has no Bronnen section"
            assert heading.find_next("ol").select("li"), url


def test_abbreviations_have_tooltips(page):
    step = page("stappen/lokale-coalitie-vormen/")
    titles = {a.get_text(): a["title"] for a in step.select("article abbr")}
    assert titles["JGZ"] == "Jeugdgezondheidszorg"
    assert not step.select("abbr abbr")
    sources = step.select("article h2#bronnen ~ ol li")
    assert any(li.abbr for li in sources)  # a tooltip in a source title keeps the title's own text
    assert all(any(li.get_text().startswith(s.title) for s in SITE.sources) for li in sources)
    glossary = clean(page("begrippen/").select_one("article"))
    for term in SITE.glossary:
        assert term.abbr in glossary and term.term in glossary


def test_faq_answers_both_submitted_questions(page):
    faq = clean(page("veelgestelde-vragen/").select_one("article"))
    questions = [q.question for q in SITE.faq]
    assert any("lokaal" in q and "regionaal" in q and "verantwoordelijk" in q for q in questions)
    assert any("stappenplan" in q for q in questions)
    for q in SITE.faq:
        assert q.question in faq and all(" ".join(p.split()) in faq for p in q.answer)


def test_home_has_ambition_audience_and_where_to_start(page):
    home = page("")
    assert clean(home.select_one("article h1")) == "Elk kind een Kansrijke Start"
    headings = [clean(h) for h in home.select("article h2")]
    assert "Waar begin ik?" in headings
    start = home.find("h2", id="waar-begin-ik")
    assert start.find_next("ol").select("li a[href*='stappen/']")


def test_support_page_lists_contacts(page):
    support = page("ondersteuning/")
    for contact in SITE.contacts:
        assert support.find(id=contact.id)
        if contact.email:
            assert support.select_one(f'a[href="mailto:{contact.email}"]')


def test_accessibility_statement_exists(page):
    statement = page("toegankelijkheid/")
    assert clean(statement.select_one("article h1")) == "Toegankelijkheidsverklaring"
    assert "WCAG 2.1" in clean(statement.select_one("article"))


@pytest.fixture(scope="module")
def readability(site_dir: Path, request):
    pages = plain_language.report(site_dir)
    request.config.stash[READABILITY] = pages
    return {p.url: p for p in pages}


READABILITY = pytest.StashKey[list]()


def test_plain_language_on_every_content_page(readability):
    too_long = {url: round(p.average, 1) for url, p in readability.items() if p.average > plain_language.LIMIT}
    assert too_long == {}, "run 'python -m macros.plain_language site' to see the longest sentences"
    assert len(readability) > 40


def test_change_log_page_lists_changes_per_day(page):
    log = page("wat-is-er-veranderd/")
    days = log.select("article h2[id^=wijziging-]")
    assert days, "the site is built from a git checkout, so there is history"
    assert all(day.find_next("ul", class_="ks-changes").select("li") for day in days)
