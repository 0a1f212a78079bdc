"""What only a browser shows: the site loads, Dutch search finds steps, axe-core finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.loader import load_site
from macros.urls import action_url, step_url

from .conftest import axe_violations, search

SITE = load_site(Path(__file__).resolve().parent.parent / "data")

pytestmark = pytest.mark.browser


def test_home_loads(browser_page, base_url):
    response = browser_page.goto(base_url)
    assert response.status == 200
    assert browser_page.locator("h1").first.inner_text().startswith("Elk kind een Kansrijke Start")
    assert browser_page.locator("html").get_attribute("lang") == "nl"


def test_dutch_search_finds_a_step_page(browser_page, base_url):
    browser_page.goto(base_url)
    hrefs = [link for group in search(browser_page, "coalitie") for link in group]
    step = next(s for s in SITE.steps if s.number == "2.1.1")
    assert any(step_url(step) in href for href in hrefs), hrefs


@pytest.mark.parametrize(
    "url",
    [
        "",
        step_url(SITE.steps[0]),
        action_url(SITE.actions[0].id),
    ],
    ids=["home", "step", "action"],
)
def test_axe_finds_no_violations(browser_page, base_url, url):
    browser_page.goto(base_url + url)
    assert axe_violations(browser_page) == []
