"""What importing a casebook/1 file would add, worked out before anything is written.

The app shows this before it imports: how many cases, people, records, attachments and
reflections the file holds, and what in it the notebook already has (a case reference
or record id), which would make the import refuse the whole file. The preview keeps the
parsed document, so the import does not read and check the file a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.errors import InvalidInput
from casebook.formats import casebook_json
from casebook.service import Notebook
from casebook.writing import store as writing_store


@dataclass(frozen=True)
class ImportPreview:
    """A checked casebook/1 document and what it would add to the notebook.

    Attributes:
        document: the parsed document (pass it to ``Notebook.interchange.import_document``).
        case_refs: the references of its cases, in order.
        conflicts: what the notebook already has, each naming its JSON path; the import
            refuses the whole file while there are any.
    """

    document: casebook_json.DocumentInput
    cases: int
    people: int
    records: int
    final_records: int
    attachments: int
    reflections: int
    phrases: int
    templates: int
    case_refs: tuple[str, ...]
    conflicts: tuple[str, ...]


def preview_import(notebook: Notebook, path: Path) -> ImportPreview:
    """Read and check a casebook/1 file and compare it with the notebook.

    Raises:
        InvalidInput: the file cannot be read or is not casebook/1 (naming the JSON path
            of the first problem); nothing is written either way.
    """
    parsed = casebook_json.parse_document(casebook_json.load_file(Path(path)))
    existing_refs = notebook.cases.refs()
    conflicts = [
        f"cases[{i}].ref: the notebook already has a case {case.ref!r}"
        for i, case in enumerate(parsed.cases)
        if case.ref in existing_refs
    ]
    existing_ids = notebook.records.ids()
    for i, case in enumerate(parsed.cases):
        for j, record in enumerate(case.records):
            if record.id and record.id in existing_ids:
                conflicts.append(
                    f"cases[{i}].records[{j}].id: the notebook already has a record {record.id!r}"
                )
    try:
        writing_store.imported_settings(
            writing_store.WritingStore(notebook), parsed.phrases, parsed.templates
        )
    except InvalidInput as exc:
        conflicts.append(str(exc))
    records = [r for case in parsed.cases for r in case.records]
    return ImportPreview(
        document=parsed,
        cases=len(parsed.cases),
        people=sum(len(case.people) for case in parsed.cases),
        records=len(records),
        final_records=sum(1 for r in records if r.status == "final"),
        attachments=sum(len(r.attachments) for r in records),
        reflections=len(parsed.reflections),
        phrases=len(parsed.phrases),
        templates=len(parsed.templates),
        case_refs=tuple(case.ref for case in parsed.cases),
        conflicts=tuple(conflicts),
    )
