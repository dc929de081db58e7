"""The event ontology: PLOVER types, their CAMEO and Goldstein mapping, triggers."""
