"""Every public module, class, function and method of the macros package says why it exists."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import macros


def public_members():
    for info in pkgutil.iter_modules(macros.__path__):
        module = importlib.import_module(f"macros.{info.name}")
        yield module.__name__, module
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                yield f"{module.__name__}.{name}", obj
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and inspect.isfunction(member):
                        yield f"{module.__name__}.{name}.{attr}", member


def test_every_public_member_has_a_docstring():
    members = list(public_members())
    assert len(members) > 100
    missing = [name for name, obj in members if not (inspect.getdoc(obj) or "").strip()
               or (inspect.isclass(obj) and obj.__doc__ is None)]  # fmt: skip
    assert missing == []
