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
