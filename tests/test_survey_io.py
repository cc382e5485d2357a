"""Survey loaders (CSV, Excel, SPSS, Qualtrics-style), validation messages, the synthetic
generator's byte-for-byte reproducibility and the read-only handling of inputs."""

import hashlib
import json

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from skillmix.core.errors import InputError
from skillmix.core.paths import DATA
from skillmix.survey import codebook as cb
from skillmix.survey import loaders, synthetic, weighting

BOOK = cb.load()


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def small():
    return synthetic.generate(seed=7, n_current=60, n_earlier=30)


def with_labels(frame):
    """The frame with profile codes and Likert codes replaced by their labels."""
    out = frame.copy().astype(object)
    for var, codes in BOOK.profile.items():
        out[var] = frame[var].map(codes)
    labels = {**BOOK.scale, BOOK.dont_know: BOOK.dont_know_label}
    for col in BOOK.item_columns():
        out[col] = frame[col].map(lambda v: labels[int(v)] if pd.notna(v) else None)
    return out


def load(path, **kw):
    return loaders.load_responses(path, **kw).frame


def test_synthetic_file_regenerates_byte_identically(tmp_path):
    out = tmp_path / "again.csv"
    synthetic.write(out)
    assert out.read_bytes() == (DATA / "survey" / "synthetic_responses.csv").read_bytes()
    assert synthetic.main(["--check"]) == 0


def test_synthetic_default_shape_and_flags():
    r = loaders.load_responses(DATA / "survey" / "synthetic_responses.csv")
    f = r.frame
    assert r.synthetic and r.format == "csv"
    assert (f["wave"] == "current").sum() == synthetic.N_CURRENT
    assert (f["wave"] == "earlier").sum() == synthetic.N_EARLIER
    text = " ".join(f["helped"].dropna()) + " ".join(f["hindered"].dropna())
    for needle in ("@example", "07700 900", "Dr Priya Patel", "<script>alert(1)</script>"):
        assert needle in text


def test_csv_with_labels_matches_codes(tmp_path, small):
    codes = tmp_path / "codes.csv"
    small.to_csv(codes, index=False)
    labelled = tmp_path / "labels.csv"
    with_labels(small).to_csv(labelled, index=False)
    a, b = load(codes), load(labelled)
    pd.testing.assert_frame_equal(a, b)
    assert a["profession"].astype(object).tolist() == small["profession"].tolist()


def test_excel(tmp_path, small):
    path = tmp_path / "responses.xlsx"
    with_labels(small).to_excel(path, index=False)
    before = sha(path)
    pd.testing.assert_frame_equal(load(path), load_csv(tmp_path, small))
    assert sha(path) == before


def load_csv(tmp_path, small):
    path = tmp_path / "ref.csv"
    small.to_csv(path, index=False)
    return load(path)


def test_spss_with_value_labels(tmp_path, small):
    path = tmp_path / "responses.sav"
    frame = small.copy()
    value_labels = {}
    for var, codes in BOOK.profile.items():
        numbers = {code: k + 1 for k, code in enumerate(codes)}
        frame[var] = small[var].map(numbers).astype(float)
        value_labels[var] = {float(k + 1): label for k, (code, label) in enumerate(codes.items())}
    likert_labels = {float(c): l for c, l in BOOK.scale.items()}
    likert_labels[float(BOOK.dont_know)] = BOOK.dont_know_label
    for col in BOOK.item_columns():
        frame[col] = small[col].astype(float)
        value_labels[col] = likert_labels
    for col in BOOK.freetext:
        frame[col] = small[col].fillna("")
    pyreadstat.write_sav(
        frame, str(path), variable_value_labels=value_labels, missing_ranges={c: [9] for c in BOOK.item_columns()}
    )
    before = sha(path)
    got = load(path)
    assert sha(path) == before
    ref = load_csv(tmp_path, small)
    pd.testing.assert_frame_equal(got, ref)
    assert (got.filter(like="__").to_numpy() == 9).sum() > 0  # user-missing 9 kept as don't know


def test_qualtrics_export(tmp_path, small):
    path = tmp_path / "qualtrics.csv"
    frame = with_labels(small)
    frame.insert(0, "ResponseId", ["R_" + s for s in small["respondent_id"]])
    frame.insert(0, "StartDate", "2024-05-01 10:00:00")
    frame.insert(2, "IPAddress", "192.0.2.1")
    text_row = {c: f"Question text for {c}" for c in frame.columns}
    import_row = {c: json.dumps({"ImportId": f"QID{k}"}) for k, c in enumerate(frame.columns)}
    full = pd.concat([pd.DataFrame([text_row, import_row]), frame], ignore_index=True)
    full.to_csv(path, index=False)
    assert loaders.detect_format(path) == "qualtrics"
    before = sha(path)
    got = load(path)
    assert sha(path) == before
    pd.testing.assert_frame_equal(got, load_csv(tmp_path, small))
    assert loaders.load_responses(path).synthetic  # ids come from the generator


def test_bad_value_names_file_row_column_value_and_allowed(tmp_path, small):
    path = tmp_path / "bad.csv"
    frame = small.copy()
    frame.loc[4, "works_with_acp"] = "yes"
    frame.loc[4, "role_clarity__acp"] = 7
    frame.to_csv(path, index=False)
    before = path.read_bytes()
    with pytest.raises(InputError) as err:
        load(path)
    msg = str(err.value)
    assert "bad.csv" in msg and "row 6" in msg and "role_clarity__acp" in msg and "'7'" in msg
    assert "strongly agree" in msg and "don't know" in msg
    assert path.read_bytes() == before


def test_bad_profile_label(tmp_path, small):
    path = tmp_path / "bad.xlsx"
    frame = with_labels(small)
    frame.loc[2, "setting"] = "Hospice"
    frame.to_excel(path, index=False)
    with pytest.raises(InputError, match=r"row 4, column 'setting'.*Hospice.*allowed: acute"):
        load(path)


def test_routing_violation(tmp_path, small):
    path = tmp_path / "route.csv"
    frame = small.copy()
    k = int(np.flatnonzero(frame["works_with_pa"] == "no")[0])
    frame.loc[k, "team_workload__pa"] = 4
    frame.to_csv(path, index=False)
    with pytest.raises(InputError, match=rf"row {k + 2}, column 'team_workload__pa': routing"):
        load(path)


def test_item_not_in_wave(tmp_path, small):
    path = tmp_path / "wave.csv"
    frame = small.copy()
    k = int(np.flatnonzero((frame["wave"] == "earlier") & (frame["works_with_acp"] == "yes"))[0])
    frame.loc[k, "onboarding__acp"] = 3
    frame.to_csv(path, index=False)
    with pytest.raises(InputError, match="onboarding__acp': item not asked in the earlier wave"):
        load(path)


def test_missing_column_and_duplicate_id(tmp_path, small):
    path = tmp_path / "missing.csv"
    small.drop(columns=["region"]).to_csv(path, index=False)
    with pytest.raises(InputError, match="missing column region"):
        load(path)
    path2 = tmp_path / "dup.csv"
    frame = small.copy()
    frame.loc[3, "respondent_id"] = frame.loc[1, "respondent_id"]
    frame.to_csv(path2, index=False)
    with pytest.raises(InputError, match="row 5, column 'respondent_id': respondent_id is not unique"):
        load(path2)


def test_blank_required_answer(tmp_path, small):
    path = tmp_path / "blank.csv"
    frame = small.copy().astype(object)
    frame.loc[0, "profession"] = ""
    frame.to_csv(path, index=False)
    with pytest.raises(InputError, match="row 2, column 'profession': required answer is blank"):
        load(path)


def test_unsupported_type(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}")
    with pytest.raises(InputError, match="unsupported file type"):
        load(path)


def test_real_data_not_flagged_synthetic(tmp_path, small):
    path = tmp_path / "real.csv"
    frame = small.copy()
    frame["respondent_id"] = [f"R{k}" for k in range(len(frame))]
    frame.to_csv(path, index=False)
    assert loaders.load_responses(path).synthetic is False


@pytest.mark.parametrize(
    "find, replace, key",
    [
        ("  dont_know_label:", "  dont_know_lable:", "scale.dont_know_lable"),  # misspelt key
        ("    theme: funding", "    theme: fundng", "items.4.theme"),  # not a theme
        ("    waves: [current]", "    waves: current", "items.1.waves"),  # a text, not a list
    ],
)
def test_codebook_error_names_file_line_and_key(tmp_path, find, replace, key):
    lines = (DATA / "survey" / "codebook.yml").read_text(encoding="utf-8").splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith(find))
    lines[k] = lines[k].replace(find, replace)
    path = tmp_path / "codebook.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        cb.load(path)
    assert (err.value.file, err.value.line, err.value.key) == ("codebook.yml", k + 1, key)
    assert f"codebook.yml, line {k + 1}, key '{key}'" in str(err.value)


def test_margins_error_names_line(tmp_path):
    path = tmp_path / "margins.csv"
    path.write_text("variable,category,share\nsetting,acute,0.5\nsetting,hospice,0.5\n")
    with pytest.raises(InputError, match=r"margins.csv, line 3, column 'category': unknown category"):
        weighting.read_margins(path)
    path.write_text("variable,category\nsetting,acute\n")
    with pytest.raises(InputError, match=r"margins.csv, line 1, column 'share': required column missing"):
        weighting.read_margins(path)


def test_rake_names_respondent_outside_the_margins():
    frame = pd.DataFrame({"respondent_id": ["R1", "R2", "R3"], "setting": ["acute", "other", "acute"]})
    with pytest.raises(
        InputError,
        match=r"column 'setting': respondent R2 is in a category that has no "
        r"population margin \(got 'other'\); allowed: acute, community",
    ):
        weighting.rake(frame, {"setting": {"acute": 0.5, "community": 0.5}}, file="x.csv")
