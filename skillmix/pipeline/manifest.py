"""The run manifest (`chapters/run_manifest.json`): each chapter's input fingerprint and the
parameters of its last successful run."""

from __future__ import annotations

import json
import os
from pathlib import Path

MANIFEST = "chapters/run_manifest.json"


def read_manifest(book: Path) -> dict:
    path = book / MANIFEST
    return json.loads(path.read_text()) if path.exists() else {"chapters": {}}


def write_manifest(book: Path, manifest: dict) -> None:
    path = book / MANIFEST
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)
