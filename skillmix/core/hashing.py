"""The one content hash used for data checksums, fingerprints, outputs and the data package."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path) -> str:
    """The SHA-256 hex digest of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_digest(folder) -> str:
    """One hash of everything in a folder (names relative to it, and contents), so that a
    missing, emptied or altered file changes it; a missing folder has the digest of an empty one."""
    digest = hashlib.sha256()
    folder = Path(folder)
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{path.relative_to(folder).as_posix()}\0{sha256_file(path)}\0".encode())
    return digest.hexdigest()
