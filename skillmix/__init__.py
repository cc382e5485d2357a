"""skillmix: loading, validation, statistics, plots and the pipeline behind the book."""
