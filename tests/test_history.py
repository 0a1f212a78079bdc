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


#: Old versions that were valid YAML but invalid data: read as far as they go.
INVALID_STEPS = {
    "date that does not exist": "steps:\n  - id: stap-lokaal\n    number: 2023-02-30\n",
    "huge number": "steps:\n  - id: stap-lokaal\n    number: " + "9" * 5000 + "\n",
    "list of lists": "steps:\n  - [id, stap-lokaal]\n  - id: [stap-lokaal]\n  - id: stap-lokaal\n    title: {a: b}\n",
}
#: Old versions that cannot be read at all.
BROKEN_STEPS = {
    "explicit tags": "steps:\n  - id: !!int abc\n    title: !!timestamp foo\n    data: !!binary AAAA\n",
    "python tag": "steps: !!python/object/apply:os.system ['echo hi']\n",
    "deep nesting": "steps: " + "[" * 5000 + "]" * 5000 + "\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    + "steps: [*i]\n",
    "not a list": "steps: 12\n",
    "syntax error": 'steps:\n  - id: "stap-lokaal\n    title: x\n  - id: y\n',
}


@pytest.mark.parametrize("broken", BROKEN_STEPS.values(), ids=BROKEN_STEPS.keys())
def test_a_commit_with_broken_data_is_skipped_with_a_notice_not_fatal(repo: Path, broken: str, caplog):
    steps = repo / "data" / "steps.yaml"
    good = steps.read_text()
    steps.write_text(broken)
    git(repo, "commit", "-qam", "broken", date="2026-02-01T10:00:00")
    steps.write_text(good.replace("title: Stap lokaal", "title: Stap lokaal, hersteld"))
    git(repo, "commit", "-qam", "fixed", date="2026-03-01T10:00:00")
    caplog.set_level("INFO")
    log = history.changes(repo)
    assert [c.date for c in log] == ["2026-03-01", "2026-02-01", "2026-01-05"]
    assert log[0].parts == ("Gegevens: Stappen en checklists",)
    assert log[1].parts == ("Gegevens: Stappen en checklists",)
    notices = [r.getMessage() for r in caplog.records if "onleesbaar" in r.getMessage()]
    assert len(notices) == 2 and all("data/steps.yaml" in n for n in notices)


@pytest.mark.parametrize("invalid", INVALID_STEPS.values(), ids=INVALID_STEPS.keys())
def test_a_commit_with_invalid_data_is_read_as_far_as_it_goes(repo: Path, invalid: str):
    steps = repo / "data" / "steps.yaml"
    good = steps.read_text()
    steps.write_text(invalid)
    git(repo, "commit", "-qam", "invalid", date="2026-02-01T10:00:00")
    steps.write_text(good)
    git(repo, "commit", "-qam", "fixed", date="2026-03-01T10:00:00")
    log = history.changes(repo)
    assert [c.date for c in log] == ["2026-03-01", "2026-02-01", "2026-01-05"]
    assert "Stap 2.2.1 Stap regionaal: nieuw" in log[0].parts


def test_a_readable_change_after_a_broken_one_still_names_its_steps(repo: Path):
    steps = repo / "data" / "steps.yaml"
    good = steps.read_text()
    steps.write_text(BROKEN_STEPS["explicit tags"])
    git(repo, "commit", "-qam", "broken", date="2026-02-01T10:00:00")
    steps.write_text(good)
    git(repo, "commit", "-qam", "fixed", date="2026-03-01T10:00:00")
    steps.write_text(good.replace("summary: Kort.", "summary: Korter.", 1))
    git(repo, "commit", "-qam", "edit", date="2026-04-01T10:00:00")
    assert history.changes(repo)[0].parts == ("Stap 2.1.1 Stap lokaal: tekst gewijzigd",)


def test_a_page_that_became_a_folder_or_is_not_utf8_has_a_title(repo: Path):
    (repo / "docs" / "oud.md").write_bytes(b"# Caf\xe9\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "latin-1", date="2026-02-01T10:00:00")
    (repo / "docs" / "index.md").unlink()
    (repo / "docs" / "index.md").mkdir()
    (repo / "docs" / "index.md" / "x.md").write_text("# X\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "folder", date="2026-03-01T10:00:00")
    log = history.changes(repo)
    assert "Pagina: Caf\ufffd" in log[1].parts
    assert "Pagina: X" in log[0].parts


def test_a_data_file_under_its_old_name_keeps_its_label(repo: Path):
    """data/action_lines.yaml became data/focus_areas.yaml: changes from before the rename still read as such."""
    data = repo / "data"
    git(repo, "mv", "data/focus_areas.yaml", "data/action_lines.yaml")
    old = data / "action_lines.yaml"
    old.write_text(old.read_text().replace("focus_areas:", "action_lines:", 1))
    git(repo, "commit", "-qam", "old name", date="2026-02-01T10:00:00")
    old.write_text(old.read_text() + "\n")
    git(repo, "commit", "-qam", "edit under the old name", date="2026-03-01T10:00:00")
    git(repo, "mv", "data/action_lines.yaml", "data/focus_areas.yaml")
    new = data / "focus_areas.yaml"
    new.write_text(new.read_text().replace("action_lines:", "focus_areas:", 1))
    git(repo, "commit", "-qam", "rename", date="2026-04-01T10:00:00")
    log = history.changes(repo)
    assert [c.date for c in log] == ["2026-04-01", "2026-03-01", "2026-02-01", "2026-01-05"]
    assert log[0].parts == ("Gegevens: Focusgebieden",)  # the rename: old and new name, one line
    assert log[1].parts == ("Gegevens: Focusgebieden",)
    assert history.RENAMED["action_lines"] in history.DATA_LABELS
