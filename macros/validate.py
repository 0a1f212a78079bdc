"""Command line check of data/: `python -m macros.validate [data-dir] [--stale-after-months N]`.

Prints every problem as `file:line:column path: message (allowed)` and exits 1, or
prints a one-line summary and exits 0. Used by editors, the pre-commit hook and CI.

It also lists dated facts (amounts, deadlines, agreements, contacts, duties) whose check
date is older than N months (default 12, or KS_STALE_AFTER_MONTHS), and facts never
checked. That list is a warning: a source may simply not have changed, so it never fails.
"""

from __future__ import annotations

import argparse
import calendar
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .loader import DataErrors, load_site
from .models import COLLECTIONS, UNCHECKED
from .site import Site

DEFAULT_STALE_MONTHS = 12
STALE_ENV = "KS_STALE_AFTER_MONTHS"


@dataclass(frozen=True)
class StaleFact:
    """A dated fact to check against its source again."""

    file: str  # 'data/funding.yaml'
    record: str  # its id, or the collection for a record without one
    checked: date | str  # a date, or 'onbekend'

    def __str__(self) -> str:
        if self.checked == UNCHECKED:
            return f"{self.file} ({self.record}): nog nooit met de bron gecontroleerd"
        return f"{self.file} ({self.record}): gecontroleerd op {self.checked}"


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of the month when it has fewer days)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_facts(site: Site, months: int = DEFAULT_STALE_MONTHS, today: date | None = None) -> list[StaleFact]:
    """Every record with a check date older than `months` months, or never checked; oldest first."""
    limit = months_before(today or date.today(), months)
    found = []
    for collection in COLLECTIONS:
        for record in site.records(collection):
            checked = getattr(record, "checked", None)
            if checked is None:
                continue  # a record type without check dates, or an optional one left empty
            if checked == UNCHECKED or checked < limit:
                found.append(StaleFact(f"data/{collection.file}.yaml", getattr(record, "id", collection.key), checked))
    return sorted(found, key=lambda f: (f.checked != UNCHECKED, str(f.checked), f.file, f.record))


def stale_months(value: str | None) -> int:
    """The stale period from the command line or the environment; a clear message when it is no number."""
    text = value if value is not None else os.environ.get(STALE_ENV, str(DEFAULT_STALE_MONTHS))
    try:
        months = int(text)
    except ValueError:
        raise SystemExit(f"--stale-after-months / {STALE_ENV} moet een heel getal zijn, niet '{text}'") from None
    if months < 0:
        raise SystemExit(f"--stale-after-months / {STALE_ENV} mag niet negatief zijn, niet {months}")
    return months


def stale_report(facts: list[StaleFact], months: int) -> str:
    """The warning printed by validate and by the weekly link check."""
    if not facts:
        return f"Alle gedateerde feiten zijn in de afgelopen {months} maanden met hun bron gecontroleerd."
    lines = [
        f"Waarschuwing: {len(facts)} feiten zijn langer dan {months} maanden niet met hun bron gecontroleerd "
        "(of nog nooit). Lees de bron, pas het feit zo nodig aan en zet 'checked' op de datum van vandaag:"
    ]
    return "\n".join([*lines, *(f"  {fact}" for fact in facts)])


def main(argv: list[str] | None = None) -> int:
    """Command line: check data/ and print every problem, or a summary and the stale-fact warning."""
    parser = argparse.ArgumentParser(prog="python -m macros.validate", description="Controleer de gegevens in data/.")
    parser.add_argument("data_dir", nargs="?", default="data", type=Path)
    parser.add_argument(
        "--stale-after-months", metavar="N", default=None,
        help=f"waarschuw voor feiten die langer dan N maanden niet gecontroleerd zijn "
        f"(standaard {DEFAULT_STALE_MONTHS}, of {STALE_ENV})",
    )  # fmt: skip
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    months = stale_months(args.stale_after_months)
    try:
        site = load_site(args.data_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(
        f"Gegevens in orde: {len(site.actions)} acties, {len(site.steps)} stappen, "
        f"{sum(len(s.checklist) for s in site.steps)} checklistpunten."
    )
    print(stale_report(stale_facts(site, months), months))
    return 0  # stale facts warn; they never fail a pull request


if __name__ == "__main__":
    raise SystemExit(main())
