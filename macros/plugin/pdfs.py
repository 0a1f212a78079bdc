"""The checklist PDFs of a build, or of the many builds of one `mkdocs serve` session.

Unchanged inputs (the same print job key): the PDFs are copied from the cache, byte for byte.
Changed inputs: `mkdocs build` lays them out at once (3 to 4 seconds) and keeps them in the cache;
`mkdocs serve` does not make an edit wait for them. It puts the previous PDFs in the new site, so
every link works, and lays out the new ones in another process (WeasyPrint holds Python's lock
while it works: a thread would slow down the next rebuild); when they are ready they replace
the previous ones in the site being served and in a build still in progress.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

from ..cache import Cache
from ..pdf import PrintJob, render_pdfs


class ChecklistPdfs:
    """The PDFs of one session of builds: the cache, and at most one layout in the background."""

    def __init__(self) -> None:
        #: Held while PDFs go into a site and while a build's site is put in place (staging).
        self.lock = threading.Lock()
        self.cache: Cache | None = None
        self.key: str | None = None  # of the last build's PDFs
        self._targets: tuple[Path, ...] = ()  # where the last build's PDFs go
        self._worker: ProcessPoolExecutor | None = None
        self._pending: dict[str, Future] = {}

    def publish(self, job: PrintJob, cache: Cache, site_dir: Path, served: Path | None = None) -> str:
        """Put the job's PDFs into site_dir: 'cached', 'made', or 'background' (only when `served`,
        the site `mkdocs serve` shows now, is given and earlier PDFs are in the cache)."""
        key = job.key()
        with self.lock:
            self.cache, self.key = cache, key
            self._targets = (site_dir,) if served is None else (site_dir, served)
            if cache.restore(key, site_dir):
                return "cached"
            previous = cache.latest() if served is not None else None
            if previous is None:  # a build, or the first of a session: wait for them
                cache.store(key, partial(render_pdfs, job))
                cache.restore(key, site_dir)
                return "made"
            cache.restore(previous, site_dir)  # the links work until the new ones are there
            if key in self._pending:  # being made already
                return "background"
            for older in self._pending.values():
                older.cancel()  # an earlier edit's PDFs, not started yet: no one waits for them
            try:
                future = self._layout(cache, key, job)
            except BrokenProcessPool:  # its process died (killed, out of memory): start a new one
                self._worker = None
                future = self._layout(cache, key, job)
            self._pending = {key: future}
        future.add_done_callback(partial(self._ready, key))  # outside the lock: it may run at once
        return "background"

    def _layout(self, cache: Cache, key: str, job: PrintJob) -> Future:
        if self._worker is None:
            self._worker = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                               initializer=end_with, initargs=(os.getpid(),))  # fmt: skip
        return self._worker.submit(cache.store, key, partial(render_pdfs, job))

    def _ready(self, key: str, future: Future) -> None:
        """A background layout ended: its PDFs go where the latest build's belong, if they are its."""
        if future.cancelled():
            return
        with self.lock:
            self._pending.pop(key, None)
            error = future.exception()
            if isinstance(error, BrokenProcessPool):
                self._worker = None  # the next layout starts a new process
            if error is None and key == self.key and self.cache is not None:
                for target in self._targets:
                    if target.is_dir():  # a staging directory is gone once its build finished
                        self.cache.restore(key, target)
        log = logging.getLogger("mkdocs.plugins.guidance")  # the plugin's, by name
        if error is not None:
            log.error(f"De checklist-PDF's konden niet worden gemaakt: {error}")
        elif key == self.key:
            log.info("Checklist-PDF's bijgewerkt")

    def close(self) -> None:
        """The session ends: no new layouts; one that is running finishes into the cache."""
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None


def end_with(parent: int) -> None:
    """In the layout process: end when the process that started it is gone, also when that one
    was stopped without a word (SIGTERM) and could not shut the process down itself."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="ks-end-with-parent").start()
