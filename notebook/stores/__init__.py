"""Stores: the SQL of one feature each, attached to the Notebook facade."""
