"""JSON Schemas for the data files, generated from the models into data/schema/.

`python -m macros.schema` writes them; `--check` exits 1 when a committed schema is stale.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

from .models import FILES

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"


@functools.cache  # the models do not change during a build or a `serve` session
def schemas() -> dict[str, str]:
    """File name -> schema text, for every data file."""
    out = {}
    for name, model in FILES.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"data/{name}.yaml", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out


def stale(directory: Path = SCHEMA_DIR) -> list[str]:
    """Schema files that differ from what the models generate."""
    return [
        name
        for name, text in schemas().items()
        if not (directory / name).exists() or (directory / name).read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    """Command line: write the schemas, or check them with --check."""
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        names = stale()
        for name in names:
            print(f"data/schema/{name} is verouderd: draai 'python -m macros.schema'", file=sys.stderr)
        return 1 if names else 0
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        (SCHEMA_DIR / name).write_text(text, encoding="utf-8")
    print(f"{len(FILES)} schema's geschreven naar {SCHEMA_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
