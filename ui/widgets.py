"""Small pieces many windows and dialogs are built from: rows, button boxes, passphrase boxes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from ui.icons import icon

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
SAVE_CANCEL = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel


def pause_timer(parent: QObject, msecs: int, slot: Callable[[], object]) -> QTimer:
    """A timer that runs ``slot`` once, ``msecs`` after it was last started (a pause)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(slot)
    return timer


def hbox(*items: QWidget | QLayout | None) -> QHBoxLayout:
    """A row of widgets (and layouts) from left to right; None takes the room left."""
    layout = QHBoxLayout()
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return layout


def form_rows(*rows: tuple[str, QWidget | QLayout]) -> QFormLayout:
    """A form: each row a label and its field (a widget or a layout)."""
    form = QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    return form


def dialog_buttons(
    dialog: QDialog,
    buttons: QDialogButtonBox.StandardButton = OK_CANCEL,
    ok_text: str = "",
) -> QDialogButtonBox:
    """The button box of ``dialog``: accepting and rejecting it, OK renamed to ``ok_text``."""
    box = QDialogButtonBox(buttons)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    if ok_text:
        box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    return box


def line_field(name: str, placeholder: str = "", text: str = "") -> QLineEdit:
    """A one-line box named ``name`` for screen readers, holding ``text`` to start with."""
    field = QLineEdit(text)
    field.setAccessibleName(name)
    if placeholder:
        field.setPlaceholderText(placeholder)
    return field


def password_field(name: str, placeholder: str = "") -> QLineEdit:
    """A box that hides what is typed into it (a passphrase)."""
    field = line_field(name, placeholder)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def busy_bar(name: str = "") -> QProgressBar:
    """A thin bar that moves while work of unknown length runs (hidden until shown)."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    if name:
        bar.setAccessibleName(name)
    bar.hide()
    return bar


def push_button(
    label: str, slot: Callable[[], object], icon_name: str = "", tip: str = ""
) -> QPushButton:
    """A button that runs ``slot`` when clicked, with an icon and a tooltip if given."""
    button = QPushButton(label)
    if icon_name:
        button.setIcon(icon(icon_name))
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


class PassphraseMeter(QWidget):
    """How strong a new passphrase is (a bar and a hint), and whether the two copies match.

    Args:
        new: the box the new passphrase is typed into.
        again: the box it is typed into a second time.
    """

    def __init__(self, new: QLineEdit, again: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QLabel, QVBoxLayout

        self._new, self._again = new, again
        self.bar = QProgressBar()
        self.bar.setRange(0, 3)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Passphrase strength")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        # Room for two lines from the start: a dialog does not grow as the hint changes.
        self.hint.setMinimumHeight(2 * self.hint.fontMetrics().lineSpacing() + 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.hint)
        self.setMinimumHeight(self.bar.maximumHeight() + 8 + self.hint.minimumHeight())
        new.textChanged.connect(self.update_strength)
        again.textChanged.connect(self.update_strength)
        self.update_strength()

    def update_strength(self) -> None:
        """Show the strength of what is typed now (the same rule as creating a notebook)."""
        from casebook.passphrase import passphrase_strength

        score, hint = passphrase_strength(self._new.text())
        self.bar.setValue(score)
        if self._again.text() and self._again.text() != self._new.text():
            hint += " The two passphrases differ."
        self.hint.setText(hint)


def problem_label() -> QLabel:
    """A line saying what is wrong with a form, in the error colour (hidden while empty)."""
    label = QLabel()
    label.setObjectName("problem")
    label.setWordWrap(True)
    label.setAccessibleName("Problem")
    label.hide()
    return label


def show_problem(label: QLabel, problem: str) -> None:
    """Say ``problem`` in ``label`` in the error colour (or hide it when "")."""
    from ui.models import warning_colour

    label.setStyleSheet(f"QLabel#problem {{ color: {warning_colour().name()}; }}")
    label.setText(problem)
    label.setVisible(bool(problem))
