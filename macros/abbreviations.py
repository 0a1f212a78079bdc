"""Abbreviations from the glossary get a tooltip wherever they appear in a page's text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from markupsafe import escape

from .models import GlossaryTerm

#: Text inside these elements is left alone: it is code, already explained, or not text.
SKIP = {"abbr", "code", "pre", "script", "style", "svg", "textarea", "title", "kbd"}
_TAG = re.compile(r"(<[^>]+>)")
_NAME = re.compile(r"^</?([a-zA-Z0-9]+)")


@functools.cache
def _matcher(terms: tuple[GlossaryTerm, ...]) -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Titles by abbreviation and one pattern for all of them, made once per glossary."""
    titles = {str(escape(t.abbr)): str(escape(t.term)) for t in terms}
    if not titles:
        return titles, None
    words = "|".join(re.escape(a) for a in sorted(titles, key=len, reverse=True))
    return titles, re.compile(rf"(?<![\w&-])({words})(?![\w-])")


def add_abbreviations(html: str, terms: Iterable[GlossaryTerm]) -> str:
    """Wrap each whole-word abbreviation in text nodes in <abbr title="full term">."""
    titles, pattern = _matcher(tuple(terms))
    if pattern is None:
        return html

    def wrap(match: re.Match[str]) -> str:
        return f'<abbr title="{titles[match.group(1)]}">{match.group(1)}</abbr>'

    out, skipping = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = _NAME.match(part)
            if name and name.group(1).lower() in SKIP and not part.endswith("/>"):
                skipping += -1 if part.startswith("</") else 1
            out.append(part)
        else:
            out.append(part if skipping else pattern.sub(wrap, part))
    return "".join(out)
