"""The landing page: key findings drawn from the other chapters' published values (the claims
ledger), and the date the book's statements about current policy were checked."""
