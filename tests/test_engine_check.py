"""The engine check (make engine-check): its comparison of two built sites, its command line,
and the pre-build that feeds an engine without our hooks. The real engine runs are not tests:
they install Zensical and ProperDocs and take minutes (see docs/ontwikkelaars/index.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from bench.engine_check import Run, compare, page_facts, report
from macros.pages import is_redirect
from macros.prebuild import split_front_matter, write_docs

from .conftest import ROOT

CSP = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'


def page(body: str, csp: bool = True) -> str:
    return (f'<html><head><meta charset="utf-8">{CSP if csp else ""}</head><body><nav>menu</nav>'
            f'<article class="md-content__inner">{body}</article></body></html>')  # fmt: skip


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def search_index(terms: bool) -> str:
    docs = [{"location": "", "title": "Home", "text": "x", **({"terms": "thuis"} if terms else {})}] * 3
    return json.dumps({"config": {}, "docs": docs})


def test_compare_reports_same_differing_missing_and_extra_pages(tmp_path: Path) -> None:
    home = page('<h1>Home¶</h1><p>De <abbr title="Jeugdgezondheidszorg">JGZ</abbr>, de gemeente.</p>'
                '<div class="ks-card">kaart</div>')  # fmt: skip
    reference = write(tmp_path / "ref", {
        "index.html": home,
        "a/index.html": page("<p>Over de aanpak.</p>"),
        "stappen/x/index.html": page('<ul class="ks-checklist"><li>punt</li></ul>'),
        "assets/javascripts/x.html": "<p>not a page</p>",
        "pdf/alle.pdf": b"%PDF-1 ref",
        "open-data/steps.json": '{"steps": []}',
        "open-data/index.html": page("<p>Open data</p>"),
        "search/search_index.json": search_index(terms=True),
        "assets/css/ks.css": "a{}",
    })  # fmt: skip
    candidate = write(tmp_path / "cand", {
        "index.html": home.replace("<head>", '<head><meta name="generator" content="other-engine-2">'),
        "a/index.html": page("<p>Over de aanpak, anders.</p>", csp=False),
        "b/index.html": page("<p>Nieuw</p>"),
        "pdf/alle.pdf": b"%PDF-1 other",
        "open-data/steps.json": '{"steps": []}',
        "open-data/index.html": page("<p>Open data</p>"),
        "search.json": json.dumps({"config": {}, "items": [{"location": "", "title": "Home", "text": "x"}]}),
    })  # fmt: skip

    result = compare(reference, candidate, {"stappen/x/": "stap"})

    rows = {r.page: r for r in result.pages}
    assert rows[""].status == "same" and rows[""].similarity == 1.0
    assert rows["a/"].status == "differs" and 0.5 < rows["a/"].similarity < 1.0
    assert rows["a/"].notes == ["geen CSP"]
    assert rows["stappen/x/"].status == "missing" and rows["stappen/x/"].kind == "stap"
    assert rows["b/"].status == "extra"
    assert "assets/javascripts/x.html" not in rows
    checks = {c.name: (c.matched, c.total) for c in result.checks}
    assert checks["pagina's: HTML gelijk (op generator na)"] == (2, 4)  # home and the open data page
    assert checks["pagina's: tekst gelijk"] == (2, 4)
    assert checks["gegenereerd: stap"] == (0, 1)
    assert checks["CSP-meta"] == (2, 4)  # a missing page has none either
    assert checks["checklist-PDF's: aanwezig"] == (1, 1)
    assert checks["checklist-PDF's: bytes gelijk"] == (0, 1)
    assert checks["open data: aanwezig"] == (1, 1)  # the open data page is a page, not a data file
    assert checks["open data: bytes gelijk"] == (1, 1)
    assert checks["zoekindex: items"] == (1, 3)
    assert checks["zoekindex: items met termen"] == (0, 3)
    assert checks["CSS/JS-bundels"] == (0, 1)


def test_page_facts_see_tooltips_components_csp_and_unrendered_macros() -> None:
    with_tooltip = page('<p>De <a class="ks-abbr"><abbr title="x">JGZ</abbr></a>, <span class="ks-badge">b</span></p>')
    without = page('<p>De JGZ, {{ step_page("x") }}</p>', csp=False)
    facts, plain = page_facts(with_tooltip), page_facts(without)
    assert (facts.abbr, facts.components, facts.csp, facts.jinja) == (1, 1, True, False)
    assert facts.text == "De JGZ, b"  # the tooltip's tag adds no space before the comma; the nav is left out
    assert (plain.abbr, plain.components, plain.csp, plain.jinja) == (0, 0, False, True)


def test_compare_notes_tooltips_and_macros_lost(tmp_path: Path) -> None:
    reference = write(tmp_path / "ref", {"index.html": page('<p><abbr title="x">JGZ</abbr> <b class="ks-x">k</b></p>')})
    candidate = write(tmp_path / "cand", {"index.html": page("<p>JGZ {{ roadmap() }}</p>")})
    (row,) = compare(reference, candidate).pages
    assert row.status == "differs"
    assert row.notes == ["abbr 1→0", "ks- 1→0", "macro's niet uitgevoerd"]


def test_a_failed_engine_counts_every_page_missing(tmp_path: Path) -> None:
    reference = write(tmp_path / "ref", {"index.html": page("<p>x</p>"), "a/index.html": page("<p>y</p>")})
    result = compare(reference, tmp_path / "never-built")
    assert [r.status for r in result.pages] == ["missing", "missing"]
    text = report([Run("mkdocs", True, 1.0), Run("zensical", False, 0.5, error="AttributeError: no")],
                  {"zensical": result})  # fmt: skip
    assert re.search(r"zensical\s.*NEE.*AttributeError: no", text)
    assert re.search(r"^a/\s+page\s+ontbreekt$", text, re.M)
    assert "zensical: 0 gelijk, 0 anders, 2 ontbreken, 0 extra" in text


def test_makefile_has_the_engine_check_target() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\.PHONY:.*\bengine-check\b", makefile, re.M)
    recipe = re.search(r"^engine-check:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "python -m bench.engine_check" in recipe.group(1)


def test_engine_check_help_and_unknown_engine() -> None:
    run = [sys.executable, "-m", "bench.engine_check"]
    done = subprocess.run([*run, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "--only" in done.stdout and "zensical+prebuild" in done.stdout
    wrong = subprocess.run([*run, "--only", "hugo"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "onbekende engine: hugo" in wrong.stderr


def test_prebuild_writes_rendered_docs_generated_pages_and_open_data(tmp_path: Path) -> None:
    nav = write_docs(ROOT, tmp_path / "docs", pdf=False)
    pages = {p.relative_to(tmp_path / "docs").as_posix(): p.read_text(encoding="utf-8")
             for p in (tmp_path / "docs").rglob("*.md")}  # fmt: skip
    assert not [name for name, text in pages.items() if "{{" in text or "{%" in text]
    step, checklist = "stappen/lokale-coalitie-vormen.md", "stappen/lokale-coalitie-vormen/checklist.md"
    assert 'data-ks-checklist="lokale-coalitie-vormen"' in pages[step]
    assert "Bronnen" in pages[step]  # the footer the page events add
    meta, _ = split_front_matter(pages[checklist])
    assert meta["search"] == {"exclude": True} and meta["title"].startswith("Checklist stap")
    assert meta["data_file"] == "data/steps.yaml"  # "Fout gezien?" sends the editor to the data, as in the site
    assert (tmp_path / "docs" / "open-data" / "checklists.csv").is_file()
    assert not (tmp_path / "docs" / "pdf").exists()
    old = tmp_path / "docs" / "stappen" / "lokaal-vroegsignalering" / "index.html"  # the address before slugs
    assert is_redirect(old) and "../lokale-vroegsignalering/" in old.read_text(encoding="utf-8")
    assert step in yaml.safe_dump(nav)
