"""Subject-access pack: everything the notebook holds about one person, third parties
redacted, with a log of what was withheld and why (issue 14, part 2).

The pack is gathered like a summary of the person's case (:mod:`casebook.summary.source`,
drafts included: they are held too), then cut down to what concerns the person:

* the records that involve them (in the record's people or person fields) or mention
  them by any name redaction finds (not as part of another person's longer name: "Mark
  Smith" does not mention Jane Smith);
* their own person entry, whole; the actions and attachments (listed) of those records;
* the events of the case's chronology (an arrest, a hearing, a move of home: not records,
  :mod:`casebook.events`) that mention them by any name and, in the pack of the person of
  concern, the steps of the criminal-justice process (arrest, bail, charge, hearing,
  sentence) that name no one else of the case; withdrawn events are left out.

Every other person of the notebook is replaced by a role pseudonym (``Child A``), their
date of birth, age and details dropped; what the redaction review finder still catches
(other names, addresses, phone numbers, places) is redacted too, except the person's own
names. In a child's record the child's own words are withheld unless the pack is the
child's. The reflective log is never included. Each withheld item is one line of the
withheld log, with its reason. The pack is signed like a summary.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from casebook.childwork import children_of
from casebook.errors import InvalidInput
from casebook.events import ChronologyEvent
from casebook.service import Notebook
from casebook.summary.withheld import (
    IDENTIFIES_CHILD,
    THIRD_PARTY,
    Withheld,
    record_label,
)

# Chronology events that are steps of the criminal-justice process: the person of
# concern's, in their pack, when they name no one else of the case.
JUSTICE_EVENTS = frozenset({"arrest", "bail", "charge", "sentence", "court_hearing"})

# Fields of a child's record that are the child's own voice.
CHILD_VOICE = (
    "childs_words", "worries", "good_things", "wishes", "understanding", "disclosure",
    "disclosures",
)  # fmt: skip


@dataclass(frozen=True)
class PreparedPack:
    """A subject-access pack gathered and redacted, ready to render and sign.

    Attributes:
        ref: The case's reference (the pack may show it redacted).
        shown: The summary input of the pack as the PDF shows it (one case).
        person: The person's own entry (name, role, born, ...), whole.
        withheld: The withheld log.
        undrawable: Characters no bundled font draws.
    """

    ref: str
    shown: dict[str, Any]
    person: dict[str, Any]
    withheld: list[Withheld]
    undrawable: list[str]


def prepare_sar(
    notebook: Notebook, ref: str, person_key: str, *, today: date | None = None
) -> PreparedPack:
    """Gather and redact the subject-access pack of person ``person_key`` of case ``ref``.

    Raises:
        NotFound: no such case.
        InvalidInput: the case has no person with this key.
    """
    from casebook.summary.review import undrawable_characters
    from casebook.summary.sar_redact import redact_for
    from casebook.summary.source import summary_input

    data = summary_input(notebook, [ref], include_drafts=True, today=today)
    data["include_reflections"] = False
    data["reflections"] = []
    case = data["cases"][0]
    person = next((p for p in case["people"] if p.get("key") == person_key), None)
    if person is None:
        keys = ", ".join(str(p.get("key")) for p in case["people"]) or "none"
        raise InvalidInput("--person", f"case {ref} has no person {person_key!r} (keys: {keys})")
    from casebook.summary.redact import mention_finder

    # Built once for the records and the events: a name inside another's longer name
    # is theirs ("Mark Smith" does not mention Jane Smith).
    others = [p for p in case["people"] if p.get("key") != person_key]
    mentions = mention_finder([person], [], others)
    withheld: list[Withheld] = []
    _choose_records(case, person, mentions, withheld)
    case["events"] = _events_mentioning(notebook, ref, person, mentions, others)
    shown = redact_for(data, person, withheld)
    return PreparedPack(ref, shown, dict(person), withheld, undrawable_characters(shown))


def _choose_records(
    case: dict[str, Any],
    person: dict[str, Any],
    mentions: Callable[[str], bool],
    withheld: list[Withheld],
) -> None:
    """Keep the records that concern the person; withhold a child's voice in them."""
    from casebook import kinds
    from casebook.summary.shown import shown_strings

    key = person["key"]
    kept = []
    involved_ids = set()
    for record in case["records"]:
        fields = record.get("fields") or {}
        person_fields = [s.name for s in kinds.FIELDS.get(record["kind"], ()) if s.type == "person"]
        involved = (
            key in record.get("people", [])
            or any(fields.get(f) == key for f in person_fields)
            or (record["kind"] == "child_work" and key in children_of(fields))
        )
        probe = {"cases": [{"records": [record]}]}
        if involved or any(mentions(text) for text in shown_strings(probe)):
            kept.append(record)
        if involved:
            involved_ids.add(record["id"])
    for record in kept:
        if record["id"] not in involved_ids:
            _keep_only_mentions(record, mentions, withheld)
        children = children_of(record.get("fields") or {})
        if record["kind"] == "child_work" and key not in children:
            _withhold_child_voice(record, withheld)
            record.pop("child_age", None)
            record.pop("child_ages", None)
        elif record["kind"] == "child_work" and len(children) > 1:
            _withhold_siblings_voice(record, key, withheld)
    ids = {r["id"] for r in kept}
    case["records"] = kept
    case["chronology"] = [e for e in case["chronology"] if e.get("record_id") in ids]
    case["actions"] = [a for a in case["actions"] if a.get("record_id") in ids]
    case["actions_left_out"] = 0


def _events_mentioning(
    notebook: Notebook,
    ref: str,
    person: dict[str, Any],
    mentions: Callable[[str], bool],
    others: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """The case's chronology events (not withdrawn) that are the person's: those whose
    words mention them; for the person of concern, also the steps of the criminal-justice
    process that name no one else of the case ("Charge: Charged; bail conditions
    continued." is theirs though it does not say their name)."""
    from casebook.marks import CLASS_LABELS
    from casebook.summary.redact import mention_finder

    names_another = mention_finder(others, [])
    of_concern = person.get("role") == "subject"

    def theirs(event: ChronologyEvent) -> bool:
        if mentions(event.title) or mentions(event.source):
            return True
        return (
            of_concern and event.kind in JUSTICE_EVENTS
            and not names_another(event.title) and not names_another(event.source)
        )  # fmt: skip

    return [
        {"occurred": e.occurred, "what": e.title, "source": e.source,
         "class": CLASS_LABELS.get(e.cls, e.cls)}
        for e in notebook.events.list(ref)
        if theirs(e)
    ]  # fmt: skip


def pack_contents(prepared: PreparedPack) -> str:
    """What a pack holds, in words: "3 records, 1 event, 2 items withheld"."""
    case = prepared.shown["cases"][0]
    records, events = len(case["records"]), len(case.get("events") or [])
    withheld = len(prepared.withheld)
    return (
        f"{records} record{'s' if records != 1 else ''}, {events} event"
        f"{'s' if events != 1 else ''} of the chronology, {withheld} item"
        f"{'s' if withheld != 1 else ''} withheld"
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _keep_only_mentions(
    record: dict[str, Any], mentions: Callable[[str], bool], withheld: list[Withheld]
) -> None:
    """A record about someone else that mentions the person: only the sentences that
    mention them stay; everything else is third-party information."""
    from casebook import kinds

    def sentences(text: Any) -> str | None:
        if not isinstance(text, str):
            return None
        kept = [part for part in _SENTENCE_END.split(text) if part.strip() and mentions(part)]
        return " […] ".join(kept) or None

    fields = record.get("fields") or {}
    for spec in kinds.FIELDS.get(str(record.get("kind")), ()):
        value = fields.get(spec.name)
        if spec.type == "person":
            continue
        if spec.type == "text_list" and isinstance(value, list):
            fields[spec.name] = [t for t in (sentences(v) for v in value) if t] or None
        else:
            fields[spec.name] = sentences(value) if spec.type == "text" else None
    fields["actions"] = [a for a in fields.get("actions") or [] if mentions(a.get("text") or "")]
    record["addenda"] = [
        {**a, "text": sentences(a.get("text"))} for a in record.get("addenda") or []
        if sentences(a.get("text"))
    ]  # fmt: skip
    record["attachments"], record["tags"] = [], []
    # Shown under the record as "Extract" (a field outside the kind's: drawn as given).
    fields["extract"] = "Only the sentences that mention you; the rest is about other people."
    withheld.append(Withheld(f"{record_label(record)}: the parts about other people", THIRD_PARTY))


def _withhold_child_voice(record: dict[str, Any], withheld: list[Withheld]) -> None:
    from casebook import kinds

    fields = record["fields"]
    for spec in kinds.FIELDS["child_work"]:
        if spec.name in CHILD_VOICE and fields.get(spec.name) not in (None, "", [], {}):
            note = f"[withheld: {IDENTIFIES_CHILD}]"
            fields[spec.name] = [note] if spec.type == "text_list" else note
            withheld.append(Withheld(f"{record_label(record)}: {spec.label}", IDENTIFIES_CHILD))


def _withhold_siblings_voice(record: dict[str, Any], key: str, withheld: list[Withheld]) -> None:
    """Siblings seen together: the words and houses are not told apart by child, so they
    are withheld; the person's own disclosures stay, their siblings' are withheld."""
    fields = record["fields"]
    disclosures = fields.get("disclosures") or []
    own = [d for d in disclosures if isinstance(d, dict) and d.get("child") == key]
    fields["disclosures"] = []
    _withhold_child_voice(record, withheld)
    fields["disclosures"] = own
    if len(own) < len(disclosures):
        label = f"{record_label(record)}: disclosures made by another child"
        withheld.append(Withheld(label, IDENTIFIES_CHILD))
    ages = record.get("child_ages")
    if isinstance(ages, dict):
        record["child_ages"] = {k: v for k, v in ages.items() if k == key}


def sign_sar(notebook: Notebook, prepared: PreparedPack) -> bytes:
    """Render and sign a prepared pack; the export is recorded in the audit log (ids and
    counts only)."""
    from casebook.signing import sign_pdf
    from casebook.summary.sar_pdf import render_sar_pdf

    pdf = render_sar_pdf(prepared.shown, prepared.person, prepared.withheld)
    signed = sign_pdf(
        pdf, notebook.identity.signing_identity(), reason="Casebook subject-access pack"
    )
    case = prepared.shown["cases"][0]
    case_id = notebook.cases.get(prepared.ref).id
    notebook.audit.append(
        "sar.export",
        f"case:{case_id}",
        f"person={quote(str(prepared.person['key']), safe='')} records={len(case['records'])}"
        f" events={len(case.get('events') or [])}"
        f" withheld={len(prepared.withheld)} audit_head={prepared.shown['audit_head']['seq']}"
        f" sha256={hashlib.sha256(signed).hexdigest()}",
    )
    return signed


def export_sar(notebook: Notebook, ref: str, person_key: str) -> bytes:
    """Prepare, render and sign the pack (the CLI's and the app's one call)."""
    return sign_sar(notebook, prepare_sar(notebook, ref, person_key))
