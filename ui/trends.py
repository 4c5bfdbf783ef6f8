"""A case's change over time: one small chart per scale, dated points, on the case view.

The trends come from ``Notebook.trends.of_case`` (ratings on the session and partner
support records, :data:`casebook.kinds.RATING_SCALES`). Each chart puts its dots at the
records' dates and steps (0 at the bottom); a hollow dot is a draft. A click on a dot opens
its record. From the keyboard, Tab reaches a chart, the arrow keys (Home, End) go from dot
to dot, saying each one's day and rating (in a tooltip and to a screen reader), and Enter
opens it. Text is set as plain text: names and notes show literally.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QToolTip, QVBoxLayout, QWidget

from casebook import kinds
from casebook.stores.trends import Trend, TrendPoint
from ui import text

# Room around the plot: left for the step numbers, below for the first and last date.
_LEFT, _RIGHT, _TOP, _BOTTOM = 22.0, 10.0, 8.0, 20.0
_DOT = 4.0


class TrendChart(QWidget):
    """One scale's ratings over time for one person, drawn small.

    Signals:
        open_record(str): the record of the dot clicked.
    """

    open_record = Signal(str)

    def __init__(self, trend: Trend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trend = trend
        self.setObjectName(f"trend_{trend.scale.rating}")
        self.setMinimumSize(240, 110)
        top = len(trend.scale.steps) - 1
        if trend.points:
            latest = trend.points[-1]
            self.setAccessibleName(
                f"{trend.title}: {text.count(len(trend.points), 'rating')}, latest "
                f"{trend.scale.words(latest.value)} on {text.day(latest.event_at)}"
            )
        else:
            self.setAccessibleName(f"{trend.title}: not rated yet (0 to {top})")
        if trend.points:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The dot the keyboard is on (the latest when the chart takes focus).
        self.current: int | None = None

    def sizeHint(self) -> QSize:
        return QSize(300, 120)

    def plot_rect(self) -> QRectF:
        """Where the dots go (inside the margins)."""
        return QRectF(_LEFT, _TOP, self.width() - _LEFT - _RIGHT, self.height() - _TOP - _BOTTOM)

    def positions(self) -> list[tuple[QPointF, TrendPoint]]:
        """Each point's place: across by its date (evenly when all share one), up by step."""
        area = self.plot_rect()
        points = self.trend.points
        top = max(1, len(self.trend.scale.steps) - 1)
        days = [_day(p.event_at) for p in points]
        known = [d for d in days if d is not None]
        span = (max(known) - min(known)).days if known else 0
        out = []
        for index, (day, point) in enumerate(zip(days, points, strict=True)):
            if span and day is not None:
                share = (day - min(known)).days / span
            else:
                share = (index + 1) / (len(points) + 1)
            x = area.left() + area.width() * share
            y = area.bottom() - area.height() * point.step / top
            out.append((QPointF(x, y), point))
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.Text)
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)
        line = palette.color(QPalette.ColorRole.Highlight)
        area = self.plot_rect()
        top = max(1, len(self.trend.scale.steps) - 1)
        grid = QColor(quiet)
        grid.setAlpha(70)
        for step in range(top + 1):
            y = area.bottom() - area.height() * step / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            if step in (0, top):
                painter.setPen(quiet)
                painter.drawText(QRectF(0, y - 8, _LEFT - 6, 16),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 str(step))  # fmt: skip
        placed = self.positions()
        if not placed:
            painter.setPen(quiet)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "Not rated yet")
            return
        painter.setPen(QPen(line, 2))
        for (a, _), (b, _) in itertools.pairwise(placed):
            painter.drawLine(a, b)
        for at, point in placed:
            painter.setPen(QPen(line, 2))
            painter.setBrush(
                line if point.status == "final" else palette.color(QPalette.ColorRole.Base)
            )
            painter.drawEllipse(at, _DOT, _DOT)
        if self.hasFocus() and self.current is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(ink, 1.5, Qt.PenStyle.DotLine))
            painter.drawEllipse(placed[self.current][0], _DOT + 4, _DOT + 4)
        painter.setPen(ink)
        below = QRectF(area.left(), area.bottom() + 4, area.width(), _BOTTOM - 4)
        first, last = placed[0][1], placed[-1][1]
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, text.day(first.event_at))
        if len(placed) > 1:
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, text.day(last.event_at))

    def point_at(self, where: QPointF) -> TrendPoint | None:
        """The point whose dot is under ``where`` (the nearest within a few pixels)."""
        near = [
            (abs(at.x() - where.x()) + abs(at.y() - where.y()), point)
            for at, point in self.positions()
        ]
        near = [(d, p) for d, p in near if d <= 3 * _DOT]
        return min(near, key=lambda item: item[0])[1] if near else None

    def point_words(self, point: TrendPoint) -> str:
        """What a dot says: its day and the rating's words (no note: it is user text)."""
        draft = " (draft)" if point.status == "draft" else ""
        return f"{text.day(point.event_at)}: {self.trend.scale.words(point.value)}{draft}"

    def event(self, event: QEvent) -> bool:
        """A dot's tooltip under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.point_at(QPointF(event.pos()))
            if point is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), html.escape(self.point_words(point)), self)
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.trend.points:
            self.go_to(len(self.trend.points) - 1 if self.current is None else self.current)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrow keys, Home and End go from dot to dot; Enter or Space opens its record."""
        last = len(self.trend.points) - 1
        if last < 0 or self.current is None:
            super().keyPressEvent(event)
            return
        key = Qt.Key(event.key())
        moves = {
            Qt.Key.Key_Left: self.current - 1, Qt.Key.Key_Down: self.current - 1,
            Qt.Key.Key_Right: self.current + 1, Qt.Key.Key_Up: self.current + 1,
            Qt.Key.Key_Home: 0, Qt.Key.Key_End: last,
        }  # fmt: skip
        if key in moves:
            self.go_to(min(max(moves[key], 0), last))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.open_record.emit(self.trend.points[self.current].record_id)
        else:
            super().keyPressEvent(event)

    def go_to(self, index: int) -> None:
        """Put the keyboard on dot ``index``: ring it, and say its day and rating."""
        self.current = index
        point = self.trend.points[index]
        words = f"{self.point_words(point)} ({index + 1} of {len(self.trend.points)})"
        self.setAccessibleDescription(words)
        QAccessible.updateAccessibility(
            QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
        )
        at = self.positions()[index][0].toPoint()
        QToolTip.showText(self.mapToGlobal(at), html.escape(words), self)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = self.point_at(event.position())
        if point is not None:
            self.open_record.emit(point.record_id)
        else:
            super().mousePressEvent(event)


def _day(iso: str) -> dt.date | None:
    moment = text.local(iso)
    return moment.date() if moment is not None else None


class TrendsPage(QScrollArea):
    """The case view's Change over time tab: a titled chart per scale, two to a row.

    Signals:
        open_record(str): a dot was clicked.
    """

    open_record = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendsPage")
        self.setWidgetResizable(True)
        self.charts: list[TrendChart] = []
        self._set_body(QWidget())

    def _set_body(self, body: QWidget) -> None:
        self.body = body
        self.setWidget(body)

    def show_trends(self, trends: list[Trend]) -> None:
        """Show ``trends`` (from ``Notebook.trends.of_case``), replacing what was shown."""
        body = QWidget()
        layout = QVBoxLayout(body)
        intro = QLabel(
            "Ratings from the session and partner support records, oldest on the left. "
            "Each scale runs from 0 to 4; higher is further towards safe change. A hollow "
            "dot is a draft; click a dot to open its record (or Tab to a chart, go from dot"
            " to dot with the arrow keys and press Enter)."
        )
        intro.setWordWrap(True)
        intro.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.charts = []
        for index, trend in enumerate(trends):
            cell = QVBoxLayout()
            title = QLabel(trend.title)
            title.setTextFormat(Qt.TextFormat.PlainText)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            cell.addWidget(title)
            chart = TrendChart(trend)
            chart.open_record.connect(self.open_record)
            self.charts.append(chart)
            cell.addWidget(chart)
            latest = QLabel(_latest_words(trend))
            latest.setTextFormat(Qt.TextFormat.PlainText)
            latest.setWordWrap(True)
            cell.addWidget(latest)
            cell.addStretch(1)
            grid.addLayout(cell, index // 2, index % 2)
        layout.addLayout(grid)
        layout.addStretch(1)
        self._set_body(body)

    def clear(self) -> None:
        """Show nothing (on lock)."""
        self.charts = []
        self._set_body(QWidget())


def _latest_words(trend: Trend) -> str:
    """The latest rating and its note, or what the scale runs from and to."""
    steps = trend.scale.steps
    if not trend.points:
        low, high = (kinds.label(steps[i], trend.scale.rating) for i in (0, -1))
        return f"0 {low} … {len(steps) - 1} {high}"
    latest = trend.points[-1]
    words = f"Latest ({text.day(latest.event_at)}): {trend.scale.words(latest.value)}"
    note = latest.note.strip()
    if len(note) > 240:
        note = note[:240].rstrip() + "…"
    return f"{words}. {note}" if note else words


def chart_points(page: TrendsPage) -> dict[str, list[tuple[str, int]]]:
    """{chart title: [(event_at, step), ...]}: what the page charts (for tests and tools)."""
    return {c.trend.title: [(p.event_at, p.step) for p in c.trend.points] for c in page.charts}
