"""When each file last changed, from git: the 'laatst bijgewerkt' date of a page."""

from __future__ import annotations

import logging
import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType

from .loader import parse
from .models import COLLECTIONS

log = logging.getLogger("mkdocs.plugins.guidance")


def last_changed(root: Path, paths: tuple[str, ...] = ("docs", "data")) -> dict[str, str]:
    """Repository path -> ISO date (YYYY-MM-DD) of the last commit that touched it.

    One `git log` for the whole build; paths are relative to `root`, which may be a folder of the
    repository (examples/). Outside a git checkout the answer is empty and
    pages show no date rather than a wrong one.
    """
    try:
        out = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", *paths],
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


#: What a changed data file means to a reader.
DATA_LABELS = MappingProxyType({c.file: c.label for c in COLLECTIONS})

#: Data files renamed since: old name -> current name, so old commits keep their label in the change log.
#: (History reads no field of these files, only their name.)
RENAMED = MappingProxyType({"action_lines": "focus_areas"})  # renamed on 2026-11-29


@dataclass(frozen=True)
class Change:
    """What changed on the site on one day, in words a reader understands."""

    date: str
    parts: tuple[str, ...]


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def _files_at(root: Path, names: list[str]) -> dict[str, str]:
    """Contents of `<commit>:<path>` names, from one `git cat-file` (one process, not one per name)."""
    try:
        out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, capture_output=True, check=True,
                             input="".join(f"{n}\n" for n in names).encode()).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return {}
    found, at = {}, 0
    for name in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3:  # '<object> blob <size>', then the content and a newline
            size = int(header[2])
            found[name] = out[at : at + size].decode("utf-8", "replace")
            at += size + 1
    return found


def _steps(text: str | None) -> dict[str, dict] | None:
    """Steps by id in one version of data/steps.yaml; None if that version cannot be read.

    Old versions are read with the loader's limits: one that once held broken data (a date
    that does not exist, a YAML tag, an alias bomb) must not stop every later build."""
    _, data, errors = parse(text or "", "data/steps.yaml")
    steps = data.get("steps") if isinstance(data, dict) and not errors else None
    if text and not isinstance(steps, list):
        return None
    return {s["id"]: s for s in steps or [] if isinstance(s, dict) and isinstance(s.get("id"), str)}


def step_changes(before_text: str | None, after_text: str | None) -> list[str] | None:
    """Per step: added, removed, checklist changed, or text changed, between two versions of data/steps.yaml.

    None when either version cannot be read."""
    before, after = _steps(before_text), _steps(after_text)
    if before is None or after is None:
        return None

    def name(step: dict) -> str:
        return f"Stap {step.get('number', '?')} {step.get('title', step.get('id'))}"

    out = []
    for step_id, step in after.items():
        old = before.get(step_id)
        if old is None:
            out.append(f"{name(step)}: nieuw")
        elif old.get("checklist") != step.get("checklist"):
            out.append(f"{name(step)}: checklist gewijzigd")
        elif old != step:
            out.append(f"{name(step)}: tekst gewijzigd")
    out += [f"{name(step)}: verwijderd" for step_id, step in before.items() if step_id not in after]
    return out


def _current(data_file: str) -> str:
    """The collection a data file is (or was, under an old name)."""
    stem = Path(data_file).stem
    return RENAMED.get(stem, stem)


def _page_title(root: Path, path: str) -> str:
    file = root / path
    if file.is_file():
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    stem = Path(path).stem if Path(path).stem != "index" else Path(path).parent.name
    return stem.replace("-", " ").capitalize()


def changes(root: Path, limit: int = 60) -> list[Change]:
    """What changed on the site per day, newest first, from the history of data/ and docs/."""
    out = _git(
        root, "log", f"-{limit}", "--format=%x00%H%x1f%cs%x1f%P", "--name-only", "--relative", "--", "docs", "data"
    )
    commits = [block.strip().splitlines() for block in (out or "").split("\x00")[1:]]
    steps = "data/steps.yaml"
    touched = [header.split("\x1f")[0] for header, *files in commits if steps in files]
    versions = _files_at(root, [f"{commit}{rev}:./{steps}" for commit in touched for rev in ("^", "")])
    days: dict[str, list[str]] = {}
    for header, *files in commits:
        commit, date, parents = header.split("\x1f")
        parts = days.setdefault(date, [])
        if not parents:
            parts.append("Eerste versie van de site")
            continue
        for file in files:
            if file == steps:
                named = step_changes(versions.get(f"{commit}^:./{steps}"), versions.get(f"{commit}:./{steps}"))
                if named is None:
                    log.info(f"Wijzigingslog: een oude versie van {steps} (commit {commit[:7]}) is onleesbaar; "
                             "die wijziging staat er zonder stapnamen in")  # fmt: skip
                parts += [f"Gegevens: {DATA_LABELS['steps']}"] if named is None else named
            elif file.startswith("data/") and file.endswith(".yaml") and _current(file) in DATA_LABELS:
                parts.append(f"Gegevens: {DATA_LABELS[_current(file)]}")
            elif file.startswith("docs/") and file.endswith(".md"):
                parts.append(f"Pagina: {_page_title(root, file)}")
    return [Change(date, tuple(dict.fromkeys(parts))) for date, parts in days.items() if parts]
