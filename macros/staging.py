"""A build replaces the site only when it succeeded (the plugin's first and last steps).

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
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler


def beside(target: Path, kind: str) -> Path:
    """A hidden sibling of the site directory: `.site.build` (new) or `.site.old` (on its way out)."""
    return target.parent / f".{target.name}.{kind}"


@dataclass
class Staging:
    """One build's staging directory beside its site directory, and the warnings counted meanwhile."""

    target: Path
    directory: Path
    counter: CountHandler

    @classmethod
    def start(cls, target: Path) -> Staging:
        """An empty staging directory beside `target`, before MkDocs empties site_dir."""
        directory = beside(target, "build")
        for leftover in (directory, beside(target, "old")):  # from a build that was killed
            shutil.rmtree(leftover, ignore_errors=True)
        directory.mkdir(parents=True)
        atexit.register(shutil.rmtree, directory, ignore_errors=True)  # a plugin may end the build with sys.exit
        counter = CountHandler(level=logging.WARNING)  # strict mode aborts on warnings only after on_post_build
        logging.getLogger("mkdocs").addHandler(counter)
        return cls(target, directory, counter)

    def finish(self, strict: bool) -> None:
        """The build succeeded: put the staging directory in the place of the site directory."""
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if strict and self.counter.get_counts():
            return  # MkDocs aborts this build next; on_build_error drops the staging directory
        try:
            replace(self.directory, self.target)
        except OSError as exc:
            raise PluginError(
                f"De nieuwe site kon niet op de plaats van {self.target} worden gezet ({exc}). "
                "De vorige site staat er nog."
            ) from None

    def drop(self) -> None:
        """The build failed: the site directory is untouched; drop what was built so far."""
        logging.getLogger("mkdocs").removeHandler(self.counter)
        shutil.rmtree(self.directory, ignore_errors=True)


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
