"""A first visit in a browser: routes in on the first screen, the header's name, no sideways
scrolling on a phone, abbreviations explained on tap and focus, readable chart text."""

from __future__ import annotations

import pytest

from .conftest import content_urls

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 800}


@pytest.fixture
def sized_page(browser, base_url):
    """A page in a context of the given size (touch for a phone); fails on any outside request."""
    contexts = []

    def make(viewport: dict, touch: bool = False):
        context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
        contexts.append(context)
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base_url) else r.abort())
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_routes_fit_the_first_screen(sized_page, base_url, viewport):
    page = sized_page(viewport)
    page.goto(base_url)
    routes = page.locator(".ks-routes .ks-route__link")
    assert routes.count() >= 4
    for i in range(routes.count()):
        card = routes.nth(i).locator("xpath=..").bounding_box()
        assert card["y"] >= 0 and card["y"] + card["height"] <= viewport["height"], (i, card)
        assert card["height"] >= 44  # a large target
    assert page.evaluate("window.scrollY") == 0


NAMES = [(PHONE, "Kansrijke Start"), (DESKTOP, "Handreiking Ketenaanpak Kansrijke Start")]


@pytest.mark.parametrize(("viewport", "shown"), NAMES, ids=["phone", "desktop"])
def test_site_name_in_the_header_is_shown_whole(sized_page, base_url, viewport, shown):
    page = sized_page(viewport)
    page.goto(base_url)
    title = page.locator(".md-header__topic").first
    assert title.inner_text().strip() == shown
    ellipsis = title.locator(".md-ellipsis")
    assert ellipsis.evaluate("e => e.scrollWidth <= e.clientWidth")  # not cut off


def test_no_page_scrolls_sideways_at_360_px(sized_page, base_url, site_dir):
    page = sized_page({"width": 360, "height": 740}, touch=True)
    wide = []
    for url in content_urls(site_dir):
        page.goto(base_url + url)
        width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        if width[0] > width[1]:
            wide.append((url, width))
    assert len(content_urls(site_dir)) > 40
    assert wide == []


def first_abbreviation(page):
    link = page.locator("article a.ks-abbr").first
    return link, link.get_attribute("href"), link.get_attribute("data-term")


def test_abbreviation_is_explained_on_tap(sized_page, base_url):
    page = sized_page(PHONE, touch=True)
    page.goto(base_url + "stappen/lokale-coalitie-vormen/")
    link, href, term = first_abbreviation(page)
    assert href.startswith("../../begrippen/#") and term
    link.tap()
    page.wait_for_url("**/begrippen/#*")
    entry = page.locator(f"#{href.split('#')[1]}")
    assert entry.is_visible()
    explanation = entry.locator("xpath=following-sibling::dd[1]")
    assert explanation.is_visible() and term in explanation.inner_text()


def test_abbreviation_is_explained_on_keyboard_focus(sized_page, base_url):
    page = sized_page(DESKTOP)
    page.goto(base_url + "stappen/lokale-coalitie-vormen/")
    link, _, term = first_abbreviation(page)
    before = link.evaluate("e => getComputedStyle(e, '::after').content")
    assert before in ("none", "normal", "")
    for _ in range(200):  # Tab from the top, as a keyboard user does
        page.keyboard.press("Tab")
        if link.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("the abbreviation cannot be reached with Tab")
    shown = link.evaluate("e => [getComputedStyle(e, '::after').content, getComputedStyle(e, '::after').display]")
    assert shown[0] == f'"{term}"' and shown[1] != "none"


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, DESKTOP], ids=["phone", "desktop"])
def test_chart_text_is_at_least_12_px(sized_page, base_url, viewport):
    page = sized_page(viewport)
    page.goto(base_url + "financiering/")
    sizes = page.eval_on_selector_all(
        "svg.ks-chart text, svg.ks-chart tspan",
        "els => els.map(e => e.getBoundingClientRect().height && parseFloat(getComputedStyle(e).fontSize)"
        " * (e.ownerSVGElement.getScreenCTM().a))",
    )
    assert sizes and min(sizes) >= 12, sizes
