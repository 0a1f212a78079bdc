"""The code reference (mkdocstrings) in `mkdocs serve`: rendered again only when the code changes.

mkdocstrings renders docs/ontwikkelaars/api.md on every rebuild: measured 0.5 s of a 1.4 s rebuild
(griffe reads the code in 0.1 s; its templates take the rest). So a page with `:::` blocks is kept
after it was rendered, under a hash of its Markdown, the Python files it documents (macros/) and
the settings of mkdocstrings and the Markdown extensions, together with what rendering told the
other plugins: the anchors autorefs resolves cross-references with, the entries of mkdocstrings'
inventory (objects.inv) and the handlers whose CSS it writes. A later build of the same session
with the same hash takes the page from there and tells them again. The pages are kept in memory,
on the plugin: `mkdocs serve` runs many builds in one process, `mkdocs build` one.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from ..cache import digest, files_digest

#: An autodoc block, as mkdocstrings finds it.
BLOCK = re.compile(r"^(#{1,6} *|)::: ?(.+?) *$", re.MULTILINE)

Call = tuple[tuple[Any, ...], dict[str, Any]]


@dataclass(frozen=True)
class RenderedPage:
    """A page as `Page.render` left it, and what rendering registered elsewhere."""

    content: str
    toc: TableOfContents
    title: str | None
    anchor_ids: frozenset[str] | None
    links: tuple[tuple[str, dict[str, str]], ...] | None  # links to anchors in other pages, by their src_uri
    anchors: tuple[Call, ...]  # autorefs.register_anchor, without the page
    inventory: tuple[Call, ...]  # mkdocstrings' inventory.register
    handlers: tuple[str, ...]  # mkdocstrings handlers used


@contextlib.contextmanager
def recording(owner: Any, method: str, calls: list[Call], skip: int = 0) -> Iterator[None]:
    """Note every call of owner.method (arguments after the first `skip`) while it still does its work."""
    original = getattr(owner, method)

    def record(*args: Any, **kwargs: Any) -> Any:
        calls.append((args[skip:], kwargs))
        return original(*args, **kwargs)

    setattr(owner, method, record)
    try:
        yield
    finally:
        delattr(owner, method)  # the class's own method again


class CodeReference:
    """The rendered code reference pages of one session, by their source file."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, RenderedPage]] = {}
        self.reused = 0  # pages taken from here in this session, for the log and the tests

    def prepare(self, page: Page, markdown: str, config: MkDocsConfig) -> None:
        """Before the page is rendered: if it documents code, take it from here or keep it once rendered."""
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is None or not mkdocstrings.config.enabled or not BLOCK.search(markdown):
            return
        key = self.key(markdown, page, config)
        kept = self.kept.get(page.file.src_uri)
        if kept is not None and kept[0] == key:
            page.render = partial(self._restore, page, kept[1])  # type: ignore[method-assign]
        else:
            page.render = partial(self._render, page, key)  # type: ignore[method-assign]

    @staticmethod
    def key(markdown: str, page: Page, config: MkDocsConfig) -> str:
        """The hash of what the page's HTML is made from."""
        root = Path(config.config_file_path).parent
        return digest(
            page.file.src_uri, page.url, markdown, files_digest(list((root / "macros").rglob("*.py")), root),
            repr(config.plugins["mkdocstrings"].config), repr(config.mdx_configs),
            *(e for e in config.markdown_extensions if isinstance(e, str)),  # not mkdocstrings' own, made anew
        )  # fmt: skip

    def _render(self, page: Page, key: str, config: MkDocsConfig, files: Files) -> None:
        handlers = config.plugins["mkdocstrings"].handlers
        anchors: list[Call] = []
        inventory: list[Call] = []
        with recording(config.plugins["autorefs"], "register_anchor", anchors, skip=1):
            with recording(handlers.inventory, "register", inventory):
                Page.render(page, config, files)
        links = page.links_to_anchors
        self.kept[page.file.src_uri] = (key, RenderedPage(
            content=page.content or "",
            toc=copy.deepcopy(page.toc),
            title=page._title_from_render,  # MkDocs' own: the page title when the nav and meta give none
            anchor_ids=None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
            links=None if links is None else tuple((f.src_uri, dict(v)) for f, v in links.items()),
            anchors=tuple(anchors),
            inventory=tuple(inventory),
            handlers=tuple(handler.name for handler in handlers.seen_handlers),
        ))  # fmt: skip

    def _restore(self, page: Page, kept: RenderedPage, config: MkDocsConfig, files: Files) -> None:
        page.content = kept.content
        page.toc = copy.deepcopy(kept.toc)
        page._title_from_render = kept.title
        page.present_anchor_ids = None if kept.anchor_ids is None else set(kept.anchor_ids)
        if kept.links is not None:
            page.links_to_anchors = {files.get_file_from_path(src): dict(v) for src, v in kept.links}
        autorefs = config.plugins["autorefs"]
        for args, kwargs in kept.anchors:
            autorefs.register_anchor(page, *args, **kwargs)
        handlers = config.plugins["mkdocstrings"].handlers
        for name in kept.handlers:
            handlers.get_handler(name)  # used in this build: mkdocstrings writes its CSS
        for args, kwargs in kept.inventory:
            handlers.inventory.register(*args, **kwargs)
        self.reused += 1
