"""Intake on a case (casebook/1.1): the referral, first contact, confidentiality,
consent to share, safeguarding information, GP and language (casebook.intake).

One row per case, beside the case's own row (which stays as it was). Intake is the
practitioner's working note of how the case began, so it can be corrected; every change
is audited (casebook.stores.intake). Rows are never replaced.
"""

from __future__ import annotations

CASE_INTAKE = """
CREATE TABLE case_intake (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    referral_date TEXT,
    referrer TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    first_contact TEXT,
    confidentiality_agreed TEXT,
    confidentiality_limits TEXT NOT NULL DEFAULT '',
    consent_to_share TEXT NOT NULL DEFAULT '',
    safeguarding_taken INTEGER NOT NULL DEFAULT 0,
    gp_confirmed INTEGER NOT NULL DEFAULT 0,
    language TEXT NOT NULL DEFAULT '',
    interpreter_needed INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TRIGGER case_intake_no_replace BEFORE INSERT ON case_intake
WHEN EXISTS (SELECT 1 FROM case_intake WHERE case_id = NEW.case_id)
BEGIN SELECT RAISE(ABORT, 'case_intake: a row with this key exists; rows are never replaced');
END;
"""
