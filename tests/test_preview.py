"""`mkdocs serve` (make serve) is the real site: it serves the checklist PDFs and the code
reference, rebuilds after a YAML edit, and lays out changed PDFs in the background."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from bench.run import fetch, free_port, get

from .conftest import ROOT, copy_project


def wait_for(check, what: str, timeout: float = 120) -> None:
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            pytest.fail(f"{what}: not within {timeout} s")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("preview"), ROOT / "data")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KS_")} | {"NO_MKDOCS_2_WARNING": "1"}
    log = project / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}/handreiking/"
    try:
        wait_for(lambda: get(base)[0] == 200 or server.poll() is not None, "preview started")
        assert server.poll() is None, log.read_text()
        yield project, base, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def children(pid: int) -> set[int]:
    """The processes a process started, from any of its threads."""
    return {int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()}


def test_preview_serves_pdfs_and_code_reference(preview):
    _, base, _ = preview
    status, html = get(base + "ontwikkelaars/api/")
    assert status == 200 and "Niet in de snelle bouw" not in html
    assert 'id="macros.pdf.print_job"' in html and "doc-heading" in html
    status, pdf = fetch(base + "pdf/alle-checklists.pdf")
    assert status == 200 and pdf.startswith(b"%PDF-")
    checklist = get(base + "stappen/lokale-coalitie-vormen/checklist/")[1]
    assert "ks-checklist-table" in checklist and "pdf/checklist-lokale-coalitie-vormen.pdf" in checklist
    assert fetch(base + "pdf/checklist-lokale-coalitie-vormen.pdf")[1].startswith(b"%PDF-")


def test_preview_shows_a_yaml_edit_and_then_its_pdf(preview):
    project, base, _ = preview
    pdf_url = base + "pdf/checklist-lokale-coalitie-vormen.pdf"
    before = fetch(pdf_url)[1]
    steps = project / "data" / "steps.yaml"
    text = steps.read_text(encoding="utf-8")
    marker = "Voorvertoningstest"
    first_item = text.index("      - id:", text.index("checklist:"))
    at = text.index("text: ", first_item) + len("text: ")
    steps.write_text(text[:at] + marker + " " + text[at:], encoding="utf-8")
    wait_for(lambda: marker in get(base + "stappen/lokale-coalitie-vormen/")[1], "edit shown")
    assert fetch(pdf_url)[0] == 200  # the link works while the new PDF is made
    wait_for(lambda: fetch(pdf_url)[1] not in (before, b""), "new PDF served")
    assert marker in PdfReader(io.BytesIO(fetch(pdf_url)[1])).pages[0].extract_text()


def test_stopping_the_preview_ends_its_pdf_process(preview):
    """Last in this file: it stops the server. SIGTERM gives `mkdocs serve` no chance to shut down
    the process that lays out PDFs; that one ends by itself when it sees its server gone."""
    _, _, server = preview
    started = children(server.pid)
    assert started, "the edit above made PDFs in a process of their own"
    server.terminate()
    server.wait(timeout=30)
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in started), "PDF process ended", timeout=20)
