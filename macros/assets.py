"""The component stylesheets and scripts (one file each in overrides/assets/, ks- prefix) are
delivered as one stylesheet and one async script: fewer requests before the first paint."""

from __future__ import annotations

from pathlib import Path

CSS_BUNDLE, JS_BUNDLE = "assets/css/ks.css", "assets/javascripts/ks.js"


def components(entries: list, prefix: str) -> list[str]:
    """Entries of a config list that are our components (by prefix), in their configured order."""
    return [str(e) for e in entries if str(e).startswith(prefix)]


def bundle(sources: Path, files: list[str], header: str) -> str:
    """The files joined in order, each introduced by its name."""
    return "".join(f"{header.format(name=f)}\n{(sources / f).read_text(encoding='utf-8')}\n" for f in files)
