"""The session runner: plans, the state machine, its events and view, snapshots, summaries."""
