"""The bottom layer: paths, errors, vocabularies and labels, the CSV reader, the hash, the
chapter specification and the objects a chapter hands to the publishing layer. It imports
nothing else from `skillmix`."""
