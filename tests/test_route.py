"""The roadmap as a route: stops in lanes, the next step, the first screen, and per item a status
control, wie / wanneer / opmerking, a flag for changed text and a list of vervallen items, in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.loader import load_site
from macros.render import text_hash
from macros.urls import checklist_url, step_url

from .conftest import axe_violations, items_ready

SITE = load_site(Path(__file__).resolve().parent.parent / "data")
LOKAAL, REGIONAAL = SITE.steps_at("lokaal"), SITE.steps_at("regionaal")
FIRST, SECOND = LOKAAL[0], LOKAAL[1]
KEY = "ks-voortgang"
PHONE, DESKTOP = (390, 844), (1366, 800)

pytestmark = pytest.mark.browser


@pytest.fixture
def open_page(browser, base_url):
    """Open a page of the site at a screen size, with stored progress and an init script (that
    watches the page's own scripts) put in before its scripts run."""
    contexts, errors = [], []

    def open_(url="routekaart/", size=DESKTOP, items=None, javascript=True, init_script=None):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]}, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        if items is not None:
            value = json.dumps(json.dumps({"version": 2, "items": items}))
            page.add_init_script(
                f"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem('{KEY}', {value});"
                " sessionStorage.setItem('seeded', '1'); }"
            )
        if init_script is not None:
            page.add_init_script(init_script)
        page.goto(base_url + url)
        if javascript:
            items_ready(page)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")["items"]


def stop(page, step):
    return page.locator(f'li[data-ks-step="{step.id}"]')


def item(page, item_id: str):
    return page.locator(f'[data-ks-item="{item_id}"]')


def done(*steps, status="klaar") -> dict:
    return {i.id: {"status": status, "changed": "2026-11-01T10:00:00Z"} for s in steps for i in s.checklist}


def test_the_route_has_every_step_as_a_numbered_stop_in_its_lane(open_page):
    page = open_page()
    for level, steps in (("lokaal", LOKAAL), ("regionaal", REGIONAAL)):
        lane = page.locator(f".ks-lane--{level} ol.ks-lane__steps > li")
        assert lane.evaluate_all("ls => ls.map(l => l.dataset.ksStep)") == [s.id for s in steps]
        assert lane.locator(".ks-stop__dot").all_inner_texts() == [str(n) for n in range(1, len(steps) + 1)]
    line = page.locator(".ks-lane--lokaal ol.ks-lane__steps").evaluate("ol => getComputedStyle(ol, '::before').width")
    assert line == "4px", "a line connects the stops"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_lanes_side_by_side_on_a_wide_screen_and_one_path_on_a_phone(open_page, size):
    page = open_page(size=size)
    local, regional = (page.locator(f".ks-lane--{level}").bounding_box() for level in ("lokaal", "regionaal"))
    if size == DESKTOP:
        assert regional["x"] > local["x"] + local["width"] - 1 and regional["y"] == local["y"]
    else:
        assert regional["x"] == local["x"] and regional["y"] >= local["y"] + local["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0], "nothing sticks out sideways"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_first_screen_shows_the_route(open_page, size):
    page = open_page(size=size)
    box = stop(page, FIRST).bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= size[1], box
    assert page.locator(".ks-routebar__next").bounding_box()["y"] < box["y"]


LAYOUT_SHIFTS = """
window.ksShifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.ksShifts.push(e.value); })
  .observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_nothing_on_the_route_moves_when_the_scripts_start(open_page, size):
    """The stops' status lines are drawn at build time as a browser without progress shows them,
    so filling them in moves nothing (Lighthouse counted a layout shift of 0.04 on a phone)."""
    page = open_page(size=size, init_script=LAYOUT_SHIFTS)
    page.wait_for_function("document.querySelector('[data-ks-roadmap]').dataset.ksReady === 'true'")
    page.wait_for_timeout(300)  # layout-shift entries arrive after the frame that draws the change
    shifts = page.evaluate("window.ksShifts")
    assert sum(shifts) < 0.001, f"layout shifts while the route starts: {shifts}"


# Counts the item controls (.ks-item) that exist when ks-progress has started: a mutation
# observer runs once the script's task has run to its end, so this is that task's work.
FIRST_TASK = """
window.ksFirstTask = null;
new MutationObserver((records, observer) => {
  if (!records.some((r) => r.target.id === "ks-progress-data")) return;
  window.ksFirstTask = document.querySelectorAll(".ks-item").length;
  observer.disconnect();
}).observe(document, {subtree: true, attributeFilter: ["data-ks-ready"]});
"""


@pytest.mark.parametrize("hash_", ["", "second"], ids=["all-closed", "one-opened-by-link"])
def test_closed_stops_get_their_item_controls_after_the_first_task(open_page, hash_):
    """Building all 63 status controls in one task blocked a phone for about 140 ms after load
    (Lighthouse: total blocking time). Closed stops get theirs a stop at a time, later; a stop
    opened by a link gets them at once, so nothing in it moves."""
    page = open_page("routekaart/" + (f"#rk-{SECOND.id}" if hash_ else ""), init_script=FIRST_TASK)
    first_task = page.evaluate("window.ksFirstTask")
    built = page.locator(".ks-item").count()
    assert first_task == (len(SECOND.checklist) if hash_ else 0)
    assert built == sum(len(step.checklist) for step in SITE.steps)


def test_without_progress_the_route_says_where_to_start(open_page):
    page = open_page()
    assert page.locator(".ks-routebar__next").inner_text() == f"Begin bij Stap {FIRST.number} {FIRST.title}"
    assert stop(page, FIRST).locator("[data-ks-step-next]").inner_text() == "Begin hier"
    assert page.locator("[data-ks-step-next]:not(:empty)").count() == 1
    assert stop(page, FIRST).get_attribute("data-state") == "open"
    assert stop(page, FIRST).locator("[data-ks-step-state]").inner_text() == "Niet begonnen"
    page.get_by_role("link", name=f"Stap {FIRST.number} {FIRST.title}").click()
    assert page.get_by_role("button", name=f"Stap {FIRST.number}").first.get_attribute("aria-expanded") == "true"


def test_with_progress_the_next_step_is_the_first_not_done(open_page):
    items = done(FIRST) | {SECOND.checklist[0].id: {"status": "nvt", "changed": "2026-11-01T10:00:00Z"}}
    page = open_page(items=items)
    assert page.locator(".ks-routebar__next").inner_text() == f"Volgende stap: Stap {SECOND.number} {SECOND.title}"
    assert stop(page, SECOND).locator("[data-ks-step-next]").inner_text() == "Volgende stap"
    assert stop(page, SECOND).get_attribute("data-next") == ""
    assert stop(page, FIRST).get_attribute("data-next") is None
    assert [stop(page, s).locator("[data-ks-step-state]").inner_text() for s in LOKAAL[:3]] == [
        "Klaar",
        "Bezig",
        "Niet begonnen",
    ]
    count = len(FIRST.checklist)
    assert stop(page, FIRST).locator(".ks-roadmap__count").inner_text() == f"{count} van {count} klaar"
    assert stop(page, FIRST).evaluate("li => getComputedStyle(li).getPropertyValue('--ks-done')") == "100%"
    assert stop(page, SECOND).evaluate("li => getComputedStyle(li).getPropertyValue('--ks-done')") == "0%"


def test_when_every_step_is_done_the_route_says_so(open_page):
    page = open_page(items=done(*SITE.steps))
    assert page.locator(".ks-routebar__next").inner_text().strip() == "Alle stappen zijn klaar."
    assert page.locator("[data-ks-step-next]:not(:empty)").count() == 0
    assert page.locator('li[data-ks-step][data-state="klaar"]').count() == len(SITE.steps)


def test_without_javascript_the_route_is_an_ordered_path_with_every_checklist(open_page):
    page = open_page(size=PHONE, javascript=False)
    assert page.locator(".ks-routebar__next").inner_text() == f"Begin bij Stap {FIRST.number} {FIRST.title}"
    steps = page.locator("ol.ks-lane__steps > li.ks-roadmap__step")
    assert steps.evaluate_all("ls => ls.map(l => l.dataset.ksStep)") == [s.id for s in LOKAAL + REGIONAAL]
    texts = page.locator(".ks-checklist__text:visible").all_inner_texts()
    assert texts == [i.text for s in LOKAAL + REGIONAAL for i in s.checklist]
    assert page.locator(".ks-stop__dot:visible").count() == len(SITE.steps)
    assert page.locator(".ks-status, [data-ks-roadmap-controls]:visible").count() == 0


@pytest.mark.parametrize("url", ["routekaart/", step_url(FIRST), checklist_url(FIRST)])
def test_the_status_control_works_by_keyboard_alone(open_page, url):
    page = open_page(url, size=PHONE)
    first = FIRST.checklist[0]
    if url == "routekaart/":
        page.get_by_role("button", name=f"Stap {FIRST.number} {FIRST.title}").focus()
        page.keyboard.press("Enter")
    else:
        page.locator(".ks-roadmap__count").first.evaluate("el => el.setAttribute('tabindex', '-1') || el.focus()")
    group = page.get_by_role("radiogroup", name=f"Status van: {first.text}")
    for _ in range(30):
        page.keyboard.press("Tab")
        if group.evaluate("g => g.contains(document.activeElement)"):
            break
    focused = "document.activeElement"
    assert page.evaluate(f"{focused}.value") == "open", "Tab lands on the chosen status"
    ring = page.evaluate(f"getComputedStyle({focused}.nextElementSibling).outlineStyle")
    assert ring == "solid", "the focus is visible"
    page.keyboard.press("ArrowRight")
    assert group.get_by_role("radio", name="Bezig").is_checked()
    page.keyboard.press("ArrowRight")
    assert group.get_by_role("radio", name="Klaar").is_checked()
    assert stored(page)[first.id]["status"] == "klaar"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Space")
    assert stored(page)[first.id]["status"] == "bezig"
    page.keyboard.press("Tab")
    assert page.evaluate(f"{focused}.tagName") == "SUMMARY", "one Tab leaves the group"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Gemeente")
    assert stored(page)[first.id]["owner"] == "Gemeente"


@pytest.mark.parametrize("url", ["routekaart/", step_url(FIRST), checklist_url(FIRST)])
def test_every_control_of_an_item_is_at_least_44_by_44_pixels(open_page, url):
    page = open_page(url, size=PHONE)
    if url == "routekaart/":
        page.get_by_role("button", name="Toon alle stappen").click()
    first = item(page, FIRST.checklist[0].id)
    first.locator("summary").click()
    targets = page.locator(
        ".ks-status label, .ks-status input, .ks-details summary, .ks-details input, .ks-details textarea, "
        ".ks-roadmap__toggle, .ks-routebar .md-button, .ks-filter-box summary"
    )
    sizes = [b for b in (t.bounding_box() for t in targets.all()) if b and b["width"]]  # not in a closed disclosure
    assert len(sizes) >= 4 * len(FIRST.checklist)
    small = [b for b in sizes if b["width"] < 44 or b["height"] < 44]
    assert small == []
    labels = first.get_by_role("radio").evaluate_all("rs => rs.map(r => r.labels[0].textContent)")
    assert labels == ["Nog niet begonnen", "Bezig", "Klaar", "Niet van toepassing"]


def test_owner_date_and_note_are_kept_shown_everywhere_and_printed(open_page, base_url):
    page = open_page(checklist_url(FIRST))
    first = item(page, FIRST.checklist[0].id)
    first.get_by_text("Wie, wanneer, opmerking").click()
    group = first.get_by_role("group", name=f"Wie, wanneer, opmerking bij: {FIRST.checklist[0].text}")
    group.get_by_label("Wie").fill("Jeugdgezondheidszorg")
    group.get_by_label("Wanneer").fill("2027-01-15")
    group.get_by_label("Opmerking").fill("Bespreken in het coalitieoverleg <b>niet</b> vergeten")
    record = stored(page)[FIRST.checklist[0].id]
    assert (record["status"], record["owner"], record["due"]) == ("open", "Jeugdgezondheidszorg", "2027-01-15")
    page.reload()
    assert first.locator('[name="owner"]').input_value() == "Jeugdgezondheidszorg"
    assert first.locator('[name="due"]').input_value() == "2027-01-15"
    summary = first.locator("summary").inner_text()
    assert summary == "Wie: Jeugdgezondheidszorg · Wanneer: 15 januari 2027 · met opmerking"
    page.emulate_media(media="print")
    cells = first.locator("[data-ks-field]")
    assert cells.all_inner_texts() == [
        "Jeugdgezondheidszorg",
        "15 januari 2027",
        "Bespreken in het coalitieoverleg <b>niet</b> vergeten",
    ]
    assert all(cells.nth(i).is_visible() for i in range(3))
    assert not first.locator(".ks-details").is_visible() and not first.locator(".ks-status").is_visible()
    page.goto(base_url + step_url(FIRST))
    assert item(page, FIRST.checklist[0].id).locator("summary").inner_text() == summary
    page.emulate_media(media="print")
    assert item(page, FIRST.checklist[0].id).locator("summary").is_visible(), "the step page prints them too"
    assert not item(page, FIRST.checklist[1].id).locator("summary").is_visible(), "but not an empty one"


def test_a_long_or_strange_detail_is_cut_or_dropped_never_run(open_page):
    note = "x" * 400
    items = {FIRST.checklist[0].id: {"status": "bezig", "owner": ["GGD"], "due": "morgen", "note": note, "text": 5}}
    page = open_page(step_url(FIRST), items=items)
    item(page, FIRST.checklist[1].id).locator('input[value="klaar"]').check()
    record = stored(page)[FIRST.checklist[0].id]
    assert record == {"status": "bezig", "note": "x" * 280}


def test_an_item_whose_text_changed_is_flagged_until_read(open_page, base_url):
    first, second = FIRST.checklist[:2]
    page = open_page(step_url(FIRST))
    item(page, first.id).locator('input[value="klaar"]').check()
    item(page, second.id).locator('input[value="bezig"]').check()
    assert stored(page)[first.id]["text"] == text_hash(first.text)
    flags = page.locator(".ks-item__flag:visible")
    assert flags.count() == 0
    # A new build changes the first item's text: its hash in the page's island is no longer the stored one.
    page.route(
        base_url + step_url(FIRST),
        lambda route: route.fulfill(
            response=(response := route.fetch()),
            body=response.text().replace(text_hash(first.text), "0a1b2c3d"),
        ),
    )
    page.reload()
    assert flags.count() == 1
    flag = item(page, first.id).locator(".ks-item__flag")
    assert flag.inner_text().startswith("Gewijzigd sinds u dit afvinkte.")
    assert item(page, first.id).locator('input[value="klaar"]').is_checked(), "the progress itself is kept"
    flag.get_by_role("button", name="Ik heb de nieuwe tekst gelezen").click()
    assert flags.count() == 0
    assert stored(page)[first.id] | {"changed": ""} == {"status": "klaar", "text": "0a1b2c3d", "changed": ""}


def test_an_item_removed_from_the_data_is_listed_as_vervallen(open_page):
    items = {
        "weggehaald-punt": {"status": "klaar", "changed": "2026-11-01T10:00:00Z", "owner": "GGD", "due": "2026-12-01"},
        "ander-oud-punt": {"status": "open", "changed": "2026-11-01T10:00:00Z", "note": "Nog navragen"},
        "leeg-oud-punt": {"status": "open", "changed": "2026-11-01T10:00:00Z"},
        FIRST.checklist[0].id: {"status": "bezig", "changed": "2026-11-01T10:00:00Z"},
    }
    page = open_page(items=items)
    section = page.get_by_role("region", name="Vervallen punten")
    assert section.is_visible()
    assert section.get_by_role("listitem").all_inner_texts() == [
        "weggehaald-punt: Klaar · Wie: GGD · Wanneer: 1 december 2026",
        "ander-oud-punt: Nog niet begonnen · Opmerking: Nog navragen",
    ]
    assert axe_violations(page) == []
    page.once("dialog", lambda dialog: dialog.dismiss())
    section.get_by_role("button", name="Vervallen punten verwijderen").click()
    assert "weggehaald-punt" in stored(page)
    page.once("dialog", lambda dialog: dialog.accept())
    section.get_by_role("button", name="Vervallen punten verwijderen").click()
    assert not section.is_visible()
    assert sorted(stored(page)) == sorted(["leeg-oud-punt", FIRST.checklist[0].id])


def test_no_vervallen_list_without_removed_items(open_page):
    page = open_page(items=done(FIRST))
    assert page.locator("[data-ks-expired]").is_hidden()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("url", ["routekaart/", step_url(FIRST), checklist_url(FIRST)])
def test_axe_finds_no_wcag_2_2_violations(open_page, url, size):
    items = done(FIRST) | {SECOND.checklist[0].id: {"status": "bezig", "owner": "GGD", "text": "00000000"}}
    page = open_page(url, size=size, items=items)
    if url == "routekaart/":
        page.get_by_role("button", name="Toon alle stappen").click()
        page.locator(".ks-filter-box summary").click()
    page.locator(".ks-details summary").first.click()
    assert axe_violations(page) == []
