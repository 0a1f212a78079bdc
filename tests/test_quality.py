"""The quality budget in a browser: on every built page, axe-core finds nothing, the
Content-Security-Policy blocks nothing, and no request goes to another host."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import csp

from .conftest import axe_violations, content_urls, search

pytestmark = pytest.mark.browser

RECORD_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


SHIPPED = '<script>document.documentElement.classList.add("ks-js")</script>'


def test_policy_allows_only_this_site_and_the_inline_scripts_we_ship():
    html = f'<meta charset="utf-8">{SHIPPED}<script type="application/json">{{}}</script>'
    out = csp.with_policy(html)
    assert out.index("Content-Security-Policy") < out.index("<script>")
    rule = out.split('content="')[1].split('"')[0]
    assert "default-src 'self'" in rule and "'unsafe-inline'" not in rule and "http" not in rule
    assert rule.count("'sha256-") == 1  # the JSON island is data, not a script


def test_built_pages_allow_only_materials_three_scripts_and_ours(site_dir: Path):
    """Material's scope (its URL differs with a page's depth), palette and anchor scripts, and ours."""
    hashes = set()
    for path in [*site_dir.glob("*/index.html"), *site_dir.glob("*/*/index.html")]:
        rule = path.read_text(encoding="utf-8").split('Content-Security-Policy" content="')[1].split('"')[0]
        hashes |= {h for h in rule.split() if h.startswith("'sha256-")}
    assert len(hashes) == 5  # the scope script at two depths


@pytest.mark.parametrize(
    "smuggled",
    [
        "<script>alert(1)</script>",
        "<SCRIPT type='text/javascript'>alert(1)</SCRIPT>",
        '<script type="module">alert(1)</script>',
        f"<script>{SHIPPED[8:-9]};alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href=" JavaScript:alert(1)">x</a>',
    ],
)
def test_any_other_inline_script_stops_the_build_with_a_dutch_message(smuggled: str):
    with pytest.raises(csp.ForeignScript, match="niet zelf meelevert"):
        csp.policy(f'<meta charset="utf-8">{SHIPPED}<p>{smuggled}</p>')


def test_the_build_names_the_page_that_holds_a_script(tmp_path):
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from macros.plugin.plugin import GuidancePlugin

    plugin = GuidancePlugin()
    plugin.load_config({})
    page = SimpleNamespace(file=SimpleNamespace(src_uri="bijdragen.md"))
    with pytest.raises(PluginError, match=r"^docs/bijdragen.md: script gevonden"):
        plugin.on_post_page('<meta charset="utf-8"><script>alert(1)</script>', page, None)


def test_offline_policy_allows_the_search_worker_iframe_by_hash_only():
    html = '<meta charset="utf-8"><script id="__config" type="application/json">{"search": "w.js"}</script>'
    online, offline = csp.policy(html), csp.policy(html, offline=True)
    bootstrap = csp.shim_bootstrap("w.js")
    assert bootstrap.startswith("postMessage=function c(") and 'filename:"w.js"' in bootstrap
    assert csp._sha256(bootstrap) in offline and csp._sha256(bootstrap) not in online
    assert offline.replace(" " + csp._sha256(bootstrap), "") == online


def test_every_page_passes_axe_and_its_own_policy(browser_page, base_url, site_dir):
    browser_page.add_init_script(RECORD_CSP)
    problems = {}
    pages = [*content_urls(site_dir), "404.html"]
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
