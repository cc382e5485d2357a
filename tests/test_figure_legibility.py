"""Figures legible at both widths: every figure a chapter publishes is an SVG whose smallest
text is at least 9 CSS px when the figure is 342 px wide (its width on a 390 px phone), links
to its full-size copy, and is byte-identical when drawn again in another process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from skillmix.core import chapter_spec, style
from skillmix.core.paths import CHAPTERS
from skillmix.publish import figures

DIRECTIVE = re.compile(r"^```\{figure\} (\S+)\n((?::[^\n]*\n)*)", re.M)


def published_figures() -> list[tuple[str, str, str]]:
    """(notebook, image path, option lines) of every {figure} directive of every chapter."""
    found = []
    for notebook in sorted(CHAPTERS.glob("*.ipynb")):
        for cell in nbformat.read(notebook, as_version=4).cells:
            if cell.cell_type == "markdown":
                for image, options in DIRECTIVE.findall(cell.source + "\n"):
                    found.append((notebook.name, image, options))
    return found


FIGURES = published_figures()


@pytest.fixture(autouse=True)
def book_style():
    """The book's plotting style, undone after each test (matplotlib's settings are global)."""
    with plt.rc_context():
        style.setup()
        yield


def test_the_chapters_publish_figures():
    assert len(FIGURES) >= 18
    assert {notebook for notebook, _, _ in FIGURES} >= {
        "01_workforce.ipynb",
        "02_evidence_review.ipynb",
        "03_survey.ipynb",
        "04_lessons.ipynb",
    }


@pytest.mark.parametrize("notebook, image, options", FIGURES, ids=[image for _, image, _ in FIGURES])
def test_every_published_figure_is_a_legible_svg_that_links_to_its_full_size(notebook, image, options):
    assert image.endswith(".svg"), f"{notebook}: {image} is not an SVG"
    path = CHAPTERS / image
    measured = figures.check_legible(path)  # raises IllegibleFigure under 9 px on a phone
    assert measured.px(style.PHONE_COLUMN_PX) >= style.MIN_TEXT_PX
    assert measured.px(style.LAPTOP_FIGURE_PX) >= style.MIN_TEXT_PX
    assert measured.width_in <= style.WIDTH + 0.3, f"{image} is {measured.width_in:.2f} in wide"
    # Sphinx links an image given a width to its full-size copy (html_scaled_image_link).
    assert ":width: 100%" in options.splitlines(), f"{notebook}: {image} has no :width: 100%"
    text = path.read_text(encoding="utf-8")
    assert "<dc:date>" not in text and "Matplotlib v" not in text  # no date, no software version


def test_outputs_hold_no_image_that_no_page_shows():
    shown = {CHAPTERS / image for _, image, _ in FIGURES}
    images = {p for p in (CHAPTERS / "outputs").glob("*/*") if p.suffix in (".svg", ".png")}
    assert images - shown == set()


# --------------------------------------------------------------------------- measuring


def test_text_sizes_are_read_from_the_svg(tmp_path):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    ax.set_ylabel("turned label", fontsize=13)
    ax.set_title("a title")
    path = tmp_path / "t.svg"
    fig.savefig(path, format="svg", metadata=figures.SVG_METADATA, bbox_inches="tight")
    plt.close(fig)
    texts = dict(figures.svg_texts(path.read_text()))
    assert texts["turned label"] == 13.0 and texts["a title"] == style.TITLE_PT and texts["0.0"] == style.FONT_PT
    measured = figures.legibility(path.read_text())
    assert measured.font_pt == style.FONT_PT and 3.5 < measured.width_in < 4.5
    assert measured.px() == pytest.approx(style.FONT_PT * 342 / (measured.width_in * 72))


def test_the_book_style_meets_the_minimum_with_room_for_a_tight_bounding_box():
    assert style.rendered_px(style.FONT_PT, style.WIDTH + 0.3) >= style.MIN_TEXT_PX
    assert style.rendered_px(11, 5.5) == pytest.approx(9.5, abs=0.01)
    assert style.rendered_px(11, 5.5, style.LAPTOP_FIGURE_PX) == pytest.approx(16.67, abs=0.01)
    assert style.rendered_px(9, 10.68, 757) == pytest.approx(8.86, abs=0.01)  # the old staff-mix legend


def test_a_figure_too_wide_for_its_text_is_refused(tmp_path, monkeypatch):
    from skillmix.publish import Figure, Publisher

    monkeypatch.chdir(tmp_path)
    out = Publisher("demo")
    fig, ax = plt.subplots(figsize=(10.7, 5))  # the old staff-mix figure: 9 pt legend, 10.7 in wide
    ax.plot([0, 1], [0, 1], label="fully qualified GPs")
    ax.legend(fontsize=9)
    with pytest.raises(figures.IllegibleFigure, match=r"'fully qualified GPs' of 9 pt .* is [4-6]\.\d px on a phone"):
        out.figure(Figure(fig, pd.DataFrame({"x": [0, 1]}), "wide"))
    fig, ax = plt.subplots(figsize=(style.WIDTH, 3))
    ax.plot([0, 1], [0, 1])
    out.figure(Figure(fig, pd.DataFrame({"x": [0, 1]}), "narrow"))  # 11 pt in 5.5 in: accepted


# --------------------------------------------------------------------------- byte-identical

DRAW = textwrap.dedent(
    """
    import sys
    import numpy as np
    import pandas as pd
    import matplotlib.pyplot as plt
    from skillmix.core import style
    from skillmix.core.artifacts import SYNTHETIC
    from skillmix.publish import figures

    style.setup()
    fig, (a, b) = plt.subplots(2, 1, figsize=(style.WIDTH, 6), layout="constrained")
    a.plot(pd.date_range("2016-01-01", periods=5, freq="YS"), [3, 1, 4, 1, 5], marker="o", label="a line")
    a.legend()
    b.imshow(np.arange(12).reshape(3, 4), cmap=style.SEQUENTIAL)  # an embedded raster image
    b.set_title("counts")
    figures.save_figure(fig, pd.DataFrame({"x": [1]}), "demo", "drawn", SYNTHETIC)
    """
)


def test_an_svg_drawn_twice_in_two_processes_is_byte_identical(tmp_path):
    outputs = []
    for k, seed in enumerate(("1", "2")):
        folder = tmp_path / f"run{k}"
        folder.mkdir()
        done = subprocess.run(
            [sys.executable, "-c", DRAW],
            cwd=folder,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        outputs.append((folder / "outputs" / "demo" / "drawn.svg").read_bytes())
    assert outputs[0] == outputs[1]
    assert b"<image" in outputs[0] and b"Synthetic data" in outputs[0]


# --------------------------------------------------------------------------- the figures the issue named


@pytest.fixture(scope="module")
def workforce():
    from skillmix.workforce.chapter import WorkforceChapter

    return WorkforceChapter(chapter_spec.check(WorkforceChapter.NAME))


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_two_gp_series_differ_in_colour_and_marker(workforce):
    from skillmix.workforce.plot_style import GP_SERIES

    (_, fq, fq_marker), (_, permanent, permanent_marker) = (
        GP_SERIES["gp_fully_qualified_fte"],
        GP_SERIES["gp_permanent_fte"],
    )
    light, dark = sorted((_luminance(fq), _luminance(permanent)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 3  # the old pair of blues: 2.2
    assert fq_marker != permanent_marker
    figure = workforce.staff_mix_figure()
    drawn = {line.get_color().lower() for line in figure.figure.axes[0].lines if len(line.get_xdata())}
    plt.close(figure.figure)
    assert {fq.lower(), permanent.lower()} <= drawn


def test_hchs_totals_start_at_zero(workforce):
    figure = workforce.hchs_figure()
    axes = figure.figure.axes
    plt.close(figure.figure)
    assert [ax.get_ylim()[0] for ax in axes] == [0, 0]
    assert axes[0].get_ylim()[1] >= figure.data.loc[figure.data["series"] == "hchs_total_fte", "value"].max()
