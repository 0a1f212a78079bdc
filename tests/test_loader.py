"""The loader: valid data becomes one Site with derived relations; it is read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import loader
from macros.loader import DataErrors, did_you_mean, format_path, load_site, validate
from macros.site import Site

ROOT = Path(__file__).resolve().parent.parent


def test_minimal_data_is_valid(minimal_data: Path):
    site, errors = validate(minimal_data)
    assert errors == []
    assert isinstance(site, Site)
    assert [a.number for a in site.actions] == [1, 2]


def test_real_data_is_valid():
    site, errors = validate(ROOT / "data")
    assert [str(e) for e in errors] == []
    assert [a.number for a in site.actions] == list(range(1, 15))
    assert [s.number for s in site.steps_at("lokaal")] == [f"2.1.{i}" for i in range(1, 8)]
    assert [s.number for s in site.steps_at("regionaal")] == [f"2.2.{i}" for i in range(1, 8)]
    assert len(site.focus_areas) == 2
    assert len(site.borging_items) == 5


def test_relations_are_derived_both_ways(minimal_data: Path):
    site = load_site(minimal_data)
    assert [s.id for s in site.steps_for_action("actie-een")] == ["stap-lokaal"]
    assert site.steps_for_action("actie-twee") == ()
    assert [s.id for s in site.steps_for_funding("geld-een")] == ["stap-lokaal"]
    assert [a.id for a in site.actions_for_funding("geld-een")] == ["actie-een"]
    assert [s.id for s in site.steps_with_partner("partner-een")] == ["stap-lokaal"]
    assert [a.id for a in site.actions_in("lijn-a")] == ["actie-een", "actie-twee"]


def test_sources_of_includes_nested_items_once(minimal_data: Path):
    site = load_site(minimal_data)
    step = site.step("stap-lokaal")
    assert [s.id for s in site.sources_of(step, step)] == ["bron-a"]


def test_get_names_what_is_missing(minimal_data: Path):
    site = load_site(minimal_data)
    with pytest.raises(KeyError, match="no steps record with id 'nope'"):
        site.step("nope")


def test_load_site_reads_the_files_each_time(minimal_data: Path, monkeypatch):
    """No cache kept in the module: each build reads its data once (the plugin keeps the Site), and a
    rebuild after an edit sees the edit."""
    calls = []
    real = loader.validate
    monkeypatch.setattr(loader, "validate", lambda d: calls.append(d) or real(d))
    first = load_site(minimal_data)
    path = minimal_data / "glossary.yaml"
    path.write_text(path.read_text().replace("Zorg voor", "Aandacht voor"))
    assert load_site(minimal_data).glossary[0].explanation.startswith("Aandacht")
    assert first.glossary[0].explanation.startswith("Zorg voor")  # an earlier build's Site stays as it was
    assert len(calls) == 2


def test_load_site_raises_one_error_with_every_problem(minimal_data: Path):
    (minimal_data / "glossary.yaml").write_text("glossary:\n  - id: A\n    abbr: A\n")
    with pytest.raises(DataErrors) as info:
        load_site(minimal_data)
    report = str(info.value)
    assert report.startswith("3 fouten in de gegevens:")
    assert "data/glossary.yaml:2:9 glossary[0].id: ongeldige waarde 'A'" in report
    assert "verplicht veld 'term' ontbreekt" in report
    assert "verplicht veld 'explanation' ontbreekt" in report


def test_format_path():
    assert format_path(("actions", 6, "steps", 1)) == "actions[6].steps[1]"
    assert format_path(()) == ""
    assert format_path(("sources", 0, "my key")) == 'sources[0]["my key"]'


def test_did_you_mean():
    assert did_you_mean("lokal", ["lokaal", "regionaal"]) == "bedoelde u 'lokaal'?"
    assert did_you_mean("xyz", ["lokaal"]) is None


def test_safe_load_refuses_python_tags(minimal_data: Path):
    (minimal_data / "glossary.yaml").write_text("glossary: !!python/object/apply:os.system ['echo hi']\n")
    _, errors = validate(minimal_data)
    assert len(errors) == 1 and "YAML-fout" in errors[0].message


def test_toc_page_must_exist_in_docs(minimal_data: Path):
    docs = minimal_data.parent / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    assert validate(minimal_data)[1] == []
    (docs / "index.md").rename(docs / "indx.md")
    errors = [str(e) for e in validate(minimal_data)[1]]
    assert errors == [
        "data/toc.yaml:2:47 toc[0].page: pagina 'index.md' bestaat niet in docs/; bedoelde u 'indx.md'? "
        "(een .md-bestand in docs/)"
    ]


def test_steps_sort_by_number_not_by_text(minimal_data: Path):
    path = minimal_data / "steps.yaml"
    local = path.read_text().split("  - id: stap-regionaal")[0].split("steps:\n", 1)[1]
    for n in range(2, 11):  # 2.1.2 ... 2.1.10: numbering has no gaps
        extra = local.replace("stap-lokaal", f"stap-{n}").replace('"2.1.1"', f'"2.1.{n}"')
        path.write_text(path.read_text() + extra.replace("item-een", f"item-{n}-a").replace("item-twee", f"item-{n}-b"))
    numbers = [s.number for s in load_site(minimal_data).steps_at("lokaal")]
    assert numbers[:3] == ["2.1.1", "2.1.2", "2.1.3"] and numbers[-1] == "2.1.10"


def test_a_data_file_replaced_by_a_folder_is_reported(minimal_data: Path):
    (minimal_data / "faq.yaml").unlink()
    (minimal_data / "faq.yaml").mkdir()
    assert [str(e) for e in validate(minimal_data)[1]] == [
        "data/faq.yaml:1:1: dit is een map of iets anders dan een bestand (elke collectie is één YAML-bestand)"
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(minimal_data: Path):
    path = minimal_data / "glossary.yaml"
    path.write_text(path.read_text() + "# " + "x" * loader.MAX_FILE_BYTES + "\n")
    assert [str(e) for e in validate(minimal_data)[1]] == [
        "data/glossary.yaml:1:1: bestand is te groot (1001 kB) (ten hoogste 1000 kB)"
    ]


def test_an_unreadable_file_is_reported(minimal_data: Path, monkeypatch):
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: real(p) if p.name != "faq.yaml" else open("/", "rb"))
    assert [str(e) for e in validate(minimal_data)[1]] == [
        "data/faq.yaml:1:1: bestand is niet te lezen (foutcode 21) "
        "(controleer of het een gewoon bestand is dat u mag lezen)"
    ]


def test_a_toc_page_with_a_name_too_long_for_the_system_is_reported(minimal_data: Path):
    (minimal_data.parent / "docs").mkdir()
    path = minimal_data / "toc.yaml"
    path.write_text(path.read_text().replace("page: index.md", "page: " + "a" * 190 + ".md"))
    assert [str(e) for e in validate(minimal_data)[1]] == [
        f"data/toc.yaml:2:47 toc[0].page: pagina '{'a' * 190}.md' bestaat niet in docs/ (een .md-bestand in docs/)"
    ]


def test_largest_allowed_values_are_read_quickly(minimal_data: Path):
    """A file just under each limit is still checked in well under a second (CPU time: the machine may be busy)."""
    import time

    items = "".join(f"  - id: t{i}\n    abbr: A{i}\n    term: {'x' * 1900}\n    explanation: y\n" for i in range(400))
    (minimal_data / "glossary.yaml").write_text("glossary:\n" + items)
    start = time.process_time()
    assert validate(minimal_data)[1] == []
    assert time.process_time() - start < 1


def test_thousands_of_copies_of_one_mistake_are_summed_up(minimal_data: Path):
    (minimal_data / "glossary.yaml").write_text("glossary: [" + ", ".join(["x"] * 3000) + "]\n")
    errors = [str(e) for e in validate(minimal_data)[1]]
    assert len(errors) == loader.MAX_ERRORS + 1
    assert "data/glossary.yaml:1:1: nog 2950 fouten meer in dit bestand (alleen de eerste 50 staan hier)" in errors
