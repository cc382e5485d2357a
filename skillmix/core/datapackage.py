"""The data package: `data/datapackage.json` describes every input file under `data/`.

Each resource carries hand-written provenance (title, description, sources, retrieval date,
licence) and computed fields (bytes, sha256 hash and, for CSV files, a Frictionless table
schema). `refresh` recomputes the computed fields; `problems` lists everything wrong, and
the tests require it to be empty.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import InputError
from .hashing import sha256_file
from .paths import DATA, relative

DESCRIPTOR = DATA / "datapackage.json"
REQUIRED = ("name", "path", "title", "description", "sources", "licenses", "retrieved")
NOT_DATA = ("datapackage.json", "README.md")


def load(descriptor: Path = DESCRIPTOR) -> dict:
    """The data package descriptor; InputError if it is missing or not JSON."""
    descriptor = Path(descriptor)
    if not descriptor.is_file():
        raise InputError(
            "data package descriptor not found: describe every data file in it (see CONTRIBUTING.md)",
            file=relative(descriptor),
        )
    try:
        return json.loads(descriptor.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InputError(f"not valid JSON ({exc})", file=relative(descriptor)) from None


def data_files(folder: Path = DATA) -> list[str]:
    """Every input file under the data folder, as paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name not in NOT_DATA)


def _inferred_schema(path: Path) -> dict:
    from frictionless import describe

    return describe(str(path), type="resource").to_descriptor()["schema"]


def refresh(descriptor: Path = DESCRIPTOR) -> dict:
    """Recompute bytes and hash of every resource and add schema fields for new CSV columns.

    Hand-written field properties (descriptions, constraints) are kept.
    """
    package = load(descriptor)
    folder = Path(descriptor).parent
    for resource in package["resources"]:
        path = folder / resource["path"]
        resource["bytes"] = path.stat().st_size
        resource["hash"] = f"sha256:{sha256_file(path)}"
        if path.suffix == ".csv":
            known = {f["name"]: f for f in resource.get("schema", {}).get("fields", [])}
            inferred = _inferred_schema(path)["fields"]
            resource["schema"] = {"fields": [known.get(f["name"], f) for f in inferred]}
    Path(descriptor).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    return package


def problems(descriptor: Path = DESCRIPTOR) -> list[str]:
    """Everything that is wrong with the package: missing metadata, unlisted files, and what
    Frictionless finds (hash, bytes, types, constraints), each naming file, row and column."""
    from frictionless import validate

    package = load(descriptor)
    folder = Path(descriptor).parent
    found = []
    listed = {r.get("path") for r in package["resources"]}
    for path in sorted(set(data_files(folder)) - listed):
        found.append(f"data/{path}: not described in {relative(descriptor)}")
    for resource in package["resources"]:
        missing = [key for key in REQUIRED if not resource.get(key)]
        if missing:
            found.append(f"data/{resource.get('path')}: missing {', '.join(missing)} in {relative(descriptor)}")
    report = validate(str(descriptor))
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            where = ", ".join(x for x in (f"row {row}" if row else "", f"column '{field}'" if field else "") if x)
            found.append(f"data/{task.place}{': ' + where if where else ''}: {error.message}")
    for error in report.errors:
        found.append(f"{relative(descriptor)}: {error.message}")
    return found
