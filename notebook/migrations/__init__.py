"""Schema migrations of features, each a SQL script appended to notebook.schema.MIGRATIONS."""
