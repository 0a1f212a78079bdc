"""Generated pages in the nav: long sections get nested groups, short ones stay flat."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.loader import load_site
from macros.pages import NAV_GROUP, generated_pages, grouped, nav_with_generated

SITE = load_site(Path(__file__).resolve().parent.parent / "data")


def entries(count: int) -> list[tuple[str, str, Any]]:
    return [(f"2.1.{i}", f"2.1.{i}", {f"Stap {i}": f"stappen/s{i}.md"}) for i in range(1, count + 1)]


def leaves(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        for value in item.values():
            out += leaves(value) if isinstance(value, list) else [value]
    return out


def widest(items: list[Any]) -> int:
    inner = [widest(v) for item in items for v in item.values() if isinstance(v, list)]
    return max([len(items), *inner])


def test_a_short_section_stays_flat():
    assert grouped(entries(NAV_GROUP), "Stappen") == [e[2] for e in entries(NAV_GROUP)]


def test_a_long_section_is_nested_in_numbered_groups_and_keeps_every_page_in_order():
    for count in (NAV_GROUP + 1, 700):
        items = grouped(entries(count), "Stappen")
        assert leaves(items) == [f"stappen/s{i}.md" for i in range(1, count + 1)]
        assert widest(items) <= NAV_GROUP
    assert list(grouped(entries(45), "Stappen")[0]) == ["Stappen 2.1.1–2.1.20"]
    assert list(grouped(entries(45), "Stappen")[2]) == ["Stappen 2.1.41–2.1.45"]


def test_the_real_nav_lists_steps_and_actions_without_groups():
    nav = nav_with_generated(["stappen/index.md", "acties/index.md"], SITE, generated_pages(SITE))
    levels = [item for item in nav if isinstance(item, dict)]
    assert [len(next(iter(level.values()))) for level in levels] == [
        *(len(SITE.steps_at(level)) for level in (lv.id for lv in SITE.levels)),
        *(len(SITE.actions_in(area.id)) for area in SITE.focus_areas),
    ]
