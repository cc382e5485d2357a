"""The run appendices: run record, data package tables, and the three façades."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from skillmix.appendices import descriptor_tables, run_record
from skillmix.appendices.claims_ledger import ClaimsLedgerChapter
from skillmix.appendices.data_dictionary import DataDictionaryChapter
from skillmix.appendices.reproducibility import ReproducibilityChapter
from skillmix.core.artifacts import Table
from skillmix.core.chapter_spec import Chapter, check
from skillmix.core.errors import InputError
from skillmix.core.hashing import sha256_file

PREFIX = "application/papermill.record/"


@pytest.fixture
def manifest(tmp_path):
    path = tmp_path / "run_manifest.json"
    path.write_text(
        json.dumps(
            {
                "chapters": {
                    "survey": {"fingerprint": "a" * 64, "parameters": {"min_cell": 10, "roles": "all"}},
                    "glossary": {"fingerprint": "b" * 64, "parameters": {}},
                    "later": {"fingerprint": "c" * 64, "parameters": {"x": 1}},
                }
            }
        )
    )
    return path


@pytest.fixture
def descriptor(tmp_path):
    (tmp_path / "a.csv").write_text("code,n\nx,1\n")
    (tmp_path / "b.txt").write_text("changed")
    path = tmp_path / "datapackage.json"
    path.write_text(
        json.dumps(
            {
                "resources": [
                    {
                        "path": "a.csv",
                        "title": "A",
                        "retrieved": "2026-11",
                        "hash": "sha256:" + sha256_file(tmp_path / "a.csv"),
                        "sources": [{"title": "S1"}, {"title": "S2"}],
                        "licenses": [{"name": "cc-by"}],
                        "schema": {
                            "fields": [
                                {
                                    "name": "code",
                                    "type": "string",
                                    "constraints": {"required": True, "enum": ["x", "y"]},
                                },
                                {
                                    "name": "n",
                                    "type": "integer",
                                    "description": "a count",
                                    "constraints": {"minimum": 0, "maximum": 9},
                                },
                            ]
                        },
                    },
                    {"path": "b.txt", "title": "B", "hash": "sha256:0"},
                    {"path": "gone.csv", "title": "C"},
                ]
            }
        )
    )
    return path


def test_run_parameters_lists_only_the_chapters_asked_for(manifest):
    table = run_record.run_parameters(["survey", "glossary", "not_run"], manifest)
    assert table.to_dict("list") == {
        "chapter": ["glossary", "survey", "survey"],
        "parameter": ["(none)", "min_cell", "roles"],
        "value": ["", "10", '"all"'],
    }


def test_fingerprints_are_shortened_and_sorted(manifest):
    table = run_record.fingerprints(["survey", "glossary"], manifest)
    assert list(table["chapter"]) == ["glossary", "survey"]
    assert list(table.iloc[:, 1]) == ["b" * 16, "a" * 16]


def test_pinned_versions_normalise_names(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("# comment==1\nPyYAML==6.0.2\nmyst_nb == 1.1\nno-pin>=2\n")
    assert run_record.pinned_versions(path) == {"pyyaml": "6.0.2", "myst-nb": "1.1"}


def test_package_versions_compare_installed_with_pins():
    table = run_record.package_versions(("pandas",))
    assert list(table["package"]) == ["pandas", "Python"]
    assert table.loc[0, "matches pin"] == (table.loc[0, "installed"] == table.loc[0, "pinned"])


def test_data_checksums_flag_changed_and_missing_files(descriptor):
    table = run_record.data_checksums(descriptor)
    assert list(table["file"]) == ["data/a.csv", "data/b.txt", "data/gone.csv"]
    assert list(table["matches data package"]) == [True, False, False]
    assert table.loc[2, "sha256"] == "(missing)" and table.loc[2, "bytes"] == 0


def test_resources_table_joins_sources_and_licences(descriptor):
    table = descriptor_tables.resources_table(descriptor)
    assert table.loc[0].to_dict() == {
        "file": "data/a.csv",
        "title": "A",
        "source": "S1; S2",
        "retrieved": "2026-11",
        "licence": "cc-by",
    }


def test_fields_table_shows_allowed_values_or_bounds(descriptor):
    table = descriptor_tables.fields_table(descriptor)
    assert list(table["column"]) == ["code", "n"]
    assert list(table["allowed values"]) == ["x, y", "0 to 9"]
    assert list(table["required"]) == [True, False]


def test_reproducibility_facade_counts_what_its_tables_show(manifest):
    chapter = ReproducibilityChapter({}, manifest_path=manifest)
    values = chapter.run_values()
    assert list(values) == ["n_chapters_run", "n_data_files", "n_data_matching", "n_packages_matching", "n_packages"]
    assert values["n_chapters_run"] == 2  # the manifest's survey and glossary; 'later' is not a dependency
    assert values["n_data_files"] == len(chapter.data_table().frame)
    assert values["n_packages"] == len(run_record.KEY_PACKAGES) + 1
    assert isinstance(chapter.fingerprints_table(), Table)


def test_facades_take_no_parameters():
    assert DataDictionaryChapter.from_notebook({"__name__": "__main__"}).params == {}
    with pytest.raises(InputError, match="unknown parameter"):
        check(ReproducibilityChapter.NAME, roles="all")


def test_data_dictionary_facade_counts_files_and_columns():
    chapter = DataDictionaryChapter({})
    assert chapter.size_values() == {
        "n_resources": len(chapter.resources().frame),
        "n_fields": len(chapter.fields().frame),
    }


def test_claims_ledger_facade(tmp_path):
    (tmp_path / "chapters").mkdir()
    glue = new_output(
        "display_data", data={PREFIX + "text/plain": "3"}, metadata={"scrapbook": {"name": "n", "mime_prefix": PREFIX}}
    )
    nbformat.write(
        new_notebook(cells=[new_code_cell("x = 3\nglue('n', x)", outputs=[glue])]), tmp_path / "chapters" / "demo.ipynb"
    )
    nbformat.write(new_notebook(cells=[]), tmp_path / "chapters" / "empty.ipynb")
    (tmp_path / "chapters" / "outputs" / "demo").mkdir(parents=True)
    (tmp_path / "chapters" / "outputs" / "demo" / "data_status.csv").write_text("key,data_status\nn,synthetic\n")
    chapters = {
        "demo": Chapter("demo", "chapters/demo.ipynb", (), ()),
        "empty": Chapter("empty", "chapters/empty.ipynb", (), ()),
    }
    chapter = ClaimsLedgerChapter({}, book=tmp_path, chapters=chapters)
    assert chapter.ledger_values() == {
        "ledger_n_values": 1,
        "ledger_n_chapters": 1,
        "ledger_n_unused": 1,
        "ledger_n_unresolved": 0,
        "ledger_n_synthetic": 1,
    }
    download = chapter.ledger_download()
    assert download.name == "claims_ledger" and "notebook" in download.download
    shown = chapter.claims_table().frame
    assert "notebook" not in shown and shown.loc[0, "first line of the cell"] == "x = 3"
    assert shown.loc[0, "data"] == "synthetic" and chapter.ledger_download().download.loc[0, "data"] == "synthetic"
    claims = chapter.claims_table()
    assert claims.name == "claims_ledger" and claims.download.equals(download.download)  # the same CSV
    assert claims.formats["key"] == "code" and claims.collapse  # hundreds of rows: the first ones, then a fold
    assert chapter.per_chapter_table().frame.to_dict("list") == {"chapter": ["demo", "empty"], "glued values": [1, 0]}
