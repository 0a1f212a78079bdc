"""Pure render functions: Site + ids in, Markdown/HTML out. No MkDocs needed.

Each function in `MACROS` is registered as a macro by `define_env`; pages call them by
name. Output is Markdown headings (fixed Dutch text, or editor text escaped with the
`md` filter) around HTML blocks rendered by Jinja with autoescape on, so text from the
YAML is always shown as text: HTML is escaped and `{{ ... }}` is never evaluated, because
mkdocs-macros does not render a macro's output a second time.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from functools import cache, partial
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .history import build_date
from .models import Source, Step
from .site import Site


@dataclass(frozen=True)
class Edition:
    """What a printed checklist says about itself: where it lives, which version, when made."""

    site_url: str  # absolute, ends with '/'
    version: str  # of the handreiking, e.g. 'december 2023'
    build_date: str  # ISO date

    def absolute(self, url: str) -> str:
        """The full web address of a site URL, for print and QR codes."""
        return self.site_url + url


TEMPLATES = Path(__file__).parent / "templates"

LEVELS = {"lokaal": "Lokaal", "regionaal": "Regionaal"}
FUNDERS = {"gemeenten": "Gemeenten", "zorgverzekeraars": "Zorgverzekeraars", "rijk": "Rijk"}
DOMAINS = {
    "medisch": "Medisch domein",
    "sociaal": "Sociaal domein",
    "informeel": "Informeel netwerk",
    "bestuur": "Bestuur en financiering",
    "kennis": "Kennis en monitoring",
}


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


#: The build's URL style; define_env sets it once per build from the MkDocs config.
url_style = UrlStyle()


def use_url_style(style: UrlStyle) -> None:
    """Set the URL style of this build (directory URLs or offline .html files)."""
    global url_style
    url_style = style


def relative(target: str, current: str) -> str:
    """Link from the page at `current` (as built) to `target` (written as 'a/b/#x')."""
    path, hash_, fragment = url_style.page(target).partition("#")
    here = current if current == "" or current.endswith("/") else posixpath.dirname(current)
    link = posixpath.relpath(path.rstrip("/") or ".", here.rstrip("/") or ".")
    if path == "" or path.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link + hash_ + fragment


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~^=])")


def md(text: str) -> Markup:
    """Editor text made safe inside Markdown (a heading): HTML and Markdown escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(text)).replace("&", "&amp;"))


def euro(amount: int) -> str:
    """Dutch notation of an amount: '€ 15 miljoen', '€ 5,3 miljoen', '€ 12.500'."""
    if amount >= 1_000_000:
        millions = f"{amount / 1_000_000:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"€ {millions} miljoen"
    return f"€ {amount:,}".replace(",", ".")


def milestone_date(value: str) -> str:
    """'2024-01-01' → '1 januari 2024'; '2022-06' → 'juni 2022'; '2018' stays."""
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return value


def is_past(value: str, today: str) -> bool:
    """Is a day, month or year ('2024-01-01', '2024-01', '2024') entirely before `today` (ISO date)?"""
    last_day = {4: value + "-12-31", 7: value + "-31"}.get(len(value), value)  # '-31' sorts after every day
    return last_day < today


def dutch_date(value: object) -> str:
    """A date as Dutch readers write it: 2026-11-29 -> '29 november 2026'."""
    return milestone_date(str(value))


#: The parties of the responsibilities table, in the order the table shows them.
PARTIES = {
    "gemeente": "Gemeente",
    "jgz": "Jeugdgezondheidszorg (JGZ)",
    "verloskundigen": "Verloskundigen en VSV",
    "zorgverzekeraar": "Zorgverzekeraar",
    "ggd": "GGD",
    "zorginstituut": "Zorginstituut Nederland",
    "vws": "Ministerie van VWS",
}

#: How binding a responsibility is, as the site names it.
KINDS = {"wet": "Wettelijke plicht", "afspraak": "Afspraak (IZA/GALA)", "advies": "Advies"}


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # `{#id}` is Markdown's heading id syntax in these templates, not a comment.
        comment_start_string="{##",
        comment_end_string="##}",
        # Compiled templates kept between builds (in the temp folder, keyed by each template's
        # source): compiling them took 0.1 s of every build.
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters.update(md=md, euro=euro, milestone_date=milestone_date, dutch_date=dutch_date)
    env.globals.update(counterpart=counterpart, progress_data=progress_data)
    env.globals.update(checklist_url=checklist_url, pdf_url=pdf_url)
    env.globals.update(LEVELS=LEVELS, FUNDERS=FUNDERS, DOMAINS=DOMAINS, step_url=step_url, action_url=action_url)
    return env


class Rendered(str):
    """Markdown from a render function, plus what the page footer needs to know of it:
    the sources it cites and the data files it shows."""

    sources: tuple[Source, ...]
    files: tuple[str, ...]

    def __new__(cls, text: str, sources: tuple[Source, ...] = (), files: tuple[str, ...] = ()) -> Rendered:
        obj = super().__new__(cls, text)
        obj.sources, obj.files = sources, files
        return obj


def _render(template: str, site: Site, page_url: str, *, sources=(), files=(), **context: object) -> Rendered:
    link = partial(relative, current=page_url)
    text = environment().get_template(template).render(site=site, link=link, **context)
    return Rendered(text, tuple(sources), tuple(f"data/{name}.yaml" for name in files))


def step_page(site: Site, step_id: str, *, page_url: str = "") -> Rendered:
    """The whole body of a step's page: summary, checklist, actions, funding, partners."""
    step = site.step(step_id)
    level_steps = site.steps_at(step.level)
    return _render(
        "step_page.md", site, page_url, step=step,
        position=level_steps.index(step) + 1, total=len(level_steps),
        sources=site.sources_of(step), files=("steps", "actions", "funding", "partners", "sources"),
    )  # fmt: skip


def checklist_url(step: Step) -> str:
    """Site URL of a step's printable checklist."""
    return step_url(step) + "checklist/"


def pdf_url(step_id: str | None = None) -> str:
    """The PDF of one step's checklist, or of all checklists together."""
    return f"pdf/checklist-{step_id}.pdf" if step_id else "pdf/alle-checklists.pdf"


@cache  # the web checklist and its PDF show the same code
def qr_svg(url: str) -> Markup:
    """A QR code to `url` as inline SVG, made at build time. Decorative: the address is printed beside it.

    A fixed mask pattern: trying all eight and scoring them took 80 % of a code's 15 ms, and any
    mask reads the same (the browser test decodes the code on the printed sheet)."""
    import segno

    svg = segno.make(url, error="m", mask=0).svg_inline(scale=2, border=2, svgclass="ks-qr", lineclass=None)
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def checklist_page(site: Site, step_id: str, *, page_url: str = "", edition: Edition) -> Rendered:
    """A step's checklist as a working document: table to fill in by hand, footer with QR code."""
    step = site.step(step_id)
    return _render(
        "checklist_page.md", site, page_url, **checklist_context(site, step, edition), interactive=True,
        progress_data=progress_data(site, step),
        sources=site.sources_of(step), files=("steps", "actions", "funding", "sources"),
    )  # fmt: skip


def checklist_context(site: Site, step, edition: Edition) -> dict:
    """What the web checklist and the PDF checklist both show of a step."""
    return {
        "step": step,
        "actions": site.actions_of(step),
        "funding": [site.get("funding_sources", f) for f in step.funding],
        "edition": edition,
        "address": edition.absolute(step_url(step)),
        "qr": qr_svg(edition.absolute(step_url(step))),
    }


def action_page(site: Site, action_id: str, *, page_url: str = "") -> Rendered:
    """The whole body of an action's page: description, steps, funding."""
    action = site.action(action_id)
    return _render(
        "action_page.md", site, page_url, action=action,
        line=site.get("action_lines", action.action_line), steps=site.steps_for_action(action.id),
        sources=site.sources_of(action), files=("actions", "action_lines", "steps", "funding", "sources"),
    )  # fmt: skip


def action_overview(site: Site, *, page_url: str = "") -> Rendered:
    """All actions grouped by action line."""
    return _render(
        "action_overview.md", site, page_url,
        sources=site.sources_of(*site.action_lines, *site.actions), files=("action_lines", "actions", "sources"),
    )  # fmt: skip


def step_overview(site: Site, level: str, *, page_url: str = "") -> Rendered:
    """The steps of one level (lokaal or regionaal) as cards."""
    steps = site.steps_at(level)
    if not steps:
        raise ValueError(f"no steps at level '{level}' (levels: {', '.join(LEVELS)})")
    return _render("step_overview.md", site, page_url, steps=steps,
                   sources=site.sources_of(*steps), files=("steps", "sources"))  # fmt: skip


def funding_overview(site: Site, funder: str, *, page_url: str = "") -> Rendered:
    """The funding sources of one funder, each as a section with amounts and purposes."""
    group = site.funding_by(funder)
    if not group:
        raise ValueError(f"no funding sources of funder '{funder}' (funders: {', '.join(FUNDERS)})")
    return _render("funding_overview.md", site, page_url, group=group,
                   sources=site.sources_of(*group), files=("funding", "steps", "sources"))  # fmt: skip


def borging_list(site: Site, *, page_url: str = "") -> Rendered:
    """The five items of the werkwijze duurzame borging."""
    return _render("borging_list.md", site, page_url,
                   sources=site.sources_of(*site.borging_items), files=("borging", "sources"))  # fmt: skip


def partner_list(site: Site, *, page_url: str = "") -> Rendered:
    """Partners grouped by domain, with the steps they take part in."""
    return _render("partner_list.md", site, page_url,
                   sources=site.sources_of(*site.partners), files=("partners", "steps", "sources"))  # fmt: skip


def agreement_list(site: Site, *, page_url: str = "") -> Rendered:
    """The IZA/GALA agreements on Kansrijke Start, per party."""
    return _render("agreement_list.md", site, page_url,
                   sources=site.sources_of(*site.agreements), files=("agreements", "sources"))  # fmt: skip


def tranche_table(site: Site, *, page_url: str = "") -> Rendered:
    """Every municipality at the reference date, counted per tranche (when it joined), as chart and table."""
    count = site.municipalities_per_tranche
    chart = bar_chart(
        [(f"Tranche {t.number}", t.municipalities, str(t.municipalities)) for t in count.tranches],
        "ks-chart-tranches",
        "Aantal gemeenten per tranche (wanneer zij instroomden)",
    )
    return _render("tranche_table.md", site, page_url, count=count, chart=chart,
                   total=sum(t.municipalities for t in count.tranches),
                   sources=site.sources_of(count), files=("coalitions", "sources"))  # fmt: skip


def responsibility_table(site: Site, *, page_url: str = "") -> Rendered:
    """Per party: what is a legal duty, what is agreed (IZA/GALA) and what is advice, each with its source."""
    parties = [p for p in PARTIES if any(r.party == p for r in site.responsibilities)]
    rows = [(party, PARTIES[party], site.responsibilities_of(party)) for party in parties]
    return _render("responsibility_table.md", site, page_url, rows=rows, KINDS=KINDS,
                   sources=site.sources_of(*site.responsibilities),
                   files=("responsibilities", "partners", "sources"))  # fmt: skip


def spuk_chart(site: Site, funding_id: str = "spuk-kansrijke-start", *, page_url: str = "") -> Rendered:
    """A funding source's amounts per year as a bar chart with the same figures in a table."""
    source = site.get("funding_sources", funding_id)
    rows = [(str(a.year), a.eur, euro(a.eur)) for a in sorted(source.amounts, key=lambda a: a.year)]
    chart = bar_chart(rows, f"ks-chart-{source.id}", f"{source.title}: bedrag per jaar")
    return _render("amount_chart.md", site, page_url, source=source, chart=chart, rows=rows,
                   sources=site.sources_of(source), files=("funding", "sources"))  # fmt: skip


def intervention_list(site: Site, *, page_url: str = "") -> Rendered:
    """Interventions for the first 1000 days with their recognition."""
    return _render("intervention_list.md", site, page_url,
                   sources=site.sources_of(*site.interventions), files=("interventions", "sources"))  # fmt: skip


def faq_list(site: Site, *, page_url: str = "") -> Rendered:
    """Frequently asked questions with their answers and related steps and actions."""
    return _render("faq_list.md", site, page_url,
                   sources=site.sources_of(*site.faq), files=("faq", "steps", "actions", "sources"))  # fmt: skip


def contact_list(site: Site, *, page_url: str = "") -> Rendered:
    """Where to get help: functional mailboxes and websites."""
    return _render("contact_list.md", site, page_url,
                   sources=site.sources_of(*site.contacts), files=("contacts", "sources"))  # fmt: skip


def start_routes(site: Site, *, page_url: str = "") -> Rendered:
    """The home page's routes in: starting, money, the region, progress with partners."""
    return _render("start_routes.md", site, page_url, files=("steps",))


def glossary_list(site: Site, *, page_url: str = "") -> Rendered:
    """Every abbreviation with its full term and a plain explanation."""
    terms = sorted(site.glossary, key=lambda t: t.abbr.lower())
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.abbr[0].upper())]
    return _render("glossary_list.md", site, page_url, letters=letters, files=("glossary",))


def milestone_list(site: Site, *, page_url: str = "", today: str | None = None) -> Rendered:
    """The timeline of Kansrijke Start, oldest first; what lies before `today` (the build date) is past."""
    milestones = sorted(site.milestones, key=lambda ms: ms.date)
    today = today or build_date()
    return _render("milestone_list.md", site, page_url, milestones=milestones,
                   past={ms.id for ms in milestones if is_past(ms.date, today)},
                   sources=site.sources_of(*site.milestones), files=("milestones", "sources"))  # fmt: skip


def source_list(site: Site, *, page_url: str = "") -> Rendered:
    """Every source the site cites, as the content of the sources page."""
    return _render("source_list.md", site, page_url, sources=(), all_sources=site.sources, files=("sources",))


def roadmap(site: Site, *, page_url: str = "") -> Rendered:
    """The roadmap: both lanes of steps with their items, filters and progress controls.

    Everything is readable without JavaScript; ks-roadmap.js and ks-progress.js enhance it.
    """
    partners = sorted({p for s in site.steps for p in s.partners}, key=lambda p: site.get("partners", p).name)
    return _render(
        "roadmap.md", site, page_url,
        lanes=[(level, label, site.steps_at(level)) for level, label in LEVELS.items()],
        partners=[site.get("partners", p) for p in partners], progress_data=progress_data(site),
        sources=site.sources_of(*site.steps), files=("steps", "actions", "funding", "partners", "sources"),
    )  # fmt: skip


def counterpart(site: Site, step_id: str):
    """The step at the same place in the other lane: 2.1.3 <-> 2.2.3 (the handreiking's parallel structure)."""
    step = site.step(step_id)
    mine = site.steps_at(step.level)
    other = site.steps_at("regionaal" if step.level == "lokaal" else "lokaal")
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


def change_log(site: Site, *, page_url: str = "", changes: tuple = ()) -> Rendered:
    """What changed on the site, per day: from the git history of data/ and docs/."""
    return _render("change_log.md", site, page_url, changes=changes)


def open_data_list(site: Site, *, page_url: str = "") -> Rendered:
    """The published data files with what they hold, their schema and number of records."""
    from .models import FILES

    published = []
    for name, model in FILES.items():
        key, field = next(iter(model.model_fields.items()))
        value = getattr(site, key)
        published.append({"name": name, "description": field.description,
                          "count": len(value) if isinstance(value, tuple) else 1})  # fmt: skip
    items = sum(len(s.checklist) for s in site.steps)
    return _render("open_data_list.md", site, page_url, published=published, items=items, folder="open-data/",
                   files=tuple(FILES))  # fmt: skip


def toc_list(site: Site, *, page_url: str = "") -> Rendered:
    """The handreiking's table of contents, each section linked to where the site covers it."""
    return _render("toc_list.md", site, page_url, tree=toc_tree(site), files=("toc", "steps", "funding"))


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


def docs_url(page: str) -> str:
    """Site URL of a docs/ page: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/', 'index.md' -> ''."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def page_footer(site: Site, sources: tuple[Source, ...], updated: str | None, *, page_url: str = "") -> str:
    """The end of every content page: its sources and when it last changed."""
    return _render("page_footer.md", site, page_url, cited=sources, updated=updated)


def bar_chart(rows: list[tuple[str, int, str]], chart_id: str, title: str) -> Markup:
    """An inline SVG bar chart, drawn at build time; rows are (label, value, value as text).

    The SVG is an image with a name and a description; the same figures stand in a table
    next to it, so no one needs the picture to read the numbers. It has no viewBox: it is as
    wide as the page and its text keeps its size (14 px) on a phone, where a scaled drawing
    shrank it to 9 px. Each row is a line of text (label and amount) above a bar in percent.
    """
    line, bar_height, gap = 20, 14, 14
    top = max(value for _, value, _ in rows)
    bars = []
    for i, (label, value, shown) in enumerate(rows):
        y = i * (line + bar_height + gap)
        length = round(100 * value / top, 1) if top else 0
        bars.append({"label": label, "shown": shown, "y": y, "length": length})
    height = len(rows) * (line + bar_height + gap) - gap
    description = "; ".join(f"{label}: {shown}" for label, _, shown in rows)
    return Markup(environment().get_template("_bar_chart.svg").render(
        chart_id=chart_id, title=title, description=description, bars=bars,
        height=height, line=line, bar_height=bar_height,
    ))  # fmt: skip


MACROS = (
    step_page, action_page, action_overview, step_overview, funding_overview, borging_list,
    partner_list, agreement_list, tranche_table, responsibility_table, spuk_chart, intervention_list, faq_list,
    contact_list, glossary_list, milestone_list, source_list, toc_list, roadmap, checklist_page,
    change_log, open_data_list, start_routes,
)  # fmt: skip
