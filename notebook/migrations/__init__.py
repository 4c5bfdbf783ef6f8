"""Schema migrations of features, each a constant appended to ``notebook.schema.MIGRATIONS``."""
