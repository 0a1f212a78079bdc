"""Checklist PDFs, made at build time with WeasyPrint from a small print template of our own
(a Material page does not print well in WeasyPrint): one with all steps and one per step.

All checklists are laid out once; each step's PDF is a copy of its own pages of that layout.
The print HTML holds everything a PDF shows (data, template, CSS, edition), so its hash, with
the titles, WeasyPrint's version and the fonts, is the key under which the PDFs are cached.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from markupsafe import Markup

from .cache import digest
from .render import Edition, checklist_context
from .site import Site
from .templating import TEMPLATES, environment
from .urls import pdf_url

#: Where fontconfig finds fonts: a font added, removed or updated there changes the PDFs' key.
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
             Path.home() / ".fonts")  # fmt: skip


def bundle_title(edition: Edition) -> str:
    """The title of the PDF with every checklist, after the guidance it comes from."""
    return f"Alle checklists - {edition.title}"


def print_html(site: Site, steps: list, edition: Edition, title: str, bundle: bool = False) -> str:
    """The standalone A4 document for these steps, each starting on a new page; as a bundle with a
    cover, a contents list and page numbers."""
    return (
        environment()
        .get_template("checklist_print.html")
        .render(
            title=title,
            site=site,
            css=Markup((TEMPLATES / "checklist_print.css").read_text(encoding="utf-8")),  # ours, not editor text
            sheets=[checklist_context(site, step, edition) for step in steps],
            edition=edition,
            interactive=False,
            bundle=bundle,
        )
    )


@dataclass(frozen=True)
class PrintJob:
    """Everything the checklist PDFs are made from, as text: it can go to another process."""

    bundle_html: str  # cover, contents and all sheets
    sheets_html: str  # all sheets without cover: the layout the step PDFs are cut from
    files: tuple[tuple[str, str], ...]  # (path in the site, title): the bundle first, then each step's
    moment: str  # creation date in the PDFs' metadata
    author: str  # in the PDFs' metadata

    def key(self) -> str:
        """The hash of every input of the PDFs' bytes (each field, so also one added later), the
        renderer and its fonts included."""
        return digest(*map(repr, astuple(self)), version("weasyprint"), version("pydyf"), *installed_fonts())


def installed_fonts() -> list[str]:
    """Each font file fontconfig may pick, with its size and time: a font package update shows."""
    found = sorted(p for d in FONT_DIRS if d.is_dir() for p in d.rglob("*") if p.is_file())
    return [f"{p} {p.stat().st_size} {p.stat().st_mtime_ns}" for p in found]


def print_job(site: Site, edition: Edition) -> PrintJob:
    """The print HTML of the bundle and of the step sheets, with each PDF's place and title."""
    steps = list(site.steps)
    title = bundle_title(edition)
    files = [(pdf_url(), title)]
    files += [(pdf_url(step.id), f"Checklist stap {step.number}: {step.title}") for step in steps]
    return PrintJob(
        bundle_html=print_html(site, steps, edition, title, bundle=True),
        sheets_html=print_html(site, steps, edition, title),
        files=tuple(files),
        moment=datetime.fromisoformat(edition.build_date).strftime("%Y-%m-%dT00:00:00Z"),
        author=edition.title,
    )


def write_pdfs(site: Site, site_dir: Path, edition: Edition) -> list[Path]:
    """The bundle and every step's checklist PDF, under site_dir/pdf/."""
    return render_pdfs(print_job(site, edition), site_dir)


def render_pdfs(job: PrintJob, site_dir: Path) -> list[Path]:
    """Lay out a print job with WeasyPrint and write its PDFs under site_dir."""
    from weasyprint import HTML

    (bundle_path, bundle_title), *sheets = job.files
    written = [_write(HTML(string=job.bundle_html).render(), site_dir / bundle_path, bundle_title, job)]
    # The step PDFs are copies of a layout without cover and bundle page numbers.
    document = HTML(string=job.sheets_html).render()
    starts = [i for i, page in enumerate(document.pages) if page.bookmarks]  # each sheet's title is a bookmark
    if len(starts) != len(sheets):
        raise RuntimeError(f"expected {len(sheets)} checklists in the PDF layout, found {len(starts)}")
    for (path, title), first, end in zip(sheets, starts, [*starts[1:], len(document.pages)], strict=True):
        written.append(_write(document.copy(document.pages[first:end]), site_dir / path, title, job))
    return written


def _write(document, target: Path, title: str, job: PrintJob) -> Path:
    document.metadata.title = title
    document.metadata.authors = [job.author]
    document.metadata.created = document.metadata.modified = job.moment  # same bytes for the same build date
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target)
    return target
