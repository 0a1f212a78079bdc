"""A failed or interrupted build never empties the site: it is replaced only by a build that succeeded."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from macros import staging

from .conftest import ROOT, copy_project, mkdocs_build


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"), ROOT / "data")


@pytest.fixture(scope="module")
def first_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("first") / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def site(first_site: Path, tmp_path: Path) -> Path:
    """A published site (a copy of the first build, PDFs included) that a later build may replace."""
    return Path(shutil.copytree(first_site, tmp_path / "site"))


@pytest.fixture
def edit(project: Path):
    """Change a file of the shared project for one test; it is restored afterwards."""
    saved: dict[Path, str] = {}

    def change(name: str, old: str, new: str) -> None:
        path = project / name
        saved.setdefault(path, path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    yield change
    for path, text in saved.items():
        path.write_text(text, encoding="utf-8")


def snapshot(site: Path) -> dict[str, str]:
    files = (p for p in site.rglob("*") if p.is_file())
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("docs/index.md", "\n", "\n{{ stap_tabel() }}\n", "stap_tabel"),  # a macro typo: a render error
        ("docs/index.md", "\n", "\n[Kapotte link](bestaat-niet.md)\n", "bestaat-niet.md"),  # a warning in strict mode
        ("data/faq.yaml", "steps: [lokale-coalitie-vormen", "steps: [lokale-coalitie-vorme", "onbekende stap"),
    ],
    ids=["macro-typo", "strict-warning", "data-error"],
)
def test_a_failed_build_leaves_the_site_as_it_was(project, site, edit, name, old, new, message):
    before = snapshot(site)
    assert any(p.endswith(".pdf") for p in before) and "index.html" in before
    edit(name, old, new)
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert message in result.stderr
    assert snapshot(site) == before, "the previous site, PDFs included, is still there"
    assert leftovers(site) == []


def test_an_interrupted_build_leaves_the_site_and_the_next_build_replaces_it(project, site, edit):
    before = snapshot(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    build = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staged = site.parent / ".site.build" / "index.html"
    deadline = time.monotonic() + 120
    while not staged.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert build.poll() is None, "the build was interrupted while it was writing pages"
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert snapshot(site) == before
    assert leftovers(site) == [".site.build"]

    edit("docs/index.md", "\n", "\nEen nieuwe zin op de homepage.\n")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "Een nieuwe zin op de homepage." in (site / "index.html").read_text(encoding="utf-8")
    assert set(snapshot(site)) == set(before), "the same files, PDFs included"
    assert leftovers(site) == [], "the killed build's directory is gone"


def test_an_old_site_that_cannot_be_deleted_is_still_replaced_whole(tmp_path, monkeypatch):
    target, new = tmp_path / "site", tmp_path / ".site.build"
    (target / "pdf").mkdir(parents=True)
    (target / "pdf" / "oud.pdf").write_text("oud")
    (new / "pdf").mkdir(parents=True)
    (new / "pdf" / "nieuw.pdf").write_text("nieuw")
    monkeypatch.setattr(staging.shutil, "rmtree", lambda *args, **kwargs: None)  # nothing can be deleted
    staging.replace(new, target)
    assert [p.name for p in target.rglob("*.pdf")] == ["nieuw.pdf"]
    assert (tmp_path / ".site.old" / "pdf" / "oud.pdf").exists(), "set aside whole, for the next build to remove"


def test_a_site_that_cannot_be_replaced_stays_as_it_was(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("oud")
    with pytest.raises(OSError):
        staging.replace(tmp_path / "bestaat-niet", target)
    assert (target / "index.html").read_text() == "oud"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_keeps_the_last_good_build_after_a_failed_rebuild(project, edit, tmp_path):
    """`mkdocs serve` holds requests while a rebuild fails; its directory keeps the last good site."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    temp = tmp_path / "temp"  # serve builds into a directory made here
    temp.mkdir()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(project / "mkdocs.yml")]
    command += ["-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/handreiking/"

    def shows(text: str) -> bool:
        try:
            return text in get(url)
        except OSError:
            return False

    try:
        wait_for(lambda: shows("Kansrijke Start"))
        [served] = [p for p in temp.iterdir() if p.name.startswith("mkdocs_")]
        before = snapshot(served)
        assert "index.html" in before
        edit("docs/index.md", "\n", "\n[Kapotte link](bestaat-niet.md)\n")  # fails after the pages were written
        wait_for(lambda: "An error happened during the rebuild" in log_path.read_text())
        assert snapshot(served) == before, "the failed rebuild left the last good site in place"
        assert leftovers(served) == []
        edit("docs/index.md", "[Kapotte link](bestaat-niet.md)", "Een nieuwe zin op de homepage.")
        wait_for(lambda: shows("Een nieuwe zin op de homepage."))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()
