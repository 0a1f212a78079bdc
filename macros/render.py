"""Pure render functions: Site + ids in, Markdown/HTML out. No MkDocs needed.

Each function in `MACROS` is a macro that pages call by name; the build's plugin registers
them, bound to the Site, the page and the URL style (an argument, never a global). Output
is Markdown headings (fixed Dutch text, or editor text escaped with the `md` filter) around
HTML blocks rendered by Jinja with autoescape on, so text from the YAML is always shown as
text: HTML is escaped and `{{ ... }}` is never evaluated, because mkdocs-macros does not
render a macro's output a second time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import partial
from itertools import groupby

from markupsafe import Markup

from .drawing import bar_chart, qr_svg
from .filters import euro, is_past
from .models import COLLECTIONS, FUNDERS, KINDS, PARTIES, Source
from .site import Site
from .templating import environment
from .urls import DIRECTORY_URLS, UrlStyle, docs_url, relative, step_url


@dataclass(frozen=True)
class Edition:
    """What a printed checklist says about itself: where it lives, which version, when made."""

    site_url: str  # absolute, ends with '/'
    version: str  # of the handreiking, e.g. 'december 2023'
    build_date: str  # ISO date
    title: str = ""  # of the guidance the site follows (mkdocs.yml extra.handreiking.title)
    by: str = ""  # who made it (extra.handreiking.by)
    programme: str = ""  # what the actions are part of, e.g. 'de vervolgaanpak' (extra.handreiking.programme)

    def absolute(self, url: str) -> str:
        """The full web address of a site URL, for print and QR codes."""
        return self.site_url + url


class Rendered(str):
    """Markdown from a render function, plus what the page footer needs to know of it:
    the sources it cites and the data files it shows."""

    sources: tuple[Source, ...]
    files: tuple[str, ...]

    def __new__(cls, text: str, sources: tuple[Source, ...] = (), files: tuple[str, ...] = ()) -> Rendered:
        obj = super().__new__(cls, text)
        obj.sources, obj.files = sources, files
        return obj


def _render(
    template: str, site: Site, page_url: str, url_style: UrlStyle, *, sources=(), files=(), **context: object
) -> Rendered:
    link = partial(relative, current=page_url, style=url_style)
    text = environment().get_template(template).render(site=site, link=link, **context)
    return Rendered(text, tuple(sources), tuple(f"data/{name}.yaml" for name in files))


def step_page(
    site: Site, step_id: str, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS, edition: Edition
) -> Rendered:
    """The whole body of a step's page: summary, checklist, actions, funding, partners; and which
    guidance (edition) it follows."""
    step = site.step(step_id)
    level_steps = site.steps_at(step.level)
    return _render(
        "step_page.md", site, page_url, url_style, step=step, edition=edition,
        position=level_steps.index(step) + 1, total=len(level_steps), progress_data=progress_data(site, step),
        sources=site.sources_of(step), files=("steps", "actions", "funding", "partners", "sources"),
    )  # fmt: skip


def checklist_page(
    site: Site, step_id: str, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS, edition: Edition
) -> Rendered:
    """A step's checklist as a working document: table to fill in by hand, footer with QR code."""
    step = site.step(step_id)
    return _render(
        "checklist_page.md", site, page_url, url_style, **checklist_context(site, step, edition), interactive=True,
        progress_data=progress_data(site, step),
        sources=site.sources_of(step), files=("steps", "actions", "funding", "sources"),
    )  # fmt: skip


def checklist_context(site: Site, step, edition: Edition) -> dict:
    """What the web checklist and the PDF checklist both show of a step."""
    return {
        "step": step,
        "actions": site.actions_of(step),
        "funding": site.funding_of(step),
        "edition": edition,
        "address": edition.absolute(step_url(step)),
        "qr": qr_svg(edition.absolute(step_url(step))),
    }


def action_page(
    site: Site, action_id: str, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS, edition: Edition
) -> Rendered:
    """The whole body of an action's page: description, steps, funding; and the programme it is part of."""
    action = site.action(action_id)
    return _render(
        "action_page.md", site, page_url, url_style, action=action, edition=edition,
        area=site.get("focus_areas", action.focus_area), steps=site.steps_for_action(action.id),
        sources=site.sources_of(action), files=("actions", "focus_areas", "steps", "funding", "sources"),
    )  # fmt: skip


def action_overview(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """All actions grouped by focus area."""
    return _render(
        "action_overview.md", site, page_url, url_style,
        sources=site.sources_of(*site.focus_areas, *site.actions), files=("focus_areas", "actions", "sources"),
    )  # fmt: skip


def step_overview(site: Site, level: str, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """The steps of one level (from levels.yaml) as cards."""
    steps = site.steps_at(level)
    if not steps:
        raise ValueError(f"no steps at level '{level}' (levels: {', '.join(lv.id for lv in site.levels)})")
    return _render("step_overview.md", site, page_url, url_style, steps=steps,
                   sources=site.sources_of(*steps), files=("steps", "sources"))  # fmt: skip


def funding_overview(site: Site, funder: str, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """The funding sources of one funder, each as a section with amounts and purposes."""
    group = site.funding_by(funder)
    if not group:
        raise ValueError(f"no funding sources of funder '{funder}' (funders: {', '.join(FUNDERS)})")
    return _render("funding_overview.md", site, page_url, url_style, group=group,
                   sources=site.sources_of(*group), files=("funding", "steps", "sources"))  # fmt: skip


def borging_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """The five items of the werkwijze duurzame borging."""
    return _render("borging_list.md", site, page_url, url_style,
                   sources=site.sources_of(*site.borging_items), files=("borging", "sources"))  # fmt: skip


def partner_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """Partners grouped by domain, with the steps they take part in."""
    return _render("partner_list.md", site, page_url, url_style,
                   sources=site.sources_of(*site.partners), files=("partners", "steps", "sources"))  # fmt: skip


def agreement_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """The IZA/GALA agreements on Kansrijke Start, per party."""
    return _render("agreement_list.md", site, page_url, url_style,
                   sources=site.sources_of(*site.agreements), files=("agreements", "sources"))  # fmt: skip


def tranche_table(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """Every municipality at the reference date, counted per tranche (when it joined), as chart and table."""
    count = site.municipalities_per_tranche
    chart = bar_chart(
        [(f"Tranche {t.number}", t.municipalities, str(t.municipalities)) for t in count.tranches],
        "ks-chart-tranches",
        "Aantal gemeenten per tranche (wanneer zij instroomden)",
    )
    return _render("tranche_table.md", site, page_url, url_style, count=count, chart=chart,
                   total=sum(t.municipalities for t in count.tranches),
                   sources=site.sources_of(count), files=("coalitions", "sources"))  # fmt: skip


def responsibility_table(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """Per party: what is a legal duty, what is agreed (IZA/GALA) and what is advice, each with its source."""
    rows = [(party, name, tasks) for party, name in PARTIES.items() if (tasks := site.responsibilities_of(party))]
    return _render("responsibility_table.md", site, page_url, url_style, rows=rows, KINDS=KINDS,
                   sources=site.sources_of(*site.responsibilities),
                   files=("responsibilities", "partners", "sources"))  # fmt: skip


def spuk_chart(site: Site, funding_id: str, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """A funding source's amounts per year as a bar chart with the same figures in a table."""
    source = site.get("funding_sources", funding_id)
    rows = [(str(a.year), a.eur, euro(a.eur)) for a in sorted(source.amounts, key=lambda a: a.year)]
    chart = bar_chart(rows, f"ks-chart-{source.id}", f"{source.title}: bedrag per jaar")
    return _render("amount_chart.md", site, page_url, url_style, source=source, chart=chart, rows=rows,
                   sources=site.sources_of(source), files=("funding", "sources"))  # fmt: skip


def intervention_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """Interventions for the first 1000 days with their recognition."""
    return _render("intervention_list.md", site, page_url, url_style,
                   sources=site.sources_of(*site.interventions), files=("interventions", "sources"))  # fmt: skip


def faq_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """Frequently asked questions with their answers and related steps and actions."""
    return _render("faq_list.md", site, page_url, url_style,
                   sources=site.sources_of(*site.faq), files=("faq", "steps", "actions", "sources"))  # fmt: skip


def contact_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """Where to get help: functional mailboxes and websites."""
    return _render("contact_list.md", site, page_url, url_style,
                   sources=site.sources_of(*site.contacts), files=("contacts", "sources"))  # fmt: skip


def start_routes(
    site: Site,
    routes: list[tuple[str, str, str, str | None]],
    *,
    page_url: str = "",
    url_style: UrlStyle = DIRECTORY_URLS,
) -> Rendered:
    """The home page's routes in, as cards: (title, target page, text, level id or None) each; a
    route with a level ends its text with a link to that level's first step."""
    return _render("start_routes.md", site, page_url, url_style, routes=routes, files=("steps",))


def glossary_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """Every abbreviation with its full term and a plain explanation."""
    terms = sorted(site.glossary, key=lambda t: t.abbr.lower())
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.abbr[0].upper())]
    return _render("glossary_list.md", site, page_url, url_style, letters=letters, files=("glossary",))


def milestone_list(
    site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS, edition: Edition
) -> Rendered:
    """The timeline of Kansrijke Start, oldest first; what lies before the edition's build date is past."""
    milestones = sorted(site.milestones, key=lambda ms: ms.date)
    return _render("milestone_list.md", site, page_url, url_style, milestones=milestones,
                   past={ms.id for ms in milestones if is_past(ms.date, edition.build_date)},
                   sources=site.sources_of(*site.milestones), files=("milestones", "sources"))  # fmt: skip


def source_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """Every source the site cites, as the content of the sources page."""
    return _render(
        "source_list.md", site, page_url, url_style, sources=(), all_sources=site.sources, files=("sources",)
    )


def roadmap(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """The roadmap: both lanes of steps with their items, filters and progress controls.

    Everything is readable without JavaScript; ks-roadmap.js and ks-progress.js enhance it.
    """
    partners = sorted({p for s in site.steps for p in s.partners}, key=lambda p: site.get("partners", p).name)
    return _render(
        "roadmap.md", site, page_url, url_style,
        lanes=[(level.id, level.label, site.steps_at(level.id)) for level in site.levels],
        partners=[site.get("partners", p) for p in partners], progress_data=progress_data(site),
        counterparts={s.id: counterpart(site, s.id) for s in site.steps},
        sources=site.sources_of(*site.steps), files=("steps", "actions", "funding", "partners", "sources"),
    )  # fmt: skip


def counterpart(site: Site, step_id: str):
    """The step at the same place in the other lane: 2.1.3 <-> 2.2.3 (the handreiking's parallel structure).

    Only a route of two lanes runs in parallel; with one or three there is no other lane."""
    step = site.step(step_id)
    if len(site.levels) != 2:
        return None
    mine = site.steps_at(step.level)
    other = site.steps_at(next(level.id for level in site.levels if level.id != step.level))
    index = mine.index(step)
    return other[index] if index < len(other) else None


def progress_data(site: Site, step=None) -> Markup:
    """JSON island for ks-progress.js: checklist item ids and a short hash of each item's text.

    A step's own pages carry only that step's ids (so pages stay small as the data grows); the
    roadmap carries all of them. Stored progress for ids no page knows is kept, never dropped.
    A record keeps the hash from when it was marked, so an item whose text changed since is flagged."""
    steps = [step] if step is not None else list(site.steps)
    data = {
        "version": 1,
        "steps": {s.id: [i.id for i in s.checklist] for s in steps},
        "hashes": {i.id: text_hash(i.text) for s in steps for i in s.checklist},
    }
    text = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
    return Markup(f'<script type="application/json" id="ks-progress-data">{text}</script>')


def text_hash(text: str) -> str:
    """Eight hex digits of the text's SHA-256: enough to notice that an item's text changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def change_log(
    site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS, changes: tuple = ()
) -> Rendered:
    """What changed on the site, per day: from the git history of data/ and docs/."""
    return _render("change_log.md", site, page_url, url_style, changes=changes)


def open_data_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """The published data files with what they hold, their schema and number of records."""
    published = [
        {"name": c.file, "description": c.model.model_fields[c.key].description, "count": len(site.records(c))}
        for c in COLLECTIONS
        if c.file in site.data_files
    ]
    items = sum(len(s.checklist) for s in site.steps)
    return _render("open_data_list.md", site, page_url, url_style, published=published, items=items,
                   folder="open-data/", files=site.data_files)  # fmt: skip


def toc_list(site: Site, *, page_url: str = "", url_style: UrlStyle = DIRECTORY_URLS) -> Rendered:
    """The handreiking's table of contents, each section linked to where the site covers it."""
    return _render("toc_list.md", site, page_url, url_style, tree=toc_tree(site), files=("toc", "steps", "funding"))


def toc_tree(site: Site) -> list[dict]:
    """TOC entries as a tree by their numbers: {'number', 'title', 'url', 'children'}."""
    root: list[dict] = []
    stack: list[tuple[int, list[dict]]] = [(0, root)]
    for entry in site.toc:
        if entry.step:
            step = site.step(entry.step)
            number, title, url = step.number, step.title, step_url(step)
        elif entry.funding:
            source = site.get("funding_sources", entry.funding)
            number, title, url = source.chapter, source.title, f"financiering/#{source.id}"
        else:
            number, title = entry.number, entry.title
            url = docs_url(entry.page) + (f"#{entry.anchor}" if entry.anchor else "")
        depth = len(number.split(".")) if number else 1
        node = {"number": number, "title": title, "url": url, "children": []}
        while stack[-1][0] >= depth:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((depth, node["children"]))
    return root


def page_footer(
    site: Site,
    sources: tuple[Source, ...],
    updated: str | None,
    *,
    page_url: str = "",
    url_style: UrlStyle = DIRECTORY_URLS,
) -> str:
    """The end of every content page: its sources and when it last changed."""
    return _render("page_footer.md", site, page_url, url_style, cited=sources, updated=updated)


MACROS = (
    step_page, action_page, action_overview, step_overview, funding_overview, borging_list,
    partner_list, agreement_list, tranche_table, responsibility_table, spuk_chart, intervention_list, faq_list,
    contact_list, glossary_list, milestone_list, source_list, toc_list, roadmap, checklist_page,
    change_log, open_data_list, start_routes,
)  # fmt: skip
