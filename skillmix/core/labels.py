"""Reader-facing labels of coded values: one table, keyed by vocabulary, then by code.

`LABELS[vocabulary][code]` is what a reader sees for a code (a role, a setting, an evidence
level, ...). The vocabularies of `core.vocab` use the same names here; `directions` (of a
coded finding), `exclusion_reasons` (of the screening log) and `bases` (what a record's
findings were read in) are the evidence review's own. Role labels also cover `policy`, the
row of policy events on the role timeline.
"""

from __future__ import annotations

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

LABELS = {
    "roles": ROLE_LABELS,
    "settings": SETTING_LABELS,
    "study_types": STUDY_TYPE_LABELS,
    "evidence_levels": LEVEL_LABELS,
    "directions": DIRECTION_LABELS,
    "exclusion_reasons": REASON_LABELS,
    "bases": BASIS_CATEGORIES,
}


def label(vocabulary: str, code: str) -> str:
    """The reader's label of one code; KeyError for an unknown vocabulary or code."""
    return LABELS[vocabulary][code]
