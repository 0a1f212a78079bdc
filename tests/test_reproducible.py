"""Two builds of the same commit give the same bytes: HTML, PDFs, search index, open data.
The only input that may differ between builds is the injected build date (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

EPOCH = "1767225600"  # 2026-01-01


def build(out: Path, seed: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
    env.pop("KS_PDF", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_two_builds_are_identical(tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    build(first, "1")
    build(second, "2")  # another hash seed: set and dict order must not leak into the output
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert any(str(f).endswith(".pdf") for f in files) and any(str(f).startswith("open-data") for f in files)
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    checklist = (first / "stappen" / "lokale-coalitie-vormen" / "checklist" / "index.html").read_text()
    assert '<time datetime="2026-01-01">1 januari 2026</time>' in checklist
