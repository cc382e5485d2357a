"""The staff survey on ACP and PA roles: code book, synthetic responses, loaders, validation,
weighting, estimates, comparisons, free text, disclosure control and Likert charts."""
