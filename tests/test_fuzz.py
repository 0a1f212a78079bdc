"""Random changes to valid data never crash or hang the loader: it returns a Site or clear Dutch errors.

Each example has a deadline: bad data is reported at once, never after minutes."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.loader import validate
from macros.models import FILES

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
MESSAGE = re.compile(r"^data/[a-z_]+\.yaml:\d+:\d+( .+)?: \S.*$", re.DOTALL)
#: Words of PyYAML's and pydantic's English messages: none may reach an editor.
ENGLISH = re.compile(r"\b(should|expected|found|could not|Input|valid|while|unable|characters|error)\b")
DEADLINE = 2000  # milliseconds per example; a hang (an alias bomb, quadratic work) fails at once

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**15), 10**15), st.floats(allow_nan=True),
    st.text(max_size=40), st.sampled_from(["", "stap-lokaal", "2.1.1", "lokaal", "<b>x</b>", "{{ x }}"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*path, i))


def check(data_dir: Path) -> None:
    site, errors = validate(data_dir)
    assert (site is None) == bool(errors)
    for error in errors:
        assert MESSAGE.match(str(error)), str(error)
        assert not ENGLISH.search(f"{error.message} {error.allowed or ''}"), str(error)


@settings(max_examples=150, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_data_never_crashes_the_loader(data):
    name = data.draw(st.sampled_from(sorted(FILES)))
    document = yaml.safe_load((MINIMAL / f"{name}.yaml").read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(list(paths(document))))
    action = data.draw(st.sampled_from(["replace", "delete", "rename", "duplicate"]))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if not path:
        document = data.draw(values)
    elif action == "replace":
        parent[path[-1]] = data.draw(values)
    elif action == "delete":
        del parent[path[-1]]
    elif action == "rename" and isinstance(parent, dict):
        parent[data.draw(st.text(min_size=1, max_size=10))] = parent.pop(path[-1])
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(parent[path[-1]])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(MINIMAL, data_dir)
        (data_dir / f"{name}.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        check(data_dir)


@settings(max_examples=100, deadline=DEADLINE)
@given(st.data())
def test_damaged_bytes_never_crash_the_loader(data):
    name = data.draw(st.sampled_from(sorted(FILES)))
    raw = (MINIMAL / f"{name}.yaml").read_bytes()
    at = data.draw(st.integers(0, len(raw)))
    cut = data.draw(st.integers(0, 20))
    damaged = raw[:at] + data.draw(st.binary(max_size=12)) + raw[at + cut :]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(MINIMAL, data_dir)
        (data_dir / f"{name}.yaml").write_bytes(damaged)
        check(data_dir)


#: Pieces of hostile or broken YAML, as found in attacks on the loader and in editors' mistakes.
fragments = st.sampled_from([
    "!!int abc", "!!timestamp foo", "!!binary AAAA", "!!python/object/apply:os.system ['true']", "!vng x", "!!str",
    "!!set {a}", "&a", "*a", "*nergens", "<<: *a", "<<: 5", "? [a, b]\n  : c", "---", "...", "%YAML 1.1", "%VNG",
    "2023-02-30", "2018-13", "\"2018-00\"", "31 februari", "٢٠٢٣-٠١-٠١", "١", "۲۰۱۸", "010", "0x1f", "1_000", "1:30",
    "1e999", "9" * 5000, "-0", "+1", ".inf", ".nan", "yes", "Nee", "on", "~", "null", "true", "=", "@x", "`x`",
    "\"open", "'open", "\"a\\qb\"", "[" * 200, "{" * 200, "]", "}", "- - - -", ": :", "'it''s'", "|", ">-",
    "\u2028", "\u202e", "\ufeff", "\x85", "a" * 3000, "https://example.org/" + "a" * 3000, "../../etc/passwd.md",
])  # fmt: skip


@settings(max_examples=120, deadline=DEADLINE)
@given(st.data())
def test_hostile_yaml_never_crashes_or_hangs_the_loader(data):
    name = data.draw(st.sampled_from(sorted(FILES)))
    lines = (MINIMAL / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(lines) - 1))
        piece = data.draw(fragments)
        line = lines[at]
        where = data.draw(st.sampled_from(["value", "after", "line"]))
        if where == "value" and ": " in line:
            lines[at] = line.split(": ", 1)[0] + ": " + piece
        elif where == "after":
            lines[at] = line + " " + piece
        else:
            lines.insert(at, " " * data.draw(st.integers(0, 6)) + piece)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(MINIMAL, data_dir)
        (data_dir / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        check(data_dir)


def alias_bomb(levels: int, width: int) -> str:
    text = f"a0: &a0 [{', '.join(['lol'] * width)}]\n"
    for i in range(1, levels):
        text += f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]\n"
    return text + f"glossary: *a{levels - 1}\n"


@settings(max_examples=25, deadline=DEADLINE)
@given(
    st.sampled_from(["alias", "nesting", "wide"]), st.integers(1, 12), st.integers(1, 12),
)  # fmt: skip
def test_growing_documents_are_refused_within_the_deadline(kind, a, b):
    text = {
        "alias": alias_bomb(a, b),
        "nesting": "glossary: " + "[" * (a * b * 10) + "]" * (a * b * 10) + "\n",
        "wide": "glossary: [" + ", ".join(["x"] * (a * b * 200)) + "]\n",
    }[kind]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(MINIMAL, data_dir)
        (data_dir / "glossary.yaml").write_text(text, encoding="utf-8")
        check(data_dir)
