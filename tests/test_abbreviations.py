"""Glossary tooltips: whole abbreviations in text get an <abbr>, nothing else changes."""

from __future__ import annotations

from macros.abbreviations import add_abbreviations
from macros.models import GlossaryTerm


def term(abbr: str, full: str) -> GlossaryTerm:
    slug = abbr.lower().replace(" ", "-").replace("&", "-")
    return GlossaryTerm(id=slug, abbr=abbr, term=full, explanation="Uitleg.")


TERMS = [
    term("GGD", "Gemeentelijke Gezondheidsdienst"),
    term("GGDrU", "GGD regio Utrecht"),
    term("M&E", "Monitoring en evaluatie"),
    term("Erasmus MC", "Erasmus Medisch Centrum"),
    term("R4U", "R4U-vragenlijst"),
]


def test_whole_abbreviations_get_their_full_term():
    html = add_abbreviations("<p>De GGD en de GGDrU, M&amp;E met Erasmus MC.</p>", TERMS)
    assert html == (
        '<p>De <abbr title="Gemeentelijke Gezondheidsdienst">GGD</abbr> en de '
        '<abbr title="GGD regio Utrecht">GGDrU</abbr>, <abbr title="Monitoring en evaluatie">M&amp;E</abbr> met '
        '<abbr title="Erasmus Medisch Centrum">Erasmus MC</abbr>.</p>'
    )


def test_parts_of_words_attributes_and_code_stay_as_they_are():
    unchanged = [
        "<p>De GGDs, R4U-vragenlijst, JGZ-GGD en ErasmusMC.</p>",
        '<a href="/GGD/" title="GGD">link</a>',
        "<code>GGD</code><pre>R4U</pre><abbr title='x'>GGD</abbr>",
    ]
    for html in unchanged:
        assert add_abbreviations(html, TERMS) == html


def test_no_glossary_leaves_the_page_alone():
    assert add_abbreviations("<p>GGD</p>", []) == "<p>GGD</p>"


def test_character_references_are_never_split():
    """An abbreviation the validator refuses ('39', 'x27', 'amp') still cannot break `&#39;` and the like."""
    odd = [GlossaryTerm.model_construct(id=a, abbr=a, term="Fout", explanation="Fout.") for a in ("39", "x27", "amp")]
    html = "<p>Het kind&#39;s start &#x27;goed&#x27; &amp; meer; 39 jaar</p>"
    assert (
        add_abbreviations(html, odd)
        == '<p>Het kind&#39;s start &#x27;goed&#x27; &amp; meer; <abbr title="Fout">39</abbr> jaar</p>'
    )


def test_first_of_each_abbreviation_links_to_its_glossary_entry():
    html = add_abbreviations(
        "<p>De GGD en de GGD.</p><h2>GGDrU</h2><p><a href='x'>GGDrU</a> GGDrU</p>", TERMS, "../begrippen/"
    )
    link = '<a class="ks-abbr" href="../begrippen/#{}" data-term="{}"><abbr title="{}">{}</abbr></a>'
    ggd, ggdru = "Gemeentelijke Gezondheidsdienst", "GGD regio Utrecht"
    assert html == (
        f'<p>De {link.format("ggd", ggd, ggd, "GGD")} en de <abbr title="{ggd}">GGD</abbr>.</p>'
        f'<h2><abbr title="{ggdru}">GGDrU</abbr></h2>'  # no link in a heading or a link
        f"<p><a href='x'><abbr title=\"{ggdru}\">GGDrU</abbr></a> {link.format('ggdru', ggdru, ggdru, 'GGDrU')}</p>"
    )
    assert (
        add_abbreviations("<select><option>GGD</option></select>", TERMS, "b/")
        == "<select><option>GGD</option></select>"
    )
