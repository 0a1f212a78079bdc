"""Content rules a reader relies on: one form of address ('u'), the 14 actions under their
official names, primary sources over https, and corrections that must not come back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.loader import load_site
from macros.pages import is_redirect
from macros.plain_language import block_text

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT / "data")
#: Familiar forms of address; the site says 'u'.
FAMILIAR = re.compile(r"\b(je|jou|jouw|jij|jezelf)\b", re.IGNORECASE)
#: Hosts that copy documents of others, and words that make a title say nothing.
DOCUMENT_DUMPS = ("fdocuments.", "5dok.", "docplayer.", "vdocuments.", "adoc.pub", "slideum.")


def seed_actions() -> dict[int, str]:
    """The 14 actions as the VNG presentation names them (shared/seeds beside the project)."""
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        seeds = sorted((shared / "seeds").glob("000_*.txt"))
        if seeds:
            text = seeds[0].read_text(encoding="utf-8")
            table = text[text.index("Acties") : text.index("Werkwijze duurzame borging")]
            return {int(n): name.strip() for n, name in re.findall(r"(?:^|\t)(\d{1,2})\. ([^\t\n]+)", table, re.M)}
    pytest.fail("shared/seeds/000_*.txt niet gevonden naast het project")


def page_text(path: Path) -> str:
    """What a reader reads on a page, without the titles of cited sources (quoted as published)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup.body
    for node in article.select(".ks-sources, script, style"):
        node.decompose()
    return block_text(article)


def test_the_site_says_u_not_je(site_dir: Path):
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        if is_redirect(path):
            continue
        text = page_text(path)
        hits = [text[max(0, m.start() - 40) : m.end() + 20] for m in FAMILIAR.finditer(text)]
        if hits:
            found[str(path.relative_to(site_dir))] = hits
    assert found == {}


def test_the_data_says_u_and_speaks_of_itself_without_we():
    texts = []
    files = ("steps", "actions", "focus_areas", "partners", "faq", "glossary", "borging", "interventions", "sources")
    for name in files:
        texts += [(name, value) for value in _strings(yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text()))]
    texts = [(name, t) for name, t in texts if not t.startswith("https://")]  # an address is no text
    wrong = [(name, t) for name, t in texts if FAMILIAR.search(t) or re.search(r"\b(we|wij|ons|onze)\b", t, re.I)]
    assert wrong == []


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_the_14_actions_keep_their_official_names():
    official = seed_actions()
    assert len(official) == 14
    assert {a.number: a.title for a in SITE.actions} == official


def test_the_actions_are_grouped_in_focus_areas_not_action_lines(page):
    overview = page("acties/")
    headings = [block_text(h) for h in overview.select("article h2")]
    assert [h.split(":")[0] for h in headings if h.startswith("Focusgebied")] == ["Focusgebied A", "Focusgebied B"]
    assert not any(h.startswith("Actielijn") for h in headings)


def test_actielijn_is_only_the_programmes_line_never_a_focus_area(site_dir: Path):
    """'Actielijn' names the programme's lines (before, during, after pregnancy); the columns A and B
    of the 14 actions are focus areas, on every page, in the search index and in open data."""
    for path in (site_dir / "acties").rglob("index.html"):
        assert "actielijn" not in page_text(path).lower(), path
    index = site_dir / "search" / "search_index.json"
    for path in [*site_dir.rglob("*.html"), index, *site_dir.glob("open-data/*.json")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"actielijn(en)?\s+(A|B|[AB] en [AB])\b", text, re.I), path
    data = [*_strings(yaml.safe_load((ROOT / "data" / "focus_areas.yaml").read_text(encoding="utf-8")))]
    data += [*_strings(yaml.safe_load((ROOT / "data" / "actions.yaml").read_text(encoding="utf-8")))]
    assert not [t for t in data if "actielijn" in t.lower()]


def test_sources_are_primary_and_over_https():
    for source in SITE.sources:
        if source.url is None:
            continue
        url = str(source.url)
        assert url.startswith("https://"), source.id
        assert not any(host in url for host in DOCUMENT_DUMPS), source.id
        assert "secundaire bron" not in source.title and "Nieuwsbericht" not in source.title, source.id
    assert SITE.get("sources", "handreiking-ketenaanpak").title == "Handreiking Ketenaanpak Kansrijke Start"


def test_home_and_step_pages_say_where_their_text_comes_from(page):
    home = page_text_of(page(""))
    assert "indeling van de Handreiking Ketenaanpak Kansrijke Start" in home
    assert "niet de tekst van de handreiking" in home
    for step in SITE.steps:
        from macros.urls import step_url

        origin = page(step_url(step)).select_one(".ks-step__origin")
        assert origin is not None and f"paragraaf {step.number}" in block_text(origin), step.id
        assert "niet die van de handreiking" in block_text(origin)


def page_text_of(soup) -> str:
    return block_text(soup.select_one("article"))


@pytest.mark.parametrize(
    "wrong",
    [
        r"Pharos begint eerder",  # RIVM's 12 months before birth start before Pharos' month before conception
        r"Sinds oktober 2025 mag",  # the 2025 standpoint clarified; it gave no new permission
        r"[Zz]orgverzekeraars? (duidt|duiden|bepalen? (dan )?wat verzekerde zorg)",  # duiding is Zorginstituut's
        r"het informeel netwerk",
        r"begeleidt soms mee",
    ],
)
def test_corrected_statements_do_not_return(site_dir: Path, wrong: str):
    hits = [
        str(p.relative_to(site_dir))
        for p in site_dir.rglob("index.html")
        if not is_redirect(p) and re.search(wrong, page_text(p))
    ]
    assert hits == []


def test_checklists_cover_insurers_data_sharing_and_vsv_choice():
    first, agreements, regional_signals = (SITE.step(i) for i in ("lokale-coalitie-vormen", "lokale-afspraken-maken",
                                                                   "regionaal-vroegsignalering"))  # fmt: skip
    assert any("zorgverzekeraar" in item.text for item in first.checklist)
    avg = [item for item in agreements.checklist if "AVG" in item.text]
    assert avg and avg[0].basis == "bron" and "ap-sociaal-domein" in avg[0].sources
    assert any("VSV's zelf" in item.text for item in regional_signals.checklist)
