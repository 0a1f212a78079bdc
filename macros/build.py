"""One build's work from data to page Markdown, without MkDocs: the macros bound to this build and
the footer every page gets. The MkDocs plugin runs it inside a build; `macros.prebuild` runs it
alone, to feed an engine that cannot run our plugin.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from . import history, render
from .models import Source
from .render import Edition, Rendered
from .site import Site
from .urls import DIRECTORY_URLS, UrlStyle


class PageError(ValueError):
    """A page's front matter is wrong; the message names the page and says what to write."""


def edition_for(config: Any) -> Edition:
    """Site address, handreiking version and build date, as printed on every checklist.

    `config` is MkDocs' config or anything with its `site_url` and `extra`."""
    guidance = config.extra.get("handreiking") or {}
    return Edition(
        site_url=config.site_url.rstrip("/") + "/",
        version=str(config.extra.get("handreiking_version", "")),
        build_date=history.build_date(),
        title=str(guidance.get("title") or config.site_name),
        by=str(guidance.get("by", "")),
        programme=str(guidance.get("programme", "")),
    )


class PageBuild:
    """The macros of one build and the footer of each page, for the Site and edition given.

    Call `start_page` before a page's macros run and `footer` after; `close` when the build ends."""

    def __init__(self, root: Path, site: Site, edition: Edition):
        self.site, self.edition = site, edition
        self.url_style: UrlStyle = DIRECTORY_URLS  # the plugin sets the build's own once MkDocs settled it
        # git answers in the background while pages render: the dates are needed from the first
        # page on, the change log only on its own page.
        self._git = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ks-git")
        self.dates: Future[dict[str, str]] = self._git.submit(history.last_changed, root)
        self.changes: Future[tuple] = self._git.submit(lambda: tuple(history.changes(root)))
        self.page_url = ""
        self.rendered: list[Rendered] = []

    def macros(self) -> dict[str, Callable[..., str]]:
        """Every render function as a macro, bound to this build; those that need a build-wide
        fact get it from this table, by name, not by looking at their parameters."""
        facts: dict[Callable[..., Rendered], dict[str, Any]] = {
            render.step_page: {"edition": self.edition},
            render.action_page: {"edition": self.edition},
            render.checklist_page: {"edition": self.edition},
            render.milestone_list: {"edition": self.edition},
            render.change_log: {"changes": self.changes},
        }
        return {f.__name__: self._bind(f, facts.get(f, {})) for f in render.MACROS}

    def _bind(self, function: Callable[..., Rendered], facts: dict[str, Any]) -> Callable[..., str]:
        def macro(*args: Any, **kwargs: Any) -> str:
            known = {k: v.result() if isinstance(v, Future) else v for k, v in facts.items()}
            result = function(self.site, *args, page_url=self.page_url, url_style=self.url_style, **known, **kwargs)
            self.rendered.append(result)
            return result

        macro.__name__, macro.__doc__ = function.__name__, function.__doc__
        return macro

    def start_page(self, url: str) -> None:
        """A page's macros are about to run; `url` is the page's URL as built."""
        self.page_url, self.rendered = url, []

    def footer(self, src_uri: str, meta: Mapping[str, Any]) -> str:
        """The end of the page whose macros just ran, to append to its Markdown (a blank line first):
        every source it cites (its front matter `sources:` plus those of the data it shows) and
        when it last changed. `meta` is the page's front matter."""
        sources = page_sources(self.site, meta.get("sources") or [], self.rendered, src_uri)
        data_files = list(dict.fromkeys(f for r in self.rendered for f in r.files))
        updated = history.page_date(self.dates.result(), [f"docs/{src_uri}", *data_files])
        footer = render.page_footer(self.site, sources, updated, page_url=self.page_url, url_style=self.url_style)
        return "\n\n" + footer

    def close(self) -> None:
        """The build is over: no git work left running."""
        self._git.shutdown(wait=False, cancel_futures=True)


def page_sources(site: Site, ids: Any, rendered: list[Rendered], page: str) -> tuple[Source, ...]:
    """Front-matter sources first, then those of the data on the page; each once."""
    known = {s.id: s for s in site.sources}
    if not isinstance(ids, list):
        raise PageError(f"docs/{page}: 'sources' moet een lijst van bron-ids zijn, bijv. [vng-presentatie]")
    cited: dict[str, Any] = {}
    for source_id in ids:
        if source_id not in known:
            close = difflib.get_close_matches(str(source_id), known, n=1)
            hint = f"; bedoelde u '{close[0]}'?" if close else ""
            raise PageError(f"docs/{page}: onbekende bron '{source_id}' in 'sources'{hint} (zie data/sources.yaml)")
        cited.setdefault(source_id, known[source_id])
    for result in rendered:
        for source in result.sources:
            cited.setdefault(source.id, source)
    return tuple(cited.values())
