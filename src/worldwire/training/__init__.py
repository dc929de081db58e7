"""Training the shipped models from the banks in ``training/`` (development time only)."""
