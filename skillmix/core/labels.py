"""Reader-facing labels of coded values: one table, keyed by vocabulary, then by code.

`LABELS[vocabulary][code]` is what a reader sees for a code (a role, a setting, an evidence
level, ...). The vocabularies of `core.vocab` use the same names here; `directions` (of a
coded finding), `exclusion_reasons` (of the screening log) and `bases` (what a record's
findings were read in) are the evidence review's own. Role labels also cover `policy`, the
row of policy events on the role timeline.

Tables use the same table: `COLUMN_LABELS` gives the reader's header of a column name
(`first_period` -> "First date"), and `COLUMN_VOCABULARIES` the vocabulary whose labels replace
the codes in a column of that name (`evidence_level` -> `evidence_levels`). The publishing
layer applies both to every table it shows, so no page shows a code or a column name.
"""

from __future__ import annotations

import re

from .chapter_spec import chapters

ROLE_LABELS = {
    "nursing_associate": "Nursing associate",
    "arrs": "ARRS (scheme as a whole)",
    "clinical_pharmacist": "Clinical pharmacist",
    "first_contact_physio": "First-contact physiotherapist",
    "paramedic": "Paramedic",
    "social_prescriber": "Social prescribing link worker",
    "physician_associate": "Physician associate",
    "anaesthesia_associate": "Anaesthesia associate",
    "acp": "Advanced clinical practitioner",
    "anp": "Advanced nurse practitioner",
    "nurse_practitioner": "Nurse practitioner",
    "enrolled_nurse": "Enrolled nurse",
    "hca": "Healthcare assistant",
    "assistant_practitioner": "Assistant practitioner",
    "ecp": "Emergency care practitioner",
    "modern_matron": "Modern matron",
    "nurse_consultant": "Nurse consultant",
    "care_coordinator": "Care coordinator",
    "other": "Other roles",
    "policy": "Policy events",
}
SETTING_LABELS = {
    "primary_care": "Primary care",
    "acute": "Acute (hospital)",
    "community": "Community",
    "mixed": "Mixed or several",
}
STUDY_TYPE_LABELS = {
    "qualitative": "Qualitative",
    "mixed_methods": "Mixed methods",
    "policy_report": "Policy report",
    "systematic_review": "Systematic review",
    "scoping_review": "Scoping review",
    "survey": "Survey",
    "rct": "Randomised trial",
    "cohort": "Cohort",
    "evaluation": "Evaluation",
    "other": "Other",
}
LEVEL_LABELS = {
    "review": "Review",
    "primary_research": "Primary research",
    "survey_of_opinion": "Survey of opinion",
    "policy_or_guidance": "Policy or guidance",
    "professional_body_view": "Professional body view",
    "news_or_commentary": "News or commentary",
}
# The themes' headings, as data/evidence/themes.yml gives them (a test checks they agree).
THEME_LABELS = {
    "role_design": "Role design",
    "onboarding": "Onboarding",
    "regulation": "Regulation",
    "supervision": "Supervision",
    "funding": "Funding",
    "education_training": "Education and training",
    "career_progression": "Career progression",
    "team_integration": "Team integration",
    "professional_identity": "Professional identity",
    "patient_acceptance": "Patient acceptance",
    "workload_impact": "Workload impact",
    "outcomes_quality": "Outcomes and quality",
    "communication": "Communication",
    "wellbeing": "Wellbeing",
    "uncoded": "No theme found",
}
DIRECTION_LABELS = {"barrier": "Barrier", "enabler": "Enabler", "mixed": "Mixed", "neutral": "Neutral"}
REASON_LABELS = {
    "duplicate": "Duplicate",
    "no_findings_visible": "No findings visible in the copies seen",
    "out_of_scope_country": "Out of scope: country",
    "out_of_scope_topic": "Out of scope: topic",
    "bibliographic_details_missing": "Bibliographic details missing",
    "superseded": "Superseded by an included record",
    "not_assessed": "Seen, not assessed in full (rapid review)",
}
# What a record's findings were read in (the evidence review's `basis_of_evidence`), in order.
BASIS_CATEGORIES = {
    "secondary_summary": "findings read in a secondary summary of the named work",
    "abstract": "findings read in an abstract",
    "own_summary_or_page": "findings read in the issuing body's own page, release, summary or opening sections",
}

# The same, as a short label for a table cell.
BASIS_LABELS = {
    "secondary_summary": "Secondary summary",
    "abstract": "Abstract",
    "own_summary_or_page": "Issuing body's own page or summary",
}
# Which release of the General Practice Workforce series a figure comes from.
VINTAGE_LABELS = {
    "current": "Current",
    "superseded_aug2021": "Superseded (August 2021 method)",
    "superseded_original": "Superseded (first releases)",
    "not_applicable": "Not applicable",
    "practice_csv": "Official practice-level CSV",
}
# How exactly a published figure was given ("" is published exactly).
QUALIFIER_LABELS = {
    "": "",
    "about": "About",
    "almost": "Almost",
    "derived": "Derived",
    "estimate": "Estimate",
    "just over": "Just over",
    "more than": "More than",
}
GEOGRAPHY_LABELS = {
    "england": "England",
    "uk": "UK",
    "london": "London",
    "france": "France",
    "iceland": "Iceland",
    "switzerland": "Switzerland",
    "united_states": "United States",
    "oecd_average": "OECD average",
    "eu_average": "EU average",
    "europe_15_country_average": "Average of 15 European countries",
    "kingsfund_21_country_average": "Average of 21 countries (King's Fund)",
    "bmj2019_9_comparator_mean": "Mean of 9 comparator countries (BMJ 2019)",
}
# Survey: the roles asked about, the waves, and the estimate shown.
SURVEY_ROLE_LABELS = {"acp": "ACP", "pa": "PA", "both": "ACP and PA"}
WAVE_LABELS = {"current": "Current wave", "earlier": "Earlier wave"}
FREETEXT_LABELS = {"helped": "What has helped", "hindered": "What has hindered"}
ESTIMATE_LABELS = {"weighted": "Weighted", "unweighted": "Unweighted"}
YES_NO = {True: "Yes", False: "No"}

LABELS = {
    "roles": ROLE_LABELS,
    "settings": SETTING_LABELS,
    "study_types": STUDY_TYPE_LABELS,
    "evidence_levels": LEVEL_LABELS,
    "themes": THEME_LABELS,
    "directions": DIRECTION_LABELS,
    "exclusion_reasons": REASON_LABELS,
    "bases": BASIS_CATEGORIES,
    "basis_short": BASIS_LABELS,
    "freetext_questions": FREETEXT_LABELS,
    "vintages": VINTAGE_LABELS,
    "qualifiers": QUALIFIER_LABELS,
    "geographies": GEOGRAPHY_LABELS,
    "survey_roles": SURVEY_ROLE_LABELS,
    "waves": WAVE_LABELS,
    "estimates": ESTIMATE_LABELS,
}

# The vocabulary of the codes in a column of this name, wherever a table shows one.
COLUMN_VOCABULARIES = {
    "role": "roles",
    "roles": "roles",
    "setting": "settings",
    "study_type": "study_types",
    "evidence_level": "evidence_levels",
    "direction": "directions",
    "reason": "exclusion_reasons",
    "basis": "basis_short",
    "vintage": "vintages",
    "qualifier": "qualifiers",
    "geography": "geographies",
    "wave": "waves",
    "theme": "themes",
}

# The reader's header of a column name that sentence case alone does not make readable (a
# name in words, 'role' or 'short title', is shown with a capital: `column_label`).
COLUMN_LABELS = {
    "study_type": "Study type",
    "evidence_level": "Evidence level",
    "period": "Date",
    "geography": "Where",
    "source_url": "Source",
    "source_title": "Source",
    "staff_group": "Staff group",
    "fte": "FTE",
    "total_fte": "Total FTE",
    "share": "Share of total",
    "doctors_per_1000": "Doctors per 1,000 population",
    "nurses_per_1000": "Nurses per 1,000 population",
    "nurses_per_doctor": "Nurses per doctor",
    "first_period": "First date",
    "first_value": "First value",
    "latest_period": "Latest date",
    "latest_value": "Latest value",
    "ambition_period": "Ambition date",
    "share_of_ambition": "Share of ambition reached",
    "observed_annual_growth": "Observed growth a year",
    "required_annual_growth": "Growth a year needed",
    "bytes": "Size (bytes)",
    "sha256": "SHA-256",
    "quote": "Answer (redacted)",
}

# The short title of each chapter (`chapter_label` adds its number or appendix letter).
CHAPTER_TITLES = {
    "intro": "Key findings",
    "workforce": "Workforce data",
    "evidence_review": "Evidence review",
    "survey": "Staff survey",
    "lessons": "Lessons",
    "reproducibility": "Methods and reproducibility",
    "evidence_table": "Evidence table",
    "data_dictionary": "Data dictionary",
    "claims_ledger": "Claims ledger",
    "glossary": "Glossary of roles",
}
# Words of the workforce data's series ids as a reader writes them (`series_label`).
SERIES_WORDS = {
    "gp": "GP",
    "gps": "GPs",
    "fte": "FTE",
    "wte": "WTE",
    "hc": "headcount",
    "dpc": "DPC",
    "pcn": "PCN",
    "arrs": "ARRS",
    "nwrs": "NWRS",
    "hchs": "HCHS",
    "oecd": "OECD",
    "ltwp": "LTWP",
    "ltp": "LTP",
    "gpfv": "GPFV",
    "nhs": "NHS",
    "nmc": "NMC",
    "gmc": "GMC",
    "who": "WHO",
    "uk": "UK",
    "eu": "EU",
    "ccg": "CCG",
    "ccgs": "CCGs",
    "icb": "ICB",
    "ahps": "AHPs",
    "aa": "AA",
    "pa": "PA",
    "hv": "health visitors",
    "excl": "excluding",
    "incl": "including",
    "vs": "vs",
    "na": "NA",
    "gponline": "GPonline",
    "kingsfund": "King's Fund",
    "bmj2019": "BMJ 2019",
    "era": "era",
    "1m": "1 month",
    "1y": "1 year",
    "2y": "2 years",
    "3y": "3 years",
    "5y": "5 years",
    "1000": "1,000",
    "10000": "10,000",
    "100000": "100,000",
}
_SPLIT = re.compile(r"\s*[;,]\s*")


def label(vocabulary: str, code: str) -> str:
    """The reader's label of one code; KeyError for an unknown vocabulary or code."""
    return LABELS[vocabulary][code]


def label_codes(vocabulary: str, text) -> str:
    """A cell of one or more codes (separated by ';' or ',') as their labels, ', '-separated;
    a part that is not a code of the vocabulary is kept as it is (it is already words)."""
    labels = LABELS[vocabulary]
    if isinstance(text, bool) or text in labels:
        return labels.get(text, text)
    parts = [part for part in _SPLIT.split(str(text)) if part]
    return ", ".join(str(labels.get(part, part)) for part in parts)


def column_label(name) -> str:
    """The reader's header of a column: its `COLUMN_LABELS` entry, else the name as given with
    a capital first letter ('short title' -> 'Short title'; headers are in sentence case)."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    text = str(name)
    if len(text.split(" ")[0]) == 1:  # a symbol such as 'n (substantive answers)' keeps its case
        return text
    return text[:1].upper() + text[1:]


def series_label(series: str) -> str:
    """A series id of the workforce data in words: 'gp_fully_qualified_fte' -> 'GP fully
    qualified FTE', 'arrs_nwrs_dpc_fte_change_vs_2019-03' -> 'ARRS NWRS DPC FTE change vs 2019-03'."""
    words = [SERIES_WORDS.get(word, word) for word in str(series).split("_") if word]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def chapter_label(name: str) -> str:
    """A chapter's key as a reader names it: 'Chapter 2: Evidence review', 'Appendix B:
    Evidence table' (number or letter from chapters.yml), or its title alone without one."""
    title = CHAPTER_TITLES.get(name, name)
    label = chapters()[name].label if name in chapters() else ""
    if not label:
        return title
    return f"{'Chapter' if label.isdigit() else 'Appendix'} {label}: {title}"
