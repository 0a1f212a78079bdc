"""Every kind of data error gives its own Dutch file:line:column message, nothing else.

Each fixture in fixtures/invalid/ replaces one file of the minimal data set; its header
names that file (`# file:`) and lists the exact messages expected (`# expect:`).
"""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.loader import validate
from macros.validate import main as validate_cli

INVALID = Path(__file__).parent / "fixtures" / "invalid"
CASES = sorted(INVALID.glob("*.yaml"))


def header(raw: bytes) -> tuple[str, list[str]]:
    lines = raw.decode("utf-8", errors="replace").splitlines()  # one fixture is not UTF-8 on purpose
    target = lines[0].removeprefix("# file:").strip()
    expected = [line.removeprefix("# expect: ") for line in lines[1:] if line.startswith("# expect: ")]
    return target, expected


def test_there_are_enough_distinct_error_kinds():
    messages = [tuple(header(case.read_bytes())[1]) for case in CASES]
    assert len(CASES) >= 80
    assert len(set(messages)) == len(messages), "two fixtures expect the same messages"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_fixture_gives_its_message(case: Path, minimal_data: Path):
    raw = case.read_bytes()
    target, expected = header(raw)
    assert expected, f"{case.name} has no '# expect:' line"
    (minimal_data / target).write_bytes(raw)
    start = time.process_time()
    site, errors = validate(minimal_data)
    assert time.process_time() - start < 1, "bad data must be reported at once, not hang the check"
    assert site is None
    assert [str(e) for e in errors] == expected


@pytest.mark.parametrize("case", CASES[:3], ids=[c.stem for c in CASES[:3]])
def test_cli_prints_messages_and_fails_without_traceback(case: Path, minimal_data: Path, capsys):
    raw = case.read_bytes()
    target, expected = header(raw)
    (minimal_data / target).write_bytes(raw)
    assert validate_cli([str(minimal_data)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for message in expected:
        assert message in err


def test_missing_file_is_reported(minimal_data: Path):
    (minimal_data / "levels.yaml").unlink()
    _, errors = validate(minimal_data)
    assert [str(e) for e in errors] == [
        "data/levels.yaml:1:1: bestand ontbreekt (elke collectie heeft een eigen bestand)"
    ]


def test_an_optional_file_may_be_missing(minimal_data: Path):
    """A guidance without a timeline or tranches leaves those files out; its collections are empty."""
    for name in ("milestones", "coalitions", "faq", "search"):
        (minimal_data / f"{name}.yaml").unlink()
    site, errors = validate(minimal_data)
    assert errors == []
    assert site.milestones == () and site.faq == () and site.municipalities_per_tranche is None
    assert site.search.synonyms == [] and "milestones" not in site.data_files and "steps" in site.data_files


def test_errors_in_several_files_are_all_reported_at_once(minimal_data: Path):
    (minimal_data / "glossary.yaml").write_text(
        "glossary:\n  - id: Fout\n    abbr: X\n    term: X\n    explanation: X\n"
    )
    (minimal_data / "faq.yaml").write_text(
        "faq:\n  - id: v\n    question: V?\n    answer: [A]\n    steps: [geen-stap]\n    sources: [bron-a]\n"
    )
    _, errors = validate(minimal_data)
    assert {e.file for e in errors} == {"data/glossary.yaml", "data/faq.yaml"}
    assert any("onbekende stap 'geen-stap'" in e.message for e in errors)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_build_stops_at_its_first_hook_with_the_same_messages(case: Path, minimal_data: Path):
    """The plugin's first event runs before MkDocs writes any file, so bad data never leaves a partial site."""
    from mkdocs.exceptions import PluginError

    from macros.plugin.plugin import GuidancePlugin

    raw = case.read_bytes()
    target, expected = header(raw)
    (minimal_data / target).write_bytes(raw)
    config = SimpleNamespace(config_file_path=str(minimal_data.parent / "mkdocs.yml"), nav=[])
    with pytest.raises(PluginError) as info:
        GuidancePlugin().on_config(config)
    for message in expected:
        assert message in str(info.value)
