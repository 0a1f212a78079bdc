"""The quality budget in a browser: on every built page, axe-core finds nothing, the
Content-Security-Policy blocks nothing, and no request goes to another host."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import csp

from .conftest import axe_violations, search

pytestmark = pytest.mark.browser

RECORD_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def built_pages(site_dir: Path) -> list[str]:
    pages = [str(p.parent.relative_to(site_dir)) + "/" for p in sorted(site_dir.rglob("index.html"))]
    return ["" if p == "./" else p for p in pages] + ["404.html"]


def test_policy_allows_only_this_site_and_hashed_inline_scripts():
    html = '<meta charset="utf-8"><script>var a = 1</script><script type="application/json">{}</script>'
    out = csp.with_policy(html)
    assert out.index("Content-Security-Policy") < out.index("<script>")
    rule = out.split('content="')[1].split('"')[0]
    assert "default-src 'self'" in rule and "'unsafe-inline'" not in rule and "http" not in rule
    assert rule.count("'sha256-") == 1  # the JSON island is data, not a script


def test_every_page_passes_axe_and_its_own_policy(browser_page, base_url, site_dir):
    browser_page.add_init_script(RECORD_CSP)
    problems = {}
    pages = built_pages(site_dir)
    for url in pages:
        browser_page.goto(base_url + url)
        found = axe_violations(browser_page)
        blocked = browser_page.evaluate("window.__csp")
        meta = browser_page.locator('meta[http-equiv="Content-Security-Policy"]').count()
        if found or blocked or meta != 1:
            problems[url] = {"axe": found, "csp": blocked, "policy": meta}
    assert len(pages) > 60
    assert problems == {}


def test_search_and_roadmap_work_under_the_policy(browser_page, base_url):
    browser_page.add_init_script(RECORD_CSP)
    browser_page.goto(base_url + "routekaart/")
    assert [link for group in search(browser_page, "checklist") for link in group]
    browser_page.keyboard.press("Escape")
    browser_page.get_by_role("button", name="Toon alle stappen").click()
    assert browser_page.evaluate("window.__csp") == []
