"""Language stages: parse, actors, events, modality, quotes, takeaways."""
