"""YAML text: reading it (events, positions) and writing it the way a person writes it."""
