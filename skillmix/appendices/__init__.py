"""The appendices about the run itself: reproducibility, data dictionary and claims ledger.

Helpers: `run_record` (run parameters, fingerprints, package versions, data checksums),
`descriptor_tables` (the data package as tables for readers) and `ledger` (glued values
read from the executed notebooks). Façades, one per notebook: `reproducibility`,
`data_dictionary` and `claims_ledger`.
"""
