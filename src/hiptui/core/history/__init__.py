"""Training history: the record shapes it reads, per-exercise figures, consistency, progression."""
