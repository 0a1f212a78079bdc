"""Macros for the Kansrijke Start site: mkdocs-macros calls `define_env` once per build.

It stays thin on purpose: load the data and register the pure render functions from
`macros.render`, each bound to the Site and to the page being rendered.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from . import render


def define_env(env: Any) -> None:
    from .hooks import site_for  # MkDocs-only import; the rest of the package runs without it

    site = site_for(env.conf)
    for function in render.MACROS:
        env.macro(_bind(function, site, env), function.__name__)


def _bind(function: Callable[..., str], site: render.Site, env: Any) -> Callable[..., str]:
    @functools.wraps(function)
    def macro(*args: Any, **kwargs: Any) -> str:
        return function(site, *args, page_url=env.page.url if env.page else "", **kwargs)

    return macro
