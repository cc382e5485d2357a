"""Tests of skillmix.workforce.official_csv, the readers of official NHS England CSVs, on small
synthetic files (tests/fixtures/workforce)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillmix.core.errors import InputError
from skillmix.workforce import gp_practice, gp_ratio, official_csv

FIXTURES = Path(__file__).parent / "fixtures" / "workforce"
PRACTICE = FIXTURES / "gp_practice_september_2023_synthetic.csv"
PCN = FIXTURES / "pcn_individual_september_2023_synthetic.csv"


def _variant(tmp_path, source, name, edit):
    lines = source.read_text(encoding="utf-8").splitlines()
    lines = edit(lines)
    out = tmp_path / name
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _replace_cell(column, line_no, new):
    def edit(lines):
        header = lines[0].split(",")
        cells = lines[line_no - 1].split(",")
        cells[header.index(column)] = new
        lines[line_no - 1] = ",".join(cells)
        return lines

    return edit


def _drop_column(column):
    def edit(lines):
        index = lines[0].split(",").index(column)
        return [",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines]

    return edit


# ---------------------------------------------------------------- practice level


def test_practice_fixture_national_totals():
    practices = official_csv.load_practice_csv(PRACTICE)
    assert len(practices) == 5
    totals = official_csv.practice_totals(practices)
    assert totals == {
        "gp_all_incl_trainees_fte": pytest.approx(23.0),
        "gp_fully_qualified_fte": pytest.approx(20.0),
        "gp_permanent_fte": pytest.approx(18.5),
        "gp_nurses_fte": pytest.approx(11.0),
        "gp_dpc_fte": pytest.approx(14.0),
        "gp_admin_fte": pytest.approx(41.0),
    }
    assert official_csv.practice_missing(practices)["gp_nurses_fte"] == 1
    assert official_csv.period_from_name(PRACTICE) == "2023-09-30"


def test_practice_rows_feed_the_ratio():
    practices = official_csv.load_practice_csv(PRACTICE)
    rows = gp_practice.practice_rows(official_csv.practice_totals(practices), "2023-09-30", PRACTICE.name)
    assert set(rows["vintage"]) == {gp_practice.PRACTICE_CSV_VINTAGE}
    ratios = gp_ratio.gp_ratios(rows, "nurses_dpc", "permanent")
    assert ratios["ratio"].tolist() == [pytest.approx((11.0 + 14.0) / 18.5)]


def test_official_file_name_gives_period():
    assert (
        official_csv.period_from_name("1 General Practice – February 2024 Practice Level - Detailed.csv")
        == "2024-02-29"
    )
    with pytest.raises(InputError, match="reference month"):
        official_csv.period_from_name("practices.csv")


@pytest.mark.parametrize("column", ["PRAC_CODE", "TOTAL_GP_EXTGL_FTE", "TOTAL_DPC_FTE"])
def test_practice_missing_column(tmp_path, column):
    path = _variant(tmp_path, PRACTICE, "gp_practice_september_2023.csv", _drop_column(column))
    with pytest.raises(InputError) as info:
        official_csv.load_practice_csv(path)
    message = str(info.value)
    assert "gp_practice_september_2023.csv" in message and "line 1" in message
    assert f"column '{column}'" in message and "required column missing" in message
    assert "TOTAL_NURSES_FTE" in message  # the allowed (required) columns are listed


@pytest.mark.parametrize("value", ["three", '"1,5"', "-0.5", "inf"])
def test_practice_bad_fte(tmp_path, value):
    path = _variant(tmp_path, PRACTICE, "gp_practice_september_2023.csv", _replace_cell("TOTAL_NURSES_FTE", 4, value))
    with pytest.raises(InputError) as info:
        official_csv.load_practice_csv(path)
    assert (info.value.line, info.value.column, info.value.value) == (4, "TOTAL_NURSES_FTE", value.strip('"'))
    assert "gp_practice_september_2023.csv, line 4, column 'TOTAL_NURSES_FTE'" in str(info.value)


def test_practice_unquoted_comma(tmp_path):
    path = _variant(tmp_path, PRACTICE, "gp_practice_september_2023.csv", _replace_cell("TOTAL_NURSES_FTE", 4, "1,5"))
    with pytest.raises(InputError, match=r"line 4: row has 27 fields, the header has 26"):
        official_csv.load_practice_csv(path)


def test_practice_duplicate_code(tmp_path):
    path = _variant(tmp_path, PRACTICE, "gp_practice_september_2023.csv", _replace_cell("PRAC_CODE", 5, "Z99001"))
    with pytest.raises(InputError, match=r"line 5, column 'PRAC_CODE': practice code appears twice"):
        official_csv.load_practice_csv(path)


def test_practice_empty_file(tmp_path):
    path = _variant(tmp_path, PRACTICE, "gp_practice_september_2023.csv", lambda lines: lines[:1])
    with pytest.raises(InputError, match="no data rows"):
        official_csv.load_practice_csv(path)


# ---------------------------------------------------------------- PCN individual level


def test_pcn_fixture_totals():
    records = official_csv.load_pcn_csv(PCN)
    assert len(records) == 9 and set(records["period"]) == {"2023-09-30"}
    totals = official_csv.pcn_totals(records).set_index("STAFF_GROUP")["fte"]
    assert totals["Other Direct Patient Care staff"] == pytest.approx(4.0)
    assert totals["Directors"] == pytest.approx(0.25)
    assert totals["Other Admin/Non-clinical staff"] == pytest.approx(0.6)
    assert totals["Other Nurses"] == pytest.approx(0.4)
    assert totals["Other GPs"] == pytest.approx(0.6)
    by_source = official_csv.pcn_totals(records, by=("Data_source", "STAFF_GROUP")).set_index(
        ["Data_source", "STAFF_GROUP"]
    )
    assert by_source.loc[("NWRS Staff", "Other Direct Patient Care staff"), "fte"] == pytest.approx(3.3)
    assert by_source.loc[("NWRS contracted services", "Other Direct Patient Care staff"), "fte"] == pytest.approx(0.7)


def test_pcn_missing_column(tmp_path):
    path = _variant(tmp_path, PCN, "pcn.csv", _drop_column("STAFF_GROUP"))
    with pytest.raises(InputError) as info:
        official_csv.load_pcn_csv(path)
    assert (info.value.line, info.value.column) == (1, "STAFF_GROUP")


@pytest.mark.parametrize(
    "column, value, problem",
    [
        ("FTE", "full", "not a number"),
        ("FTE", "", "value missing"),
        ("FTE", "3.5", "number out of range"),
        ("CENSUS_MONTH", "13", "census month must be 1 to 12"),
        ("CENSUS_YEAR", "23", "census year must be YYYY"),
        ("STAFF_GROUP", "Pharmacists", "unknown staff group"),
        ("Data_source", "ARRS claims", "unknown data source"),
    ],
)
def test_pcn_bad_cells(tmp_path, column, value, problem):
    path = _variant(tmp_path, PCN, "pcn.csv", _replace_cell(column, 7, value))
    with pytest.raises(InputError) as info:
        official_csv.load_pcn_csv(path)
    assert problem in str(info.value)
    assert (info.value.line, info.value.column) == (7, column)
    assert "pcn.csv, line 7" in str(info.value)
