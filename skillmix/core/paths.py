"""Where things live in the project, resolved from the package location."""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
# SKILLMIX_ROOT lets the tests run the pipeline on a small project of their own.
ROOT = Path(os.environ.get("SKILLMIX_ROOT", PACKAGE.parent)).resolve()
DATA = ROOT / "data"
CHAPTERS = ROOT / "chapters"
BUILD = ROOT / "_build"
CHAPTERS_SPEC = ROOT / "chapters.yml"
# Set by the pipeline for a chapter's kernel: the staging folder its outputs are written to,
# moved into `outputs/` only when the whole chapter has succeeded.
OUTPUTS_ENV = "SKILLMIX_OUTPUTS"


def relative(path) -> str:
    """A path shown to readers: relative to the project root where possible, never machine-specific."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name
