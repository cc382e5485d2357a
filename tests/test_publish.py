"""publish: tables in the book's one style (numbered caption, reader labels, formatted cells,
escaped HTML, source line and CSV link), downloads that keep exact values, glue and marks."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from skillmix.core.artifacts import SYNTHETIC
from skillmix.publish import Publisher, Table, cells
from skillmix.publish.checks import page_problems
from skillmix.publish.tables import LONG, SHORT, md_escape, render_markdown, shown, table_id


def rows(html: str) -> list[list[str]]:
    """The cells (th and td) of each row of an HTML table, as text."""
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    ]


def render(frame, **fields) -> str:
    """The markdown of `frame` shown as Table 1.2 (a caption unless given)."""
    table = Table(frame, **{"caption": "A caption", "source": "A source.", **fields})
    return render_markdown(table, "Table 1.2", "tbl-demo-x", "outputs/demo/x.csv")


@pytest.fixture
def publisher(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Publisher("demo")


def test_headers_and_no_index_column():
    frame = pd.DataFrame({"Role": ["ACP", "PA"], "n": [12, 30]})
    assert rows(render(frame)) == [["Role", "n"], ["ACP", "12"], ["PA", "30"]]


def test_unnamed_integer_index_left_by_filtering_is_dropped_and_a_meaningful_one_kept():
    frame = pd.DataFrame({"Role": ["ACP", "PA", "NA"], "n": [12, 30, 7]})
    assert rows(render(frame[frame["n"] > 10])) == [["Role", "n"], ["ACP", "12"], ["PA", "30"]]
    themed = pd.DataFrame({"Records": [3, 5]}, index=pd.Index(["Role design", "Funding"], name="Theme"))
    assert rows(render(themed)) == [["Theme", "Records"], ["Role design", "3"], ["Funding", "5"]]


def test_html_is_escaped_with_caption_scoped_headers_and_a_stable_id():
    frame = pd.DataFrame({"Answer": ["Fine. <script>alert(1)</script> & more"], "n": [3]})
    out = render(frame, caption="Answers <b>quoted</b>")
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in out
    assert '<caption id="tbl-demo-x-caption"><span class="sm-table__number">Table 1.2:</span> Answers &lt;b&gt;' in out
    assert '<th scope="col">Answer</th>' in out and "<th>" not in out
    assert out.startswith('(tbl-demo-x)=\n<div class="sm-table') and 'id="tbl-demo-x"' in out
    assert out == render(frame.copy(), caption="Answers <b>quoted</b>")  # deterministic
    assert page_problems(out, downloads=False) == []
    assert table_id("evidence_review", "findings_role_design") == "tbl-evidence-review-findings-role-design"


def test_no_cell_holds_a_blank_line_that_would_end_the_html_block():
    out = render(pd.DataFrame({"Note": ["first\n\nsecond"]}))
    block = out.split("\n")[1]
    assert "first<br>second" in block and "</table>" in block


def test_source_line_is_escaped_markdown_with_the_csv_download():
    out = render(pd.DataFrame({"n": [1]}), source="NHS *England*; data/x_y.csv {role}`z` [1]")
    line = [part for part in out.split("\n\n") if part.startswith("Source:")][0]
    assert line == (
        "Source: NHS \\*England\\*; data/x\\_y\\.csv \\{role\\}\\`z\\` \\[1\\] "
        "{download}`Download Table 1.2 (CSV) <outputs/demo/x.csv>`"
    )
    assert md_escape("a  b\nc") == "a b c"


def test_a_shown_table_needs_a_caption():
    with pytest.raises(ValueError, match="caption"):
        render(pd.DataFrame({"n": [1]}), caption="")


def test_numbers_get_separators_consistent_decimals_and_percent_signs():
    frame = pd.DataFrame(
        {
            "FTE": [29364.0, 4353.0, np.nan],
            "ratio": [2.123456789, 0.5, 1.0],
            "share": [0.1234, 0.5, 0.07],
            "Year": [2019, 2020, 2021],
            "diff": [-1.574, 0.0, 0.25],
            "mixed": [1348584.0, 0.3333, 12],
        }
    )
    body = rows(render(frame, formats={"share": "percent:1", "diff": "signed:2", "mixed": "number"}))[1:]
    assert [r[0] for r in body] == ["29,364", "4,353", ""]
    assert [r[1] for r in body] == ["2.12", "0.50", "1.00"]  # the same decimals down the column
    assert [r[2] for r in body] == ["12.3%", "50.0%", "7.0%"]
    assert [r[3] for r in body] == ["2019", "2020", "2021"]  # a year has no separator
    assert [r[4] for r in body] == ["-1.57", "0.00", "+0.25"]
    assert [r[5] for r in body] == ["1,348,584", "0.33", "12"]
    assert cells.cell_text(True, "text") == "Yes" and cells.cell_text("2015-09-30", "date") == "30 September 2015"
    with pytest.raises(ValueError, match="unknown"):
        cells.split_spec("money")


def test_codes_and_column_names_become_reader_labels():
    frame = pd.DataFrame(
        {
            "evidence_level": ["primary_research", "review"],
            "roles": ["physician_associate; acp", "paramedic, arrs"],
            "vintage": ["superseded_original", "current"],
            "first_period": ["2021-03-31", "2024-03-31"],
            "short title": ["a", "b"],
        }
    )
    got = rows(render(frame))
    assert got[0] == ["Evidence level", "Roles", "Vintage", "First date", "Short title"]
    assert got[1][:3] == [
        "Primary research",
        "Physician associate, Advanced clinical practitioner",
        "Superseded (first releases)",
    ]
    assert got[2][1] == "Paramedic, ARRS (scheme as a whole)"
    assert rows(render(frame[["roles"]].rename(columns={"roles": "R"}), codes={"R": "roles"}))[1] == [
        "Physician associate, Advanced clinical practitioner"
    ]


def test_links_code_identifiers_and_citations():
    frame = pd.DataFrame(
        {
            "Source": ["https://www.example.org/a?b=1&c=2 https://nhs.uk/x"],
            "file": ["data/evidence/evidence_records.csv"],
            "Note": ["kept record `rec_a`; see data/x_y.csv and primary_research"],
            "Record": ["rec_a, unknown_id"],
        }
    )
    table = Table(
        frame, caption="c", link_column="Source", formats={"file": "code", "Note": "identifiers", "Record": "cite"}
    )
    cite = {"rec_a": ("Kessler 2020", "references.html#cite-rec-a")}.get
    out = render_markdown(table, "Table 1.2", "tbl-x", None, cite)
    assert (
        '<a href="https://www.example.org/a?b=1&amp;c=2">www.<wbr>example.<wbr>org</a>, '
        '<a href="https://nhs.uk/x">nhs.<wbr>uk</a>'
    ) in out
    assert "<code>data/<wbr>evidence/<wbr>evidence_<wbr>records.<wbr>csv</code>" in out
    assert 'kept record <a href="references.html#cite-rec-a">Kessler 2020</a>; see <code>data/' in out
    assert "<code>primary_<wbr>research</code>" in out
    assert '<a href="references.html#cite-rec-a">Kessler 2020</a>, unknown_id' in out  # unknown ids as given
    assert "{download}" not in out  # no CSV: no link


def test_long_tables_show_the_first_rows_and_fold_the_rest():
    long = pd.DataFrame({"n": range(LONG + 5)})
    out = render(long)
    main, rest = out.split("<details", 1)
    assert len(rows(main)) == SHORT + 1 and len(rows(rest)) == LONG + 5 - SHORT + 1
    assert f"Show the other {LONG + 5 - SHORT} rows of Table 1.2" in rest and "Table 1.2 (continued):" in rest
    assert page_problems(out, downloads=False) == []  # the fold's table has its caption too
    assert "<details" not in render(long, collapse=False) and len(rows(render(long, collapse=False))) == LONG + 6
    assert "<details" not in render(long.head(LONG))


def test_layouts_for_narrow_screens():
    numeric = shown(Table(pd.DataFrame({"a": ["x"], "n": [1], "m": [2.5]})))
    assert numeric.numeric == [False, True, True]
    assert "sm-table--numeric" in render(pd.DataFrame({"a": ["x"], "n": [1]}))
    assert "sm-table--wide" in render(pd.DataFrame({c: ["x"] for c in "abcd"}))
    assert "sm-table--text" in render(pd.DataFrame({c: ["x"] for c in "abc"}))
    assert 'data-label="Role"' in render(pd.DataFrame({"Role": ["x"], "n": [1]}))
    assert "sm-table--cards" in render(pd.DataFrame({"a": ["x"], "n": [1]}), cards=True)


def test_synthetic_tables_say_so_in_their_caption():
    out = render(pd.DataFrame({"n": [1]}), data_status=SYNTHETIC)
    assert "Synthetic data.</span></caption>" in out


def test_publisher_numbers_tables_writes_every_csv_and_links_it(publisher, tmp_path):
    shown_ = pd.DataFrame({"Role": ["ACP"], "n": [12]})
    full = shown_.assign(total=1_348_584)
    first = publisher.table(Table(shown_, name="roles", data=full, caption="Roles", source="S."))
    assert repr(first) == "Table 1: Roles"  # 'demo' has no chapter label
    assert (tmp_path / "outputs" / "demo" / "roles.csv").read_text() == "Role,n,total\nACP,12,1348584\n"
    assert "{download}`Download Table 1 (CSV) <outputs/demo/roles.csv>`" in first._repr_markdown_()
    second = publisher.table(Table(shown_, caption="Unnamed"))  # unnamed: named after its number
    assert repr(second) == "Table 2: Unnamed" and (tmp_path / "outputs" / "demo" / "table_2.csv").is_file()
    assert rows(second.html) == [["Role", "n"], ["ACP", "12"]]


def test_a_meaningful_index_is_a_column_of_the_download_too(publisher, tmp_path):
    frame = pd.DataFrame({"Year": [2020]}, index=pd.Index(["rec_a"], name="Record"))
    publisher.table(Table(frame, name="findings", caption="c"))
    assert (tmp_path / "outputs" / "demo" / "findings.csv").read_text() == "Record,Year\nrec_a,2020\n"


def test_publisher_numbers_by_the_chapter_label(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = Publisher("evidence_table")
    frame = pd.DataFrame({"n": [1]})
    assert [repr(out.table(Table(frame, name=f"t{i}", caption="c"))).split(":")[0] for i in range(2)] == [
        "Table B.1",
        "Table B.2",
    ]


def test_publisher_writes_figures_under_the_chapter_outputs(publisher, tmp_path):
    import matplotlib.pyplot as plt

    from skillmix.publish import Figure

    fig, ax = plt.subplots(figsize=(4, 3))  # matplotlib's default 6.4 in is too wide for 11 pt text on a phone
    ax.plot([0, 1], [0, 1])
    publisher.figure(Figure(fig, pd.DataFrame({"x": [0, 1]}), "line"))
    assert (tmp_path / "outputs" / "demo" / "line.svg").read_text().startswith("<?xml")
    assert (tmp_path / "outputs" / "demo" / "line.csv").is_file()
    assert not plt.fignum_exists(fig.number)  # the figure was closed (other tests' figures aside)


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


def stamps(svg) -> list[float]:
    """Font sizes (pt) of every "Synthetic data" drawn in an SVG, if drawn in the stamp's colour."""
    from skillmix.publish import figures

    text = svg.read_text()
    if figures.STAMP_COLOUR.lower() not in text:
        return []
    return [size for drawn, size in figures.svg_texts(text) if drawn == "Synthetic data"]


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
    assert stamps(tmp_path / "outputs" / "demo" / "bars_synthetic.svg") == [12.0]  # legible, inside the image
    assert stamps(tmp_path / "outputs" / "demo" / "bars_None.svg") == []
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
