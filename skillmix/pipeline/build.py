"""Build the HTML book with Jupyter Book 1 (execution off: papermill has executed it).

A build is skipped when nothing it reads has changed since the last successful build of the
same book: the digest of its inputs (`inputs_digest`) is kept beside the HTML, in
`_build/book_inputs.sha256`. Sphinx would find nothing to rebuild either, but only after about
two seconds of start-up and of formatting the bibliography again.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from ..core.paths import PACKAGE, ROOT

BUILD_FLAGS = ("-W", "-n", "--keep-going")
STAMP = Path("_build") / "book_inputs.sha256"
NOT_INPUTS = {"_build", ".venv", ".git", "node_modules", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}


def _files(folder: Path):
    for path in sorted(folder.iterdir()):
        if path.name in NOT_INPUTS:
            continue
        if path.is_dir():
            yield from _files(path)
        elif path.is_file():
            yield path


def inputs_digest(book: Path) -> str:
    """A digest of every file under the book's folder (its build folder and the environment left
    out), of the skillmix package (the book's Sphinx extensions), of requirements.txt and of the
    Python version: anything a build reads, and more."""
    digest = hashlib.sha256(sys.version.encode())
    for path in [*_files(book), *_files(PACKAGE), ROOT / "requirements.txt"]:
        digest.update(f"\0{path.as_posix()}\0".encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def index_page(book: Path) -> Path:
    """The landing page of a built book."""
    return book / "_build" / "html" / "index.html"


def build_book(book: Path = ROOT, log=print) -> Path:
    """Build `book` with warnings as errors (unless its inputs are as at its last successful
    build); return the path of its index page."""
    index, stamp, digest = index_page(book), book / STAMP, inputs_digest(book)
    where = book.relative_to(ROOT).as_posix() if book != ROOT else "."
    if index.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        log(f"Book unchanged since its last build: {where}")
        return index
    stamp.unlink(missing_ok=True)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book), "build", str(book), *BUILD_FLAGS]
    log(f"Building the book: jupyter-book build {where} {' '.join(BUILD_FLAGS)}")
    completed = subprocess.run(command, cwd=ROOT, text=True, capture_output=True)
    if completed.returncode != 0:
        log(completed.stdout[-20000:])
        log(completed.stderr[-20000:])
        raise SystemExit(f"Book build failed for {where} (exit {completed.returncode}); see the messages above.")
    stamp.write_text(digest, encoding="utf-8")
    return index
