"""The notebook's stores: each owns the SQL of one part of the notebook."""
