"""Schema migrations of features added after the core schema (appended to MIGRATIONS)."""
