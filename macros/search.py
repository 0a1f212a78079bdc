"""Dutch search: the index Material builds is enriched at build time.

Every entry gets a `terms` field (indexed, never shown) with the words a reader may type
instead: the full term for an abbreviation and back (from the glossary), the parts of
compound words (kraamzorg -> kraam, zorg) and the synonym groups in data/search.yaml.
Checklist items and glossary terms get entries of their own, so a result opens on the item.
"""

from __future__ import annotations

import html
import re

from .site import Site
from .urls import DIRECTORY_URLS, UrlStyle, step_url

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|li|dt|dd|h[1-6]|td|th|caption|figcaption)\s*>", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ";", "…")
_WORD = re.compile(r"[0-9A-Za-zÀ-ÿ][0-9A-Za-zÀ-ÿ&'-]*")


def plain(text: str) -> str:
    """Text of an HTML fragment, without tags and entities. Where a paragraph, list item or
    heading ends without a full stop, one is put, so a snippet does not run a label into the
    next sentence ("… ouders Een lokale coalitie")."""
    blocks = [" ".join(html.unescape(_TAG.sub(" ", block)).split()) for block in _BLOCK_END.split(text)]
    blocks = [block for block in blocks if block]
    ended = [b if b.rstrip("\"'”’").endswith(_SENTENCE_END) else f"{b}." for b in blocks[:-1]]
    return " ".join([*ended, *blocks[-1:]])


def shown(text: str) -> str:
    """Text as Material shows it in a search result, which it inserts as HTML: escaped, so an
    entity-encoded tag in a title stays the text it was and never becomes markup."""
    return html.escape(text, quote=False)


def words(text: str) -> list[str]:
    """The words of a text as a reader types them (letters, digits, hyphens)."""
    return _WORD.findall(text)


#: Index boosts for the entries added here: they compete with whole pages, which Material favours.
ITEM_BOOST, TERM_BOOST = 1, 4
GLOSSARY = "begrippen/"


def extra_entries(site: Site, url_style: UrlStyle = DIRECTORY_URLS) -> list[dict]:
    """An entry per checklist item (opens on the item) and per glossary term.

    An item's entry has only its own words: Material shows it under its step's page already,
    and with the step's title as text every item of a step matched that title's words."""
    entries = [
        {
            "location": url_style.page(f"{step_url(step)}#{item.id}"),
            "title": html.escape(f"Checklist {step.number}: {item.text}"),  # HTML, like Material's own entries
            "text": "",
            "boost": ITEM_BOOST,
        }  # fmt: skip
        for step in site.steps
        for item in step.checklist
    ]
    entries += [
        {
            "location": url_style.page(f"{GLOSSARY}#{term.id}"),
            "title": html.escape(f"{term.abbr}: {term.term}"),
            "text": html.escape(term.explanation),
            "boost": TERM_BOOST,
        }  # fmt: skip
        for term in site.glossary
    ]
    return entries


class Vocabulary:
    """The glossary and data/search.yaml as lookups, built once per index (not once per entry)."""

    def __init__(self, site: Site):
        self.abbreviations = {t.abbr: words(t.term) for t in site.glossary}
        # Full terms by their first word: finding them costs one lookup per word of a text,
        # however long the glossary (one regex of all terms made the build grow quadratically).
        self.terms_from: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for t in site.glossary:
            sequence = tuple(w.lower() for w in words(t.term))
            if sequence:
                self.terms_from.setdefault(sequence[0], []).append((sequence, t.abbr))
        self.lower_abbreviations = {t.abbr.lower(): words(t.term) for t in site.glossary if not t.abbr.isupper()}
        self.parts = {part: i for i, part in enumerate(site.search.compound_parts)}
        self.longest_part = max(map(len, self.parts), default=0)
        self.groups: dict[str, list[str]] = {}
        for group in site.search.synonyms:
            for word in group.terms:
                self.groups.setdefault(word.lower(), []).extend(g.lower() for g in group.terms)
        self._parts_of: dict[str, tuple[str, ...]] = {}

    def split(self, word: str) -> tuple[str, ...]:
        """A compound word's known parts, longest first: kraamzorg -> (zorg, kraam).

        A part is a head or tail of the word at least three letters shorter than it; each head
        and tail up to the longest part is looked up, so the cost grows with neither the number
        of parts nor the square of the word's length (a pasted megabyte took minutes)."""
        if word not in self._parts_of:
            found: dict[str, str] = {}  # part -> rest of the word
            for cut in range(1, min(len(word) - 2, self.longest_part + 1)):
                head, tail = word[:cut], word[len(word) - cut :]
                if tail in self.parts:
                    found[tail] = word[: len(word) - cut]
                if head in self.parts:  # a head wins over a tail of the same text
                    found[head] = word[cut:]
            out: list[str] = []
            for part in sorted(found, key=lambda p: (-len(p), self.parts[p])):
                out += [part] + ([found[part]] if len(found[part]) >= 4 else [])
            self._parts_of[word] = tuple(out)
        return self._parts_of[word]


def terms_for(text: str, site: Site, vocabulary: Vocabulary | None = None) -> str:
    """The extra words that should find this text, space-separated and each once."""
    v = vocabulary or Vocabulary(site)
    found = words(text)
    lower = {w.lower() for w in found}
    extra: list[str] = []
    for word in dict.fromkeys(found):
        extra += v.abbreviations.get(word, ()) or v.lower_abbreviations.get(word.lower(), ())
    sequence = [w.lower().rstrip("'-&") for w in found]  # 'kansrijke start' ends on a quote
    for i, word in enumerate(sequence):
        extra += [abbr for term, abbr in v.terms_from.get(word, ()) if tuple(sequence[i : i + len(term)]) == term]
    for word in sorted(set(re.findall(r"[a-zà-ÿ]+", text.lower()))):  # sorted: same output every build
        extra += v.split(word)
    for word in sorted(lower & v.groups.keys()):
        extra += v.groups[word]
    return " ".join(dict.fromkeys(w.lower() for w in extra if w.lower() not in lower))


#: Boosts of the added fields: other words for a title count almost as much as the title itself;
#: `body` is the rest of the text beyond the snippet shown in a result.
FIELDS = (("title_terms", 300), ("terms", 10), ("body", 1))  # (field, boost)
SNIPPET = 240  # characters of text shown under a result; long texts made the result list slow


def split_text(text: str) -> tuple[str, str]:
    """Plain text cut at a word boundary: (shown snippet, the rest).

    It takes text, not HTML: un-escaping it again would turn an entity-encoded tag into a tag."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET:
        return text, ""
    cut = text.rfind(" ", 0, SNIPPET)
    cut = cut if cut > 0 else SNIPPET
    return text[:cut] + " …", text[cut:].strip()


def enrich(index: dict, site: Site, url_style: UrlStyle = DIRECTORY_URLS) -> dict:
    """The search index with extra entries, and on every entry the other words that should
    find it: `title_terms` for its title, `terms` for its text."""
    glossary = url_style.page(GLOSSARY)
    # The glossary page's own entries are only found by their titles: each term has an entry of
    # its own, and the page with every explanation in its text topped most searches.
    own = [{**doc, "text": ""} if doc["location"].startswith(glossary) else doc for doc in index["docs"]]
    docs = [*own, *extra_entries(site, url_style)]
    vocabulary = Vocabulary(site)
    for doc in docs:
        title = plain(doc.get("title", ""))
        full = plain(doc.get("text", ""))
        doc["title"] = shown(" ".join(title.split()))
        doc["title_terms"] = terms_for(title, site, vocabulary)
        in_title = set(doc["title_terms"].split())
        doc["terms"] = " ".join(w for w in terms_for(full, site, vocabulary).split() if w not in in_title)
        text, body = split_text(full)
        doc["text"], doc["body"] = shown(text), shown(body)
    config = {**index["config"], "fields": {**index["config"]["fields"], **{f: {"boost": b} for f, b in FIELDS}}}
    config["question_words"] = list(site.search.question_words)  # left out of a query by the search worker
    return {**index, "config": config, "docs": docs}
