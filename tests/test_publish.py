"""publish.tables.html_table: display of a DataFrame as escaped HTML without the row-number index."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from skillmix.publish.tables import html_table


def rows(html: str) -> list[list[str]]:
    """The cells (th and td) of each row of an HTML table, as text."""
    return [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    ]


def html(frame) -> str:
    out = html_table(frame)
    return out.data


def test_headers_and_no_index_column():
    frame = pd.DataFrame({"Role": ["ACP", "PA"], "n": [12, 30]})
    assert rows(html(frame)) == [["Role", "n"], ["ACP", "12"], ["PA", "30"]]
    assert "<th>0</th>" not in html(frame)


def test_unnamed_integer_index_left_by_filtering_is_dropped():
    frame = pd.DataFrame({"Role": ["ACP", "PA", "NA"], "n": [12, 30, 7]})
    assert rows(html(frame[frame["n"] > 10])) == [["Role", "n"], ["ACP", "12"], ["PA", "30"]]


def test_text_is_escaped():
    frame = pd.DataFrame({"Answer": ["Fine. <script>alert(1)</script> & more"]})
    out = html(frame)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in out


def test_meaningful_index_is_kept_as_first_column():
    frame = pd.DataFrame({"Records": [3, 5]}, index=pd.Index(["Role design", "Funding"], name="Theme"))
    assert rows(html(frame)) == [["Theme", "Records"], ["Role design", "3"], ["Funding", "5"]]
    unnamed_labels = pd.DataFrame({"Records": [3]}, index=["Role design"])
    assert rows(html(unnamed_labels)) == [["index", "Records"], ["Role design", "3"]]
    two_levels = pd.DataFrame(
        {"n": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 1), ("a", 2)], names=["item", "wave"])
    )
    assert rows(html(two_levels)) == [["item", "wave", "n"], ["a", "1", "1"], ["a", "2", "2"]]


def test_deterministic_plain_table():
    frame = pd.DataFrame({"x": [1.5, 2.25], "y": ["a", "b"]})
    first, second = html(frame), html(frame.copy())
    assert first == second
    assert first.startswith('<table class="dataframe">') and "id=" not in first and "<style" not in first


def test_numbers_as_pandas_shows_them_missing_values_empty_and_nothing_truncated():
    frame = pd.DataFrame({"ratio": [2.123456789, 0.5, np.nan], "n": [1, 2, 3], "text": ["x" * 80, "b", "c"]})
    body = rows(html(frame))[1:]
    assert [r[0] for r in body] == ["2.123457", "0.500000", ""]
    assert body[0][2] == "x" * 80
    long = pd.DataFrame({"n": range(100)})
    assert len(rows(html(long))) == 101


def test_cells_are_those_of_the_notebook_display_without_its_index():
    frame = pd.DataFrame(
        {
            "share": [0.123456789, 12.5, 3.0],
            "ratio": [2.6, 1.25, 0.333],
            "n": [1, 20, 300],
            "period": ["2024-03-31", "2024-06-30", "2024-09-30"],
        }
    ).round(3)
    notebook_display = [row[1:] for row in rows(frame._repr_html_())]
    assert rows(html(frame)) == notebook_display


def test_link_column_shows_hosts_as_links_and_escapes_the_rest():
    frame = pd.DataFrame({"Note": ["<b>bold</b>"], "Source": ["https://www.example.org/a?b=1&c=2"]})
    out = html_table(frame, link_column="Source").data
    assert '<a href="https://www.example.org/a?b=1&amp;c=2">www.example.org</a>' in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out


def test_publisher_writes_named_tables_and_figures_under_the_chapter_outputs(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    from skillmix.publish import Figure, Publisher, Table

    monkeypatch.chdir(tmp_path)
    out = Publisher("demo")
    shown = pd.DataFrame({"Role": ["ACP"], "n": [12]})
    full = shown.assign(total=1_348_584)
    display = out.table(Table(shown, name="roles", data=full))
    assert rows(display.data) == [["Role", "n"], ["ACP", "12"]]
    assert (tmp_path / "outputs" / "demo" / "roles.csv").read_text() == "Role,n,total\nACP,12,1348584\n"
    assert out.table(Table(shown)).data == display.data  # unnamed: shown, not written
    assert sorted(p.name for p in (tmp_path / "outputs" / "demo").iterdir()) == ["roles.csv"]
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    out.figure(Figure(fig, shown, "line"))
    assert (tmp_path / "outputs" / "demo" / "line.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "outputs" / "demo" / "line.csv").is_file()
    assert not plt.get_fignums()  # the figure was closed


def test_markdown_text_is_glued_as_markdown_and_other_values_as_they_are(monkeypatch):
    from skillmix.core.artifacts import MarkdownText
    from skillmix.publish import glue as glue_module

    glued = {}
    monkeypatch.setattr(glue_module, "glue", lambda key, value, display: glued.update({key: value}))
    glue_module.glue_all({"md": MarkdownText("**L01**"), "n": 3, "text": "plain"})
    assert type(glued["md"]).__name__ == "Markdown" and glued["md"].data == "**L01**"
    assert glued["n"] == 3 and glued["text"] == "plain"
