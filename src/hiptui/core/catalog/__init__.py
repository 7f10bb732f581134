"""Rules over the exercise catalog: the filter, and the easier option after discomfort."""
