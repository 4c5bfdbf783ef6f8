"""View ▸ Theme: the desktop's own look, or Casebook's light or dark one.

"system" keeps the style and palette Qt found on the desktop (a dark desktop gives a dark
Casebook); "light" and "dark" use Qt's Fusion style with a palette of Casebook's, which
also serves the screenshots (``make screenshots-dark``). Text that is quieter than the
rest (field hints, empty lists) uses the palette's placeholder colour, which every
palette here sets to read on its background.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

THEMES = {"system": "System", "light": "Light", "dark": "Dark"}
_system: dict[str, object] = {}

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#2f3136",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#3a3c40",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#404348",
    QPalette.ColorRole.Mid: "#34363a",
    QPalette.ColorRole.Dark: "#202124",
    QPalette.ColorRole.Shadow: "#111214",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.ToolTipBase: "#2b2d30",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9a9da3",
}
_DARK_DISABLED = "#7a7d83"
# Fusion draws a box's outline as the window colour made darker: on a dark window that is
# near black, and an unticked box (a person not named, "Significant event") vanishes. Its
# indicators are drawn as if on this grey, which gives an outline that reads on dark.
_DARK_INDICATOR_WINDOW = "#cfd2d7"


class _DarkFusion(QProxyStyle):
    """Fusion with check boxes and radio buttons whose outline shows on a dark palette."""

    _INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element: Any, option: Any, painter: Any, widget: Any = None) -> None:
        if element in self._INDICATORS and option is not None:
            option = type(option)(option)
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Window, QColor(_DARK_INDICATOR_WINDOW))
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)


def dark_palette() -> QPalette:
    """Light text on dark grey; quieter text (placeholder) still reads on it."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DARK_DISABLED))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette, with a placeholder colour that reads on white."""
    style = QStyleFactory.create("Fusion")
    palette = QPalette(style.standardPalette())
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6f76"))
    return palette


def apply_theme(name: str, app: QApplication | None = None) -> str:
    """Use theme ``name`` ("system", "light" or "dark"); returns the one applied."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert isinstance(app, QApplication)
    if not _system:
        _system["style"] = app.style().name()
        _system["palette"] = QPalette(app.palette())
    if name not in THEMES:
        name = "system"
    if name == "system":
        app.setStyle(str(_system["style"]))
        app.setPalette(_system["palette"])  # type: ignore[arg-type]
    else:
        app.setStyle(_DarkFusion() if name == "dark" else "Fusion")
        app.setPalette(dark_palette() if name == "dark" else light_palette())
    return name


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
