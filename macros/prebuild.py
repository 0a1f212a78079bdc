"""Pre-build for another engine: the docs as plain Markdown, made from the data without a MkDocs build.

An engine that cannot run our plugin or mkdocs-macros' page events (Zensical) gets a docs
folder in which every macro is already rendered, with the footer each page gets; the pages made
from data (step, checklist, action) as files with their front matter; open data, the checklist
PDFs and the redirect pages at old step addresses as static files; and the nav that lists the
generated pages. It hosts the site's own page build (`macros.build`, which the plugin runs too),
so nothing is rendered twice or differently.

    python -m macros.prebuild OUT            # OUT/docs/ and OUT/nav.json, from this project
    python -m macros.prebuild OUT --no-pdf   # without the checklist PDFs

What it cannot give another engine is what happens after a page is HTML: glossary tooltips,
the CSP, the search enrichment and the CSS/JS bundles (see docs/ontwikkelaars/index.md).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import yaml

from .build import PageBuild, edition_for
from .csp import with_policy
from .loader import load_site
from .open_data import write_open_data
from .pages import generated_pages, nav_with_generated, write_redirects
from .pdf import write_pdfs
from .urls import DIRECTORY_URLS, docs_url

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)


def project_config(root: Path) -> SimpleNamespace:
    """The mkdocs.yml settings the macros read, without MkDocs' config machinery."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV: not read by the macros
    raw = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 - SafeLoader subclass
    return SimpleNamespace(
        config_file_path=str(root / "mkdocs.yml"),
        docs_dir=str(root / raw.get("docs_dir", "docs")),
        use_directory_urls=raw.get("use_directory_urls", True),
        site_name=raw.get("site_name", ""),
        site_url=raw.get("site_url", ""),
        repo_url=raw.get("repo_url"),
        extra=raw.get("extra") or {},
        nav=raw.get("nav") or [],
        macros=next((p["macros"] for p in raw.get("plugins", []) if isinstance(p, dict) and "macros" in p), {}),
    )


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Front matter (as MkDocs reads it: YAML between '---' lines at the top) and the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end() :]


def join_front_matter(meta: dict[str, Any], body: str) -> str:
    """The page file again: front matter (if any) and body."""
    if not meta:
        return body
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def write_docs(root: Path, target: Path, pdf: bool = True) -> list[Any]:
    """Write the pre-rendered docs folder to `target`; returns the nav with the generated pages."""
    conf = project_config(root)
    if not conf.use_directory_urls:
        raise ValueError("de pre-build maakt alleen sites met use_directory_urls: true")
    site = load_site(root / "data")
    build = PageBuild(root, site, edition_for(conf))
    options = conf.macros
    jinja = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        comment_start_string=options.get("j2_comment_start_string", "{#"),
        comment_end_string=options.get("j2_comment_end_string", "#}"),
        autoescape=False,
        keep_trailing_newline=True,
    )
    jinja.globals.update(preview=False, **build.macros())

    docs = Path(conf.docs_dir)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs, target, ignore=shutil.ignore_patterns("*.md"))
    sources = {str(p.relative_to(docs).as_posix()): split_front_matter(p.read_text(encoding="utf-8"))
               for p in sorted(docs.rglob("*.md"))}  # fmt: skip
    generated = generated_pages(site)
    for src_uri, page in generated.items():
        sources[src_uri] = (page.meta(), page.markdown)

    for src_uri, (meta, body) in sources.items():
        page = SimpleNamespace(
            url=docs_url(src_uri), meta=dict(meta), file=SimpleNamespace(src_uri=src_uri), title=meta.get("title")
        )  # what the docs may read of their page
        build.start_page(page.url)
        markdown = jinja.from_string(body).render(page=page, config=conf)
        markdown += build.footer(src_uri, meta)
        out = target / src_uri
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(join_front_matter(meta, markdown), encoding="utf-8")
    build.close()

    write_open_data(site, target)
    write_redirects(site, target, DIRECTORY_URLS, with_policy)  # static pages: copied as they are
    if pdf:
        write_pdfs(site, target, build.edition)
    return nav_with_generated(conf.nav, site, generated)


def main(argv: list[str] | None = None) -> int:
    """Command line: write OUT/docs and OUT/nav.json."""
    parser = argparse.ArgumentParser(prog="python -m macros.prebuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="map voor docs/ en nav.json")
    parser.add_argument("--root", type=Path, default=Path("."), help="het project (met mkdocs.yml en data/)")
    parser.add_argument("--no-pdf", action="store_true", help="zonder checklist-PDF's")
    args = parser.parse_args(argv)
    nav = write_docs(args.root.resolve(), args.out / "docs", pdf=not args.no_pdf)
    (args.out / "nav.json").write_text(json.dumps(nav, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Klaar: {args.out / 'docs'} en {args.out / 'nav.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
