"""Abbreviations from the glossary get a tooltip wherever they appear in a page's text.

A tooltip shows only on hover. So the first time an abbreviation appears on a page, it is also
a link to its entry in the glossary: a tap or Enter opens the explanation, and keyboard focus
shows the full term (ks-abbr.css). Inside a link or a heading it stays a plain tooltip."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from markupsafe import escape

from .models import GlossaryTerm

#: Text inside these elements is left alone: it is code, already explained, or not text (an option holds text only).
SKIP = frozenset({"abbr", "code", "pre", "script", "style", "svg", "textarea", "title", "kbd", "option"})
#: Inside these, an abbreviation gets no link of its own: a link cannot hold a link.
NO_LINK = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary"})
_TAG = re.compile(r"(<[^>]+>)")
_NAME = re.compile(r"^</?([a-zA-Z0-9]+)")


#: Where an abbreviation may start: a word not glued to a letter, '-', or the '&' or '&#' of a character
#: reference before it (wrapping the 39 of '&#39;' once broke every apostrophe on the site).
_START = re.compile(r"(?<![\w&#-])\w+")
_END = re.compile(r"[\w-]")


@functools.cache
def _matcher(terms: tuple[GlossaryTerm, ...]) -> dict[str, list[tuple[str, str, str]]]:
    """(abbreviation, title, glossary id) by the abbreviation's first word, longest first, once per glossary.

    A lookup per word keeps the cost per page independent of the glossary's size."""
    by_word: dict[str, list[tuple[str, str, str]]] = {}
    for t in sorted(terms, key=lambda t: len(t.abbr), reverse=True):
        abbr = str(escape(t.abbr))
        first = _START.match(abbr)
        if first:
            by_word.setdefault(first.group(), []).append((abbr, str(escape(t.term)), t.id))
    return by_word


def _wrap(text: str, by_word: dict[str, list[tuple[str, str, str]]], glossary: str | None, linked: set[str]) -> str:
    if by_word.keys().isdisjoint(_START.findall(text)):  # most text holds no abbreviation at all
        return text
    out, done = [], 0
    for word in _START.finditer(text):
        start = word.start()
        if start < done:
            continue
        for abbr, title, term_id in by_word.get(word.group(), ()):
            end = start + len(abbr)
            if text.startswith(abbr, start) and not _END.match(text, end):
                tag = f'<abbr title="{title}">{abbr}</abbr>'
                if glossary is not None and term_id not in linked:
                    linked.add(term_id)
                    tag = f'<a class="ks-abbr" href="{escape(glossary)}#{term_id}" data-term="{title}">{tag}</a>'
                out += [text[done:start], tag]
                done = end
                break
    return "".join(out) + text[done:] if out else text


def add_abbreviations(html: str, terms: Iterable[GlossaryTerm], glossary: str | None = None) -> str:
    """Wrap each whole-word abbreviation in text nodes in <abbr title="full term">; with the
    glossary page's address, the first of each term on the page also links to its entry."""
    by_word = _matcher(tuple(terms))
    if not by_word:
        return html

    out, skipping, no_link, linked = [], 0, 0, set()
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = _NAME.match(part)
            if name and not part.endswith("/>"):
                step = -1 if part.startswith("</") else 1
                skipping += step if name.group(1).lower() in SKIP else 0
                no_link += step if name.group(1).lower() in NO_LINK else 0
            out.append(part)
        else:
            out.append(part if skipping else _wrap(part, by_word, None if no_link else glossary, linked))
    return "".join(out)
