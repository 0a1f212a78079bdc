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


def _properties(node, path=""):
    """Every (path, property schema) in a JSON Schema."""
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{path}.{name}", prop
        for key, value in node.items():
            if key != "properties":
                yield from _properties(value, f"{path}/{key}")
        for name, prop in node.get("properties", {}).items():
            yield from _properties(prop, f"{path}.{name}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, path)


@pytest.mark.parametrize("name", FILES)
def test_every_field_is_explained_in_dutch_with_an_example(name: str):
    document = json.loads(schema.schemas()[f"{name}.schema.json"])
    assert document["description"].startswith(f"Het bestand data/{name}.yaml")
    for path, prop in _properties(document):
        assert prop.get("description"), f"{name}{path} has no description"
        if not path.count(".") == 1 or "$defs" in path:  # the file's own top-level key needs no example
            assert prop.get("examples"), f"{name}{path} has no example"
    for definition in document.get("$defs", {}).values():
        assert definition.get("description"), f"{definition.get('title')} has no description"


@pytest.mark.parametrize("name", FILES)
def test_every_data_file_names_its_schema_for_the_editor(name: str):
    first = (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=schema/{name}.schema.json"


def test_vscode_maps_every_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == {f"data/schema/{n}.schema.json": f"data/{n}.yaml" for n in FILES}


def test_contributing_templates_are_current():
    from macros import contributing

    text = contributing.CONTRIBUTING.read_text(encoding="utf-8")
    assert contributing.updated(text) == text, "run 'python -m macros.contributing' and commit CONTRIBUTING.md"


def test_every_contributing_template_is_valid_data():
    import re

    from macros import contributing

    blocks = re.findall(r"### data/(\w+)\.yaml\n.*?```yaml\n(.*?)```", contributing.templates(), re.S)
    assert [name for name, _ in blocks] == list(FILES)
    for name, block in blocks:
        FILES[name].model_validate(yaml.safe_load(block))
