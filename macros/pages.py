"""Pages made from the data alone: one per step and one per action, with nav entries,
and redirect pages from the steps' old addresses.

A generated page is a one-line Markdown file that calls a macro by id, so it goes
through the same macro rendering as hand-written pages and holds no editor text itself.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from .site import Site
from .templating import environment
from .urls import UrlStyle, action_url, checklist_url, step_path, step_url


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from one record: where it goes, its nav title and its one-line Markdown."""

    src_uri: str
    nav_title: str
    markdown: str
    data_file: str
    description: str
    title: str | None = None  # for pages outside the nav, as HTML (see title_html)
    searchable: bool = True  # a printable checklist repeats its step page: search shows the step

    def meta(self) -> dict[str, Any]:
        """The page's front matter, as a hand-written page has it at its top: the plugin and the
        pre-build give the page the same keys."""
        meta: dict[str, Any] = {"description": self.description, "data_file": f"data/{self.data_file}"}
        if self.title:  # a page outside the nav: its title comes from here, escaped
            meta["title"] = self.title
        if not self.searchable:
            meta["search"] = {"exclude": True}
        return meta


def generated_pages(site: Site) -> dict[str, GeneratedPage]:
    """Every page made from the data, by source path: a page per step, per step checklist and per action."""
    pages = [
        GeneratedPage(
            src_uri=step_url(step).rstrip("/") + ".md",
            nav_title=f"{step.number} {step.title}",
            markdown=f'{{{{ step_page("{step.id}") }}}}\n',
            data_file="steps.yaml",
            description=step.summary,
        )
        for step in site.steps
    ]
    pages += [
        GeneratedPage(
            src_uri=checklist_url(step).rstrip("/") + ".md",
            nav_title=f"Checklist {step.number} {step.title}",
            markdown=f'{{{{ checklist_page("{step.id}") }}}}\n',
            data_file="steps.yaml",
            description=f"Checklist om af te drukken: {step.summary}",
            title=title_html(f"Checklist stap {step.number}: {step.title}"),
            searchable=False,
        )
        for step in site.steps
    ]
    pages += [
        GeneratedPage(
            src_uri=action_url(action.id).rstrip("/") + ".md",
            nav_title=f"{action.number}. {action.title}",
            markdown=f'{{{{ action_page("{action.id}") }}}}\n',
            data_file="actions.yaml",
            description=action.description.split("\n")[0],
        )
        for action in site.actions
    ]
    return {page.src_uri: page for page in pages}


def title_html(text: str) -> str:
    """Editor text as a nav/page title: shown as text, never run as HTML or Jinja."""
    return str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")


#: Most siblings a nav section shows. Material writes every sibling on the active path into each
#: page, so a flat section of n pages costs n links on each of them: n² in all as the data grows.
NAV_GROUP = 20

NavEntry = tuple[str, str, Any]  # (first number, last number, nav item)


def grouped(entries: list[NavEntry], name: str) -> list[Any]:
    """Nav items of a section, in nested groups ('Stappen 2.1.1–2.1.20') once there are more
    than NAV_GROUP: with the real data nothing changes, with ten times as much the nav stays usable."""
    while len(entries) > NAV_GROUP:
        chunks = [entries[i : i + NAV_GROUP] for i in range(0, len(entries), NAV_GROUP)]
        entries = [(c[0][0], c[-1][1], {f"{name} {c[0][0]}–{c[-1][1]}": [e[2] for e in c]}) for c in chunks]
    return [e[2] for e in entries]


def nav_with_generated(nav: list[Any], site: Site, pages: dict[str, GeneratedPage]) -> list[Any]:
    """The configured nav with the generated pages (from generated_pages) added after their section's index page.

    The theme prints nav titles as raw HTML and mkdocs-macros renders a title that holds
    `{{`, so editor text is HTML-escaped and its braces become entities here.
    """

    def section(records: list[Any], url: Callable[[Any], str], name: str) -> list[Any]:
        entries: list[NavEntry] = []
        for record in records:
            src_uri = url(record).rstrip("/") + ".md"
            entries.append((str(record.number), str(record.number), {title_html(pages[src_uri].nav_title): src_uri}))
        return grouped(entries, name)

    children = {
        "stappen/index.md": [
            {title_html(level.label): section(site.steps_at(level.id), step_url, "Stappen")} for level in site.levels
        ],
        "acties/index.md": [
            {f"Focusgebied {area.letter}": section(site.actions_in(area.id), lambda a: action_url(a.id), "Acties")}
            for area in site.focus_areas
        ],
    }

    def walk(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, dict):
                item = {title: walk(value) if isinstance(value, list) else value for title, value in item.items()}
            out.append(item)
            if isinstance(item, str) and item in children:
                out += children[item]
        return out

    return walk(nav)


def redirects(site: Site) -> dict[str, str]:
    """Old step addresses (by id, before steps had a slug) and the page each now lives at.

    Made from the data, so a slug is written once: a step whose slug differs from its id
    gets a redirect for its page and its printable checklist."""
    moved = [step for step in site.steps if step.address != step.id]
    pages = {step_path(step.id): step_url(step) for step in moved}
    pages |= {step_path(step.id) + "checklist/": checklist_url(step) for step in moved}
    return pages


def write_redirects(site: Site, site_dir: Path, style: UrlStyle, policy: Callable[[str], str]) -> list[Path]:
    """A small HTML page at every old address that sends the reader on at once: a meta refresh
    (no JavaScript, works from file:// in the offline edition) and a link to click."""
    written = []
    for old, new in redirects(site).items():
        built = style.page(old)
        path = site_dir / (built + "index.html" if built.endswith("/") else built)
        here = built if built.endswith("/") else posixpath.dirname(built) + "/"
        target = posixpath.relpath(style.page(new), here)
        if style.page(new).endswith("/"):
            target += "/"
        html = environment().get_template("redirect.html").render(target=target)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(policy(html), encoding="utf-8")
        written.append(path)
    return written


def is_redirect(path: Path) -> bool:
    """Whether a built HTML file is one of the redirect pages above, not a page of content."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")
