"""Fingerprints of a chapter's inputs, so that an unchanged chapter is not executed again.

A chapter's fingerprint covers its cells (code and prose), its parameter values, the data files it
reads (declared in `chapters.yml`, plus any file a `path` parameter points at), the
`skillmix` package, the pinned requirements and the fingerprints of the chapters it
depends on. Paths are hashed relative to the project root so fingerprints agree across
machines.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..core.chapter_spec import Chapter, resolve_path
from ..core.errors import InputError
from ..core.hashing import sha256_file
from ..core.paths import PACKAGE, ROOT, relative
from . import notebooks

ENVIRONMENT_FILES = ("requirements.txt",)


def _files(patterns) -> list[Path]:
    found = {p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()}
    return sorted(found)


def input_files(chapter: Chapter, values: dict) -> dict[str, Path]:
    """Every file whose content a chapter's results depend on, by a machine-independent label."""
    files = {
        relative(p): p for p in _files(chapter.reads) + [ROOT / f for f in ENVIRONMENT_FILES if (ROOT / f).exists()]
    }
    files |= {f"skillmix/{p.relative_to(PACKAGE).as_posix()}": p for p in sorted(PACKAGE.rglob("*.py"))}
    for name, param in chapter.parameters.items():
        if param.type == "path" and values.get(name):
            files[f"parameter {name}"] = resolve_path(values[name])
    return files


def chapter_fingerprint(chapter: Chapter, values: dict, dependency_prints: list[str]) -> str:
    digest = hashlib.sha256()

    def add(label, text):
        digest.update(f"{label}\0{text}\0".encode())

    notebook = ROOT / chapter.notebook
    if not notebook.exists():
        raise InputError(f"notebook of chapter '{chapter.name}' not found", file=relative(notebook))
    for source in notebooks.cell_sources(notebooks.read(notebook)):
        add("cell", source)
    add("parameters", json.dumps(values, sort_keys=True, default=str))
    for label, path in sorted(input_files(chapter, values).items()):
        add(label, sha256_file(path))
    for dep in dependency_prints:
        add("dependency", dep)
    return digest.hexdigest()
