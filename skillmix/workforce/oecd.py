"""OECD comparisons: doctors and nurses per 1,000 population, and nurses per doctor."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .published import select


def _publication(title: str) -> str:
    return title.split(":")[0].strip()


def oecd_comparison(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(densities, nurses_per_doctor).

    `densities`: doctors and nurses per 1,000 population, every geography, with the data
    year (`year`; empty where the source gave only its publication date).
    `nurses_per_doctor`: computed only where doctors and nurses of the same geography and
    the same data year come from the same source (same URL, or the same publication: the
    part of the source title before any ':'); published ratios are listed alongside.
    """
    dens = select(frame, ["oecd_doctors_per_1000", "oecd_nurses_per_1000"]).copy()
    dens["profession"] = dens["series"].map({"oecd_doctors_per_1000": "doctors", "oecd_nurses_per_1000": "nurses"})
    dens["year"] = np.where(dens["period_kind"] == "year", dens["period"], "")
    dens["publication"] = dens["source_title"].map(_publication)
    out = []
    docs = dens[(dens["profession"] == "doctors") & (dens["year"] != "")]
    nurses = dens[(dens["profession"] == "nurses") & (dens["year"] != "")]
    for d in docs.itertuples(index=False):
        same = nurses[
            (nurses["geography"] == d.geography)
            & (nurses["year"] == d.year)
            & ((nurses["source_url"] == d.source_url) | (nurses["publication"] == d.publication))
        ]
        for n in same.itertuples(index=False):
            out.append(
                {
                    "geography": d.geography,
                    "year": d.year,
                    "doctors_per_1000": d.value,
                    "nurses_per_1000": n.value,
                    "nurses_per_doctor": n.value / d.value,
                    "kind": "computed",
                    "rows": f"{d.row};{n.row}",
                    "source_urls": " ; ".join(dict.fromkeys([d.source_url, n.source_url])),
                }
            )
    published = select(frame, ["oecd_nurses_per_doctor", "oecd_nurses_per_doctor_derived"])
    for p in published.itertuples(index=False):
        out.append(
            {
                "geography": p.geography,
                "year": p.period,
                "doctors_per_1000": np.nan,
                "nurses_per_1000": np.nan,
                "nurses_per_doctor": p.value,
                "kind": "published" + (f" ({p.qualifier})" if p.qualifier else ""),
                "rows": str(p.row),
                "source_urls": p.source_url,
            }
        )
    ratios = pd.DataFrame(out).sort_values(["geography", "year", "kind"]).reset_index(drop=True)
    return dens, ratios
