"""Analyses over the store: stories (clusters of reports of one happening),
dyads, the relation network, digests, charts."""
