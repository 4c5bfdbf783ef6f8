"""What a summary PDF carries for its signatures.

:mod:`casebook.summary.layout` writes two custom entries into the document information
(the audit-chain head, and where the countersignature box was drawn) and this package
reads them without importing reportlab; the practitioner's signature reserves the empty
field :data:`COUNTERSIGNATURE_FIELD` over that box.
"""

from __future__ import annotations

AUDIT_HEAD_ENTRY = "CasebookAuditHead"
COUNTERSIGNATURE_BOX_KEY = "CasebookCountersignatureBox"
COUNTERSIGNATURE_FIELD = "Supervisor"
