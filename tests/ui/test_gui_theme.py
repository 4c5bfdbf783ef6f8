"""Dark themes: quiet text (field hints, empty lists) reads on dark palettes; View ▸ Theme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from guihelpers import unlock
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from ui.theme import apply_theme, contrast

HINTS = ("screen for suicide and self-harm risk", "Good Lives: goals, motivation, what helps")


@pytest.fixture(autouse=True)
def back_to_the_system_theme() -> Iterator[None]:
    yield
    apply_theme("system")


def _hint_colour(label: QLabel, hint: str) -> QColor:
    """The colour the hint's words are drawn in (rich text: the colour of their run)."""
    if "<" not in label.text():
        return label.palette().color(label.foregroundRole())
    document = QTextDocument()
    document.setHtml(label.text())
    block = document.begin()
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        if hint in fragment.text():
            brush = fragment.charFormat().foreground()
            if brush.style().value:  # a colour of its own
                return brush.color()
            return label.palette().color(label.foregroundRole())
        fragments += 1
    raise AssertionError(f"no run holds {hint!r}")


@pytest.mark.parametrize(
    "palette",
    [
        "casebook dark",
        "a dark desktop",  # Qt's palette made from one dark colour, as dark desktops give
    ],
)
def test_field_hints_read_on_a_dark_palette(palette: str, qtbot: Any) -> None:
    from ui.editors.session import SessionForm

    app = QApplication.instance()
    if palette == "casebook dark":
        apply_theme("dark")
    else:
        app.setPalette(QPalette(QColor("#353535")))
    form = SessionForm()
    qtbot.addWidget(form)
    window = app.palette().color(QPalette.ColorRole.Window)
    for hint in HINTS:
        label = next(w for w in form.findChildren(QLabel) if hint in w.text())
        assert contrast(_hint_colour(label, hint), window) >= 3.0, hint


def test_view_theme_offers_system_light_and_dark_and_remembers_the_choice(
    notebook_path: Path, make_controller: Any, qtbot: Any, app_settings: Any
) -> None:
    app = QApplication.instance()
    before = app.palette().color(QPalette.ColorRole.Window)
    main = unlock(qtbot, make_controller(notebook_path))
    actions = main.menus.theme_actions
    assert list(actions) == ["system", "light", "dark"] and actions["system"].isChecked()
    actions["dark"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert app_settings.theme == "dark" and actions["dark"].isChecked()
    placeholder = app.palette().color(QPalette.ColorRole.PlaceholderText)
    assert contrast(placeholder, app.palette().color(QPalette.ColorRole.Base)) >= 4.5
    actions["light"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    actions["system"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window) == before
    assert app_settings.theme == "system"


@pytest.mark.parametrize("widget_class", ["QCheckBox", "QRadioButton"])
def test_an_unticked_box_shows_its_outline_on_the_dark_theme(widget_class: str, qtbot: Any) -> None:
    from PySide6 import QtWidgets
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    apply_theme("dark")
    box = getattr(QtWidgets, widget_class)("Significant event")
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    image = box.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(box)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if widget_class == "QCheckBox"
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    indicator = box.style().subElementRect(element, option, box)
    scale = image.width() / box.width()
    background = box.palette().color(QPalette.ColorRole.Window)
    best = max(
        contrast(image.pixelColor(int(x * scale), int(y * scale)), background)
        for x in range(indicator.left(), indicator.right() + 1)
        for y in range(indicator.top(), indicator.bottom() + 1)
    )
    # WCAG's 3:1 for the parts of a control a user must see to use it.
    assert best >= 3.0, f"{widget_class} outline contrast {best:.2f}"
