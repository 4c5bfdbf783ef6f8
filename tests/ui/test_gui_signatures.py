"""The signing identity, Verify a summary… (also a dropped PDF) and Countersign…, driven
through their widgets (issue 13)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, fake_open, fake_save, unlock, wait_idle
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from casebook.service import Notebook


@pytest.fixture
def summary(notebook_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A signed summary of case C-2001 and its signer's certificate, as files."""
    from casebook.summary.export import export_summary

    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        pdf = export_summary(nb, ["C-2001"])
        cert = nb.identity.signing_identity().cert_pem
    finally:
        nb.close()
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "summary.pdf").write_bytes(pdf)
    (folder / "sam.pem").write_bytes(cert)
    return folder / "summary.pdf", folder / "sam.pem"


def _verify(qtbot: Any, main: Any, path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    fake_open(monkeypatch, path)
    main.menus.verify_action.trigger()
    dialog = main.flows.dialog
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    return dialog


def test_my_signing_identity_shows_the_fingerprint_in_groups_and_exports_the_certificate(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from test_gui_keys import security_page

    from casebook.signing import fingerprint

    out = tmp_path / "out" / "mine"
    out.parent.mkdir()
    fake_save(monkeypatch, out)
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    page = security_page(qtbot, main)
    qtbot.mouseClick(page.identity_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=20_000)
    assert dialog.name.text() == "Sam Tester"
    lines = dialog.fingerprint.text().splitlines()
    assert len(lines) == 4 and all(len(line.split()) == 4 for line in lines)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = out.with_name("mine.pem")
    qtbot.waitUntil(lambda: str(written) in dialog.status.text(), timeout=20_000)
    assert "".join(dialog.fingerprint.text().split()) == fingerprint(written.read_bytes()).replace(
        ":", ""
    )


def test_a_good_summary_verifies_green_and_a_tampered_one_shows_red(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    summary: tuple[Path, Path],
) -> None:
    pdf, _ = summary
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _verify(qtbot, main, pdf, monkeypatch)
    assert dialog.level == "verified"
    assert dialog.result_line.property("level") == "verified"
    assert "#1b7f3b" in dialog.result_line.text() and "Verified" in dialog.result_line.text()
    details = dialog.details.text()
    assert "Signature 1: Sam Tester" in details and "Trusted certificate: yes" in details
    assert "This notebook's audit log holds it." in details
    data = bytearray(pdf.read_bytes())
    at = data.index(b"stream") + 40  # a byte of the first page's content
    data[at] ^= 0x01
    tampered = pdf.with_name("tampered.pdf")
    tampered.write_bytes(bytes(data))
    fake_open(monkeypatch, tampered)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    assert dialog.level == "failed"
    assert dialog.result_line.property("level") == "failed"
    assert "#c62828" in dialog.result_line.text() and "does NOT verify" in dialog.result_line.text()


def test_a_pdf_dropped_on_the_main_window_is_verified(
    notebook_path: Path, make_controller: Any, qtbot: Any, summary: tuple[Path, Path]
) -> None:
    from ui.verify import VerifyDialog

    pdf, _ = summary
    main = unlock(qtbot, make_controller(notebook_path))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pdf))])
    buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data, buttons, keys)
    assert QApplication.sendEvent(main, enter) and enter.isAccepted()
    # Offscreen Qt has no drag in progress to deliver the drop through: hand it to the
    # window's event filter as QApplication would.
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, buttons, keys)
    assert main.flows.pdf_drops.eventFilter(main, drop)
    dialog = main.flows.dialog
    assert isinstance(dialog, VerifyDialog)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    assert dialog.level == "verified" and dialog.path == pdf


def test_a_supervisor_trusts_the_practitioners_certificate_countersigns_and_both_verify(
    empty_notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    summary: tuple[Path, Path],
) -> None:
    pdf, cert = summary
    out = pdf.with_name("summary-countersigned.pdf")
    controller = make_controller(empty_notebook_path)  # the supervisor's own notebook
    main = unlock(qtbot, controller)
    main.menus.countersign_action.trigger()
    dialog = main.flows.dialog
    fake_open(monkeypatch, pdf, cert)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    assert dialog.check.level == "untrusted"
    assert not dialog.sign_button.isEnabled()
    assert dialog.compared.isVisibleTo(dialog) and dialog.trust_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(dialog.trust_flow.question, QMessageBox), timeout=20_000)
    question = dialog.trust_flow.question
    assert "Sam Tester" in question.text()
    match = next(b for b in question.buttons() if b.text().startswith("The fingerprints match"))
    qtbot.mouseClick(match, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.check is not None and dialog.check.level == "verified", timeout=30_000
    )
    assert dialog.sign_button.isEnabled()
    dialog.comment.setText("Discussed in supervision; plan agreed")
    fake_save(monkeypatch, out)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=30_000)
    assert dialog.written.path == out and dialog.written.identity_checked
    assert str(out) in dialog.result_line.text()
    wait_idle(qtbot, main)
    dialog.close()

    verify = _verify(qtbot, main, out, monkeypatch)
    assert verify.level == "verified"
    report = verify.check.report
    assert [s["role"] for s in report.signatures] == ["author", "countersignature"]
    assert [s["trusted"] for s in report.signatures] == [True, True]
    assert report.revisions and all(r["allowed"] for r in report.revisions)
    assert "Signature 2: Sam Tester" in verify.details.text()
    assert "does not hold it" in verify.details.text()  # the practitioner's notebook, not this
    assert pdf.read_bytes() != out.read_bytes()


def test_countersigning_without_trust_needs_the_fingerprint_compared(
    empty_notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    summary: tuple[Path, Path],
) -> None:
    from casebook.signing import verify_pdf

    pdf, _ = summary
    out = pdf.with_name("countersigned.pdf")
    main = unlock(qtbot, make_controller(empty_notebook_path))
    main.menus.countersign_action.trigger()
    dialog = main.flows.dialog
    fake_open(monkeypatch, pdf)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    assert not dialog.sign_button.isEnabled()
    dialog.compared.setChecked(True)
    assert dialog.sign_button.isEnabled()
    fake_save(monkeypatch, out)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=30_000)
    assert not dialog.written.identity_checked
    report = verify_pdf(out.read_bytes())
    assert report.ok and len(report.signatures) == 2


# -- without a notebook: the welcome and unlock windows ----------------------------------


def _files(*roots: Path) -> dict[Path, tuple[int, int]]:
    """Every file under ``roots``, with its size and modification time."""
    return {
        path: (path.stat().st_size, path.stat().st_mtime_ns)
        for root in roots
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def welcome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_controller: Any) -> Any:
    """The welcome window: no notebook at the default place."""
    from ui.welcome import WelcomeWindow

    monkeypatch.setenv("CASEBOOK_NOTEBOOK", str(tmp_path / "Mine.casebook"))
    window = make_controller().window
    assert isinstance(window, WelcomeWindow)
    return window


def _choose(qtbot: Any, dialog: Any, button: Any) -> None:
    """Click ``button`` and wait for the check it starts."""
    dialog.check = None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)


def test_from_the_welcome_window_a_good_summary_verifies_green_and_a_tampered_one_red(
    welcome: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, summary: tuple[Path, Path]
) -> None:
    pdf, _ = summary
    data = bytearray(pdf.read_bytes())
    data[data.index(b"stream") + 40] ^= 0x01  # a byte of the first page's content
    tampered = pdf.with_name("tampered.pdf")
    tampered.write_bytes(bytes(data))
    roots = (Path(os.environ["HOME"]).parent, pdf.parent.parent)
    before = _files(*roots)

    qtbot.mouseClick(welcome.verify_button, Qt.MouseButton.LeftButton)
    dialog = welcome.verify_dialog
    assert dialog.isVisible() and dialog.notebook is None
    assert "audit-head comparison needs the practitioner's notebook" in dialog.findChild(
        QLabel, "verifyNoNotebook"
    ).text().replace("\n", " ")
    fake_open(monkeypatch, pdf, tampered)
    _choose(qtbot, dialog, dialog.choose_button)
    assert dialog.level == "intact"
    assert dialog.result_line.property("level") == "intact"
    line = dialog.result_line.text()
    assert "#1b7f3b" in line  # green: intact, and it says plainly what was not checked
    assert "the signer&#x27;s identity was NOT checked" in line
    assert "trust a certificate file for this check" in line
    details = dialog.details.text()
    assert "Signature 1: Sam Tester" in details
    assert "Trusted certificate: not checked (no certificate given)" in details
    assert "needs the practitioner's notebook" in details and "skipped" in details
    assert dialog.check.audit_head is not None and not dialog.check.head_checked

    _choose(qtbot, dialog, dialog.choose_button)
    assert dialog.level == "failed"
    assert "#c62828" in dialog.result_line.text()
    assert "does NOT verify" in dialog.result_line.text()
    assert _files(*roots) == before  # nothing written anywhere
    assert not (pdf.parent.parent / "Mine.casebook").exists()


def test_from_the_welcome_window_a_certificate_file_trusted_for_this_check_shows_trusted_yes(
    welcome: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, summary: tuple[Path, Path]
) -> None:
    from casebook.signing import VERIFIED_SENTENCE

    pdf, cert = summary
    dialog = welcome.verify_summary(pdf)
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    assert dialog.level == "intact"
    fake_open(monkeypatch, cert)
    _choose(qtbot, dialog, dialog.trust_once_button)
    assert dialog.level == "verified" and dialog.check.report.identity_checked
    assert "#1b7f3b" in dialog.result_line.text()
    assert VERIFIED_SENTENCE in dialog.result_line.text()
    assert "Trusted certificate: yes" in dialog.details.text()
    assert "Sam Tester" in dialog.trusted_label.text()
    assert "kept nowhere" in dialog.trusted_label.text()
    assert not (pdf.parent.parent / "Mine.casebook").exists()


def test_a_pdf_dropped_on_the_unlock_window_is_verified_without_unlocking(
    notebook_path: Path, make_controller: Any, qtbot: Any, summary: tuple[Path, Path]
) -> None:
    from ui.unlock import UnlockWindow

    pdf, _ = summary
    controller = make_controller(notebook_path)
    window = controller.window
    assert isinstance(window, UnlockWindow)
    assert window.verify.text() == "Verify a signed summary…"
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pdf))])
    buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data, buttons, keys)
    assert QApplication.sendEvent(window, enter) and enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, buttons, keys)
    assert window.pdf_drops.eventFilter(window, drop)  # offscreen Qt: no drag to deliver it
    dialog = window.verify_dialog
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=30_000)
    assert dialog.level == "intact" and dialog.path == pdf
    assert controller.notebook is None and window.passphrase.text() == ""


def test_from_the_welcome_window_a_certificate_file_of_someone_else_shows_amber_and_trusted_no(
    welcome: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, summary: tuple[Path, Path]
) -> None:
    from casebook.signing import create_identity

    pdf, _ = summary
    other = pdf.with_name("someone-else.pem")
    other.write_bytes(create_identity("Sam Tester", "Not the one").cert_pem)
    fake_open(monkeypatch, other, pdf)
    dialog = welcome.verify_summary()
    qtbot.mouseClick(dialog.trust_once_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not the one" in dialog.trusted_label.text(), timeout=30_000)
    _choose(qtbot, dialog, dialog.choose_button)
    assert dialog.level == "untrusted"
    assert "#a15c00" in dialog.result_line.text()
    assert "Trusted certificate: <b>NO</b>" in dialog.details.text()
    assert not dialog.trust_button.isVisible()  # nothing to pin without a notebook
