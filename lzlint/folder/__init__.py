"""Checks over a whole folder of reports, run after the per-file checks."""
