"""Dates and the change log come from git: tested on a small repository made here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from macros import history

from .conftest import FIXTURES


def git(root: Path, *args: str, date: str = "2026-01-05T12:00:00") -> None:
    who = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    env = {**who, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(root), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Welkom\n\nTekst.\n")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", date="2026-01-05T12:00:00")
    return tmp_path


def test_changes_name_each_step_whose_checklist_changed(repo: Path):
    steps = repo / "data" / "steps.yaml"
    steps.write_text(steps.read_text().replace("text: Item drie", "text: Item drie, verbeterd"))
    (repo / "data" / "glossary.yaml").write_text((repo / "data" / "glossary.yaml").read_text() + "\n")
    (repo / "docs" / "index.md").write_text("# Welkom\n\nAndere tekst.\n")
    git(repo, "commit", "-qam", "second", date="2026-02-10T09:00:00")
    steps.write_text(steps.read_text().replace("summary: Kort.", "summary: Korter.", 1))
    git(repo, "commit", "-qam", "third", date="2026-02-10T15:00:00")
    log = history.changes(repo)
    assert [c.date for c in log] == ["2026-02-10", "2026-01-05"]
    assert log[0].parts == (
        "Stap 2.1.1 Stap lokaal: tekst gewijzigd",  # newest commit first
        "Gegevens: Begrippen",
        "Stap 2.2.1 Stap regionaal: checklist gewijzigd",
        "Pagina: Welkom",
    )
    assert log[1].parts == ("Eerste versie van de site",)


def test_last_changed_dates_per_file(repo: Path):
    (repo / "docs" / "index.md").write_text("# Welkom\n\nNieuw.\n")
    git(repo, "commit", "-qam", "second", date="2026-03-01T10:00:00")
    dates = history.last_changed(repo)
    assert dates["docs/index.md"] == "2026-03-01"
    assert dates["data/steps.yaml"] == "2026-01-05"
    assert history.page_date(dates, ["docs/index.md", "data/steps.yaml", "data/unknown.yaml"]) == "2026-03-01"


def test_outside_git_there_is_no_date_rather_than_a_wrong_one(tmp_path: Path):
    assert history.last_changed(tmp_path) == {}
    assert history.changes(tmp_path) == []
    assert history.page_date({}, ["docs/index.md"]) is None


def test_build_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert history.build_date() == "2026-01-01"
