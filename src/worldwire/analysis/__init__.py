"""Analyses over the store: stories (clusters of reports of one happening)."""
