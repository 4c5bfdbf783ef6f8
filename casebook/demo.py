"""The fictional demo notebook: what a new practitioner (or reviewer) opens first.

The caseload is data, ``resources/demo/demo.json`` (a casebook/1 document; its README
says what it holds).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casebook.domain import Practitioner
from casebook.formats import casebook_json
from casebook.paths import resource_dir
from casebook.service import Notebook

# A notebook setting that marks the demo: the app shows "Fictional data" inside it.
DEMO_SETTING = "notebook.demo"

DEMO_PRACTITIONER = Practitioner(
    name="Sam Okafor (demo)",
    role="Senior Practitioner",
    organisation="Northvale Family Safeguarding Service (fictional)",
)


def demo_document() -> Any:
    """The demo caseload as decoded JSON, read afresh on every call.

    Raises:
        InvalidInput: the file is missing, unreadable or not JSON.
    """
    return casebook_json.load_file(resource_dir("demo") / "demo.json")


def create_demo_notebook(folder: Path, passphrase: str) -> tuple[Notebook, str]:
    """Create a notebook at ``folder`` filled with the fictional demo caseload.

    The caseload comes in through import, as any document does: its records are marked
    imported and the times the demo gives are claims (Casebook vouches only for its own
    clock). There is no other way in.

    Returns:
        (the open notebook, its recovery key)
    """
    document = demo_document()
    notebook, recovery_key = Notebook.create(folder, passphrase, DEMO_PRACTITIONER)
    try:
        notebook.settings.set(DEMO_SETTING, "fictional")
        notebook.interchange.import_document(document)
    except BaseException:
        notebook.close()
        raise
    return notebook, recovery_key


def is_demo_notebook(notebook: Notebook) -> bool:
    """Whether ``notebook`` is the fictional demo (marked when made; a demo made before the
    mark is known by its fictional practitioner)."""
    if notebook.settings.get(DEMO_SETTING) == "fictional":
        return True
    return notebook.identity.practitioner() == DEMO_PRACTITIONER
