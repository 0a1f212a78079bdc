"""The benchmarks' synthetic data (bench/synthetic.py) is valid data N times the size of the real data."""

from __future__ import annotations

from pathlib import Path

from bench import synthetic
from macros.loader import load_site

from .conftest import ROOT


def test_twice_the_data_is_valid_and_twice_as_large(tmp_path: Path):
    real = load_site(ROOT / "data")
    plan = synthetic.write_data(tmp_path / "data", 2)
    assert synthetic.validate(tmp_path / "data") == []
    grown = load_site(tmp_path / "data")
    assert len(grown.sources) == plan.counts["sources"] == 2 * len(real.sources)
    assert len(grown.steps) == 2 * len(real.steps)
    assert {s.address for s in grown.steps} >= {s.address for s in real.steps}  # the originals keep their address
