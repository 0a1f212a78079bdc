"""Lighthouse scores (mobile emulation) for home, roadmap, a step, a checklist and a search
results view: `make audit` builds the site, then runs `python -m bench.audit site [--runs N]`.

The site is served on 127.0.0.1 with gzip, as GitHub Pages serves it. Each view is audited
five times and judged on the median score, as Lighthouse's own guidance on variability
advises: one run on this shared machine varies by several points. Prints the medians (with
the range when runs differ) and exits 1 when a median misses a goal.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import threading
from pathlib import Path

from bench.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "Home": "",
    "Routekaart": "routekaart/",
    "Stap 2.1.1": "stappen/lokale-coalitie-vormen/",
    "Checklist 2.1.1": "stappen/lokale-coalitie-vormen/checklist/",
    "Zoekresultaten": "?q=coalitie",
}
GOALS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
RUNS = 5
CHROME_FLAGS = " ".join(CHROMIUM_ARGS)


@functools.cache
def gzipped(path: Path, mtime: float) -> bytes:
    """A file compressed once, as a host serves it from its cache: compressing on every
    request took the page's CPU on this two-core machine while Lighthouse measured it."""
    return gzip.compress(path.read_bytes(), mtime=0)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for clients that accept it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzipped(path, path.stat().st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(site_dir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def audit(url: str) -> dict[str, int]:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
         "--only-categories=performance,accessibility,best-practices,seo"],
        capture_output=True, text=True, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
    )  # fmt: skip
    report = json.loads(result.stdout)
    failed = [a["id"] for a in report["audits"].values() if a.get("score") is not None and a["score"] < 1
              and a.get("scoreDisplayMode") in ("binary", "numeric") and a["id"] != "final-screenshot"]  # fmt: skip
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    return {**scores, "_failed": failed}


def median_scores(runs: list[dict]) -> dict[str, tuple[float, int, int]]:
    """Per category: the median score of the runs, and the lowest and highest."""
    return {key: (statistics.median(r[key] for r in runs), min(r[key] for r in runs), max(r[key] for r in runs))
            for key in GOALS}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--runs", type=int, default=RUNS, help=f"Lighthouse runs per view (default {RUNS})")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        parser.exit(2, "Lighthouse ontbreekt: draai 'npm ci'\n")
    server, base = serve(args.site)
    missed = False
    print(f"Mediaan van {args.runs} runs per pagina (laagste–hoogste als runs verschillen)")
    print(f"{'Pagina':<18}" + "".join(f"{k:>16}" for k in GOALS))
    try:
        for name, path in PAGES.items():
            runs = [audit(base + path) for _ in range(args.runs)]
            row = ""
            for key, (median, low, high) in median_scores(runs).items():
                ok = median >= GOALS[key]
                missed |= not ok
                spread = f" ({low}–{high})" if low != high else ""
                row += f"{f'{median:g}{spread}':>14}{'  ' if ok else ' !'}"
            print(f"{name:<18}{row}")
            failed = sorted({audit_id for run in runs for audit_id in run["_failed"]})
            if failed:
                print(f"{'':<18}niet (helemaal) gehaald in een run: {', '.join(failed)}")
    finally:
        server.shutdown()
    print("Doelen (op de mediaan): " + ", ".join(f"{k} ≥ {v}" for k, v in GOALS.items()) + " (! = gemist)")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
