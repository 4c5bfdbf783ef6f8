"""View ▸ Theme: the desktop's own look, or Casebook's light or dark one.

"system" keeps the style and palette Qt found on the desktop (a dark desktop gives a dark
Casebook); "light" and "dark" use Qt's Fusion style with a palette of Casebook's, which
also serves the screenshots (``make screenshots-dark``). Text that is quieter than the
rest (field hints, empty lists) uses the palette's placeholder colour, which every
palette here sets to read on its background.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

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
    from PySide6.QtWidgets import QStyleFactory

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
        app.setStyle("Fusion")
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
