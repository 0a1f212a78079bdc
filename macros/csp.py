"""Content-Security-Policy for every page: only this site's own origin, no third parties.

Only the inline scripts we ship run, each allowed by its SHA-256 hash: Material's few (read
from its installed templates, so an upgrade is followed), ours in overrides/main.html and, in
the offline edition, the bootstrap the vendored search-worker shim writes into its iframe.
Any other inline script, event-handler attribute or `javascript:` link can only have come from
content, so it stops the build (`ForeignScript`) instead of being hashed into the policy.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import material

MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
#: Template files whose inline <script> elements we ship: Material's that our pages use, and ours.
SHIPPED = (MATERIAL / "base.html", MATERIAL / "palette.html", MATERIAL / "content.html", OVERRIDES / "main.html")
#: The offline edition's vendored search-worker shim: its address in the site, and its file.
SHIM_URL = "assets/javascripts/vendor/iframe-worker-shim.js"
SHIM = OVERRIDES / SHIM_URL
#: What a template expression inside a shipped script may print: a relative URL such as `../..`.
_EXPRESSION = r"[\w./-]*"
_SCRIPT_TYPE = re.compile(r"|module|.*(java|ecma|j|live)script.*")  # what a browser runs; other types are data

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)


class ForeignScript(ValueError):
    """A script on a page that the site does not ship: it came from content."""


def _sha256(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


@functools.cache
def shipped() -> tuple[re.Pattern[str], ...]:
    """The inline scripts we ship, as patterns: a `{{ ... }}` in a template becomes a relative URL."""
    patterns = []
    for template in SHIPPED:
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            parts = re.split(r"\{\{.*?\}\}", body, flags=re.S)
            patterns.append(re.compile(_EXPRESSION.join(re.escape(p) for p in parts)))
    return tuple(patterns)


def _function(source: str, name: str) -> str:
    """The source text of `function name(...){...}` in minified code (its braces balanced)."""
    start = source.index(f"function {name}(")
    depth, i = 0, source.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        if depth == 0:
            return source[start : i + 1]
        i += 1


def shim_bootstrap(worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its iframe for this worker URL.

    The iframe inherits the page's policy, so the page must allow this script by its hash; it
    is the shim's template literal with the shim's own functions and the worker URL filled in."""
    source = SHIM.read_text(encoding="utf-8")
    template = re.search(r"<script>(postMessage=.*?)<\\/script>", source).group(1)
    values = {"c": _function(source, "c"), "d": _function(source, "d"), "e": worker_url}
    return re.sub(r"\$\{(\w)\}", lambda m: values[m.group(1)], template)


class _Scripts(HTMLParser):
    """Inline scripts of a page, and any inline script that is not a <script> element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self.config: dict = {}
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                self.handlers.append(f'{name}="{value}"')
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.handlers.append(f'{name}="{value}"')
        if tag == "script" and "src" not in found:
            self._open = found
            self.inline.append("")

    def handle_data(self, data):
        if self._open is not None:
            self.inline[-1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            kind = (self._open.get("type") or "").strip().lower()
            if not _SCRIPT_TYPE.fullmatch(kind):  # a data island such as Material's __config
                body = self.inline.pop()
                if self._open.get("id") == "__config":
                    self.config = json.loads(body)
            self._open = None


def policy(html: str, offline: bool = False) -> str:
    """The policy for one page: our origin only, plus the hashes of the inline scripts we ship.

    Raises ForeignScript for any other inline script, event-handler attribute or javascript: URL."""
    page = _Scripts()
    page.feed(html)
    page.close()
    foreign = [body for body in page.inline if not any(p.fullmatch(body) for p in shipped())]
    if foreign or page.handlers:
        shown = [f"<script>{' '.join(b.split())[:60]}</script>" for b in foreign] + page.handlers
        raise ForeignScript(
            "script gevonden dat de site niet zelf meelevert: " + "; ".join(shown) + ". Scripts in tekst, "
            "Markdown of gegevens zijn niet toegestaan; haal het script weg (of voeg het als eigen "
            "JavaScript-bestand toe in overrides/assets/javascripts)"
        )
    bodies = set(page.inline)
    if offline and page.config.get("search"):
        bodies.add(shim_bootstrap(page.config["search"]))
    return POLICY.format(hashes="".join(" " + h for h in sorted(_sha256(body) for body in bodies)))


def with_policy(html: str, offline: bool = False) -> str:
    """The page with a CSP meta element right after its charset, before any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline)}">'
    return re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + meta, html, count=1)
