"""Read `data/*.yaml` once, validate it, and return one read-only `Site`.

Every problem is collected as a `DataError` that knows its file, line, column and path
(`data/actions.yaml:42:7 actions[6].funding[1]: ...`), so an editor can fix all of them
from one run. Line numbers come from PyYAML's node tree: a pydantic error's `loc` is
walked down that tree to the node it is about.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import typing
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .models import COLLECTIONS, LEVEL_PREFIX, SLUG_PATTERN, STEP_NUMBER, Record, Ref, abbreviation_key
from .site import Site

Loc = tuple[str | int, ...]
#: libyaml's parser when PyYAML has it (about ten times faster); it keeps line marks too.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Dutch name of one record of each collection, for messages.
RECORD_NAMES = MappingProxyType({c.key: c.record for c in COLLECTIONS if c.record})

PATTERN_HELP = MappingProxyType({
    SLUG_PATTERN: "kleine letters, cijfers en enkele streepjes, bijv. 'lokale-coalitie'",
    STEP_NUMBER: "het begin van het niveau en een volgnummer, bijv. '2.1.1' (zie levels.yaml)",
    LEVEL_PREFIX: "cijfers met een punt erna, bijv. '2.1.'",
    r"^3\.[12]\.[1-9]$": "een paragraaf van hoofdstuk 3, bijv. '3.2.1'",
    r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "'2018', '2022-06' of '2024-01-01'",
    r"^[a-z0-9-]+(/[a-z0-9-]+)*\.md$": "een pagina in docs/, bijv. 'kansrijke-start/index.md'",
    r"^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$": "een nummer als '1', '1.2' of '1.2.3'",
})  # fmt: skip


@dataclass(frozen=True)
class DataError:
    """One problem in one place of one data file."""

    file: str
    line: int
    column: int
    path: str
    message: str
    allowed: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        if self.path:
            where += f" {self.path}"
        text = f"{where}: {self.message}"
        return f"{text} ({self.allowed})" if self.allowed else text


class DataErrors(Exception):
    """All problems found in `data/`; raised once, after everything was checked."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(errors, key=lambda e: (e.file, e.line, e.column, e.message))
        super().__init__(self.report())

    def report(self) -> str:
        """All errors as one Dutch message, one line per problem."""
        count = len(self.errors)
        head = f"{count} fout{'en' if count != 1 else ''} in de gegevens:"
        return "\n".join([head, *(f"  {e}" for e in self.errors)])


def format_path(loc: Loc) -> str:
    """('actions', 6, 'steps', 1) -> 'actions[6].steps[1]'; an odd key is quoted: ["my key"]."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        part = str(part) if len(str(part)) <= 40 else str(part)[:37] + "..."  # a pasted text as a key
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def did_you_mean(word: str, options: typing.Iterable[str]) -> str | None:
    """A Dutch 'did you mean' hint for a near-miss id or key, or None."""
    if len(word) > 100:  # no near miss, and comparing would only cost time
        return None
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"bedoelde u '{matches[0]}'?" if matches else None


def listing(options: typing.Iterable[str], limit: int = 12) -> str:
    """Allowed values for a message: sorted, and shortened when long."""
    items = sorted(options)
    shown = ", ".join(items[:limit])
    return shown + (", ..." if len(items) > limit else "")


class DataFile:
    """One parsed YAML file: its data and its node tree, for finding lines."""

    def __init__(self, rel: str, node: yaml.Node | None, data: Any, docs_dir: Path | None = None):
        self.rel, self.node, self.data, self.docs_dir = rel, node, data, docs_dir

    def mark(self, loc: Loc, on_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the deepest node `loc` reaches."""
        node = self.node
        if node is None:
            return 1, 1
        best = node.start_mark
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = next((kv for kv in node.value if kv[0].value == part), None)
                if pair is None:
                    break
                node = pair[1]
                best = pair[0].start_mark if (last and on_key) else node.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                best = node.start_mark
            else:
                break
        return best.line + 1, best.column + 1

    def error(self, loc: Loc, message: str, allowed: str | None = None, on_key: bool = False) -> DataError:
        """A DataError at the node `loc` points to."""
        line, column = self.mark(loc, on_key)
        return DataError(self.rel, line, column, format_path(loc), message, allowed)


def _check_keys(file: DataFile, node: yaml.Node, loc: Loc = ()) -> Iterator[DataError]:
    """Keys are words, each once: PyYAML keeps the last of two equal keys silently."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value
            if not isinstance(key, yaml.ScalarNode) or key.tag.rsplit(":", 1)[-1] not in ("str", "merge"):
                shown = _show(name) if isinstance(key, yaml.ScalarNode) else "een lijst of groep"
                line, column = key.start_mark.line + 1, key.start_mark.column + 1
                yield DataError(file.rel, line, column, format_path(loc), f"ongeldige veldnaam {shown}",
                                "een veldnaam is een woord, zoals 'title'")  # fmt: skip
                continue
            if name in seen:
                yield DataError(
                    file.rel,
                    key.start_mark.line + 1,
                    key.start_mark.column + 1,
                    format_path(loc),
                    f"veld '{name}' staat er twee keer",
                    f"eerste keer op regel {seen[name]}",
                )
            else:
                seen[name] = key.start_mark.line + 1
            yield from _check_keys(file, value, (*loc, name))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _check_keys(file, item, (*loc, i))


#: Limits that keep a broken or hostile file from hanging or crashing the check. The largest
#: real file is about 25 kB with a few thousand values, nested six deep.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_ALIASES = 100
MAX_VALUES = 20_000  # values in a file, counting what every '*' alias repeats
MAX_ERRORS = 50  # per file: thousands of copies of one mistake help no one and take seconds to list


class DataLoader(SafeLoader):
    """SafeLoader that reads plain values as YAML 1.2 does, with no surprises for editors.

    Only `true`/`false` are booleans (not yes/no/on/off), only plain decimals are numbers
    (`010` is not 8, `1_000` and `1:30` are not numbers) and dates stay text: the models
    check them and say what is wrong, where PyYAML would crash on `2023-02-30`.
    """


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag.rsplit(":", 1)[-1] in ("null", "str", "merge")]
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]{0,17})$"), list("-0123456789")
)


def read_file(path: Path, rel: str) -> tuple[DataFile | None, list[DataError]]:
    """Parse one YAML file safely; syntax problems become DataErrors, never tracebacks."""
    try:
        if not path.exists():
            return None, [DataError(rel, 1, 1, "", "bestand ontbreekt", "elke collectie heeft een eigen bestand")]
        if not path.is_file():
            return None, [DataError(rel, 1, 1, "", "dit is een map of iets anders dan een bestand",
                                    "elke collectie is één YAML-bestand")]  # fmt: skip
        if path.stat().st_size > MAX_FILE_BYTES:
            size = -(-path.stat().st_size // 1000)  # rounded up: never 'te groot (1000 kB), ten hoogste 1000 kB'
            return None, [DataError(rel, 1, 1, "", f"bestand is te groot ({size} kB)",
                                    f"ten hoogste {MAX_FILE_BYTES // 1000} kB")]  # fmt: skip
        raw = path.read_bytes()
    except OSError as exc:
        return None, [DataError(rel, 1, 1, "", f"bestand is niet te lezen (foutcode {exc.errno})",
                                "controleer of het een gewoon bestand is dat u mag lezen")]  # fmt: skip
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [DataError(rel, line, 1, "", "bestand is geen UTF-8", "sla het bestand op als UTF-8")]
    node, data, errors = parse(text, rel)
    if errors:
        return None, errors
    docs = path.parent.parent / "docs"
    file = DataFile(rel, node, data, docs if docs.is_dir() else None)
    if node is None:
        return None, [DataError(rel, 1, 1, "", "bestand is leeg", "zet er minstens de collectie in")]
    errors = list(_check_keys(file, node))
    return (None if errors else file), errors


def parse(text: str, rel: str) -> tuple[yaml.Node | None, Any, list[DataError]]:
    """YAML text -> (node tree, data, errors), within the limits above; never raises."""
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        return None, None, [DataError(rel, line, 1, "", "tab-teken gevonden", "gebruik spaties om in te springen")]
    try:
        problem = _over_limits(text, rel)
        if problem:
            return None, None, [problem]
        loader = DataLoader(text)
        try:
            node = loader.get_single_node()
            return node, (loader.construct_document(node) if node is not None else None), []
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        return None, None, [_control_character(rel, text, exc)]
    except yaml.MarkedYAMLError as exc:
        return None, None, [_syntax_error(rel, text, exc)]
    except yaml.YAMLError:  # pragma: no cover - PyYAML marks nearly everything
        return None, None, [DataError(rel, 1, 1, "", "YAML-fout: het bestand is niet te lezen")]


def _over_limits(text: str, rel: str) -> DataError | None:
    """One pass over the parser's events, before anything is built: explicit tags, nesting
    depth, aliases and the number of values they expand to ('billion laughs')."""
    loader = DataLoader(text)
    try:
        depth = aliases = values = 0
        sizes: dict[str, int] = {}  # anchor -> number of values it stands for
        open_: list[list] = []  # per open list or group: [values so far, its anchor]

        def error(event: yaml.Event, message: str, allowed: str) -> DataError:
            return DataError(rel, event.start_mark.line + 1, event.start_mark.column + 1, "", message, allowed)

        while loader.check_event():
            event = loader.get_event()
            tag = getattr(event, "tag", None)
            if tag is not None and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                return error(event, f"YAML-fout: label '{shown[:40]}' is niet toegestaan",
                             "schrijf de waarde zonder label; zet tekst zo nodig tussen aanhalingstekens")  # fmt: skip
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    return error(event, "te veel verwijzingen met *", f"ten hoogste {MAX_ALIASES}")
                size = sizes.get(event.anchor, 1)
            elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                size = 1
            elif isinstance(event, yaml.CollectionEndEvent):
                size, anchor = open_.pop()
                depth -= 1
                if anchor is not None:
                    sizes[anchor] = size
                if open_:
                    open_[-1][0] += size
                continue
            else:
                continue
            values += size
            if values > MAX_VALUES:
                via = " (ook via verwijzingen met *)" if aliases else ""
                return error(event, f"bestand bevat te veel waarden{via}",
                             f"ten hoogste {MAX_VALUES}")  # fmt: skip
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return error(event, "lijsten en groepen zijn te diep genest", f"ten hoogste {MAX_DEPTH} niveaus")
                open_.append([1, event.anchor])
            else:
                if isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
                    sizes[event.anchor] = 1
                if open_:
                    open_[-1][0] += size
        return None
    finally:
        loader.dispose()


def _control_character(rel: str, text: str, exc: yaml.reader.ReaderError) -> DataError:
    """A control character, such as NUL, that YAML does not allow: where it is, in Dutch."""
    line = text[: exc.position].count("\n") + 1
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return DataError(rel, line, 1, "", f"onleesbaar teken (code {code:#06x}) in het bestand", "alleen gewone tekst")


#: PyYAML's problems, as an editor would say them.
YAML_PROBLEMS = MappingProxyType({
    "found unexpected end of stream": "het bestand houdt onverwacht op; staat er een aanhalingsteken of haakje open?",
    "mapping values are not allowed": (
        "dubbele punt op een onverwachte plek; zet tekst met ': ' tussen aanhalingstekens"
    ),
    "could not find expected ':'": "er ontbreekt een dubbele punt na de veldnaam",
    "did not find expected key": "de inspringing klopt niet",
    "did not find expected '-' indicator": "de inspringing van de lijst klopt niet",
    "expected <block end>, but found": "de inspringing klopt niet",
    "did not find expected ',' or ']'": "een lijst tussen [ ] is niet goed afgesloten",
    "did not find expected ',' or '}'": "een groep tussen { } is niet goed afgesloten",
    "found undefined alias": "onbekende verwijzing met *",
    "found character that cannot start any token": (
        "dit teken mag hier niet staan; zet de tekst tussen aanhalingstekens"
    ),
    "found unknown escape character": "onbekende code na een \\; gebruik enkele aanhalingstekens of schrijf \\\\",
    "did not find expected node content": "hier ontbreekt een waarde",
    "block sequence entries are not allowed": "een '- ' staat op een onverwachte plek; controleer de inspringing",
    "did not find expected alphabetic or numeric character": "een naam na & of * mag alleen letters en cijfers hebben",
    "expected a mapping or list of mappings for merging": "'<<' voegt alleen groepen velden samen",
    "but found another document": "het bestand bevat meer dan één document (---); gebruik er één",
    "did not find expected <document start>": "onverwachte tekst na het einde van de gegevens",
    "second occurrence": "dezelfde naam na & staat er twee keer",
    "found unhashable key": "een veldnaam moet gewone tekst zijn, geen lijst of groep",
    "found duplicate %YAML directive": "een regel die met % begint staat er twee keer; haal hem weg",
    "found unknown directive name": "onbekende regel die met % begint; haal hem weg",
    "found unexpected ':'": "dubbele punt op een onverwachte plek; zet tekst met ': ' tussen aanhalingstekens",
    "while parsing a quoted scalar": "een aanhalingsteken wordt niet gesloten",
})  # fmt: skip


def _syntax_error(rel: str, text: str, exc: yaml.MarkedYAMLError) -> DataError:
    """A YAML syntax error, at its real cause: a quote left open many lines up is named there."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    said = [(exc.problem or "").strip(), (exc.context or "").strip()]
    message = next(
        (dutch for english, dutch in YAML_PROBLEMS.items() if any(s.startswith(english) for s in said)),
        "dit deel van het bestand is geen geldige YAML",
    )
    quote = _open_quote(text, line - 1)
    if quote is not None:
        q_line, q_column, char = quote
        message = f"aanhalingsteken {char} wordt niet op dezelfde regel gesloten; de tekst loopt door tot regel {line}"
        return DataError(rel, q_line, q_column, "", f"YAML-fout: {message}", "sluit het aanhalingsteken op deze regel")
    if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        first = (exc.context or "").startswith("found duplicate")
        message += f" ({'eerste keer' if first else 'begonnen'} op regel {exc.context_mark.line + 1})"
    return DataError(
        rel, line, column, "", f"YAML-fout: {message}", "controleer inspringing, dubbele punten en aanhalingstekens"
    )


def _open_quote(text: str, error_line: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of a quoted text that runs over several lines up to the error:
    an unclosed quote swallows the lines after it, and YAML reports where the damage shows."""
    loader = DataLoader(text)
    found = None
    try:
        while loader.check_token():
            token = loader.get_token()
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line
                and token.end_mark.line >= error_line - 1
            ):
                found = (token.start_mark.line + 1, token.start_mark.column + 1, token.style)
            if token.start_mark.line > error_line:
                break
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None)
        unclosed = "quoted scalar" in (getattr(exc, "context", "") or "") and "end of stream" in (exc.problem or "")
        if found is None and mark is not None and unclosed:
            found = (mark.line + 1, mark.column + 1, text.splitlines()[mark.line][mark.column : mark.column + 1] or '"')
    finally:
        loader.dispose()
    return found


def _translate(file: DataFile, model: type[BaseModel], err: dict[str, Any]) -> DataError:
    """Turn one pydantic error into a Dutch message at the right line."""
    loc: Loc = tuple(err["loc"])
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind == "missing":
        if loc[-1] == "checked":
            return file.error(
                loc[:-1],
                "verplicht veld 'checked' ontbreekt: op welke dag is dit feit het laatst met de bron vergeleken?",
                "een datum als 2026-11-29; alleen een dag waarop u de bron echt las",
            )
        return file.error(loc[:-1], f"verplicht veld '{loc[-1]}' ontbreekt")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        return file.error(
            loc,
            f"onbekend veld {_show(str(loc[-1]))}" + (f"; {hint}" if hint else ""),
            f"toegestaan: {listing(allowed, 20)}",
            on_key=True,
        )
    messages = {
        "string_type": ("moet tekst zijn", None),
        "int_type": ("moet een heel getal zijn", None),
        "int_parsing": ("moet een heel getal zijn", None),
        "int_from_float": ("moet een heel getal zijn", None),
        "bool_type": ("moet true of false zijn", None),
        "bool_parsing": ("moet true of false zijn", None),
        "list_type": ("moet een lijst zijn", "zet elk item op een regel die met '- ' begint"),
        "model_type": ("moet een groep velden zijn", "velden als 'naam: waarde'"),
        "model_attributes_type": ("moet een groep velden zijn", "velden als 'naam: waarde'"),
        "dict_type": ("moet een groep velden zijn", "velden als 'naam: waarde'"),
        "date_type": ("moet een datum zijn", "JJJJ-MM-DD, bijv. 2023-01-01"),
        "date_parsing": ("moet een datum zijn", "JJJJ-MM-DD, bijv. 2023-01-01"),
        "date_from_datetime_parsing": ("moet een datum zijn", "JJJJ-MM-DD, bijv. 2023-01-01"),
        "url_parsing": ("ongeldig webadres", "een volledig adres dat begint met https://"),
        "url_scheme": ("ongeldig webadres", "een volledig adres dat begint met https://"),
        "url_type": ("ongeldig webadres", "een volledig adres dat begint met https://"),
        "url_syntax_violation": ("ongeldig webadres", "een volledig adres dat begint met https://"),
    }
    if kind in messages:
        message, allowed = messages[kind]
        if isinstance(value, str) and kind.startswith(("int_", "date_")):
            allowed = _digits_hint(value, number=kind.startswith("int_")) or allowed
        return file.error(loc, f"{message}, niet {_show(value)}", allowed)
    if kind == "url_too_long":
        return file.error(
            loc, f"webadres is te lang ({len(str(value))} tekens)", f"ten hoogste {ctx['max_length']} tekens"
        )
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return file.error(
            loc, f"ongeldige waarde {_show(value)}" + (f"; {hint}" if hint else ""), f"toegestaan: {', '.join(options)}"
        )
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        hint = _digits_hint(value) if isinstance(value, str) else None
        return file.error(
            loc, f"ongeldige waarde {_show(value)}", hint or PATTERN_HELP.get(pattern, f"patroon {pattern}")
        )
    if kind == "string_too_short":
        return file.error(loc, "mag niet leeg zijn")
    if kind == "string_too_long":
        return file.error(loc, f"tekst is te lang ({len(value)} tekens)", f"ten hoogste {ctx['max_length']} tekens")
    if kind == "too_short":
        n = ctx["min_length"]
        return file.error(loc, "lijst is te kort", f"minstens {n} item{'s' if n != 1 else ''}")
    if kind == "too_long":
        return file.error(loc, "lijst is te lang", f"ten hoogste {ctx['max_length']} items")
    bounds = {
        "greater_than": "groter dan",
        "greater_than_equal": "minstens",
        "less_than": "kleiner dan",
        "less_than_equal": "ten hoogste",
    }
    if kind in bounds:
        limit = next(iter(ctx.values()))
        return file.error(loc, f"waarde {_show(value)} valt buiten het bereik", f"{bounds[kind]} {limit}")
    if kind == "value_error":
        return file.error(loc, str(ctx.get("error", err["msg"])))
    return file.error(loc, f"ongeldige waarde {_show(value)}")  # a kind we have not seen: still Dutch


def _digits_hint(value: str, number: bool = False) -> str | None:
    """What to write instead: other digits than 0-9 (dates too), or a number written as text."""
    if any(c.isdigit() and not c.isascii() for c in value):
        return "gebruik de gewone cijfers 0-9"
    if not number:
        return None
    value = value.strip()
    if re.fullmatch(r"[+-]?0[0-9]+", value):
        return "schrijf het getal zonder voorloopnul"
    if value.isascii() and value.isdigit():
        return (
            "een getal van ten hoogste 18 cijfers" if len(value) > 18 else "schrijf het getal zonder aanhalingstekens"
        )
    if re.fullmatch(r"[+-]?[0-9]+([._ ,][0-9]+)+", value):
        return "alleen de cijfers 0-9, zonder punten, komma's, spaties of liggende streepjes"
    return None


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "een lijst" if isinstance(value, list) else "een groep velden"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "leeg"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model reached by `loc`, for 'allowed' hints on unknown keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _inner_model(tp: Any) -> Any:
    """The model inside list[Model] or Model | None; else the type itself."""
    for arg in typing.get_args(tp) or ():
        if _is_model(arg):
            return arg
        inner = _inner_model(arg)
        if _is_model(inner):
            return inner
    return tp


@functools.cache
def _hints(model: type) -> dict[str, Any]:
    """A model's type hints with their Ref marks (looked up once per model class)."""
    return typing.get_type_hints(model, include_extras=True)


def _refs(value: Any, tp: Any, loc: Loc) -> Iterator[tuple[Loc, str, str]]:
    """Every (loc, collection, id) reference inside `value`, found from the model's type hints."""
    if typing.get_origin(tp) is typing.Annotated:
        base, *meta = typing.get_args(tp)
        ref = next((m for m in meta if isinstance(m, Ref)), None)
        if ref is not None and isinstance(value, str):
            yield loc, ref.collection, value
            return
        yield from _refs(value, base, loc)
    elif isinstance(value, BaseModel):
        hints = _hints(type(value))
        for name in type(value).model_fields:
            yield from _refs(getattr(value, name), hints[name], (*loc, name))
    elif isinstance(value, (list, tuple)):
        args = typing.get_args(tp)
        for i, item in enumerate(value):
            yield from _refs(item, args[0] if args else Any, (*loc, i))
    elif typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for arg in typing.get_args(tp):
            yield from _refs(value, arg, loc)


def _numbering(
    file: DataFile, numbered: list[tuple[Loc, int]], what: str, show: typing.Callable[[int], str] = str
) -> Iterator[DataError]:
    """Numbers must run 1..N, each once, so '14 actions' means actions 1 to 14 (and steps 2.1.1 to 2.1.7)."""
    numbers = [n for _, n in numbered]
    counts = Counter(numbers)
    missing = sorted(set(range(1, len(numbers) + 1)) - set(numbers))
    for loc, n in numbered:
        if counts[n] > 1:
            yield file.error(loc, f"{what} {show(n)} komt vaker voor", "elk nummer één keer")
        elif n > len(numbers):
            yield file.error(
                loc,
                f"{what} {show(n)} past niet in de reeks",
                f"nummers {show(1)} t/m {show(len(numbers))} zonder gaten; ontbreekt: {listing(map(show, missing))}",
            )


def _unique_ids(file: DataFile, key: str, records: list[Any]) -> tuple[set[str], list[DataError]]:
    first: dict[str, int] = {}
    errors = []
    for i, record in enumerate(records):
        if record.id in first:
            line = file.mark((key, first[record.id], "id"))[0]
            errors.append(
                file.error(
                    (key, i, "id"), f"id '{record.id}' komt vaker voor", f"ids zijn uniek; eerste keer op regel {line}"
                )
            )
        else:
            first[record.id] = i
    return set(first), errors


def _check_steps(file: DataFile, steps: list[Any], levels: tuple[Any, ...] | None) -> Iterator[DataError]:
    """Unique addresses and checklist ids; with valid levels, each step's level and numbering."""
    item_step: dict[str, str] = {}
    ids = {step.id for step in steps}
    addresses: dict[str, str] = {}
    for s, step in enumerate(steps):
        # A step's address is its slug (or id); it may not be another step's, nor another step's old address (id).
        taken = addresses.get(step.address) or (step.slug in ids - {step.id} and step.slug)
        if taken:
            yield file.error(
                ("steps", s, "slug" if step.slug else "id"),
                f"webadres 'stappen/{step.address}/' is al van een andere stap",
                "kies een slug die geen andere stap als slug of id heeft",
            )
        addresses.setdefault(step.address, step.id)
        for c, item in enumerate(step.checklist):
            loc = ("steps", s, "checklist", c)
            if item.id in item_step:
                yield file.error(
                    (*loc, "id"),
                    f"checklist-id '{item.id}' komt vaker voor",
                    f"uniek over alle stappen; ook bij stap '{item_step[item.id]}'",
                )
            else:
                item_step[item.id] = step.id
            if item.basis == "bron" and not item.sources:
                yield file.error(
                    (*loc, "basis"), "item met basis 'bron' noemt geen bron", "vul 'sources' of zet 'basis: afgeleid'"
                )
        if levels is not None:
            yield from _check_level(file, s, step, levels)
    for level in levels or ():
        numbered = [(("steps", s, "number"), int(step.number.removeprefix(level.prefix)))
                    for s, step in enumerate(steps) if _numbered_in(step, level)]  # fmt: skip
        yield from _numbering(file, numbered, "stapnummer", lambda n, prefix=level.prefix: f"{prefix}{n}")


def _numbered_in(step: Any, level: Any) -> bool:
    """Whether the step's number is the level's prefix and a sequence number (2.1.3 in '2.1.')."""
    rest = step.number.removeprefix(level.prefix)
    return rest != step.number and rest.isdigit()


def _check_level(file: DataFile, s: int, step: Any, levels: tuple[Any, ...]) -> Iterator[DataError]:
    """A step's level is one of levels.yaml, and its number starts with that level's prefix."""
    ids = [level.id for level in levels]
    if step.level not in ids:
        hint = did_you_mean(step.level, ids)
        yield file.error(("steps", s, "level"), f"ongeldige waarde {_show(step.level)}" + (f"; {hint}" if hint else ""),
                         f"toegestaan: {', '.join(ids)}")  # fmt: skip
        return
    owner = next((level for level in levels if _numbered_in(step, level)), None)
    if owner is None:
        yield file.error(("steps", s, "number"), f"ongeldige waarde {_show(step.number)}",
                         "; ".join(f"{lv.prefix}1, {lv.prefix}2, ... voor {lv.id}" for lv in levels))  # fmt: skip
    elif owner.id != step.level:
        yield file.error(
            ("steps", s, "level"),
            f"stap {step.number} hoort bij '{owner.id}', niet bij '{step.level}'",
            ", ".join(f"{lv.prefix}x is {lv.id}" for lv in levels),
        )


def _check_levels(file: DataFile, levels: list[Any]) -> Iterator[DataError]:
    """No level's prefix starts another's: each step number belongs to one level."""
    for i, level in enumerate(levels):
        other = next((o for o in levels[:i] if o.prefix.startswith(level.prefix) or level.prefix.startswith(o.prefix)),
                     None)  # fmt: skip
        if other is not None:
            yield file.error(
                ("levels", i, "prefix"),
                f"begin '{level.prefix}' overlapt met dat van niveau '{other.id}'",
                "elk niveau een eigen begin, zoals '2.1.' en '2.2.'",
            )


def cross_check(files: dict[str, DataFile], models: dict[str, Record]) -> list[DataError]:
    """Checks across records: unique ids, references, numbering. Runs on every valid file."""
    errors: list[DataError] = []
    ids: dict[str, set[str]] = {}
    for c in COLLECTIONS:
        records = getattr(models[c.file], c.key) if c.file in models else ()
        if c.many and records and hasattr(records[0], "id"):
            ids[c.key], problems = _unique_ids(files[c.file], c.key, records)
            errors += problems

    level_errors = list(_check_levels(files["levels"], models["levels"].levels)) if "levels" in models else []
    errors += level_errors
    if "steps" in models:  # without valid levels a step's level and number cannot be checked
        levels = tuple(models["levels"].levels) if "levels" in models and not level_errors else None
        errors += _check_steps(files["steps"], models["steps"].steps, levels)
    if "actions" in models:
        numbered = [(("actions", i, "number"), a.number) for i, a in enumerate(models["actions"].actions)]
        errors += _numbering(files["actions"], numbered, "actienummer")
    if "borging" in models:
        numbered = [(("borging_items", i, "number"), b.number) for i, b in enumerate(models["borging"].borging_items)]
        errors += _numbering(files["borging"], numbered, "nummer")
    if "coalitions" in models:
        tranches = models["coalitions"].municipalities_per_tranche.tranches
        numbered = [(("municipalities_per_tranche", "tranches", i, "number"), t.number) for i, t in enumerate(tranches)]
        errors += _numbering(files["coalitions"], numbered, "tranche")
    if "funding" in models:
        for f, source in enumerate(models["funding"].funding_sources):
            years = Counter(a.year for a in source.amounts)
            for a, amount in enumerate(source.amounts):
                if years[amount.year] > 1:
                    errors.append(
                        files["funding"].error(
                            ("funding_sources", f, "amounts", a, "year"),
                            f"jaar {amount.year} staat er vaker in",
                            "één bedrag per jaar",
                        )
                    )
    if "contacts" in models:
        for c, contact in enumerate(models["contacts"].contacts):
            if contact.email and "." in contact.email.split("@")[0]:
                errors.append(
                    files["contacts"].error(
                        ("contacts", c, "email"),
                        f"'{contact.email}' lijkt een persoonlijk adres",
                        "alleen functionele mailboxen van organisaties",
                    )
                )

    if "glossary" in models:
        seen: dict[str, int] = {}
        for g, term in enumerate(models["glossary"].glossary):
            first = seen.setdefault(abbreviation_key(term.abbr), g)
            if first != g:
                other = models["glossary"].glossary[first].abbr
                line = files["glossary"].mark(("glossary", first, "abbr"))[0]
                errors.append(files["glossary"].error(
                    ("glossary", g, "abbr"),
                    f"afkorting '{term.abbr}' is (bijna) gelijk aan '{other}' op regel {line}",
                    "elke afkorting één keer; een lezer ziet geen verschil in hoofdletters, 0/O of 1/l",
                ))  # fmt: skip

    if "toc" in models:
        docs = files["toc"].docs_dir
        for t, entry in enumerate(models["toc"].toc):
            if entry.page and docs is not None and not (docs / entry.page).is_file():
                pages = [str(p.relative_to(docs)) for p in docs.rglob("*.md")]
                hint = did_you_mean(entry.page, pages)
                errors.append(
                    files["toc"].error(
                        ("toc", t, "page"),
                        f"pagina '{entry.page}' bestaat niet in docs/" + (f"; {hint}" if hint else ""),
                        "een .md-bestand in docs/",
                    )
                )

    for name, model in models.items():
        for loc, collection, ref in _refs(model, type(model), ()):
            if collection not in ids and _file_of(collection) not in models:
                continue  # that collection's file has errors of its own; its ids are unknown
            known = ids.get(collection, set())
            if ref not in known:
                hint = did_you_mean(ref, known)
                errors.append(
                    files[name].error(
                        loc,
                        f"onbekende {RECORD_NAMES[collection]} '{ref}'" + (f"; {hint}" if hint else ""),
                        f"bekend: {listing(known)}",
                    )
                )
    return errors


def _file_of(collection: str) -> str:
    return next(c.file for c in COLLECTIONS if c.key == collection)


def validate(data_dir: Path) -> tuple[Site | None, list[DataError]]:
    """Check every data file; return the Site, or None and every error found."""
    errors: list[DataError] = []
    files: dict[str, DataFile] = {}
    models: dict[str, Record] = {}
    prefix = data_dir.name
    for collection in COLLECTIONS:
        name, model_type = collection.file, collection.model
        rel = f"{prefix}/{name}.yaml"
        if not collection.required and not (data_dir / f"{name}.yaml").exists():
            continue  # an optional collection this guidance does without: the Site has it empty
        file, problems = read_file(data_dir / f"{name}.yaml", rel)
        errors += problems
        if file is None:
            continue
        files[name] = file
        if not isinstance(file.data, dict):
            errors.append(
                file.error(
                    (),
                    "bestand moet met de naam van de collectie beginnen",
                    f"bijv. '{collection.key}:'",
                )
            )
            continue
        try:
            models[name] = model_type.model_validate(file.data)
        except ValidationError as exc:
            problems = exc.errors()
            errors += [_translate(file, model_type, e) for e in problems[:MAX_ERRORS]]
            if len(problems) > MAX_ERRORS:
                errors.append(DataError(file.rel, 1, 1, "", f"nog {len(problems) - MAX_ERRORS} fouten meer in dit "
                                        f"bestand", f"alleen de eerste {MAX_ERRORS} staan hier"))  # fmt: skip
    errors += cross_check(files, models)
    if errors:
        return None, errors
    return Site.from_models(models), []


def load_site(data_dir: Path | str) -> Site:
    """The validated Site, or DataErrors listing every problem."""
    site, errors = validate(Path(data_dir).resolve())
    if errors:
        raise DataErrors(errors)
    return site
