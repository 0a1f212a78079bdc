"""Typed models of the data in `data/`, one file model per YAML file.

The models are the single definition of the data: the loader validates against them
and the JSON Schemas in `data/schema/` are generated from them. Field descriptions are
in Dutch because editors read them in their editor's tooltips.

A reference to another record is a slug annotated with `Ref(collection)`; the loader
finds every such field generically and checks that the id exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Ref:
    """Marks a field as holding the id of a record in another collection."""

    collection: str


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Vaste id: kleine letters, cijfers en streepjes, bijv. 'lokale-coalitie'."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8000)]
Year = Annotated[int, Field(ge=2010, le=2040, description="Jaartal, bijv. 2024.")]

ActionLineRef = Annotated[Slug, Ref("action_lines")]
ActionRef = Annotated[Slug, Ref("actions")]
StepRef = Annotated[Slug, Ref("steps")]
FundingRef = Annotated[Slug, Ref("funding_sources")]
PartnerRef = Annotated[Slug, Ref("partners")]
SourceRef = Annotated[Slug, Ref("sources")]

Basis = Annotated[
    Literal["bron", "afgeleid"],
    Field(
        description=("'bron' als een bron dit zegt; 'afgeleid' als het een eigen afleiding is (de site toont dat dan).")
    ),
]


class Record(BaseModel):
    """Base of every record: unknown keys are errors, records are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def Sources(required: bool = True):  # noqa: N802 - reads like a type in the models
    """The `sources` field: ids from data/sources.yaml; most records must cite one."""
    description = "Ids uit data/sources.yaml waar deze informatie vandaan komt."
    if required:
        return Field(min_length=1, description=description)
    return Field(default_factory=list, description=description)


class Source(Record):
    id: Slug
    title: Text = Field(description="Naam van de bron, zoals een lezer hem herkent.")
    publisher: Text | None = Field(None, description="Organisatie die de bron uitgaf.")
    url: HttpUrl | None = Field(None, description="Webadres; leeg als de bron niet online staat.")
    published: Text | None = Field(None, description="Datum of maand van verschijnen, bijv. '2023-12'.")


class ActionLine(Record):
    id: Slug
    letter: Literal["A", "B"] = Field(description="Letter van de actielijn in de presentatie.")
    title: Text
    sub_points: list[Text] = Field(min_length=1, description="Aandachtspunten onder deze actielijn.")
    sources: list[SourceRef] = Sources()


class Action(Record):
    id: Slug
    number: int = Field(ge=1, le=99, description="Nummer van de actie zoals in het actieprogramma (1, 2, ...).")
    title: Text
    action_line: ActionLineRef = Field(description="Id van de actielijn waar deze actie onder valt.")
    description: LongText
    basis: Basis = "bron"
    funding: list[FundingRef] = Field(default_factory=list, description="Geldbronnen voor deze actie.")
    sources: list[SourceRef] = Sources()


class BorgingItem(Record):
    id: Slug
    number: int = Field(ge=1, le=20)
    title: Text
    description: LongText
    sources: list[SourceRef] = Sources()


class ChecklistItem(Record):
    id: Slug = Field(description="Vaste id; verander hem niet, want opgeslagen voortgang hangt eraan.")
    text: Text
    basis: Basis
    sources: list[SourceRef] = Sources(required=False)


class Step(Record):
    id: Slug
    number: Annotated[str, StringConstraints(pattern=r"^2\.[12]\.[1-9]$")] = Field(
        description="Hoofdstuknummer in de handreiking: 2.1.x voor lokaal, 2.2.x voor regionaal."
    )
    level: Literal["lokaal", "regionaal"]
    title: Text
    summary: Text = Field(description="Eén of twee zinnen: waar gaat deze stap over?")
    description: LongText
    checklist: list[ChecklistItem] = Field(min_length=1)
    actions: list[ActionRef] = Field(
        default_factory=list,
        description="Acties die bij deze stap horen. De actiepagina toont de stap dan vanzelf.",
    )
    funding: list[FundingRef] = Field(default_factory=list)
    partners: list[PartnerRef] = Field(default_factory=list)
    sources: list[SourceRef] = Sources()


class Amount(Record):
    year: Year
    eur: int = Field(gt=0, le=10_000_000_000, description="Bedrag in hele euro's, bijv. 15000000.")
    per_year_from: bool = Field(False, description="true als het bedrag elk jaar terugkomt vanaf dit jaar.")
    note: Text | None = None


class FundingSource(Record):
    id: Slug
    chapter: Annotated[str, StringConstraints(pattern=r"^3\.[12]\.[1-9]$")] | None = Field(
        None, description="Paragraaf in hoofdstuk 3 van de handreiking, bijv. '3.2.1'."
    )
    funder: Literal["gemeenten", "zorgverzekeraars", "rijk"] = Field(description="Wie het geld geeft of regelt.")
    title: Text
    summary: Text
    description: LongText
    purposes: list[Text] = Field(default_factory=list, description="Waarvoor het geld mag worden gebruikt.")
    amounts: list[Amount] = Field(default_factory=list, description="Alleen bedragen die in een bron staan.")
    basis: Basis = "bron"
    sources: list[SourceRef] = Sources()


class Partner(Record):
    id: Slug
    name: Text
    domain: Literal["medisch", "sociaal", "informeel", "bestuur", "kennis"]
    role: LongText
    basis: Basis
    sources: list[SourceRef] = Sources()


class Agreement(Record):
    id: Slug
    accord: Literal["IZA", "GALA", "IZA en GALA"]
    party: Literal["gemeenten", "zorgverzekeraars", "VWS", "alle partijen"]
    text: Text
    sources: list[SourceRef] = Sources()


class Tranche(Record):
    number: int = Field(ge=1, le=20)
    coalitions: int = Field(ge=0, le=400, description="Aantal gemeenten met een lokale coalitie.")
    explanation: Text | None = None
    basis: Basis = "bron"


class CoalitionCount(Record):
    reference_date: date = Field(description="Peildatum van de telling, bijv. 2023-01-01.")
    tranches: list[Tranche] = Field(min_length=1)
    sources: list[SourceRef] = Sources()


class Intervention(Record):
    id: Slug
    name: Text
    summary: Text
    recognition: Text = Field(description="Erkenning, zoals in de bron.")
    uncertain: bool = Field(False, description="true als de bron voor de erkenning zwak is.")
    sources: list[SourceRef] = Sources()


class FaqItem(Record):
    id: Slug
    question: Text
    answer: list[Text] = Field(min_length=1, description="Het antwoord, één alinea per regel.")
    steps: list[StepRef] = Field(default_factory=list)
    actions: list[ActionRef] = Field(default_factory=list)
    sources: list[SourceRef] = Sources()


class Contact(Record):
    id: Slug
    organisation: Text
    name: Text
    helps_with: Text
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")] | None = Field(
        None, description="Functionele mailbox van de organisatie, nooit een persoonlijk adres."
    )
    url: HttpUrl | None = None
    sources: list[SourceRef] = Sources()


class GlossaryTerm(Record):
    id: Slug
    abbr: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    term: Text
    explanation: Text


def _as_text(value: object) -> object:
    """YAML reads `2018` as a number and `2024-01-01` as a date; a milestone keeps them as text."""
    return str(value) if isinstance(value, (int, date)) and not isinstance(value, bool) else value


class Milestone(Record):
    id: Slug
    date: Annotated[str, BeforeValidator(_as_text), StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = Field(
        description="Jaar, maand of dag: '2018', '2022-06' of '2024-01-01'."
    )
    title: Text
    sources: list[SourceRef] = Sources()


class TocEntry(Record):
    """A section of the handreiking's table of contents and where the site covers it.

    A section that is a step or a funding source takes its number and title from that
    record; any other section names a page in docs/ (and optionally a heading on it).
    """

    number: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")] | None = Field(
        None, description="Nummer in de handreiking, bijv. '1.2'. Leeg bij een stap, geldbron of bijlage."
    )
    title: Text | None = Field(None, description="Titel zoals in de handreiking. Leeg bij een stap of geldbron.")
    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9/-]+\.md$")] | None = Field(
        None, description="Pagina in docs/ die dit deel behandelt, bijv. 'kansrijke-start/handreiking.md'."
    )
    anchor: Slug | None = Field(None, description="Id van de kop op die pagina, bijv. 'lokaal'.")
    step: StepRef | None = Field(None, description="Id van de stap die dit deel is.")
    funding: FundingRef | None = Field(None, description="Id van de geldbron die dit deel is.")

    @model_validator(mode="after")
    def one_place(self) -> TocEntry:
        places = [name for name in ("page", "step", "funding") if getattr(self, name)]
        if len(places) != 1:
            raise ValueError("noem precies één van 'page', 'step' of 'funding'")
        if self.page and not self.title:
            raise ValueError("een deel met 'page' heeft een 'title'")
        if not self.page and (self.title or self.number or self.anchor):
            raise ValueError("een stap of geldbron neemt nummer en titel uit haar eigen gegevens; laat ze hier weg")
        return self


# One model per data file. The key of the file's top-level mapping names the collection.
class SourcesFile(Record):
    sources: list[Source]


class ActionLinesFile(Record):
    action_lines: list[ActionLine]


class ActionsFile(Record):
    actions: list[Action]


class BorgingFile(Record):
    borging_items: list[BorgingItem]


class StepsFile(Record):
    steps: list[Step]


class FundingFile(Record):
    funding_sources: list[FundingSource]


class PartnersFile(Record):
    partners: list[Partner]


class AgreementsFile(Record):
    agreements: list[Agreement]


class CoalitionsFile(Record):
    coalition_count: CoalitionCount


class InterventionsFile(Record):
    interventions: list[Intervention]


class FaqFile(Record):
    faq: list[FaqItem]


class ContactsFile(Record):
    contacts: list[Contact]


class GlossaryFile(Record):
    glossary: list[GlossaryTerm]


class MilestonesFile(Record):
    milestones: list[Milestone]


class TocFile(Record):
    toc: list[TocEntry] = Field(min_length=1)


#: data file name (without `.yaml`) -> its model, in the order the site presents them.
FILES: dict[str, type[Record]] = {
    "sources": SourcesFile,
    "action_lines": ActionLinesFile,
    "actions": ActionsFile,
    "borging": BorgingFile,
    "steps": StepsFile,
    "funding": FundingFile,
    "partners": PartnersFile,
    "agreements": AgreementsFile,
    "coalitions": CoalitionsFile,
    "interventions": InterventionsFile,
    "faq": FaqFile,
    "contacts": ContactsFile,
    "glossary": GlossaryFile,
    "milestones": MilestonesFile,
    "toc": TocFile,
}
