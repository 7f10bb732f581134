"""The sitting self-check: reading answers, scoring them, and the words that explain a result."""
