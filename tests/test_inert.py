"""Editor text is inert in every output: a site built from crafted data and a crafted page.

Every text field of the real data gets quotes and angle brackets that try to close an attribute
and add one of their own (the attack that turned a step summary into a meta refresh). A page in
docs/ has an entity-encoded tag in its heading, which the search index once turned into markup.
The build is the offline edition, opened from file:// in Chromium, where no server adds headers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.loader import load_site
from macros.pages import redirects
from macros.urls import UrlStyle

from .conftest import ROOT, copy_project, search, soup

#: Closes a double- and a single-quoted attribute and opens one of its own each time.
PAYLOAD = (
    'Let op" data-ks-injected="1" http-equiv="refresh" content="0;url=https://example.org/ '
    "'x' data-ks-injected='2' < 3 > 2"
)
TEXT_FIELDS = {"title", "summary", "description", "text", "term", "explanation", "name", "question", "role",
               "helps_with", "organisation", "publisher", "recognition", "note"}  # fmt: skip
#: A heading as an editor could write it in Markdown: the tag is text on the page.
HEADING = "Veilig &lt;img src=x onerror=&quot;window.__ksPwned=1&quot;&gt; zoekwoord"
#: Encoded twice, as a source title once was: un-escaping it twice gave a live tag in the results.
TWICE = "Zoekwoord &amp;lt;img src=x onerror=&amp;quot;window.__ksPwned=2&amp;quot;&amp;gt; in de tekst."


def craft(value, key=None):
    if isinstance(value, dict):
        return {k: craft(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [craft(v, key) for v in value]
    if key in TEXT_FIELDS and isinstance(value, str):
        return f"{value} {PAYLOAD}"
    return value


@pytest.fixture(scope="module")
def crafted(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("crafted"), ROOT / "data")
    for path in (project / "data").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "search" not in data:  # search terms are words, not text
            path.write_text(yaml.safe_dump(craft(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "docs" / "zoektest.md").write_text(f"# {HEADING}\n\n{TWICE}\n", encoding="utf-8")
    out = project / "site"
    env = {**os.environ, "KS_OFFLINE": "true", "KS_PDF": "false", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


def test_crafted_text_adds_no_attribute_or_element_anywhere(crafted: Path):
    pages = sorted(crafted.rglob("*.html"))
    assert len(pages) > 60
    injected, refresh = [], []
    for path in pages:
        html = soup(path)
        injected += [str(path) for _ in html.select("[data-ks-injected]")]
        refresh += [str(path) for m in html.select("meta[http-equiv]") if m["http-equiv"] != "Content-Security-Policy"]
    # The only refresh is on the redirect pages of old step addresses (by id, from the data).
    style = UrlStyle(directory_urls=False)
    moved = {str(crafted / style.page(old)) for old in redirects(load_site(crafted.parent / "data"))}
    assert injected == [] and set(refresh) == moved and len(refresh) == len(moved)


def test_step_summary_is_the_meta_description_as_text(crafted: Path):
    step = yaml.safe_load((ROOT / "data" / "steps.yaml").read_text(encoding="utf-8"))["steps"][0]
    html = soup(crafted / "stappen" / f"{step['id']}.html")
    descriptions = [m["content"] for m in html.select('meta[name="description"]')]
    assert descriptions == [f"{' '.join(step['summary'].split())} {PAYLOAD}"]
    assert PAYLOAD in html.title.get_text()


def index(crafted: Path) -> dict:
    text = (crafted / "search" / "search_index.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("var __index = ").rstrip().rstrip(";"))


def test_search_index_holds_crafted_titles_as_escaped_text(crafted: Path):
    docs = index(crafted)["docs"]
    heading = next(d for d in docs if "zoekwoord" in d["title"])
    assert heading["title"] == 'Veilig &lt;img src=x onerror="window.__ksPwned=1"&gt; zoekwoord'
    for doc in docs:
        for field in ("title", "text"):
            assert "<" not in doc[field], (doc["location"], doc[field])


@pytest.mark.browser
def test_crafted_titles_are_text_in_search_results_from_file(browser, crafted: Path):
    page = browser.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto((crafted / "stappen" / "index.html").as_uri())
    groups = search(page, "zoekwoord")
    assert groups and any("zoektest.html" in link for group in groups for link in group)
    shown = page.locator(".md-search-result__item").first.inner_text()
    assert "<img src=x onerror=" in shown and "&lt;img" in shown  # the reader sees the characters, not an image
    assert page.locator(".md-search-result img").count() == 0
    assert page.evaluate("window.__ksPwned") is None
    page.close()


@pytest.mark.browser
def test_a_script_that_reaches_an_offline_page_cannot_run(browser, crafted: Path):
    """Even markup that got through would not run: the offline edition has its policy too."""
    page = browser.new_page()
    violations: list[str] = []
    page.expose_function("__ksViolation", lambda v: violations.append(v))
    page.add_init_script("addEventListener('securitypolicyviolation', e => __ksViolation(e.violatedDirective))")
    page.goto((crafted / "index.html").as_uri())
    page.evaluate("""() => {
        const box = document.createElement('div');
        box.innerHTML = '<img src="data:," onerror="window.__ksPwned=1">';
        document.body.append(box);
        const s = document.createElement('script');
        s.textContent = 'window.__ksPwned = 2';
        document.body.append(s);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ksPwned") is None
    assert violations and set(violations) <= {"script-src-attr", "script-src-elem"}
    page.close()
