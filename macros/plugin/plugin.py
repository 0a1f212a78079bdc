"""The MkDocs plugin that owns one build: it loads and checks the data, adds the generated pages,
registers the macros with mkdocs-macros, adds each page's footer, and writes what comes after
the pages (bundles, search enrichment, open data, checklist PDFs, security policy).

Everything a build knows lives on the plugin instance and is set afresh in `on_config`: MkDocs
keeps one instance for a whole `mkdocs serve` session, because it has `on_startup`. What serves the
whole session is made in `__init__`: the checklist PDFs (their cache and a layout in the
background) and the code reference kept while the code is unchanged.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import staging
from ..abbreviations import add_abbreviations
from ..assets import CSS_BUNDLE, JS_BUNDLE, bundle, components
from ..build import PageBuild, PageError, edition_for
from ..cache import Cache
from ..csp import SHIM_URL, ForeignScript, with_policy
from ..feeds import write_feeds
from ..loader import DataErrors, load_site
from ..open_data import write_open_data
from ..pages import GeneratedPage, generated_pages, nav_with_generated, write_redirects
from ..pdf import print_job
from ..search import enrich
from ..site import Site
from ..urls import UrlStyle, docs_url
from .code_reference import CodeReference
from .config import GuidanceConfig
from .pdfs import ChecklistPdfs

log = logging.getLogger("mkdocs.plugins.guidance")

COMPONENT_PREFIXES = ("assets/css/ks-", "assets/javascripts/ks-")  # our components (macros/assets.py)
GLOSSARY_PAGE = "begrippen.md"  # where the glossary_list macro shows every term by its id

#: Front matter the theme prints into attributes as it is (`<meta name="description" content="...">`).
ATTRIBUTE_META = ("description", "author")


def site_for(config: MkDocsConfig) -> Site:
    """The Site for this build; a data error stops the build with every message, no traceback."""
    try:
        return load_site(Path(config.config_file_path).parent / "data")
    except DataErrors as exc:
        raise PluginError(exc.report()) from None


class GuidancePlugin(BasePlugin[GuidanceConfig]):
    """One build of a guidance site: its Site, generated pages, bundles, URL style and edition."""

    def __init__(self) -> None:
        self.serving = False  # `mkdocs serve`: new PDFs are made in the background
        self.pdfs = ChecklistPdfs()  # for the whole session: its cache and background layout
        self.code_reference = CodeReference()  # for the whole session: rendered again when the code changed

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """`mkdocs serve` shows the whole site, and every rebuild after an edit within two seconds."""
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        """`mkdocs serve` stops: no new PDF layouts in the background."""
        self.pdfs.close()

    @event_priority(1000)  # first: data errors before the macros plugin's; every later step writes into staging
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the data first, send the build to a staging directory, add generated pages to the nav,
        register the macros, bundle the components."""
        self.site = site_for(config)
        self.staging = staging.Staging.start(Path(config.site_dir))  # before MkDocs empties site_dir
        config.site_dir = str(self.staging.directory)
        root = Path(config.config_file_path).parent
        snippets = config.mdx_configs.get("pymdownx.snippets")
        if snippets:  # relative to mkdocs.yml, not to where `mkdocs build -f ...` was started
            paths = snippets.get("base_path", ["."])
            snippets["base_path"] = [str(root / p) for p in ([paths] if isinstance(paths, str) else paths)]
        self.build = PageBuild(root, self.site, edition_for(config))
        self.generated: dict[str, GeneratedPage] = generated_pages(self.site)
        config.nav = nav_with_generated(config.nav or [], self.site, self.generated)
        if self.config.preview and "mkdocstrings" in config.plugins:  # before its on_config: it then renders nothing
            config.plugins["mkdocstrings"].config.enabled = False
        self._set_offline(config)
        self.bundled = {
            "css": components(config.extra_css, COMPONENT_PREFIXES[0]),
            "js": components(config.extra_javascript, COMPONENT_PREFIXES[1]),
        }
        config.extra_css = [e for e in config.extra_css if e not in self.bundled["css"]] + [CSS_BUNDLE]
        config.extra_javascript = [e for e in config.extra_javascript if str(e) not in self.bundled["js"]]
        config.extra_javascript.append(ExtraScriptValue(JS_BUNDLE))
        # async, not defer: a deferred script holds up DOMContentLoaded and with it Material's own start.
        config.extra_javascript[-1].async_ = True
        if self.config.offline:  # our copy of the search worker shim, so Material does not add its CDN address
            config.extra["polyfills"] = [SHIM_URL]
        macros = config.plugins.get("macros")
        if macros is not None:  # absent in a build of pre-rendered pages (the benchmark's)
            macros.register_macros(self.build.macros())
            macros.register_variables({"preview": self.config.preview})  # pages can say what a preview leaves out
        return config

    def _set_offline(self, config: MkDocsConfig) -> None:
        """The `offline` option turns Material's offline plugin on or off: one switch for both."""
        plugin = config.plugins.get("material/offline")
        if plugin is not None:
            plugin.config.enabled = self.config.offline
        elif self.config.offline:
            raise PluginError("mkdocs.yml: de optie 'offline' van 'guidance' heeft de plugin 'offline' nodig")

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """The theme's templates compiled once and kept between builds (keyed by their source, in
        the temp folder): MkDocs makes a new environment every build, and compiling Material's
        templates took a fifth of each `mkdocs serve` rebuild."""
        env.bytecode_cache = FileSystemBytecodeCache()
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages (step, checklist, action), made in on_config, to the site's files,
        and leave out the component files: they reach the site only inside the bundles, and one a
        guidance does not list in mkdocs.yml not at all."""
        docs = Path(config.docs_dir)
        index_pages = frozenset(docs_url(str(p.relative_to(docs))) for p in docs.rglob("index.md"))
        self.build.url_style = UrlStyle(config.use_directory_urls, index_pages)  # every plugin had its say now
        for page in self.generated.values():
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for file in [f for f in files if f.src_uri.startswith(COMPONENT_PREFIXES)]:
            files.remove(file)
        return files

    @event_priority(50)  # before the macros plugin renders the page
    def _on_page_markdown_start(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.build.start_page(page.url)
        return markdown

    @event_priority(-50)  # after the macros plugin rendered the page
    def _on_page_markdown_end(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Add the page footer (sources and 'laatst bijgewerkt'); give a generated page its
        description, data file and, if outside the nav, title."""
        try:
            markdown += self.build.footer(page.file.src_uri, page.meta)
        except PageError as exc:
            raise PluginError(str(exc)) from None
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            meta = generated.meta()
            page.meta.setdefault("description", meta.pop("description"))
            page.meta.update(meta)
        self.code_reference.prepare(page, markdown, config)
        return markdown

    on_page_markdown = CombinedEvent(_on_page_markdown_start, _on_page_markdown_end)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Add glossary tooltips to the page's HTML, the first of each a link to its entry."""
        glossary = files.get_file_from_path(GLOSSARY_PAGE)
        here = glossary is not None and page.file.src_uri == GLOSSARY_PAGE
        link = None if glossary is None else "" if here else get_relative_url(glossary.url, page.url)
        return add_abbreviations(html, self.site.glossary, link)

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
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

    def _with_policy(self, html: str, where: str) -> str:
        """The page with its policy; a script the site does not ship stops the build, naming the page."""
        try:
            return with_policy(html, offline=self.config.offline)
        except ForeignScript as exc:
            raise PluginError(f"{where}: {exc}") from None

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Add the Content-Security-Policy to each page, the offline edition's too."""
        return self._with_policy(output, f"docs/{page.file.src_uri}")

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Add the Content-Security-Policy to theme pages such as 404.html."""
        if not template_name.endswith(".html"):
            return output_content
        return self._with_policy(output_content, template_name)

    @event_priority(-50)  # after Material's search plugin wrote its index, before the offline plugin inlines it
    def _on_post_build(self, config: MkDocsConfig) -> None:
        """Bundles, search index enrichment, open data files, and checklist PDFs (unless previewing or `pdf: false`)."""
        self.build.close()
        site_dir = Path(config.site_dir)
        sources = Path(config.theme.custom_dir or Path(config.config_file_path).parent / "overrides")
        for target, files, header in ((CSS_BUNDLE, self.bundled["css"], "/* {name} */"),
                                      (JS_BUNDLE, self.bundled["js"], "// {name}")):  # fmt: skip
            if files:
                path = site_dir / target
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(bundle(sources, files, header), encoding="utf-8")
        index_path = site_dir / "search" / "search_index.json"
        if index_path.exists():
            index = enrich(json.loads(index_path.read_text(encoding="utf-8")), self.site, self.build.url_style)
            index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        write_open_data(self.site, site_dir)
        write_feeds(self.site, site_dir, config, self.build.changes.result(), self.build.dates.result())
        # Step pages' old addresses (by id) lead on to their readable ones (by slug).
        write_redirects(
            self.site, site_dir, self.build.url_style, (lambda html: html) if self.config.offline else with_policy
        )
        if self.config.offline:  # a file bundle has no server to show a 404 page, and its links assume one
            (site_dir / "404.html").unlink(missing_ok=True)
        if self.config.preview or not self.config.pdf:
            log.info("Voorvertoning of pdf: false: checklist-PDF's zijn niet gemaakt")
            return
        cache = Cache(Path(config.config_file_path).parent / self.config.cache_dir / "pdf")
        served = self.staging.target if self.serving else None
        done = self.pdfs.publish(print_job(self.site, self.build.edition), cache, site_dir, served)
        log.debug(f"checklist PDFs: {done}")

    @event_priority(-1000)  # last: after every plugin wrote its files (search index, offline bundle, PDFs)
    def _on_post_build_staging(self, config: MkDocsConfig) -> None:
        """The build succeeded: put the staging directory in the place of site_dir."""
        with self.pdfs.lock:  # not while PDFs made in the background go into it
            self.staging.finish(config.strict)

    on_post_build = CombinedEvent(_on_post_build, _on_post_build_staging)

    def on_build_error(self, error: Exception) -> None:
        """The build failed: no git work left running, the site directory untouched, its staging dropped."""
        if hasattr(self, "build"):
            self.build.close()
        if hasattr(self, "staging"):
            self.staging.drop()
