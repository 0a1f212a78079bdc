"""Macros for the Kansrijke Start site: mkdocs-macros calls `define_env` once per build.

It stays thin on purpose: load the data and register the pure render functions from
`macros.render`, each bound to the Site and to the page being rendered. After a page's
macros ran, one footer is added with every source the page cites (its front matter
`sources:` plus those of the data it shows) and the date it last changed.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from . import history, render
from .site import Site

_state: dict[str, Any] = {}


def define_env(env: Any) -> None:
    from .hooks import edition_for, preview, site_for  # MkDocs-only import; the rest of the package runs without it

    site = site_for(env.conf)
    edition = edition_for(env.conf)
    docs = Path(env.conf.docs_dir)
    index_pages = frozenset(render.docs_url(str(p.relative_to(docs))) for p in docs.rglob("index.md"))
    render.use_url_style(render.UrlStyle(env.conf.use_directory_urls, index_pages))
    root = Path(env.conf.config_file_path).parent
    env.variables["preview"] = preview()  # `mkdocs serve`: pages can say what a preview leaves out
    # git answers in the background while pages render: the dates are needed from the first
    # page on, the change log only on its own page.
    dates = _git.submit(history.last_changed, root)
    changes = _git.submit(lambda: tuple(history.changes(root)))
    _state.update(site=site, dates=dates, rendered=[])
    # Build-wide facts, given to the render functions that ask for them by parameter name.
    facts = {"edition": edition, "changes": changes}
    for function in render.MACROS:
        extra = {k: v for k, v in facts.items() if k in inspect.signature(function).parameters}
        env.macro(_bind(function, extra, site, env), function.__name__)


_git = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ks-git")


def _bind(function: Callable[..., render.Rendered], facts: dict, site: Site, env: Any) -> Callable[..., str]:
    def macro(*args: Any, **kwargs: Any) -> str:
        known = {k: v.result() if isinstance(v, Future) else v for k, v in facts.items()}
        result = function(site, *args, page_url=env.page.url if env.page else "", **known, **kwargs)
        _state["rendered"].append(result)
        return result

    return macro


def on_pre_page_macros(env: Any) -> None:
    _state["rendered"] = []


def on_post_page_macros(env: Any) -> None:
    """Append the page footer: sources and 'laatst bijgewerkt'."""
    page, site = env.page, _state["site"]
    rendered: list[render.Rendered] = _state["rendered"]
    sources = page_sources(site, page.meta.get("sources") or [], rendered, page.file.src_uri)
    data_files = list(dict.fromkeys(f for r in rendered for f in r.files))
    updated = history.page_date(_state["dates"].result(), [f"docs/{page.file.src_uri}", *data_files])
    env.markdown += "\n\n" + render.page_footer(site, sources, updated, page_url=page.url)


def page_sources(site: Site, ids: list[Any], rendered: list[render.Rendered], page: str) -> tuple:
    """Front-matter sources first, then those of the data on the page; each once."""
    from mkdocs.exceptions import PluginError

    known = {s.id: s for s in site.sources}
    if not isinstance(ids, list):
        raise PluginError(f"docs/{page}: 'sources' moet een lijst van bron-ids zijn, bijv. [vng-presentatie]")
    cited: dict[str, Any] = {}
    for source_id in ids:
        if source_id not in known:
            close = difflib.get_close_matches(str(source_id), known, n=1)
            hint = f"; bedoelde u '{close[0]}'?" if close else ""
            raise PluginError(f"docs/{page}: onbekende bron '{source_id}' in 'sources'{hint} (zie data/sources.yaml)")
        cited.setdefault(source_id, known[source_id])
    for result in rendered:
        for source in result.sources:
            cited.setdefault(source.id, source)
    return tuple(cited.values())
