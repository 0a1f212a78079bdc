"""Open data: every collection as JSON (valid against its schema, published beside it) and all
checklist items as CSV, written into the built site under open-data/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .models import COLLECTIONS
from .schema import schemas
from .site import Site

FOLDER = "open-data"


def documents(site: Site) -> dict[str, dict]:
    """File name -> the collection as JSON-ready data, in the shape of its YAML file; only the
    files this guidance has."""
    out = {}
    for collection in COLLECTIONS:
        if collection.file in site.data_files:
            dumped = [r.model_dump(mode="json") for r in site.records(collection)]
            out[collection.file] = {collection.key: dumped if collection.many else dumped[0]}
    return out


#: A spreadsheet reads a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading quote before a formula character."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def checklist_csv(site: Site) -> str:
    """One row per checklist item: step, item id, text (and the step's number and title, and basis).

    Every cell is quoted, and one that starts like a formula gets a leading quote, as the OWASP
    guidance on CSV injection describes, so opening the file never runs editor text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["step_id", "step_number", "step_title", "item_id", "text", "basis"])
    for step in site.steps:
        for item in step.checklist:
            writer.writerow([cell(v) for v in (step.id, step.number, step.title, item.id, item.text, item.basis)])
    return buffer.getvalue()


def write_open_data(site: Site, site_dir: Path) -> list[Path]:
    """Write every collection as JSON, the schemas beside them, and the checklists as CSV."""
    folder = site_dir / FOLDER
    (folder / "schema").mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in documents(site).items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    for name, text in schemas().items():
        if name.removesuffix(".schema.json") not in site.data_files:
            continue
        (folder / "schema" / name).write_text(text, encoding="utf-8")
        written.append(folder / "schema" / name)
    path = folder / "checklists.csv"
    path.write_text(checklist_csv(site), encoding="utf-8")
    return [*written, path]
