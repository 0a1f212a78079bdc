"""Pure render functions: Site + ids in, Markdown/HTML out. No MkDocs needed.

Each function in `MACROS` is registered as a macro by `define_env`; pages call them by
name. Output is Markdown headings (fixed Dutch text, or editor text escaped with the
`md` filter) around HTML blocks rendered by Jinja with autoescape on, so text from the
YAML is always shown as text: HTML is escaped and `{{ ... }}` is never evaluated, because
mkdocs-macros does not render a macro's output a second time.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache, partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .site import Site

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
def step_url(step_id: str) -> str:
    return f"stappen/{step_id}/"


def action_url(action_id: str) -> str:
    return f"acties/{action_id}/"


def relative(target: str, current: str) -> str:
    """Link from the page at `current` to `target`; both are site-root directory URLs."""
    path = posixpath.relpath(target.rstrip("/") or ".", current.rstrip("/") or ".")
    if path == ".":
        return "./"
    return path + ("/" if target.endswith("/") else "")


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
    )
    env.filters.update(md=md, euro=euro, milestone_date=milestone_date)
    env.globals.update(LEVELS=LEVELS, FUNDERS=FUNDERS, DOMAINS=DOMAINS, step_url=step_url, action_url=action_url)
    return env


def _render(template: str, site: Site, page_url: str, **context: object) -> str:
    link = partial(relative, current=page_url)
    return environment().get_template(template).render(site=site, link=link, **context)


def step_page(site: Site, step_id: str, *, page_url: str = "") -> str:
    """The whole body of a step's page: summary, checklist, actions, funding, sources."""
    step = site.step(step_id)
    level_steps = site.steps_at(step.level)
    index = level_steps.index(step)
    return _render(
        "step_page.md",
        site,
        page_url,
        step=step,
        position=index + 1,
        total=len(level_steps),
        previous=level_steps[index - 1] if index else None,
        next=level_steps[index + 1] if index + 1 < len(level_steps) else None,
        sources=site.sources_of(step),
    )


def action_page(site: Site, action_id: str, *, page_url: str = "") -> str:
    """The whole body of an action's page: description, steps, funding, sources."""
    action = site.action(action_id)
    return _render(
        "action_page.md",
        site,
        page_url,
        action=action,
        line=site.get("action_lines", action.action_line),
        steps=site.steps_for_action(action.id),
        sources=site.sources_of(action),
    )


def action_overview(site: Site, *, page_url: str = "") -> str:
    """All actions grouped by action line."""
    return _render("action_overview.md", site, page_url, sources=site.sources_of(*site.action_lines, *site.actions))


def step_overview(site: Site, *, page_url: str = "") -> str:
    """All steps in two lists, lokaal and regionaal."""
    return _render("step_overview.md", site, page_url, sources=site.sources_of(*site.steps))


def funding_overview(site: Site, *, page_url: str = "") -> str:
    """Every funding source grouped by funder, with amounts and purposes."""
    return _render("funding_overview.md", site, page_url, sources=site.sources_of(*site.funding_sources))


def borging_list(site: Site, *, page_url: str = "") -> str:
    """The five items of the werkwijze duurzame borging."""
    return _render("borging_list.md", site, page_url, sources=site.sources_of(*site.borging_items))


def partner_list(site: Site, *, page_url: str = "") -> str:
    """Partners grouped by domain, with the steps they take part in."""
    return _render("partner_list.md", site, page_url, sources=site.sources_of(*site.partners))


def agreement_list(site: Site, *, page_url: str = "") -> str:
    """The IZA/GALA agreements on Kansrijke Start, per party."""
    return _render("agreement_list.md", site, page_url, sources=site.sources_of(*site.agreements))


def coalition_table(site: Site, *, page_url: str = "") -> str:
    """Municipalities with a local coalition per tranche at the reference date."""
    count = site.coalition_count
    return _render(
        "coalition_table.md",
        site,
        page_url,
        count=count,
        total=sum(t.coalitions for t in count.tranches),
        sources=site.sources_of(count),
    )


def intervention_list(site: Site, *, page_url: str = "") -> str:
    """Interventions for the first 1000 days with their recognition."""
    return _render("intervention_list.md", site, page_url, sources=site.sources_of(*site.interventions))


def faq_list(site: Site, *, page_url: str = "") -> str:
    """Frequently asked questions with their answers and related steps and actions."""
    return _render("faq_list.md", site, page_url, sources=site.sources_of(*site.faq))


def contact_list(site: Site, *, page_url: str = "") -> str:
    """Where to get help: functional mailboxes and websites."""
    return _render("contact_list.md", site, page_url, sources=site.sources_of(*site.contacts))


def glossary_list(site: Site, *, page_url: str = "") -> str:
    """Every abbreviation with its full term and a plain explanation."""
    terms = sorted(site.glossary, key=lambda t: t.abbr.lower())
    return _render("glossary_list.md", site, page_url, terms=terms)


def milestone_list(site: Site, *, page_url: str = "") -> str:
    """The timeline of Kansrijke Start, oldest first."""
    milestones = sorted(site.milestones, key=lambda ms: ms.date)
    return _render(
        "milestone_list.md", site, page_url, milestones=milestones, sources=site.sources_of(*site.milestones)
    )


def source_list(site: Site, *, page_url: str = "") -> str:
    """Every source the site cites."""
    return _render("_sources.md", site, page_url, sources=site.sources, heading=False)


MACROS = (
    step_page,
    action_page,
    action_overview,
    step_overview,
    funding_overview,
    borging_list,
    partner_list,
    agreement_list,
    coalition_table,
    intervention_list,
    faq_list,
    contact_list,
    glossary_list,
    milestone_list,
    source_list,
)
