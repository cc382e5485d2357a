"""The one content hash used for data checksums, fingerprints and the data package."""

from __future__ import annotations

import hashlib


def sha256_file(path) -> str:
    """The SHA-256 hex digest of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
