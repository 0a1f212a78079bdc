"""Build benchmarks of the site: prints a table of figures and writes them to bench/results.json.

    python -m bench.run            # 5 repetitions, scale 1x, 10x and 100x
    python -m bench.run --quick    # 2 repetitions, no 100x build
    python -m bench.run --only real,search --keep

Every build runs in a temporary copy of the project (mkdocs.yml, docs/, overrides/, macros/,
CONTRIBUTING.md, data/), so edits in the working tree during a run do not disturb it. The copy
is a local `git clone` of this repository (read-only for the source) with the working-tree
files copied over it, so the git-history work of a build (page dates, 'Wat is er veranderd')
is measured too; --no-git makes a plain copy instead.

Sections (--only): real (full builds with PDFs from a warm cache, with PDFs made afresh, and
without PDFs, interleaved), macros (build time against the same site with its Markdown pre-rendered,
with and without the site's other hooks), serve (`mkdocs serve` with PDFs and code reference, and
beside it one with KS_PREVIEW=true: a checklist item edited in data/steps.yaml until the served
page, and then its PDF, shows it),
weight (page weight in Chromium), search (search index size), scale (synthetic data 1x, 10x, 100x).
The first lines of the table put the two figures of the preview side by side:
`python -m bench.run --only real,serve` measures just those.
This is a benchmark, not a test: it asserts nothing. bench/results.json is meant to be git-ignored.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench import synthetic
from bench.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
TIME = Path("/usr/bin/time")
SECTIONS = ("real", "macros", "serve", "weight", "search", "scale")

CAPTURE_HOOK = '''"""Benchmark only: writes every page's Markdown as the macros plugin left it, and the final nav."""
import json
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ["KS_BENCH_CAPTURE"])


@event_priority(-100)  # after our on_config hook added the generated pages to the nav
def on_config(config):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "nav.json").write_text(json.dumps(config.nav, ensure_ascii=False), encoding="utf-8")
    return config


@event_priority(-100)  # after mkdocs-macros (priority 0) rendered the page and added its footer
def on_page_markdown(markdown, page, config, files):
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = dict(page.meta)
    front = "---\\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\\n\\n" if meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
'''

POST_HOOKS = '''"""Benchmark only: the site's plugin for a project whose Markdown is pre-rendered.

Everything the site does besides making Markdown from data stays: data check, bundles,
abbreviations, edit links, CSP, search enrichment, open data. The generated pages and the
nav are already in docs/ and mkdocs.yml, so on_files and on_page_markdown are left out.
"""
from mkdocs.plugins import event_priority

from macros.plugin.plugin import GuidancePlugin

plugin = GuidancePlugin()
plugin.load_config({"pdf": False})
on_page_content, on_page_context, on_post_page = plugin.on_page_content, plugin.on_page_context, plugin.on_post_page
on_post_template = plugin.on_post_template


@event_priority(-50)
def on_post_build(config):
    for step in plugin.on_post_build.methods:  # the outputs, then the staged site put in place
        step(config)


@event_priority(100)
def on_config(config):
    nav = config.nav
    config = plugin.on_config(config)
    config.nav = nav  # the captured nav already lists the generated pages
    return config
'''


# --- helpers ------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))  # what a web server's default gzip level gives


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def make_project(target: Path, use_git: bool = True) -> Path:
    """A copy of the project with the working tree's files (and, with git, its history)."""
    if target.exists():
        shutil.rmtree(target)
    cloned = False
    if use_git and (ROOT / ".git").exists():
        done = subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)],
                              capture_output=True, text=True)  # fmt: skip
        cloned = done.returncode == 0
    if not cloned:
        target.mkdir(parents=True)
    synthetic.copy_project_files(ROOT, target)
    if (target / "data").exists():
        shutil.rmtree(target / "data")
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def build(project: Path, site: Path, pdf: bool, timeout: float = 900, config: str = "mkdocs.yml") -> dict:
    """One `mkdocs build --strict`: wall time, MkDocs' own 'built in' time, peak memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KS_PDF", None)
    if not pdf:
        env["KS_PDF"] = "false"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site)]
    if TIME.exists():
        cmd = [str(TIME), "-v", *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)  # fmt: skip
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group of the process started here, by its id
        proc.communicate()
        return {"ok": False, "timeout": True, "wall_s": round(time.perf_counter() - start, 2)}
    wall = time.perf_counter() - start
    built = re.search(r"Documentation built in ([\d.]+) seconds", out)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out)
    result = {
        "ok": proc.returncode == 0,
        "wall_s": round(wall, 3),
        "built_s": float(built.group(1)) if built else None,
        "max_rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else None,
    }
    if not result["ok"]:
        result["log"] = "\n".join(line for line in out.splitlines() if "WARNING" in line or "ERROR" in line)[-3000:]
        log(f"build failed in {project}:\n{result['log'] or out[-3000:]}")
    return result


def builds(project: Path, site: Path, pdf: bool, reps: int, label: str, timeout: float = 900) -> dict:
    runs = []
    for i in range(reps):
        runs.append(build(project, site, pdf, timeout))
        log(f"{label} {i + 1}/{reps}: {runs[-1]}")
        if not runs[-1]["ok"]:
            break
    return summary(runs)


def summary(runs: list[dict]) -> dict:
    """Medians of the successful runs' times, their peak memory, and whether every run succeeded."""
    ok = [r for r in runs if r["ok"]]
    return {
        "runs": runs,
        "wall_s": median([r["wall_s"] for r in ok]),
        "built_s": median([r["built_s"] for r in ok if r["built_s"] is not None]),
        "max_rss_mb": max((r["max_rss_mb"] or 0 for r in ok), default=None),
        "ok": len(ok) == len(runs) and bool(ok),
    }


def pages_in(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


# --- sections -----------------------------------------------------------------------------


def section_real(work: Path, reps: int, use_git: bool) -> dict:
    """Full builds: PDFs copied from a warm cache (unchanged checklists), PDFs made afresh (cache
    emptied first), and no PDFs; interleaved, so a busy spell of the machine hits all three alike."""
    project = make_project(work / "real", use_git)
    cache = project / ".cache"
    build(project, work / "real-site", pdf=False)  # warm-up: bytecode, font cache
    build(project, work / "real-site-pdf", pdf=True)  # fills the PDF cache
    runs: dict[str, list[dict]] = {"with_pdf": [], "with_pdf_cold": [], "without_pdf": []}
    for i in range(reps):
        for name in runs:
            if name == "with_pdf_cold":
                shutil.rmtree(cache / "pdf", ignore_errors=True)
            runs[name].append(build(project, work / f"real-site-{name}", pdf=name != "without_pdf"))
            log(f"real build {name} {i + 1}/{reps}: {runs[name][-1]}")
    result: dict[str, Any] = {"pages": pages_in(work / "real-site-without_pdf")}
    result |= {name: summary(done) for name, done in runs.items()}
    result["pdf_step_cached_s"] = pdf_step_cached(project)
    warm, cold, without = (result[n]["wall_s"] for n in runs)
    if warm and cold and without:
        result["pdf_cost_s"] = round(cold - without, 3)
        result["ratio_warm_wall"] = round(warm / without, 2)
        result["ratio_cold_wall"] = round(cold / without, 2)
    return result


def pdf_step_cached(project: Path, reps: int = 20) -> float | None:
    """What a build with unchanged checklists spends on its PDFs, timed here without the noise of a
    whole build: the print job, its hash and the copy from the cache (median seconds)."""
    from macros.build import edition_for
    from macros.cache import Cache
    from macros.loader import load_site
    from macros.pdf import print_job
    from macros.plugin.pdfs import ChecklistPdfs
    from macros.prebuild import project_config

    site = load_site(project / "data")
    edition = edition_for(project_config(project))
    cache, times = Cache(project / ".cache" / "pdf"), []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(reps):
            start = time.perf_counter()
            done = ChecklistPdfs().publish(print_job(site, edition), cache, Path(out))
            times.append(time.perf_counter() - start)
            if done != "cached":
                return None
    return median(times)


def section_macros(work: Path, reps: int, use_git: bool) -> dict:
    """The real site (KS_PDF=false) against the same pages pre-rendered as plain Markdown.

    'prerendered' keeps the site's other hooks (the same site, only no macros): the macros overhead.
    'plain' drops every hook too: the cost of all our code against a bare Material build."""
    project = make_project(work / "capture", use_git)
    (project / "ks_bench_capture.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = synthetic.read_config(project / "mkdocs.yml")
    config["hooks"] = [*config.get("hooks", []), "ks_bench_capture.py"]
    synthetic.write_config(project / "mkdocs.yml", config)
    capture = work / "captured"
    os.environ["KS_BENCH_CAPTURE"] = str(capture)
    try:
        first = build(project, work / "capture-site", pdf=False)
    finally:
        del os.environ["KS_BENCH_CAPTURE"]
    if not first["ok"]:
        return {"ok": False, "error": "capture build failed"}

    projects = {"site": make_project(work / "real", use_git)}
    for variant, hooks in (("prerendered", True), ("plain", False)):
        target = projects[variant] = work / variant
        if target.exists():
            shutil.rmtree(target)
        target.mkdir()
        shutil.copytree(capture / "docs", target / "docs")
        for folder in ("overrides", "data"):
            shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy2(ROOT / "CONTRIBUTING.md", target / "CONTRIBUTING.md")  # pymdownx.snippets still includes it
        config = synthetic.read_config(ROOT / "mkdocs.yml")
        config.pop("watch", None)
        config["hooks"] = ["ks_bench_hooks.py"] if hooks else []
        if hooks:
            (target / "ks_bench_hooks.py").write_text(POST_HOOKS, encoding="utf-8")
        plugins = config.get("plugins", [])
        ours = ("macros", "guidance")  # the pages are rendered already; the plugin comes back as hooks above
        config["plugins"] = [p for p in plugins if not (p in ours or isinstance(p, dict) and set(p) & set(ours))]
        config["nav"] = json.loads((capture / "nav.json").read_text(encoding="utf-8"))
        synthetic.write_config(target / "mkdocs.yml", config)
    # Interleaved (site, pre-rendered, plain, site, ...): a busy spell of the machine hits all three alike.
    runs: dict[str, list[dict]] = {name: [] for name in projects}
    for i in range(reps + 1):  # the first round warms up (bytecode, template cache) and is not counted
        for name, project in projects.items():
            run = build(project, work / f"{name}-site", pdf=False)
            log(f"macros: {name} build {i}/{reps}: {run}")
            if i:
                runs[name].append(run)
    result: dict[str, Any] = {}
    for name, done in runs.items():
        result[name] = summary(done)
        result[f"pages_{name}"] = pages_in(work / f"{name}-site")
    for variant in ("prerendered", "plain"):
        for key in ("wall_s", "built_s"):
            a, b = result["site"][key], result[variant][key]
            result[f"ratio_{variant}_{key}"] = round(a / b, 2) if a and b else None
    return result


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of a page of a local server; status 0 when the server does not answer (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except OSError:  # refused, reset, timed out
        return 0, b""


def get(url: str) -> tuple[int, str]:
    status, body = fetch(url)
    return status, body.decode("utf-8", "replace")


STEP_PAGE = "stappen/lokale-coalitie-vormen/"
STEP_PDF = "pdf/checklist-lokale-coalitie-vormen.pdf"


def _serve(project: Path, env: dict, server_log: Path) -> tuple[subprocess.Popen, str]:
    """`mkdocs serve` of project on a free port; the process and the site's address."""
    port = free_port()
    with server_log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip
    return proc, f"http://127.0.0.1:{port}/handreiking/"  # site_url's path, which `mkdocs serve` serves under


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()  # the server started here, by its process id
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _edit(project: Path, base: str, server_log: Path, i: int, pdf: bool) -> dict:
    """Edit the first checklist item of data/steps.yaml; seconds until the step page shows it,
    until the step's PDF is a new one (pdf), and MkDocs' own rebuild time."""
    steps = project / "data" / "steps.yaml"
    original = steps.read_text(encoding="utf-8")
    marker = f"Benchmarkpunt{i}x{time.time_ns() % 10**9}"
    text, n = re.subn(r"^(\s+text: ).*$", rf"\g<1>{marker} wijs een kartrekker aan.", original, count=1, flags=re.M)
    assert n == 1, "no checklist text found in data/steps.yaml"
    pdf_before = fetch(base + STEP_PDF)[1] if pdf else b""
    # MkDocs drops a log line equal to an earlier one ("built in 1.30 seconds" twice): count reloads.
    builds_before = server_log.read_text().count("Reloading browsers")
    steps.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    result: dict[str, Any] = {}
    while marker not in get(base + STEP_PAGE)[1]:
        if time.perf_counter() - t0 > 180:
            raise TimeoutError("edit not served after 180 s: " + server_log.read_text()[-2000:])
        time.sleep(0.05)
    result["shown_s"] = round(time.perf_counter() - t0, 3)
    while pdf and fetch(base + STEP_PDF)[1] in (pdf_before, b""):  # made in the background
        if time.perf_counter() - t0 > 180:
            raise TimeoutError("new PDF not served after 180 s: " + server_log.read_text()[-2000:])
        time.sleep(0.1)
    if pdf:
        result["pdf_s"] = round(time.perf_counter() - t0, 3)
    while server_log.read_text().count("Reloading browsers") <= builds_before:  # build finished
        if time.perf_counter() - t0 > 180:
            break
        time.sleep(0.05)
    found = re.findall(r"Documentation built in ([\d.]+) seconds", server_log.read_text())
    result["built_s"] = float(found[-1]) if found else None
    return result


def section_serve(work: Path, reps: int, use_git: bool) -> dict:
    """`mkdocs serve` of the whole site (PDFs and code reference) and, beside it, the quick build
    (`KS_PREVIEW=true`, what serve was before): seconds from saving data/steps.yaml until the step
    page shows the edit, and (whole site) until the step's new PDF is served. The two servers run
    at once and take turns, so a busy spell of the machine hits both alike."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KS_")} | {"NO_MKDOCS_2_WARNING": "1"}
    variants = {"whole": env, "quick": env | {"KS_PREVIEW": "true"}}
    servers: dict[str, tuple[Path, subprocess.Popen, str, Path]] = {}
    result: dict[str, Any] = {"ok": False}
    try:
        start = time.perf_counter()
        for name, variant_env in variants.items():
            project = make_project(work / f"serve-{name}", use_git)
            server_log = work / f"serve-{name}.log"
            servers[name] = (project, *_serve(project, variant_env, server_log), server_log)
        for name, (_, proc, base, server_log) in servers.items():
            while get(base + STEP_PAGE)[0] != 200:
                if proc.poll() is not None or time.perf_counter() - start > 300:
                    result["error"] = f"{name} server did not start: " + server_log.read_text()[-2000:]
                    return result
                time.sleep(0.2)
        result["first_serve_s"] = round(time.perf_counter() - start, 2)
        base = servers["whole"][2]
        result["serves_code_reference"] = "doc-heading" in get(base + "ontwikkelaars/api/")[1]
        result["serves_pdf"] = fetch(base + STEP_PDF)[1].startswith(b"%PDF-")
        runs: dict[str, list[dict]] = {name: [] for name in servers}
        for i in range(reps):
            for name, (project, _, base, server_log) in servers.items():
                time.sleep(1.5)  # let the watchers settle
                runs[name].append(_edit(project, base, server_log, i, pdf=name == "whole"))
                log(f"serve {name} edit {i + 1}/{reps}: {runs[name][-1]}")
    except TimeoutError as exc:
        result["error"] = str(exc)
        return result
    finally:
        for _, proc, _, _ in servers.values():
            _stop(proc)
    whole, quick = runs["whole"], runs["quick"]
    result.update(
        ok=True, runs=runs,
        rebuild_shown_s=median([r["shown_s"] for r in whole]),
        pdf_shown_s=median([r["pdf_s"] for r in whole]),
        mkdocs_built_s=median([r["built_s"] for r in whole if r["built_s"] is not None]),
        quick_rebuild_shown_s=median([r["shown_s"] for r in quick]),
        quick_mkdocs_built_s=median([r["built_s"] for r in quick if r["built_s"] is not None]),
    )  # fmt: skip
    if result["rebuild_shown_s"] and result["quick_rebuild_shown_s"]:
        result["ratio_whole_quick"] = round(result["rebuild_shown_s"] / result["quick_rebuild_shown_s"], 2)
    return result


class _Handler(http.server.SimpleHTTPRequestHandler):
    served: list[tuple[str, int, Path | None]]

    def log_message(self, *args):  # quiet
        pass

    def log_request(self, code="-", size="-"):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        self.served.append((self.path, int(code) if str(code).isdigit() else 0, path if path.is_file() else None))


def section_weight(work: Path, site: Path) -> dict:
    """Requests and bytes (raw and gzip) a fresh Chromium loads for home and the roadmap."""
    from playwright.sync_api import sync_playwright

    served: list[tuple[str, int, Path | None]] = []
    handler = type("Handler", (_Handler,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    result = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path in (("home", ""), ("routekaart", "routekaart/")):
                served.clear()
                context = browser.new_context()  # empty cache
                page = context.new_page()
                browser_requests: list[str] = []
                page.on("request", lambda r, seen=browser_requests: seen.append(r.url))
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(1500)  # the search worker loads its index after the page
                context.close()
                files = [(url, code, f) for url, code, f in served]
                raw = sum(f.stat().st_size for _, code, f in files if f and code == 200)
                zipped = sum(gz(f.read_bytes()) for _, code, f in files if f and code == 200)
                html = (site / path / "index.html").read_bytes()
                result[name] = {
                    "requests": len(files),
                    "browser_requests": len([u for u in browser_requests if not u.startswith("data:")]),
                    "bytes_raw": raw,
                    "bytes_gzip": zipped,
                    "html_raw": len(html),
                    "html_gzip": gz(html),
                    "not_ok": [u for u, code, _ in files if code != 200],
                    "paths": [u for u, _, _ in files],
                    "largest_gzip": sorted(
                        ((gz(f.read_bytes()), u) for u, c, f in files if f and c == 200), reverse=True
                    )[:5],  # fmt: skip
                }
                log(f"weight {name}: {result[name]['requests']} requests, {zipped} bytes gzip")
            browser.close()
    finally:
        server.shutdown()
    return result


def search_index(site: Path) -> dict:
    path = site / "search" / "search_index.json"
    data = path.read_bytes()
    return {"bytes_raw": len(data), "bytes_gzip": gz(data), "entries": len(json.loads(data)["docs"])}


def page_sizes(site: Path) -> dict:
    """HTML of a few pages, raw and gzip: shows per-page growth (nav, JSON islands)."""
    out = {}
    step = "stappen/lokale-coalitie-vormen/"
    pages = {"home": "", "step": step, "checklist": step + "checklist/", "action": "acties/lokale-coalities/",
             "routekaart": "routekaart/"}  # fmt: skip
    for name, path in pages.items():
        file = site / path / "index.html"
        if file.exists():
            data = file.read_bytes()
            out[name] = {"raw": len(data), "gzip": gz(data)}
    return out


def section_scale(work: Path, reps: int, use_git: bool, factors: list[int], relaxed: bool, timeout: float) -> dict:
    result: dict[str, Any] = {}
    for factor in factors:
        project = make_project(work / f"scale{factor}", use_git)
        plan = synthetic.write_project(project, factor, relaxed, ROOT, copy_files=False)
        errors = synthetic.validate(project / "data")
        entry: dict[str, Any] = {
            "records": plan.counts, "docs_copies": plan.docs_copies, "pages_planned": plan.pages,
            "notes": plan.notes, "valid": not errors,
        }  # fmt: skip
        if errors:
            entry["errors"] = errors[:10]
            result[f"{factor}x"] = entry
            log(f"{factor}x data invalid: {errors[:3]}")
            continue
        site = work / f"scale{factor}-site"
        n = reps if factor <= 10 else 1
        runs = builds(project, site, False, n, f"{factor}x build", timeout=timeout)
        entry.update({k: runs[k] for k in ("wall_s", "built_s", "max_rss_mb", "ok", "runs")})
        if runs["ok"]:
            entry["pages_built"] = pages_in(site)
            entry["search_index"] = search_index(site)
            entry["html"] = page_sizes(site)
        result[f"{factor}x"] = entry
    for a, b in ((10, 1), (100, 10)):
        x, y = result.get(f"{a}x", {}), result.get(f"{b}x", {})
        for key in ("wall_s", "built_s"):
            if x.get(key) and y.get(key):
                result[f"ratio_{a}x_{b}x_{key}"] = round(x[key] / y[key], 2)
    return result


# --- report -------------------------------------------------------------------------------


def table(results: dict) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []

    def add(label: str, value: Any, unit: str = "") -> None:
        if value is not None:
            rows.append((label, f"{value}{unit}"))

    real, s = results.get("real"), results.get("serve")
    if real or s:  # the preview is the real site: its two figures side by side
        add("PREVIEW serve: edit -> page shows it (goal <= 2 s)"
            + " | full build, PDFs cached / no PDFs (goal <= 1.2x)",
            f"{(s or {}).get('rebuild_shown_s')} s | {(real or {}).get('ratio_warm_wall')}x")  # fmt: skip
    if real:
        add("pages (real site)", real["pages"])
        add("real build, PDFs from the cache (unchanged checklists), median wall / 'built in'",
            f"{real['with_pdf']['wall_s']} / {real['with_pdf']['built_s']}", " s")  # fmt: skip
        add("real build, PDFs made afresh (cache empty), median wall / 'built in'",
            f"{real['with_pdf_cold']['wall_s']} / {real['with_pdf_cold']['built_s']}", " s")  # fmt: skip
        add("real build KS_PDF=false, median wall / 'built in'",
            f"{real['without_pdf']['wall_s']} / {real['without_pdf']['built_s']}", " s")  # fmt: skip
        add("full build with PDFs cached / without PDFs, wall (goal <= 1.2)", real.get("ratio_warm_wall"), "x")
        add("full build with PDFs made / without PDFs, wall", real.get("ratio_cold_wall"), "x")
        add("PDF cost when made (wall difference)", real.get("pdf_cost_s"), " s")
        add("PDF step when cached (print job, hash, copy; timed alone)", real.get("pdf_step_cached_s"), " s")
        add("peak memory, build making PDFs", real["with_pdf_cold"]["max_rss_mb"], " MB")
    m = results.get("macros")
    if m and "prerendered" in m:
        add("site build, wall / 'built in'",
            f"{m['site']['wall_s']} / {m['site']['built_s']}", " s")  # fmt: skip
        add("pre-rendered Markdown, other hooks kept, wall / 'built in'",
            f"{m['prerendered']['wall_s']} / {m['prerendered']['built_s']}", " s")  # fmt: skip
        add("macros overhead ratio, wall (goal <= 1.10)", m["ratio_prerendered_wall_s"], "x")
        add("macros overhead ratio, 'built in'", m["ratio_prerendered_built_s"], "x")
        add("pre-rendered Markdown, no hooks, wall / 'built in'", f"{m['plain']['wall_s']} / {m['plain']['built_s']}",
            " s")  # fmt: skip
        add("all our code (macros and hooks), wall", m["ratio_plain_wall_s"], "x")
        add("all our code (macros and hooks), 'built in'", m["ratio_plain_built_s"], "x")
    if s:
        add("serve: PDFs and code reference served", s.get("serves_pdf") and s.get("serves_code_reference"))
        add("serve: YAML edit -> page shows it (median)", s.get("rebuild_shown_s"), " s")
        add("serve: YAML edit -> new PDF served (median, made in the background)", s.get("pdf_shown_s"), " s")
        add("serve: MkDocs rebuild time (median)", s.get("mkdocs_built_s"), " s")
        add("serve KS_PREVIEW=true beside it (no PDFs, no code reference): edit -> page / rebuild",
            f"{s.get('quick_rebuild_shown_s')} / {s.get('quick_mkdocs_built_s')}", " s")  # fmt: skip
        add("serve whole site / KS_PREVIEW=true, edit -> page", s.get("ratio_whole_quick"), "x")
        add("serve: error", s.get("error"))
    w = results.get("weight")
    for name in ("home", "routekaart"):
        if w and name in w:
            add(f"weight {name}: requests", w[name]["requests"])
            add(f"weight {name}: bytes raw / gzip", f"{w[name]['bytes_raw']} / {w[name]['bytes_gzip']}")
            add(f"weight {name}: HTML raw / gzip", f"{w[name]['html_raw']} / {w[name]['html_gzip']}")
    si = results.get("search")
    if si:
        add("search index: bytes raw / gzip", f"{si['bytes_raw']} / {si['bytes_gzip']}")
        add("search index: entries", si["entries"])
    sc = results.get("scale", {})
    for key, entry in sc.items():
        if not isinstance(entry, dict):
            continue
        if not entry.get("valid", True):
            add(f"scale {key}", "data invalid: " + "; ".join(entry.get("errors", [])[:2]))
            continue
        if entry.get("runs") and entry["runs"][-1].get("timeout"):
            add(f"scale {key}", f"stopped after {entry['runs'][-1]['wall_s']} s (time limit)")
            continue
        add(f"scale {key}: pages", entry.get("pages_built", entry.get("pages_planned")))
        add(f"scale {key}: build wall / 'built in'", f"{entry.get('wall_s')} / {entry.get('built_s')}", " s")
        add(f"scale {key}: peak memory", entry.get("max_rss_mb"), " MB")
        if entry.get("search_index"):
            add(f"scale {key}: search index gzip", entry["search_index"]["bytes_gzip"])
        if entry.get("html", {}).get("step"):
            add(f"scale {key}: step page HTML raw / gzip",
                f"{entry['html']['step']['raw']} / {entry['html']['step']['gzip']}")  # fmt: skip
    for key, value in sc.items():
        if key.startswith("ratio_"):
            add(f"scale {key.removeprefix('ratio_')}" + (" (goal <= 12)" if "100x_10x" in key else ""), value)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 repetitions instead of 5, and no 100x build")
    parser.add_argument("--reps", type=int, help="repetitions per figure (default 5, or 2 with --quick)")
    parser.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--relaxed", action="store_true", help="synthetic data beyond the models' number limits")
    parser.add_argument("--timeout", type=float, default=600, help="time limit of one scale build (s)")
    parser.add_argument("--no-git", action="store_true", help="plain copies instead of git clones")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args(argv)
    reps = args.reps or (2 if args.quick else 5)
    sections = args.only.split(",") if args.only else list(SECTIONS)
    use_git = not args.no_git
    work = Path(tempfile.mkdtemp(prefix="ks-bench-"))
    log(f"working in {work}")
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "reps": reps,
        "quick": args.quick,
        "cpus": os.cpu_count(),
    }
    try:
        if "real" in sections:
            results["real"] = section_real(work, reps, use_git)
        if "macros" in sections:
            results["macros"] = section_macros(work, reps, use_git)
        if "serve" in sections:
            results["serve"] = section_serve(work, reps, use_git)
        if {"weight", "search"} & set(sections):
            site = work / "real-site"
            if not (site / "index.html").exists():
                build(make_project(work / "real", use_git), site, pdf=False)
            if "weight" in sections:
                results["weight"] = section_weight(work, site)
            if "search" in sections:
                results["search"] = search_index(site)
                results["html"] = page_sizes(site)
        if "scale" in sections:
            factors = [1, 10] if args.quick else [1, 10, 100]
            results["scale"] = section_scale(work, reps, use_git, factors, args.relaxed, args.timeout)
    finally:
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    rows = table(results)
    width = max((len(label) for label, _ in rows), default=10)
    print()
    print(f"{'figure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 30}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    print(f"\n(all figures in {RESULTS.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
