"""The pipeline: plan a run, check it, execute chapters with papermill, record fingerprints
in the manifest, build the book, and the command line that drives it all."""
