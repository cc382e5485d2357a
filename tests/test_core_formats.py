"""Tests of skillmix.core.formats: numbers and dates as the prose quotes them."""

from __future__ import annotations

import math

import pytest

from skillmix.core.formats import NOT_AVAILABLE, fmt_date, fmt_int, fmt_num, fmt_pct


@pytest.mark.parametrize(
    "call, expected",
    [
        (lambda: fmt_int(27519.4), "27,519"),
        (lambda: fmt_int(1031091), "1,031,091"),
        (lambda: fmt_num(2.1188), "2.12"),
        (lambda: fmt_num(2.6, 1), "2.6"),
        (lambda: fmt_num(12345.678, 1), "12,345.7"),
        (lambda: fmt_pct(0.1700), "17%"),
        (lambda: fmt_pct(0.3567, 1), "35.7%"),
        (lambda: fmt_date("2015-09-30"), "30 September 2015"),
        (lambda: fmt_date("2024-02-01"), "1 February 2024"),
        (lambda: fmt_date("2009/10"), "2009/10"),
    ],
)
def test_formats(call, expected):
    assert call() == expected


@pytest.mark.parametrize("fmt", [fmt_int, fmt_num, fmt_pct])
def test_missing_values_read_not_available(fmt):
    assert fmt(None) == NOT_AVAILABLE
    assert fmt(math.nan) == NOT_AVAILABLE
