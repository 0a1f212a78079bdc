"""Typed models of the data in `data/`, one file model per YAML file.

The models are the single definition of the data: the loader validates against them
and the JSON Schemas in `data/schema/` are generated from them. Field descriptions are
in Dutch because editors read them in their editor's tooltips.

A reference to another record is a slug annotated with `Ref(collection)`; the loader
finds every such field generically and checks that the id exists.
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Annotated, Literal, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: A level's number prefix, such as 2.1. (with the final dot).
LEVEL_PREFIX = r"^([0-9]{1,3}\.){1,3}$"
#: A step's number: its level's prefix and a sequence number, such as 2.1.1.
STEP_NUMBER = r"^([0-9]{1,3}\.){1,3}[1-9][0-9]{0,2}$"

# The values a choice field takes, each with its Dutch label on the site: one place for both.
# (A step's levels are data, in levels.yaml: each guidance names the lanes of its own route.)
FUNDERS = MappingProxyType({"gemeenten": "Gemeenten", "zorgverzekeraars": "Zorgverzekeraars", "rijk": "Rijk"})
DOMAINS = MappingProxyType({
    "medisch": "Medisch domein",
    "sociaal": "Sociaal domein",
    "informeel": "Informeel netwerk",
    "bestuur": "Bestuur en financiering",
    "kennis": "Kennis en monitoring",
})  # fmt: skip
#: The parties of the responsibilities table, in the order the table shows them.
PARTIES = MappingProxyType({
    "gemeente": "Gemeente",
    "jgz": "Jeugdgezondheidszorg (JGZ)",
    "verloskundigen": "Verloskundigen en VSV",
    "zorgverzekeraar": "Zorgverzekeraar",
    "ggd": "GGD",
    "zorginstituut": "Zorginstituut Nederland",
    "vws": "Ministerie van VWS",
})  # fmt: skip
#: How binding a responsibility is, as the site names it.
KINDS = MappingProxyType({"wet": "Wettelijke plicht", "afspraak": "Afspraak (IZA/GALA)", "advies": "Advies"})


@dataclass(frozen=True)
class Ref:
    """Marks a field as holding the id of a record in another collection."""

    collection: str


#: Ids that are also JavaScript object properties (progress is stored by id) or ids the theme
#: and our generated pages give their own elements (a record with such an id takes its anchor).
RESERVED_IDS = frozenset(
    {"constructor", "prototype", "__proto__", "tostring", "tolocalestring", "valueof", "hasownproperty",
     "isprototypeof", "propertyisenumerable", "__definegetter__", "__definesetter__", "__lookupgetter__",
     "__lookupsetter__"}
    | {"checklist", "acties", "bronnen", "financiering", "partners", "stappen", "ks-progress-data"}
)  # fmt: skip


def _not_reserved(value: object) -> object:
    """An id must not collide with a JavaScript property or an id the pages already use."""
    if isinstance(value, str) and value.lower() in RESERVED_IDS:
        raise ValueError(
            f"id '{value}' is gereserveerd: de site gebruikt die naam al (als id van een deel van een pagina "
            "of als naam in JavaScript); kies een andere id"
        )
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    BeforeValidator(_not_reserved),  # outermost, so it runs before the pattern and keeps it in the schema
    Field(
        description="Vaste id: kleine letters, cijfers en streepjes. Verander een id niet meer.",
        examples=["lokale-coalitie-vormen"],
    ),
]

_CODE = re.compile(r"<[a-zA-Z/!?]|\{\{|\{%|\{#|\}\}|%\}")


_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
#: Characters that change the reading order or are invisible: text could show otherwise than it reads.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_BIDI = frozenset({0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})
_SCRIPTS = MappingProxyType(
    {"CYRILLIC": "Cyrillische", "GREEK": "Griekse", "ARMENIAN": "Armeense", "HEBREW": "Hebreeuwse"}
)


def _plain_text(value: str) -> str:
    """Editors write text, not code: HTML tags, HTML entities, template code and invisible or
    direction-changing characters are refused with a clear message."""
    found = _CODE.search(value)
    if found:
        raise ValueError(
            f"HTML of sjablooncode is niet toegestaan (gevonden: '{value[found.start() : found.start() + 12]}'); "
            "schrijf gewone tekst"
        )
    entity = _ENTITY.search(value)
    if entity:
        raise ValueError(
            f"HTML-code '{entity.group()}' is niet toegestaan; schrijf het teken zelf "
            f"(bijvoorbeeld & of '), de site zet het goed op de pagina"
        )
    hidden = _INVISIBLE.search(value)
    if hidden:
        code = ord(hidden.group())
        kind = "keert de leesrichting om" if code in _BIDI else "is onzichtbaar"
        raise ValueError(
            f"teken U+{code:04X} ({kind}) op "
            f"positie {hidden.start() + 1}: zo kan tekst er anders uitzien dan hij is; "
            "typ de tekst opnieuw of plak hem als platte tekst"
        )
    return value


#: Names of HTML character references (amp, lt, quot, ...): an abbreviation with such a name would
#: be wrapped inside `&amp;` or `&#39;` on every page and break the text around it.
_ENTITY_NAMES = frozenset(name.rstrip(";") for name in html.entities.html5)
_ABBREVIATION = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9][A-Za-zÀ-ÖØ-öø-ÿ0-9&. -]*")


def _abbreviation(value: str) -> str:
    """An abbreviation is a word of Latin letters (digits, '&', '-', '.' and spaces may join them)."""
    odd = next((c for c in value if not _ABBREVIATION.fullmatch(c) and c not in "&. -"), None)
    if odd is not None:
        script = unicodedata.name(odd, "").split(" ")[0]
        kind = (
            f"een {_SCRIPTS.get(script, 'niet-Latijnse')} letter die op een Latijnse lijkt"
            if odd.isalpha()
            else "geen letter"
        )
        raise ValueError(
            f"teken '{odd}' (U+{ord(odd):04X}, {kind}) hoort niet in een afkorting; "
            "gebruik Latijnse letters en cijfers (met '-', '.', '&' of een spatie ertussen)"
        )
    if not _ABBREVIATION.fullmatch(value):
        raise ValueError("een afkorting begint met een letter of cijfer")
    if not any(c.isalpha() for c in value):
        raise ValueError(
            f"afkorting '{value}' is een getal: de site zou dat getal overal uitleggen, ook in "
            "HTML-code als &#39; (de apostrof); een afkorting bevat minstens één letter"
        )
    if value in _ENTITY_NAMES:
        raise ValueError(
            f"afkorting '{value}' is de naam van een HTML-teken (&{value};): de site zou dat teken "
            "overal breken; kies een andere schrijfwijze of laat de afkorting weg"
        )
    return value


def abbreviation_key(abbr: str) -> str:
    """What an abbreviation looks like to a reader: case, width and look-alike digits ignored."""
    folded = unicodedata.normalize("NFKC", abbr).casefold()
    return folded.translate(str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "5": "s"})).replace(" ", "")


_EMAIL = re.compile(r"[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[a-z]{2,}")


def _email(value: object) -> object:
    """A contact address is a plain e-mail address (it becomes a mailto: link)."""
    if isinstance(value, str) and not _EMAIL.fullmatch(value.strip()):
        raise ValueError(f"'{value}' is geen geldig e-mailadres; schrijf het als naam@organisatie.nl, zonder spaties")
    return value


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), AfterValidator(_plain_text)
]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8000), AfterValidator(_plain_text)
]
_LINE_BREAKS = re.compile("[\n\r\v\f\x85\u2028\u2029]")


def _one_line(value: str) -> str:
    """A title or question is shown on one line (headings, menus, search results)."""
    if _LINE_BREAKS.search(value):
        raise ValueError("mag maar één regel zijn; haal de regelovergang weg")
    return value


Line = Annotated[Text, AfterValidator(_one_line)]
Year = Annotated[int, Field(ge=2010, le=2040, strict=True, description="Jaartal.", examples=[2024])]


def _calendar_date(value: str) -> str:
    """'2018', '2022-06' or '2024-01-01', and a month or day that exists."""
    try:
        date(*(int(part) for part in value.split("-")), *(1,) * (2 - value.count("-")))
    except ValueError:
        raise ValueError(f"datum '{value}' bestaat niet; controleer maand en dag") from None
    return value


def _iso_date(value: object) -> object:
    """A date written JJJJ-MM-DD (YAML gives it to us as text) that exists on the calendar."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return date.fromisoformat(_calendar_date(value))
    return value


FocusAreaRef = Annotated[Slug, Ref("focus_areas")]
ActionRef = Annotated[Slug, Ref("actions")]
StepRef = Annotated[Slug, Ref("steps")]
FundingRef = Annotated[Slug, Ref("funding_sources")]
PartnerRef = Annotated[Slug, Ref("partners")]
SourceRef = Annotated[Slug, Ref("sources")]

Basis = Annotated[
    Literal["bron", "afgeleid"],
    Field(
        description="'bron' als een bron dit zegt; 'afgeleid' als het een eigen afleiding is (de site toont dat dan).",
        examples=["bron"],
    ),
]


UNCHECKED = "onbekend"


def _check_date(value: object) -> object:
    """A check date is a real day (JJJJ-MM-DD), or 'onbekend' when nobody compared it with the source yet."""
    if value == UNCHECKED or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"moet een datum zijn (JJJJ-MM-DD) of '{UNCHECKED}', niet {value!r}")


def _not_in_future(value: date | str) -> date | str:
    """A check date lies in the past or today: nobody checked a source tomorrow."""
    if isinstance(value, date) and value > date.today():
        raise ValueError(f"datum {value.isoformat()} ligt in de toekomst; vul de dag in waarop u de bron echt las")
    return value


Checked = Annotated[
    date | Literal["onbekend"],
    BeforeValidator(_check_date),
    AfterValidator(_not_in_future),
    Field(
        description=(
            "Datum (JJJJ-MM-DD) waarop u dit het laatst met de bron hebt vergeleken. Zet hier alleen een dag "
            "waarop u de bron echt hebt gelezen; weet u dat niet, schrijf dan 'onbekend'. De site toont "
            "'Gecontroleerd op ...'; na een tijd meldt make validate dat het opnieuw gecontroleerd moet worden."
        ),
        examples=["2026-11-29"],
    ),
]


def describe(text: str, example: dict | None = None):
    """Dutch description (and a typical record) of a record type in the JSON Schema, shown to editors."""
    extra = {"description": text, **({"examples": [example]} if example else {})}
    return ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, json_schema_extra=extra)


class Record(BaseModel):
    """Base of every record: unknown keys are errors, records are read-only."""

    model_config = describe("Een record.")


def Sources(required: bool = True):  # noqa: N802 - reads like a type in the models
    """The `sources` field: ids from data/sources.yaml; most records must cite one."""
    description = "Ids uit data/sources.yaml waar deze informatie vandaan komt."
    if required:
        return Field(min_length=1, description=description, examples=[["vng-presentatie"]])
    return Field(default_factory=list, description=description + " Mag leeg zijn bij basis 'afgeleid'.",
                 examples=[["vng-presentatie"]])  # fmt: skip


def Id(example: str):  # noqa: N802 - a Field like F
    """The `id` field, with an example that fits the collection."""
    return F("Vaste id: kleine letters, cijfers en streepjes. Verander een id niet meer.", example)


def F(description: str, example, **kwargs):  # noqa: N802 - reads like Field
    """A Field with its Dutch description and one example, for the editor's tooltip."""
    return Field(description=description, examples=[example], **kwargs)


class Source(Record):
    """A document or web page that facts on the site come from."""

    model_config = describe("Een bron: een document of webpagina waar informatie op de site vandaan komt.")
    id: Slug = Id("rivm-landelijke-monitor")
    title: Line = F("Naam van de bron, zoals een lezer hem herkent.", "RIVM - Landelijke monitor")
    publisher: Text | None = F("Organisatie die de bron uitgaf. Mag leeg blijven.", "RIVM", default=None)
    url: HttpUrl | None = F("Volledig webadres. Leeg als de bron niet online staat.", "https://www.rivm.nl/",
                            default=None)  # fmt: skip
    published: Text | None = F("Datum of maand van verschijnen. Mag leeg blijven.", "2023-12", default=None)
    checked: Checked | None = F(
        "Datum (JJJJ-MM-DD) waarop iemand deze bron het laatst heeft gelezen en vergeleken. Leeg als dat niet "
        "bekend is.",
        "2026-11-29",
        default=None,
    )


class FocusArea(Record):
    """One of the two focus areas (columns A and B) the 14 actions are grouped in; not the programme's action lines."""

    model_config = describe(
        "Een focusgebied: een van de twee kolommen (A, B) waarin de VNG-presentatie de 14 acties indeelt. "
        "Niet te verwarren met de actielijnen van het actieprogramma (vóór, tijdens en na de zwangerschap)."
    )
    id: Slug = Id("lokale-en-regionale-afspraken")
    letter: Literal["A", "B"] = F("Letter van het focusgebied: A of B.", "A")
    title: Line = F(
        "Titel van het focusgebied, zoals in de presentatie.",
        "Lokale en regionale afspraken zorgen voor juiste zorg dichtbij",
    )
    sub_points: list[Text] = F("Aandachtspunten onder dit focusgebied.", ["Duurzame regionale en lokale afspraken"],
                               min_length=1)  # fmt: skip
    sources: list[SourceRef] = Sources()


class Action(Record):
    """One of the numbered actions of the actieprogramma."""

    model_config = describe("Een actie van het actieprogramma. Nummers lopen van 1 tot en met het aantal acties.")
    id: Slug = Id("lokale-coalities")
    number: int = F("Nummer van de actie, zoals in het actieprogramma.", 1, ge=1, le=9999, strict=True)
    title: Line = F("Officiële naam van de actie, precies zoals in de presentatie.", "Ketenaanpak KS in alle gemeenten")
    focus_area: FocusAreaRef = F(
        "Id van het focusgebied (uit focus_areas.yaml) waar deze actie onder valt.", "lokale-en-regionale-afspraken"
    )
    description: LongText = F("Uitleg in gewone taal: korte zinnen.", "Elke gemeente krijgt een lokale ketenaanpak.")
    basis: Basis = "bron"
    funding: list[FundingRef] = F("Ids van geldbronnen voor deze actie (uit funding.yaml).", ["spuk-kansrijke-start"],
                                  default_factory=list)  # fmt: skip
    sources: list[SourceRef] = Sources()


class BorgingItem(Record):
    """One track of the werkwijze duurzame borging."""

    model_config = describe("Een spoor van de werkwijze duurzame borging.")
    id: Slug = Id("bestuurlijke-afspraken")
    number: int = F("Volgnummer: 1, 2, 3, ...", 1, ge=1, le=999, strict=True)
    title: Line = F("Titel van het spoor.", "Bestuurlijke afspraken")
    description: LongText = F("Uitleg in gewone taal.", "Leg afspraken vast in een convenant.")
    sources: list[SourceRef] = Sources()


class ChecklistItem(Record):
    """One point of a step's checklist; its id keeps a coordinator's progress."""

    model_config = describe("Een punt op de checklist van een stap.")
    id: Slug = F("Vaste id; verander hem niet, want opgeslagen voortgang hangt eraan.", "kartrekker-aangewezen")
    text: Text = F("Wat er moet gebeuren, kort en concreet.", "Wijs een kartrekker of coördinator aan.")
    basis: Basis
    sources: list[SourceRef] = Sources(required=False)


class Level(Record):
    """A lane of the route (local, regional): its label and the number prefix of its steps."""

    model_config = describe(
        "Een niveau van de route, zoals lokaal of regionaal: een rij stappen met hetzelfde begin van hun nummer."
    )
    id: Slug = Id("lokaal")
    label: Line = F("Naam van het niveau op de site: menu, routekaart, stappen.", "Lokaal")
    prefix: Annotated[str, StringConstraints(pattern=LEVEL_PREFIX)] = F(
        "Begin van de nummers van de stappen op dit niveau, met een punt aan het eind. Zet het tussen "
        "aanhalingstekens.",
        "2.1.",
    )
    beside: Line | None = F(
        "Hoe de routekaart een stap van dit niveau noemt naast de stap met hetzelfde volgnummer op het andere "
        "niveau. Leeg: de naam van het niveau.",
        "Lokale basis", default=None,
    )  # fmt: skip


class Step(Record):
    """A step of the route, numbered within its level (2.1.x local, 2.2.x regional)."""

    model_config = describe("Een stap van de route, genummerd binnen zijn niveau: lokaal (2.1.x) of regionaal (2.2.x).")
    id: Slug = Id("lokale-coalitie-vormen")
    number: Annotated[str, StringConstraints(pattern=STEP_NUMBER)] = F(
        "Nummer van de stap: het begin van zijn niveau (zie levels.yaml) en een volgnummer, zoals 2.1.1. "
        "Zet het tussen aanhalingstekens.",
        "2.1.1",
    )
    level: Slug = F("Id van het niveau (uit levels.yaml); past bij het nummer.", "lokaal")
    slug: Slug | None = F(
        "Leesbaar deel van het webadres: stappen/<slug>/. Mag later veranderen; de id niet. "
        "Het oude adres (met de id) blijft werken via een doorverwijzing. Leeg: het adres gebruikt de id.",
        "lokale-vroegsignalering", default=None,
    )  # fmt: skip
    title: Line = F("Titel van de stap, zoals in de handreiking.", "Vormen van een lokale coalitie")
    summary: Text = F("Eén of twee zinnen: waar gaat deze stap over?", "De gemeente brengt partners samen.")
    description: LongText = F("Uitleg in gewone taal: korte zinnen.", "De gemeente start de coalitie en voert regie.")
    checklist: list[ChecklistItem] = F("De punten van de checklist, in volgorde.", [], min_length=1)
    actions: list[ActionRef] = F(
        "Ids van acties die bij deze stap horen. De actiepagina toont de stap dan vanzelf.",
        ["lokale-coalities"], default_factory=list,
    )  # fmt: skip
    funding: list[FundingRef] = F("Ids van geldbronnen voor deze stap.", ["spuk-kansrijke-start"],
                                  default_factory=list)  # fmt: skip
    partners: list[PartnerRef] = F("Ids van partners die meedoen (uit partners.yaml).", ["gemeente", "jgz"],
                                   default_factory=list)  # fmt: skip
    sources: list[SourceRef] = Sources()

    @property
    def address(self) -> str:
        """The step's part of its web address: the readable slug, else the id that keys saved progress."""
        return self.slug or self.id


class Amount(Record):
    """A sourced amount of money in a year, or per year from that year."""

    model_config = describe("Een bedrag in een jaar, alleen als een bron het noemt.")
    year: Year
    eur: int = F("Bedrag in hele euro's, zonder punten.", 15000000, gt=0, le=10_000_000_000, strict=True)
    per_year_from: bool = F("true als het bedrag elk jaar terugkomt vanaf dit jaar.", False, default=False,
                            strict=True)  # fmt: skip
    note: Text | None = F("Korte toelichting. Mag leeg blijven.", "Voor alle gemeenten samen.", default=None)


class FundingSource(Record):
    """A source of money for the ketenaanpak."""

    model_config = describe("Een geldbron voor de ketenaanpak.")
    id: Slug = Id("spuk-kansrijke-start")
    chapter: Annotated[str, StringConstraints(pattern=r"^3\.[12]\.[1-9]$")] | None = F(
        "Paragraaf in hoofdstuk 3 van de handreiking. Leeg als de handreiking er geen heeft.", "3.2.1", default=None
    )
    funder: Literal[*FUNDERS] = F("Wie het geld geeft of regelt.", "gemeenten")
    title: Line = F("Titel van de geldbron.", "Financiering ketenaanpak (SPUK)")
    summary: Text = F("Eén zin: wat is dit geld?", "Gemeenten vragen Rijksgeld aan voor de ketenaanpak.")
    description: LongText = F("Uitleg in gewone taal.", "Het geld komt uit de brede SPUK.")
    purposes: list[Text] = F("Waarvoor het geld mag worden gebruikt.", ["Lokale coalities vormen en versterken"],
                             default_factory=list)  # fmt: skip
    amounts: list[Amount] = F("Bedragen per jaar; alleen bedragen die in een bron staan.", [], default_factory=list)
    basis: Basis = "bron"
    sources: list[SourceRef] = Sources()
    checked: Checked


class Partner(Record):
    """A partner or role in the ketenaanpak."""

    model_config = describe("Een partner of rol in de ketenaanpak.")
    id: Slug = Id("jgz")
    name: Line = F("Naam van de partner of rol.", "Jeugdgezondheidszorg (JGZ)")
    domain: Literal[*DOMAINS] = F("Domein van de partner.", "medisch")
    role: LongText = F("Wat deze partner doet in de ketenaanpak.", "Doet het prenataal huisbezoek.")
    basis: Basis
    sources: list[SourceRef] = Sources()


class Agreement(Record):
    """An agreement on Kansrijke Start in the IZA or GALA."""

    model_config = describe("Een afspraak over Kansrijke Start in het IZA of het GALA.")
    id: Slug = Id("gala-ketenaanpak-2024")
    accord: Literal["IZA", "GALA", "IZA en GALA"] = F("In welk akkoord de afspraak staat.", "GALA")
    party: Literal["gemeenten", "zorgverzekeraars", "VWS", "alle partijen"] = F("Wie de afspraak uitvoert.", "VWS")
    text: Text = F("De afspraak in gewone taal.", "In elke gemeente is in 2024 een lokale ketenaanpak.")
    status: Text | None = F(
        "Hoe staat deze afspraak er nu voor, volgens een openbare bron? Zeg het eerlijk als u niets vond.",
        "In februari 2023 hadden 267 van de 344 gemeenten een aanpak.", default=None,
    )  # fmt: skip
    sources: list[SourceRef] = Sources()
    checked: Checked


class Tranche(Record):
    """The municipalities that joined Kansrijke Start (got its impulse) in one tranche.

    A tranche says *when* a municipality joined, not whether it has a coalition now."""

    model_config = describe(
        "Een tranche: de gemeenten die in dezelfde ronde instroomden of de impuls kregen. "
        "Een tranche zegt wanneer een gemeente begon, niet of zij nu een coalitie heeft."
    )
    number: int = F("Nummer van de tranche: 1, 2, 3, ...", 1, ge=1, le=999, strict=True)
    municipalities: int = F("Aantal gemeenten in deze tranche.", 96, ge=0, le=400, strict=True)
    explanation: Text | None = F("Toelichting. Mag leeg blijven.", "GIDS-gemeenten (impuls 2019).", default=None)
    basis: Basis = "bron"


class MunicipalitiesPerTranche(Record):
    """Every municipality at a reference date, assigned to the tranche in which it joined."""

    model_config = describe(
        "Alle gemeenten op een peildatum, ingedeeld naar de tranche waarin zij instroomden. "
        "Dit is geen telling van gemeenten met een coalitie."
    )
    reference_date: Annotated[date, BeforeValidator(_iso_date)] = F(
        "Peildatum van de indeling (JJJJ-MM-DD).", "2023-01-01", strict=True
    )
    tranches: list[Tranche] = F("De tranches, met nummers 1 tot en met het aantal.", [], min_length=1)
    sources: list[SourceRef] = Sources()
    checked: Checked


class Intervention(Record):
    """An intervention for the first 1000 days and its recognition."""

    model_config = describe("Een interventie voor de eerste 1000 dagen.")
    id: Slug = Id("voorzorg")
    name: Line = F("Naam van de interventie.", "VoorZorg")
    summary: Text = F("Eén zin: wat houdt de interventie in?", "Huisbezoeken door de JGZ tot het kind 2 jaar is.")
    recognition: Text = F("Erkenning, zoals in de bron.", "Goed onderbouwd")
    uncertain: bool = F("true als de bron voor de erkenning zwak is.", False, default=False, strict=True)
    sources: list[SourceRef] = Sources()


class FaqItem(Record):
    """A frequently asked question with its answer."""

    model_config = describe("Een veelgestelde vraag met het antwoord.")
    id: Slug = Id("spuk-aanvragen")
    question: Line = F("De vraag, zoals een gemeente hem stelt.", "Waar vraag ik de SPUK aan?")
    answer: list[Text] = F("Het antwoord: één alinea per regel.", ["U vraagt de SPUK aan bij DUS-I."], min_length=1)
    steps: list[StepRef] = F("Ids van stappen om verder te lezen.", ["lokale-coalitie-vormen"], default_factory=list)
    actions: list[ActionRef] = F("Ids van acties om verder te lezen.", ["lokale-coalities"], default_factory=list)
    sources: list[SourceRef] = Sources()


class Contact(Record):
    """Where to get help: an organisation's functional mailbox or website."""

    model_config = describe("Een contactpunt voor ondersteuning: altijd een organisatie, nooit een persoon.")
    id: Slug = Id("pharos-stimuleringsprogramma")
    organisation: Line = F("Naam van de organisatie.", "Pharos")
    name: Line = F("Naam van het team of programma.", "Stimuleringsprogramma lokale coalities")
    helps_with: Text = F("Waarmee dit contactpunt helpt.", "Vragen over de aanpak in uw lokale coalitie.")
    email: Annotated[str, StringConstraints(pattern="^" + _EMAIL.pattern + "$"), BeforeValidator(_email)] | None = F(
        "Functionele mailbox van de organisatie, nooit een persoonlijk adres.", "kansrijkestart@pharos.nl", default=None
    )
    url: HttpUrl | None = F("Webadres van het contactpunt.", "https://www.pharos.nl/", default=None)
    sources: list[SourceRef] = Sources()
    checked: Checked


class Responsibility(Record):
    """What one party must, agreed to, or is advised to do: a legal duty, an agreement or advice."""

    model_config = describe(
        "Een taak van een partij in de ketenaanpak, met hoe bindend die is: wettelijke plicht, afspraak of advies.",
        {"id": "phb-aanbieden", "party": "gemeente", "kind": "wet", "level": "lokaal",
         "text": "De gemeente biedt een prenataal huisbezoek door de JGZ aan.",
         "grounds": "Wet publieke gezondheid", "sources": ["ks-phb"],
         "checked": "2026-11-29"},
    )  # fmt: skip
    id: Slug = Id("phb-aanbieden")
    party: Literal[*PARTIES] = F("De partij die dit doet.", "gemeente")
    kind: Literal[*KINDS] = F(
        "'wet' als een wet het verplicht; 'afspraak' als het in een akkoord (IZA, GALA) staat; "
        "'advies' als een organisatie het aanraadt.",
        "wet",
    )
    level: Literal["lokaal", "regionaal", "landelijk"] = F("Waar dit geregeld wordt.", "lokaal")
    text: Text = F("Wat de partij doet, in gewone taal.", "De gemeente biedt een prenataal huisbezoek aan.")
    grounds: Text = F(
        "Waar het staat: de wet, het akkoord of de organisatie die het adviseert.", "Wet publieke gezondheid"
    )
    basis: Basis = "bron"
    sources: list[SourceRef] = Sources()
    checked: Checked


class GlossaryTerm(Record):
    """An abbreviation or term; it gets a tooltip wherever it appears."""

    model_config = describe("Een afkorting of begrip. De site toont de uitleg overal waar de afkorting staat.")
    id: Slug = Id("jgz")
    abbr: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20), AfterValidator(_plain_text),
        AfterValidator(_abbreviation),
    ] = F("De afkorting zoals in de tekst.", "JGZ")  # fmt: skip
    term: Line = F("Voluit geschreven.", "Jeugdgezondheidszorg")
    explanation: Text = F("Eén zin uitleg in gewone taal.", "Zorg voor de gezondheid van kinderen van 0 tot 18 jaar.")


def _as_text(value: object) -> object:
    """YAML reads `2018` as a number; a milestone keeps it as text."""
    return str(value) if type(value) is int else value


class Milestone(Record):
    """A moment on the timeline of Kansrijke Start."""

    model_config = describe("Een moment op de tijdlijn van Kansrijke Start.")
    id: Slug = Id("vervolgaanpak-kamer")
    date: Annotated[
        str,
        BeforeValidator(_as_text),
        StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"),
        AfterValidator(_calendar_date),
    ] = F("Jaar, maand of dag: '2018', '2022-06' of '2024-01-01'.", "2022-06")
    title: Line = F("Wat er toen gebeurde.", "De vervolgaanpak gaat naar de Tweede Kamer.")
    deadline: bool = F(
        "true als dit een uiterste datum is (een deadline). De site zegt dan of die datum al voorbij is.",
        False, default=False, strict=True,
    )  # fmt: skip
    scope: Literal["landelijk", "regionaal", "lokaal"] = F(
        "Voor wie dit moment geldt: landelijk (alle regio's of gemeenten), één regio of één gemeente.", "landelijk",
        default="landelijk",
    )  # fmt: skip
    sources: list[SourceRef] = Sources()
    checked: Checked


class TocEntry(Record):
    """A section of the handreiking's table of contents and where the site covers it.

    A section that is a step or a funding source takes its number and title from that
    record; any other section names a page in docs/ (and optionally a heading on it).
    """

    model_config = describe(
        "Een deel van de inhoudsopgave van de handreiking. Noem 'page' (met nummer en titel), 'step' of 'funding'.",
        {"number": "1.2", "title": "Belang eerste 1000 dagen", "page": "kansrijke-start/eerste-1000-dagen.md"},
    )
    number: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$")] | None = F(
        "Nummer in de handreiking. Leeg bij een stap, geldbron of bijlage.", "1.2", default=None
    )
    title: Line | None = F("Titel zoals in de handreiking. Leeg bij een stap of geldbron.", "Belang eerste 1000 dagen",
                           default=None)  # fmt: skip
    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)*\.md$", max_length=200)] | None = F(
        "Pagina in docs/ die dit deel behandelt.", "kansrijke-start/eerste-1000-dagen.md", default=None
    )
    anchor: Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)] | None = F(
        "Id van de kop op die pagina.", "lokaal", default=None
    )  # a heading's id, so not a record id: 'bronnen' is fine here
    step: StepRef | None = F("Id van de stap die dit deel is.", "lokale-coalitie-vormen", default=None)
    funding: FundingRef | None = F("Id van de geldbron die dit deel is.", "spuk-kansrijke-start", default=None)

    @model_validator(mode="after")
    def one_place(self) -> TocEntry:
        """A section lives in exactly one place; only pages carry their own number and title."""
        places = [name for name in ("page", "step", "funding") if getattr(self, name)]
        if len(places) != 1:
            raise ValueError("noem precies één van 'page', 'step' of 'funding'")
        if self.page and not self.title:
            raise ValueError("een deel met 'page' heeft een 'title'")
        if not self.page and (self.title or self.number or self.anchor):
            raise ValueError("een stap of geldbron neemt nummer en titel uit haar eigen gegevens; laat ze hier weg")
        return self


class SynonymGroup(Record):
    """Words that should find each other in search."""

    model_config = describe("Woorden die elkaar vinden in de zoekfunctie: wie het ene zoekt, vindt ook het andere.")
    terms: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)]] = F(
        "Twee of meer woorden met (bijna) dezelfde betekenis.", ["geld", "financiering", "subsidie"], min_length=2
    )


class SearchTerms(Record):
    """Editor-maintained help for search: synonym groups, compound parts and question words."""

    model_config = describe("Hulp voor de zoekfunctie: synoniemen, delen van samengestelde woorden en vraagwoorden.")
    synonyms: list[SynonymGroup] = F("Groepen woorden die elkaar vinden.", [], default_factory=list)
    compound_parts: list[Annotated[str, StringConstraints(pattern=r"^[a-zë]{3,20}$")]] = F(
        "Woorddelen. Een samengesteld woord (zoals kraamzorg) is dan ook te vinden op zijn delen (zorg).",
        ["zorg", "bezoek"], default_factory=list,
    )  # fmt: skip
    question_words: list[Annotated[str, StringConstraints(pattern=r"^[a-zë]{2,20}$")]] = F(
        "Vraagwoorden die niet meetellen als iemand een vraag intypt, naast de gewone Nederlandse"
        " stopwoorden (de, het, een, wat, hoe, ik, ...). Zo zoekt 'waar vind ik cijfers' op 'cijfers'.",
        ["waar", "welke"], default_factory=list,
    )  # fmt: skip


# One model per data file. The key of the file's top-level mapping names the collection.
class SourcesFile(Record):
    """data/sources.yaml"""

    model_config = describe("Het bestand data/sources.yaml. Begin met de regel 'sources:'.")
    sources: list[Source] = Field(description="Alle bronnen van de site.")


class FocusAreasFile(Record):
    """data/focus_areas.yaml"""

    model_config = describe("Het bestand data/focus_areas.yaml. Begin met de regel 'focus_areas:'.")
    focus_areas: list[FocusArea] = Field(description="De twee focusgebieden waarin de 14 acties zijn ingedeeld.")


class ActionsFile(Record):
    """data/actions.yaml"""

    model_config = describe("Het bestand data/actions.yaml. Begin met de regel 'actions:'.")
    actions: list[Action] = Field(description="De acties van het actieprogramma, genummerd vanaf 1.")


class BorgingFile(Record):
    """data/borging.yaml"""

    model_config = describe("Het bestand data/borging.yaml. Begin met de regel 'borging_items:'.")
    borging_items: list[BorgingItem] = Field(description="De sporen van de werkwijze duurzame borging.")


class LevelsFile(Record):
    """data/levels.yaml"""

    model_config = describe("Het bestand data/levels.yaml. Begin met de regel 'levels:'.")
    levels: list[Level] = Field(description="De niveaus van de route, in de volgorde van de routekaart.", min_length=1)


class StepsFile(Record):
    """data/steps.yaml"""

    model_config = describe("Het bestand data/steps.yaml. Begin met de regel 'steps:'.")
    steps: list[Step] = Field(description="De stappen van de route, per niveau genummerd.")


class FundingFile(Record):
    """data/funding.yaml"""

    model_config = describe("Het bestand data/funding.yaml. Begin met de regel 'funding_sources:'.")
    funding_sources: list[FundingSource] = Field(description="De geldbronnen voor de ketenaanpak.")


class PartnersFile(Record):
    """data/partners.yaml"""

    model_config = describe("Het bestand data/partners.yaml. Begin met de regel 'partners:'.")
    partners: list[Partner] = Field(description="De partners en hun rol.")


class AgreementsFile(Record):
    """data/agreements.yaml"""

    model_config = describe("Het bestand data/agreements.yaml. Begin met de regel 'agreements:'.")
    agreements: list[Agreement] = Field(description="De afspraken over Kansrijke Start in het IZA en het GALA.")


class CoalitionsFile(Record):
    """data/coalitions.yaml"""

    model_config = describe("Het bestand data/coalitions.yaml. Begin met de regel 'municipalities_per_tranche:'.")
    municipalities_per_tranche: MunicipalitiesPerTranche = Field(
        description="Alle gemeenten per tranche: wanneer zij instroomden (geen telling van coalities)."
    )


class InterventionsFile(Record):
    """data/interventions.yaml"""

    model_config = describe("Het bestand data/interventions.yaml. Begin met de regel 'interventions:'.")
    interventions: list[Intervention] = Field(description="Interventies voor de eerste 1000 dagen.")


class FaqFile(Record):
    """data/faq.yaml"""

    model_config = describe("Het bestand data/faq.yaml. Begin met de regel 'faq:'.")
    faq: list[FaqItem] = Field(description="Veelgestelde vragen met antwoorden.")


class ContactsFile(Record):
    """data/contacts.yaml"""

    model_config = describe("Het bestand data/contacts.yaml. Begin met de regel 'contacts:'.")
    contacts: list[Contact] = Field(description="Contactpunten voor ondersteuning.")


class ResponsibilitiesFile(Record):
    """data/responsibilities.yaml"""

    model_config = describe("Het bestand data/responsibilities.yaml. Begin met de regel 'responsibilities:'.")
    responsibilities: list[Responsibility] = Field(
        description="Wat elke partij moet (wet), heeft afgesproken (IZA, GALA) of wordt aangeraden (advies)."
    )


class GlossaryFile(Record):
    """data/glossary.yaml"""

    model_config = describe("Het bestand data/glossary.yaml. Begin met de regel 'glossary:'.")
    glossary: list[GlossaryTerm] = Field(description="Afkortingen en begrippen.")


class MilestonesFile(Record):
    """data/milestones.yaml"""

    model_config = describe("Het bestand data/milestones.yaml. Begin met de regel 'milestones:'.")
    milestones: list[Milestone] = Field(description="De tijdlijn van Kansrijke Start.")


class TocFile(Record):
    """data/toc.yaml"""

    model_config = describe("Het bestand data/toc.yaml. Begin met de regel 'toc:'.")
    toc: list[TocEntry] = Field(
        description="De inhoudsopgave van de handreiking en waar elk deel op de site staat.", min_length=1
    )


class SearchFile(Record):
    """data/search.yaml"""

    model_config = describe("Het bestand data/search.yaml. Begin met de regel 'search:'.")
    search: SearchTerms = Field(description="Synoniemen en woorddelen voor de zoekfunctie.")


@dataclass(frozen=True)
class Collection:
    """One data file and everything said about it elsewhere: the one list of collections, from which
    the file list, the Site's fields, record names in messages and change-log labels are derived."""

    file: str  #: data/<file>.yaml
    model: type[Record]  #: the file's model; its one field is the file's top-level key
    record: str | None  #: Dutch name of one record, in messages ('onbekende stap'); None if never referred to
    label: str  #: what a change to the file means to a reader, in the change log
    required: bool = False  #: every guidance has this file; without an optional one its collection is empty

    @property
    def key(self) -> str:
        """The file's top-level key, also the name of the Site's field."""
        return next(iter(self.model.model_fields))

    @property
    def many(self) -> bool:
        """The file holds a list of records (most do), not one record."""
        return get_origin(self.model.model_fields[self.key].annotation) is list


#: Every data file, in the order the site presents them.
COLLECTIONS: tuple[Collection, ...] = (
    Collection("sources", SourcesFile, "bron", "Bronnen", required=True),
    Collection("focus_areas", FocusAreasFile, "focusgebied", "Focusgebieden"),
    Collection("actions", ActionsFile, "actie", "Acties"),
    Collection("borging", BorgingFile, "borgingspunt", "Werkwijze duurzame borging"),
    Collection("levels", LevelsFile, None, "Niveaus van de route", required=True),
    Collection("steps", StepsFile, "stap", "Stappen en checklists", required=True),
    Collection("funding", FundingFile, "financieringsbron", "Financiering"),
    Collection("partners", PartnersFile, "partner", "Partners en rollen"),
    Collection("agreements", AgreementsFile, "afspraak", "Afspraken in IZA en GALA"),
    Collection("coalitions", CoalitionsFile, None, "Gemeenten per tranche"),
    Collection("interventions", InterventionsFile, "interventie", "Interventies"),
    Collection("faq", FaqFile, "vraag", "Veelgestelde vragen"),
    Collection("contacts", ContactsFile, "contactpunt", "Ondersteuning"),
    Collection("responsibilities", ResponsibilitiesFile, "taak", "Taken: wet, afspraak of advies"),
    Collection("glossary", GlossaryFile, "begrip", "Begrippen"),
    Collection("milestones", MilestonesFile, "mijlpaal", "Tijdlijn"),
    Collection("toc", TocFile, None, "Inhoud van de handreiking"),
    Collection("search", SearchFile, None, "Zoekfunctie"),
)

#: data file name (without `.yaml`) -> its model, in the order the site presents them.
FILES = MappingProxyType({c.file: c.model for c in COLLECTIONS})
