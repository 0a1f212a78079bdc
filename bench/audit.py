"""Lighthouse scores (mobile emulation) for home, roadmap, a step, a checklist and a search
results view: `make audit` builds the site, then runs `python -m bench.audit site`.

The site is served on 127.0.0.1 with gzip, as GitHub Pages serves it. Prints the scores and
exits 1 when a goal is missed.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
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
CHROME_FLAGS = " ".join(CHROMIUM_ARGS)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for clients that accept it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return __import__("io").BytesIO(body)

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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site_dir = Path(args[0] if args else "site")
    if not LIGHTHOUSE.exists():
        print("Lighthouse ontbreekt: draai 'npm ci'", file=sys.stderr)
        return 2
    server, base = serve(site_dir)
    missed = False
    print(f"{'Pagina':<18}" + "".join(f"{k:>16}" for k in GOALS))
    try:
        for name, path in PAGES.items():
            scores = audit(base + path)
            row = ""
            for key, goal in GOALS.items():
                ok = scores[key] >= goal
                missed |= not ok
                row += f"{scores[key]:>14}{'  ' if ok else ' !'}"
            print(f"{name:<18}{row}")
            if scores["_failed"]:
                print(f"{'':<18}niet (helemaal) gehaald: {', '.join(scores['_failed'])}")
    finally:
        server.shutdown()
    print("Doelen: " + ", ".join(f"{k} ≥ {v}" for k, v in GOALS.items()) + " (! = gemist)")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
