"""Where pages and files live on the site, and how a link to them is written.

Every link is written as a site URL in directory form ('stappen/a/#x'); `UrlStyle` turns it
into what this build writes (directory URLs, or .html files for the offline edition) and
`relative` into a link from the current page. The style is an argument, never a global.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Step


# Where generated pages live. One place, used by the page generator and every link.
def step_url(step: Step) -> str:
    """Site URL of a step's page: by its readable slug (pages.redirects keeps the old addresses by id working)."""
    return step_path(step.address)


def step_path(address: str) -> str:
    """Site URL of the step page at this address (a slug or, for old links, an id)."""
    return f"stappen/{address}/"


def action_url(action_id: str) -> str:
    """Site URL of an action's page."""
    return f"acties/{action_id}/"


def checklist_url(step: Step) -> str:
    """Site URL of a step's printable checklist."""
    return step_url(step) + "checklist/"


def pdf_url(step_id: str | None = None) -> str:
    """The PDF of one step's checklist, or of all checklists together."""
    return f"pdf/checklist-{step_id}.pdf" if step_id else "pdf/alle-checklists.pdf"


def docs_url(page: str) -> str:
    """Site URL of a docs/ page: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/', 'index.md' -> ''."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


@dataclass(frozen=True)
class UrlStyle:
    """How this build writes page URLs: 'a/b/' (directory URLs, the web site) or 'a/b.html'
    (the offline edition, opened from file://). Links are written in the first form and
    converted here, in one place."""

    directory_urls: bool = True
    index_pages: frozenset[str] = frozenset()  # pages whose source is an index.md, as 'a/'

    def page(self, url: str) -> str:
        """The URL as this build writes it; URLs of files (PDF, JSON) stay as they are."""
        path, hash_, fragment = url.partition("#")
        if self.directory_urls or not (path == "" or path.endswith("/")):
            return url
        if path == "":
            path = "index.html"
        elif path in self.index_pages:
            path += "index.html"
        else:
            path = path.rstrip("/") + ".html"
        return path + hash_ + fragment


#: The web site's style: directory URLs.
DIRECTORY_URLS = UrlStyle()


def relative(target: str, current: str, style: UrlStyle = DIRECTORY_URLS) -> str:
    """Link from the page at `current` (as built) to `target` (written as 'a/b/#x')."""
    path, hash_, fragment = style.page(target).partition("#")
    here = current if current == "" or current.endswith("/") else posixpath.dirname(current)
    link = posixpath.relpath(path.rstrip("/") or ".", here.rstrip("/") or ".")
    if path == "" or path.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link + hash_ + fragment
