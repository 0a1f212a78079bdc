"""The validated data of the whole site as one read-only object.

Relations are stored once in the YAML (a step names its actions); the reverse direction
(an action's steps) is derived here so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_args

from . import models as m


def _site_type(collection: m.Collection) -> Any:
    """The Site's type for a collection: a file's list of records becomes a tuple."""
    annotation = collection.model.model_fields[collection.key].annotation
    return tuple[get_args(annotation)[0], ...] if collection.many else annotation


def _collection_fields(cls: type) -> type:
    """A field per collection of `models.COLLECTIONS`, before the class's own fields."""
    cls.__annotations__ = {**{c.key: _site_type(c) for c in m.COLLECTIONS}, **cls.__annotations__}
    return cls


@dataclass(frozen=True)
@_collection_fields
class Site:
    """All validated data of the site, with lookups and derived relations.

    It has one field per collection of `models.COLLECTIONS`, named after the file's top-level
    key (`steps`, `funding_sources`, `municipalities_per_tranche`, ...): a tuple of records, or one record."""

    #: The data files this guidance has (without `.yaml`); an optional one it lacks has an empty collection.
    data_files: tuple[str, ...] = ()
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_models(cls, models: dict[str, m.Record]) -> Site:
        values: dict[str, Any] = {c.key: _empty(c) for c in m.COLLECTIONS if c.file not in models}
        values["data_files"] = tuple(c.file for c in m.COLLECTIONS if c.file in models)
        for c in m.COLLECTIONS:
            if c.file in models:
                value = getattr(models[c.file], c.key)
                values[c.key] = tuple(value) if c.many else value
        values["actions"] = tuple(sorted(values["actions"], key=lambda a: a.number))
        values["steps"] = tuple(sorted(values["steps"], key=lambda s: tuple(map(int, s.number.split(".")))))
        values["borging_items"] = tuple(sorted(values["borging_items"], key=lambda b: b.number))
        site = cls(**values)
        for key, records in values.items():
            if isinstance(records, tuple) and records and hasattr(records[0], "id"):
                site._index[key] = {r.id: r for r in records}
        return site

    def records(self, collection: m.Collection) -> tuple[Any, ...]:
        """A collection's records: its list, or its one record; () when this guidance lacks the file."""
        if collection.file not in self.data_files:
            return ()
        value = getattr(self, collection.key)
        return value if collection.many else (value,)

    def get(self, collection: str, record_id: str) -> Any:
        """The record with this id; KeyError names the collection when it is missing."""
        try:
            return self._index[collection][record_id]
        except KeyError:
            raise KeyError(f"no {collection} record with id '{record_id}'") from None

    def step(self, step_id: str) -> m.Step:
        """The step with this id."""
        return self.get("steps", step_id)

    def action(self, action_id: str) -> m.Action:
        """The action with this id."""
        return self.get("actions", action_id)

    def level(self, level_id: str) -> m.Level:
        """The level (lane of the route) with this id."""
        return self.get("levels", level_id)

    def steps_at(self, level: str) -> tuple[m.Step, ...]:
        """The steps of one level, in number order."""
        return tuple(s for s in self.steps if s.level == level)

    def actions_in(self, focus_area_id: str) -> tuple[m.Action, ...]:
        """The actions of one focus area, in number order."""
        return tuple(a for a in self.actions if a.focus_area == focus_area_id)

    def steps_for_action(self, action_id: str) -> tuple[m.Step, ...]:
        """Steps that name this action (the reverse of Step.actions)."""
        return tuple(s for s in self.steps if action_id in s.actions)

    def actions_of(self, step: m.Step) -> tuple[m.Action, ...]:
        """The step's actions in programme order, whatever order the YAML lists them in."""
        return tuple(sorted((self.action(a) for a in step.actions), key=lambda a: a.number))

    def funding_of(self, step: m.Step) -> tuple[m.FundingSource, ...]:
        """The step's funding sources, in the order the YAML lists them."""
        return tuple(self.get("funding_sources", f) for f in step.funding)

    def steps_for_funding(self, funding_id: str) -> tuple[m.Step, ...]:
        """Steps that name this funding source."""
        return tuple(s for s in self.steps if funding_id in s.funding)

    def actions_for_funding(self, funding_id: str) -> tuple[m.Action, ...]:
        """Actions that name this funding source."""
        return tuple(a for a in self.actions if funding_id in a.funding)

    def steps_with_partner(self, partner_id: str) -> tuple[m.Step, ...]:
        """Steps in which this partner takes part."""
        return tuple(s for s in self.steps if partner_id in s.partners)

    def funding_by(self, funder: str) -> tuple[m.FundingSource, ...]:
        """Funding sources of one funder: gemeenten, zorgverzekeraars or rijk."""
        return tuple(f for f in self.funding_sources if f.funder == funder)

    def responsibilities_of(self, party: str) -> tuple[m.Responsibility, ...]:
        """What one party must, agreed to or is advised to do: duties first, then agreements, then advice."""
        order = list(m.KINDS)
        mine = [r for r in self.responsibilities if r.party == party]
        return tuple(sorted(mine, key=lambda r: order.index(r.kind)))

    def sources_of(self, *records: Any) -> tuple[m.Source, ...]:
        """The sources the records cite, each once, in order of first mention."""
        seen: dict[str, m.Source] = {}
        for record in records:
            for source_id in _cited(record):
                seen.setdefault(source_id, self.get("sources", source_id))
        return tuple(seen.values())


def _empty(collection: m.Collection) -> Any:
    """The value of a collection whose optional file is absent: no records, or a record of defaults."""
    if collection.many:
        return ()
    try:
        return collection.model.model_fields[collection.key].annotation()
    except ValueError:  # a record with required fields: there is none
        return None


def _cited(record: Any) -> list[str]:
    """Source ids cited by a record and by the records nested in it (checklist items)."""
    ids = list(getattr(record, "sources", ()))
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, m.Record):
                    ids += _cited(item)
        elif isinstance(value, m.Record):
            ids += _cited(value)
    return ids
