"""Text to events: the coder and its stages (actors, verbs, modality, dates, places)."""
