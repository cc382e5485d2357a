"""Tables the evidence chapter reports: the evidence map, counts by year, and theme summaries.

`review_run` gathers the evidence base and the part of it one run of the chapter covers.
The table functions take already filtered records (see `evidence.filter_records`) and return
tidy pandas frames, so that each table or figure in the chapter is one call and its CSV is the
frame itself. The `*_numbers` functions return the values the chapter glues into its prose,
keyed by their glue names.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .core import vocab
from .evidence import (BASIS_CATEGORIES, DIRECTION_LABELS, DIRECTIONS, LEVEL_LABELS, ROLE_LABELS,
                       SETTING_LABELS, STUDY_TYPE_LABELS, basis_of_evidence, filter_records, keeps_undated,
                       levels_at_or_above, load_all, record_roles, theme_links)
from .core.chapter_spec import as_list

# Evidence levels counted together as opinion, policy or commentary (weaker than research and reviews).
OPINION_POLICY_LEVELS = ("survey_of_opinion", "policy_or_guidance", "professional_body_view", "news_or_commentary")
RESEARCH_REVIEW_LEVELS = ("review", "primary_research")
# Roles whose evidence the chapter's "Where the evidence is thin" section counts.
THIN_ROLES = ("anaesthesia_associate", "care_coordinator", "social_prescriber", "first_contact_physio", "ecp",
              "modern_matron", "nurse_consultant")


def listing(items) -> str:
    """Items as prose: 'none', 'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return "none" if not items else items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def year_or(value, missing):
    """A year as an int, or `missing` where there is none."""
    return missing if pd.isna(value) else int(value)


# --------------------------------------------------------------------------- one run of the chapter

@dataclass(frozen=True, eq=False)
class ReviewRun:
    """The evidence base and the part of it one run of the chapter covers."""
    parameters: dict  # the run's checked parameter values
    defaults: dict  # the chapter's default parameter values
    roles: list  # role codes of the run
    themes: list  # theme codes of the run
    records: pd.DataFrame  # every included record
    exclusions: pd.DataFrame  # the screening log
    coded: pd.DataFrame  # every coded finding
    code_book: pd.DataFrame  # the theme code book
    links: pd.DataFrame  # every record-theme link (`evidence.theme_links`)
    selected: pd.DataFrame  # the records the run keeps
    coded_selected: pd.DataFrame  # their coded findings on the run's themes
    links_selected: pd.DataFrame  # their links to the run's themes

    @property
    def theme_labels(self) -> dict:
        return dict(zip(self.code_book["theme"], self.code_book["label"]))

    @property
    def is_default(self) -> bool:
        return self.parameters == self.defaults

    def findings_table(self, theme: str) -> pd.DataFrame:
        """The coded findings of one theme among the run's records, for display."""
        return findings_table(self.selected, self.coded_selected, theme)


def review_run(parameters: dict, defaults: dict, data: dict | None = None) -> ReviewRun:
    """The run of the chapter with these parameter values (see `chapters.yml`).

    `data` is `evidence.load_all()` (the default) or the same from another folder.
    """
    data = load_all() if data is None else data
    records, coded = data["records"], data["coded"]
    roles = as_list(parameters["roles"], vocab.ROLES)
    themes = as_list(parameters["themes"], vocab.THEMES)
    links = theme_links(records, coded)
    selected = filter_records(records, links, roles=roles, themes=themes, year_from=parameters["year_from"],
                              year_to=parameters["year_to"], min_evidence_level=parameters["min_evidence_level"],
                              default_year_from=defaults["year_from"], default_year_to=defaults["year_to"])
    return ReviewRun(
        parameters=dict(parameters), defaults=dict(defaults), roles=roles, themes=themes, records=records,
        exclusions=data["exclusions"], coded=coded, code_book=data["themes"], links=links, selected=selected,
        coded_selected=coded[coded["record_id"].isin(selected["id"]) & coded["theme"].isin(themes)],
        links_selected=links[links["record_id"].isin(selected["id"]) & links["theme"].isin(themes)])


def review_numbers(run: ReviewRun, counts) -> dict:
    """Counts quoted in the methods and PRISMA sections; `counts` is `prisma.counts` of the run."""
    records, coded, selected = run.records, run.coded, run.selected
    basis = basis_of_evidence(records)["basis"].value_counts()
    directions = run.coded_selected["direction"].value_counts()
    agreement = tag_agreement(run.links, records)
    international = records["country"].str.contains("International")
    return {
        "n_identified": counts.identified, "n_duplicates": counts.duplicates, "n_screened": counts.screened,
        "n_excluded": counts.excluded_total, "n_included": counts.included,
        "n_not_assessed": counts.excluded["not_assessed"], "n_no_findings": counts.excluded["no_findings_visible"],
        "n_biblio_missing": counts.excluded["bibliographic_details_missing"],
        "n_abstract": int(basis.get("abstract", 0)), "n_secondary": int(basis.get("secondary_summary", 0)),
        "n_own_page": int(basis.get("own_summary_or_page", 0)),
        "share_secondary": float(basis.get("secondary_summary", 0) / len(records)),
        "n_undated": int(records["year"].isna().sum()), "n_untitled": int((records["title"] == "").sum()),
        "n_coded": len(coded), "n_coded_records": coded["record_id"].nunique(),
        "n_coded_key_finding": int((coded["basis"] == "key_finding").sum()),
        "n_wellbeing_codes": int((coded["theme"] == "wellbeing").sum()),
        "n_links": agreement["links"], "n_links_both": agreement["both"], "n_links_tag_only": agreement["tag_only"],
        "n_links_coded_only": agreement["coded_only"],
        "n_international": int(international.sum()),
        "n_international_review": int((international & (records["evidence_level"] == "review")).sum()),
        "n_selected": len(selected),
        "n_coded_sel": len(run.coded_selected),
        "n_barrier": int(directions.get("barrier", 0)), "n_enabler": int(directions.get("enabler", 0)),
        "n_mixed": int(directions.get("mixed", 0)), "n_neutral": int(directions.get("neutral", 0)),
        "n_undated_sel": int(selected["year"].isna().sum()),
    }


def run_description(run: ReviewRun) -> dict:
    """The run's parameters, its rule for undated records and its scope, as prose."""
    p, defaults = run.parameters, run.defaults
    roles = "all" if p["roles"] == "all" else listing(ROLE_LABELS[r] for r in run.roles)
    themes = "all" if p["themes"] == "all" else listing(run.theme_labels[t] for t in run.themes)
    levels = listing(LEVEL_LABELS[lv] for lv in levels_at_or_above(p["min_evidence_level"]))
    undated_kept = keeps_undated(p["year_from"], p["year_to"], defaults["year_from"], defaults["year_to"])
    return {
        "run_parameters": (f"roles: {roles}; themes: {themes}; publication years {p['year_from']} to "
                           f"{p['year_to']}; evidence levels kept: {levels}"),
        "undated_rule": ("kept, because this run's year window is at least as wide as the default" if undated_kept
                         else "left out, because this run narrows the year window"),
        "run_scope": ("This is the default run: the narrative and the tables cover the same records."
                      if run.is_default else
                      "This run uses parameters other than the defaults: the counts and tables below cover the "
                      "records it keeps, while the narrative was written for the default run and may cite records "
                      "outside it."),
    }


def _selected(codes, universe):
    return list(universe) if codes == "all" else [c for c in universe if c in set(codes)]


def evidence_map(records: pd.DataFrame, links: pd.DataFrame, roles="all", themes="all") -> pd.DataFrame:
    """Number of records for each role and theme (long: role, theme, n_records).

    Only roles in `roles` that have at least one record, and every theme in `themes`, in
    vocabulary order; a record with several roles counts once for each.
    """
    role_list = _selected(roles, vocab.ROLES)
    theme_list = _selected(themes, vocab.THEMES)
    pairs = record_roles(records).merge(links[["record_id", "theme"]], on="record_id")
    pairs = pairs[pairs["role"].isin(role_list) & pairs["theme"].isin(theme_list)]
    counts = pairs.groupby(["role", "theme"])["record_id"].nunique()
    present = [r for r in role_list if r in set(record_roles(records)["role"])]
    index = pd.MultiIndex.from_product([present, theme_list], names=["role", "theme"])
    out = counts.reindex(index, fill_value=0).rename("n_records").reset_index()
    return out


def records_by_role(records: pd.DataFrame, roles="all") -> pd.DataFrame:
    """Number of records for each role (role, label, n_records), vocabulary order, zeros kept."""
    role_list = _selected(roles, vocab.ROLES)
    counts = record_roles(records)["role"].value_counts()
    return pd.DataFrame({"role": role_list, "label": [ROLE_LABELS[r] for r in role_list],
                         "n_records": [int(counts.get(r, 0)) for r in role_list]})


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
    return pd.DataFrame({"code": list(universe), "label": [labels[c] for c in universe], "n_records": n,
                         "share": [k / total for k in n]})


def theme_findings(records: pd.DataFrame, coded: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The coded findings of one theme among the records, in record order.

    Columns: record_id, roles (display labels), year, direction, finding.
    """
    kept = coded[(coded["theme"] == theme) & coded["record_id"].isin(records["id"])]
    info = records.set_index("id")
    order = {rid: i for i, rid in enumerate(records["id"])}
    kept = kept.assign(_o=kept["record_id"].map(order)).sort_values("_o")
    return pd.DataFrame({
        "record_id": kept["record_id"].to_numpy(),
        "roles": [", ".join(ROLE_LABELS[r] for r in info.loc[rid, "roles"]) for rid in kept["record_id"]],
        "year": [info.loc[rid, "year"] for rid in kept["record_id"]],
        "direction": kept["direction"].to_numpy(),
        "finding": kept["finding"].to_numpy(),
    })


def theme_summary(records: pd.DataFrame, coded: pd.DataFrame, links: pd.DataFrame, themes="all") -> pd.DataFrame:
    """One row per theme: records addressing it, records with coded findings, counts by direction.

    Columns: theme, n_records (addressing it by tag or code), n_coded (records with a coded
    finding on it), barrier, enabler, mixed, neutral, roles (display labels of the roles of the
    records with coded findings, by number of such records, most first).
    """
    rows = []
    ids = set(records["id"])
    roles_of = dict(zip(records["id"], records["roles"]))
    for theme in _selected(themes, vocab.THEMES):
        addressed = links[(links["theme"] == theme) & links["record_id"].isin(ids)]["record_id"].nunique()
        these = coded[(coded["theme"] == theme) & coded["record_id"].isin(ids)]
        directions = these["direction"].value_counts()
        role_counts = pd.Series([r for rid in these["record_id"] for r in roles_of[rid]], dtype=object).value_counts()
        role_order = sorted(role_counts.index, key=lambda r: (-role_counts[r], vocab.ROLES.index(r)))
        rows.append({"theme": theme, "n_records": int(addressed), "n_coded": int(these["record_id"].nunique()),
                     **{d: int(directions.get(d, 0)) for d in DIRECTIONS},
                     "roles": ", ".join(ROLE_LABELS[r] for r in role_order)})
    return pd.DataFrame(rows)


def tag_agreement(links: pd.DataFrame, records: pd.DataFrame) -> dict:
    """How the records' theme tags and the coded findings overlap, among the records."""
    kept = links[links["record_id"].isin(records["id"])]
    return {"both": int((kept["tagged"] & kept["coded"]).sum()),
            "tag_only": int((kept["tagged"] & ~kept["coded"]).sum()),
            "coded_only": int((~kept["tagged"] & kept["coded"]).sum()),
            "links": int(len(kept))}


# --------------------------------------------------------------------------- the chapter's tables and numbers

def basis_table(records: pd.DataFrame) -> pd.DataFrame:
    """Number of records by what their findings were read in (Basis, description, Records)."""
    table = (basis_of_evidence(records)["basis"].value_counts()
             .reindex(list(BASIS_CATEGORIES), fill_value=0).rename("Records").reset_index())
    table.insert(1, "What the findings were read in", table["basis"].map(BASIS_CATEGORIES))
    return table.rename(columns={"basis": "Basis"})


def role_numbers(by_role: pd.DataFrame) -> dict:
    """The role with the most records (ties: vocabulary order) and the roles with three or fewer.

    `by_role` is `records_by_role`.
    """
    top = by_role.sort_values(["n_records", "role"], ascending=[False, True], kind="stable").iloc[0]
    thin = by_role[by_role["n_records"] <= 3]
    return {"top_role": top["label"], "top_role_n": int(top["n_records"]),
            "thin_roles": listing(f"{r.label} ({r.n_records})" for r in thin.itertuples())}


def period_numbers(records: pd.DataFrame) -> dict:
    """Records from 2020 onwards, and records by groups of evidence levels."""
    levels = by_category(records, "evidence_level").set_index("code")["n_records"]
    recent = records[records["year"].fillna(0) >= 2020]
    return {"n_recent": len(recent), "share_recent": float(len(recent) / max(len(records), 1)),
            "n_primary_research": int(levels["primary_research"]), "n_review": int(levels["review"]),
            "n_opinion_policy": int(levels[list(OPINION_POLICY_LEVELS)].sum())}


def setting_numbers(by_setting: pd.DataFrame) -> dict:
    """`n_setting_<code>` for every setting; `by_setting` is `by_category(records, "setting")`."""
    counts = by_setting.set_index("code")["n_records"]
    return {f"n_setting_{code}": int(counts[code]) for code in vocab.SETTINGS}


def timeline_numbers(timeline: pd.DataFrame) -> dict:
    """How many dated events the timeline shows, and its first and last years."""
    return {"n_timeline_events": len(timeline), "timeline_first_year": int(timeline["year"].min()),
            "timeline_last_year": int(timeline["year"].max())}


def role_years_table(by_role: pd.DataFrame, records: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """For each role with records: its first dated timeline event and the years of its records.

    Columns: role, Role, Records, First dated event (timeline), Earliest record, Latest record
    ('none' where the timeline has no event of the role, 'no year' where no record is dated).
    """
    first_event = timeline.groupby("role")["year"].min()
    span = (record_roles(records).merge(records[["id", "year"]], left_on="record_id", right_on="id")
            .groupby("role")["year"].agg(["min", "max"]))
    table = by_role[by_role["n_records"] > 0].assign(
        first_event=lambda t: [year_or(first_event.get(r), "none") for r in t["role"]],
        first_record=lambda t: [year_or(span["min"].get(r), "no year") for r in t["role"]],
        last_record=lambda t: [year_or(span["max"].get(r), "no year") for r in t["role"]])
    return table.rename(columns={"label": "Role", "n_records": "Records",
                                 "first_event": "First dated event (timeline)",
                                 "first_record": "Earliest record", "last_record": "Latest record"})


SUMMARY_FIELDS = ("n_records", "n_coded", *DIRECTIONS)


def theme_numbers(summary: pd.DataFrame) -> dict:
    """`<theme>_<count>` for each count of `theme_summary`, and `<theme>_roles` ('none' if empty)."""
    out = {}
    for row in summary.itertuples(index=False):
        out.update({f"{row.theme}_{field}": int(getattr(row, field)) for field in SUMMARY_FIELDS})
        out[f"{row.theme}_roles"] = row.roles or "none"
    return out


def theme_summary_table(summary: pd.DataFrame, theme_labels: dict) -> pd.DataFrame:
    """`theme_summary` with theme labels and readable column headers."""
    return summary.assign(theme=summary["theme"].map(theme_labels)).rename(columns={
        "theme": "Theme", "n_records": "Records addressing it", "n_coded": "Records with coded findings",
        "barrier": "Barrier", "enabler": "Enabler", "mixed": "Mixed", "neutral": "Neutral",
        "roles": "Roles of the records with coded findings"})


def findings_table(records: pd.DataFrame, coded: pd.DataFrame, theme: str) -> pd.DataFrame:
    """`theme_findings` for display: labelled directions, 'no year' for undated records,
    readable headers, indexed by record."""
    table = theme_findings(records, coded, theme)
    table["direction"] = table["direction"].map(DIRECTION_LABELS)
    table["year"] = [year_or(y, "no year") for y in table["year"]]
    return table.rename(columns={"record_id": "Record", "roles": "Roles", "year": "Year",
                                 "direction": "Direction", "finding": "Coded finding"}).set_index("Record")


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
