"""Sharing progress without a server, in Chromium, with browser contexts as partners: by link and by
file, merging with a conflict, undo, the coalition overview, the calendar file and the meeting report."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zlib
from datetime import datetime
from pathlib import Path

import pytest

from macros.loader import load_site

from .conftest import axe_violations, items_ready

SITE = load_site(Path(__file__).resolve().parent.parent / "data")
ITEMS = [(step, item) for step in SITE.steps for item in step.checklist]
FIRST = SITE.steps[0]
A, B, C = (item.id for item in FIRST.checklist[:3])
KEY, PREFIX, LINK_MAX = "ks-voortgang", "#voortgang-v1.", 2000
OWNERS = [p.name for p in SITE.partners][:8]
NOTES = [
    "Besproken in het coalitieoverleg van {d}. {o} werkt een voorstel uit; akkoord van de wethouder volgt.",
    "Eerste versie klaar. Reacties van de partners verwerken wij voor het overleg van {d}.",
    "Wacht op de begroting: de aanvraag voor de SPUK-middelen loopt nog. {o} houdt contact met de gemeente.",
    "Nog niet gestart. Eerst capaciteit regelen bij {o}; daarna plannen wij een werksessie rond {d}.",
]

pytestmark = pytest.mark.browser


def full(n_notes: int = len(ITEMS)) -> dict:
    """Every item filled in: a status, a time, an owner, a due date, a realistic note, a text hash."""
    items = {}
    for n, (_, item) in enumerate(ITEMS):
        due = f"2027-{1 + n % 12:02d}-{1 + n % 28:02d}"
        items[item.id] = {
            "status": ("bezig", "open", "klaar", "nvt")[n % 4],
            "changed": f"2026-11-{1 + n % 28:02d}T{8 + n % 10:02d}:{n % 60:02d}:00.000Z",
            "owner": OWNERS[n % len(OWNERS)],
            "due": due,
            "text": hashlib.sha1(item.text.encode()).hexdigest()[:8],
        }
        if n < n_notes:
            note = NOTES[n % len(NOTES)].format(d=due, o=OWNERS[(n + 3) % len(OWNERS)])
            items[item.id]["note"] = f"{note} ({item.text[:40].lower()})"[:280]
    return items


def link_for(base_url: str, items: dict) -> str:
    """The link format, made independently of the page's code: rows, deflate-raw, base64url."""
    keys = ("status", "changed", "owner", "due", "note", "text")
    rows = []
    for id_, record in items.items():
        row = [id_, *(record.get(k, "") for k in keys)]
        row[2] = base36(int(datetime.fromisoformat(row[2]).timestamp())) if row[2] else ""
        while row[-1] == "":
            row.pop()
        rows.append(row)
    return base_url + "routekaart/" + PREFIX + pack(json.dumps(rows, separators=(",", ":")).encode())


def base36(n: int) -> str:
    digits = ""
    while n:
        n, d = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + digits
    return digits or "0"


def pack(data: bytes) -> str:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.urlsafe_b64encode(deflate.compress(data) + deflate.flush()).decode().rstrip("=")


@pytest.fixture
def partner(browser, base_url):
    """A partner: their own browser context (own storage), with progress stored before the page runs."""
    contexts = []

    def open_as(items: dict | None = None, url: str = "routekaart/"):
        context = browser.new_context(accept_downloads=True, bypass_csp=True)  # axe is injected in some tests
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        if items is not None:
            value = json.dumps(json.dumps({"version": 2, "items": items}))
            page.add_init_script(f"if (!localStorage.getItem('{KEY}')) localStorage.setItem('{KEY}', {value})")
        page.goto(url if url.startswith("http") else base_url + url)
        page.locator("[data-ks-progress-panel][data-ks-share]").wait_for(state="attached")
        items_ready(page)
        return page

    yield open_as
    for context in contexts:
        for page in context.pages:
            assert not page.errors, page.errors
        context.close()


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["items"]


def message(page):
    return page.locator("[data-ks-progress-message]")


def link_length(page) -> int:
    """The length of the page's link for its progress: given, or said when it is too long."""
    page.get_by_role("button", name="Voortgang delen als link").click()
    said = message(page).filter(has_text=re.compile("Uw link is klaar|past niet in een link")).inner_text()
    return int(re.search(r"(\d+) tekens", said).group(1))


def share_link(page) -> str:
    page.get_by_role("button", name="Voortgang delen als link").click()
    message(page).filter(has_text="Uw link is klaar").wait_for()
    return page.get_by_label("Link om te delen").input_value()


MINE = {  # the receiver: A older than the partner's, B newer, C only mine
    A: {"status": "bezig", "changed": "2026-10-01T09:00:00.000Z", "owner": "Gemeente"},
    B: {"status": "klaar", "changed": "2026-11-20T09:00:00.000Z"},
    C: {"status": "nvt", "changed": "2026-11-01T09:00:00.000Z"},
}
THEIRS = {
    A: {"status": "klaar", "changed": "2026-11-10T09:00:00.000Z", "owner": "JGZ", "due": "2027-01-15"},
    B: {"status": "open", "changed": "2026-11-02T09:00:00.000Z", "note": "Nog bespreken"},
}


def test_share_by_link_shows_what_it_holds_merges_the_newest_and_undoes_once(partner):
    sender = partner(THEIRS)
    link = share_link(sender)
    assert PREFIX in link and len(link) <= LINK_MAX
    assert sender.get_by_text("gaat nooit naar een server").is_visible()

    receiver = partner(MINE, link)
    dialog = receiver.get_by_role("dialog", name="Voortgang uit link laden")
    text = dialog.inner_text()
    assert "In de link staan 2 punten. Anders dan uw voortgang: 2." in text
    assert f"Stap {FIRST.number}" in dialog.get_by_role("heading", level=3).first.inner_text()
    a = dialog.get_by_role("group", name=FIRST.checklist[0].text)
    assert a.get_by_role("radio", name=re.compile("^Uit de link: Klaar · JGZ · 15 januari 2027")).is_checked()
    b = dialog.get_by_role("group", name=FIRST.checklist[1].text)
    assert b.get_by_role("radio", name=re.compile("^Van u: Klaar")).is_checked(), "my change of B is newer"
    assert stored(receiver) == MINE, "nothing is saved before a choice"
    assert PREFIX not in receiver.url, "the link is read once; a reload asks nothing"

    dialog.get_by_role("button", name="Samenvoegen").click()
    message(receiver).filter(has_text="samengevoegd").wait_for()
    assert stored(receiver) == {A: THEIRS[A], B: MINE[B], C: MINE[C]}
    receiver.get_by_role("button", name="Ongedaan maken").click()
    message(receiver).filter(has_text="weer zoals vóór het laden").wait_for()
    assert stored(receiver) == MINE
    assert receiver.get_by_role("button", name="Ongedaan maken").count() == 0, "undo works once"


def test_share_by_file_where_the_receiver_chooses_per_item(partner, tmp_path):
    sender = partner(THEIRS)
    with sender.expect_download() as download:
        sender.get_by_role("button", name="Voortgang opslaan als bestand").click()
    path = tmp_path / "partner.json"
    download.value.save_as(path)

    receiver = partner(MINE)
    receiver.get_by_label("Voortgang uit bestand laden").set_input_files(str(path))
    dialog = receiver.get_by_role("dialog", name="Voortgang uit bestand laden")
    dialog.get_by_role("group", name=FIRST.checklist[0].text).get_by_role("radio", name=re.compile("^Van u")).check()
    dialog.get_by_role("group", name=FIRST.checklist[1].text).get_by_role("radio", name=re.compile("^Uit")).check()
    dialog.get_by_role("button", name="Samenvoegen").click()
    message(receiver).filter(has_text="samengevoegd").wait_for()
    assert stored(receiver) == {A: MINE[A], B: THEIRS[B], C: MINE[C]}

    receiver.get_by_label("Voortgang uit bestand laden").set_input_files(str(path))
    dialog.get_by_role("button", name="Vervangen").click()
    message(receiver).filter(has_text="vervangen door die uit het bestand").wait_for()
    assert stored(receiver) == THEIRS
    receiver.get_by_role("button", name="Ongedaan maken").click()
    assert stored(receiver) == {A: MINE[A], B: THEIRS[B], C: MINE[C]}


def test_a_link_with_every_item_filled_in(partner, base_url, capsys):
    """The real data with an owner, date and note on every item: measured, and too long to share
    safely as a link, so the page offers the file and says why. A link that long still opens."""
    items = full()
    sender = partner(items)
    length = link_length(sender)
    said = message(sender).inner_text()
    without_notes = link_length(partner({k: {f: v for f, v in r.items() if f != "note"} for k, r in items.items()}))
    statuses_only = link_length(
        partner({k: {"status": r["status"], "changed": r["changed"]} for k, r in items.items()})
    )
    with capsys.disabled():
        print(f"\nLink met {len(items)} punten, elk met status, wie, wanneer en opmerking: {length} tekens")
        print(f"Link met {len(items)} punten, elk met status, wie en wanneer: {without_notes} tekens")
        print(f"Link met {len(items)} punten, alleen de status: {statuses_only} tekens (grens {LINK_MAX})")
    assert statuses_only <= LINK_MAX, "statuses alone always fit in a link"
    assert length > LINK_MAX and "Sla uw voortgang op als bestand" in said
    assert not sender.get_by_label("Link om te delen").is_visible()
    with sender.expect_download() as download:
        message(sender).get_by_role("button", name="Voortgang opslaan als bestand").click()
    assert json.loads(Path(download.value.path()).read_text())["items"] == items

    receiver = partner({}, link_for(base_url, items))
    dialog = receiver.get_by_role("dialog", name="Voortgang uit link laden")
    assert f"In de link staan {len(items)} punten" in dialog.inner_text()
    assert dialog.get_by_role("heading", level=3).count() == len(SITE.steps)
    dialog.get_by_role("button", name="Samenvoegen").click()
    message(receiver).filter(has_text="samengevoegd").wait_for()
    assert stored(receiver) == items


def bomb() -> str:
    return PREFIX + pack(b"[" + b" " * 5_000_000 + b"]")


@pytest.mark.parametrize(
    ("fragment", "said"),
    [
        (PREFIX + "!!!niet-base64", "beschadigd of onvolledig"),
        (PREFIX + pack(b'[["kartrekker-aangewezen","klaar"]]')[:-6], "beschadigd of onvolledig"),
        (PREFIX + pack(b"{not json"), "beschadigd of onvolledig"),
        (PREFIX + pack(b'{"items": {}}'), "beschadigd of onvolledig"),
        (PREFIX + pack(b'[["onbekend-punt","klaar"],["kartrekker-aangewezen","misschien"]]'), "geen punten die wij"),
        (PREFIX + "A" * 300_000, "te groot"),
        (bomb(), "te groot"),
    ],
    ids=["not-base64", "cut-off", "not-json", "not-rows", "unknown-items", "too-long", "zip-bomb"],
)
def test_a_tampered_or_oversized_link_is_refused_and_nothing_is_lost(partner, base_url, fragment, said):
    page = partner(MINE, base_url + "routekaart/" + fragment)
    notice = message(page).filter(has_text=said)
    notice.wait_for()
    assert "Er is niets veranderd." in notice.inner_text()
    assert page.locator("dialog").count() == 0
    assert stored(page) == MINE


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"x" * 300_000, "te groot"),
        (json.dumps({"format": "kansrijke-start-voortgang", "version": 2, "items": {A: {"status": "?"}}}).encode(),
         "geen punten die wij"),
        (b'{"format": "kansrijke-start-voortgang", "items": {"' + A.encode() + b'": {"status": "kla', "beschadigd"),
    ],
    ids=["too-big", "bad-status", "cut-off"],
)  # fmt: skip
def test_a_tampered_or_oversized_file_is_refused_and_nothing_is_lost(partner, tmp_path, content, said):
    page = partner(MINE)
    path = tmp_path / "partner.json"
    path.write_bytes(content)
    page.get_by_label("Voortgang uit bestand laden").set_input_files(str(path))
    message(page).filter(has_text=said).wait_for()
    assert stored(page) == MINE


def test_coalition_overview_of_three_partners_leaves_my_progress_alone(partner, base_url, tmp_path):
    jgz = share_link(partner(THEIRS))
    gemeente = share_link(
        partner({C: {"status": "bezig", "changed": "2026-11-28T10:00:00.000Z", "owner": "Wethouder"}})
    )
    path = tmp_path / "vsv.json"
    path.write_text(json.dumps({"format": "kansrijke-start-voortgang", "version": 2, "items": {A: {"status": "nvt"}}}))

    me = partner(MINE)
    me.get_by_text("Coalitie-overzicht").click()
    overview = me.locator("[data-ks-coalition]")
    for name, source in (("JGZ", jgz), ("Gemeente", gemeente), ("VSV", path)):
        overview.get_by_label("Naam van de partner").fill(name)
        if isinstance(source, Path):
            overview.get_by_label("Bestand van de partner toevoegen").set_input_files(str(source))
        else:
            overview.get_by_label("Link van de partner").fill(source)
            overview.get_by_role("button", name="Link toevoegen").click()
        overview.get_by_role("status").filter(has_text=f"{name} staat in het overzicht").wait_for()

    overview.get_by_label("Naam van de partner").fill("JGZ")
    overview.get_by_label("Link van de partner").fill(jgz)
    overview.get_by_role("button", name="Link toevoegen").click()
    overview.get_by_role("status").filter(has_text="De naam JGZ is al in gebruik").wait_for()

    table = overview.get_by_role("table", name=re.compile(f"Stap {FIRST.number}"))
    assert table.get_by_role("columnheader").all_inner_texts() == ["Punt", "U", "JGZ", "Gemeente", "VSV"]
    row = table.get_by_role("row", name=re.compile(re.escape(FIRST.checklist[0].text)))
    assert row.get_by_role("cell").all_inner_texts() == [
        "Bezig · Gemeente", "Klaar · JGZ · 15 januari 2027", "Nog niet begonnen", "Niet van toepassing"
    ]  # fmt: skip
    assert overview.get_by_role("table").count() == len(SITE.steps)
    assert stored(me) == MINE, "the overview never merges into my progress"
    overview.get_by_role("button", name="Gemeente weghalen").click()
    assert table.get_by_role("columnheader").all_inner_texts() == ["Punt", "U", "JGZ", "VSV"]
    assert axe_violations(me) == []


def test_keyboard_only_share_and_import(partner):
    sender = partner(THEIRS)
    sender.get_by_role("button", name="Voortgang delen als link").focus()
    sender.keyboard.press("Enter")
    message(sender).filter(has_text="Uw link is klaar").wait_for()
    field = sender.get_by_label("Link om te delen")
    assert sender.evaluate("document.activeElement.id") == "ks-share-link", "the link is focused and selected"
    assert sender.evaluate("getSelection().toString() || document.activeElement.selectionEnd") != 0
    link = field.input_value()
    sender.keyboard.press("Tab")
    assert sender.evaluate("document.activeElement.textContent") == "Link kopiëren"
    sender.keyboard.press("Enter")
    message(sender).filter(has_text=re.compile("klembord|Kopiëren lukte niet")).wait_for()

    receiver = partner(MINE, link)
    dialog = receiver.get_by_role("dialog", name="Voortgang uit link laden")
    assert receiver.evaluate("document.activeElement.textContent") == "Samenvoegen"
    assert axe_violations(receiver) == []
    receiver.keyboard.press("Shift+Tab")  # back into the choices: the checked one of the last group, B
    assert receiver.evaluate("document.activeElement.name") == f"ks-pick-{B}"
    assert receiver.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    receiver.keyboard.press("ArrowDown")  # in B's group, choose the partner's
    receiver.keyboard.press("Tab")
    assert receiver.evaluate("document.activeElement.textContent") == "Samenvoegen"
    receiver.keyboard.press("Enter")
    assert dialog.count() == 0
    message(receiver).filter(has_text="samengevoegd").wait_for()
    assert stored(receiver)[B] == THEIRS[B]


def test_due_dates_as_a_calendar_file(partner):
    import icalendar

    items = full()
    items[A] |= {"status": "bezig", "note": "Zaal, koffie; agenda\nmaken \\ rondsturen", "due": "2027-02-03"}
    page = partner(items)
    with page.expect_download() as download:
        page.get_by_role("button", name="Data in uw agenda (.ics)").click()
    raw = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".ics")
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    open_items = [i for i, r in items.items() if r["status"] in ("open", "bezig")]
    assert sorted(str(e["UID"]).split("@")[0] for e in events) == sorted(open_items)
    assert all(e.get("DTSTAMP") for e in events)
    event = next(e for e in events if str(e["UID"]).startswith(A + "@"))
    assert event.decoded("DTSTART").isoformat() == "2027-02-03"
    assert str(event["SUMMARY"]) == f"Kansrijke Start: {FIRST.checklist[0].text}"
    assert str(event["DESCRIPTION"]).endswith("Zaal, koffie; agenda\nmaken \\ rondsturen")
    assert b"Zaal\\, koffie\\; agenda\\nmaken \\\\ rondsturen" in raw.replace(b"\r\n ", b"")


@pytest.mark.parametrize("filled", ["every-item-open", "mixed"])
def test_the_report_fits_on_two_a4_pages_without_icons(partner, filled, tmp_path):
    from pypdf import PdfReader

    items = {i: r | {"status": "open"} for i, r in full().items()} if filled == "every-item-open" else full()
    page = partner(items)
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Voortgangsverslag afdrukken").click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    texts = [p.extract_text() for p in pdf.pages]
    assert 1 <= len(pdf.pages) <= 2, len(pdf.pages)
    assert texts[0].lstrip().startswith("Handreiking Ketenaanpak Kansrijke Start\nVoortgangsverslag")
    assert "Aanwezig" in texts[0] and "Datum" in texts[0]
    whole = " ".join(texts)
    for step in SITE.steps:
        assert f"Stap {step.number}" in whole
    opened = [i for i, r in items.items() if r["status"] in ("open", "bezig")]
    assert len(opened) == page.locator(".ks-report tbody tr:not(.ks-report__step)").count()
    first_open = next(item for _, item in ITEMS if item.id in opened)
    assert items[first_open.id]["owner"] in whole
    assert all("/XObject" not in (p["/Resources"] or {}) for p in pdf.pages), "no icons or images"
    page.emulate_media(media="screen")
    assert not page.locator(".ks-report").is_visible()
