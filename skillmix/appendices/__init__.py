"""The appendices about the run itself and about how the book reports: reproducibility, data
dictionary, claims ledger and reporting checklists.

Helpers: `run_record` (run parameters, fingerprints, package versions, data checksums),
`descriptor_tables` (the data package as tables for readers), `ledger` (glued values
read from the executed notebooks), `sections` (heading anchors of the chapters, for links
between pages), `checklist_data` (data/checklists/), `cerqual` (the lessons' confidence,
read from data/lessons/lessons.yml) and `checklist_tables` (the checklists as MyST tables).
Façades, one per notebook: `reproducibility`, `data_dictionary`, `claims_ledger` and
`checklists`.
"""
