"""Printable checklists: a page per step, a PDF per step and one with all steps."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from macros.loader import load_site
from macros.plain_language import block_text
from macros.urls import checklist_url, pdf_url, step_url

from .conftest import ROOT, axe_violations

SITE = load_site(ROOT / "data")
FIRST = SITE.steps[0]


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("step", SITE.steps, ids=lambda s: s.id)
def test_every_step_has_a_pdf_with_all_its_items(site_dir: Path, step):
    reader = PdfReader(site_dir / pdf_url(step.id))
    text = pdf_text(reader)
    assert f"Stap {step.number}: {step.title}" in text
    for item in step.checklist:
        assert " ".join(item.text.split()) in text, item.id
    for column in ("Klaar", "Checklistpunt", "Wie", "Wanneer", "Opmerking"):
        assert column in text
    assert "versie december 2023" in text
    assert f"/{step_url(step)}" in text
    assert 1 <= len(reader.pages) <= 2
    assert reader.metadata.title == f"Checklist stap {step.number}: {step.title}"


def test_bundle_has_one_section_per_step_each_on_a_new_page(site_dir: Path):
    reader = PdfReader(site_dir / pdf_url())
    outline = [(entry.title, reader.get_destination_page_number(entry)) for entry in reader.outline]
    assert [title for title, _ in outline] == [f"Stap {s.number}: {s.title}" for s in SITE.steps]
    pages = [page for _, page in outline]
    assert pages == sorted(set(pages)), "each step starts on a page of its own"
    for title, page in outline:
        assert title in " ".join(reader.pages[page].extract_text().split())


def test_bundle_has_a_cover_a_contents_list_with_the_right_pages_and_page_numbers(site_dir: Path):
    reader = PdfReader(site_dir / pdf_url())
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    total = len(reader.pages)
    assert texts[0].startswith("Handreiking Ketenaanpak Kansrijke Start · versie december 2023 Alle checklists")
    assert "Pagina" not in texts[0], "the cover has no page number"
    assert texts[1].startswith("Inhoud") and texts[1].endswith(f"Pagina 2 van {total}")
    outline = {entry.title: reader.get_destination_page_number(entry) for entry in reader.outline}
    for step in SITE.steps:
        title = f"Stap {step.number}: {step.title}"
        listed = re.search(re.escape(title) + r" [. ]*(\d+)", texts[1])
        assert listed, title
        assert int(listed.group(1)) == outline[title] + 1, f"{title}: the contents list the page it starts on"
    for number, text in enumerate(texts[2:], start=3):
        assert text.endswith(f"Pagina {number} van {total}")
    step_pdf = PdfReader(site_dir / pdf_url(FIRST.id))
    assert "Pagina" not in pdf_text(step_pdf), "a step's own PDF carries no page numbers of the bundle"
    assert "Inhoud" not in pdf_text(step_pdf) and "Alle checklists" not in pdf_text(step_pdf)


def test_step_page_links_to_checklist_and_pdf(page):
    html = page(step_url(FIRST))
    assert html.select_one('a[href="checklist/"]') is not None
    assert html.select_one(f'a[href="../../{pdf_url(FIRST.id)}"]') is not None


def test_checklist_page_has_table_footer_and_qr(page):
    html = page(checklist_url(FIRST))
    assert html.select_one("title").get_text().startswith(f"Checklist stap {FIRST.number}: {FIRST.title}")
    table = html.select_one("table.ks-checklist-table")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Klaar",
        "Checklistpunt",
        "Wie",
        "Wanneer",
        "Opmerking",
    ]
    rows = table.select("tbody tr")
    assert len(rows) == len(FIRST.checklist)
    for row, item in zip(rows, FIRST.checklist, strict=True):
        assert row["data-ks-item"] == item.id and row.select_one(".ks-checklist-table__box") is not None
        assert block_text(row.select_one(".ks-checklist__text")) == item.text
        assert [td["data-ks-field"] for td in row.select("td[data-ks-field]")] == ["owner", "due", "note"]
    footer = " ".join(html.select_one(".ks-sheet-footer").get_text(" ").split())
    assert "versie december 2023" in footer and re.search(r"gemaakt op \d+ \w+ \d{4}", footer)
    assert f"https://kansrijke-start.github.io/handreiking/{step_url(FIRST)}" in footer
    assert html.select_one(".ks-sheet-footer svg.ks-qr[aria-hidden=true]") is not None
    links = [block_text(a) for a in html.select(".ks-sheet__facts a")]
    assert links[: len(FIRST.actions)] == [f"Actie {a.number}: {a.title}" for a in SITE.actions_of(FIRST)]


def post_build(site_dir: Path) -> None:
    """The plugin's first and last events of a build, configured from mkdocs.yml and the environment."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    plugin = config.plugins["guidance"]
    config = plugin.on_config(config)
    for step in plugin.on_post_build.methods:  # the outputs, then the staged site put in place
        step(config)


def test_skip_switch_leaves_out_pdfs(tmp_path: Path, monkeypatch, caplog):
    monkeypatch.setenv("KS_PDF", "false")
    with caplog.at_level(logging.INFO):
        post_build(tmp_path)
    assert not (tmp_path / "pdf").exists()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], "a warning would fail --strict"
    monkeypatch.delenv("KS_PDF")
    post_build(tmp_path)
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == len(SITE.steps) + 1


@pytest.mark.browser
def test_qr_code_on_the_sheet_scans_to_the_step_page(browser_page, base_url):
    browser_page.goto(base_url + checklist_url(FIRST))
    shot = browser_page.locator(".ks-sheet-footer svg.ks-qr").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert [code.text for code in found] == [f"https://kansrijke-start.github.io/handreiking/{step_url(FIRST)}"]


@pytest.mark.browser
def test_printing_shows_no_navigation_and_the_progress_from_the_roadmap(browser_page, base_url):
    browser_page.goto(base_url + checklist_url(FIRST))
    first, second, third = (browser_page.locator(f'[data-ks-item="{item.id}"]') for item in FIRST.checklist[:3])
    first.get_by_role("radiogroup").get_by_role("radio", name="Klaar").check()
    assert browser_page.locator(f'[data-ks-step-count="{FIRST.id}"]').inner_text().startswith("1 van")
    browser_page.goto(base_url + "routekaart/")
    browser_page.get_by_role("button", name=f"Stap {FIRST.number} {FIRST.title}").click()
    browser_page.locator(f'[data-ks-item="{FIRST.checklist[1].id}"] input[value="klaar"]').check()
    browser_page.goto(base_url + checklist_url(FIRST))
    browser_page.emulate_media(media="print")
    hidden = (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".ks-sheet__links", ".ks-status")
    for selector in hidden:
        assert not browser_page.locator(selector).first.is_visible(), selector
    assert browser_page.locator("table.ks-checklist-table").is_visible()
    tick = "el => getComputedStyle(el, '::before').content"
    assert [row.locator(".ks-checklist-table__box").evaluate(tick) for row in (first, second, third)] == [
        '"✓"',
        '"✓"',
        "none",
    ]


@pytest.mark.browser
def test_checklist_page_has_no_axe_violations(browser_page, base_url):
    browser_page.goto(base_url + checklist_url(FIRST))
    assert axe_violations(browser_page) == []
