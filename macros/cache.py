"""Build outputs kept on disk by a hash of their inputs: a build whose inputs did not change copies
them instead of making them again (the checklist PDFs). The code reference is kept in memory
instead (`macros.plugin.code_reference`); it only uses the hashes from here (`digest`, `files_digest`).

An entry is a directory `<root>/<key>/` with the files as they go into the site, so a copy is
byte for byte what was made. It is written under a temporary name and renamed into place, so
an entry is whole or absent, also when two builds (or a background render) make it at once.
Only the most recently used entries stay (`keep`); `.cache/` is not in git.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def digest(*parts: str | bytes) -> str:
    """A hash of the parts in their order; each part's length goes in too, so no two lists of
    parts run together into the same bytes."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:32]


def files_digest(paths: list[Path], root: Path) -> str:
    """A hash of files' names (relative to root) and contents, in sorted order."""
    return digest(*(part for p in sorted(paths) for part in (p.relative_to(root).as_posix(), p.read_bytes())))


@dataclass(frozen=True)
class Cache:
    """The entries of one kind of output (e.g. `.cache/pdf`), each under the hash of its inputs."""

    root: Path
    keep: int = 3

    def restore(self, key: str, target: Path) -> bool:
        """Copy the entry's files into target (a site directory); False when there is no such entry.

        Each file replaces its namesake whole: a server never sends half of one."""
        entry = self.root / key
        if not entry.is_dir():
            return False
        for source in sorted(p for p in entry.rglob("*") if p.is_file()):
            destination = target / source.relative_to(entry)
            destination.parent.mkdir(parents=True, exist_ok=True)
            partial = destination.with_name(f".{destination.name}.part")
            shutil.copyfile(source, partial)
            os.replace(partial, destination)
        os.utime(entry)  # used now: pruned last
        return True

    def store(self, key: str, make: Callable[[Path], object]) -> Path:
        """The entry for key, made by `make(directory)` unless it exists: `make` writes the files
        into an empty directory as they go into the site."""
        entry = self.root / key
        if entry.is_dir():
            return entry
        self.root.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=self.root))
        try:
            make(scratch)
            scratch.rename(entry)
        except OSError:
            if not entry.is_dir():  # not made by another build meanwhile: a real error
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        self._prune()
        return entry

    def latest(self) -> str | None:
        """The key of the entry made or used last, if any."""
        entries = self._entries()
        return entries[-1].name if entries else None

    def _entries(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        found = [p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")]
        return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))

    def _prune(self) -> None:
        """Drop all but the entries used last, and the scratch directories of makers that were stopped."""
        stale = time.time() - 600  # making one takes seconds
        scratch = [p for p in self.root.glob(".*") if p.is_dir() and p.stat().st_mtime < stale]
        for old in [*self._entries()[: -self.keep], *scratch]:
            shutil.rmtree(old, ignore_errors=True)
