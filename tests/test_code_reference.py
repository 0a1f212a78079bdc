"""The code reference in `mkdocs serve`: a rebuild with unchanged code takes the rendered page
from the plugin instead of mkdocstrings, and gives the same site byte for byte (page, cross
references, objects.inv, mkdocstrings' CSS); a changed docstring renders the page again.

The builds run in this process with one plugin instance, as `mkdocs serve` runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import ROOT, copy_project, file_contents

API = Path("ontwikkelaars/api/index.html")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """Build the project like `mkdocs serve` does: one process, the plugin kept between builds."""
    project = copy_project(tmp_path_factory.mktemp("project"), ROOT / "data")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KS_PDF", "false")  # the PDFs have their own tests; here they only cost time
        env.setenv("SOURCE_DATE_EPOCH", "1767225600")
        env.delenv("KS_PREVIEW", raising=False)
        env.chdir(project)  # mkdocstrings-python finds `paths: [.]` from the working directory

        def rebuild(site: Path):
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
            config.plugins.on_startup(command="serve", dirty=False)
            build(config)
            return config.plugins["guidance"]

        yield project, rebuild


def test_an_unchanged_code_reference_is_reused_byte_for_byte(session, tmp_path: Path):
    _, rebuild = session
    first = rebuild(tmp_path / "first")
    reused = first.code_reference.reused
    second = rebuild(tmp_path / "second")
    assert second is first and second.code_reference.reused == reused + 1
    before, after = file_contents(tmp_path / "first"), file_contents(tmp_path / "second")
    assert 'id="macros.pdf.print_job"' in before[API.as_posix()].decode()
    assert before["assets/_mkdocstrings.css"] and "objects.inv" in before
    assert [name for name in before if before[name] != after.get(name)] == []
    assert before.keys() == after.keys()


def test_a_docstring_edit_renders_the_code_reference_again(session, tmp_path: Path):
    project, rebuild = session
    plugin = rebuild(tmp_path / "before")
    reused = plugin.code_reference.reused
    code = project / "macros" / "cache.py"
    text = code.read_text(encoding="utf-8")
    old = '"""A hash of the parts in their order;'
    assert old in text
    code.write_text(text.replace(old, '"""Docstring changed for the test. A hash of the parts;'), encoding="utf-8")
    rebuild(tmp_path / "after")
    assert plugin.code_reference.reused == reused  # rendered, not reused
    assert "Docstring changed for the test" in (tmp_path / "after" / API).read_text(encoding="utf-8")
