"""Repository set-up that editors and CI rely on: workflows, pre-commit, templates, link check."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
import yaml

from macros import linkcheck
from macros.loader import load_site

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_actions_are_pinned_to_a_commit_and_permissions_are_least(name: str):
    data = workflow(name)
    assert "permissions" in data, "top-level permissions must be explicit"
    assert data["permissions"] in ({}, {"contents": "read"})
    for job in data["jobs"].values():
        assert job.get("timeout-minutes"), "every job has a time limit"
        for step in steps(job):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_pull_requests_validate_build_test_and_offer_a_preview():
    data = workflow("controle.yml")
    assert set(data["on"]) == {"pull_request"}
    job = data["jobs"]["build-and-test"]
    assert job["name"] == "Bouw en test"  # CONTRIBUTING.md names this check
    runs = [s.get("run", "") for s in steps(job)]
    assert "make validate" in runs and "make build" in runs and "make test" in runs
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site" and upload["with"]["path"] == "site/"
    assert next(s for s in steps(job) if "checkout" in s.get("uses", ""))["with"]["fetch-depth"] == 0


def test_main_is_published_to_pages_with_only_the_rights_it_needs():
    data = workflow("publiceren.yml")
    assert data["on"] == {"push": {"branches": ["main"]}}
    assert data["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_link_check_is_weekly_and_never_in_pull_requests():
    data = workflow("links.yml")
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert "make links" in [s.get("run") for s in steps(data["jobs"]["links"])]
    for name in ("controle.yml", "publiceren.yml"):
        assert "links" not in (WORKFLOWS / name).read_text()
    assert "linkcheck" not in (ROOT / "Makefile").read_text().split("\ntest:")[1]


def test_pre_commit_runs_yaml_check_validator_and_ruff():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"check-yaml", "gegevens", "ruff", "ruff-format"} <= set(hooks)
    assert "macros.validate" in hooks["gegevens"]["entry"]


def test_editor_templates_exist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "Controlelijst voor redacteuren" in template and "- [ ]" in template
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "onjuiste-informatie.yml").read_text())
    assert form["name"] == "Onjuiste informatie melden"
    assert {item["id"] for item in form["body"] if "id" in item} == {"pagina", "wat", "juist", "bron"}


def test_link_check_collects_links_from_data_and_pages():
    links = linkcheck.external_links(load_site(ROOT / "data"), ROOT / "docs")
    site = load_site(ROOT / "data")
    assert all(str(s.url) in links for s in site.sources if s.url)
    assert any(where.startswith("docs/") for places in links.values() for where in places)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        self.send_response(405 if self.path == "/geen-head" else 200 if self.path != "/weg" else 404)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.send_response(404 if self.path == "/weg" else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_link_check_reports_broken_links_on_a_local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    check = functools.partial(linkcheck.problem, timeout=5)
    assert check(f"{base}/ok") is None
    assert check(f"{base}/geen-head") is None  # falls back to GET
    assert check(f"{base}/weg") == "HTTP 404"
    assert check("http://127.0.0.1:9/").startswith("niet bereikbaar")
    server.shutdown()
