"""Parameter declarations and validation against the real chapters.yml."""

import nbformat
import papermill
import pytest

from skillmix.core import chapter_spec as params
from skillmix.core.errors import InputError
from skillmix.core.paths import ROOT


def test_unknown_parameter_lists_the_valid_ones():
    with pytest.raises(InputError) as err:
        params.check("evidence_review", no_such_parameter=1)
    message = str(err.value)
    assert "'no_such_parameter'" in message
    assert "allowed: roles, themes, year_from, year_to, min_evidence_level" in message


@pytest.mark.parametrize(
    "chapter, name, value, expected",
    [
        ("evidence_review", "roles", "nursing_associate,no_role", "allowed: all, nursing_associate"),
        ("evidence_review", "min_evidence_level", "gossip", "allowed: review, primary_research"),
        ("evidence_review", "year_from", "19x0", "expected int"),
        ("survey", "min_cell", 0, "1 to 1000"),
        ("survey", "focus_role", "doctor", "allowed: acp, pa, both"),
        ("survey", "compare_waves", "maybe", "expected bool"),
        ("survey", "responses", "no/such/file.csv", "file not found"),
        ("workforce", "period_from", "2015-13-01", "expected date"),
    ],
)
def test_invalid_values_name_what_is_allowed(chapter, name, value, expected):
    with pytest.raises(InputError, match=expected):
        params.check(chapter, **{name: value})


def test_command_line_strings_are_converted():
    values = params.check("survey", min_cell="5", confidence="0.9", compare_waves="false")
    assert values["min_cell"] == 5 and values["confidence"] == 0.9 and values["compare_waves"] is False


def test_list_parameters():
    assert params.as_list("all", ("a", "b")) == ["a", "b"]
    assert params.as_list("b, a", ("a", "b")) == ["b", "a"]


@pytest.mark.parametrize("name", list(params.chapters()))
def test_notebook_parameters_cell_matches_declared_defaults(name):
    """papermill's reading of each notebook's parameters cell equals chapters.yml."""
    spec = params.chapter(name)
    path = ROOT / spec.notebook
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{spec.notebook} needs exactly one cell tagged 'parameters'"
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    found = {n: eval(p["default"]) for n, p in papermill.inspect_notebook(str(path)).items()}  # noqa: S307
    assert found == spec.defaults()


def test_from_namespace_takes_every_declared_parameter_and_nothing_else():
    namespace = {
        "period_from": "2016-03-31",
        "period_to": "2024-12-31",
        "include_superseded": "true",
        "gp_workforce_csv": "",
        "unrelated": 1,
        "__name__": "__main__",
    }
    assert params.from_namespace("workforce", namespace) == {
        "period_from": "2016-03-31",
        "period_to": "2024-12-31",
        "include_superseded": True,
        "gp_workforce_csv": "",
    }


def test_from_namespace_fails_when_the_parameters_cell_leaves_one_out():
    with pytest.raises(InputError, match="does not set a declared parameter.*'include_superseded'"):
        params.from_namespace(
            "workforce", {"period_from": "2016-03-31", "period_to": "2024-12-31", "gp_workforce_csv": ""}
        )


def test_chapters_yml_misspelt_key_fails_with_file_line_and_key(tmp_path):
    spec = tmp_path / "chapters.yml"
    spec.write_text(
        "chapters:\n  alpha:\n    notebook: a.ipynb\n    parameters:\n"
        "      n: {type: choice, default: a, choises: [a, b]}\n"
    )
    with pytest.raises(InputError) as err:
        params.chapters(spec)
    assert str(err.value).startswith(f"{spec.name}, line 5, key 'chapters.alpha.parameters.n.choises': unknown key")


def test_chapters_yml_wrong_type_fails_with_file_line_and_key(tmp_path):
    spec = tmp_path / "chapters.yml"
    spec.write_text("chapters:\n  alpha:\n    notebook: a.ipynb\n    depends_on: beta\n")
    with pytest.raises(InputError, match=r"line 4, key 'chapters.alpha.depends_on'"):
        params.chapters(spec)
