"""The Jinja environment of the templates in `macros/templates/`: autoescape on, strict undefined,
the filters and the URL and label functions every template may use."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from .filters import euro, md, milestone_date
from .models import DOMAINS, FUNDERS
from .urls import action_url, checklist_url, pdf_url, step_url

TEMPLATES = Path(__file__).parent / "templates"


@cache  # the same for every build: only its template cache grows
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
    env.filters.update(md=md, euro=euro, milestone_date=milestone_date)
    env.globals.update(checklist_url=checklist_url, pdf_url=pdf_url)
    env.globals.update(FUNDERS=FUNDERS, DOMAINS=DOMAINS, step_url=step_url, action_url=action_url)
    return env
