"""The real site, built once with --strict: pages, nav, links and completeness."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from macros.filters import euro
from macros.loader import load_site
from macros.pages import is_redirect
from macros.plain_language import block_text
from macros.urls import action_url, step_url

from .conftest import soup

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT / "data")


def text_of(page) -> str:
    return block_text(copy.copy(page.select_one("article")))


def all_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html" and not is_redirect(p))


@pytest.mark.parametrize("step", SITE.steps, ids=lambda s: s.id)
def test_every_step_has_its_page(step, page):
    html = page(step_url(step))
    assert html.select_one("h1").get_text(strip=True) == f"{step.number} {step.title}"
    content = text_of(html)
    for item in step.checklist:
        assert item.text in content
        assert html.select_one(f"#{item.id}") is not None
    for action_id in step.actions:
        assert html.select_one(f'article a[href="../../{action_url(action_id)}"]') is not None


@pytest.mark.parametrize("action", SITE.actions, ids=lambda a: a.id)
def test_every_action_has_its_page(action, page):
    html = page(action_url(action.id))
    assert html.select_one("h1").get_text(strip=True) == f"{action.number}. {action.title}"
    for step in SITE.steps_for_action(action.id):
        assert html.select_one(f'article a[href="../../{step_url(step)}"]') is not None


def nav_labels(html) -> list[str]:
    return [a.get_text(" ", strip=True) for a in html.select("nav.md-nav--primary a.md-nav__link")]


@pytest.mark.parametrize("level", ["lokaal", "regionaal"])
def test_nav_lists_generated_step_pages_in_order(level, page):
    steps = SITE.steps_at(level)
    expected = [f"{s.number} {s.title}" for s in steps]
    labels = nav_labels(page(step_url(steps[0])))  # pruned nav: the open branch is this level
    assert [label for label in labels if label in expected] == expected


@pytest.mark.parametrize("area", SITE.focus_areas, ids=lambda area: area.id)
def test_nav_lists_generated_action_pages_in_order(area, page):
    actions = SITE.actions_in(area.id)
    expected = [f"{a.number}. {a.title}" for a in actions]
    labels = nav_labels(page(action_url(actions[0].id)))
    assert [label for label in labels if label in expected] == expected


def test_step_overview_has_both_levels(page):
    html = page("stappen/")
    assert html.select_one("h2#lokaal") and html.select_one("h2#regionaal")
    local = html.select_one("h2#lokaal").find_next("ol").select("h3")
    assert [h.get_text(" ", strip=True) for h in local] == [f"{s.number} {s.title}" for s in SITE.steps_at("lokaal")]


def test_action_overview_groups_by_focus_area(page):
    html = page("acties/")
    for area in SITE.focus_areas:
        heading = html.select_one(f"h2#{area.id}")
        assert heading is not None and area.title in heading.get_text()
        cards = heading.find_next("ol").select("li.ks-card")
        assert [int(li["value"]) for li in cards] == [a.number for a in SITE.actions_in(area.id)]


def test_spuk_amounts_on_funding_page(page):
    content = text_of(page("financiering/"))
    for year, amount in ((2023, 15), (2024, 16), (2025, 16), (2026, 20)):
        assert f"{euro(amount * 1_000_000)} in {year}" in content


def test_generated_pages_edit_their_yaml_file(page):
    edit = page(step_url(SITE.steps[0])).select_one("a[rel=edit]")
    assert edit["href"].endswith("/edit/main/data/steps.yaml")
    edit = page(action_url(SITE.actions[0].id)).select_one("a[rel=edit]")
    assert edit["href"].endswith("/edit/main/data/actions.yaml")
    assert page("").select_one("a[rel=edit]")["href"].endswith("/edit/main/docs/index.md")


def _record_texts():
    """(collection, id, text that must be shown) for every record of every collection."""
    s = SITE
    yield from (("sources", r.id, r.title) for r in s.sources)
    yield from (("focus_areas", r.id, r.title) for r in s.focus_areas)
    yield from (("actions", r.id, r.title) for r in s.actions)
    yield from (("borging_items", r.id, r.title) for r in s.borging_items)
    yield from (("steps", r.id, r.title) for r in s.steps)
    yield from (("checklist", i.id, i.text) for r in s.steps for i in r.checklist)
    yield from (("funding_sources", r.id, r.title) for r in s.funding_sources)
    yield from (("partners", r.id, r.name) for r in s.partners)
    yield from (("agreements", r.id, r.text) for r in s.agreements)
    yield from (("tranches", str(t.number), str(t.municipalities)) for t in s.municipalities_per_tranche.tranches)
    yield from (("interventions", r.id, r.name) for r in s.interventions)
    yield from (("faq", r.id, r.question) for r in s.faq)
    yield from (("contacts", r.id, r.name) for r in s.contacts)
    yield from (("glossary", r.id, r.term) for r in s.glossary)
    yield from (("milestones", r.id, r.title) for r in s.milestones)
    yield from (("responsibilities", r.id, r.text) for r in s.responsibilities)


def test_every_record_of_every_collection_appears(site_dir: Path):
    shown = " ".join(text_of(soup(p)) for p in all_pages(site_dir))
    missing = [(c, i, t) for c, i, t in _record_texts() if " ".join(t.split()) not in shown]
    assert missing == []


def test_no_unrendered_jinja_and_no_external_assets(site_dir: Path):
    for path in all_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        text = soup(path)
        for code in text.select("code, pre"):  # documentation may show template syntax as code
            code.decompose()
        assert "{{" not in str(text) and "{%" not in str(text), path
        fetched = re.findall(r'<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc="((?:https?:)?//[^"]*)"', html)
        fetched += [
            href
            for rel, href in re.findall(r'<link\b[^>]*\brel="([^"]*)"[^>]*\bhref="((?:https?:)?//[^"]*)"', html)
            if rel not in ("canonical", "alternate")
        ]
        assert fetched == [], path


def test_internal_links_resolve(site_dir: Path):
    broken = []
    for path in all_pages(site_dir):
        from bs4 import BeautifulSoup

        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        url = "http://site/" + str(path.relative_to(site_dir)).replace("index.html", "")
        for a in html.select("a[href]"):
            target = urlparse(urljoin(url, a["href"]))
            if target.netloc != "site" or target.scheme != "http":
                continue
            file = site_dir / target.path.lstrip("/")
            file = file / "index.html" if target.path.endswith("/") else file
            if not file.exists():
                broken.append((str(path.relative_to(site_dir)), a["href"]))
            elif target.fragment:
                page = file.read_text(encoding="utf-8")
                if f'id="{target.fragment}"' not in page:
                    broken.append((str(path.relative_to(site_dir)), a["href"]))
    assert broken == []


def test_pages_are_dutch_and_have_a_description(page):
    for url in ("", "stappen/", step_url(SITE.steps[0]), action_url(SITE.actions[0].id)):
        html = page(url)
        assert html.html["lang"] == "nl"
        assert html.select_one('meta[name="description"]')["content"].strip()
    assert page(step_url(SITE.steps[0])).select_one('meta[name="description"]')["content"] == SITE.steps[0].summary


def test_search_index_is_dutch_and_has_every_step(search_index: dict):
    assert search_index["config"]["lang"] == ["nl"]
    locations = {doc["location"] for doc in search_index["docs"]}
    for step in SITE.steps:
        assert step_url(step) in locations


def test_data_pages_offer_to_edit_their_yaml(page):
    edit = page(step_url(SITE.steps[0])).select_one("aside.ks-feedback a[rel=edit]")
    assert edit.get_text(" ", strip=True) == "pas deze gegevens zelf aan"
    assert edit["href"].endswith("/edit/main/data/steps.yaml")
    home = page("").select_one("aside.ks-feedback a[rel=edit]")
    assert home.get_text(" ", strip=True) == "pas deze pagina zelf aan"
    assert home["href"].endswith("/edit/main/docs/index.md")


def test_content_pages_read_as_guidance_not_as_a_code_project(page):
    """No repository widget in the header or drawer, no 'Bewerk deze gegevens: data/*.yaml' lines."""
    for url in ("", "stappen/", "financiering/", step_url(SITE.steps[0])):
        html = page(url)
        assert not html.select(".md-source, .ks-edit, .md-header a[href*='github']"), url
        assert "Bewerk deze gegevens" not in html.get_text(), url


def test_nav_has_at_most_eight_entries_and_editor_pages_sit_in_the_footer(page, site_dir: Path):
    home = page("")
    top = [li.find(["a", "label"], recursive=False) for li in home.select("nav.md-nav--primary > ul > li")]
    labels = [element.get_text(" ", strip=True) for element in top]
    assert 2 <= len(labels) <= 8, labels
    editor_pages = {"bijdragen/": "Bijdragen", "open-data/": "Open data", "ontwikkelaars/": "Voor ontwikkelaars",
                    "wat-is-er-veranderd/": "Wat is er veranderd"}  # fmt: skip
    nav_text = home.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    footer = {a["href"]: a.get_text(strip=True) for a in home.select("footer .ks-colophon__links a")}
    for url, title in editor_pages.items():
        assert title not in nav_text, title
        assert url in footer and footer[url].startswith(title), (url, footer)
        assert (site_dir / url / "index.html").exists(), url
    assert "toegankelijkheid/" in footer


def test_home_routes_name_their_steps(page):
    """The routes in and the stappenplan: every link to a step says its number and title."""
    home = page("")
    routes = home.select("article ul.ks-routes > li.ks-route")
    assert 3 <= len(routes) <= 5
    targets = [route.select_one("a.ks-route__link")["href"] for route in routes]
    assert {"routekaart/", "financiering/", "stappen/#regionaal"} <= set(targets)
    titles = {step_url(s): f"{s.number} {s.title}" for s in SITE.steps}
    step_links = [a for a in home.select("article a[href^='stappen/']") if a["href"].split("#")[0] in titles]
    assert len(step_links) >= 8
    for a in step_links:
        assert a.get_text(" ", strip=True) == titles[a["href"]], a
    first = [a["href"] for route in routes for a in route.select(".ks-route__text a")]
    assert first == [step_url(SITE.steps_at("lokaal")[0]), step_url(SITE.steps_at("regionaal")[0])]


def test_glossary_has_an_a_to_z_list_whose_letters_resolve(page):
    glossary = page("begrippen/")
    letters = [a.get_text(strip=True) for a in glossary.select("nav.ks-az a")]
    assert letters == sorted({t.abbr[0].upper() for t in SITE.glossary})
    for a in glossary.select("nav.ks-az a"):
        target = glossary.find(id=a["href"].removeprefix("#"))
        assert target is not None and target.get_text(strip=True) == a.get_text(strip=True)
        first_term = target.find_next("dt").get_text(strip=True)
        assert first_term[0].upper() == a.get_text(strip=True)


def test_derived_statements_carry_a_neutral_label_that_explains_itself(page):
    html = page(step_url(next(s for s in SITE.steps if any(i.basis == "afgeleid" for i in s.checklist))))
    badges = html.select("article a.ks-badge--afgeleid")
    assert badges and all(b.get_text(strip=True) == "eigen afleiding" for b in badges)
    assert all(b["href"] == "../../bronnen/#eigen-afleiding" and b.get("title") for b in badges)
    assert "eigen afleiding" in page("bronnen/").select_one("#eigen-afleiding").get_text()


def test_components_are_delivered_as_one_stylesheet_and_one_async_script(site_dir: Path, page):
    html = page("routekaart/")
    styles = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    assert [s for s in styles if "/css/" in s] == ["../assets/css/ks.css"]
    scripts = [s for s in html.select("script[src]") if "ks" in s["src"]]
    assert [(s["src"], s.has_attr("async")) for s in scripts] == [("../assets/javascripts/ks.js", True)]
    css = (site_dir / "assets" / "css" / "ks.css").read_text(encoding="utf-8")
    js = (site_dir / "assets" / "javascripts" / "ks.js").read_text(encoding="utf-8")
    for component in (ROOT / "overrides" / "assets" / "css").glob("ks-*.css"):
        assert f"/* assets/css/{component.name} */" in css
    for component in (ROOT / "overrides" / "assets" / "javascripts").glob("ks-*.js"):
        assert f"// assets/javascripts/{component.name}" in js
    copied = [p.name for p in (site_dir / "assets").rglob("ks-*.*")]
    assert copied == [], "component files reach the site only inside the bundles"


def test_component_scripts_nest_no_template_literals():
    """The minifier cannot read a template literal inside another one: it drops their spaces."""
    import re

    for script in (ROOT / "overrides" / "assets" / "javascripts").glob("ks-*.js"):
        assert not re.search(r"\$\{[^}]*`", script.read_text(encoding="utf-8")), script.name


def test_roadmap_and_progress_code_stay_within_15_kb_gzip():
    """Measured as shipped: minified, as in the bundles."""
    import gzip

    from macros.assets import minified

    parts = [f"{kind}/ks-{name}.{ext}" for kind, ext in (("javascripts", "js"), ("css", "css"))
             for name in ("roadmap", "progress", "share")]  # fmt: skip
    code = "".join(minified(ROOT / "overrides" / "assets" / p) for p in parts).encode()
    assert len(gzip.compress(code, compresslevel=9)) <= 15 * 1024
