"""The data package describes every input file, and the files validate against it."""

import json
import shutil

from skillmix.core import datapackage
from skillmix.core.paths import DATA


def test_every_data_file_is_described_and_valid():
    assert datapackage.problems() == []


def copy_of_data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def test_a_changed_file_is_caught_by_its_hash(tmp_path):
    folder = copy_of_data(tmp_path)
    path = folder / "workforce" / "role_timeline.csv"
    path.write_bytes(path.read_bytes() + b"\n")
    found = datapackage.problems(folder / "datapackage.json")
    assert any("role_timeline.csv" in p and "hash" in p for p in found), found


def test_a_bad_coded_value_names_row_and_column(tmp_path):
    folder = copy_of_data(tmp_path)
    path = folder / "evidence" / "screening_exclusions.csv"
    path.write_bytes(path.read_bytes().replace(b",duplicate,", b",misfiled,", 1))
    datapackage.refresh(folder / "datapackage.json")  # so that the hash is not what fails
    found = datapackage.problems(folder / "datapackage.json")
    assert any("row 2" in p and "column 'reason'" in p and "misfiled" in p for p in found), found


def test_an_undescribed_file_and_missing_provenance_are_reported(tmp_path):
    folder = copy_of_data(tmp_path)
    (folder / "workforce" / "extra.csv").write_text("a\n1\n")
    descriptor = folder / "datapackage.json"
    package = json.loads(descriptor.read_text())
    del package["resources"][0]["licenses"]
    descriptor.write_text(json.dumps(package))
    found = datapackage.problems(descriptor)
    assert "data/workforce/extra.csv: not described in" in found[0]
    assert any("missing licenses" in p for p in found)


def _enum(resource_path: str, field: str) -> list:
    package = datapackage.load()
    resource = next(r for r in package["resources"] if r["path"] == resource_path)
    spec = next(f for f in resource["schema"]["fields"] if f["name"] == field)
    return spec["constraints"]["enum"]


def _vocabularies() -> dict:
    """Each coded column of the data package -> the vocabulary the code validates it against."""
    from skillmix.core import vocab
    from skillmix.evidence.themes import DIRECTIONS
    from skillmix.survey import codebook
    from skillmix.workforce.published import VINTAGES

    book = codebook.load()
    return {
        ("evidence/evidence_records.csv", "setting"): vocab.SETTINGS,
        ("evidence/evidence_records.csv", "study_type"): vocab.STUDY_TYPES,
        ("evidence/evidence_records.csv", "evidence_level"): vocab.EVIDENCE_LEVELS,
        ("evidence/screening_exclusions.csv", "reason"): vocab.EXCLUSION_REASONS,
        ("evidence/coded_findings.csv", "theme"): vocab.THEMES,
        ("evidence/coded_findings.csv", "direction"): DIRECTIONS,
        ("workforce/workforce_published.csv", "vintage"): VINTAGES,
        ("survey/synthetic_responses.csv", "wave"): codebook.WAVES,
        ("survey/synthetic_responses.csv", "profession"): tuple(book.profile["profession"]),
        ("survey/synthetic_responses.csv", "setting"): tuple(book.profile["setting"]),
    }


def test_data_package_enums_are_the_vocabularies_the_code_uses():
    """One source for each vocabulary: the constraints in datapackage.json must equal it."""
    for (resource, field), allowed in _vocabularies().items():
        assert _enum(resource, field) == list(allowed), f"{resource} {field}: datapackage.json differs from the code"


def test_preflight_reuses_frictionless_findings_until_a_byte_changes(tmp_path, monkeypatch):
    from skillmix.pipeline import preflight

    monkeypatch.setattr(preflight, "PROBLEMS_CACHE", tmp_path / "cache.json")
    folder = copy_of_data(tmp_path)
    descriptor = folder / "datapackage.json"
    calls = []
    validate = datapackage.problems
    monkeypatch.setattr(datapackage, "problems", lambda d: calls.append(d) or validate(d))
    assert preflight.package_problems(descriptor) == []
    assert preflight.package_problems(descriptor) == [] and len(calls) == 1  # reused
    path = folder / "evidence" / "screening_exclusions.csv"
    path.write_bytes(path.read_bytes().replace(b",duplicate,", b",misfiled,", 1))
    datapackage.refresh(descriptor)
    found = preflight.package_problems(descriptor)
    assert len(calls) == 2 and any("misfiled" in p for p in found), found
    assert preflight.package_problems(descriptor) == found and len(calls) == 2
