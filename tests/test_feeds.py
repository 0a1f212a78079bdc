"""Feeds: the change log as Atom and the timeline as iCalendar, read back with a feed parser
and an iCalendar parser; editor text stays text; the bytes depend on the data only."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import feedparser
from icalendar import Calendar
from mkdocs.config import load_config

from macros import history
from macros.feeds import atom_feed, calendar, change_entry_url, write_feeds
from macros.loader import load_site
from macros.models import Milestone

from .conftest import ROOT

URL = "https://voorbeeld.nl/site/"
HOSTILE = 'Pagina: <script>alert(1)</script> & "x" {{ 7*7 }}'
TITLE = 'De ronde opent; aanvragen kan t/m 31 maart, "echt" & 1 < 2 \\ klaar.'  # iCalendar escapes ; , and \\
CONFIG = load_config(str(ROOT / "mkdocs.yml"))
SITE_URL = CONFIG.site_url
FEEDS = CONFIG.extra["feeds"]


def feed(changes, **kwargs) -> bytes:
    args = {"site_url": URL, "feed_path": "feeds/w.atom", "title": "Wijzigingen", "author": "Site",
            "empty_date": "2000-01-01"} | kwargs  # fmt: skip
    return atom_feed(changes, **args)


def milestone(id: str, day: str, title: str = "Iets gebeurt.") -> Milestone:
    return Milestone(id=id, date=day, title=title, sources=["bron"], checked="onbekend")


CHANGES = [
    history.Change("2026-01-05", ("Eerste versie van de site",)),
    history.Change("2026-02-10", (HOSTILE, "Stap 2.1.1 Vormen van een lokale coalitie: checklist gewijzigd")),
]


def test_atom_feed_has_one_entry_per_day_newest_first():
    parsed = feedparser.parse(feed(CHANGES))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Wijzigingen" and parsed.feed.language == "nl"
    assert [link.href for link in parsed.feed.links] == [URL + "wat-is-er-veranderd/", URL + "feeds/w.atom"]
    assert parsed.feed.updated_parsed[:3] == (2026, 2, 10)
    assert [e.title for e in parsed.entries] == ["Wijzigingen op 10 februari 2026", "Wijzigingen op 5 januari 2026"]
    first = parsed.entries[0]
    assert first.link == first.id == change_entry_url(URL, "2026-02-10")
    assert first.id == URL + "wat-is-er-veranderd/#wijziging-2026-02-10"
    assert first.content[0].value.splitlines()[1] == "- Stap 2.1.1 Vormen van een lokale coalitie: checklist gewijzigd"


def test_atom_feed_keeps_editor_text_as_plain_text():
    raw = feed(CHANGES)
    assert b"<script" not in raw and b"&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in raw
    content = feedparser.parse(raw).entries[0].content[0]
    assert content.type == "text/plain"
    assert content.value.splitlines()[0] == f"- {HOSTILE}"


def test_atom_feed_has_no_build_time():
    assert feed(CHANGES) == feed(list(reversed(CHANGES)))
    assert datetime.now(UTC).date().isoformat().encode() not in feed(CHANGES)
    empty = feedparser.parse(feed([]))
    assert empty.entries == [] and empty.feed.updated_parsed[:3] == (2000, 1, 1)


def test_calendar_has_the_milestones_known_to_the_day():
    milestones = [
        milestone("later", "2023-02-06", TITLE),
        milestone("alleen-maand", "2022-06"),
        milestone("alleen-jaar", "2019"),
        milestone("eerder", "2022-07-01"),
    ]
    raw = calendar(milestones, site_url=URL, name="Tijdlijn", revised="2026-11-20")
    parsed = Calendar.from_ical(raw)
    assert str(parsed["X-WR-CALNAME"]) == "Tijdlijn" and str(parsed["VERSION"]) == "2.0"
    events = parsed.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["eerder@voorbeeld.nl", "later@voorbeeld.nl"]
    later = events[1]
    assert b"opent\\; aanvragen kan t/m 31 maart\\, " in raw  # escaped by the library
    assert str(later["SUMMARY"]) == TITLE
    assert later.decoded("DTSTART") == date(2023, 2, 6) and later.decoded("DTEND") == date(2023, 2, 7)
    assert later.decoded("DTSTAMP") == datetime(2026, 11, 20, tzinfo=UTC)
    assert str(later["URL"]) == URL + "tijdlijn/#later"
    assert b"\r\n" in raw and calendar(list(reversed(milestones)), site_url=URL, name="Tijdlijn",
                                       revised="2026-11-20") == raw  # fmt: skip


def test_write_feeds_writes_where_the_config_says(tmp_path: Path):
    config = SimpleNamespace(site_url="https://voorbeeld.nl/site", site_name="Site", extra={"feeds": FEEDS},
                             config_file_path=str(ROOT / "mkdocs.yml"))  # fmt: skip
    site = load_site(ROOT / "data")
    log, dates = history.changes(ROOT), history.last_changed(ROOT)
    written = write_feeds(site, tmp_path, config, log, dates)
    assert written == [tmp_path / FEEDS["changes"], tmp_path / FEEDS["timeline"]]
    assert feedparser.parse(written[0].read_bytes()).feed.links[1].href == URL + FEEDS["changes"]
    assert Calendar.from_ical(written[1].read_bytes()).walk("VEVENT")
    assert write_feeds(site, tmp_path / "leeg", SimpleNamespace(**{**vars(config), "extra": {}}), log, dates) == []


# The built site


def test_built_feeds_match_the_data(site_dir: Path):
    parsed = feedparser.parse((site_dir / FEEDS["changes"]).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    days = history.changes(ROOT)
    assert days, "the site is built from a git checkout"
    assert [e.id for e in parsed.entries] == [change_entry_url(SITE_URL, c.date) for c in days]
    assert parsed.feed.links[1].href == SITE_URL + FEEDS["changes"]
    # Material fetches a sitemap.xml beside every <link rel="alternate">: there it must be the site's own.
    assert (site_dir / Path(FEEDS["changes"]).parent / "sitemap.xml").is_file()

    events = Calendar.from_ical((site_dir / FEEDS["timeline"]).read_bytes()).walk("VEVENT")
    site = load_site(ROOT / "data")
    by_day = [m for m in site.milestones if len(m.date) == 10]
    assert by_day, "the timeline has milestones known to the day"
    assert sorted(str(e["UID"]).split("@")[0] for e in events) == sorted(m.id for m in by_day)
    assert {str(e["SUMMARY"]) for e in events} == {m.title for m in by_day}


def test_feeds_are_linked_from_their_pages_and_the_head(page):
    atom, ics = SITE_URL + FEEDS["changes"], SITE_URL + FEEDS["timeline"]
    assert page("wat-is-er-veranderd/").select_one(f'article a[href="{atom}"]') is not None
    assert page("tijdlijn/").select_one(f'article a[href="{ics}"]') is not None
    for url in ("", "tijdlijn/", "stappen/lokale-coalitie-vormen/"):
        head = page(url).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert [urljoin(SITE_URL + url, link["href"]) for link in head] == [atom], url
