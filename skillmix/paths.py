"""Where things live in the project, resolved from the package location."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHAPTERS = ROOT / "chapters"
BUILD = ROOT / "_build"
CHAPTERS_SPEC = ROOT / "chapters.yml"


def relative(path) -> str:
    """A path shown to readers: relative to the project root where possible, never machine-specific."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name
