"""When each file last changed, from git: the 'laatst bijgewerkt' date of a page."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path


def last_changed(root: Path, paths: tuple[str, ...] = ("docs", "data")) -> dict[str, str]:
    """Repository path -> ISO date (YYYY-MM-DD) of the last commit that touched it.

    One `git log` for the whole build. Outside a git checkout the answer is empty and
    pages show no date rather than a wrong one.
    """
    try:
        out = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", *paths],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for block in out.split("\x00")[1:]:
        date, *files = block.strip().splitlines()
        for file in files:
            dates.setdefault(file, date)  # git log is newest first
    return dates


def page_date(dates: dict[str, str], files: list[str]) -> str | None:
    """The newest date among the files a page is made of."""
    known = [dates[f] for f in files if f in dates]
    return max(known) if known else None


def build_date() -> str:
    """The date printed on checklists: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    return date.today().isoformat()
