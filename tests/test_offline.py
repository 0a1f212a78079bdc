"""The offline edition: a zip of the site that works from file:// with no server and no network."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from .conftest import ROOT, search, soup

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """Built like `make offline`, zipped, and unzipped elsewhere."""
    work = tmp_path_factory.mktemp("offline")
    env = {**os.environ, "KS_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KS_PDF", None)
    out = work / "kansrijke-start-offline"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr
    subprocess.run([sys.executable, "-m", "zipfile", "-c", "site.zip", out.name], cwd=work, check=True)
    unpacked = work / "unpacked"
    with zipfile.ZipFile(work / "site.zip") as archive:
        archive.extractall(unpacked)
    return unpacked / "kansrijke-start-offline"


@pytest.fixture
def offline_page(browser, edition):
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else
               (outside.append(r.request.url), r.abort()))  # fmt: skip
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert outside == [] and errors == []


def test_every_link_points_to_a_file_in_the_edition(edition: Path):
    broken = []
    for path in edition.rglob("*.html"):
        for a in soup(path).select("a[href]"):
            target = urlparse(urljoin(path.as_uri(), a["href"]))
            if target.scheme == "file" and not Path(unquote(target.path)).is_file():
                broken.append((str(path.relative_to(edition)), a["href"]))
    assert broken == []
    assert (edition / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert "unpkg" not in (edition / "index.html").read_text(encoding="utf-8")
    assert (edition / "pdf" / "alle-checklists.pdf").is_file() and not (edition / "404.html").exists()


def test_navigation_search_roadmap_and_progress_work_from_file(offline_page, edition: Path):
    page = offline_page
    page.goto((edition / "index.html").as_uri())
    page.locator("article a[href='stappen/index.html']").first.click()
    assert page.url.endswith("/stappen/index.html")
    links = [link for group in search(page, "kartrekker") for link in group]
    assert any("stappen/lokale-coalitie-vormen.html#kartrekker-aangewezen" in link for link in links), links
    links = [link for group in search(page, "wie is de kartreker") for link in group]  # our worker runs here too
    assert any("stappen/lokale-coalitie-vormen.html#kartrekker-aangewezen" in link for link in links), links

    page.goto((edition / "routekaart.html").as_uri())
    button = page.get_by_role("button", name="Stap 2.1.1 Vormen van een lokale coalitie")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    page.locator('[data-ks-item="kartrekker-aangewezen"] input[value="klaar"]').check()
    page.reload()
    assert page.locator('[data-ks-item="kartrekker-aangewezen"] input[value="klaar"]').is_checked()
    assert page.locator('[data-ks-step-count="lokale-coalitie-vormen"]').inner_text().startswith("1 van")
