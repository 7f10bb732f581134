"""Sitting breaks: the wall-clock schedule, the reminder on a monotonic clock, breaks per day."""
