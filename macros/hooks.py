"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): data checks and generated pages.

MkDocs loads this file by path, so it imports the package absolutely.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from macros.abbreviations import add_abbreviations
from macros.assets import CSS_BUNDLE, JS_BUNDLE, bundle, components
from macros.csp import ForeignScript, with_policy
from macros.feeds import write_feeds
from macros.history import build_date
from macros.loader import DataErrors, load_site
from macros.open_data import write_open_data
from macros.pages import GeneratedPage, generated_pages, nav_with_generated, write_redirects
from macros.pdf import write_pdfs
from macros.render import Edition, UrlStyle
from macros.search import enrich
from macros.site import Site

log = logging.getLogger("mkdocs.plugins.kansrijke_start")


def site_for(config: MkDocsConfig) -> Site:
    """The Site for this build; a data error stops the build with every message, no traceback."""
    try:
        return load_site(Path(config.config_file_path).parent / "data")
    except DataErrors as exc:
        raise PluginError(exc.report()) from None


_bundled: dict[str, list[str]] = {}
_generated: dict[str, GeneratedPage] = {}  # this build's pages made from data, from on_config
GLOSSARY_PAGE = "begrippen.md"  # where the glossary_list macro shows every term by its id
_glossary: list = []  # this build's glossary, kept from on_config: per page, no data files are re-checked
SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


def preview() -> bool:
    """A quick preview (`mkdocs serve`, or KS_PREVIEW=1): no checklist PDFs and no code reference.

    Together they took more than half of every rebuild; `make build` and CI make both."""
    return os.environ.get("KS_PREVIEW") == "1"


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` previews: every rebuild after an edit should show within two seconds."""
    if command == "serve":
        os.environ["KS_PREVIEW"] = "1"  # the environment outlives this module, which MkDocs reloads per rebuild


def offline() -> bool:
    """Building the offline edition (KS_OFFLINE=true), opened from file:// without a server."""
    return os.environ.get("KS_OFFLINE", "").lower() == "true"


@event_priority(100)  # before the macros plugin, so data errors are reported first
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the data first, add generated pages to the nav, and bundle the components."""
    site = site_for(config)
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets:  # relative to mkdocs.yml, not to where `mkdocs build -f ...` was started
        root = Path(config.config_file_path).parent
        paths = snippets.get("base_path", ["."])
        snippets["base_path"] = [str(root / p) for p in ([paths] if isinstance(paths, str) else paths)]
    _generated.clear()
    _generated.update(generated_pages(site))
    config.nav = nav_with_generated(config.nav or [], site, _generated)
    if preview() and "mkdocstrings" in config.plugins:  # before its on_config: it then renders nothing
        config.plugins["mkdocstrings"].config.enabled = False
    _glossary[:] = site.glossary
    _bundled["css"] = components(config.extra_css, "assets/css/ks-")
    _bundled["js"] = components(config.extra_javascript, "assets/javascripts/ks-")
    config.extra_css = [e for e in config.extra_css if e not in _bundled["css"]] + [CSS_BUNDLE]
    config.extra_javascript = [e for e in config.extra_javascript if str(e) not in _bundled["js"]]
    config.extra_javascript.append(ExtraScriptValue(JS_BUNDLE))
    # async, not defer: a deferred script holds up DOMContentLoaded and with it Material's own start.
    config.extra_javascript[-1].async_ = True
    if offline():  # our copy of the search worker shim, so Material does not add its CDN address
        config.extra["polyfills"] = [SHIM]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages (step, checklist, action), made in on_config, to the site's files,
    and leave out the component files that only reach the site inside the bundles."""
    for page in _generated.values():
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for src_uri in (*_bundled.get("css", []), *_bundled.get("js", [])):
        bundled = files.get_file_from_path(src_uri)
        if bundled is not None:
            files.remove(bundled)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give a generated page its description, data file and, if outside the nav, title."""
    generated = _generated.get(page.file.src_uri)
    if generated is not None:
        page.meta.setdefault("description", generated.description)
        page.meta["data_file"] = f"data/{generated.data_file}"
        if generated.title:  # a page outside the nav: its title comes from here, escaped
            page.meta["title"] = generated.title
        if generated.searchable is False:
            page.meta["search"] = {"exclude": True}
    return markdown


def edition_for(config: MkDocsConfig) -> Edition:
    """Site address, handreiking version and build date, as printed on every checklist."""
    return Edition(
        site_url=config.site_url.rstrip("/") + "/",
        version=str(config.extra.get("handreiking_version", "")),
        build_date=build_date(),
    )


@event_priority(-50)  # after Material's search plugin wrote its index, before the offline plugin inlines it
def on_post_build(config: MkDocsConfig) -> None:
    """Search index enrichment, open data files, and checklist PDFs (KS_SKIP_PDF=1 skips those)."""
    site = site_for(config)
    sources = Path(config.config_file_path).parent / "overrides"
    for target, files, header in ((CSS_BUNDLE, _bundled.get("css"), "/* {name} */"),
                                  (JS_BUNDLE, _bundled.get("js"), "// {name}")):  # fmt: skip
        if files:
            path = Path(config.site_dir) / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(bundle(sources, files, header), encoding="utf-8")
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if index_path.exists():
        index = enrich(json.loads(index_path.read_text(encoding="utf-8")), site)
        index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    write_open_data(site, Path(config.site_dir))
    write_feeds(site, Path(config.site_dir), config)
    # Step pages' old addresses (by id) lead on to their readable ones (by slug).
    style = UrlStyle(config.use_directory_urls)
    write_redirects(site, Path(config.site_dir), style, (lambda html: html) if offline() else with_policy)
    if offline():  # a file bundle has no server to show a 404 page, and its links assume one
        (Path(config.site_dir) / "404.html").unlink(missing_ok=True)
    if os.environ.get("KS_SKIP_PDF") == "1" or preview():
        log.info("Voorvertoning of KS_SKIP_PDF=1: checklist-PDF's zijn niet gemaakt")
        return
    write_pdfs(site, Path(config.site_dir), edition_for(config))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add glossary tooltips to the page's HTML, the first of each a link to its entry."""
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    here = glossary is not None and page.file.src_uri == GLOSSARY_PAGE
    link = None if glossary is None else "" if here else get_relative_url(glossary.url, page.url)
    return add_abbreviations(html, _glossary, link)


def _with_policy(html: str, where: str) -> str:
    """The page with its policy; a script the site does not ship stops the build, naming the page."""
    try:
        return with_policy(html, offline=offline())
    except ForeignScript as exc:
        raise PluginError(f"{where}: {exc}") from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add the Content-Security-Policy to each page, the offline edition's too."""
    return _with_policy(output, f"docs/{page.file.src_uri}")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Add the Content-Security-Policy to theme pages such as 404.html."""
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content, template_name)


#: Front matter the theme prints into attributes as it is (`<meta name="description" content="...">`).
ATTRIBUTE_META = ("description", "author")


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """Escape what the theme prints into attributes unescaped, so a quote in a step summary can
    never add an attribute or element; and a page made from data is edited in its YAML file."""
    for key in ATTRIBUTE_META:
        if page.meta.get(key) is not None:
            page.meta[key] = escape(page.meta[key])  # Markup: escaping it again changes nothing
    data_file = page.meta.get("data_file")
    if data_file and config.repo_url and config.edit_uri:
        docs_edit_base = config.repo_url.rstrip("/") + "/" + config.edit_uri.lstrip("/")
        page.edit_url = urljoin(docs_edit_base, f"../{data_file}")
    return context
