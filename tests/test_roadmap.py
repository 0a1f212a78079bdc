"""The roadmap and progress tracking, as a coordinator uses them in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.loader import load_site
from macros.urls import step_url

from .conftest import axe_violations, items_ready

SITE = load_site(Path(__file__).resolve().parent.parent / "data")
FIRST = SITE.steps_at("lokaal")[0]
KEY = "ks-voortgang"
OLD_KEY = "ks-voortgang-v1"

pytestmark = pytest.mark.browser


@pytest.fixture
def roadmap(browser_page, base_url):
    browser_page.goto(base_url + "routekaart/")
    items_ready(browser_page)
    return browser_page


def step_button(page, step):
    return page.get_by_role("button", name=f"Stap {step.number} {step.title}")


def choose(page, item_id: str, status: str) -> None:
    """Choose a status in an item's radio group, as a click on its label would."""
    page.locator(f'[data-ks-item="{item_id}"] .ks-status input[value="{status}"]').check()


def status_of(page, item_id: str) -> str:
    return page.locator(f'[data-ks-item="{item_id}"] .ks-status input:checked').input_value()


def stored(page, key: str = KEY):
    return json.loads(page.evaluate(f"localStorage.getItem('{key}')") or "null")


def statuses(page) -> dict[str, str]:
    """The stored status per item (version 2: one record per item)."""
    data = stored(page)
    assert data["version"] == 2
    return {item: record["status"] for item, record in data["items"].items()}


def test_steps_are_collapsed_buttons_with_their_number_in_the_name(roadmap):
    buttons = roadmap.locator(".ks-roadmap__toggle")
    assert buttons.count() == len(SITE.steps)
    assert all(buttons.nth(i).get_attribute("aria-expanded") == "false" for i in range(buttons.count()))
    assert roadmap.locator(".ks-roadmap__panel:visible").count() == 0
    assert roadmap.locator("h3 > button.ks-roadmap__toggle").count() == len(SITE.steps)


def test_expand_and_collapse_by_mouse(roadmap):
    button = step_button(roadmap, FIRST)
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert roadmap.locator(f"#rk-{FIRST.id}-inhoud").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert not roadmap.locator(f"#rk-{FIRST.id}-inhoud").is_visible()


def test_keyboard_reaches_and_operates_every_step(roadmap):
    toggle_all = roadmap.get_by_role("button", name="Toon alle stappen")
    toggle_all.focus()
    reached = set()
    for _ in range(80):
        roadmap.keyboard.press("Tab")
        name = roadmap.evaluate(
            "document.activeElement.classList.contains('ks-roadmap__toggle') && document.activeElement.textContent"
        )
        if name:
            reached.add(" ".join(name.split()))
    assert len(reached) == len(SITE.steps)
    button = step_button(roadmap, FIRST)
    button.focus()
    outline = roadmap.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    roadmap.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    roadmap.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "false"


def test_show_all_and_hide_all(roadmap):
    roadmap.get_by_role("button", name="Toon alle stappen").click()
    assert roadmap.locator(".ks-roadmap__panel:visible").count() == len(SITE.steps)
    hide = roadmap.get_by_role("button", name="Verberg alle stappen")
    assert hide.get_attribute("aria-expanded") == "true"
    hide.click()
    assert roadmap.locator(".ks-roadmap__panel:visible").count() == 0


def test_without_javascript_every_step_is_open(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "routekaart/")
    steps = page.locator("ol.ks-lane__steps > li.ks-roadmap__step")
    assert steps.count() == len(SITE.steps)
    assert page.locator(".ks-roadmap__panel:visible").count() == len(SITE.steps)
    assert page.locator("h3.ks-roadmap__heading").count() == len(SITE.steps)
    assert page.locator(".ks-roadmap__toggle").count() == 0
    assert not page.locator("[data-ks-roadmap-controls]").is_visible()
    assert page.locator(f'.ks-roadmap__panel a[href$="{step_url(FIRST)}"]').count() == 1
    context.close()


def test_filters_come_from_the_url_and_go_into_it(browser_page, base_url):
    browser_page.goto(base_url + "routekaart/?niveau=regionaal")
    visible = browser_page.locator("li.ks-roadmap__step:visible")
    assert visible.count() == len(SITE.steps_at("regionaal"))
    assert browser_page.get_by_role("radio", name="Regionaal").is_checked()
    partner = "huisarts"
    with_partner = [s for s in SITE.steps if partner in s.partners]
    browser_page.goto(base_url + f"routekaart/?partner={partner}")
    assert visible.count() == len(with_partner)
    assert browser_page.get_by_label("Partner", exact=True).input_value() == partner
    browser_page.get_by_role("radio", name="Lokaal").check()
    assert "niveau=lokaal" in browser_page.url and f"partner={partner}" in browser_page.url
    assert visible.count() == len([s for s in with_partner if s.level == "lokaal"])
    browser_page.reload()
    assert visible.count() == len([s for s in with_partner if s.level == "lokaal"])
    assert browser_page.get_by_role("status").filter(has_text="stappen getoond").is_visible()


def test_a_link_to_a_step_the_filters_hide_shows_every_step_again(browser_page, base_url):
    """With only the regional steps shown, "Begin bij" still points to the first local step:
    following it clears the filters and opens that step, instead of leading nowhere."""
    browser_page.goto(base_url + "routekaart/?niveau=regionaal")
    assert not browser_page.locator(f"#rk-{FIRST.id}").is_visible()
    browser_page.locator("[data-ks-next-link]").click()
    assert browser_page.locator(f"#rk-{FIRST.id}").is_visible()
    assert step_button(browser_page, FIRST).get_attribute("aria-expanded") == "true"
    assert browser_page.get_by_role("radio", name="Alle stappen").is_checked()
    assert "niveau" not in browser_page.url
    assert browser_page.locator("li.ks-roadmap__step:visible").count() == len(SITE.steps)
    assert browser_page.locator(f"#rk-{FIRST.id}").evaluate("e => e.getBoundingClientRect().top < innerHeight")


def test_status_persists_and_counts_change(roadmap, base_url):
    item = FIRST.checklist[0]
    count = roadmap.locator(f'.ks-roadmap__count[data-ks-step-count="{FIRST.id}"]')
    assert count.inner_text() == f"0 van {len(FIRST.checklist)} klaar"
    step_button(roadmap, FIRST).click()
    choose(roadmap, item.id, "klaar")
    choose(roadmap, FIRST.checklist[1].id, "nvt")
    assert count.inner_text() == f"1 van {len(FIRST.checklist) - 1} klaar"
    roadmap.reload()
    assert status_of(roadmap, item.id) == "klaar"
    assert count.inner_text() == f"1 van {len(FIRST.checklist) - 1} klaar"
    total = sum(len(s.checklist) for s in SITE.steps) - 1
    assert roadmap.locator("[data-ks-progress-summary]").inner_text() == f"1 van {total} checklistpunten klaar."
    assert roadmap.locator("[data-ks-progress-bar]").evaluate("b => [b.value, b.max]") == [1, total]
    roadmap.goto(base_url + step_url(FIRST))
    assert status_of(roadmap, item.id) == "klaar"
    group = roadmap.get_by_role("radiogroup", name=f"Status van: {item.text}")
    assert group.get_by_role("radio", name="Klaar").is_checked()
    assert statuses(roadmap) == {item.id: "klaar", FIRST.checklist[1].id: "nvt"}
    assert all(record["changed"].startswith("20") for record in stored(roadmap)["items"].values())


def test_export_reset_import_round_trip(roadmap, tmp_path):
    step_button(roadmap, FIRST).click()
    choose(roadmap, FIRST.checklist[0].id, "klaar")
    choose(roadmap, FIRST.checklist[1].id, "bezig")
    with roadmap.expect_download() as download:
        roadmap.get_by_role("button", name="Voortgang opslaan als bestand").click()
    path = tmp_path / "voortgang.json"
    download.value.save_as(path)
    assert re.fullmatch(r"kansrijke-start-voortgang-\d{4}-\d\d-\d\d\.json", download.value.suggested_filename)
    exported = json.loads(path.read_text())
    assert exported["format"] == "kansrijke-start-voortgang" and exported["version"] == 2
    assert {i: r["status"] for i, r in exported["items"].items()} == {
        FIRST.checklist[0].id: "klaar",
        FIRST.checklist[1].id: "bezig",
    }

    roadmap.once("dialog", lambda dialog: dialog.dismiss())
    roadmap.get_by_role("button", name="Voortgang wissen").click()
    assert status_of(roadmap, FIRST.checklist[0].id) == "klaar", "cancelled reset changes nothing"
    roadmap.once("dialog", lambda dialog: dialog.accept())
    roadmap.get_by_role("button", name="Voortgang wissen").click()
    assert status_of(roadmap, FIRST.checklist[0].id) == "open"
    assert roadmap.get_by_role("status").filter(has_text="gewist").is_visible()

    roadmap.get_by_label("Voortgang uit bestand laden").set_input_files(str(path))
    roadmap.get_by_role("dialog", name="Voortgang uit bestand laden").get_by_role("button", name="Samenvoegen").click()
    roadmap.get_by_role("status").filter(has_text="samengevoegd").wait_for()
    assert status_of(roadmap, FIRST.checklist[0].id) == "klaar"
    assert status_of(roadmap, FIRST.checklist[1].id) == "bezig"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"hello": "world"}', "geen voortgangsbestand van deze site"),
        ("{not json", "beschadigd of geen JSON-bestand"),
        ('{"format": "kansrijke-start-voortgang", "version": 1, "items": {"x": "misschien"}}', "geen punten die wij"),
        ('{"format": "kansrijke-start-voortgang", "version": 2, "items": []}', "geen punten die wij"),
    ],
)
def test_invalid_import_is_rejected_and_changes_nothing(roadmap, tmp_path, content, message):
    step_button(roadmap, FIRST).click()
    choose(roadmap, FIRST.checklist[0].id, "bezig")
    path = tmp_path / "vreemd.json"
    path.write_text(content)
    roadmap.get_by_label("Voortgang uit bestand laden").set_input_files(str(path))
    roadmap.get_by_role("status").filter(has_text=message).wait_for()
    assert "Er is niets veranderd." in roadmap.locator("[data-ks-progress-message]").inner_text()
    assert status_of(roadmap, FIRST.checklist[0].id) == "bezig"


def test_a_removed_item_is_kept_but_not_counted(browser_page, base_url):
    item, other = FIRST.checklist[0].id, SITE.steps[1].checklist[0].id
    items = {item: {"status": "klaar"}, other: {"status": "bezig"}, "verwijderd-punt": {"status": "klaar"}}
    value = json.dumps(json.dumps({"version": 2, "items": items}))
    browser_page.add_init_script(f"localStorage.setItem('{KEY}', {value})")
    browser_page.goto(base_url + "routekaart/")
    total = sum(len(s.checklist) for s in SITE.steps)
    assert browser_page.locator("[data-ks-progress-summary]").inner_text() == f"1 van {total} checklistpunten klaar."
    step_button(browser_page, SITE.steps[1]).click()
    choose(browser_page, other, "klaar")
    assert statuses(browser_page) == {item: "klaar", other: "klaar", "verwijderd-punt": "klaar"}
    assert browser_page.locator(".ks-progress__message:visible").count() == 0


@pytest.mark.parametrize("expanded", [False, True], ids=["collapsed", "expanded"])
def test_axe_finds_no_violations_on_the_roadmap(roadmap, expanded):
    if expanded:
        roadmap.get_by_role("button", name="Toon alle stappen").click()
    assert axe_violations(roadmap) == []
