"""Commented YAML templates of every collection, generated from the models into CONTRIBUTING.md.

`python -m macros.contributing` rewrites the part between the markers; `--check` exits 1
when it is stale. Editors see required/optional, allowed values and an example per field.
"""

from __future__ import annotations

import re
import sys
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from .loader import PATTERN_HELP
from .models import COLLECTIONS

CONTRIBUTING = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"
START, END = "<!-- sjablonen:begin (gemaakt door python -m macros.contributing) -->", "<!-- sjablonen:einde -->"


def _inner(tp):
    """list[X] -> X, X | None -> X, Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (list, tuple):
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        else:
            return tp


def _is_list(tp) -> bool:
    while typing.get_origin(tp) in (typing.Annotated, typing.Union, getattr(__import__("types"), "UnionType", None)):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return typing.get_origin(tp) in (list, tuple)


def _flow(value) -> str:
    if isinstance(value, str) and re.fullmatch(r"[\d.]+", value):
        return f'"{value}"'  # '2.1.1' stays text
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1000)
    return dumped.strip().removesuffix("...").strip()


def _comment(field, tp) -> str:
    parts = ["verplicht" if field.is_required() else "optioneel"]
    if field.description:
        parts.append(field.description)
    inner = _inner(tp)
    if typing.get_origin(inner) is typing.Literal:
        parts.append("toegestaan: " + ", ".join(str(v) for v in typing.get_args(inner)))
    for meta in field.metadata:
        pattern = getattr(meta, "pattern", None)
        if pattern in PATTERN_HELP:
            parts.append("vorm: " + PATTERN_HELP[pattern])
    return " · ".join(parts)


def record_lines(model: type[BaseModel], indent: int, bullet: bool = True) -> list[str]:
    """One record as commented YAML lines; in a list the first one starts with '- '."""
    hints = typing.get_type_hints(model, include_extras=True)
    typical = (model.model_config.get("json_schema_extra") or {}).get("examples", [None])[0]
    lines: list[str] = []
    for i, (name, field) in enumerate(model.model_fields.items()):
        prefix = " " * indent + (("- " if i == 0 else "  ") if bullet else "")
        if typical is not None and name not in typical:  # an alternative to the typical record: shown, commented out
            example = field.examples[0] if field.examples else "..."
            lines.append(f"{' ' * indent}  # {name}: {_flow(example)}  # {_comment(field, hints[name])}")
            continue
        tp = hints[name]
        inner = _inner(tp)
        comment = _comment(field, tp)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            lines.append(f"{prefix}{name}:  # {comment}")
            depth = indent + (2 if bullet else 0) + 2
            lines += record_lines(inner, depth, bullet=_is_list(tp))
            continue
        example = field.examples[0] if field.examples else ("..." if not _is_list(tp) else [])
        lines.append(f"{prefix}{name}: {_flow(example)}  # {comment}")
    return lines


def templates() -> str:
    """Markdown with one commented template per data file."""
    out = []
    for c in COLLECTIONS:
        hint = typing.get_type_hints(c.model, include_extras=True)[c.key]
        body = record_lines(_inner(hint), 2, bullet=c.many)
        description = c.model.model_fields[c.key].description or ""
        out += [f"### data/{c.file}.yaml", "", description, "", "```yaml", f"{c.key}:", *body, "```", ""]
    return "\n".join(out)


def updated(text: str) -> str:
    """CONTRIBUTING.md text with its template section regenerated."""
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n\n{templates()}\n{END}{after}"


def main(argv: list[str] | None = None) -> int:
    """Command line: rewrite the templates, or check them with --check."""
    args = sys.argv[1:] if argv is None else argv
    text = CONTRIBUTING.read_text(encoding="utf-8")
    if "--check" in args:
        if updated(text) != text:
            print(
                "CONTRIBUTING.md: de sjablonen zijn verouderd; draai 'python -m macros.contributing'", file=sys.stderr
            )
            return 1
        return 0
    CONTRIBUTING.write_text(updated(text), encoding="utf-8")
    print("CONTRIBUTING.md: sjablonen bijgewerkt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
