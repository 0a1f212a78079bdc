"""Are the external links still alive? `python -m macros.linkcheck` (weekly in CI, never in PR checks).

Links come from the data (sources, contact points) and from the Markdown pages in docs/.
The same run lists the dated facts whose check date is too old (see macros.validate):
a reminder to read those sources again, never a reason for the run to fail.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .loader import load_site
from .site import Site
from .validate import stale_facts, stale_months, stale_report

ROOT = Path(__file__).resolve().parent.parent
_MARKDOWN_LINK = re.compile(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>")


def external_links(site: Site, docs_dir: Path) -> dict[str, list[str]]:
    """External URL -> where it is used."""
    found: dict[str, list[str]] = defaultdict(list)
    for source in site.sources:
        if source.url:
            found[str(source.url)].append(f"data/sources.yaml ({source.id})")
    for contact in site.contacts:
        if contact.url:
            found[str(contact.url)].append(f"data/contacts.yaml ({contact.id})")
    for page in sorted(docs_dir.rglob("*.md")):
        for match in _MARKDOWN_LINK.finditer(page.read_text(encoding="utf-8")):
            found[match.group(1) or match.group(2)].append(f"docs/{page.relative_to(docs_dir)}")
    return dict(found)


def problem(url: str, timeout: float = 20) -> str | None:
    """None if the link works; else what is wrong with it."""
    headers = {"User-Agent": "guidance-linkcheck/1.0"}
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers, method=method), timeout=timeout):
                return None
        except urllib.error.HTTPError as exc:
            if method == "GET" or exc.code not in (403, 405, 501):
                return f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"niet bereikbaar ({getattr(exc, 'reason', exc)})"
    return None  # pragma: no cover


def main() -> int:
    """Command line: check every external link and list the broken ones; then the stale facts."""
    site = load_site(ROOT / "data")
    months = stale_months(None)
    print(stale_report(stale_facts(site, months), months))
    links = external_links(site, ROOT / "docs")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(links, pool.map(problem, links), strict=True))
    broken = {url: why for url, why in results.items() if why}
    for url, why in sorted(broken.items()):
        print(f"{why}: {url}\n    gebruikt in: {', '.join(links[url])}")
    print(f"{len(links)} externe links gecontroleerd, {len(broken)} werken niet.")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
