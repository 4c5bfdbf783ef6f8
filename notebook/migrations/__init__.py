"""Schema migrations of single features, appended to :data:`notebook.schema.MIGRATIONS`."""
