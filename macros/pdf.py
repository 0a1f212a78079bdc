"""Checklist PDFs, made at build time with WeasyPrint from a small print template of our own
(a Material page does not print well in WeasyPrint): one with all steps and one per step.

All checklists are laid out once; each step's PDF is a copy of its own pages of that layout.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from .render import Edition, checklist_context
from .site import Site
from .templating import TEMPLATES, environment
from .urls import pdf_url

BUNDLE_TITLE = "Alle checklists - Handreiking Ketenaanpak Kansrijke Start"


def print_html(site: Site, steps: list, edition: Edition, title: str, bundle: bool = False) -> str:
    """The standalone A4 document for these steps, each starting on a new page; as a bundle with a
    cover, a contents list and page numbers."""
    return (
        environment()
        .get_template("checklist_print.html")
        .render(
            title=title,
            css=Markup((TEMPLATES / "checklist_print.css").read_text(encoding="utf-8")),  # ours, not editor text
            sheets=[checklist_context(site, step, edition) for step in steps],
            edition=edition,
            interactive=False,
            bundle=bundle,
        )
    )


def write_pdfs(site: Site, site_dir: Path, edition: Edition) -> list[Path]:
    """The bundle and every step's checklist PDF, under site_dir/pdf/."""
    from weasyprint import HTML

    bundle = HTML(string=print_html(site, list(site.steps), edition, BUNDLE_TITLE, bundle=True)).render()
    written = [_write(bundle, site_dir / pdf_url(), BUNDLE_TITLE, edition)]
    # The step PDFs are copies of a layout without cover and bundle page numbers.
    document = HTML(string=print_html(site, list(site.steps), edition, BUNDLE_TITLE)).render()
    starts = [i for i, page in enumerate(document.pages) if page.bookmarks]  # each sheet's title is a bookmark
    if len(starts) != len(site.steps):
        raise RuntimeError(f"expected {len(site.steps)} checklists in the PDF layout, found {len(starts)}")
    for step, first, end in zip(site.steps, starts, [*starts[1:], len(document.pages)], strict=True):
        part = document.copy(document.pages[first:end])
        title = f"Checklist stap {step.number}: {step.title}"
        written.append(_write(part, site_dir / pdf_url(step.id), title, edition))
    return written


def _write(document, target: Path, title: str, edition: Edition) -> Path:
    moment = datetime.fromisoformat(edition.build_date).strftime("%Y-%m-%dT00:00:00Z")
    document.metadata.title = title
    document.metadata.authors = ["Handreiking Ketenaanpak Kansrijke Start"]
    document.metadata.created = document.metadata.modified = moment  # same bytes for the same build date
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target)
    return target
