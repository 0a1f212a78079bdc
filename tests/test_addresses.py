"""Steps have readable addresses (their slug), saved progress keys by their id, and the
old addresses (by id) lead on to the new ones, without JavaScript and in the offline edition."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from macros.loader import load_site
from macros.pages import redirects, write_redirects
from macros.urls import UrlStyle, checklist_url, step_path, step_url

from .conftest import soup

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT / "data")
MOVED = [step for step in SITE.steps if step.address != step.id]
REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')


def test_addresses_read_as_their_level_and_title():
    for step in SITE.steps:
        assert step.slug, f"stap {step.number} heeft geen slug"
        prefix = "lokale-" if step.level == "lokaal" else "regionale-"
        assert step.slug.startswith(prefix), step.slug
    by_number = {step.number: step.slug for step in SITE.steps}
    assert by_number["2.1.4"] == "lokale-vroegsignalering"
    assert by_number["2.2.2"] == "regionale-informatie-verzamelen"  # gathering information, not 'regiobeeld-maken'


def test_every_moved_step_and_its_checklist_get_a_redirect():
    assert len(MOVED) >= 10  # the lokaal-/regiobeeld- addresses all moved
    assert redirects(SITE) == {
        **{step_path(s.id): step_url(s) for s in MOVED},
        **{step_path(s.id) + "checklist/": checklist_url(s) for s in MOVED},
    }


@pytest.mark.parametrize("directory_urls", [True, False], ids=["web", "offline"])
def test_redirect_pages_point_at_an_existing_page(tmp_path: Path, directory_urls: bool):
    style = UrlStyle(directory_urls)
    written = write_redirects(SITE, tmp_path, style, lambda html: html)
    assert len(written) == 2 * len(MOVED)
    step = next(s for s in MOVED if s.number == "2.1.4")
    built = style.page(step_path("lokaal-vroegsignalering"))
    old = tmp_path / (built + "index.html" if directory_urls else built)
    target = REFRESH.search(old.read_text(encoding="utf-8")).group(1)
    resolved = urljoin(old.relative_to(tmp_path).as_posix(), target)
    assert resolved == style.page(step_url(step))
    assert soup(old).select_one("main a")["href"] == target  # a link for readers whose browser does not follow


def test_old_addresses_redirect_in_the_built_site(site_dir: Path, page):
    for old, new in redirects(SITE).items():
        html = (site_dir / old / "index.html").read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html and "<script" not in html
        assert urljoin(old, REFRESH.search(html).group(1)) == new, old
        assert (site_dir / new / "index.html").is_file(), new


def test_progress_keys_by_id_at_the_new_address(page):
    for step in SITE.steps:
        html = page(step_url(step))
        assert html.select_one(f'[data-ks-checklist="{step.id}"]') is not None, step.id
        assert [li["data-ks-item"] for li in html.select(".ks-checklist__item")] == [i.id for i in step.checklist]
    roadmap = page("routekaart/")
    assert [li["data-ks-step"] for li in roadmap.select("[data-ks-step]")] == [s.id for s in SITE.steps]


@pytest.mark.browser
def test_old_address_opens_the_step_with_its_progress_and_without_javascript(browser, base_url):
    step = next(s for s in MOVED if s.number == "2.1.4")
    item = step.checklist[0]
    context = browser.new_context()
    page = context.new_page()
    stored = json.dumps({"version": 2, "items": {item.id: {"status": "klaar"}}})
    page.add_init_script(f"localStorage.setItem('ks-voortgang', {json.dumps(stored)})")
    page.goto(base_url + step_path(step.id))
    page.wait_for_url(base_url + step_url(step))
    assert page.locator(f'[data-ks-item="{item.id}"] .ks-status input[value="klaar"]').is_checked()
    context.close()
    plain = browser.new_context(java_script_enabled=False)
    page = plain.new_page()
    page.goto(base_url + step_path(step.id) + "checklist/")
    page.wait_for_url(base_url + checklist_url(step))
    assert step.title in page.locator("h1").inner_text()
    plain.close()
