"""JSON Schemas in data/schema/ are generated from the models and never go stale."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros import schema
from macros.models import FILES

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_match_the_models():
    assert schema.stale() == [], "run 'make schema' and commit data/schema/"


def test_a_changed_schema_is_reported_stale(tmp_path: Path):
    for name, text in schema.schemas().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert schema.stale(tmp_path) == []
    (tmp_path / "steps.schema.json").write_text("{}", encoding="utf-8")
    assert schema.stale(tmp_path) == ["steps.schema.json"]


@pytest.mark.parametrize("name", FILES)
def test_real_data_passes_its_json_schema(name: str):
    document = yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
    as_json = json.loads(json.dumps(document, default=str))  # YAML dates become strings, as in an editor
    jsonschema.validate(as_json, json.loads((ROOT / "data" / "schema" / f"{name}.schema.json").read_text()))


def test_schemas_explain_fields_in_dutch():
    steps = json.loads(schema.schemas()["steps.schema.json"])
    item = steps["$defs"]["ChecklistItem"]["properties"]["id"]
    assert "voortgang" in json.dumps(item)
