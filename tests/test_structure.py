"""The code's structure: no build state in module globals, one plugin entry point, one list of collections.

A build's state lives on the plugin instance (macros/plugin) and nowhere else: a value kept in a
module outlives its build (`mkdocs serve` runs many builds in one process) and is shared by all.
"""

from __future__ import annotations
import __future__

import ast
import dataclasses
import datetime
import enum
import functools
import importlib
import logging
import pkgutil
import re
import tomllib
import types
import typing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePath

import pytest
from mkdocs.plugins import BasePlugin, CombinedEvent

import macros
from macros import models

from .conftest import ROOT

#: Module attributes that may hold a mutable object, and why. Each must exist (no stale entries).
ALLOWED = {
    "macros.templating.environment": "a memo: one Jinja environment for the engine's templates, alike in every build",
    "macros.drawing.qr_svg": "a memo of a pure function: the same address always gives the same code",
    "macros.abbreviations._matcher": "a memo of a pure function of the glossary terms",
    "macros.loader._hints": "a memo of a pure function of the model classes",
    "macros.schema.schemas": "a memo of a pure function of the model classes",
    "macros.csp.shipped": "a memo of a pure function of the theme's templates, which a build does not change",
    "macros.plugin.plugin.log": "MkDocs' logger, registered with the logging module by name anyway",
    "macros.history.log": "MkDocs' logger, registered with the logging module by name anyway",
}

_ATOMS = (type(None), bool, int, float, complex, str, bytes, range, re.Pattern, enum.Enum, type(Ellipsis),
          PurePath, datetime.tzinfo, __future__._Feature, types.GenericAlias, types.UnionType)  # fmt: skip
_CODE = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type, types.ModuleType)
_DEFINED = (*_CODE, functools._lru_cache_wrapper)  # things that know the module they were defined in


def immutable(value: object) -> bool:
    """Whether a value can never change: atoms, and tuples, frozensets, read-only mappings and frozen
    dataclasses of such values all the way down. Code (functions, classes, modules) is not state."""
    if isinstance(value, _ATOMS):
        return True
    if isinstance(value, (tuple, frozenset)):
        return all(immutable(v) for v in value)
    if isinstance(value, types.MappingProxyType):
        return all(immutable(k) and immutable(v) for k, v in value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        frozen = type(value).__dataclass_params__.frozen
        return frozen and all(immutable(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, functools._lru_cache_wrapper):
        return False  # a function with a cache: state, unless allowed by name
    if isinstance(value, _CODE):
        return defaults_immutable(value)
    return type(value).__module__ in ("typing", "typing_extensions")  # Annotated[...], Literal[...]


def defaults_immutable(value: object) -> bool:
    """A function's default arguments live as long as the function: `def f(x, seen=[])` is state."""
    function = getattr(value, "__func__", value)
    defaults = (
        *(getattr(function, "__defaults__", None) or ()),
        *(getattr(function, "__kwdefaults__", None) or {}).values(),
    )
    return all(immutable(d) for d in defaults)


def mutable_names(module: types.ModuleType) -> list[str]:
    """'module.name' of every module attribute (and attribute of a plain class defined there) that may change."""
    found = []
    for name, value in vars(module).items():
        if name.startswith("__") or (isinstance(value, _DEFINED) and _home(value) != module.__name__):
            continue  # dunder names; code imported from elsewhere is checked where it is defined
        if not immutable(value):
            found.append(f"{module.__name__}.{name}")
        if isinstance(value, type) and value.__module__ == module.__name__ and not _framework_class(value):
            for attr, member in vars(value).items():
                if attr.startswith("__") or isinstance(member, (property, staticmethod, classmethod, CombinedEvent)):
                    continue
                if issubclass(value, BasePlugin) and attr == "config_scheme":
                    continue  # MkDocs' own declaration of the plugin's options
                if not immutable(member):
                    found.append(f"{module.__name__}.{name}.{attr}")
    return found


def _home(value: object) -> str:
    """The module a function, class or module was defined in."""
    if isinstance(value, types.ModuleType):
        return value.__name__
    return getattr(value, "__wrapped__", value).__module__


def _framework_class(cls: type) -> bool:
    """Classes whose attributes are a framework's declarations (pydantic fields, MkDocs options, YAML resolvers)."""
    from mkdocs.config.base import Config
    from pydantic import BaseModel
    from yaml.resolver import BaseResolver

    return issubclass(cls, (BaseModel, Config, BaseResolver))


def engine_modules() -> list[types.ModuleType]:
    names = [m.name for m in pkgutil.walk_packages(macros.__path__, "macros.")]
    return [macros, *(importlib.import_module(n) for n in names)]


def test_the_check_tells_state_from_constants():
    """The check itself can fail: it finds each kind of state a module could keep."""

    @dataclasses.dataclass
    class Open:
        x: int = 0

    @dataclasses.dataclass(frozen=True)
    class Frozen:
        items: tuple | list = ()

    def remembers(x, seen=[]):  # noqa: B006 - the point of the example
        return x

    states = ({}, [], set(), Open(), Frozen([1]), (1, []), types.MappingProxyType({"a": []}),
              ThreadPoolExecutor(max_workers=1), logging.getLogger("x"), remembers, functools.cache(len))  # fmt: skip
    for state in states:
        assert not immutable(state), state
    for constant in (1, "a", None, (1, "b"), frozenset({2}), types.MappingProxyType({"a": (1,)}), re.compile("x"),
                     Frozen((1, 2)), len, Frozen, typing.Literal["a"]):  # fmt: skip
        assert immutable(constant), constant
    fake = types.ModuleType("fake")
    exec("_cache = {}\nLIMIT = 3\nclass Holder:\n    seen = []\n", fake.__dict__)  # noqa: S102 - a made-up module
    assert mutable_names(fake) == ["fake._cache", "fake.Holder.seen"]


def test_no_module_level_mutable_state_in_the_engine():
    modules = engine_modules()
    assert len(modules) > 15 and "macros.plugin.plugin" in {m.__name__ for m in modules}
    found = {name for module in modules for name in mutable_names(module)}
    assert found - set(ALLOWED) == set(), "module-level state; keep it on the plugin instance for one build"
    assert set(ALLOWED) <= found, "an allowed name that no longer exists or is no longer mutable: remove it"


def test_no_module_rebinds_its_globals():
    """`global x` in a function is state a module keeps between builds (as `use_url_style` once did)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "macros").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Global)
    ]
    assert offenders == []


def test_one_plugin_entry_point_and_no_hooks():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    entry_points = project["project"]["entry-points"]["mkdocs.plugins"]
    assert entry_points == {"guidance": "macros.plugin.plugin:GuidancePlugin"}
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^hooks:", config, re.M) and re.search(r"^  - guidance:", config, re.M)
    assert not (ROOT / "macros" / "hooks.py").exists()
    assert "def define_env" not in Path(macros.__file__).read_text(encoding="utf-8")


def test_every_referred_collection_has_a_record_name():
    """Messages name the kind of record a wrong id was meant to be ('onbekende stap')."""
    from macros.loader import RECORD_NAMES

    keys = {c.key for c in models.COLLECTIONS}
    refs = set()
    for model in vars(models).values():
        if isinstance(model, type) and issubclass(model, models.Record):
            for field in model.model_fields.values():
                refs |= {m.collection for m in _metadata(field.annotation) if isinstance(m, models.Ref)}
                refs |= {m.collection for m in field.metadata if isinstance(m, models.Ref)}
    assert refs and refs <= keys and refs <= set(RECORD_NAMES)


def _metadata(annotation: object) -> list[object]:
    out = list(getattr(annotation, "__metadata__", ()))
    for arg in typing.get_args(annotation):
        out += _metadata(arg)
    return out


@pytest.mark.parametrize("collection", models.COLLECTIONS, ids=lambda c: c.file)
def test_each_collection_is_one_file_one_key_one_site_field(collection: models.Collection):
    from macros.history import DATA_LABELS
    from macros.site import Site

    assert (ROOT / "data" / f"{collection.file}.yaml").is_file()
    assert len(collection.model.model_fields) == 1
    assert collection.key in {f.name for f in dataclasses.fields(Site)}
    assert DATA_LABELS[collection.file] == collection.label
