"""The component stylesheets and scripts (one file each in overrides/assets/, ks- prefix) are
delivered as one minified stylesheet and one minified async script: fewer requests and bytes
before the first paint, while the sources keep their comments."""

from __future__ import annotations

from pathlib import Path

from rcssmin import cssmin
from rjsmin import jsmin

CSS_BUNDLE, JS_BUNDLE = "assets/css/ks.css", "assets/javascripts/ks.js"


def components(entries: list, prefix: str) -> list[str]:
    """Entries of a config list that are our components (by prefix), in their configured order."""
    return [str(e) for e in entries if str(e).startswith(prefix)]


def minified(path: Path) -> str:
    """A component as it is shipped: comments and spaces out (strings and template literals kept)."""
    text = path.read_text(encoding="utf-8")
    return cssmin(text) if path.suffix == ".css" else jsmin(text)


def bundle(sources: Path, files: list[str], header: str) -> str:
    """The files minified and joined in order, each introduced by its name."""
    return "".join(f"{header.format(name=f)}\n{minified(sources / f)}\n" for f in files)
