"""Interchange formats: one module per format (casebook/1 JSON)."""
