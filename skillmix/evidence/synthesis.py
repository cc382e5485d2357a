"""Tables of the evidence review: the evidence map, counts by role, period and category,
theme summaries and findings, each a tidy frame computed from already selected records
(see `selection`), so that each table or figure is one call and its CSV is the frame itself."""

from __future__ import annotations

import pandas as pd

from ..core import vocab
from ..core.evidence_basis import basis_of_evidence
from ..core.labels import (
    BASIS_CATEGORIES,
    DIRECTION_LABELS,
    LEVEL_LABELS,
    ROLE_LABELS,
    SETTING_LABELS,
    STUDY_TYPE_LABELS,
)
from .records import record_roles
from .themes import DIRECTIONS


def year_or(value, missing):
    """A year as an int, or `missing` where there is none."""
    return missing if pd.isna(value) else int(value)


def _selected(codes, universe):
    return list(universe) if codes == "all" else [c for c in universe if c in set(codes)]


def evidence_map(records: pd.DataFrame, links: pd.DataFrame, roles="all", themes="all") -> pd.DataFrame:
    """Number of records for each role and theme (long: role, theme, n_records).

    Only roles in `roles` that have at least one record, and every theme in `themes`, in
    vocabulary order; a record with several roles counts once for each.
    """
    role_list = _selected(roles, vocab.ROLES)
    theme_list = _selected(themes, vocab.THEMES)
    by_role = record_roles(records)
    pairs = by_role.merge(links[["record_id", "theme"]], on="record_id")
    pairs = pairs[pairs["role"].isin(role_list) & pairs["theme"].isin(theme_list)]
    counts = pairs.groupby(["role", "theme"])["record_id"].nunique()
    present = [r for r in role_list if r in set(by_role["role"])]
    index = pd.MultiIndex.from_product([present, theme_list], names=["role", "theme"])
    return counts.reindex(index, fill_value=0).rename("n_records").reset_index()


def records_by_role(records: pd.DataFrame, roles="all") -> pd.DataFrame:
    """Number of records for each role (role, label, n_records), vocabulary order, zeros kept."""
    role_list = _selected(roles, vocab.ROLES)
    counts = record_roles(records)["role"].value_counts()
    return pd.DataFrame(
        {
            "role": role_list,
            "label": [ROLE_LABELS[r] for r in role_list],
            "n_records": [int(counts.get(r, 0)) for r in role_list],
        }
    )


def period_of(year) -> str:
    """Five-year period label of a year ('2020-2024'), or 'no year'."""
    if pd.isna(year):
        return "no year"
    start = int(year) // 5 * 5
    return f"{start}-{start + 4}"


def periods(records: pd.DataFrame) -> list[str]:
    """Contiguous five-year periods from the earliest to the latest year, then 'no year' if any."""
    years = records["year"].dropna().astype(int)
    out = []
    if len(years):
        out = [period_of(y) for y in range(years.min() // 5 * 5, years.max() + 1, 5)]
    if records["year"].isna().any():
        out.append("no year")
    return out


# The category columns summarised by period and overall: their codes and display labels.
CATEGORIES = {
    "study_type": (vocab.STUDY_TYPES, STUDY_TYPE_LABELS),
    "evidence_level": (vocab.EVIDENCE_LEVELS, LEVEL_LABELS),
    "setting": (vocab.SETTINGS, SETTING_LABELS),
}


def by_period(records: pd.DataFrame, column: str) -> pd.DataFrame:
    """Number of records by five-year period and a category column (long: period, code, label, n_records)."""
    universe, labels = CATEGORIES[column]
    frame = records.assign(period=records["year"].map(period_of))
    counts = frame.groupby(["period", column]).size()
    index = pd.MultiIndex.from_product([periods(records), list(universe)], names=["period", column])
    out = counts.reindex(index, fill_value=0).rename("n_records").reset_index()
    out = out.rename(columns={column: "code"})
    out.insert(2, "label", out["code"].map(labels))
    return out


def by_category(records: pd.DataFrame, column: str) -> pd.DataFrame:
    """Number and share of records for each value of a category column (code, label, n_records, share)."""
    universe, labels = CATEGORIES[column]
    counts = records[column].value_counts()
    n = [int(counts.get(code, 0)) for code in universe]
    total = max(len(records), 1)
    return pd.DataFrame(
        {
            "code": list(universe),
            "label": [labels[c] for c in universe],
            "n_records": n,
            "share": [k / total for k in n],
        }
    )


def theme_findings(records: pd.DataFrame, coded: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The coded findings of one theme among the records, in record order.

    Columns: record_id, roles (display labels), year, direction, finding.
    """
    kept = coded[(coded["theme"] == theme) & coded["record_id"].isin(records["id"])]
    info = records.set_index("id")
    order = {rid: i for i, rid in enumerate(records["id"])}
    kept = kept.assign(_o=kept["record_id"].map(order)).sort_values("_o")
    return pd.DataFrame(
        {
            "record_id": kept["record_id"].to_numpy(),
            "roles": [", ".join(ROLE_LABELS[r] for r in info.loc[rid, "roles"]) for rid in kept["record_id"]],
            "year": [info.loc[rid, "year"] for rid in kept["record_id"]],
            "direction": kept["direction"].to_numpy(),
            "finding": kept["finding"].to_numpy(),
        }
    )


def theme_summary(records: pd.DataFrame, coded: pd.DataFrame, links: pd.DataFrame, themes="all") -> pd.DataFrame:
    """One row per theme: records addressing it, records with coded findings, counts by direction.

    Columns: theme, n_records (addressing it by tag or code), n_coded (records with a coded
    finding on it), barrier, enabler, mixed, neutral, roles (display labels of the roles of the
    records with coded findings, by number of such records, most first).
    """
    rows = []
    ids = set(records["id"])
    roles_of = dict(zip(records["id"], records["roles"], strict=True))
    for theme in _selected(themes, vocab.THEMES):
        addressed = links[(links["theme"] == theme) & links["record_id"].isin(ids)]["record_id"].nunique()
        these = coded[(coded["theme"] == theme) & coded["record_id"].isin(ids)]
        directions = these["direction"].value_counts()
        role_counts = pd.Series([r for rid in these["record_id"] for r in roles_of[rid]], dtype=object).value_counts()
        role_order = sorted(role_counts.index, key=lambda r: (-role_counts[r], vocab.ROLES.index(r)))
        rows.append(
            {
                "theme": theme,
                "n_records": int(addressed),
                "n_coded": int(these["record_id"].nunique()),
                **{d: int(directions.get(d, 0)) for d in DIRECTIONS},
                "roles": ", ".join(ROLE_LABELS[r] for r in role_order),
            }
        )
    return pd.DataFrame(rows)


def tag_agreement(links: pd.DataFrame, records: pd.DataFrame) -> dict:
    """How the records' theme tags and the coded findings overlap, among the records."""
    kept = links[links["record_id"].isin(records["id"])]
    return {
        "both": int((kept["tagged"] & kept["coded"]).sum()),
        "tag_only": int((kept["tagged"] & ~kept["coded"]).sum()),
        "coded_only": int((~kept["tagged"] & kept["coded"]).sum()),
        "links": int(len(kept)),
    }


def timeline_events(timeline: pd.DataFrame, roles="all") -> pd.DataFrame:
    """The timeline's events of `roles` and of policy, in file order, with `role_label` and
    `position` (a decimal year: mid-month where a month is given, mid-year otherwise)."""
    keep = set(vocab.ROLES if roles == "all" else roles) | {"policy"}
    events = timeline[timeline["role"].isin(keep)].copy()
    month = events["date"].str[5:7]
    events["position"] = events["year"] + [(int(m) - 0.5) / 12 if m else 0.5 for m in month]
    events["role_label"] = events["role"].map(ROLE_LABELS)
    return events


# --------------------------------------------------------------------------- tables for readers


def basis_table(records: pd.DataFrame) -> pd.DataFrame:
    """Number of records by what their findings were read in (Basis, description, Records)."""
    table = (
        basis_of_evidence(records)["basis"]
        .value_counts()
        .reindex(list(BASIS_CATEGORIES), fill_value=0)
        .rename("Records")
        .reset_index()
    )
    table.insert(1, "What the findings were read in", table["basis"].map(BASIS_CATEGORIES))
    return table.rename(columns={"basis": "Basis"})


def role_years_table(by_role: pd.DataFrame, records: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """For each role with records: its first dated timeline event and the years of its records.

    Columns: role, Role, Records, First dated event (timeline), Earliest record, Latest record
    ('none' where the timeline has no event of the role, 'no year' where no record is dated).
    """
    first_event = timeline.groupby("role")["year"].min()
    span = (
        record_roles(records)
        .merge(records[["id", "year"]], left_on="record_id", right_on="id")
        .groupby("role")["year"]
        .agg(["min", "max"])
    )
    table = by_role[by_role["n_records"] > 0].assign(
        first_event=lambda t: [year_or(first_event.get(r), "none") for r in t["role"]],
        first_record=lambda t: [year_or(span["min"].get(r), "no year") for r in t["role"]],
        last_record=lambda t: [year_or(span["max"].get(r), "no year") for r in t["role"]],
    )
    return table.rename(
        columns={
            "label": "Role",
            "n_records": "Records",
            "first_event": "First dated event (timeline)",
            "first_record": "Earliest record",
            "last_record": "Latest record",
        }
    )


def theme_summary_table(summary: pd.DataFrame, theme_labels: dict) -> pd.DataFrame:
    """`theme_summary` with theme labels and readable column headers."""
    return summary.assign(theme=summary["theme"].map(theme_labels)).rename(
        columns={
            "theme": "Theme",
            "n_records": "Records addressing it",
            "n_coded": "Records with coded findings",
            **{d: DIRECTION_LABELS[d] for d in DIRECTIONS},
            "roles": "Roles of the records with coded findings",
        }
    )


def theme_summary_shown(table: pd.DataFrame) -> pd.DataFrame:
    """`theme_summary_table` for the page: the roles of each theme's records as their number
    (the evidence map shows which roles; the download lists them)."""
    roles = "Roles of the records with coded findings"
    counts = table[roles].map(lambda text: len([r for r in str(text).split(", ") if r]))
    return table.drop(columns=roles).assign(**{"Roles with coded findings": counts})


def findings_table(records: pd.DataFrame, coded: pd.DataFrame, theme: str) -> pd.DataFrame:
    """`theme_findings` for display: labelled directions, 'no year' for undated records,
    readable headers, indexed by record."""
    findings = theme_findings(records, coded, theme)
    table = pd.DataFrame(
        {
            "Record": findings["record_id"],
            "Roles": findings["roles"],
            "Year": [year_or(y, "no year") for y in findings["year"]],
            "Direction": findings["direction"].map(DIRECTION_LABELS),
            "Coded finding": findings["finding"],
        }
    )
    return table.set_index("Record")
