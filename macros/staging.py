"""MkDocs hooks (listed in mkdocs.yml): a build replaces the site only when it succeeded.

MkDocs empties site_dir before it builds, so a render error, a strict-mode warning or an
interrupted build used to leave no site, or a site without PDFs. Here every build writes into a
fresh directory next to site_dir (`.site.build` for `site`), and only after the last post-build
step, when strict mode found no warnings, is it renamed into place; the old site is renamed away
first and then deleted, so it is never half-deleted either. A failed build removes its staging
directory (at exit, if a plugin ends it with sys.exit); a killed one leaves it for the next build
to remove. This holds for `mkdocs build`, `make build`, `make offline`, CI and every rebuild of
`mkdocs serve`. One build per site directory at a time.
"""

from __future__ import annotations

import atexit
import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

_build: dict = {}  # this build's target, staging directory and warning counter


def beside(target: Path, kind: str) -> Path:
    """A hidden sibling of the site directory: `.site.build` (new) or `.site.old` (on its way out)."""
    return target.parent / f".{target.name}.{kind}"


@event_priority(1000)  # first: every later step, ours and the plugins', writes into the staging directory
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Send the build to an empty staging directory beside site_dir, before MkDocs empties site_dir."""
    target = Path(config.site_dir)
    staging = beside(target, "build")
    for leftover in (staging, beside(target, "old")):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging.mkdir(parents=True)
    atexit.register(shutil.rmtree, staging, ignore_errors=True)  # a plugin may end the build with sys.exit
    counter = CountHandler(level=logging.WARNING)  # strict mode aborts on warnings only after on_post_build
    logging.getLogger("mkdocs").addHandler(counter)
    _build.update(target=target, staging=staging, counter=counter)
    config.site_dir = str(staging)
    return config


@event_priority(-1000)  # last: after every plugin wrote its files (search index, offline bundle, PDFs)
def on_post_build(config: MkDocsConfig) -> None:
    """The build succeeded: put the staging directory in the place of site_dir."""
    counter = _build.pop("counter")
    logging.getLogger("mkdocs").removeHandler(counter)
    if config.strict and counter.get_counts():
        return  # MkDocs aborts this build next; on_build_error removes the staging directory
    try:
        replace(_build["staging"], _build["target"])
    except OSError as exc:
        raise PluginError(
            f"De nieuwe site kon niet op de plaats van {_build['target']} worden gezet ({exc}). "
            "De vorige site staat er nog."
        ) from None


def on_build_error(error: Exception) -> None:
    """The build failed: the site directory is untouched; drop what was built so far."""
    counter = _build.pop("counter", None)
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)
    if "staging" in _build:
        shutil.rmtree(_build["staging"], ignore_errors=True)


def replace(new: Path, target: Path) -> None:
    """Put `new` in the place of `target` by renaming both, so `target` is never half-written or
    half-deleted: if `target` cannot be moved away, it stays as it was."""
    old = beside(target, "old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists() or target.is_symlink():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)  # what cannot be deleted now goes with the next build
