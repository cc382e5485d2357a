"""The numbers and phrases the evidence review glues into its prose, keyed by their glue names."""

from __future__ import annotations

import pandas as pd

from ..core import vocab
from ..core.evidence_basis import basis_of_evidence
from ..core.labels import LEVEL_LABELS, ROLE_LABELS
from .prisma import PrismaCounts
from .selection import Selection, keeps_undated, levels_at_or_above
from .synthesis import by_category, tag_agreement
from .themes import DIRECTIONS

# Evidence levels counted together as opinion, policy or commentary (weaker than research and reviews).
OPINION_POLICY_LEVELS = ("survey_of_opinion", "policy_or_guidance", "professional_body_view", "news_or_commentary")
RESEARCH_REVIEW_LEVELS = ("review", "primary_research")
# Roles whose evidence the chapter's "Where the evidence is thin" section counts.
THIN_ROLES = (
    "anaesthesia_associate",
    "care_coordinator",
    "social_prescriber",
    "first_contact_physio",
    "ecp",
    "modern_matron",
    "nurse_consultant",
)
SUMMARY_FIELDS = ("n_records", "n_coded", *DIRECTIONS)


def listing(items) -> str:
    """Items as prose: 'none', 'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return "none" if not items else items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def review_numbers(
    records: pd.DataFrame, coded: pd.DataFrame, links: pd.DataFrame, selection: Selection, counts: PrismaCounts
) -> dict:
    """Counts quoted in the methods and PRISMA sections, from the whole evidence base (records,
    coded findings, theme links), a run's selection and its PRISMA counts."""
    selected = selection.records
    basis = basis_of_evidence(records)["basis"].value_counts()
    directions = selection.coded["direction"].value_counts()
    agreement = tag_agreement(links, records)
    international = records["country"].str.contains("International")
    return {
        "n_identified": counts.identified,
        "n_duplicates": counts.duplicates,
        "n_screened": counts.screened,
        "n_excluded": counts.excluded_total,
        "n_included": counts.included,
        "n_not_assessed": counts.excluded["not_assessed"],
        "n_no_findings": counts.excluded["no_findings_visible"],
        "n_biblio_missing": counts.excluded["bibliographic_details_missing"],
        "n_abstract": int(basis.get("abstract", 0)),
        "n_secondary": int(basis.get("secondary_summary", 0)),
        "n_own_page": int(basis.get("own_summary_or_page", 0)),
        "share_secondary": float(basis.get("secondary_summary", 0) / len(records)),
        "n_undated": int(records["year"].isna().sum()),
        "n_untitled": int((records["title"] == "").sum()),
        "n_coded": len(coded),
        "n_coded_records": coded["record_id"].nunique(),
        "n_coded_key_finding": int((coded["basis"] == "key_finding").sum()),
        "n_wellbeing_codes": int((coded["theme"] == "wellbeing").sum()),
        "n_links": agreement["links"],
        "n_links_both": agreement["both"],
        "n_links_tag_only": agreement["tag_only"],
        "n_links_coded_only": agreement["coded_only"],
        "n_international": int(international.sum()),
        "n_international_review": int((international & (records["evidence_level"] == "review")).sum()),
        "n_selected": len(selected),
        "n_coded_sel": len(selection.coded),
        "n_barrier": int(directions.get("barrier", 0)),
        "n_enabler": int(directions.get("enabler", 0)),
        "n_mixed": int(directions.get("mixed", 0)),
        "n_neutral": int(directions.get("neutral", 0)),
        "n_undated_sel": int(selected["year"].isna().sum()),
    }


def run_description(parameters: dict, defaults: dict, selection: Selection, theme_labels: dict) -> dict:
    """A run's parameters, its rule for undated records and its scope, as prose."""
    p = parameters
    roles = "all" if p["roles"] == "all" else listing(ROLE_LABELS[r] for r in selection.roles)
    themes = "all" if p["themes"] == "all" else listing(theme_labels[t] for t in selection.themes)
    levels = listing(LEVEL_LABELS[lv] for lv in levels_at_or_above(p["min_evidence_level"]))
    undated_kept = keeps_undated(p["year_from"], p["year_to"], defaults["year_from"], defaults["year_to"])
    return {
        "run_parameters": (
            f"roles: {roles}; themes: {themes}; publication years {p['year_from']} to "
            f"{p['year_to']}; evidence levels kept: {levels}"
        ),
        "undated_rule": (
            "kept, because the chapter's year window is at least as wide as the default"
            if undated_kept
            else "left out, because the chapter's settings narrow the year window"
        ),
        "run_scope": (
            "These are the default settings: the narrative and the tables cover the same records."
            if parameters == defaults
            else "These settings differ from the defaults: the counts and tables below cover the records "
            "they keep, while the narrative was written for the default settings and may cite records "
            "outside them."
        ),
    }


def role_numbers(by_role: pd.DataFrame) -> dict:
    """The role with the most records (ties: vocabulary order) and the roles with three or fewer.

    `by_role` is `synthesis.records_by_role`.
    """
    top = by_role.sort_values(["n_records", "role"], ascending=[False, True], kind="stable").iloc[0]
    thin = by_role[by_role["n_records"] <= 3]
    return {
        "top_role": top["label"],
        "top_role_n": int(top["n_records"]),
        "thin_roles": listing(f"{r.label} ({r.n_records})" for r in thin.itertuples()),
    }


def period_numbers(records: pd.DataFrame) -> dict:
    """Records from 2020 onwards, and records by groups of evidence levels."""
    levels = by_category(records, "evidence_level").set_index("code")["n_records"]
    recent = records[records["year"].fillna(0) >= 2020]
    return {
        "n_recent": len(recent),
        "share_recent": float(len(recent) / max(len(records), 1)),
        "n_primary_research": int(levels["primary_research"]),
        "n_review": int(levels["review"]),
        "n_opinion_policy": int(levels[list(OPINION_POLICY_LEVELS)].sum()),
    }


def setting_numbers(by_setting: pd.DataFrame) -> dict:
    """`n_setting_<code>` for every setting; `by_setting` is `by_category(records, "setting")`."""
    counts = by_setting.set_index("code")["n_records"]
    return {f"n_setting_{code}": int(counts[code]) for code in vocab.SETTINGS}


def timeline_numbers(events: pd.DataFrame) -> dict:
    """How many dated events the timeline shows, and its first and last years."""
    return {
        "n_timeline_events": len(events),
        "timeline_first_year": int(events["year"].min()),
        "timeline_last_year": int(events["year"].max()),
    }


def theme_numbers(summary: pd.DataFrame) -> dict:
    """`<theme>_<count>` for each count of `theme_summary`, and `<theme>_roles` ('none' if empty)."""
    out = {}
    for row in summary.itertuples(index=False):
        out.update({f"{row.theme}_{field}": int(getattr(row, field)) for field in SUMMARY_FIELDS})
        out[f"{row.theme}_roles"] = row.roles or "none"
    return out


def thin_evidence_numbers(records: pd.DataFrame, exclusions: pd.DataFrame) -> dict:
    """Records of each of `THIN_ROLES`, the anaesthesia associate records by kind of evidence,
    and the screening-log rows that note an evidence gap."""

    def role_records(role):
        return records[records["roles"].map(lambda codes: role in codes)]

    out = {f"n_role_{role}": len(role_records(role)) for role in THIN_ROLES}
    aa_levels = role_records("anaesthesia_associate")["evidence_level"].value_counts()
    out["n_aa_opinion_policy"] = int(aa_levels.reindex(list(OPINION_POLICY_LEVELS)).fillna(0).sum())
    out["n_aa_research_review"] = int(aa_levels.reindex(list(RESEARCH_REVIEW_LEVELS)).fillna(0).sum())
    out["n_gap_log_rows"] = len(exclusions[exclusions["note"].str.contains("evidence gap", case=False)])
    return out
