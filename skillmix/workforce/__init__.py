"""The workforce domain: how the mix of professions has changed, from published figures.

Modules: `published` (the curated file: loading, validation, selection), `official_csv`
(official NHS England practice-level and PCN CSVs), `gp_ratio` (other clinicians per GP),
`gp_practice` (the general-practice section's rows and ratios), `arrs`, `new_roles`, `hchs`,
`oecd` (the other sections' computations), `numbers` (values quoted in the prose), `sources`
(rows used), `plots` (figures) and `chapter` (the façade the notebook calls).
"""
