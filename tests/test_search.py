"""Dutch search finds what a coordinator types, through the real search box in Chromium: every
keyword in search_queries.yaml and every typo in search_questions.yaml has its page among the
first three results, and so do at least 90% of the questions there."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml

from macros.loader import load_site
from macros.search import Vocabulary, enrich, shown, terms_for
from macros.urls import action_url, step_url

from .conftest import content_urls, search

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
_QUESTIONS = yaml.safe_load((Path(__file__).parent / "search_questions.yaml").read_text(encoding="utf-8"))
QUESTIONS, TYPOS = _QUESTIONS["questions"], _QUESTIONS["typos"]
QUESTION_GOAL = 0.9  # share of the questions with an answering page among the first three results
SITE = load_site(Path(__file__).resolve().parent.parent / "data")
HIT_RATE = pytest.StashKey[tuple]()


def test_there_are_enough_realistic_queries():
    assert len(QUERIES) >= 40
    assert len({q["query"] for q in QUERIES}) == len(QUERIES)
    assert len(QUESTIONS) >= 40 and len(TYPOS) >= 10
    assert len({q["query"] for q in QUESTIONS + TYPOS}) == len(QUESTIONS + TYPOS)
    assert [q["query"] for q in QUESTIONS if len(q["query"].split()) < 3] == []  # questions, not keywords
    assert [q["query"] for q in TYPOS if len(q["query"].split()) != 1] == []


def test_typos_are_no_words_of_the_site(site_dir: Path):
    """A typo found only because it starts a real word would test nothing."""
    text = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8").lower()
    assert [q["query"] for q in TYPOS if q["query"].lower() in text] == []


def rank(groups: list[list[str]], expect: str | list[str]) -> int | None:
    """Position (1-based) of the first result group that is an expected page, or holds an
    expected #section among its links."""
    wanted = expect if isinstance(expect, list) else [expect]
    for position, group in enumerate(groups, 1):
        for target in wanted:
            if (target in group) if "#" in target else (group and group[0].split("#")[0] == target):
                return position
    return None


def run(page, base_url: str, cases: list[dict]) -> list[str]:
    """The cases whose page is not among the first three results, each with what came instead."""
    misses = []
    for case in cases:
        groups = [[url.removeprefix(base_url) for url in group] for group in search(page, case["query"])]
        if (rank(groups, case["expect"]) or 99) > 3:
            top = ["/" + group[0] for group in groups[:3] if group]
            misses.append(f"{case['query']!r}: wanted {case['expect']}, got {top}")
    return misses


def test_terms_link_abbreviations_compounds_and_synonyms():
    terms = terms_for("De JGZ en de kraamzorg bespreken de subsidie.", SITE).split()
    assert "jeugdgezondheidszorg" in terms  # abbreviation -> full term
    assert {"kraam", "zorg"} <= set(terms)  # compound -> parts
    assert "financiering" in terms  # synonym group
    assert "jgz" in terms_for("Jeugdgezondheidszorg helpt ouders.", SITE).split()  # full term -> abbreviation
    assert "jgz" not in terms_for("De JGZ helpt.", SITE).split()  # no word twice
    assert "ks" in terms_for("Onderzoek 'big data en kansrijke start'.", SITE).split()  # term before a quote
    assert "geboorte" in terms_for("De geboortezorg helpt.", SITE).split()  # the part left of a known part


@pytest.mark.parametrize(
    "title",
    [
        "&lt;img src=x onerror=alert(1)&gt;",  # an entity-encoded tag, as a page's HTML holds it
        "&amp;lt;a href=https://example.org&amp;gt;Inloggen&amp;lt;/a&amp;gt;",  # encoded twice
        "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>",
    ],
)
def test_index_carries_text_never_markup(title: str):
    """Material inserts a result's title and text as HTML: the index holds them escaped."""
    index = {"config": {"fields": {}}, "docs": [{"location": "x/", "title": title, "text": f"<p>{title}</p>"}]}
    doc = enrich(index, SITE)["docs"][0]
    for field in ("title", "text", "body", "terms", "title_terms"):
        assert "<" not in doc[field] and ">" not in doc[field], (field, doc[field])
    assert doc["title"] == doc["text"] and "lt;" in doc["title"]  # shown as the text it was


def test_added_entries_are_escaped_like_materials_own():
    site = dataclasses.replace(SITE, glossary=(SITE.glossary[0].model_copy(update={"term": "A < B & C > D"}),))
    docs = enrich({"config": {"fields": {}}, "docs": []}, site)["docs"]
    term = next(d for d in docs if d["location"].startswith("begrippen/"))
    assert term["title"].endswith(": A &lt; B &amp; C &gt; D")  # the whole term, not cut at '<...>'


def test_enriched_index_has_entries_for_items_and_terms():
    index = {"config": {"fields": {"title": {"boost": 1000}}}, "docs": [{"location": "", "title": "Home", "text": ""}]}
    enriched = enrich(index, SITE)
    locations = {d["location"] for d in enriched["docs"]}
    step = SITE.steps[0]
    assert f"{step_url(step)}#{step.checklist[0].id}" in locations
    assert {f"begrippen/#{t.id}" for t in SITE.glossary} <= locations
    assert enriched["config"]["fields"]["terms"] == {"boost": 10}
    json.dumps(enriched)


@pytest.mark.browser
def test_every_query_finds_its_page_in_the_top_three(browser_page, base_url, request):
    browser_page.goto(base_url)
    misses = run(browser_page, base_url, QUERIES)
    request.config.stash[HIT_RATE] = (len(QUERIES) - len(misses), len(QUERIES))
    assert misses == []


@pytest.mark.browser
def test_questions_find_their_answer_in_the_top_three(browser_page, base_url):
    """Questions as typed, with the small words in them: stop words do not count against a page."""
    browser_page.goto(base_url)
    misses = run(browser_page, base_url, QUESTIONS)
    rate = 1 - len(misses) / len(QUESTIONS)
    assert rate >= QUESTION_GOAL, f"{rate:.0%} of the questions answered in the top 3:\n" + "\n".join(misses)


@pytest.mark.browser
def test_a_typo_of_one_or_two_letters_finds_the_page(browser_page, base_url):
    browser_page.goto(base_url)
    assert run(browser_page, base_url, TYPOS) == []


@pytest.mark.browser
def test_stop_words_do_not_change_the_results(browser_page, base_url):
    browser_page.goto(base_url)
    for question, keywords in (("wat is een gezinspoli", "gezinspoli"), ("Waar vraag ik de SPUK aan?", "vraag SPUK")):
        assert search(browser_page, question)[:3] == search(browser_page, keywords)[:3]


@pytest.mark.browser
def test_results_match_on_their_own_words(browser_page, base_url):
    """A search lists no page's sources list (the Bronnen page has them all), and no checklist
    item that only belongs to a step with the word in its title."""

    items = {f"{base_url}{step_url(s)}#{i.id}": i.text for s in SITE.steps for i in s.checklist}
    browser_page.goto(base_url)
    links = [link for group in search(browser_page, "coalitie") for link in group]
    assert len(links) > 10
    assert [link for link in links if link.endswith("#bronnen")] == []
    assert [items[link] for link in links if link in items and "coalitie" not in items[link].lower()] == []


@pytest.mark.browser
def test_no_results_points_to_glossary_roadmap_and_overviews(browser_page, base_url):
    browser_page.goto(base_url + "stappen/")
    search(browser_page, "xqzwvbnm")
    help_box = browser_page.locator(".ks-search-help")
    help_box.wait_for()
    assert "Geen resultaten" in help_box.inner_text()
    links = help_box.locator("a").evaluate_all("links => links.map(a => a.href)")
    for target in ("begrippen/", "routekaart/", "stappen/", "acties/", "financiering/"):
        assert base_url + target in links


def test_every_record_has_its_own_entry_with_an_exact_location(site_dir: Path, search_index: dict):
    from macros.urls import action_url

    assert search_index["config"]["lang"] == ["nl"] and {"title_terms", "terms"} <= set(
        search_index["config"]["fields"]
    )
    locations = {doc["location"] for doc in search_index["docs"]}
    expected = {step_url(s) for s in SITE.steps} | {action_url(a.id) for a in SITE.actions}
    expected |= {f"{step_url(s)}#{i.id}" for s in SITE.steps for i in s.checklist}
    expected |= {f"financiering/#{f.id}" for f in SITE.funding_sources}
    expected |= {f"begrippen/#{t.id}" for t in SITE.glossary}
    assert expected - locations == set()
    pages = {p for p in content_urls(site_dir) if not p.endswith("checklist/")}
    assert pages - {loc.split("#")[0] for loc in locations} == {"ontwikkelaars/", "ontwikkelaars/api/"}


def test_no_result_shows_template_code(search_index: dict):
    """A result shows text, never a macro call, a Jinja tag or a code signature: the developer
    pages (whose subject is code) are not in the visitors' search."""
    from macros.render import MACROS

    code = re.compile(r"\{\{|\{%|\b(" + "|".join(f.__name__ for f in MACROS) + r")\s*\(")
    assert len(search_index["docs"]) > 100
    shown = [(doc["location"], doc[field]) for doc in search_index["docs"] for field in ("title", "text", "body")]
    assert [(location, text) for location, text in shown if code.search(text)] == []
    assert code.search("zie spuk_chart(site)") and code.search("{{ x }}")  # the pattern finds what it must


def test_glossary_page_is_found_by_its_title_and_each_term_by_its_own_entry():
    """The page with every explanation in its text outranked the pages that answer a question."""
    index = {
        "config": {"fields": {}},
        "docs": [
            {"location": "begrippen/", "title": "Begrippen", "text": "JGZ Jeugdgezondheidszorg. Zorg voor kinderen."},
            {"location": "stappen/", "title": "Stappen", "text": "De JGZ doet mee."},
        ],
    }
    enriched = enrich(index, SITE)
    docs = {d["location"]: d for d in enriched["docs"]}
    assert docs["begrippen/"]["text"] == docs["begrippen/"]["terms"] == ""
    assert docs["stappen/"]["text"] == "De JGZ doet mee."
    assert "JGZ" in docs["begrippen/#jgz"]["title"] and docs["begrippen/#jgz"]["text"]
    assert "waar" in SITE.search.question_words
    assert enriched["config"]["question_words"] == list(SITE.search.question_words)


def test_page_footer_is_not_searchable(search_index: dict):
    """Sources, edit links and the date are about the page, not its subject: a search for a
    word in them would list every page that has them."""
    assert [doc["location"] for doc in search_index["docs"] if doc["location"].endswith("#bronnen")] == []
    footer = ("Bewerk deze gegevens", "Laatst bijgewerkt")
    assert [doc["location"] for doc in search_index["docs"] if any(t in doc["text"] for t in footer)] == []


def test_a_snippet_does_not_run_one_block_into_the_next():
    """A label line without a full stop ran into the next paragraph: "… (aanstaande) ouders Een
    lokale coalitie". Blocks end as sentences; what ends one already keeps its mark."""
    from macros.search import plain

    html_ = "<p>Actie 2 · focusgebied A: ouders</p>\n<p>Een coalitie.</p><ul><li>Stap (lokaal)</li><li>Doet u mee?</li>"
    assert plain(html_ + "</ul>") == "Actie 2 · focusgebied A: ouders. Een coalitie. Stap (lokaal). Doet u mee?"
    assert plain("<p>Wat u doet:</p><ul><li>Plannen</li></ul>") == "Wat u doet: Plannen"
    assert plain("<p>Zij zegt: ‘Begin klein.’</p><p>Dan</p>") == "Zij zegt: ‘Begin klein.’ Dan"
    assert plain("Home") == "Home" and plain("") == ""


def test_action_snippets_end_their_focus_area_before_the_text(search_index: dict):
    """The "eigen afleiding" label after a derived action's focus area is about the text, not
    its subject: it stays out of the snippet (and the index)."""
    texts = {doc["location"]: doc["text"] for doc in search_index["docs"]}
    for action in SITE.actions:
        area = next(a for a in SITE.focus_areas if a.id == action.focus_area)
        assert f"{shown(area.title)}. " in texts[action_url(action.id)], action.id


def test_results_show_a_short_snippet_and_keep_the_rest_searchable():
    from macros.search import SNIPPET, split_text

    shown, rest = split_text("woord " * 100)
    assert len(shown) <= SNIPPET + 2 and shown.endswith(" …") and "<" not in shown
    assert (shown.removesuffix(" …") + " " + rest).split() == ["woord"] * 100
    assert split_text("Kort.") == ("Kort.", "")


def test_results_opened_from_a_link_on_a_phone_do_not_jump(browser, base_url):
    """Material widens a phone's page with its search animation until it locks the page for
    search; results drawn before that lock jumped (Lighthouse: layout shift 0.37)."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "?q=coalitie")
    page.locator(".md-search-result__item").first.wait_for()
    page.evaluate("document.body.removeAttribute('data-md-scrolllock')")  # the moment before the lock
    widths = page.evaluate(
        "() => [innerWidth, document.documentElement.scrollWidth,"
        " document.querySelector('.md-search-result__item').getBoundingClientRect().width]"
    )
    context.close()
    assert widths == [412, 412, 412]


def test_splitting_a_long_word_looks_up_only_heads_and_tails_as_long_as_a_part(monkeypatch):
    """A pasted megabyte without spaces took minutes: each cut of the word was looked up."""
    vocabulary = Vocabulary(SITE)
    lookups = []

    class Counting(dict):
        def __contains__(self, key):
            lookups.append(key)
            return super().__contains__(key)

    monkeypatch.setattr(vocabulary, "parts", Counting(vocabulary.parts))
    assert vocabulary.split("kraamzorg")[:2] == ("kraam", "zorg")
    lookups.clear()
    assert vocabulary.split("x" * 50_000 + "zorg")[0] == "zorg"
    assert len(lookups) <= 2 * vocabulary.longest_part
    assert max(map(len, lookups)) <= vocabulary.longest_part
