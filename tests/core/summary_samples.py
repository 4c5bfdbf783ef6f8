# ruff: noqa: E501 (sample prose reads better unwrapped)
"""Summary inputs and poppler helpers for the summary, redaction and signing tests.

Each function returns a fresh dict shaped like the summary input the core
builds (see ``notebook.summary``).
"""

from __future__ import annotations

import copy
import random
from typing import Any

GENERATED_AT = "2026-11-23T10:00:00+00:00"
AUDIT_HEAD: dict[str, Any] = {
    "seq": 4127,
    "hash": "9f2c" + "0123456789abcdef" * 3 + "7e1d5a2b4c6d8e0f",
}

PRACTITIONER = {
    "name": "Ruth Adeyemi",
    "role": "Senior practitioner",
    "organisation": "Northfield Family Safeguarding Service",
}

SMITH_PEOPLE = [
    {"key": "p1", "name": "Jane Smith", "preferred_name": "Janey", "role": "partner", "born": "1988-04-12"},
    {"key": "p2", "name": "Mark Smith", "role": "subject", "born": "1985-01-20",
     "gp": "Dr Patel, Oak Surgery, 0121 000 0000"},
    {"key": "p3", "name": "Lily Smith", "role": "child", "born": "2016-09-30"},
    {"key": "p4", "name": "Tom Smith", "role": "child", "born": "2019-02-14"},
    {"key": "p5", "name": "Gwen Hollis", "role": "family", "born": "1961-07-07"},
    {"key": "p6", "name": "Amir Haddad", "role": "professional"},
]  # fmt: skip


def _final(record: dict[str, Any], finalised_at: str, digest: str) -> dict[str, Any]:
    record.update(status="final", finalised_at=finalised_at, content_hash=digest)
    return record


def _record(
    uid: str, kind: str, event_at: str, written_at: str, title: str, **extra: Any
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": uid,
        "kind": kind,
        "title": title,
        "event_at": event_at,
        "written_at": written_at,
        "location": "home_visit",
        "duration_minutes": 60,
        "people": [],
        "status": "draft",
        "tags": [],
        "fields": {},
        "late": False,
        "significant": False,
        "finalised_at": None,
        "content_hash": None,
        "addenda": [],
        "attachments": [],
    }
    record.update(extra)
    return record


def smith_case() -> dict[str, Any]:
    """A realistic case with one record of each kind, an addendum and a draft."""
    child_work = _final(
        _record(
            "r1",
            "child_work",
            "2026-03-04T10:00:00+00:00",
            "2026-03-04T11:30:00+00:00",
            "Direct work with Lily — Three Houses",
            people=["p3", "p1"],
            duration_minutes=50,
            tags=["three houses", "school"],
            significant=True,
            fields={
                "child": "p3",
                "activity": "three_houses",
                "childs_words": [
                    "I miss my dad but I don't want him to be sad",
                    "Mum says it's not my fault. I think she's right.",
                ],
                "worries": "Lily worries that her dad is lonely and that it is her fault he left.",
                "good_things": "Swimming on Saturdays with Mum and Tom; her teacher Mrs Ahmed; her cat.",
                "wishes": "To see Nana Gwen more often and for everyone to stop being cross.",
                "understanding": (
                    "Lily said Dad 'did something that wasn't OK' and the police are finding out. "
                    "She does not yet link this to the rules about contact."
                ),
                "disclosure": {
                    "verbatim": "Daddy said it was our secret game and I wasn't allowed to tell Mummy.",
                    "at": "2026-03-04T10:35:00+00:00",
                    "present": "Practitioner only; Jane in the kitchen next door",
                    "response": "Listened, did not ask leading questions, told Lily she had done the right thing by telling me.",
                    "informed": [
                        {
                            "who": "Duty social worker, Northfield MASH",
                            "at": "2026-03-04T12:05:00+00:00",
                        },
                        {"who": "Jane Smith (mother)", "at": "2026-03-04T11:10:00+00:00"},
                    ],
                },
                "observations": "Lily drew her 'house of worries' first and spent most time on it. Calm by the end.",
                "actions": [
                    {
                        "text": "Speak to mum about bedtime routine",
                        "due": "2026-03-11",
                        "done": True,
                    },
                    {
                        "text": "Share drawing with Lily's school nurse (with consent)",
                        "due": "2026-03-20",
                    },
                ],
            },
            attachments=[
                {"name": "lily_three_houses.jpg", "media_type": "image/jpeg", "size": 482133}
            ],
            addenda=[
                {
                    "written_at": "2026-03-06T09:00:00+00:00",
                    "text": "Correction: the session ended at 10:50, not 11:00. MASH reference 26/0412.",
                }
            ],
        ),
        "2026-03-04T12:30:00+00:00",
        "5b0d2c8f9e7a41f2b1d1f0c9a3e6b7d8c2f4a6e8b0d2c4f6a8e0b2d4c6f8a0b2",
    )
    partner = _final(
        _record(
            "r2",
            "partner_support",
            "2026-03-09T14:00:00+00:00",
            "2026-03-12T18:00:00+00:00",
            "Partner support with Jane — phone",
            people=["p1"],
            location="phone",
            duration_minutes=35,
            late=True,
            fields={
                "partner": "p1",
                "contact_type": "phone",
                "feelings_stage": "anger",
                "feelings": 'Jane is angry with Mark and with herself: "How did I not see it?"',
                "information_given": "Explained the criminal justice process and bail conditions; gave details of the partners' support group.",
                "decisions": "Jane has decided Mark will not return to the family home while the investigation continues.",
                "understanding_of_risk": "Understands that contact must be supervised; less sure about online contact.",
                "protective_capacity": "Good: acted on the disclosure the same day and has kept to the safety plan.",
                "safety_plan": "No unsupervised contact; Gwen Hollis to collect the children from school on Tuesdays.",
                "wellbeing": "Not sleeping well; has seen her GP.",
                "actions": [{"text": "Send Jane the support group leaflet", "due": "2026-03-10"}],
            },
        ),
        "2026-03-12T18:20:00+00:00",
        "a1c3e5f7092b4d6f8a0c2e4f6b8d0a2c4e6f8b0d2a4c6e8f0b2d4a6c8e0f2b4d",
    )
    session = _record(
        "r3",
        "session",
        "2026-03-16T09:30:00+00:00",
        "2026-03-16T12:00:00+00:00",
        "Assessment session with Mark",
        people=["p2"],
        location="office",
        duration_minutes=90,
        significant=True,
        fields={
            "session_type": "assessment",
            "purpose": "First assessment session following arrest; wellbeing check.",
            "narrative": (
                "Mark arrived on time. He said the allegations were 'blown out of proportion' and that "
                "Lily 'gets confused'. When asked about the secret game he changed the subject.\n\n"
                "We agreed the ground rules for our sessions and the limits of confidentiality."
            ),
            "presentation": "Flat affect, poor eye contact, said he has 'nothing left'. Has lost his job.",
            "risk_to_self": "high",
            "risk_indicators": ["denial", "minimisation", "victim_blaming"],
            "strengths": "Wants to stay in his children's lives; has kept every appointment so far.",
            "safeguarding": "Bail conditions: no contact with the children. Mark says he has not breached them.",
            "next_session": "2026-03-23",
            "actions": [
                {
                    "text": "Call Mark's GP (Dr Patel) today about the risk-to-self screen",
                    "due": "2026-03-16",
                },
                {"text": "Refer to Good Lives programme", "due": "2026-04-30"},
            ],
        },
    )
    case: dict[str, Any] = {
        "ref": "C-1042",
        "title": "Family A",
        "status": "open",
        "opened": "2026-03-02",
        "closed": None,
        "people": copy.deepcopy(SMITH_PEOPLE),
        "records": [child_work, partner, session],
    }
    case["chronology"] = [
        {"record_id": r["id"], "event_at": r["event_at"], "kind": r["kind"], "title": r["title"],
         "late": r["late"], "significant": r["significant"]}
        for r in case["records"]
    ]  # fmt: skip
    case["actions"] = [
        {**a, "done": bool(a.get("done")), "record_id": r["id"]}
        for r in case["records"]
        for a in r["fields"].get("actions", [])
    ]
    return case


def summary(**overrides: Any) -> dict[str, Any]:
    """The standard sample summary input (one case, three records)."""
    data: dict[str, Any] = {
        "practitioner": dict(PRACTITIONER),
        "generated_at": GENERATED_AT,
        "period": {"from": "2026-03-01", "to": "2026-03-31"},
        "audit_head": dict(AUDIT_HEAD),
        "include_drafts": True,
        "include_reflections": False,
        "cases": [smith_case()],
        "reflections": [
            {"written_at": "2026-03-16T19:00:00+00:00",
             "text": "Hard day. The disclosure stayed with me; booked extra supervision."},
        ],
    }  # fmt: skip
    data.update(overrides)
    return data


def with_records(data: dict[str, Any], case_index: int, texts: list[str]) -> dict[str, Any]:
    """Add one session record per text (as its narrative) to a case."""
    case = data["cases"][case_index]
    for index, text in enumerate(texts):
        case["records"].append(
            _record(
                f"x{index}",
                "session",
                f"2026-03-20T{9 + index % 8:02d}:00:00+00:00",
                "2026-03-20T18:00:00+00:00",
                f"Extra note {index}",
                people=["p2"],
                fields={"narrative": text, "session_type": "review"},
            )
        )
    return data


_WORDS = [
    "the", "family", "discussed", "routines", "school", "contact", "worries", "progress",
    "plan", "visit", "support", "boundaries", "feelings", "safety", "trust", "agreed",
    "review", "wellbeing", "children", "mother", "father",
]  # fmt: skip


def large_summary(records: int = 120, seed: int = 7) -> dict[str, Any]:
    """A summary of several cases with many long records (about 60 pages)."""
    rng = random.Random(seed)
    data = summary()
    base = data["cases"][0]
    data["cases"] = []
    for case_number in range(3):
        case = copy.deepcopy(base)
        case["ref"] = f"C-20{case_number:02d}"
        case["title"] = f"Family {chr(ord('B') + case_number)}"
        for index in range(records // 3):
            paragraphs = [
                " ".join(rng.choice(_WORDS) for _ in range(rng.randint(40, 120))).capitalize() + "."
                for _ in range(3)
            ]
            case["records"].append(
                _final(
                    _record(
                        f"c{case_number}r{index}",
                        "session",
                        f"2026-0{4 + index % 5}-{1 + index % 28:02d}T10:00:00+00:00",
                        f"2026-0{4 + index % 5}-{1 + index % 28:02d}T15:00:00+00:00",
                        f"Review session {index + 1} with Mark",
                        people=["p2", "p1"],
                        fields={
                            "session_type": "review",
                            "purpose": "Review of the safety plan.",
                            "narrative": "\n\n".join(paragraphs),
                            "presentation": "Settled.",
                            "risk_to_self": rng.choice(["none", "low", "medium"]),
                            "risk_indicators": ["minimisation"],
                            "actions": [{"text": "Update safety plan", "due": "2026-12-01"}],
                        },
                    ),
                    "2026-09-01T10:00:00+00:00",
                    f"{index:064x}",
                )
            )
        data["cases"].append(case)
    return data


# --- poppler helpers -----------------------------------------------------------


def poppler(tool: str, *args: str, data: bytes, tmp_path: Any) -> str:
    """Run a poppler tool on PDF bytes and return its standard output.

    Args:
        tool: ``pdftotext``, ``pdfinfo`` or ``pdfsig``.
        args: Extra arguments before the file name.
        data: The PDF.
        tmp_path: pytest's ``tmp_path`` (the file is written there).

    Returns:
        The tool's output (UTF-8).
    """
    import shutil
    import subprocess
    import uuid

    import pytest

    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: apt-get install poppler-utils")
    path = tmp_path / f"{uuid.uuid4().hex}.pdf"
    path.write_bytes(data)
    command = [tool, *args, str(path)]
    if tool == "pdftotext":
        command.append("-")
    result = subprocess.run(command, capture_output=True, check=False, timeout=120)
    return result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
