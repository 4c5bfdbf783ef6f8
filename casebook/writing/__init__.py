"""Writing aids without Qt: spell-check, phrases and templates, and the language check.

What a practitioner keeps for these (their own dictionary words, phrases, templates, the
chosen dictionary, their edits to the language list) lives in the notebook's encrypted
settings table through :class:`casebook.writing.store.WritingStore`, never in a plain file.
"""
