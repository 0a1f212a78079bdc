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


#: Where an abbreviation may start: a word not glued to a letter, '-', or the '&' or '&#' of a character
#: reference before it (wrapping the 39 of '&#39;' once broke every apostrophe on the site).
_START = re.compile(r"(?<![\w&#-])\w+")
_END = re.compile(r"[\w-]")


@functools.cache
def _matcher(terms: tuple[GlossaryTerm, ...]) -> dict[str, list[tuple[str, str]]]:
    """(abbreviation, title) pairs by the abbreviation's first word, longest first, made once per glossary.

    A lookup per word keeps the cost per page independent of the glossary's size."""
    by_word: dict[str, list[tuple[str, str]]] = {}
    for t in sorted(terms, key=lambda t: len(t.abbr), reverse=True):
        abbr = str(escape(t.abbr))
        first = _START.match(abbr)
        if first:
            by_word.setdefault(first.group(), []).append((abbr, str(escape(t.term))))
    return by_word


def _wrap(text: str, by_word: dict[str, list[tuple[str, str]]]) -> str:
    if by_word.keys().isdisjoint(_START.findall(text)):  # most text holds no abbreviation at all
        return text
    out, done = [], 0
    for word in _START.finditer(text):
        start = word.start()
        if start < done:
            continue
        for abbr, title in by_word.get(word.group(), ()):
            end = start + len(abbr)
            if text.startswith(abbr, start) and not _END.match(text, end):
                out += [text[done:start], f'<abbr title="{title}">{abbr}</abbr>']
                done = end
                break
    return "".join(out) + text[done:] if out else text


def add_abbreviations(html: str, terms: Iterable[GlossaryTerm]) -> str:
    """Wrap each whole-word abbreviation in text nodes in <abbr title="full term">."""
    by_word = _matcher(tuple(terms))
    if not by_word:
        return html

    out, skipping = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = _NAME.match(part)
            if name and name.group(1).lower() in SKIP and not part.endswith("/>"):
                skipping += -1 if part.startswith("</") else 1
            out.append(part)
        else:
            out.append(part if skipping else _wrap(part, by_word))
    return "".join(out)
