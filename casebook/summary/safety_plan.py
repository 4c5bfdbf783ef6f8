"""A safety plan, printed for the person it belongs to.

The plan is the five safety-plan fields of a session record (:data:`casebook.kinds.
SAFETY_PLAN_FIELDS`), in the person's words where they gave them, and nothing else of the
case: no reference, no other people, no risk rating, no notes. It is headed with the name
the person is called by (preferred name, else name) and the date of the session. The PDF
is made in memory; the caller writes it (atomically) where the person asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casebook import kinds
from casebook.errors import InvalidInput
from casebook.service import Notebook
from casebook.summary import labels as lb

TITLE = "My safety plan"
# What each part of the plan asks, under its heading.
PROMPTS = {
    "plan_warning_signs": "Thoughts, feelings or situations that tell me a crisis may be coming",
    "plan_coping": "Things I can do on my own to take my mind off things",
    "plan_people_places": "People and places that help me feel better",
    "plan_professionals": "Professionals and crisis lines I can call",
    "plan_environment": "How I can make my surroundings safer",
}


def safety_plan_input(notebook: Notebook, record_id: str) -> dict[str, Any]:
    """What the printed plan shows: the person's name, the day, the five parts.

    Raises:
        NotFound: there is no such record.
        InvalidInput: the record is not a session, or its safety plan is empty.
    """
    record = notebook.records.get(record_id)
    if record.kind != "session":
        raise InvalidInput("record", "a safety plan belongs to a session record")
    parts = [(name, str(record.fields.get(name) or "")) for name in kinds.SAFETY_PLAN_FIELDS]
    if not any(text.strip() for _name, text in parts):
        raise InvalidInput("fields.plan_warning_signs", "this session has no safety plan yet")
    people = notebook.people.list(record.case_ref)
    subject = next((p for p in people if p.role == "subject"), None)
    return {
        "name": (subject.preferred_name or subject.name) if subject else "",
        "day": record.event_at[:10],
        "parts": [
            {"heading": _label(name), "prompt": PROMPTS[name], "text": text} for name, text in parts
        ],
    }


def _label(name: str) -> str:
    spec = kinds.field_spec("session", name)
    return spec.label if spec else name


def render_safety_plan(data: dict[str, Any]) -> bytes:
    """Draw a safety plan input as a PDF (the summary's fonts: every script prints)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Spacer

    from casebook.summary import styles as st
    from casebook.summary.blocks import MM, Blocks
    from casebook.summary.fonts import register_fonts
    from casebook.summary.layout import (
        MARGIN_LEFT,
        MARGIN_RIGHT,
        Metadata,
        PageText,
        build_document,
    )
    from casebook.summary.styles import make_styles

    blocks = Blocks(make_styles(), register_fonts(), A4[0] - MARGIN_LEFT - MARGIN_RIGHT)
    s = blocks.styles
    title = TITLE + (f": {data['name']}" if data.get("name") else "")
    story: list[Any] = [
        blocks.para(blocks.inline(title, s.title), s.title),
        blocks.para(
            "Made together on " + blocks.inline(lb.format_day(data["day"]), s.muted), s.muted
        ),
        Spacer(1, 4 * MM),
    ]
    for part in data["parts"]:
        inner: list[Any] = [
            blocks.para(f"<b>{blocks.inline(part['heading'], s.h3)}</b>", s.h3),
            blocks.para(blocks.inline(part["prompt"], s.muted), s.muted),
        ]
        inner.extend(blocks.text(part["text"]) or [blocks.para("&nbsp;", s.body)])
        story.append(blocks.box(inner, st.TINT, st.HEADING))
        story.append(Spacer(1, 4 * MM))
    story.append(
        blocks.para(
            "If you are in danger now, call 999. Keep this plan somewhere you can find it.",
            s.body,
        )
    )
    metadata = Metadata(subject="Safety plan", keywords="casebook safety plan", audit_head=None)
    page = PageText(footer_note="My safety plan", confidential="Private: my safety plan")
    return build_document(story, page, metadata)


def export_safety_plan(notebook: Notebook, record_id: str) -> bytes:
    """Gather and draw a session's safety plan; the printing is audited (ids only)."""
    import hashlib

    pdf = render_safety_plan(safety_plan_input(notebook, record_id))
    notebook.audit.append(
        "safety_plan.export", f"record:{record_id}", f"sha256={hashlib.sha256(pdf).hexdigest()}"
    )
    return pdf


def write_safety_plan(notebook: Notebook, record_id: str, path: Path) -> int:
    """Draw a session's safety plan and write it atomically to ``path`` (owner-only).

    Returns:
        the number of bytes written.
    """
    from casebook.atomic import write_atomic

    pdf = export_safety_plan(notebook, record_id)
    write_atomic(Path(path), pdf)
    return len(pdf)
