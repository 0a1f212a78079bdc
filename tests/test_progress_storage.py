"""Stored progress is never wiped: other versions, bad items, a full storage and imports, in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.loader import load_site

from .conftest import axe_violations, items_ready

SITE = load_site(Path(__file__).resolve().parent.parent / "data")
FIRST, SECOND = SITE.steps_at("lokaal")[0], SITE.steps_at("lokaal")[1]
A, B, C = (item.id for item in FIRST.checklist[:3])
D = SECOND.checklist[0].id
KEY, OLD_KEY, ASIDE = "ks-voortgang", "ks-voortgang-v1", "ks-voortgang-apart-"

pytestmark = pytest.mark.browser


def open_roadmap(page, base_url, stored: str | None = None, key: str = KEY):
    """The roadmap, with `stored` in localStorage before the page's scripts run (once, not on reload)."""
    if stored is not None:
        page.add_init_script(
            f"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem({json.dumps(key)}, {json.dumps(stored)});"
            " sessionStorage.setItem('seeded', '1'); }"
        )
    page.goto(base_url + "routekaart/")
    items_ready(page)
    page.get_by_role("button", name="Toon alle stappen").click()
    return page


def status(page, item: str) -> str:
    return page.locator(f'[data-ks-item="{item}"] .ks-status input:checked').input_value()


def statuses(page) -> dict[str, str]:
    data = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert data["version"] == 2
    return {item: record["status"] for item, record in data["items"].items()}


def set_aside(page) -> list[str]:
    return page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{ASIDE}')).map(k => localStorage[k])")


def message(page):
    return page.locator("[data-ks-progress-message]")


def download(page, button: str) -> object:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def choose(page, status_name: str, item: str) -> None:
    page.locator(f'[data-ks-item="{item}"] .ks-status input[value="{status_name}"]').check()


def test_version_1_is_migrated_and_nothing_is_said(browser_page, base_url):
    page = open_roadmap(browser_page, base_url, json.dumps({"version": 1, "items": {A: "klaar", B: "nvt"}}), OLD_KEY)
    assert (status(page, A), status(page, B)) == ("klaar", "nvt")
    assert statuses(page) == {A: "klaar", B: "nvt"}
    assert page.evaluate(f"localStorage.getItem('{OLD_KEY}')") is None
    assert set_aside(page) == []
    assert message(page).inner_text() == ""


def test_another_version_keeps_every_readable_item_and_sets_the_original_aside(browser_page, base_url):
    raw = json.dumps({"version": 3, "items": {A: {"status": "klaar", "wie": "GGD"}, B: "bezig", C: {"status": "?"}}})
    page = open_roadmap(browser_page, base_url, raw)
    assert (status(page, A), status(page, B), status(page, C)) == ("klaar", "bezig", "open")
    notice = page.get_by_role("status").filter(has_text="andere versie van deze site")
    assert "Wij hebben 2 punten bewaard" in notice.inner_text()
    assert statuses(page) == {A: "klaar", B: "bezig"}
    assert set_aside(page) == [raw]
    assert [copy["tekst"] for copy in download(page, "Apart gezette voortgang downloaden")] == [raw]


@pytest.mark.parametrize("version", [1, 2])
def test_one_invalid_status_keeps_all_the_others(browser_page, base_url, version):
    items = {A: "klaar", B: "misschien", C: "bezig"}
    if version == 2:
        items = {item: {"status": value, "changed": "2026-11-01T10:00:00.000Z"} for item, value in items.items()}
    raw = json.dumps({"version": version, "items": items})
    page = open_roadmap(browser_page, base_url, raw, OLD_KEY if version == 1 else KEY)
    assert (status(page, A), status(page, B), status(page, C)) == ("klaar", "open", "bezig")
    notice = page.get_by_role("status").filter(has_text="Wij konden 1 punt van uw opgeslagen voortgang niet lezen")
    assert "De andere 2 punten hebben wij bewaard." in notice.inner_text()
    assert statuses(page) == {A: "klaar", C: "bezig"}
    assert set_aside(page) == [raw]


def test_unreadable_progress_is_set_aside_downloadable_and_removable(browser_page, base_url):
    page = open_roadmap(browser_page, base_url, "{broken")
    page.get_by_role("status").filter(has_text="kon niet worden gelezen").wait_for()
    assert axe_violations(page) == []
    assert [copy["tekst"] for copy in download(page, "Apart gezette voortgang downloaden")] == ["{broken"]
    assert statuses(page) == {}
    page.reload()  # the roadmap keeps reminding until the copy is removed
    page.get_by_role("status").filter(has_text="Er staat nog voortgang apart").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Apart gezette voortgang verwijderen").click()
    page.get_by_role("status").filter(has_text="is verwijderd").wait_for()
    assert set_aside(page) == []
    page.reload()
    assert message(page).inner_text() == ""


def test_a_change_that_cannot_be_saved_is_said_and_kept_until_it_can(browser_page, base_url):
    page = open_roadmap(browser_page, base_url)
    choose(page, "klaar", A)
    page.evaluate("""() => {
        window.realSetItem = Storage.prototype.setItem;
        Storage.prototype.setItem = () => { throw new DOMException("vol", "QuotaExceededError"); };
    }""")
    choose(page, "bezig", B)
    warning = page.get_by_role("status").filter(has_text="uw laatste wijziging is niet opgeslagen")
    assert warning.is_visible()
    assert "Sla uw voortgang op als bestand" in warning.inner_text()
    assert "ks-progress__message--error" in warning.get_attribute("class")
    assert statuses(page) == {A: "klaar"}
    assert status(page, B) == "bezig", "the change stays on the page"
    exported = download(page, "Voortgang opslaan als bestand")
    assert exported["items"][B]["status"] == "bezig", "and can be saved as a file"
    page.evaluate("() => { Storage.prototype.setItem = window.realSetItem; }")
    choose(page, "nvt", C)
    page.get_by_role("status").filter(has_text="weer opgeslagen").wait_for()
    assert statuses(page) == {A: "klaar", B: "bezig", C: "nvt"}


def test_storage_that_refuses_everything_is_said_on_load(browser, base_url):
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('nee'); }})")
    page = context.new_page()
    page.goto(base_url + "routekaart/")
    page.get_by_role("status").filter(has_text="staat opslaan niet toe").wait_for()
    context.close()


def mine(page, base_url):
    items = {
        A: {"status": "klaar", "changed": "2026-10-01T09:00:00.000Z"},
        B: {"status": "bezig", "changed": "2026-10-01T09:00:00.000Z"},
        D: {"status": "bezig", "changed": "2026-10-01T09:00:00.000Z"},
    }
    return open_roadmap(page, base_url, json.dumps({"version": 2, "items": items}))


def import_file(page, tmp_path, items: dict) -> None:
    path = tmp_path / "partner.json"
    path.write_text(json.dumps({"format": "kansrijke-start-voortgang", "version": 2, "items": items}))
    page.get_by_label("Voortgang uit bestand laden").set_input_files(str(path))


PARTIAL = {
    A: {"status": "open", "changed": "2026-01-01T09:00:00.000Z"},  # older than mine
    B: {"status": "klaar", "changed": "2026-11-01T09:00:00.000Z"},  # newer than mine
    C: "bezig",  # new for me (version 1 style, no date)
    "onbekend-punt": "klaar",
    SECOND.checklist[1].id: {"status": "misschien"},
}


def test_a_partial_import_asks_first_and_merges_by_default(browser_page, base_url, tmp_path):
    page = mine(browser_page, base_url)
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    import_file(page, tmp_path, PARTIAL)
    dialog = page.get_by_role("dialog", name="Voortgang uit bestand laden")
    text = dialog.inner_text()
    assert "In het bestand staan 3 punten. Anders dan uw voortgang: 3." in text
    assert "Wij slaan 2 punten over" in text
    assert (
        dialog.get_by_role("group", name=FIRST.checklist[1].text)
        .get_by_role("radio", name="Uit het bestand: Klaar")
        .is_checked()
    )
    # A is open in the file, D is missing
    assert "Van uw eigen punten gaan er 2 terug naar de status Nog niet begonnen." in text
    assert page.evaluate("document.activeElement.textContent") == "Samenvoegen"
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    page.get_by_role("status").filter(has_text="U heeft het laden afgebroken. Er is niets veranderd.").wait_for()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before
    assert dialog.count() == 0

    import_file(page, tmp_path, PARTIAL)
    dialog.wait_for()  # the file is read asynchronously: on a busy machine the dialog comes later
    page.wait_for_function("document.activeElement && document.activeElement.textContent === 'Samenvoegen'")
    page.keyboard.press("Enter")  # the focused default: merge
    page.get_by_role("status").filter(has_text="samengevoegd").wait_for()
    assert statuses(page) == {A: "klaar", B: "klaar", C: "bezig", D: "bezig"}
    assert (status(page, A), status(page, B), status(page, C)) == ("klaar", "klaar", "bezig")


def test_replace_takes_only_the_file(browser_page, base_url, tmp_path):
    page = mine(browser_page, base_url)
    import_file(page, tmp_path, {C: {"status": "klaar"}})
    dialog = page.get_by_role("dialog", name="Voortgang uit bestand laden")
    assert "Van uw eigen punten gaan er 3 terug naar de status Nog niet begonnen." in dialog.inner_text()
    dialog.get_by_role("button", name="Vervangen").click()
    page.get_by_role("status").filter(has_text="vervangen door die uit het bestand").wait_for()
    assert statuses(page) == {C: "klaar"}
    assert (status(page, A), status(page, C)) == ("open", "klaar")
