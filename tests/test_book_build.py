"""The book build is skipped while nothing it reads has changed since its last success."""

import subprocess

import pytest

from skillmix.pipeline import build


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A book folder under a project root, and a fake jupyter-book that writes the index page
    (or fails when the book holds a file named FAIL)."""
    monkeypatch.setattr(build, "ROOT", tmp_path)
    (tmp_path / "requirements.txt").write_text("sphinx\n")
    folder = tmp_path / "_build" / "runs" / "demo"
    (folder / "chapters").mkdir(parents=True)
    (folder / "chapters" / "one.ipynb").write_text("{}")
    calls = []

    def fake_run(command, **kwargs):
        calls.append(command)
        failed = (folder / "FAIL").exists()
        if not failed:
            (folder / "_build" / "html").mkdir(parents=True, exist_ok=True)
            (folder / "_build" / "html" / "index.html").write_text("<html></html>")
        return subprocess.CompletedProcess(command, int(failed), "", "")

    monkeypatch.setattr(build.subprocess, "run", fake_run)
    return folder, calls


def test_an_unchanged_book_is_not_built_again_and_a_changed_one_is(book):
    book, calls = book
    quiet = lambda *_: None  # noqa: E731
    index = build.build_book(book, log=quiet)
    assert index == book / "_build" / "html" / "index.html" and len(calls) == 1
    assert build.build_book(book, log=quiet) == index and len(calls) == 1
    (book / "chapters" / "one.ipynb").write_text('{"cells": []}')
    build.build_book(book, log=quiet)
    assert len(calls) == 2
    (book / "_build" / "html" / "index.html").unlink()  # the HTML gone: built again
    build.build_book(book, log=quiet)
    assert len(calls) == 3


def test_a_failed_build_is_never_taken_for_a_done_one(book):
    book, calls = book
    quiet = lambda *_: None  # noqa: E731
    build.build_book(book, log=quiet)
    (book / "FAIL").write_text("")
    with pytest.raises(SystemExit):
        build.build_book(book, log=quiet)
    with pytest.raises(SystemExit):
        build.build_book(book, log=quiet)  # still built (and failing), not skipped
    assert len(calls) == 3
