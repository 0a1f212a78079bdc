"""Feeds: the change log as an Atom feed and the timeline as an iCalendar file, written into
the built site by the post-build hook.

Both are made by libraries that escape what they are given, so editor text stays text in a
feed reader or calendar. They carry no "now": every date comes from the data or from git,
so two builds of one commit give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from .filters import milestone_date
from .history import Change, build_date
from .models import Milestone
from .site import Site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CHANGE_LOG_PAGE = "wat-is-er-veranderd/"
TIMELINE_PAGE = "tijdlijn/"


def _midnight(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=UTC)


def change_entry_url(site_url: str, day: str) -> str:
    """A day's section on the change log page (the heading id set in change_log.md)."""
    return f"{site_url}{CHANGE_LOG_PAGE}#wijziging-{day}"


def atom_feed(changes: Iterable[Change], *, site_url: str, feed_path: str, title: str, author: str,
              empty_date: str) -> bytes:  # fmt: skip
    """The change log as Atom: one entry per day with a change, newest first, as plain text.

    `empty_date` (YYYY-MM-DD) dates a feed without entries, which Atom still requires."""
    days = sorted(changes, key=lambda c: c.date, reverse=True)
    feed = FeedGenerator()
    feed.id(site_url + CHANGE_LOG_PAGE)
    feed.title(title)
    feed.author({"name": author})
    feed.link(href=site_url + CHANGE_LOG_PAGE, rel="alternate", type="text/html")
    feed.link(href=site_url + feed_path, rel="self", type="application/atom+xml")
    feed.language("nl")
    feed.generator("python-feedgen")  # without its version, which would change the bytes on an upgrade
    feed.updated(_midnight(days[0].date if days else empty_date))
    for change in days:
        entry = feed.add_entry(order="append")
        url = change_entry_url(site_url, change.date)
        entry.id(url)
        entry.title(f"Wijzigingen op {milestone_date(change.date)}")
        entry.link(href=url)  # rel defaults to "alternate"
        entry.updated(_midnight(change.date))
        entry.content("\n".join(f"- {part}" for part in change.parts), type="text")
    return feed.atom_str(pretty=True)


def _day(milestone: Milestone) -> date | None:
    """The milestone's day; None for one known only by year or month, which a calendar cannot place."""
    return date.fromisoformat(milestone.date) if len(milestone.date) == 10 else None


def calendar(milestones: Iterable[Milestone], *, site_url: str, name: str, revised: str) -> bytes:
    """The milestones known to the day as all-day events, oldest first.

    `revised` (YYYY-MM-DD), when the timeline data last changed, is every event's DTSTAMP:
    for a calendar without METHOD that is the date its information was last revised (RFC 5545)."""
    host = urlsplit(site_url).hostname or "localhost"
    cal = Calendar()
    cal.add("prodid", f"-//{host}//{name}//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("url", site_url + TIMELINE_PAGE)
    dated = sorted(((day, m) for m in milestones if (day := _day(m))), key=lambda pair: (pair[0], pair[1].id))
    for day, milestone in dated:
        event = Event()
        event.add("uid", f"{milestone.id}@{host}")
        event.add("dtstamp", _midnight(revised))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", milestone.title)
        event.add("url", f"{site_url}{TIMELINE_PAGE}#{milestone.id}")
        event.add("transp", "TRANSPARENT")  # a milestone does not make anyone busy
        cal.add_component(event)
    return cal.to_ical()


def write_feeds(
    site: Site, site_dir: Path, config: MkDocsConfig, log: Iterable[Change], dates: dict[str, str]
) -> list[Path]:
    """Write the Atom feed and the calendar where mkdocs.yml `extra.feeds` says (nothing without it).
    The change log and the files' dates are the build's own (git is read once a build)."""
    paths = config.extra.get("feeds")
    if not paths:
        return []
    site_url = config.site_url.rstrip("/") + "/"
    name = f"Tijdlijn {config.extra.get('short_name') or config.site_name}"
    revised = dates.get("data/milestones.yaml", build_date())
    files = {
        paths["changes"]: atom_feed(
            list(log), site_url=site_url, feed_path=paths["changes"],
            title=f"Wat is er veranderd? {config.site_name}", author=config.site_name, empty_date=build_date(),
        ),
        paths["timeline"]: calendar(site.milestones, site_url=site_url, name=name,
                                    revised=revised),
    }  # fmt: skip
    written = []
    for relative, content in files.items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
