"""Builds of changed data through MkDocs: new records get pages, bad data stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, copy_project, mkdocs_build, soup

NEW_ACTION = """
  - id: nieuwe-actie
    number: 15
    title: Nieuwe actie uit de scenariotest
    focus_area: lokale-en-regionale-afspraken
    description: Een actie die alleen in de YAML is toegevoegd.
    funding: [nieuwe-geldbron]
    sources: [vng-presentatie]
"""
NEW_FUNDING = """
  - id: nieuwe-geldbron
    funder: rijk
    title: Nieuwe geldbron uit de scenariotest
    summary: Een geldbron die alleen in de YAML is toegevoegd.
    description: Langer.
    amounts:
      - {year: 2027, eur: 1000000}
    sources: [vng-presentatie]
    checked: onbekend
"""
NEW_STEP = """
  - id: nieuwe-stap
    number: "2.1.8"
    level: lokaal
    title: "Nieuwe stap & *sterretjes* [haken] < 10 jaar"
    summary: Samenvatting van de nieuwe stap.
    description: Langer.
    checklist:
      - {id: nieuw-item, text: "Nieuw item met 'aanhalingstekens' & meer", basis: afgeleid}
    actions: [lokale-coalities, nieuwe-actie]
    funding: [nieuwe-geldbron]
    sources: [vng-presentatie]
"""


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory) -> Path:
    """The real data plus a new action, step (with awkward characters) and funding source, built like the
    real site: only YAML changes, no code."""
    project = copy_project(tmp_path_factory.mktemp("project"), ROOT / "data")
    for name, addition in (("steps", NEW_STEP), ("actions", NEW_ACTION), ("funding", NEW_FUNDING)):
        path = project / "data" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
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
        "bedoelde u 'lokale-coalitie-vormen'?" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not out.exists(), "a failed build must not leave a partial site"


def test_new_records_appear_everywhere_they_belong(grown_site: Path):
    import csv
    import json

    from pypdf import PdfReader

    actions = soup(grown_site / "acties" / "index.html")
    assert (
        actions.select_one('article a[href="nieuwe-actie/"]').get_text() == "Actie 15: Nieuwe actie uit de scenariotest"
    )
    action = soup(grown_site / "acties" / "nieuwe-actie" / "index.html")
    assert action.select_one("h1").get_text() == "15. Nieuwe actie uit de scenariotest"
    assert action.select_one('article a[href="../../financiering/#nieuwe-geldbron"]') is not None
    funding = soup(grown_site / "financiering" / "index.html")
    assert (
        funding.find(id="nieuwe-geldbron").get_text(" ", strip=True).startswith("Nieuwe geldbron uit de scenariotest")
    )
    step = soup(grown_site / "stappen" / "nieuwe-stap" / "index.html")
    assert step.select_one('article a[href="../../acties/nieuwe-actie/"]') is not None
    roadmap = soup(grown_site / "routekaart" / "index.html")
    assert roadmap.select_one('[data-ks-step="nieuwe-stap"] [data-ks-item="nieuw-item"]') is not None
    assert "nieuw-item" in json.loads(roadmap.select_one("#ks-progress-data").get_text())["steps"]["nieuwe-stap"]

    index = json.loads((grown_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {"stappen/nieuwe-stap/", "acties/nieuwe-actie/", "financiering/#nieuwe-geldbron"} <= locations

    pdf = " ".join(PdfReader(grown_site / "pdf" / "checklist-nieuwe-stap.pdf").pages[0].extract_text().split())
    assert "Nieuw item met 'aanhalingstekens' & meer" in pdf
    bundle = PdfReader(grown_site / "pdf" / "alle-checklists.pdf")
    assert any("Nieuwe stap" in entry.title for entry in bundle.outline)

    data = grown_site / "open-data"
    assert "nieuwe-actie" in {a["id"] for a in json.loads((data / "actions.json").read_text())["actions"]}
    assert "nieuwe-stap" in {s["id"] for s in json.loads((data / "steps.json").read_text())["steps"]}
    assert "nieuwe-geldbron" in {f["id"] for f in json.loads((data / "funding.json").read_text())["funding_sources"]}
    rows = list(csv.DictReader((data / "checklists.csv").open(encoding="utf-8")))
    assert {"step_id": "nieuwe-stap", "item_id": "nieuw-item"}.items() <= next(
        r for r in rows if r["item_id"] == "nieuw-item"
    ).items()
