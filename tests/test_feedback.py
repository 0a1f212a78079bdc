"""Feedback without tracking and who is behind the site: on every built page a prefilled
e-mail with that page's address (and nothing else), the edit link out of the reading path,
and a footer with publisher, contact and the handreiking's version from mkdocs.yml."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, quote, urljoin, urlsplit

from mkdocs.config import load_config

from macros.loader import load_site
from macros.urls import docs_url

from .conftest import ROOT, content_urls, soup

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
EXTRA = CONFIG.extra


def built_pages(site_dir: Path) -> dict[str, Path]:
    """Site address -> file, for every page MkDocs built (the 404 page has no address of its own;
    the redirect pages at old step addresses are not pages of content)."""
    return {CONFIG.site_url + url: site_dir / url / "index.html" for url in content_urls(site_dir)}


def test_every_page_has_feedback_mail_with_its_own_address(site_dir: Path):
    pages = built_pages(site_dir)
    assert len(pages) > 60
    wrong = {}
    for address, path in pages.items():
        html = soup(path)
        links = {a.get_text(strip=True): a["href"] for a in html.select("aside.ks-feedback a[href^='mailto:']")}
        if set(links) != {"Was deze pagina nuttig?", "Meld een fout"}:
            wrong[address] = links
            continue
        expected_body = [f"Pagina: {address}\r\n\r\n"]
        for href in links.values():
            parts = urlsplit(href)
            query = parse_qs(parts.query)
            encoded = f"body=Pagina%3A%20{quote(address, safe='/')}%0D%0A"  # the address, percent-encoded
            if parts.path != EXTRA["feedback_email"] or set(query) != {"subject", "body"}:
                wrong[address] = href
            elif encoded not in href or query["body"] != expected_body:
                wrong[address] = href
    assert wrong == {}


def test_feedback_needs_no_script_cookie_or_other_host(page):
    aside = page("stappen/").select_one("aside.ks-feedback")
    assert aside.select("script, form, iframe, img") == []
    assert all(a["href"].startswith(("mailto:", CONFIG.repo_url)) for a in aside.select("a"))


def test_edit_link_sits_on_the_fout_gezien_line_not_in_the_reading_path(page):
    repo = CONFIG.repo_url
    for url, source in (("toegankelijkheid/", "docs/toegankelijkheid.md"),
                        ("stappen/lokale-coalitie-vormen/", "data/steps.yaml")):  # fmt: skip
        html = page(url)
        assert html.select(".md-content__button") == [], "no edit pencil above the text"
        line = html.select_one("aside.ks-feedback .ks-feedback__line--small")
        assert line.get_text(" ", strip=True).startswith("Fout gezien?")
        assert line.select_one("a[rel=edit]")["href"] == f"{repo}/edit/main/{source}"


def test_footer_says_who_is_behind_the_site_from_the_config(site_dir: Path):
    contacts = {c.email for c in load_site(ROOT / "data").contacts if c.email}
    assert EXTRA["contact"]["email"] in contacts, "the programme's public mailbox from data/contacts.yaml"
    assert EXTRA["feedback_email"] in contacts
    for address, path in built_pages(site_dir).items():
        footer = soup(path).select_one("footer .ks-colophon")
        text = footer.get_text(" ", strip=True)
        assert EXTRA["handreiking"]["by"] in text and f"versie {EXTRA['handreiking_version']}" in text, path
        assert EXTRA["handreiking"]["status"] in text
        assert footer.select_one(f'a[href="mailto:{EXTRA["contact"]["email"]}"]') is not None
        targets = [urljoin(address, a["href"]) for a in footer.select(".ks-colophon__links a")]
        assert targets == [CONFIG.site_url + docs_url(f) for f in EXTRA["footer_links"]], path
