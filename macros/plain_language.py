"""Plain-language (B1) check on the built site: average sentence length per page.

`python -m macros.plain_language [site-dir] [--longest N]` prints every page's average
and the N longest sentences to rewrite. The tests use the same functions.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from .pages import is_redirect

GOAL, LIMIT = 15, 18
#: Blocks whose text is read as running text; each is split into sentences on its own.
BLOCKS = ("p", "li", "dd", "td", "th", "figcaption", "blockquote")
#: Parts of a page that are not prose: source lists, the TOC map, dates, permalinks, charts.
NOT_PROSE = (".ks-sources", ".ks-toc-nav", ".ks-updated", ".headerlink", "svg", "pre", "code")
#: Pages that are not Dutch prose: a list of titles, and the code reference (English docstrings).
EXEMPT = ("bronnen/", "ontwikkelaars/api/")
ABBREVIATIONS = ("bijv.", "o.a.", "i.o.v.", "incl.", "ca.", "nr.", "t.o.v.", "m.b.t.", "e.d.", "enz.", "d.w.z.", "vgl.")
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'‘(]?[A-Z0-9ÀÉÈËÏÖÜ€])")
_WORD = re.compile(r"[\w€%]+(?:[-'’.,][\w]+)*")


@dataclass(frozen=True)
class PageReport:
    """The sentences of one built page, for its average length."""

    url: str
    sentences: tuple[str, ...]

    @property
    def average(self) -> float:
        return sum(word_count(s) for s in self.sentences) / len(self.sentences) if self.sentences else 0.0


def word_count(sentence: str) -> int:
    """Words in a sentence, counting numbers and amounts as words."""
    return len(_WORD.findall(sentence))


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, not split after common Dutch abbreviations such as bijv."""
    text = " ".join(text.split())
    protected = text
    for i, abbr in enumerate(ABBREVIATIONS):
        protected = protected.replace(abbr, f"\x00{i}\x00")
    parts = _BOUNDARY.split(protected)
    restore = re.compile(r"\x00(\d+)\x00")
    return [restore.sub(lambda m: ABBREVIATIONS[int(m.group(1))], p).strip() for p in parts if word_count(p)]


def block_text(node) -> str:
    """Text of an element as a reader sees it: tooltips unwrapped, whitespace folded."""
    for abbr in node.select("abbr, a.ks-abbr"):  # a.ks-abbr: the tooltip's link to the glossary
        abbr.unwrap()
    node.smooth()
    return " ".join(node.get_text(" ").split())


def page_sentences(html: str) -> list[str]:
    """The sentences of a page's main content."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    if article is None:
        return []
    for selector in NOT_PROSE:
        for node in article.select(selector):
            node.decompose()
    sentences: list[str] = []
    for block in article.find_all(BLOCKS):
        if block.find(BLOCKS):  # a list item holding a nested list: its children count on their own
            continue
        sentences += split_sentences(block_text(block))
    return sentences


def report(site_dir: Path) -> list[PageReport]:
    """A PageReport for every built page except the exempt ones."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        if is_redirect(path):  # an old step address, no text of its own
            continue
        url = str(path.parent.relative_to(site_dir)).replace(".", "") + "/"
        url = "" if url == "/" else url
        if url in EXEMPT:
            continue
        pages.append(PageReport(url, tuple(page_sentences(path.read_text(encoding="utf-8")))))
    return pages


def main(argv: list[str] | None = None) -> int:
    """Command line: print averages per page and the longest sentences."""
    args = sys.argv[1:] if argv is None else argv
    longest = int(args[args.index("--longest") + 1]) if "--longest" in args else 10
    site_dir = Path(next((a for a in args if not a.startswith("--") and not a.isdigit()), "site"))
    if not site_dir.is_dir():
        print(f"{site_dir} bestaat niet: bouw eerst de site (make build)", file=sys.stderr)
        return 2
    pages = report(site_dir)
    print(f"Gemiddelde zinslengte per pagina (doel ≤ {GOAL}, grens {LIMIT} woorden):")
    for page in sorted(pages, key=lambda p: -p.average):
        mark = "  TE LANG" if page.average > LIMIT else ("  boven doel" if page.average > GOAL else "")
        print(f"  {page.average:5.1f}  /{page.url}{mark}")
    print(f"\nDe {longest} langste zinnen:")
    every = sorted(((word_count(s), p.url, s) for p in pages for s in p.sentences), reverse=True)
    for words, url, sentence in every[:longest]:
        print(f"  {words:3d} woorden  /{url}: {sentence}")
    return 1 if any(p.average > LIMIT for p in pages) else 0


if __name__ == "__main__":
    raise SystemExit(main())
