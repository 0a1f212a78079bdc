"""Open data published with the site: JSON valid against the schema beside it, CSV per item,
and the same number of records as the YAML."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
import yaml

from macros.models import FILES

from .conftest import ROOT


@pytest.mark.parametrize("name", FILES)
def test_published_json_is_valid_against_its_schema_and_complete(site_dir: Path, name: str):
    folder = site_dir / "open-data"
    document = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((folder / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    source = yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
    key = next(iter(source))
    assert list(document) == [key]
    if isinstance(source[key], list):
        assert [r.get("id") for r in document[key]] == [r.get("id") for r in source[key]]


def test_checklist_csv_has_one_row_per_item(site_dir: Path):
    steps = yaml.safe_load((ROOT / "data" / "steps.yaml").read_text(encoding="utf-8"))["steps"]
    with (site_dir / "open-data" / "checklists.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["step_id", "step_number", "step_title", "item_id", "text", "basis"]
    expected = [(s["id"], i["id"], " ".join(i["text"].split())) for s in steps for i in s["checklist"]]
    assert [(r["step_id"], r["item_id"], r["text"]) for r in rows] == expected


def test_open_data_page_documents_files_and_licence(page):
    html = page("open-data/")
    links = {urljoin("https://site/open-data/", a["href"]) for a in html.select("article table a")}
    for name in FILES:
        assert {f"https://site/open-data/{name}.json", f"https://site/open-data/schema/{name}.schema.json"} <= links
    assert "https://site/open-data/checklists.csv" in links
    text = html.select_one("article").get_text(" ")
    assert "Licentie" in text and "CC0" in text


def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_focus_areas_are_called_so_in_open_data(site_dir: Path, page):
    """The columns A and B were 'action lines' in open data until 2026-11-29; the old names are gone."""
    folder = site_dir / "open-data"
    names = [p.name for p in folder.rglob("*")]
    assert "focus_areas.json" in names and "focus_areas.schema.json" in names
    assert not [n for n in names if "action_line" in n]
    for path in folder.rglob("*.json"):
        keys = set(_keys(json.loads(path.read_text(encoding="utf-8"))))
        assert not [k for k in keys if "action_line" in k], path
    actions = json.loads((folder / "actions.json").read_text(encoding="utf-8"))["actions"]
    areas = {a["id"] for a in json.loads((folder / "focus_areas.json").read_text(encoding="utf-8"))["focus_areas"]}
    assert {a["focus_area"] for a in actions} == areas
    text = " ".join(page("open-data/").select_one("article").get_text(" ").split())
    assert "action_lines.json" in text and "focus_areas.json" in text and "29 november 2026" in text


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_start_like_a_formula_are_text(minimal_data: Path, start: str):
    """OWASP CSV injection: a leading quote, and every cell quoted."""
    from macros.loader import load_site
    from macros.open_data import checklist_csv

    path = minimal_data / "steps.yaml"
    formula = f'{start}HYPERLINK("https://example.org";"klik")'
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("text:"))
    path.write_text(text.replace(first, first.split("text:")[0] + "text: " + json.dumps(formula), 1), encoding="utf-8")
    out = checklist_csv(load_site(minimal_data))
    rows = list(csv.reader(out.splitlines(keepends=True)))
    cells = [c for row in rows[1:] for c in row]
    assert "'" + formula in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert all(line.startswith('"') for line in out.splitlines())


def test_a_cell_starting_with_tab_or_carriage_return_is_text_too():
    """Text fields are stripped on loading; the cell rule holds for any value all the same."""
    from macros.open_data import cell

    assert [cell(v) for v in ("\t=1+1", "\r=1+1", "2.1.1", "Kosten: -5")] == [
        "'\t=1+1",
        "'\r=1+1",
        "2.1.1",
        "Kosten: -5",
    ]
