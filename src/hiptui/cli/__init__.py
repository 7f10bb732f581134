"""Command line entry points; only `hiptui` with no command imports Textual."""
