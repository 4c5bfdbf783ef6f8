"""Siblings seen together (casebook/1.1): a direct-work record names ``children``.

A record's one-line title names every child it is about ("Direct work with Lily and Sam").
``about_key`` keeps the first child; ``about_more`` counts the children after it, so a
record list reads the others' names (from the record's fields) only for the few records
that name more than one. Every record written before names at most one child: 0. No row
is changed (final records stay as they are).
"""

from __future__ import annotations

CHILDREN_SEEN_TOGETHER = """
ALTER TABLE records ADD COLUMN about_more INTEGER NOT NULL DEFAULT 0;
"""
