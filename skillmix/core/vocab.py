"""Controlled vocabularies shared by the evidence base, the survey and the lessons."""

ROLES = (
    "nursing_associate",
    "arrs",
    "clinical_pharmacist",
    "first_contact_physio",
    "paramedic",
    "social_prescriber",
    "physician_associate",
    "anaesthesia_associate",
    "acp",
    "anp",
    "nurse_practitioner",
    "enrolled_nurse",
    "hca",
    "assistant_practitioner",
    "ecp",
    "modern_matron",
    "nurse_consultant",
    "care_coordinator",
    "other",
)

THEMES = (
    "role_design",
    "onboarding",
    "regulation",
    "supervision",
    "funding",
    "education_training",
    "career_progression",
    "team_integration",
    "professional_identity",
    "patient_acceptance",
    "workload_impact",
    "outcomes_quality",
    "communication",
    "wellbeing",
)

SETTINGS = ("primary_care", "acute", "community", "mixed")

STUDY_TYPES = (
    "qualitative",
    "mixed_methods",
    "policy_report",
    "systematic_review",
    "scoping_review",
    "survey",
    "rct",
    "cohort",
    "evaluation",
    "other",
)

# Ordered from strongest to weakest, so that `min_evidence_level` keeps a prefix of this list.
EVIDENCE_LEVELS = (
    "review",
    "primary_research",
    "survey_of_opinion",
    "policy_or_guidance",
    "professional_body_view",
    "news_or_commentary",
)

EXCLUSION_REASONS = (
    "duplicate",
    "no_findings_visible",
    "out_of_scope_country",
    "out_of_scope_topic",
    "bibliographic_details_missing",
    "superseded",
    "not_assessed",
)

VOCABULARIES = {
    "roles": ROLES,
    "themes": THEMES,
    "settings": SETTINGS,
    "study_types": STUDY_TYPES,
    "evidence_levels": EVIDENCE_LEVELS,
}
