"""Shared fixtures: data sets, one real site build per session, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from macros.pages import is_redirect

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def mkdocs_build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A strict build of `project` into `site_dir`; `env` adds to or overrides the environment."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=site_dir.parent,  # not the project: the build must work from any working directory
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )


def copy_project(target: Path, data: Path) -> Path:
    """A copy of the site's sources with another data directory, for builds that change data."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides", "macros", "CONTRIBUTING.md"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    shutil.copytree(data, target / "data")
    return target


def file_contents(folder: Path, pattern: str = "*") -> dict[str, bytes]:
    """Relative path -> bytes of every file under `folder` whose name matches `pattern`."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob(pattern)) if p.is_file()}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_page(site: Path, url: str) -> BeautifulSoup:
    """Parsed HTML of a page in a built site by its URL path ('stappen/') or file ('404.html')."""
    return soup(site / url if url.endswith(".html") else site / url / "index.html")


def content_urls(site: Path) -> list[str]:
    """The URL path of every page of content in a built site ('' for the home page); the redirect
    pages at old step addresses (test_addresses) are not pages of content."""
    urls = []
    for path in sorted(site.rglob("index.html")):
        if not is_redirect(path):
            folder = path.parent.relative_to(site).as_posix()
            urls.append("" if folder == "." else folder + "/")
    return urls


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A copy of the small valid data set, free to be changed by one test."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    return data


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict into a temporary directory."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def page(site_dir: Path):
    """Parsed HTML of a built page by its URL path, e.g. page('stappen/')."""
    return functools.cache(functools.partial(built_page, site_dir))


@pytest.fixture(scope="session")
def search_index(site_dir: Path) -> dict:
    """The site's search index, parsed once: read it, never change it (every test shares it)."""
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site at / and, like GitHub Pages, under its site_url path (/handreiking/),
    which the 404 page uses for its assets."""

    def translate_path(self, path: str) -> str:
        return super().translate_path(path.removeprefix("/handreiking"))

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. A missing browser fails, never skips."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: 'make test' installeert Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser, base_url):
    """A fresh page that refuses any request to a host other than the local site."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    cookies = context.cookies()
    context.close()
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, f"JavaScript errors: {errors}"
    assert cookies == [], "the site sets no cookies"


def items_ready(page) -> None:
    """Wait until every checklist item on the page has its controls: on the roadmap, closed stops
    get theirs in tasks after the first (ks-progress.js). Pages without a checklist pass."""
    page.wait_for_function(
        "() => { const island = document.getElementById('ks-progress-data');"
        " return !island || !document.querySelector('[data-ks-item]') || 'ksItemsReady' in island.dataset }"
    )


def search(page, query: str, timeout: int = 20_000) -> list[list[str]]:
    """Type a query into the search box like a user, once the index is ready.

    Returns the results as Material shows them: one group per page, each a list of the
    visible links (the page or its best section first, then other matching sections)."""
    box = page.get_by_role("textbox", name="Zoeken")
    box.click()
    box.fill("")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="Typ om te beginnen met zoeken").wait_for(timeout=timeout)
    box.fill(query[:-1])  # Material searches on key events: typing the last key searches the whole query once
    box.press_sequentially(query[-1])
    page.wait_for_function(
        "() => !/Typ om te beginnen|initialiseren/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=timeout,
    )
    return page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item",
        """groups => groups.map(g => [...g.querySelectorAll(':scope > a, :scope > details > a')].map(a => {
            const u = new URL(a.getAttribute('href'), location.href); u.search = ''; return u.href }))""",
    )


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0, 2.1 and 2.2 A/AA rules, and best practices) on the page; return its violations."""
    assert AXE.exists(), "axe-core ontbreekt: 'make test' installeert het met npm"
    # Served as if from the site itself: the Content-Security-Policy stays on while axe runs.
    url = page.url.split("#")[0].rsplit("/", 1)[0] + "/__axe.min.js"
    page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url=url)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


def pytest_terminal_summary(terminalreporter, config):
    """Print the search hit rate and the plain-language report, when they were measured."""
    from .test_content import READABILITY
    from .test_search import HIT_RATE

    hits = config.stash.get(HIT_RATE, None)
    if hits:
        terminalreporter.section("Zoeken: zoekvragen met de juiste pagina in de top 3")
        terminalreporter.write_line(f"{hits[0]} van {hits[1]} ({100 * hits[0] / hits[1]:.0f}%)")
    pages = config.stash.get(READABILITY, None)
    if not pages:
        return
    terminalreporter.section("Leesbaarheid: gemiddelde zinslengte per pagina (doel ≤ 15, grens 18)")
    for p in sorted(pages, key=lambda p: -p.average)[:10]:
        terminalreporter.write_line(f"{p.average:5.1f}  /{p.url}")
    overall = sum(p.average for p in pages) / len(pages)
    terminalreporter.write_line(f"{overall:5.1f}  gemiddeld over {len(pages)} pagina's")
