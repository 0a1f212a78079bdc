"""The example guidance in examples/ builds strictly with the same engine, and nothing of
Kansrijke Start reaches its pages: everything about a guidance comes from its data and config.

One build per session, PDFs included: they carry the guidance's title too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.loader import load_site
from macros.urls import action_url, checklist_url, pdf_url, step_url

from .conftest import ROOT, built_page, mkdocs_build

EXAMPLE = ROOT / "examples"
SITE = load_site(EXAMPLE / "data")
#: What must never show in the example's output: the name of the real guidance and of its makers.
KS = re.compile(r"kansrijke\s+start|vervolgaanpak|\bpharos\b|\bVWS\b", re.IGNORECASE)


@pytest.fixture(scope="session")
def example_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ built once with --strict, from another working directory, with its checklist PDFs."""
    out = tmp_path_factory.mktemp("example") / "site"
    result = mkdocs_build(EXAMPLE, out, env={"KS_PDF": "true", "KS_PREVIEW": "false"})
    assert result.returncode == 0, result.stderr
    return out


def test_the_example_is_small_and_uses_the_engine_not_a_copy():
    assert (len(SITE.steps), len(SITE.actions), len(SITE.funding_sources)) == (3, 2, 1)
    copied = [p for p in EXAMPLE.rglob("*") if p.suffix in (".py", ".html", ".css", ".js")]
    assert copied == [], "the example uses the engine's macros and overrides, it does not copy them"
    # Only the collections it needs: the others are optional and absent.
    assert sorted(p.stem for p in (EXAMPLE / "data").glob("*.yaml")) == sorted(SITE.data_files)
    assert len(SITE.data_files) < 8


def test_its_three_steps_each_have_a_page_a_checklist_and_a_pdf(example_dir: Path):
    cards = built_page(example_dir, "stappen").select(".ks-card__title a")
    assert [a.get_text(" ", strip=True) for a in cards] == [f"{s.number} {s.title}" for s in SITE.steps]
    assert len(cards) == 3
    for step in SITE.steps:
        html = built_page(example_dir, step_url(step))
        assert html.h1.get_text(" ", strip=True) == f"{step.number} {step.title}"
        items = html.select("li.ks-checklist__item, [data-ks-item]")
        assert {i["data-ks-item"] for i in items if i.has_attr("data-ks-item")} == {c.id for c in step.checklist}
        meta = html.select_one(".ks-step__meta").get_text()
        assert SITE.level(step.level).label in meta and f"paragraaf {step.number}" in meta
        assert built_page(example_dir, checklist_url(step)).select_one(".ks-sheet__title").get_text(strip=True) == (
            f"Stap {step.number}: {step.title}"
        )
        assert (example_dir / pdf_url(step.id)).stat().st_size > 1000


def test_the_levels_come_from_its_data(example_dir: Path):
    nav = built_page(example_dir, "stappen").select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "In de buurt" in nav and "In de stad" in nav
    assert "Lokaal" not in nav and "Regionaal" not in nav


def test_the_roadmap_has_a_lane_per_level(example_dir: Path):
    lanes = built_page(example_dir, "routekaart").select("section.ks-lane")
    assert [lane.h2.get_text(strip=True) for lane in lanes] == [level.label for level in SITE.levels]
    for lane, level in zip(lanes, SITE.levels, strict=True):
        steps = [li["data-ks-step"] for li in lane.select("li.ks-roadmap__step")]
        assert steps == [s.id for s in SITE.steps_at(level.id)]
    # The first step of each lane has the other lane's first step beside it, named as that level says.
    beside = lanes[0].select_one("li.ks-roadmap__step dl").get_text(" ", strip=True)
    assert f"{SITE.levels[1].beside} Stap {SITE.steps_at(SITE.levels[1].id)[0].number}" in beside


def test_its_two_actions_and_its_funding_source(example_dir: Path):
    overview = built_page(example_dir, "acties")
    titles = [a.get_text(strip=True) for a in overview.select(".ks-card__title a")]
    assert titles == [f"Actie {a.number}: {a.title}" for a in SITE.actions] and len(titles) == 2
    for action in SITE.actions:
        assert (
            built_page(example_dir, action_url(action.id)).h1.get_text(" ", strip=True)
            == f"{action.number}. {action.title}"
        )
    (source,) = SITE.funding_sources
    funding = built_page(example_dir, "financiering")
    heading = funding.find(id=source.id)
    assert heading is not None and source.title in heading.get_text()
    assert [li.get_text(strip=True) for li in heading.find_next("ul").select("li")] == list(source.purposes)


def test_it_says_it_is_made_up(example_dir: Path):
    home = built_page(example_dir, "")
    assert "verzonnen" in home.select_one(".admonition").get_text()
    footer = home.select_one(".ks-colophon").get_text(" ", strip=True)
    assert "Voorbeeldhandreiking Gezonde Buurt" in footer and "verzonnen" in footer
    step = built_page(example_dir, step_url(SITE.steps[0])).select_one(".ks-step__origin").get_text()
    assert "Voorbeeldhandreiking Gezonde Buurt (een verzonnen werkgroep, voorbeeld 1)" in step


def test_open_data_has_only_its_own_collections(example_dir: Path):
    published = sorted(p.stem for p in (example_dir / "open-data").glob("*.json"))
    assert published == sorted(SITE.data_files)
    schemas = sorted(p.name.removesuffix(".schema.json") for p in (example_dir / "open-data" / "schema").iterdir())
    assert schemas == published


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join([*(str(v) for v in (reader.metadata or {}).values()), *(p.extract_text() for p in reader.pages)])


def test_nothing_of_kansrijke_start_in_its_output(example_dir: Path):
    """Every text file the build wrote, and its PDFs read as text: no name of the real guidance or
    of its makers, so nothing about Kansrijke Start comes from the engine's Python or templates."""
    checked, found = 0, []
    for path in sorted(p for p in example_dir.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            text = pdf_text(path)
        elif path.suffix in (".html", ".js", ".css", ".json", ".xml", ".csv", ".ics", ".atom", ".txt", ".svg"):
            text = path.read_text(encoding="utf-8")
        else:
            continue
        checked += 1
        found += [f"{path.relative_to(example_dir)}: {m.group()}" for m in KS.finditer(text)]
    assert checked > 30
    assert found == []
    assert "Voorbeeldhandreiking Gezonde Buurt" in pdf_text(example_dir / pdf_url())
