"""File ▸ Subject-access pack…: the app's ``casebook sar``.

Choose the case and the person; *Prepare* gathers and redacts the pack on the worker and
shows what it holds and the withheld log; *Sign and save…* signs it with the notebook's
identity and writes it (atomically) where the practitioner chooses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from ui.messages import describe
from ui.settings import file_dialog_options
from ui.widgets import form_rows, push_button


def prepare_pack(notebook: Any, ref: str, key: str) -> Any:
    """Gather and redact the pack (on the worker): a ``PreparedPack``."""
    from casebook.summary.sar import prepare_sar

    return prepare_sar(notebook, ref, key)


def sign_and_write(notebook: Any, prepared: Any, path: Path) -> int:
    """Sign the pack and write it atomically (on the worker); its size in bytes."""
    from casebook.atomic import write_atomic
    from casebook.summary.sar import sign_sar

    pdf = sign_sar(notebook, prepared)
    write_atomic(path, pdf)
    return len(pdf)


class SubjectAccessDialog(QDialog):
    """Make a signed subject-access pack for one person of a case.

    Args:
        bridge: the way into the notebook.
        cases: the notebook's cases (to choose from).
        current_ref: the case shown, chosen to start with.
    """

    def __init__(
        self, bridge: Any, cases: list[Any], current_ref: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("subjectAccessDialog")
        self.setWindowTitle("Subject-access pack")
        self.bridge = bridge
        self.prepared: Any = None
        self.case_box = QComboBox()
        self.case_box.setAccessibleName("Case")
        for case in cases:
            self.case_box.addItem(f"{case.ref}  {case.title}".strip(), case.ref)
        self.person_box = QComboBox()
        self.person_box.setAccessibleName("Person")
        intro = QLabel(
            "Everything this notebook holds about one person: their details, the records "
            "that involve or mention them, actions and attachments (listed). Other people "
            "are redacted, a child's own words are withheld from anyone but the child, and "
            "the reflective log is never included. Each withheld item is listed with its "
            "reason. The pack is signed like a summary."
        )
        intro.setWordWrap(True)
        self.prepare_button = push_button("Prepare", self.prepare)
        self.outcome = QLabel("Choose the person, then Prepare to see what the pack holds.")
        self.outcome.setWordWrap(True)
        self.withheld = QPlainTextEdit()
        self.withheld.setReadOnly(True)
        self.withheld.setAccessibleName("Withheld log")
        self.withheld.setPlaceholderText("The withheld log shows here.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            "Sign and save…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.sign_and_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form_rows(("Case", self.case_box), ("Person", self.person_box)))
        layout.addWidget(self.prepare_button)
        layout.addWidget(self.outcome)
        layout.addWidget(self.withheld, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self.case_box.currentIndexChanged.connect(lambda _: self._load_people())
        self.person_box.currentIndexChanged.connect(lambda _: self._forget())
        if current_ref is not None:
            index = self.case_box.findData(current_ref)
            if index >= 0:
                self.case_box.setCurrentIndex(index)
        self._load_people()

    def _load_people(self) -> None:
        self._forget()
        ref = self.case_box.currentData()
        if ref is not None:
            self.bridge.run(
                self.bridge.notebook.people.list, ref, on_done=self._people_loaded,
                on_error=self._problem,
            )  # fmt: skip

    def _people_loaded(self, people: list[Any]) -> None:
        self.person_box.clear()
        for person in people:
            self.person_box.addItem(f"{person.name} ({kinds.label(person.role)})", person.key)

    def _forget(self) -> None:
        self.prepared = None
        self.save_button.setEnabled(False)
        self.withheld.clear()

    def prepare(self) -> None:
        """Gather and redact the pack of the chosen person."""
        ref, key = self.case_box.currentData(), self.person_box.currentData()
        if ref is None or key is None:
            return
        self.outcome.setText("Preparing…")
        self.bridge.run(
            prepare_pack, self.bridge.notebook, ref, key,
            on_done=self._prepared, on_error=self._problem,
        )  # fmt: skip

    def _prepared(self, prepared: Any) -> None:
        from casebook.summary.sar import pack_contents

        self.prepared = prepared
        self.outcome.setText(
            f"The pack for {prepared.person.get('name')} holds {pack_contents(prepared)}:"
        )
        self.withheld.setPlainText(
            "\n".join(f"{i}. {w.what} — {w.reason}" for i, w in enumerate(prepared.withheld, 1))
        )
        self.save_button.setEnabled(True)

    def sign_and_save(self) -> None:
        """Ask where, then sign and write the pack."""
        if self.prepared is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        name = "subject-access-" + re.sub(r"[^\w.-]+", "-", self.prepared.ref) + ".pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the subject-access pack", str(start / name), "PDF (*.pdf)",
            options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            return
        self.outcome.setText("Signing…")
        self.bridge.run(
            sign_and_write, self.bridge.notebook, self.prepared, Path(path),
            on_done=lambda size: self.outcome.setText(
                f"Signed subject-access pack saved: {Path(path).name} ({size:,} bytes)."
            ),
            on_error=self._problem,
        )  # fmt: skip

    def _problem(self, exc: BaseException) -> None:
        title, detail = describe(exc)
        self.outcome.setText(f"{title}: {detail}")
