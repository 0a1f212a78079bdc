"""Random changes to valid data never crash the loader: it returns a Site or clear errors."""

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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


@settings(max_examples=100, deadline=None)
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
