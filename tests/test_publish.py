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


# --- precision of downloads ------------------------------------------------------------------


def test_save_csv_round_trips_every_value_exactly(tmp_path, monkeypatch):
    """No float_format: 1348584.0 is not written as 1.34858e+06, 0.1 + 0.2 keeps its last
    digit, tiny values keep theirs, integers stay integers."""
    import csv

    from skillmix.publish.tables import save_csv

    monkeypatch.chdir(tmp_path)
    frame = pd.DataFrame(
        {
            "total": [1348584.0, 0.1 + 0.2, 1e-9, 2 / 3 * 100],
            "count": [2**62 + 1, 1_348_584, 0, -7],
            "label": ["HCHS", "a", "b", "c"],
        }
    )
    path = save_csv(frame, "demo", "precise")
    text = (tmp_path / path).read_text()
    assert "1348584.0" in text and "e+06" not in text and "0.30000000000000004" in text
    back = pd.read_csv(tmp_path / path, float_precision="round_trip")
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    with open(tmp_path / path, newline="") as fh:  # any reader that parses floats correctly
        parsed = [float(row["total"]) for row in csv.DictReader(fh)]
    assert parsed == frame["total"].tolist()
    assert back["count"].dtype == "int64" and back.loc[0, "count"] == 2**62 + 1


# --- data status: marks that travel with synthetic data ---------------------------------------

STAMP_RGB = (0xB0, 0x00, 0x20)


def stamp_pixels(png) -> int:
    """Pixels of the stamp's colour in a PNG (the stamp is the only thing drawn in it)."""
    import matplotlib.image as mpimg

    image = mpimg.imread(png)[..., :3] * 255
    return int((np.abs(image - np.array(STAMP_RGB)).max(axis=-1) < 20).sum())


def test_synthetic_table_and_figure_are_marked_and_unmarked_ones_are_not(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    from skillmix.core.artifacts import SYNTHETIC
    from skillmix.publish import Figure, Publisher, Table

    monkeypatch.chdir(tmp_path)
    out = Publisher("demo")
    frame = pd.DataFrame({"role": ["ACP", "PA"], "pct": [40.5, 41.25]})
    out.save(Table(frame, name="marked", data_status=SYNTHETIC))
    out.save(Table(frame, name="plain"))
    marked = pd.read_csv(tmp_path / "outputs" / "demo" / "marked.csv")
    assert list(marked.columns) == ["role", "pct", "data_status"] and set(marked["data_status"]) == {"synthetic"}
    assert list(pd.read_csv(tmp_path / "outputs" / "demo" / "plain.csv").columns) == ["role", "pct"]

    figures = {}
    for status in (SYNTHETIC, None):
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.barh(frame["role"], frame["pct"], color="#0072B2")
        figures[status] = (fig, ax)
        out.figure(Figure(fig, frame, f"bars_{status}", data_status=status))
    synthetic_png = tmp_path / "outputs" / "demo" / "bars_synthetic.png"
    assert stamp_pixels(synthetic_png) > 200  # a visible, legible stamp inside the image
    assert stamp_pixels(tmp_path / "outputs" / "demo" / "bars_None.png") == 0
    assert "data_status" in pd.read_csv(tmp_path / "outputs" / "demo" / "bars_synthetic.csv")
    assert "data_status" not in pd.read_csv(tmp_path / "outputs" / "demo" / "bars_None.csv")
    # The stamp says so and covers no data: it lies outside the axes.
    fig, ax = figures[SYNTHETIC]
    (text,) = [t for t in fig.texts if t.get_text() == "Synthetic data"]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()  # the saved figure was closed
    assert not text.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))
    assert not [t for t in figures[None][0].texts if "Synthetic" in t.get_text()]


def test_glue_records_marked_keys_for_the_claims_ledger(tmp_path, monkeypatch):
    from skillmix.core.artifacts import SYNTHETIC, Values
    from skillmix.publish import Publisher
    from skillmix.publish import glue as glue_module

    monkeypatch.setattr(glue_module, "glue", lambda key, value, display: None)
    monkeypatch.chdir(tmp_path)
    status = tmp_path / "outputs" / "demo" / "data_status.csv"
    out = Publisher("demo")
    out.glue({"n_records": 92})  # unmarked: no file
    assert not status.exists()
    out.glue(Values({"pct": 41.2, "seed": 7}, SYNTHETIC, only=["pct"]))
    out.glue({"share": 0.5, "n": 3}, data_status=SYNTHETIC)  # a plain dict, every key marked
    out.glue(Values({"n_hand": 4}, None))  # None: nothing marked
    assert status.read_text() == "key,data_status\npct,synthetic\nshare,synthetic\nn,synthetic\n"
    out.glue({"n": 3})  # glued again unmarked: its mark goes
    assert status.read_text() == "key,data_status\npct,synthetic\nshare,synthetic\n"
    # A new run of the chapter starts with no marks: nothing stale survives a run on real data.
    again = Publisher("demo")
    assert not status.exists()
    again.glue({"pct": 40.0})
    assert not status.exists()


def test_marks_are_written_where_the_pipeline_stages_the_chapter_outputs(tmp_path, monkeypatch):
    """While the pipeline runs a chapter, every output, the list of marked values included, goes
    to its staging folder (moved into place with the rest when the chapter succeeds)."""
    from skillmix.core.artifacts import SYNTHETIC
    from skillmix.core.paths import OUTPUTS_ENV
    from skillmix.publish import Publisher, Table
    from skillmix.publish import glue as glue_module

    monkeypatch.setattr(glue_module, "glue", lambda key, value, display: None)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(OUTPUTS_ENV, str(tmp_path / "stage"))
    out = Publisher("demo")
    out.glue({"n": 3}, data_status=SYNTHETIC)
    out.save(Table(pd.DataFrame({"n": [3]}), name="counts", data_status=SYNTHETIC))
    assert sorted(p.name for p in (tmp_path / "stage" / "demo").iterdir()) == ["counts.csv", "data_status.csv"]
    assert not (tmp_path / "outputs").exists()
