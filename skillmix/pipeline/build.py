"""Build the HTML book with Jupyter Book 1 (execution off: papermill has executed it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..core.paths import ROOT

BUILD_FLAGS = ("-W", "-n", "--keep-going")


def build_book(book: Path = ROOT, log=print) -> Path:
    """Build `book` with warnings as errors; return the path of its index page."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(book), *BUILD_FLAGS]
    log(f"Building the book: jupyter-book build {book.relative_to(ROOT) or '.'} {' '.join(BUILD_FLAGS)}")
    completed = subprocess.run(command, cwd=ROOT, text=True, capture_output=True)
    if completed.returncode != 0:
        log(completed.stdout[-20000:])
        log(completed.stderr[-20000:])
        raise SystemExit(
            f"Book build failed for {book.relative_to(ROOT) or '.'} (exit {completed.returncode}); see the messages above."
        )
    return book / "_build" / "html" / "index.html"
