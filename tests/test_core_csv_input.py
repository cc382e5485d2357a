"""The one CSV reader: header checks, text cells and messages that name the file and line."""

from __future__ import annotations

import pytest

from skillmix.core.csv_input import line_of, read_csv
from skillmix.core.errors import InputError


def write(tmp_path, data: bytes, name="input.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_text_cells_in_declared_order_and_lines_counted_from_the_header(tmp_path):
    frame = read_csv(write(tmp_path, b"b,a\n,01\n"), ["a", "b"])
    assert list(frame.columns) == ["a", "b"] and frame.iloc[0].tolist() == ["01", ""]
    assert line_of(0) == 2


@pytest.mark.parametrize(
    "data, message",
    [
        (b"a\n1\n", "input.csv, line 1, column 'b': required column missing"),
        (b"a,b,c\n1,2,3\n", "input.csv, line 1, column 'c': unexpected column"),
        (b"", "input.csv: the file is empty (no header line)"),
        (b"a,b\nna\xefve,1\n\xe9,2\n", "input.csv: not a UTF-8 text file"),
        (b"a,b\n1,2\n3,4,5\n", "input.csv, line 3: row has 3 fields, the header has 2"),
        (b"a,b\n1,2,3\n4,5,6\n", "input.csv, line 2: rows have more fields than the header"),
    ],
)
def test_bad_files_fail_with_file_and_line(tmp_path, data, message):
    with pytest.raises(InputError) as err:
        read_csv(write(tmp_path, data), ["a", "b"])
    assert str(err.value).startswith(message)


def test_missing_file_names_what_it_is(tmp_path):
    with pytest.raises(InputError, match="missing.csv: demo counts not found"):
        read_csv(tmp_path / "missing.csv", ["a"], what="demo counts")


def test_extra_columns_kept_when_not_exact_and_numbers_when_not_text(tmp_path):
    frame = read_csv(write(tmp_path, b"a,b,c\n1,2,3\n"), ["a"], exact=False, text=False)
    assert list(frame.columns) == ["a", "b", "c"] and frame["a"].dtype.kind == "i"
