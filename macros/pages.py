"""Pages made from the data alone: one per step and one per action, with nav entries.

A generated page is a one-line Markdown file that calls a macro by id, so it goes
through the same macro rendering as hand-written pages and holds no editor text itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from .render import LEVELS, action_url, checklist_url, step_url
from .site import Site


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


def generated_pages(site: Site) -> dict[str, GeneratedPage]:
    """Every page made from the data, by source path: a page per step, per step checklist and per action."""
    pages = [
        GeneratedPage(
            src_uri=step_url(step.id).rstrip("/") + ".md",
            nav_title=f"{step.number} {step.title}",
            markdown=f'{{{{ step_page("{step.id}") }}}}\n',
            data_file="steps.yaml",
            description=step.summary,
        )
        for step in site.steps
    ]
    pages += [
        GeneratedPage(
            src_uri=checklist_url(step.id).rstrip("/") + ".md",
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

    def section(records: list[Any], url: Callable[[str], str], name: str) -> list[Any]:
        entries: list[NavEntry] = []
        for record in records:
            src_uri = url(record.id).rstrip("/") + ".md"
            entries.append((str(record.number), str(record.number), {title_html(pages[src_uri].nav_title): src_uri}))
        return grouped(entries, name)

    children = {
        "stappen/index.md": [
            {label: section(site.steps_at(level), step_url, "Stappen")} for level, label in LEVELS.items()
        ],
        "acties/index.md": [
            {f"Actielijn {line.letter}": section(site.actions_in(line.id), action_url, "Acties")}
            for line in site.action_lines
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
