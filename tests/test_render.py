"""Render functions are pure: Site in, Markdown/HTML out, editor text always escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros import drawing, filters, render, urls
from macros.loader import load_site
from macros.pages import title_html
from macros.site import Site


@pytest.fixture
def site(minimal_data: Path):
    return load_site(minimal_data)


@pytest.fixture
def hostile_site(site):
    """Editor text that the validator refuses, built without validation: rendering must still escape it."""
    from macros import models as m

    step = site.step("stap-lokaal").model_copy(
        update={"title": "<script>alert(1)</script> *vet* {#x}", "summary": "{{ 7 * 7 }} en {% raw %}"}
    )
    files = {
        name: model.model_construct(
            **{key: list(v) if isinstance(v := getattr(site, key), tuple) else v for key in model.model_fields}
        )
        for name, model in m.FILES.items()
    }
    files["steps"] = m.StepsFile.model_construct(steps=[step, *site.steps[1:]])
    return Site.from_models(files)


EDITION = render.Edition("https://example.org/site/", "december 2023", "2026-11-23")


def test_checklist_page_is_a_working_document(site):
    out = render.checklist_page(site, "stap-lokaal", page_url="stappen/stap-lokaal/checklist/", edition=EDITION)
    assert '<tr class="ks-checklist-table__row" data-ks-item="item-een">' in out
    assert '<span class="ks-checklist__text">Item een</span>' in out
    assert out.count('<td data-ks-field="owner"></td>') == 2 and out.count('<td data-ks-field="note"></td>') == 2
    assert "https://example.org/site/stappen/stap-lokaal/" in out and '<svg aria-hidden="true"' in out
    assert '<a class="md-button" href="../../../pdf/checklist-stap-lokaal.pdf" download>' in out
    assert 'gemaakt op <time datetime="2026-11-23">23 november 2026</time>' in out


def test_euro():
    assert filters.euro(15_000_000) == "€ 15 miljoen"
    assert filters.euro(5_300_000) == "€ 5,3 miljoen"
    assert filters.euro(2_640_000) == "€ 2,64 miljoen"
    assert filters.euro(12_500) == "€ 12.500"


def test_milestone_date():
    assert filters.milestone_date("2024-01-01") == "1 januari 2024"
    assert filters.milestone_date("2022-06") == "juni 2022"
    assert filters.milestone_date("2018") == "2018"


@pytest.mark.parametrize(
    ("target", "current", "expected"),
    [
        ("stappen/a/", "acties/b/", "../../stappen/a/"),
        ("stappen/a/", "", "stappen/a/"),
        ("financiering/", "stappen/a/", "../../financiering/"),
        ("stappen/", "stappen/", "./"),
    ],
)
def test_relative(target, current, expected):
    assert urls.relative(target, current) == expected


def test_md_escapes_markdown_and_html():
    assert str(filters.md("<b>*x*</b> {#id} & [l](u)")) == (r"\<b\>\*x\*\</b\> \{\#id\} &amp; \[l\]\(u\)")


def test_step_page_has_checklist_links_and_sources(site):
    out = render.step_page(site, "stap-lokaal", page_url="stappen/stap-lokaal/", edition=EDITION)
    assert "## Checklist {#checklist}" in out
    assert 'id="item-een" data-ks-item="item-een"><span class="ks-checklist__text">Item een</span></li>' in out
    badge = '<a class="ks-badge ks-badge--afgeleid" data-search-exclude href="../../bronnen/#eigen-afleiding"'
    assert f'<span class="ks-checklist__text">Item twee</span> {badge}' in out
    assert '<a href="../../acties/actie-een/">Actie 1: Actie een</a>' in out
    assert '<a href="../../financiering/#geld-een">Geld een</a>' in out
    assert [source.id for source in out.sources] == ["bron-a"]
    assert "data/steps.yaml" in out.files
    assert "stap 1 van 1" in out


def test_action_page_lists_steps_that_name_it(site):
    out = render.action_page(site, "actie-een", page_url="acties/actie-een/", edition=EDITION)
    assert '<a href="../../stappen/stap-lokaal/">2.1.1 Stap lokaal</a>' in out
    assert "Stappen die hierbij horen" not in render.action_page(site, "actie-twee", edition=EDITION)


def test_overviews_group_records(site):
    steps = render.step_overview(site, "lokaal", page_url="stappen/")
    assert "Stap lokaal" in steps and "Stap regionaal" not in steps
    with pytest.raises(ValueError, match="no steps at level 'landelijk'"):
        render.step_overview(site, "landelijk")
    actions = render.action_overview(site, page_url="acties/")
    assert "## Focusgebied A: Lijn A {#lijn-a}" in actions
    funding = render.funding_overview(site, "gemeenten", page_url="financiering/")
    assert "### 3.2.1 Geld een {#geld-een}" in funding
    assert "€ 15 miljoen in 2023" in funding and "€ 16 miljoen in 2024" in funding


def test_every_macro_renders(site):
    for function in render.MACROS:
        args = {
            "step_page": ("stap-lokaal",),
            "action_page": ("actie-een",),
            "step_overview": ("lokaal",),
            "funding_overview": ("gemeenten",),
            "spuk_chart": ("geld-een",),
            "checklist_page": ("stap-lokaal",),
            "start_routes": ([("Beginnen", "stappen/", "Begin met", "lokaal")],),
        }.get(function.__name__, ())
        extra = (
            {"edition": EDITION}
            if function in (render.checklist_page, render.step_page, render.action_page, render.milestone_list)
            else {}
        )
        assert function(site, *args, page_url="x/", **extra).strip(), function.__name__


def test_editor_text_is_escaped_never_evaluated(hostile_site):
    out = render.step_page(hostile_site, "stap-lokaal", page_url="stappen/stap-lokaal/", edition=EDITION)
    assert "<script>" not in out
    assert "{{ 7 * 7 }} en {% raw %}" in out  # shown literally; mkdocs-macros does not render output again
    overview = render.step_overview(hostile_site, "lokaal", page_url="stappen/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *vet* {#x}" in overview


def test_step_lists_its_actions_in_programme_order(minimal_data: Path):
    path = minimal_data / "steps.yaml"
    path.write_text(path.read_text().replace("actions: [actie-een]", "actions: [actie-twee, actie-een]"))
    site = load_site(minimal_data)
    out = render.step_page(site, "stap-lokaal", page_url="stappen/stap-lokaal/", edition=EDITION)
    assert out.index("Actie 1: Actie een") < out.index("Actie 2: Actie twee")


def test_bar_chart_is_an_image_with_name_and_figures():
    svg = str(drawing.bar_chart([("2023", 15, "€ 15 miljoen"), ("2026", 20, "€ 20 miljoen")], "c", "SPUK <per> jaar"))
    assert svg.startswith('<svg class="ks-chart" id="c" role="img" aria-labelledby="c-titel c-uitleg"')
    assert '<title id="c-titel">SPUK &lt;per&gt; jaar</title>' in svg
    assert '<desc id="c-uitleg">2023: € 15 miljoen; 2026: € 20 miljoen</desc>' in svg
    widths = [float(w) for w in re.findall(r'class="ks-chart__bar"[^>]* width="([\d.]+)%"', svg)]
    assert abs(widths[0] / widths[1] - 15 / 20) < 0.01  # bars are proportional to the values


def test_toc_tree_nests_by_number_and_links_records(site):
    tree = render.toc_tree(site)
    assert [(n["number"], n["title"], n["url"]) for n in tree] == [("1", "Hoofdstuk een", "")]
    children = tree[0]["children"]
    assert [(n["number"], n["url"]) for n in children] == [
        ("2.1.1", "stappen/stap-lokaal/"),
        ("3.2.1", "financiering/#geld-een"),
    ]


@pytest.mark.parametrize(("page", "url"), [("index.md", ""), ("a/index.md", "a/"), ("a/b.md", "a/b/")])
def test_docs_url(page, url):
    assert urls.docs_url(page) == url


def test_page_footer_lists_sources_and_date(site):
    out = render.page_footer(site, site.sources, "2026-11-23", page_url="x/")
    assert "## Bronnen {#bronnen data-search-exclude}" in out  # the Bronnen page is searchable instead
    assert '<a href="https://example.org/a">Bron A</a>' in out and '<li class="ks-sources__item">Bron B</li>' in out
    updated = '<p class="ks-updated" data-search-exclude>Laatst bijgewerkt: <time datetime="2026-11-23">'
    assert updated + "23 november 2026</time>" in out
    assert "Bronnen" not in render.page_footer(site, (), None)


def test_roadmap_has_both_lanes_items_and_island(site):
    out = render.roadmap(site, page_url="routekaart/")
    assert out.index('id="ks-baan-lokaal"') < out.index('id="ks-baan-regionaal"')
    assert 'data-ks-step="stap-lokaal" data-level="lokaal" data-partners="partner-een"' in out
    assert '<li class="ks-checklist__item" data-ks-item="item-een">' in out
    assert '<a href="#rk-stap-regionaal">Stap 2.2.1 Stap regionaal</a>' in out  # the lanes relate
    assert '<option value="partner-een">Partner een</option>' in out


def test_counterpart_is_the_same_place_in_the_other_lane(site):
    assert render.counterpart(site, "stap-lokaal").id == "stap-regionaal"
    assert render.counterpart(site, "stap-regionaal").id == "stap-lokaal"


def test_text_hash_is_short_and_changes_with_the_text():
    assert render.text_hash("Wijs een kartrekker aan.") == render.text_hash("Wijs een kartrekker aan.")
    assert render.text_hash("Wijs een kartrekker aan.") != render.text_hash("Wijs een kartrekker aan")
    assert len(render.text_hash("x")) == 8 and int(render.text_hash("x"), 16) >= 0


def test_progress_island_holds_ids_and_hashes_and_cannot_close_its_script(site):
    island = str(render.progress_data(site))
    assert island.startswith('<script type="application/json" id="ks-progress-data">')
    data = json.loads(island.split(">", 1)[1].rsplit("</script>", 1)[0])
    hashes = {i.id: render.text_hash(i.text) for s in site.steps for i in s.checklist}
    assert data == {
        "version": 1,
        "steps": {"stap-lokaal": ["item-een", "item-twee"], "stap-regionaal": ["item-drie"]},
        "hashes": hashes,
    }
    own = json.loads(str(render.progress_data(site, site.step("stap-regionaal"))).split(">", 1)[1].rsplit("<", 1)[0])
    assert own["steps"] == {"stap-regionaal": ["item-drie"]} and own["hashes"] == {"item-drie": hashes["item-drie"]}
    assert island.count("</") == 1


def test_nav_titles_are_escaped_and_never_jinja():
    assert title_html("<script>{{ 7 * 7 }}</script> & co") == (
        "&lt;script&gt;&#123;&#123; 7 * 7 &#125;&#125;&lt;/script&gt; &amp; co"
    )


@pytest.mark.parametrize(("target", "current", "expected"), [
    ("stappen/a/", "acties/b.html", "../stappen/a.html"),
    ("stappen/", "stappen/a.html", "index.html"),
    ("", "stappen/a/checklist.html", "../../index.html"),
    ("financiering/#spuk", "index.html", "financiering/index.html#spuk"),
    ("pdf/checklist-a.pdf", "stappen/a.html", "../pdf/checklist-a.pdf"),
])  # fmt: skip
def test_links_in_the_offline_edition_point_to_html_files(target, current, expected):
    style = urls.UrlStyle(False, frozenset({"stappen/", "financiering/"}))
    assert urls.relative(target, current, style) == expected
