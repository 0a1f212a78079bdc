"""Engine check: the site built by MkDocs + Material (production), by ProperDocs and by Zensical,
compared page by page with the production build.

    python -m bench.engine_check                    # all engines (make engine-check)
    python -m bench.engine_check --only properdocs  # one engine besides production
    python -m bench.engine_check --json out.json --keep

Every engine but production runs in its own scratch venv with pinned versions, made once under
~/.cache/ks-engine-check/ (or $KS_ENGINE_CACHE) and reused; nothing of it is committed. Every
build runs in its own copy of the project (bench.run.make_project). 'zensical+prebuild' feeds
Zensical the output of `python -m macros.prebuild` (run here, in the production venv): the
Markdown with every macro rendered, the generated pages, open data and PDFs, and the nav.

A failing engine is a finding, not a crash: the exit code is 0 when every engine could be
installed and started, 1 when a venv could not be made. This is a check, not a test: the
figures go into docs/ontwikkelaars/index.md.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"


@dataclass(frozen=True)
class Engine:
    """How to install and run one engine; `packages` empty means the production venv."""

    name: str
    packages: tuple[str, ...] = ()
    prebuild: bool = False
    venv: str = ""  # share another engine's venv by its name

    @property
    def venv_name(self) -> str:
        return self.venv or self.name


def pinned(*names: str) -> tuple[str, ...]:
    """The production pins (requirements.txt) of these packages, so every engine renders with the same versions."""
    pins = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = f"{name.strip()}=={version.strip()}"
    return tuple(pins[n.lower()] for n in names)


#: Zensical 0.0.74 and later need zensical-ui, which the package index does not serve here:
#: 0.0.73 is the newest that installs. ProperDocs is installed beside the production packages
#: (Material and the plugins import `mkdocs.*`; ProperDocs redirects those imports to itself).
ZENSICAL = "zensical==0.0.73"
PROPERDOCS = "properdocs==1.6.7"
ENGINES = {
    "mkdocs": Engine("mkdocs"),
    "properdocs": Engine("properdocs", ("-r", str(REQUIREMENTS), PROPERDOCS)),
    # What our Python code and the code reference need, nothing of MkDocs' own stack but what
    # mkdocstrings pulls in (Zensical runs mkdocstrings' handlers itself).
    "zensical": Engine(
        "zensical",
        (
            ZENSICAL,
            *pinned("mkdocstrings", "mkdocstrings-python", "pydantic", "PyYAML", "segno", "MarkupSafe", "Jinja2"),
        ),
    ),  # fmt: skip
}
ENGINES["zensical+prebuild"] = Engine("zensical+prebuild", ENGINES["zensical"].packages, prebuild=True, venv="zensical")


def log(message: str) -> None:
    print(f"[engine-check {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- comparing two built sites (pure: two folders in, rows out) -----------------------------------

_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"', re.I)
_ABBR = re.compile(r"<abbr\b")
_COMPONENT = re.compile(r'class="ks-(?!abbr)[a-z-]+')  # what the macros made; tooltips are counted apart
_JINJA = re.compile(r"\{\{|\{%")
_GENERATOR = re.compile(rb'<meta name="generator"[^>]*>')


def same_html(a: Path, b: Path) -> bool:
    """The same bytes but for the generator meta element, which names the engine."""
    return _GENERATOR.sub(b"", a.read_bytes()) == _GENERATOR.sub(b"", b.read_bytes())


@dataclass(frozen=True)
class PageFacts:
    """What the check reads of one built page."""

    text: str  # the article's text, whitespace collapsed, permalink signs left out
    csp: bool
    abbr: int  # glossary tooltips
    components: int  # elements with a ks- class: what the macros made
    jinja: bool  # macro calls left unrendered


def page_facts(document: str) -> PageFacts:
    match = _ARTICLE.search(document)
    body = match.group(1) if match else document
    # Tags go without a trace: a tooltip's <abbr> around a word must not add a space before a comma.
    text = html.unescape(_TAG.sub("", _SCRIPT.sub(" ", body))).replace("¶", " ")
    return PageFacts(
        text=" ".join(text.split()),
        csp=bool(_CSP.search(document)),
        abbr=len(_ABBR.findall(body)),
        components=len(_COMPONENT.findall(body)),
        jinja=bool(_JINJA.search(text)),
    )


@dataclass
class PageRow:
    """One page of the reference build (or an extra page of the candidate) and how it came out."""

    page: str
    kind: str
    status: str  # same | differs | missing | extra
    similarity: float | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Check:
    """One feature across the site: how many of the reference's `total` the candidate matches."""

    name: str
    matched: int
    total: int


@dataclass
class Comparison:
    pages: list[PageRow]
    checks: list[Check]


def html_pages(site: Path) -> dict[str, Path]:
    """Built pages by URL ('a/b/', '' for the home page, '404.html'); assets are not pages."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        pages[rel.removesuffix("index.html") if rel.endswith("index.html") else rel] = path
    return pages


def files_under(site: Path, folder: str) -> dict[str, bytes]:
    """The files of a folder of the site, pages left out (they are compared as pages)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / folder).rglob("*"))
            if p.is_file() and p.suffix != ".html"}  # fmt: skip


def search_entries(site: Path) -> tuple[int, int]:
    """Search index entries, and those that carry our `terms` field, in whatever JSON index the engine wrote."""
    count = total = 0
    for path in sorted((site / "search").glob("*.json")) + sorted(site.glob("search*.json")):
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        docs = index.get("docs", index.get("items", [])) if isinstance(index, dict) else index
        total += len(docs)
        count += sum(1 for doc in docs if isinstance(doc, dict) and "terms" in doc)
    return total, count


def compare(reference: Path, candidate: Path, kinds: dict[str, str] | None = None) -> Comparison:
    """Every page of the reference build against the candidate's, and the site-wide features.

    `kinds` names the generated pages by URL (step, action, checklist); other pages are 'page'."""
    kinds = kinds or {}
    ref_pages, cand_pages = html_pages(reference), html_pages(candidate) if candidate.is_dir() else {}
    rows: list[PageRow] = []
    csp = abbr = components = 0
    for url, path in ref_pages.items():
        kind = kinds.get(url, "page")
        if url not in cand_pages:
            rows.append(PageRow(url, kind, "missing"))
            continue
        ref = page_facts(path.read_text(encoding="utf-8"))
        cand = page_facts(cand_pages[url].read_text(encoding="utf-8"))
        notes = []
        if ref.csp and not cand.csp:
            notes.append("geen CSP")
        if ref.abbr != cand.abbr:
            notes.append(f"abbr {ref.abbr}→{cand.abbr}")
        if ref.components != cand.components:
            notes.append(f"ks- {ref.components}→{cand.components}")
        if cand.jinja and not ref.jinja:
            notes.append("macro's niet uitgevoerd")
        csp += ref.csp == cand.csp or not ref.csp
        abbr += ref.abbr == cand.abbr
        components += ref.components == cand.components
        similarity = 1.0 if ref.text == cand.text else difflib.SequenceMatcher(None, ref.text, cand.text).ratio()
        same = ref.text == cand.text and not notes
        rows.append(PageRow(url, kind, "same" if same else "differs", round(similarity, 3), notes))
    rows += [PageRow(url, kinds.get(url, "page"), "extra") for url in cand_pages if url not in ref_pages]

    same_bytes = sum(url in cand_pages and same_html(path, cand_pages[url]) for url, path in ref_pages.items())
    checks = [Check("pagina's: HTML gelijk (op generator na)", same_bytes, len(ref_pages)),
              Check("pagina's: tekst gelijk", sum(r.status != "missing" and r.similarity == 1.0 for r in rows),
                    len(ref_pages))]  # fmt: skip
    for kind in sorted({k for k in kinds.values()}):
        expected = [u for u in ref_pages if kinds.get(u) == kind]
        checks.append(Check(f"gegenereerd: {kind}", sum(u in cand_pages for u in expected), len(expected)))
    checks += [Check("macro-uitvoer (ks-elementen)", components, len(ref_pages)),
               Check("CSP-meta", csp, len(ref_pages)),
               Check("afkortingen (abbr)", abbr, len(ref_pages))]  # fmt: skip
    for name, folder in (("checklist-PDF's", "pdf"), ("open data", "open-data")):
        ref_files, cand_files = files_under(reference, folder), files_under(candidate, folder)
        checks.append(Check(f"{name}: aanwezig", sum(f in cand_files for f in ref_files), len(ref_files)))
        checks.append(Check(f"{name}: bytes gelijk", sum(cand_files.get(f) == b for f, b in ref_files.items()),
                            len(ref_files)))  # fmt: skip
    (ref_total, ref_terms), (cand_total, cand_terms) = search_entries(reference), search_entries(candidate)
    checks.append(Check("zoekindex: items", min(cand_total, ref_total), ref_total))
    checks.append(Check("zoekindex: items met termen", min(cand_terms, ref_terms), ref_terms))
    bundles = ("assets/css/ks.css", "assets/javascripts/ks.js")
    checks.append(Check("CSS/JS-bundels", sum((candidate / b).is_file() for b in bundles),
                        sum((reference / b).is_file() for b in bundles)))  # fmt: skip
    return Comparison(rows, checks)


# --- running the engines ------------------------------------------------------------------------


@dataclass
class Run:
    engine: str
    ok: bool
    seconds: float | None = None
    site: str = ""
    version: str = ""
    error: str = ""  # the last lines of a failed build's output
    prebuild_seconds: float | None = None


def cache_dir() -> Path:
    base = (
        os.environ.get("KS_ENGINE_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ks-engine-check"
    )
    return Path(base)


def venv_for(engine: Engine) -> Path:
    """The engine's scratch venv, made once per set of pins (and Python version)."""
    if not engine.packages:
        return Path(sys.executable).parent.parent
    key = "\n".join([sys.version, *engine.packages, REQUIREMENTS.read_text(encoding="utf-8")])
    venv = cache_dir() / f"{engine.venv_name}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"
    if (venv / ".ready").exists():
        return venv
    log(f"venv voor {engine.venv_name} maken in {venv} (eenmalig, een paar minuten)")
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *engine.packages],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        errors = "\n".join(line for line in done.stderr.splitlines() if "ERROR" in line)
        raise RuntimeError(f"pip install voor {engine.venv_name} mislukt:\n{errors or done.stderr[-2000:]}")
    (venv / ".ready").write_text("\n".join(engine.packages) + "\n", encoding="utf-8")
    return venv


def run(cmd: list[str], cwd: Path, env: dict, timeout: float) -> tuple[bool, float, str]:
    """Run a build: (exit code 0, seconds, output). A build past the timeout is killed, with its group."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)  # fmt: skip
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group of the process started here, by its id
        out, _ = proc.communicate()
        return False, round(time.perf_counter() - start, 2), (out or "") + f"\n(afgebroken na {timeout:.0f} s)"
    return proc.returncode == 0, round(time.perf_counter() - start, 2), out


def failure(out: str) -> str:
    """The lines of a failed build's output that say why."""
    causes = [line.strip() for line in out.splitlines() if re.search(r"\w(Error|Exception): |^ERROR|afgebroken", line)]
    return "\n".join(causes[-3:]) or "\n".join(out.splitlines()[-3:])


def engine_version(venv: Path, engine: Engine) -> str:
    package = {"mkdocs": "mkdocs"}.get(engine.name, engine.venv_name)
    done = subprocess.run([str(venv / "bin" / "python"), "-c",
                           f"import importlib.metadata as m; print(m.version('{package}'))"],
                          capture_output=True, text=True)  # fmt: skip
    return done.stdout.strip()


def build(engine: Engine, work: Path, timeout: float, epoch: str) -> Run:
    """Build the site with one engine in its own copy of the project."""
    from bench import synthetic
    from bench.run import make_project

    venv = venv_for(engine)
    version = engine_version(venv, engine)
    project = make_project(work / f"project-{engine.name}")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": str(project)}
    for switch in ("KS_PDF", "KS_PREVIEW", "KS_OFFLINE"):
        env.pop(switch, None)
    site = work / f"site-{engine.name}"
    prebuild_seconds = None
    if engine.name == "mkdocs":
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    elif engine.name == "properdocs":
        # Our plugin is found by its entry point (`guidance`), so the project goes into the venv too.
        ok, _, out = run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(project)],
                         project, env, timeout)  # fmt: skip
        if not ok:
            return Run(engine.name, False, version=version, error="pip install van het project: " + failure(out))
        cmd = [str(venv / "bin" / "properdocs"), "build", "--strict", "-d", str(site)]
    else:  # Zensical: no --site-dir, and the site dir must lie inside the project
        config = synthetic.read_config(project / "mkdocs.yml")
        config["site_dir"] = "_site"
        if engine.prebuild:
            ok, prebuild_seconds, out = run([sys.executable, "-m", "macros.prebuild", "_prebuilt"], project, env,
                                            timeout)  # fmt: skip
            if not ok:
                return Run(engine.name, False, version=version, error="pre-build: " + failure(out))
            config["docs_dir"] = "_prebuilt/docs"
            config["nav"] = json.loads((project / "_prebuilt" / "nav.json").read_text(encoding="utf-8"))
            ours = ("macros", "guidance")  # the pages are rendered already
            config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and set(p) & set(ours))]
        synthetic.write_config(project / "mkdocs.yml", config)
        cmd = [str(venv / "bin" / "zensical"), "build", "--clean", "-f", "mkdocs.yml"]
        site = project / "_site"
    log(f"{engine.name} {version}: bouwen")
    ok, seconds, out = run(cmd, project, env, timeout)
    log(f"{engine.name}: {'klaar' if ok else 'mislukt'} in {seconds} s")
    return Run(engine.name, ok, seconds, str(site), version, "" if ok else failure(out), prebuild_seconds)


def generated_kinds() -> dict[str, str]:
    """URL -> 'stap', 'checklist' or 'actie' for every page made from the data."""
    from macros.loader import load_site
    from macros.pages import generated_pages
    from macros.urls import docs_url

    kinds = {}
    for src_uri, page in generated_pages(load_site(ROOT / "data")).items():
        kind = (
            "checklist" if "{{ checklist_page" in page.markdown else "stap" if "step_page" in page.markdown else "actie"
        )
        kinds[docs_url(src_uri)] = kind
    return kinds


# --- report -----------------------------------------------------------------------------------


def cell(row: PageRow | None) -> str:
    if row is None or row.status == "missing":
        return "ontbreekt"
    if row.status == "same":
        return "="
    if row.status == "extra":
        return "extra"
    percent = f"{row.similarity * 100:.1f}%" if row.similarity is not None else ""
    return " ".join(["≠", percent, *row.notes]).strip()


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(runs: list[Run], comparisons: dict[str, Comparison]) -> str:
    names = list(comparisons)
    out = ["Builds", table(["engine", "versie", "gelukt", "seconden", "pre-build s", "fout"],
                           [[r.engine, r.version, "ja" if r.ok else "NEE", str(r.seconds or ""),
                             str(r.prebuild_seconds or ""), r.error.splitlines()[-1][:90] if r.error else ""]
                            for r in runs])]  # fmt: skip
    if not names:
        return "\n".join(out)
    first = comparisons[names[0]]
    by_engine = {n: {r.page: r for r in c.pages} for n, c in comparisons.items()}
    pages = [r.page for r in first.pages] + sorted({r.page for c in comparisons.values() for r in c.pages} -
                                                   {r.page for r in first.pages})  # fmt: skip
    kinds = {r.page: r.kind for c in comparisons.values() for r in c.pages}
    out += ["", "Pagina voor pagina (tegen MkDocs + Material; = gelijk, ≠ n% tekstgelijkenis en wat verschilt)",
            table(["pagina", "soort", *names],
                  [[p or "/", kinds[p], *[cell(by_engine[n].get(p)) for n in names]] for p in pages])]  # fmt: skip
    checks = [c.name for c in first.checks]
    out += ["", "Samenvatting (overeenkomend / totaal in de productie-build)",
            table(["onderdeel", *names], [[name, *[next((f"{c.matched}/{c.total}" for c in comparisons[n].checks
                                                          if c.name == name), "")
                                                    for n in names]] for name in checks])]  # fmt: skip
    for n, c in comparisons.items():
        counts = {s: sum(r.status == s for r in c.pages) for s in ("same", "differs", "missing", "extra")}
        out.append(f"{n}: {counts['same']} gelijk, {counts['differs']} anders, {counts['missing']} ontbreken, "
                   f"{counts['extra']} extra")  # fmt: skip
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine_check", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])  # fmt: skip
    others = [n for n in ENGINES if n != "mkdocs"]
    parser.add_argument("--only", default=",".join(others), help=f"engines naast productie, uit: {', '.join(others)}")
    parser.add_argument("--timeout", type=float, default=600, help="seconden per build (standaard 600)")
    parser.add_argument("--json", type=Path, help="schrijf de uitkomst ook als JSON naar dit bestand")
    parser.add_argument("--keep", action="store_true", help="laat de werkmap met de builds staan")
    args = parser.parse_args(argv)
    chosen = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in chosen if n not in others]
    if unknown:
        parser.error(f"onbekende engine: {', '.join(unknown)}")

    work = Path(tempfile.mkdtemp(prefix="ks-engine-check-"))
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.time()))  # one build date for all: comparable PDFs
    try:
        runs = [build(ENGINES["mkdocs"], work, args.timeout, epoch)]
        if not runs[0].ok:
            print(report(runs, {}))
            log("de productie-build mislukte: niets om mee te vergelijken")
            return 1
        try:
            runs += [build(ENGINES[n], work, args.timeout, epoch) for n in chosen]
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            print(report(runs, {}))
            log(str(exc))
            return 1
        kinds = generated_kinds()
        reference = Path(runs[0].site)
        comparisons = {r.engine: compare(reference, Path(r.site) if r.ok else work / "none", kinds) for r in runs[1:]}
        print(report(runs, comparisons))
        if args.json:
            args.json.write_text(json.dumps({"runs": [asdict(r) for r in runs],
                                             "comparisons": {n: asdict(c) for n, c in comparisons.items()}},
                                            ensure_ascii=False, indent=1), encoding="utf-8")  # fmt: skip
        return 0
    finally:
        if args.keep:
            log(f"werkmap bewaard: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
