"""Checklist PDFs cached by the hash of their inputs: a copy from the cache is byte for byte a
fresh render, an edit to a checklist item changes the key and the PDF, and in `mkdocs serve`
the previous PDFs stay in the site while new ones are made in another process."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.cache import Cache, digest
from macros.loader import load_site
from macros.pdf import print_job, write_pdfs
from macros.plugin.pdfs import ChecklistPdfs
from macros.render import Edition

from .conftest import FIXTURES, file_contents

EDITION = Edition(site_url="https://voorbeeld.nl/handreiking/", version="december 2023", build_date="2026-01-01")


def with_item_text(data: Path, old: str, new: str) -> None:
    steps = data / "steps.yaml"
    text = steps.read_text(encoding="utf-8")
    assert f"text: {old}\n" in text
    steps.write_text(text.replace(f"text: {old}\n", f"text: {new}\n"), encoding="utf-8")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, bytes]:
    """The minimal data set's PDFs, rendered without any cache."""
    out = tmp_path_factory.mktemp("fresh")
    write_pdfs(load_site(FIXTURES / "minimal"), out, EDITION)
    return file_contents(out, "*.pdf")


def test_a_cache_hit_is_byte_for_byte_a_fresh_render(minimal_data: Path, tmp_path: Path, fresh):
    job = print_job(load_site(minimal_data), EDITION)
    cache = Cache(tmp_path / "cache")
    published = ChecklistPdfs()
    assert published.publish(job, cache, tmp_path / "first") == "made"
    assert published.publish(job, cache, tmp_path / "second") == "cached"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [job.key()]
    assert len(fresh) == 3  # the bundle and two steps
    assert file_contents(tmp_path / "first", "*.pdf") == fresh
    assert file_contents(tmp_path / "second", "*.pdf") == fresh


def test_a_checklist_item_edit_changes_the_key_and_the_pdf(minimal_data: Path, tmp_path: Path, fresh):
    before = print_job(load_site(minimal_data), EDITION)
    assert print_job(load_site(minimal_data), EDITION).key() == before.key()  # the key is stable
    with_item_text(minimal_data, "Item een", "Item een, nu anders verwoord")
    after = print_job(load_site(minimal_data), EDITION)
    assert after.key() != before.key()
    cache = Cache(tmp_path / "cache")
    assert ChecklistPdfs().publish(after, cache, tmp_path / "site") == "made"
    changed = file_contents(tmp_path / "site", "*.pdf")
    assert changed.keys() == fresh.keys()
    step = next(name for name in changed if name != "pdf/alle-checklists.pdf" and changed[name] != fresh[name])
    text = PdfReader(tmp_path / "site" / step).pages[0].extract_text()
    assert "nu anders verwoord" in text


def test_the_edition_is_part_of_the_key(minimal_data: Path):
    site = load_site(minimal_data)
    later = Edition(EDITION.site_url, EDITION.version, "2026-01-02")
    assert print_job(site, EDITION).key() != print_job(site, later).key()


def test_serving_keeps_the_previous_pdfs_until_the_new_ones_are_made(minimal_data: Path, tmp_path: Path, fresh):
    cache = Cache(tmp_path / "cache")
    session = ChecklistPdfs()
    served, building = tmp_path / "served", tmp_path / "building"
    first = print_job(load_site(minimal_data), EDITION)
    assert session.publish(first, cache, served, served) == "made"  # nothing earlier: the first build waits
    with_item_text(minimal_data, "Item twee", "Item twee, herschreven")
    job = print_job(load_site(minimal_data), EDITION)
    try:
        assert session.publish(job, cache, building, served) == "background"
        assert file_contents(building, "*.pdf") == fresh  # the previous PDFs at once: every link works
        start = time.monotonic()
        while file_contents(building, "*.pdf") == fresh or file_contents(served, "*.pdf") == fresh:
            assert time.monotonic() - start < 120, "the new PDFs did not arrive"
            time.sleep(0.2)
    finally:
        session.close()
    for site_dir in (building, served):
        assert file_contents(site_dir, "*.pdf").keys() == fresh.keys()
    assert sorted(p.name for p in cache.root.iterdir()) == sorted([first.key(), job.key()])


def test_the_cache_keeps_the_entries_used_last(tmp_path: Path):
    cache = Cache(tmp_path / "cache", keep=2)
    made: list[str] = []

    def make(name: str):
        def write(directory: Path) -> None:
            made.append(name)
            (directory / "pdf").mkdir()
            (directory / "pdf" / "a.pdf").write_text(name)

        return write

    for name in ("one", "two"):
        cache.store(digest(name), make(name))
    cache.store(digest("one"), make("one again"))  # there already: not made again
    assert made == ["one", "two"]
    assert cache.restore(digest("one"), tmp_path / "site")  # used now: kept over "two"
    assert (tmp_path / "site" / "pdf" / "a.pdf").read_text() == "one"
    cache.store(digest("three"), make("three"))
    assert sorted(p.name for p in cache.root.iterdir()) == sorted([digest("one"), digest("three")])
    assert cache.latest() == digest("three")
    assert not cache.restore(digest("two"), tmp_path / "elsewhere")


def test_a_dead_layout_process_is_replaced(minimal_data: Path, tmp_path: Path):
    """Its process killed (say, out of memory): the next edit's PDFs still come, from a new one."""
    cache = Cache(tmp_path / "cache")
    session = ChecklistPdfs()
    served = tmp_path / "served"
    session.publish(print_job(load_site(minimal_data), EDITION), cache, served, served)
    try:
        with_item_text(minimal_data, "Item twee", "Item twee, eerste keer")
        assert session.publish(print_job(load_site(minimal_data), EDITION), cache, served, served) == "background"
        processes = list(session._worker._processes.values())
        assert processes, "no layout process to kill"
        for process in processes:
            process.kill()
        start = time.monotonic()
        while session._pending:  # until the layout is known to have failed
            assert time.monotonic() - start < 60
            time.sleep(0.1)
        with_item_text(minimal_data, "Item twee, eerste keer", "Item twee, tweede keer")
        job = print_job(load_site(minimal_data), EDITION)
        assert session.publish(job, cache, served, served) == "background"
        while not (cache.root / job.key()).is_dir():
            assert time.monotonic() - start < 120, "no PDFs after the layout process died"
            time.sleep(0.2)
    finally:
        session.close()
