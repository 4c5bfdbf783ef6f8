"""The demo caseload (resources/demo/demo.json): valid casebook/1.1, the same every time, and a
showcase of every field.

This module also holds a small, strict checker of the casebook/1 interchange format
(``/work/shared/IMPORT_FORMAT.md``), built from the format's tables;
``test_bench_generate.py`` uses it too.
"""

from __future__ import annotations

import base64
import json
import re
import struct
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from casebook.demo import demo_document

# =========================================================================== the format

ROLES = ("subject", "partner", "child", "family", "professional")
CASE_STATUSES = ("open", "closed")
RECORD_STATUSES = ("draft", "final")
LOCATIONS = ("home_visit", "office", "school", "prison", "phone", "video", "other")
SESSION_TYPES = ("assessment", "intervention", "review", "risk_assessment")
RISK_LEVELS = ("none", "low", "medium", "high")
RISK_INDICATORS = (
    "denial",
    "minimisation",
    "victim_blaming",
    "manipulation",
    "access_to_children",
    "breach",
)
ACTIVITIES = ("three_houses", "wishes_feelings", "words_pictures", "drawing", "play", "other")
CONTACT_TYPES = ("visit", "phone", "office", "video", "message")
FEELINGS_STAGES = (
    "shock",
    "disbelief",
    "anger",
    "bargaining",
    "sadness",
    "acceptance",
    "other",
)

# casebook/1.1 (docs/interchange.md): the professional_contact kind.
MEETING_TYPES = (
    "strategy_discussion",
    "core_group",
    "cp_conference",
    "professionals_meeting",
    "call",
    "email",
    "other",
)

# casebook/1.1's additions to the session: the risk-to-self screen, who was contacted and
# when, and the safety plan.
SESSION_TEXTS_1_1 = (
    "risk_thoughts",
    "risk_plans",
    "risk_means",
    "protective_factors",
    "police_contact",
    "court_dates",
    "escalation_contacted",
    "plan_warning_signs",
    "plan_coping",
    "plan_people_places",
    "plan_professionals",
    "plan_environment",
)
# casebook/1.1's change over time: each scale's rating (five steps, lowest first) and note.
RATINGS: dict[str, tuple[str, ...]] = {
    "motivation_rating": (
        "precontemplation", "contemplation", "preparation", "action", "maintenance"
    ),
    "desistance_rating": ("none_seen", "few", "some", "several", "strong"),
    "denial_rating": (
        "full_denial", "partial_denial", "much_minimising", "some_minimising",
        "full_responsibility",
    ),
    "protective_rating": ("not_protective", "limited", "developing", "adequate", "strong"),
}  # fmt: skip
SESSION_RATING_KEYS = ("motivation_rating", "motivation_note", "desistance_rating",
                       "desistance_note", "denial_rating", "denial_note")  # fmt: skip
PARTNER_RATING_KEYS = ("protective_rating", "protective_note")
SESSION_KEYS_1_1 = frozenset({*SESSION_TEXTS_1_1, "escalation_on", *SESSION_RATING_KEYS})
# Every key casebook/1.1 added to an object casebook/1 has (a case's intake, a session's).
KEYS_1_1 = SESSION_KEYS_1_1 | {
    "intake", "details", "events", "spans", "significance", "children", "disclosures",
    *PARTNER_RATING_KEYS,
}  # fmt: skip
# casebook/1.1's chronology events and marks of fact, hearsay and opinion.
EVENT_KINDS = (
    "arrest", "bail", "charge", "sentence", "strategy_meeting", "conference", "court_hearing",
    "move_of_home", "other",
)  # fmt: skip
MARK_CLASSES = ("observed", "reported", "opinion")
EVENT_KEYS = (
    "date", "kind", "class", "description", "source", "significant", "withdrawn_at",
    "withdrawn_reason",
)  # fmt: skip

ENUMS: dict[str, tuple[str, ...]] = {
    "meeting_type": MEETING_TYPES,
    "event kind": EVENT_KINDS,
    "class": MARK_CLASSES,
    "family_told": ("yes", "no"),
    "role": ROLES,
    "case status": CASE_STATUSES,
    "record status": RECORD_STATUSES,
    "location": LOCATIONS,
    "session_type": SESSION_TYPES,
    "risk_to_self": RISK_LEVELS,
    "risk_indicators": RISK_INDICATORS,
    "activity": ACTIVITIES,
    "contact_type": CONTACT_TYPES,
    "feelings_stage": FEELINGS_STAGES,
    **RATINGS,
}

#: Every object of the format: its keys and which of them must be present.
SCOPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "document": (("format", "cases", "reflections"), ("format", "cases")),
    "case": (
        ("ref", "title", "status", "opened", "closed", "people", "records", "intake", "events"),
        ("ref", "title", "status", "opened", "people", "records"),
    ),
    "person": (
        ("key", "name", "preferred_name", "role", "born", "gp", "details"),
        ("key", "name", "role"),
    ),
    "details": (
        (
            "relationship",
            "contact",
            "language",
            "interpreter_needed",
            "legal_status",
            "conditions",
            "conditions_from",
            "conditions_until",
        ),
        (),
    ),
    "record": (
        (
            "kind",
            "event_at",
            "written_at",
            "location",
            "duration_minutes",
            "people",
            "status",
            "tags",
            "fields",
            "attachments",
            "addenda",
            "spans",
            "significance",
        ),
        ("kind", "event_at", "location", "people", "status", "fields"),
    ),
    "session": (
        (
            "session_type",
            "purpose",
            "narrative",
            "presentation",
            "risk_to_self",
            "risk_indicators",
            "strengths",
            "safeguarding",
            "next_session",
            "actions",
            *sorted(SESSION_KEYS_1_1),
        ),
        (),
    ),
    "child_work": (
        (
            "child",
            "activity",
            "childs_words",
            "worries",
            "good_things",
            "wishes",
            "understanding",
            "disclosure",
            "observations",
            "actions",
            # casebook/1.1: siblings seen together, each disclosure by one of them.
            "children",
            "disclosures",
        ),
        (),
    ),
    "partner_support": (
        (
            "partner",
            "contact_type",
            "feelings_stage",
            "feelings",
            "information_given",
            "decisions",
            "understanding_of_risk",
            "protective_capacity",
            "safety_plan",
            "wellbeing",
            "actions",
            *PARTNER_RATING_KEYS,
        ),
        ("partner",),
    ),
    "professional_contact": (
        (
            "meeting_type",
            "attendees",
            "purpose",
            "information_shared",
            "decisions",
            "family_told",
            "family_told_note",
            "next_meeting",
            "actions",
        ),
        (),
    ),
    "attendee": (("person", "name", "agency", "role"), ()),
    "event": (EVENT_KEYS, ("date", "kind", "class")),
    "span": (
        ("start", "end", "class", "source", "source_name", "to", "at", "basis"),
        ("start", "end", "class"),
    ),
    "significance note": (("at", "significant", "reason"), ("at", "significant")),
    "intake": (
        (
            "referral_date",
            "referrer",
            "source",
            "first_contact",
            "confidentiality_agreed",
            "confidentiality_limits",
            "consent_to_share",
            "safeguarding_taken",
            "gp_confirmed",
            "language",
            "interpreter_needed",
        ),
        (),
    ),
    # "done" is the notebook's own addition (README: Interchange format).
    "action": (("text", "due", "done"), ("text",)),
    "disclosure": (("verbatim", "at", "present", "response", "informed"), ("verbatim", "at")),
    "disclosures_item": (
        ("child", "verbatim", "at", "present", "response", "informed"),
        ("child", "verbatim", "at"),
    ),
    "informed": (("who", "at"), ("who",)),
    "attachment": (("name", "media_type", "data_base64"), ("name", "media_type", "data_base64")),
    "addendum": (("written_at", "text"), ("written_at", "text")),
    "reflection": (("written_at", "text"), ("written_at", "text")),
}

KINDS_V1 = ("session", "child_work", "partner_support")
# What casebook/1.1 added (a casebook/1 document, like the bench's, uses none of it).
SCOPES_1_1 = frozenset(
    {
        "professional_contact", "attendee", "intake", "details", "disclosures_item", "event",
        "span", "significance note",
    }
)  # fmt: skip
ENUMS_1_1 = frozenset({"meeting_type", "family_told", "event kind", "class", *RATINGS})
KINDS = (*KINDS_V1, "professional_contact")
# What each version of the format allows.
FORMAT_KINDS = {"casebook/1": KINDS_V1, "casebook/1.1": KINDS}


class FormatChecker:
    """Checks a casebook/1 document strictly; collects errors named by their place
    (``cases[0].records[3].fields.narative: unknown field``), and which keys and enum
    values the document uses, for coverage tests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.keys_used: dict[str, set[str]] = defaultdict(set)
        self.values_used: dict[str, set[str]] = defaultdict(set)
        self._people: dict[str, str] = {}
        self._kinds: tuple[str, ...] = KINDS_V1

    # ------------------------------------------------------------------ primitives

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def obj(self, value: Any, path: str, scope: str) -> dict[str, Any]:
        """Check ``value`` is an object with only ``scope``'s keys and all required ones."""
        allowed, required = SCOPES[scope]
        if not isinstance(value, dict):
            self.fail(path, f"expected an object ({scope})")
            return {}
        for key in value:
            if key in allowed:
                self.keys_used[scope].add(key)
            else:
                self.fail(f"{path}.{key}", "unknown field")
        for key in required:
            if key not in value:
                self.fail(path, f"missing {key}")
        return value

    def text(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            self.fail(path, "expected text")

    def date(self, value: Any, path: str, *, nullable: bool = False) -> None:
        if value is None and nullable:
            return
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.fail(path, f"expected a date YYYY-MM-DD, got {value!r}")
            return
        try:
            date.fromisoformat(value)
        except ValueError:
            self.fail(path, f"not a real date: {value!r}")

    def time(self, value: Any, path: str) -> datetime | None:
        if not isinstance(value, str):
            self.fail(path, "expected an ISO 8601 time")
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.fail(path, f"not an ISO 8601 time: {value!r}")
            return None
        if parsed.tzinfo is None:
            self.fail(path, f"time without an offset: {value!r}")
            return None
        return parsed

    def enum(self, value: Any, path: str, name: str) -> None:
        if value in ENUMS[name]:
            self.values_used[name].add(value)
        else:
            self.fail(path, f"{value!r} is not a {name}")

    def list_of(self, value: Any, path: str, check: Callable[[Any, str], None]) -> None:
        if not isinstance(value, list):
            self.fail(path, "expected a list")
            return
        for i, item in enumerate(value):
            check(item, f"{path}[{i}]")

    def person(self, value: Any, path: str, role: str | None = None) -> None:
        if value not in self._people:
            self.fail(path, f"{value!r} is not a person of this case")
        elif role is not None and self._people[value] != role:
            self.fail(path, f"{value!r} is a {self._people[value]}, not a {role}")

    def texts(self, fields: dict[str, Any], path: str, *names: str) -> None:
        for name in names:
            if name in fields:
                self.text(fields[name], f"{path}.{name}")

    # ------------------------------------------------------------------ the document

    def document(self, doc: Any) -> list[str]:
        doc = self.obj(doc, "document", "document")
        if "format" in doc and doc["format"] not in FORMAT_KINDS:
            self.fail("format", f"expected 'casebook/1' or 'casebook/1.1', got {doc['format']!r}")
        self._kinds = FORMAT_KINDS.get(doc.get("format"), KINDS_V1)
        self.list_of(doc.get("cases", []), "cases", self.case)
        self.list_of(doc.get("reflections", []), "reflections", self.note("reflection"))
        return self.errors

    def note(self, scope: str) -> Callable[[Any, str], None]:
        def check(value: Any, path: str) -> None:
            value = self.obj(value, path, scope)
            if "written_at" in value:
                self.time(value["written_at"], f"{path}.written_at")
            if "text" in value:
                self.text(value["text"], f"{path}.text")

        return check

    def case(self, value: Any, path: str) -> None:
        case = self.obj(value, path, "case")
        self.texts(case, path, "ref", "title")
        if "status" in case:
            self.enum(case["status"], f"{path}.status", "case status")
        if "opened" in case:
            self.date(case["opened"], f"{path}.opened")
        if "closed" in case:
            self.date(case["closed"], f"{path}.closed", nullable=True)
            if (case["closed"] is None) != (case.get("status") == "open"):
                self.fail(path, "closed date and status disagree")
        self._people = {}
        self.list_of(case.get("people", []), f"{path}.people", self.person_entry)
        self.list_of(case.get("records", []), f"{path}.records", self.record)
        if "intake" in case:
            self.intake(case["intake"], f"{path}.intake")
        self.list_of(case.get("events", []), f"{path}.events", self.event)

    def event(self, value: Any, path: str) -> None:
        event = self.obj(value, path, "event")
        if "date" in event:
            self.date(event["date"], f"{path}.date")
        if "kind" in event:
            self.enum(event["kind"], f"{path}.kind", "event kind")
        if "class" in event:
            self.enum(event["class"], f"{path}.class", "class")
        self.texts(event, path, "description", "source")

    def spans(self, value: Any, path: str, fields: dict[str, Any]) -> None:
        if not isinstance(value, dict):
            self.fail(path, "expected an object of fields")
            return
        for name, spans in value.items():
            text = fields.get(name)
            if not isinstance(text, str):
                self.fail(f"{path}.{name}", "not a free-text field of the record")
                continue
            self.list_of(spans, f"{path}.{name}", lambda v, p, t=text: self.span(v, p, t))

    def span(self, value: Any, path: str, text: str) -> None:
        span = self.obj(value, path, "span")
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            self.fail(path, f"the passage {start}..{end} is not inside the text")
        if "class" in span:
            self.enum(span["class"], f"{path}.class", "class")
        if span.get("class") == "reported" and not ("source" in span or "source_name" in span):
            self.fail(path, "a reported passage needs its source")
        if "source" in span:
            self.person(span["source"], f"{path}.source")
        if "at" in span:
            self.time(span["at"], f"{path}.at")
        self.texts(span, path, "source_name", "to", "basis")

    def intake(self, value: Any, path: str) -> None:
        intake = self.obj(value, path, "intake")
        for name in ("referral_date", "first_contact", "confidentiality_agreed"):
            if name in intake:
                self.date(intake[name], f"{path}.{name}", nullable=True)
        self.texts(
            intake, path, "referrer", "source", "confidentiality_limits", "consent_to_share",
            "language",
        )  # fmt: skip
        for name in ("safeguarding_taken", "gp_confirmed", "interpreter_needed"):
            if name in intake and not isinstance(intake[name], bool):
                self.fail(f"{path}.{name}", "expected true or false")

    def person_entry(self, value: Any, path: str) -> None:
        person = self.obj(value, path, "person")
        self.texts(person, path, "key", "name", "preferred_name", "gp")
        if "role" in person:
            self.enum(person["role"], f"{path}.role", "role")
        if "born" in person:
            self.date(person["born"], f"{path}.born")
        if "details" in person:
            details = self.obj(person["details"], f"{path}.details", "details")
            self.texts(
                details, f"{path}.details", "relationship", "contact", "language",
                "legal_status", "conditions",
            )  # fmt: skip
            for name in ("conditions_from", "conditions_until"):
                if name in details:
                    self.date(details[name], f"{path}.details.{name}", nullable=True)
        key = person.get("key")
        if isinstance(key, str):
            if key in self._people:
                self.fail(f"{path}.key", f"{key!r} is used twice in this case")
            self._people[key] = person.get("role", "")

    def record(self, value: Any, path: str) -> None:
        record = self.obj(value, path, "record")
        kind = record.get("kind")
        if kind not in self._kinds:
            self.fail(f"{path}.kind", f"{kind!r} is not a kind")
        event = self.time(record["event_at"], f"{path}.event_at") if "event_at" in record else None
        if "written_at" in record:
            written = self.time(record["written_at"], f"{path}.written_at")
            if event and written and written < event:
                self.fail(f"{path}.written_at", "written before the event")
        if "location" in record:
            self.enum(record["location"], f"{path}.location", "location")
        if "duration_minutes" in record:
            minutes = record["duration_minutes"]
            if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
                self.fail(f"{path}.duration_minutes", "expected minutes as a whole number")
        self.list_of(record.get("people", []), f"{path}.people", self.person)
        if "status" in record:
            self.enum(record["status"], f"{path}.status", "record status")
        self.list_of(record.get("tags", []), f"{path}.tags", self.text)
        if kind in self._kinds and "fields" in record:
            self.fields(kind, record["fields"], f"{path}.fields")
        self.list_of(record.get("attachments", []), f"{path}.attachments", self.attachment)
        if "addenda" in record:
            if record.get("status") != "final":
                self.fail(f"{path}.addenda", "only final records may carry addenda")
            self.list_of(record["addenda"], f"{path}.addenda", self.note("addendum"))
        self.record_1_1(record, path)

    def record_1_1(self, record: dict[str, Any], path: str) -> None:
        """A record's marks and significance notes (casebook/1.1)."""
        if "spans" in record:
            self.spans(record["spans"], f"{path}.spans", record.get("fields", {}))
        if "significance" in record:
            if record.get("status") != "final":
                self.fail(f"{path}.significance", "only final records carry significance notes")
            self.list_of(record["significance"], f"{path}.significance", self.significance_note)

    def significance_note(self, value: Any, path: str) -> None:
        note = self.obj(value, path, "significance note")
        if "at" in note:
            self.time(note["at"], f"{path}.at")
        if not isinstance(note.get("significant"), bool):
            self.fail(f"{path}.significant", "expected true or false")
        self.texts(note, path, "reason")

    def fields(self, kind: str, value: Any, path: str) -> None:
        fields = self.obj(value, path, kind)
        if kind == "session":
            if "session_type" in fields:
                self.enum(fields["session_type"], f"{path}.session_type", "session_type")
            self.texts(
                fields, path, "purpose", "narrative", "presentation", "strengths", "safeguarding"
            )
            if "risk_to_self" in fields:
                self.enum(fields["risk_to_self"], f"{path}.risk_to_self", "risk_to_self")
            self.list_of(
                fields.get("risk_indicators", []),
                f"{path}.risk_indicators",
                lambda v, p: self.enum(v, p, "risk_indicators"),
            )
            if "next_session" in fields:
                self.date(fields["next_session"], f"{path}.next_session", nullable=True)
            self.texts(fields, path, *SESSION_TEXTS_1_1)
            self.ratings(fields, path, SESSION_RATING_KEYS)
            if "escalation_on" in fields:
                self.date(fields["escalation_on"], f"{path}.escalation_on", nullable=True)
        elif kind == "child_work":
            self.child_work(fields, path)
        elif kind == "professional_contact":
            self.professional_contact(fields, path)
        else:
            self.partner_support(fields, path)
        self.list_of(fields.get("actions", []), f"{path}.actions", self.action)

    def child_work(self, fields: dict[str, Any], path: str) -> None:
        if "child" in fields:
            self.person(fields["child"], f"{path}.child", "child")
        if ("child" in fields) == ("children" in fields):
            self.fail(path, "name the child (casebook/1) or the children, one of the two")
        self.list_of(
            fields.get("children", []),
            f"{path}.children",
            lambda v, p: self.person(v, p, "child"),
        )
        for i, item in enumerate(fields.get("disclosures", [])):
            where = f"{path}.disclosures[{i}]"
            self.obj(item, where, "disclosures_item")
            self.person(item.get("child"), f"{where}.child", "child")
            self.disclosure({k: v for k, v in item.items() if k != "child"}, where)
        if "activity" in fields:
            self.enum(fields["activity"], f"{path}.activity", "activity")
        self.list_of(fields.get("childs_words", []), f"{path}.childs_words", self.text)
        self.texts(
            fields, path, "worries", "good_things", "wishes", "understanding", "observations"
        )
        if fields.get("disclosure") is not None:
            self.disclosure(fields["disclosure"], f"{path}.disclosure")

    def action(self, value: Any, path: str) -> None:
        action = self.obj(value, path, "action")
        self.texts(action, path, "text")
        if "due" in action:
            self.date(action["due"], f"{path}.due", nullable=True)

    def partner_support(self, fields: dict[str, Any], path: str) -> None:
        if "partner" in fields:
            self.person(fields["partner"], f"{path}.partner", "partner")
        if "contact_type" in fields:
            self.enum(fields["contact_type"], f"{path}.contact_type", "contact_type")
        if "feelings_stage" in fields:
            self.enum(fields["feelings_stage"], f"{path}.feelings_stage", "feelings_stage")
        self.texts(
            fields,
            path,
            "feelings",
            "information_given",
            "decisions",
            "understanding_of_risk",
            "protective_capacity",
            "safety_plan",
            "wellbeing",
        )
        self.ratings(fields, path, PARTNER_RATING_KEYS)

    def ratings(self, fields: dict[str, Any], path: str, keys: tuple[str, ...]) -> None:
        for name in keys:
            if name not in fields:
                continue
            if name in RATINGS:
                if fields[name] is not None:
                    self.enum(fields[name], f"{path}.{name}", name)
            else:
                self.texts(fields, path, name)

    def professional_contact(self, fields: dict[str, Any], path: str) -> None:
        for name in ("meeting_type", "family_told"):
            if name in fields:
                self.enum(fields[name], f"{path}.{name}", name)
        self.list_of(fields.get("attendees", []), f"{path}.attendees", self.attendee)
        self.texts(fields, path, "purpose", "information_shared", "decisions", "family_told_note")
        if "next_meeting" in fields:
            self.date(fields["next_meeting"], f"{path}.next_meeting", nullable=True)

    def attendee(self, value: Any, path: str) -> None:
        attendee = self.obj(value, path, "attendee")
        if attendee.get("person") is not None:
            self.person(attendee["person"], f"{path}.person")
        elif not attendee.get("name"):
            self.fail(path, "an attendee needs a person of the case or a name")
        self.texts(attendee, path, "name", "agency", "role")

    def disclosure(self, value: Any, path: str) -> None:
        disclosure = self.obj(value, path, "disclosure")
        self.texts(disclosure, path, "verbatim", "present", "response")
        if "at" in disclosure:
            self.time(disclosure["at"], f"{path}.at")
        self.list_of(disclosure.get("informed", []), f"{path}.informed", self.informed)

    def informed(self, value: Any, path: str) -> None:
        informed = self.obj(value, path, "informed")
        self.texts(informed, path, "who")
        if "at" in informed:
            self.time(informed["at"], f"{path}.at")

    def attachment(self, value: Any, path: str) -> None:
        attachment = self.obj(value, path, "attachment")
        self.texts(attachment, path, "name", "media_type", "data_base64")
        data = attachment.get("data_base64")
        if isinstance(data, str):
            try:
                base64.b64decode(data, validate=True)
            except ValueError:
                self.fail(f"{path}.data_base64", "not base64")


def check_document(doc: Any) -> FormatChecker:
    """Run the strict checker over ``doc``; ``.errors`` lists what is wrong."""
    checker = FormatChecker()
    checker.document(doc)
    return checker


def png_size(data: bytes) -> tuple[int, int]:
    """Check ``data`` is a well-formed 8-bit RGB PNG (signature, chunk CRCs, image data of
    the right length) and return its width and height."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, bytes] = {}
    idat = b""
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        if kind == b"IDAT":
            idat += body
        chunks[kind] = body
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 2)
    assert b"IEND" in chunks
    raw = zlib.decompress(idat)
    assert len(raw) == height * (1 + 3 * width)
    assert all(raw[y * (1 + 3 * width)] <= 4 for y in range(height))
    return width, height


# =========================================================================== helpers


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    return demo_document()


def records(doc: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (case, record) pair."""
    for case in doc["cases"]:
        for record in case["records"]:
            yield case, record


def all_text(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "data_base64":
                yield from all_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_text(item)


# =========================================================================== tests


def test_the_demo_is_the_same_document_every_time() -> None:
    first, second = demo_document(), demo_document()
    assert first == second
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)
    assert first is not second and first["cases"] is not second["cases"]


def test_the_demo_is_plain_json(demo: dict[str, Any]) -> None:
    assert json.loads(json.dumps(demo, ensure_ascii=False)) == demo


def test_the_demo_uses_only_keys_and_values_from_the_format(demo: dict[str, Any]) -> None:
    assert check_document(demo).errors == []


def test_the_checker_names_an_unknown_key_and_its_place(demo: dict[str, Any]) -> None:
    broken = demo_document()
    fields = broken["cases"][0]["records"][1]["fields"]
    fields["narative"] = fields.pop("narrative")
    broken["cases"][1]["people"][0]["nickname"] = "x"
    broken["cases"][2]["records"][0]["fields"]["partner"] = "p9"
    errors = check_document(broken).errors
    assert "cases[0].records[1].fields.narative: unknown field" in errors
    assert "cases[1].people[0].nickname: unknown field" in errors
    assert any(e.startswith("cases[2].records[0].fields.partner:") for e in errors)


def test_the_demo_uses_every_field_of_every_kind_and_object(demo: dict[str, Any]) -> None:
    used = check_document(demo).keys_used
    for scope, (allowed, _required) in SCOPES.items():
        assert used[scope] == set(allowed), f"{scope} never uses {set(allowed) - used[scope]}"


def test_the_demo_uses_every_allowed_value(demo: dict[str, Any]) -> None:
    used = check_document(demo).values_used
    # Four of the seven kinds of meeting are enough to show the kind.
    for name, values in ENUMS.items():
        if name == "meeting_type":
            assert len(used[name]) >= 4
            continue
        if name == "event kind":  # six of the nine kinds of event show what events are
            assert len(used[name]) >= 6
            continue
        if name in RATINGS:
            # Ratings say what the records tell; four of five steps show each scale.
            assert len(used[name]) >= 4, f"{name} uses only {used[name]}"
            continue
        assert used[name] == set(values), f"{name} never uses {set(values) - used[name]}"


def households(demo: dict[str, Any]) -> list[dict[str, Any]]:
    """The cases that have records (a referral not yet seen has none)."""
    return [case for case in demo["cases"] if case["records"]]


def test_the_demo_has_three_open_households_and_one_closed(demo: dict[str, Any]) -> None:
    statuses = sorted(case["status"] for case in households(demo))
    assert statuses == ["closed", "open", "open", "open"]
    refs = [case["ref"] for case in demo["cases"]]
    assert len(set(refs)) == len(refs)


def test_a_new_referral_waits_to_be_seen(demo: dict[str, Any]) -> None:
    waiting = [case for case in demo["cases"] if not case["records"]]
    assert [case["intake"].get("first_contact") for case in waiting] == [None]
    assert waiting[0]["intake"]["referral_date"]
    seen = [case for case in households(demo) if case["status"] == "open"]
    assert all(case["intake"]["first_contact"] for case in seen)


def test_every_household_has_people_in_every_role(demo: dict[str, Any]) -> None:
    for case in households(demo):
        by_role = defaultdict(list)
        for person in case["people"]:
            by_role[person["role"]].append(person)
        assert set(by_role) == set(ROLES), case["ref"]
        assert all(p.get("gp") for p in by_role["subject"]), case["ref"]
        assert all(p.get("preferred_name") for p in by_role["partner"]), case["ref"]
        assert len(by_role["child"]) >= 2, case["ref"]
        assert all(p.get("born") for p in by_role["child"]), case["ref"]


def test_every_household_has_eight_to_fifteen_records_of_all_kinds(demo: dict[str, Any]) -> None:
    for case in households(demo):
        assert 8 <= len(case["records"]) <= 15, case["ref"]
        assert {r["kind"] for r in case["records"]} == set(KINDS), case["ref"]
        times = [datetime.fromisoformat(r["event_at"]) for r in case["records"]]
        assert times == sorted(times), f"{case['ref']} records are not in date order"


def test_demo_records_fall_in_2025_and_2026_within_their_case(demo: dict[str, Any]) -> None:
    years = set()
    for case, record in records(demo):
        event = datetime.fromisoformat(record["event_at"])
        years.add(event.year)
        assert event.date() >= date.fromisoformat(case["opened"])
        if case["closed"]:
            assert event.date() <= date.fromisoformat(case["closed"])
    assert years == {2025, 2026}


def test_the_demo_mixes_drafts_finals_and_late_entries(demo: dict[str, Any]) -> None:
    statuses = [record["status"] for _, record in records(demo)]
    assert statuses.count("draft") >= 3
    assert statuses.count("final") >= 30
    late = [
        record
        for _, record in records(demo)
        if datetime.fromisoformat(record["written_at"]) - datetime.fromisoformat(record["event_at"])
        > timedelta(hours=24)
    ]
    assert len(late) >= 2


def test_only_final_records_carry_addenda_and_one_does(demo: dict[str, Any]) -> None:
    with_addenda = [record for _, record in records(demo) if record.get("addenda")]
    assert with_addenda
    for record in with_addenda:
        assert record["status"] == "final"
        for addendum in record["addenda"]:
            assert addendum["written_at"] > record["written_at"]


def test_direct_work_carries_childrens_drawings_as_valid_pngs(demo: dict[str, Any]) -> None:
    attached = [(r, a) for _, r in records(demo) for a in r.get("attachments", [])]
    assert len(attached) == 2
    sizes = []
    for record, attachment in attached:
        assert record["kind"] == "child_work"
        assert attachment["media_type"] == "image/png"
        assert attachment["name"].endswith(".png")
        data = base64.b64decode(attachment["data_base64"], validate=True)
        sizes.append(png_size(data))
        assert len(data) < 4096
    assert sizes == [(64, 64), (120, 80)]
    # The second is Amira's Three Houses, drawn while she and her brother were seen together.
    assert len(attached[1][0]["fields"]["children"]) == 2


def test_session_records_show_risk_screens_and_next_sessions(demo: dict[str, Any]) -> None:
    sessions = [r["fields"] for _, r in records(demo) if r["kind"] == "session"]
    ratings = [f["risk_to_self"] for f in sessions]
    assert ratings.count("medium") == 2
    assert ratings.count("high") == 1


def test_every_final_raised_screen_says_who_was_contacted_and_when(
    demo: dict[str, Any],
) -> None:
    raised = [
        r["fields"]
        for _, r in records(demo)
        if r["kind"] == "session" and r["fields"].get("risk_to_self") in ("medium", "high")
    ]
    finals = [
        f for _, r in records(demo) for f in [r["fields"]] if f in raised and r["status"] == "final"
    ]
    assert len(finals) == 2
    assert all(f["escalation_contacted"] and f["escalation_on"] for f in finals)


def test_the_demo_sessions_carry_a_safety_plan(demo: dict[str, Any]) -> None:
    sessions = [r["fields"] for _, r in records(demo) if r["kind"] == "session"]
    assert sum(1 for f in sessions if f.get("plan_warning_signs")) == 2


def test_the_demo_sessions_use_every_risk_rating(demo: dict[str, Any]) -> None:
    sessions = [r["fields"] for _, r in records(demo) if r["kind"] == "session"]
    assert {f["risk_to_self"] for f in sessions} == {"none", "low", "medium", "high"}
    assert any(f["risk_indicators"] for f in sessions)
    assert any(f.get("next_session") for f in sessions)
    assert any(f.get("next_session", "") is None for f in sessions)


def test_child_work_keeps_the_childs_own_words_and_one_disclosure(demo: dict[str, Any]) -> None:
    child_work = [r["fields"] for _, r in records(demo) if r["kind"] == "child_work"]
    for fields in child_work:
        assert fields["childs_words"], "every piece of direct work quotes the child"
        assert all(isinstance(q, str) and q.strip() for q in fields["childs_words"])
    disclosures = [f["disclosure"] for f in child_work if f.get("disclosure")]
    assert len(disclosures) == 1
    disclosures += [d for f in child_work for d in f.get("disclosures", [])]
    for disclosure in disclosures:
        assert disclosure["verbatim"] and disclosure["present"] and disclosure["response"]
        informed_at = [datetime.fromisoformat(i["at"]) for i in disclosure["informed"]]
        assert len(informed_at) >= 1
        assert min(informed_at) >= datetime.fromisoformat(disclosure["at"])
    assert any(f["activity"] == "three_houses" for f in child_work)
    assert any(f["activity"] == "wishes_feelings" for f in child_work)


def test_siblings_seen_together_make_two_disclosures_in_one_record(
    demo: dict[str, Any],
) -> None:
    together = [r["fields"] for _, r in records(demo) if len(r["fields"].get("children", [])) > 1]
    assert len(together) == 1
    (fields,) = together
    made_by = [d["child"] for d in fields["disclosures"]]
    assert len(made_by) == 2 and set(made_by) == set(fields["children"])
    assert fields["activity"] == "three_houses"


def test_a_partner_moves_from_shock_through_anger_to_acceptance(demo: dict[str, Any]) -> None:
    for case in demo["cases"]:
        stages = [
            r["fields"]["feelings_stage"] for r in case["records"] if r["kind"] == "partner_support"
        ]
        if {"shock", "anger", "acceptance"} <= set(stages):
            assert stages.index("shock") < stages.index("anger") < stages.index("acceptance")
            return
    pytest.fail("no partner goes from shock to anger to acceptance")


def test_every_household_shows_change_over_time_on_every_scale(demo: dict[str, Any]) -> None:
    for case in households(demo):
        for name, scale in RATINGS.items():
            kind = "partner_support" if name == "protective_rating" else "session"
            rated = [r for r in case["records"]
                     if r["kind"] == kind and r["fields"].get(name) is not None]  # fmt: skip
            assert len(rated) >= 3, (case["ref"], name)
            steps = {scale.index(r["fields"][name]) for r in rated}
            assert len(steps) >= 2, (case["ref"], name)  # a trend, not a flat line
    # Not every record rates: a new draft asserts nothing.
    assert any(
        r["kind"] == "session" and "motivation_rating" not in r["fields"]
        for _case, r in records(demo)
    )


def test_open_cases_have_overdue_and_dated_actions(demo: dict[str, Any]) -> None:
    today = date.today()
    dues = [
        date.fromisoformat(action["due"])
        for case, record in records(demo)
        if case["status"] == "open"
        for action in record["fields"].get("actions", [])
        if action["due"]
    ]
    assert len(dues) >= 10
    assert any(due < today for due in dues), "some actions show as overdue"
    assert any(action["due"] is None for _, r in records(demo) for action in r["fields"]["actions"])


def test_records_are_tagged(demo: dict[str, Any]) -> None:
    tags = {tag for _, record in records(demo) for tag in record["tags"]}
    assert len(tags) >= 10


def test_the_practitioner_has_reflections_in_time_order(demo: dict[str, Any]) -> None:
    times = [datetime.fromisoformat(r["written_at"]) for r in demo["reflections"]]
    assert len(times) >= 3
    assert times == sorted(times)


def test_names_come_from_several_scripts(demo: dict[str, Any]) -> None:
    names = " ".join(p["name"] for case in demo["cases"] for p in case["people"])
    for script, pattern in {
        "Polish": "[ŁłąęśćżźńÓó]",
        "Vietnamese": "[ạảãầấậẫẩằắặẵẳẹẻẽềếệễểỉịọỏồốộỗổờớợỡởụủừứựữửỳỵỷỹđĐăâêôơư]",
        "Cyrillic": "[\u0400-\u04ff]",
        "Arabic": "[\u0600-\u06ff]",
        "Greek": "[\u0370-\u03ff]",
    }.items():
        assert re.search(pattern, names), f"no {script} name"


def test_phone_numbers_are_from_the_drama_ranges(demo: dict[str, Any]) -> None:
    text = "\n".join(all_text(demo))
    numbers = re.findall(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", text)
    assert numbers
    for number in numbers:
        digits = number.replace(" ", "")
        assert digits.startswith(("01632960", "07700900")), number


def test_the_writing_stays_non_graphic(demo: dict[str, Any]) -> None:
    text = "\n".join(all_text(demo)).lower()
    for word in ("sexual", "abuse", "indecent", "rape", "images", "naked", "touch"):
        assert not re.search(rf"\b{word}", text), word


def test_the_demo_notebook_knows_it_is_the_demo_and_a_notebook_of_ones_own_does_not(
    tmp_path: Path, notebook: Any
) -> None:
    from casebook.demo import create_demo_notebook, is_demo_notebook

    demo, _key = create_demo_notebook(tmp_path / "Demo.casebook", "demo")
    try:
        assert is_demo_notebook(demo)
    finally:
        demo.close()
    assert not is_demo_notebook(notebook)
