"""Synthetic data at N times the size of the real data, for build benchmarks.

    python -m bench.synthetic --factor 10 --out /tmp/ks10/data            # a data directory only
    python -m bench.synthetic --factor 10 --out /tmp/ks10 --project       # a whole project to build
    python -m bench.synthetic --factor 10 --out /tmp/ks10 --project --relaxed

Every record is derived from the real data in `data/`: copy k of a record gets the id
`<id>-s<k>` and points at copy k of what it refers to (when that copy exists, else at the
original), so ids stay unique and every reference is valid. The result passes
`python -m macros.validate <dir>`; the command checks that itself unless --no-validate.

What scales N times: sources, funding sources, partners, agreements, interventions, FAQ,
contacts, glossary terms, milestones, search synonyms and compound parts, checklist items
(in total), table-of-contents entries and, as far as the models allow, steps (numbered
2.1.1 ... 2.1.<7N> and 2.2.1 ... 2.2.<7N>), actions (1 ... 14N), borging items and tranches.
The two focus areas stay two (their letter is 'A' or 'B'); copies of funding sources have
no chapter (the chapter pattern allows 3.1.1-3.2.9 only, and it is optional).

The number limits are read from the installed models (by validating candidate values):
models.Step.number (a pattern), models.Action.number, models.BorgingItem.number and
models.Tranche.number (`le=`). The models used to allow 9 steps per level and 99 actions; with
such a limit the generator writes as many as allowed, spreads the checklist items over those
steps, makes up the missing pages with more copies of the docs pages (so the project still
has N times the pages) and prints which constraint capped what. --relaxed ignores the limits
(the data then only validates under models that allow the numbers).

With --project, OUT is a project: mkdocs.yml, docs/, overrides/, macros/ and CONTRIBUTING.md
are copied from the source project, the synthetic data goes to OUT/data, copies of the docs
pages go to OUT/docs/extra/<k>/ and get a nav section 'Extra' in OUT/mkdocs.yml and entries in
the table of contents. A copy keeps the prose and drops the macro calls: a page that lists a
whole collection (glossary, sources, FAQ, roadmap) stays one page with N times the records,
instead of N pages each with N times the records (which would grow the content N squared).
API reference blocks (`::: module`) are dropped from copies too.
Relative links in a copy go to the copy of a docs page, or to the original generated page.
"""

from __future__ import annotations

import argparse
import copy
import math
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml

from macros.models import COLLECTIONS

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "macros", "CONTRIBUTING.md")
EXTRA = "extra"  # docs/extra/<k>/... holds the copies of the docs pages

#: data file -> its top-level key, for every file that scales; levels.yaml is copied as it is (the
#: levels stay the two lanes). generate() fills them in its own order: references point backwards.
FILES = {c.file: c.key for c in COLLECTIONS if c.file != "levels"}


def sid(record_id: str, k: int) -> str:
    """Id of copy k of a record; copy 1 is the original."""
    return record_id if k == 1 else f"{record_id}-s{k}"


def alpha(k: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa': a suffix for words that may hold letters only."""
    out = ""
    while k > 0:
        k, rest = divmod(k - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


# --- model limits --------------------------------------------------------------------------


def _accepts(model: Any, name: str, value: Any) -> bool:
    from pydantic import TypeAdapter, ValidationError

    info = model.model_fields[name]
    adapter = TypeAdapter(Annotated[(info.annotation, *info.metadata)])
    try:
        adapter.validate_python(value)
        return True
    except ValidationError:
        return False


def _rule(model: Any, name: str) -> str:
    """'models.Action.number le=999': the constraint that limits a field, as the model states it."""
    found = []
    for meta in model.model_fields[name].metadata:
        for attr in ("pattern", "le", "lt"):
            if getattr(meta, attr, None) is not None:
                found.append(f"{attr}={getattr(meta, attr)}")
    return f"models.{model.__name__}.{name} {' '.join(found) or '(constraint)'}"


def _largest(accepts, wanted: int) -> int:
    """The largest n <= wanted that the model accepts (accepted values form a range from 1)."""
    if accepts(wanted):
        return wanted
    low, high = 0, wanted  # accepts(low) or low == 0; not accepts(high)
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if accepts(mid) else (low, mid)
    return low


@dataclass
class Limits:
    """How far the installed models let each numbered collection grow (for `wanted` records)."""

    steps_per_level: int
    actions: int
    borging: int
    tranches: int
    notes: list[str] = field(default_factory=list)

    @classmethod
    def of_models(cls, steps_per_level: int, actions: int, borging: int, tranches: int) -> Limits:
        from macros import models as m

        limits = cls(
            steps_per_level=min(
                _largest(lambda n: _accepts(m.Step, "number", f"2.1.{n}"), steps_per_level),
                _largest(lambda n: _accepts(m.Step, "number", f"2.2.{n}"), steps_per_level),
            ),
            actions=_largest(lambda n: _accepts(m.Action, "number", n), actions),
            borging=_largest(lambda n: _accepts(m.BorgingItem, "number", n), borging),
            tranches=_largest(lambda n: _accepts(m.Tranche, "number", n), tranches),
        )
        wanted = {
            "steps_per_level": (steps_per_level, _rule(m.Step, "number")),
            "actions": (actions, _rule(m.Action, "number")),
            "borging": (borging, _rule(m.BorgingItem, "number")),
            "tranches": (tranches, _rule(m.Tranche, "number")),
        }
        for name, (want, rule) in wanted.items():
            got = getattr(limits, name)
            if got < want:
                limits.notes.append(f"{name}: {want} wanted, {got} allowed by {rule}")
        return limits


# --- YAML ---------------------------------------------------------------------------------


def read_data(data_dir: Path) -> dict[str, Any]:
    return {name: yaml.safe_load((data_dir / f"{name}.yaml").read_text(encoding="utf-8")) for name in FILES}


def dump(path: Path, name: str, document: Any, factor: int) -> None:
    head = (
        f"# yaml-language-server: $schema=schema/{name}.schema.json\n"
        f"# Synthetic data ({factor}x the real data), written by bench/synthetic.py. Do not edit.\n"
    )
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)
    path.write_text(head + body, encoding="utf-8")


# --- the generator ------------------------------------------------------------------------


def scaled(records: list[dict], target: int, make) -> list[dict]:
    """The records followed by copies 2, 3, ... of them, in order, until there are `target`."""
    out = [copy.deepcopy(r) for r in records[:target]]
    k = 2
    while len(out) < target:
        for record in records:
            if len(out) >= target:
                break
            out.append(make(copy.deepcopy(record), k))
        k += 1
    return out


@dataclass
class Plan:
    """How many records and pages one synthetic data set has, and what the models capped."""

    factor: int
    relaxed: bool
    counts: dict[str, int] = field(default_factory=dict)
    docs_copies: int = 0
    pages: int = 0
    real_pages: int = 0
    notes: list[str] = field(default_factory=list)


class Generator:
    def __init__(self, real: dict[str, Any], factor: int, relaxed: bool = False, docs_pages: list[str] | None = None):
        if factor < 1:
            raise ValueError("factor must be 1 or more")
        self.real, self.n, self.relaxed = real, factor, relaxed
        self.docs_pages = docs_pages  # docs/ pages (relative paths) to copy, or None: data only
        self.ids: dict[str, set[str]] = {}
        self.out: dict[str, Any] = {}
        self.plan = Plan(factor, relaxed)

    def ref(self, collection: str, record_id: str, k: int) -> str:
        candidate = sid(record_id, k)
        return candidate if candidate in self.ids.get(collection, ()) else record_id

    def refs(self, collection: str, ids: list[str], k: int) -> list[str]:
        return [self.ref(collection, i, k) for i in ids]

    def _keep(self, name: str, records: list[dict]) -> list[dict]:
        key = FILES[name]
        self.out[name] = {key: records}
        if records and "id" in records[0]:
            self.ids[key] = {r["id"] for r in records}
        self.plan.counts[key] = len(records)
        return records

    def _list(self, name: str) -> list[dict]:
        return self.real[name][FILES[name]]

    def generate(self) -> dict[str, Any]:
        n = self.n
        steps_real = self._list("steps")
        local = [s for s in steps_real if s["level"] == "lokaal"]
        regional = [s for s in steps_real if s["level"] == "regionaal"]
        per_level = max(len(local), len(regional)) * n
        wanted_actions = len(self._list("actions")) * n
        wanted_borging = len(self._list("borging")) * n
        wanted_tranches = len(self.real["coalitions"]["municipalities_per_tranche"]["tranches"]) * n
        if self.relaxed:
            limits = Limits(per_level, wanted_actions, wanted_borging, wanted_tranches)
            strict = Limits.of_models(per_level, wanted_actions, wanted_borging, wanted_tranches)
            self.plan.notes += [f"--relaxed, but the installed models refuse: {note}" for note in strict.notes]
        else:
            limits = Limits.of_models(per_level, wanted_actions, wanted_borging, wanted_tranches)
            self.plan.notes += [f"capped: {note}" for note in limits.notes]

        def text(value: str, k: int) -> str:
            return f"{value} ({k})"

        def source(r, k):
            r["id"], r["title"] = sid(r["id"], k), f"{r['title']} (kopie {k})"
            return r

        self._keep("sources", scaled(self._list("sources"), len(self._list("sources")) * n, source))
        self._keep("focus_areas", copy.deepcopy(self._list("focus_areas")))  # letter is 'A' or 'B'

        def funding(r, k):
            r["id"], r["title"] = sid(r["id"], k), text(r["title"], k)
            r.pop("chapter", None)  # chapters match ^3\.[12]\.[1-9]$; a copy has none (optional)
            r["sources"] = self.refs("sources", r["sources"], k)
            return r

        self._keep("funding", scaled(self._list("funding"), len(self._list("funding")) * n, funding))

        def partner(r, k):
            r["id"], r["name"] = sid(r["id"], k), text(r["name"], k)
            r["sources"] = self.refs("sources", r["sources"], k)
            return r

        self._keep("partners", scaled(self._list("partners"), len(self._list("partners")) * n, partner))

        actions_real = self._list("actions")
        number = iter(range(len(actions_real) + 1, 10**9))

        def action(r, k):
            r["id"], r["title"], r["number"] = sid(r["id"], k), text(r["title"], k), next(number)
            r["funding"] = self.refs("funding_sources", r.get("funding", []), k)
            r["sources"] = self.refs("sources", r["sources"], k)
            return r

        self._keep("actions", scaled(actions_real, limits.actions, action))

        borging_real = self._list("borging")
        borging_number = iter(range(len(borging_real) + 1, 10**9))

        def borging(r, k):
            r["id"], r["title"], r["number"] = sid(r["id"], k), text(r["title"], k), next(borging_number)
            r["sources"] = self.refs("sources", r["sources"], k)
            return r

        self._keep("borging", scaled(borging_real, limits.borging, borging))
        self._steps(local, regional, limits.steps_per_level)
        self._rest(limits)
        # Pages: a page per step, per checklist and per action, plus the docs pages and their
        # copies; as many copies as it takes to reach N times the real number of pages.
        real_pages = 0
        pages = 2 * len(self.out["steps"]["steps"]) + len(self.out["actions"]["actions"])
        if self.docs_pages is not None:
            real_docs = len(self.docs_pages)
            real_pages = real_docs + 2 * len(steps_real) + len(actions_real)
            missing = n * real_pages - pages - real_docs
            self.plan.docs_copies = max(0, math.ceil(missing / real_docs)) if real_docs else 0
            pages += real_docs * (1 + self.plan.docs_copies)
        self.plan.pages, self.plan.real_pages = pages, real_pages
        self._toc()
        self._search()
        return self.out

    def _item(self, item: dict, k: int) -> dict:
        item = copy.deepcopy(item)
        item["id"] = sid(item["id"], k)
        item["sources"] = self.refs("sources", item.get("sources", []), k)
        return item

    def _steps(self, local: list[dict], regional: list[dict], per_level: int) -> None:
        out: list[dict] = []
        copies_used = 1
        for lane, prefix in ((local, "2.1"), (regional, "2.2")):
            count = iter(range(1, 10**9))

            def step(r, k, prefix=prefix, count=count):
                nonlocal copies_used
                copies_used = max(copies_used, k)
                r["id"], r["title"] = sid(r["id"], k), f"{r['title']} ({k})"
                if "slug" in r:  # a web address is one step's
                    r["slug"] = sid(r["slug"], k)
                r["checklist"] = [self._item(i, k) for i in r["checklist"]]
                r["actions"] = self.refs("actions", r.get("actions", []), k)
                r["funding"] = self.refs("funding_sources", r.get("funding", []), k)
                r["partners"] = self.refs("partners", r.get("partners", []), k)
                r["sources"] = self.refs("sources", r["sources"], k)
                return r

            lane_sorted = sorted(lane, key=lambda s: int(s["number"].split(".")[2]))
            steps = scaled(lane_sorted, per_level, step)
            for s in steps:  # originals keep their numbers; copies follow them
                s["number"] = f"{prefix}.{next(count)}"
            out += steps
        # The checklist items in total scale N times, also when the steps cannot: the extra
        # copies are spread round-robin over all steps.
        real_items = [i for s in (*local, *regional) for i in s["checklist"]]
        wanted = len(real_items) * self.n
        have = sum(len(s["checklist"]) for s in out)
        k, position = copies_used + 1, 0
        while have < wanted:
            for item in real_items:
                if have >= wanted:
                    break
                out[position % len(out)]["checklist"].append(self._item(item, k))
                position, have = position + 1, have + 1
            k += 1
        self._keep("steps", out)
        self.plan.counts["checklist_items"] = have

    def _rest(self, limits: Limits) -> None:
        n = self.n

        def simple(name: str, title_field: str):
            def make(r, k):
                r["id"], r[title_field] = sid(r["id"], k), f"{r[title_field]} ({k})"
                if "sources" in r:
                    r["sources"] = self.refs("sources", r["sources"], k)
                return r

            records = self._list(name)
            self._keep(name, scaled(records, len(records) * n, make))

        simple("agreements", "text")
        simple("interventions", "name")
        simple("contacts", "name")
        simple("milestones", "title")

        def responsibility(r, k):
            r["id"], r["text"] = sid(r["id"], k), f"{r['text']} ({k})"
            r["sources"] = self.refs("sources", r["sources"], k)
            return r

        records = self._list("responsibilities")
        self._keep("responsibilities", scaled(records, len(records) * n, responsibility))

        def faq(r, k):
            r["id"], r["question"] = sid(r["id"], k), f"{r['question']} ({k})"
            r["steps"] = self.refs("steps", r.get("steps", []), k)
            r["actions"] = self.refs("actions", r.get("actions", []), k)
            r["sources"] = self.refs("sources", r["sources"], k)
            return r

        self._keep("faq", scaled(self._list("faq"), len(self._list("faq")) * n, faq))

        def term(r, k):
            r["id"], r["abbr"], r["term"] = sid(r["id"], k), f"{r['abbr']}{k}", f"{r['term']} {k}"
            return r

        self._keep("glossary", scaled(self._list("glossary"), len(self._list("glossary")) * n, term))

        count = copy.deepcopy(self.real["coalitions"]["municipalities_per_tranche"])
        tranche_number = iter(range(len(count["tranches"]) + 1, 10**9))

        def tranche(r, k):
            r["number"] = next(tranche_number)
            return r

        count["tranches"] = scaled(count["tranches"], limits.tranches, tranche)
        self.out["coalitions"] = {"municipalities_per_tranche": count}
        self.plan.counts["tranches"] = len(count["tranches"])

    def _toc(self) -> None:
        """The real table of contents, plus the new steps and funding sources, plus the docs copies."""
        real = self.real["toc"]["toc"]
        steps = self.out["steps"]["steps"]
        real_step_ids = {e["step"] for e in real if "step" in e}
        real_funding_ids = {e["funding"] for e in real if "funding" in e}

        def copy_of(record_id: str, originals: set[str]) -> bool:  # '<id>-s<k>' of an original in the TOC
            return re.sub(r"-s\d+$", "", record_id) in originals and record_id not in originals

        new_steps = {level: [s for s in steps if s["level"] == level and copy_of(s["id"], real_step_ids)]
                     for level in ("lokaal", "regionaal")}  # fmt: skip
        level_of = {s["id"]: s["level"] for s in steps}
        new_funding = [f for f in self.out["funding"]["funding_sources"] if copy_of(f["id"], real_funding_ids)]
        toc: list[dict] = []
        last = {"lokaal": -1, "regionaal": -1, "funding": -1}
        for entry in real:
            toc.append(copy.deepcopy(entry))
            if "step" in entry:
                last[level_of[entry["step"]]] = len(toc)
            if "funding" in entry:
                last["funding"] = len(toc)
        inserts = [
            (last["lokaal"], [{"step": s["id"]} for s in new_steps["lokaal"]]),
            (last["regionaal"], [{"step": s["id"]} for s in new_steps["regionaal"]]),
            (last["funding"], [{"funding": f["id"]} for f in new_funding]),
        ]
        for at, entries in sorted(inserts, key=lambda x: x[0], reverse=True):
            toc[at if at >= 0 else len(toc) : at if at >= 0 else len(toc)] = entries
        for k in range(1, self.plan.docs_copies + 1):
            for entry in real:
                if "page" in entry:
                    e = copy.deepcopy(entry)
                    e["page"], e["title"] = f"{EXTRA}/{k}/{entry['page']}", f"Kopie {k}: {entry['title']}"
                    e.pop("number", None)
                    toc.append(e)
        self.out["toc"] = {"toc": toc}
        self.plan.counts["toc"] = len(toc)

    def _search(self) -> None:
        terms = copy.deepcopy(self.real["search"]["search"])
        synonyms, parts = terms.get("synonyms", []), terms.get("compound_parts", [])
        terms["synonyms"] = scaled(synonyms, len(synonyms) * self.n,
                                   lambda r, k: {"terms": [f"{t}{alpha(k)}" for t in r["terms"]]})  # fmt: skip
        terms["compound_parts"] = [p if k == 1 else f"{p}{alpha(k)}" for k in range(1, self.n + 1) for p in parts]
        self.out["search"] = {"search": terms}
        self.plan.counts["synonym_groups"] = len(terms["synonyms"])
        self.plan.counts["compound_parts"] = len(terms["compound_parts"])


def docs_pages(docs: Path) -> list[str]:
    return sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] != EXTRA)


# --- docs copies and nav ------------------------------------------------------------------

_LINK = re.compile(r"\]\(([^)\s]+)\)")
#: A macro call such as `{{ glossary_list() }}`. A copy keeps the prose only: the pages that show a
#: whole collection exist once (with N times the data), as they would on a site N times as large.
_MACRO = re.compile(r"\{\{.*?\}\}", re.S)
#: A mkdocstrings block (`::: macros.models` and its indented options): an API page is not copied
#: with its API, because the same object documented twice is an error in a strict build.
_API = re.compile(r"^:::.*\n(?:[ \t]+.*\n|[ \t]*\n)*", re.M)


def _relink(markdown: str, page: str, copy_dir: str, pages: set[str]) -> str:
    """Links in the copy of `page` (in `copy_dir`) go to the copy of a docs page, and to the
    original of a generated page (a step or action page, which has no copy)."""
    folder = posixpath.dirname(page)

    def fix(match: re.Match[str]) -> str:
        target = match.group(1)
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target):
            return match.group(0)
        path, hash_, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved in pages:
            return match.group(0)  # its copy sits at the same place in the copy
        moved = posixpath.relpath(resolved, posixpath.join(copy_dir, folder))
        return f"]({moved}{hash_}{anchor})"

    return _LINK.sub(fix, markdown)


def write_docs_copies(docs: Path, pages: list[str], copies: int) -> None:
    extra = docs / EXTRA
    if extra.exists():
        shutil.rmtree(extra)
    known = set(pages)
    for k in range(1, copies + 1):
        for page in pages:
            target = extra / str(k) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            text = _API.sub("", _MACRO.sub("", (docs / page).read_text(encoding="utf-8")))
            target.write_text(_relink(text, page, f"{EXTRA}/{k}", known), encoding="utf-8")


class _Tagged:
    def __init__(self, tag: str, node: yaml.Node):
        self.tag, self.node = tag, node


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with its tags (!ENV, !!python/name:...) kept as they are."""


def _keep_tag(loader, suffix, node):
    return _Tagged(node.tag, node)


_ConfigLoader.add_multi_constructor("!", _keep_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep_tag)


class _ConfigDumper(yaml.SafeDumper):
    pass


_ConfigDumper.add_representer(_Tagged, lambda dumper, value: value.node)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - SafeLoader subclass


def write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _mirror(item: Any, prefix: str) -> Any:
    if isinstance(item, str):
        return prefix + item
    if isinstance(item, dict):
        return {title: _mirror(value, prefix) for title, value in item.items()}
    if isinstance(item, list):
        return [_mirror(value, prefix) for value in item]
    return item


def add_nav(config_path: Path, copies: int) -> None:
    """A nav section 'Extra' with a 'Kopie k' section per copy (mirroring the real nav), in
    numbered groups as the site's own nav sections get them (pages.grouped): Material renders
    every sibling along the active path into a page, so one flat section of hundreds of copies
    would make every page in it carry hundreds of nav links."""
    from macros.pages import grouped

    config = read_config(config_path)
    nav = [item for item in config.get("nav", []) if not (isinstance(item, dict) and "Extra" in item)]
    sections = [(str(k), str(k), {f"Kopie {k}": _mirror(nav, f"{EXTRA}/{k}/")}) for k in range(1, copies + 1)]
    if sections:
        nav.append({"Extra": grouped(sections, "Kopie")})
    config["nav"] = nav
    write_config(config_path, config)


# --- entry points -------------------------------------------------------------------------


def write_data(out: Path, factor: int, relaxed: bool = False, source: Path = ROOT, docs: list[str] | None = None):
    """Write the synthetic data directory; returns the Plan (counts, docs copies, notes)."""
    generator = Generator(read_data(source / "data"), factor, relaxed, docs)
    data = generator.generate()
    out.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        dump(out / f"{name}.yaml", name, data[name], factor)
    for path in sorted((source / "data").glob("*.yaml")):
        if path.stem not in FILES:
            shutil.copy2(path, out / path.name)
    if (source / "data" / "schema").is_dir():
        shutil.copytree(source / "data" / "schema", out / "schema", dirs_exist_ok=True)
    return generator.plan


def copy_project_files(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_FILES:
        src, dst = source / name, target / name
        if dst.is_dir():
            shutil.rmtree(dst)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=ignore)
        else:
            shutil.copy2(src, dst)


def write_project(project: Path, factor: int, relaxed: bool = False, source: Path = ROOT, copy_files: bool = True):
    """A buildable project at `project`: the site's files, synthetic data, docs copies and nav."""
    if copy_files:
        copy_project_files(source, project)
    pages = docs_pages(source / "docs")
    data_dir = project / "data"
    if data_dir.exists():
        shutil.rmtree(data_dir)
    plan = write_data(data_dir, factor, relaxed, source, docs=pages)
    write_docs_copies(project / "docs", pages, plan.docs_copies)
    add_nav(project / "mkdocs.yml", plan.docs_copies)
    return plan


def validate(data_dir: Path) -> list[str]:
    from macros.loader import validate as check

    _site, errors = check(data_dir.resolve())
    return [str(e) for e in errors]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", "-n", type=int, required=True, help="N: how many times the real data")
    parser.add_argument("--out", type=Path, required=True, help="data directory to write (a project with --project)")
    parser.add_argument("--project", action="store_true", help="write a whole project (data, docs copies, nav)")
    parser.add_argument("--relaxed", action="store_true",
                        help="N x steps and actions even where the models' number limits refuse them")  # fmt: skip
    parser.add_argument("--source", type=Path, default=ROOT, help="project with the real data (default: this one)")
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args(argv)

    if args.project:
        plan = write_project(args.out, args.factor, args.relaxed, args.source)
        data_dir = args.out / "data"
    else:
        plan = write_data(args.out, args.factor, args.relaxed, args.source)
        data_dir = args.out
    counts = ", ".join(f"{k} {v}" for k, v in plan.counts.items())
    print(f"{args.factor}x: {counts}")
    if args.project:
        print(f"pages: {plan.pages} ({plan.real_pages} real x {args.factor} = {plan.real_pages * args.factor}); "
              f"docs copies: {plan.docs_copies} in docs/{EXTRA}/")  # fmt: skip
    for note in plan.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.no_validate:
        return 0
    errors = validate(data_dir)
    if errors:
        print(f"{len(errors)} validation errors, first ones:", file=sys.stderr)
        for e in errors[:20]:
            print(f"  {e}", file=sys.stderr)
        return 1
    print(f"valid: {data_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
