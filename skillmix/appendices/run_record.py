"""What a reviewer needs to reproduce a run: parameters, package versions, data checksums."""

from __future__ import annotations

import json
import platform
from importlib import metadata
from pathlib import Path

import pandas as pd

from ..core import datapackage
from ..core.hashing import sha256_file
from ..core.paths import ROOT

# The packages that shape the results or the book; every other pin is in requirements.txt.
KEY_PACKAGES = (
    "jupyter-book",
    "myst-nb",
    "sphinxcontrib-bibtex",
    "papermill",
    "nbval",
    "pandas",
    "numpy",
    "scipy",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "frictionless",
    "pyreadstat",
    "openpyxl",
    "pydantic",
    "PyYAML",
)


def _manifest(manifest_path, chapters) -> dict:
    """The run manifest's entries for `chapters` (those that ran before the reader: the
    entries of later chapters may still change in the same run)."""
    manifest = json.loads(Path(manifest_path).read_text())["chapters"]
    return {c: manifest[c] for c in chapters if c in manifest}


def run_parameters(chapters, manifest_path="run_manifest.json") -> pd.DataFrame:
    """The parameters each of `chapters` last ran with, from the pipeline's run manifest."""
    manifest = _manifest(manifest_path, chapters)
    rows = [
        {"chapter": chapter, "parameter": name, "value": json.dumps(value)}
        for chapter, entry in manifest.items()
        for name, value in entry["parameters"].items()
    ]
    rows += [{"chapter": c, "parameter": "(none)", "value": ""} for c, e in manifest.items() if not e["parameters"]]
    return pd.DataFrame(rows).sort_values(["chapter", "parameter"], ignore_index=True)


def fingerprints(chapters, manifest_path="run_manifest.json") -> pd.DataFrame:
    """The input fingerprint each of `chapters` last ran with (first 16 hex digits)."""
    manifest = _manifest(manifest_path, chapters)
    return pd.DataFrame(
        [
            {"chapter": c, "input fingerprint (sha256, first 16)": e["fingerprint"][:16]}
            for c, e in sorted(manifest.items())
        ]
    )


def _normalised(name: str) -> str:
    """A package name as pins are compared: lower case, '-' for '_'."""
    return name.strip().lower().replace("_", "-")


def pinned_versions(requirements=ROOT / "requirements.txt") -> dict[str, str]:
    """The exact pins (`name==version`) of a requirements file, by normalised name."""
    pins = {}
    for line in Path(requirements).read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[_normalised(name)] = version.strip()
    return pins


def package_versions(names=KEY_PACKAGES) -> pd.DataFrame:
    """Installed versions of the key packages beside their pins in requirements.txt."""
    pins = pinned_versions()
    rows = []
    for name in names:
        installed = metadata.version(name)
        pinned = pins.get(_normalised(name), "")
        rows.append({"package": name, "installed": installed, "pinned": pinned, "matches pin": installed == pinned})
    rows.append(
        {
            "package": "Python",
            "installed": ".".join(platform.python_version_tuple()[:2]),
            "pinned": "3.11",
            "matches pin": platform.python_version().startswith("3.11"),
        }
    )
    return pd.DataFrame(rows)


def data_checksums(descriptor=datapackage.DESCRIPTOR) -> pd.DataFrame:
    """Every data file in the data package with its size, current sha256, and whether that
    matches the hash recorded in the descriptor."""
    rows = []
    for resource in datapackage.load(descriptor)["resources"]:
        path = Path(descriptor).parent / resource["path"]
        recorded = resource.get("hash", "").removeprefix("sha256:")
        current = sha256_file(path) if path.exists() else "(missing)"
        rows.append(
            {
                "file": f"data/{resource['path']}",
                "bytes": path.stat().st_size if path.exists() else 0,
                "sha256": current,
                "matches data package": current == recorded,
            }
        )
    return pd.DataFrame(rows)
