"""Runners: where the stage functions execute (in process, a Dask cluster),
and the Parquet shards with their manifests that runs write."""
