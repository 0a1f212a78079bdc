"""Builds of changed data through MkDocs: new records get pages, bad data stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, copy_project, mkdocs_build, soup

NEW_STEP = """
  - id: nieuwe-stap
    number: "2.1.8"
    level: lokaal
    title: "Nieuwe stap & *sterretjes* [haken] < 10 jaar"
    summary: Samenvatting van de nieuwe stap.
    description: Langer.
    checklist:
      - {id: nieuw-item, text: "Nieuw item met 'aanhalingstekens' & meer", basis: afgeleid}
    actions: [lokale-coalities]
    sources: [vng-presentatie]
"""


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory) -> Path:
    """The real data plus a new step with awkward (but allowed) characters, built like the real site."""
    project = copy_project(tmp_path_factory.mktemp("project"), ROOT / "data")
    steps = project / "data" / "steps.yaml"
    steps.write_text(steps.read_text(encoding="utf-8") + NEW_STEP, encoding="utf-8")
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_new_step_gets_page_nav_and_backlink(grown_site: Path):
    page = soup(grown_site / "stappen" / "nieuwe-stap" / "index.html")
    assert page.select_one("#nieuw-item") is not None
    nav = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
    assert "2.1.8 Nieuwe stap & *sterretjes* [haken] < 10 jaar" in nav
    action = soup(grown_site / "acties" / "lokale-coalities" / "index.html")
    assert action.select_one('article a[href="../../stappen/nieuwe-stap/"]') is not None
    overview = soup(grown_site / "stappen" / "index.html")
    assert overview.select_one('article a[href="nieuwe-stap/"]') is not None


def test_awkward_characters_are_shown_as_typed(grown_site: Path):
    page = soup(grown_site / "stappen" / "nieuwe-stap" / "index.html")
    assert page.select_one("h1").get_text() == "2.1.8 Nieuwe stap & *sterretjes* [haken] < 10 jaar"
    assert page.select_one("title").get_text().startswith("2.1.8 Nieuwe stap & *sterretjes* [haken] < 10 jaar")
    assert "Nieuw item met 'aanhalingstekens' & meer" in page.select_one("#nieuw-item").get_text()


@pytest.mark.parametrize(
    "text",
    ["Nieuwe stap <script>alert(1)</script>", "Nieuwe stap {{ 7 * 7 }}", "Nieuwe stap {% if true %}x{% endif %}"],
)
def test_html_and_template_code_are_refused_without_a_partial_site(tmp_path: Path, text: str):
    project = copy_project(tmp_path / "project", ROOT / "data")
    steps = project / "data" / "steps.yaml"
    steps.write_text(steps.read_text(encoding="utf-8") + NEW_STEP.replace(
        'title: "Nieuwe stap & *sterretjes* [haken] < 10 jaar"', f'title: "{text}"'), encoding="utf-8")  # fmt: skip
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 1
    assert "HTML of sjablooncode is niet toegestaan" in result.stderr and "schrijf gewone tekst" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_bad_data_stops_the_build_with_file_and_line(tmp_path: Path):
    project = copy_project(tmp_path / "project", ROOT / "data")
    faq = project / "data" / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    line = text[: text.index("steps: [lokale-coalitie-vormen")].count("\n") + 1
    faq.write_text(text.replace("steps: [lokale-coalitie-vormen", "steps: [lokale-coalitie-vorme", 1), encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 1
    assert (
        f"data/faq.yaml:{line}:13 faq[0].steps[0]: onbekende stap 'lokale-coalitie-vorme'; "
        "bedoelde je 'lokale-coalitie-vormen'?" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not out.exists(), "a failed build must not leave a partial site"
