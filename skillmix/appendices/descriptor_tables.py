"""The data package descriptor (`data/datapackage.json`) as tables for readers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.datapackage import DESCRIPTOR, load


def resources_table(descriptor: Path = DESCRIPTOR) -> pd.DataFrame:
    """One row per data file: what it is, where it came from, when, under what licence."""
    rows = [
        {
            "file": f"data/{r['path']}",
            "title": r.get("title", ""),
            "source": "; ".join(s.get("title", "") for s in r.get("sources", [])),
            "retrieved": r.get("retrieved", ""),
            "licence": "; ".join(lic.get("title", lic.get("name", "")) for lic in r.get("licenses", [])),
        }
        for r in load(descriptor)["resources"]
    ]
    return pd.DataFrame(rows)


def fields_table(descriptor: Path = DESCRIPTOR) -> pd.DataFrame:
    """One row per column of every CSV file: type, allowed values or bounds, description."""
    rows = []
    for resource in load(descriptor)["resources"]:
        for field in resource.get("schema", {}).get("fields", []):
            constraints = field.get("constraints", {})
            allowed = ", ".join(map(str, constraints.get("enum", [])))
            bounds = " to ".join(str(constraints[k]) for k in ("minimum", "maximum") if k in constraints)
            rows.append(
                {
                    "file": f"data/{resource['path']}",
                    "column": field["name"],
                    "type": field["type"],
                    "required": bool(constraints.get("required")),
                    "allowed values": allowed or bounds,
                    "description": field.get("description", ""),
                }
            )
    return pd.DataFrame(rows)
