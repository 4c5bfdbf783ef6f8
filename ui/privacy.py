"""Privacy: idle auto-lock, lock on suspend or screen lock, the privacy screen, the clipboard.

Signals come from three places and all end in the app's *Lock*:

* :class:`IdleWatcher` watches user input with an application event filter.
* :class:`SuspendWatcher` listens on D-Bus (logind ``PrepareForSleep``, the session's
  ``Lock``, the screensaver's ``ActiveChanged``) when QtDBus and a bus are there, and
  in any case notices the wall clock jumping ahead of the monotonic clock (a resume).
* :class:`ClipboardGuard` clears the clipboard 30 s after we put text there, if it
  still holds that text, and on lock, the privacy screen and quit clears the X11
  selection too (PRIMARY: whatever text is selected, readable by every X client).
"""

from __future__ import annotations

import contextlib
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QVBoxLayout, QWidget

from ui.widgets import pause_timer

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
CLIPBOARD_CLEAR_MS = 30_000
RESUME_JUMP_SECONDS = 20.0


class IdleWatcher(QObject):
    """Emits :attr:`idle` once after ``timeout_ms`` without keyboard, mouse or touch input.

    Signals:
        idle(): the user has been away for the timeout.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = timeout_ms
        self._last_input = time.monotonic()
        self._fired = False
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self._check)
        self.set_timeout(timeout_ms)

    def set_timeout(self, timeout_ms: int) -> None:
        """Change the timeout (checked a few times per timeout, at most every 5 s)."""
        self._timeout_ms = max(50, timeout_ms)
        self._ticker.setInterval(max(25, min(5000, self._timeout_ms // 4)))

    def start(self) -> None:
        """Start watching (installs the application event filter)."""
        self._last_input = time.monotonic()
        self._fired = False
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._ticker.start()

    def stop(self) -> None:
        """Stop watching."""
        self._ticker.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def idle_ms(self) -> float:
        """How long ago the last input was, in milliseconds."""
        return (time.monotonic() - self._last_input) * 1000

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    @Slot()
    def _check(self) -> None:
        if not self._fired and (time.monotonic() - self._last_input) * 1000 >= self._timeout_ms:
            self._fired = True
            self._ticker.stop()
            self.idle.emit()


class SuspendWatcher(QObject):
    """Emits :attr:`suspended` when the system sleeps or the session's screen locks.

    Uses QtDBus when it imports and a bus answers; otherwise (and as well) a timer
    notices when the wall clock jumps ahead of the monotonic clock, which is what a
    resume from sleep looks like.

    Signals:
        suspended(str): why ("sleep", "screen lock", "resume").
    """

    suspended = Signal(str)

    def __init__(self, parent: QObject | None = None, *, tick_ms: int = 5000) -> None:
        super().__init__(parent)
        self.dbus_connected: list[str] = []
        self._wall = time.time()
        self._mono = time.monotonic()
        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self._check_clock)

    def start(self) -> None:
        """Start listening."""
        self._wall, self._mono = time.time(), time.monotonic()
        self._ticker.start()
        if not self.dbus_connected:
            self._connect_dbus()

    def stop(self) -> None:
        """Stop the clock check (D-Bus signals are ignored while stopped)."""
        self._ticker.stop()

    def _connect_dbus(self) -> None:
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # PySide6-Essentials builds without QtDBus
            return
        try:
            system = QDBusConnection.systemBus()
            session = QDBusConnection.sessionBus()
            hooks = [
                (
                    system,
                    "org.freedesktop.login1",
                    "/org/freedesktop/login1",
                    "org.freedesktop.login1.Manager",
                    "PrepareForSleep",
                    "_on_sleep(bool)",
                ),
                (
                    system,
                    "org.freedesktop.login1",
                    "/org/freedesktop/login1/session/auto",
                    "org.freedesktop.login1.Session",
                    "Lock",
                    "_on_lock()",
                ),
                (
                    session,
                    "org.freedesktop.ScreenSaver",
                    "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver",
                    "ActiveChanged",
                    "_on_screensaver(bool)",
                ),
            ]
            for bus, service, path, interface, name, slot in hooks:
                # PySide6 takes the SLOT() text here, whatever its stubs say.
                if bus.isConnected() and bus.connect(  # type: ignore[call-overload]
                    service, path, interface, name, self, SLOT(slot)
                ):
                    self.dbus_connected.append(f"{interface}.{name}")
        except Exception:
            return

    @Slot(bool)
    def _on_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep and self._ticker.isActive():
            self.suspended.emit("sleep")

    @Slot()
    def _on_lock(self) -> None:
        if self._ticker.isActive():
            self.suspended.emit("screen lock")

    @Slot(bool)
    def _on_screensaver(self, active: bool) -> None:
        if active and self._ticker.isActive():
            self.suspended.emit("screen lock")

    @Slot()
    def _check_clock(self) -> None:
        wall, mono = time.time(), time.monotonic()
        jump = (wall - self._wall) - (mono - self._mono)
        self._wall, self._mono = wall, mono
        if jump > RESUME_JUMP_SECONDS:
            self.suspended.emit("resume")


class ClipboardGuard(QObject):
    """Clears the clipboard a while after this app put text there, if it is still ours.

    On X11 (and Wayland's primary selection) selecting text also publishes it, as the
    PRIMARY selection, to every other client until something else is selected; clearing
    the clipboard leaves it there. :meth:`clear_casebook_text` clears both, for lock,
    the privacy screen and quit.

    Signals:
        cleared(): the clipboard was cleared.
        selection_cleared(): the selection (PRIMARY) was cleared.
    """

    cleared = Signal()
    selection_cleared = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        delay_ms: int = CLIPBOARD_CLEAR_MS,
        clipboard: QClipboard | None = None,
    ) -> None:
        super().__init__(parent)
        self._clipboard: QClipboard = clipboard or QGuiApplication.clipboard()
        self._ours: str | None = None
        self._timer = pause_timer(self, delay_ms, self.clear_if_ours)
        self._clipboard.dataChanged.connect(self._on_changed)

    @Slot()
    def _on_changed(self) -> None:
        # Some platforms (offscreen, Wayland) never report ownership; a change while one
        # of our windows has focus is ours too.
        owns = self._clipboard.ownsClipboard() or QGuiApplication.focusWindow() is not None
        current = self._clipboard.text()
        if owns and current and current != self._ours:
            self._ours = current
            self._timer.start()

    @Slot()
    def clear_if_ours(self) -> None:
        """Clear now if the clipboard still holds what we put there."""
        self._timer.stop()
        if self._ours is not None and self._clipboard.text() == self._ours:
            self._clipboard.clear()
            self.cleared.emit()
        self._ours = None

    @Slot()
    def clear_casebook_text(self) -> None:
        """Lock, privacy screen, quit: clear the selection, and the clipboard if it is ours.

        The selection is cleared whenever the platform has one: it is most likely text
        selected in Casebook (a record, a name), and at worst the user selects again.
        """
        self.clear_if_ours()
        if self._clipboard.supportsSelection():
            self._clipboard.clear(QClipboard.Mode.Selection)
            self.selection_cleared.emit()

    def detach(self) -> None:
        """Stop watching."""
        with contextlib.suppress(RuntimeError, TypeError):
            self._clipboard.dataChanged.disconnect(self._on_changed)


class PrivacyScreen(QWidget):
    """The neutral page shown instead of the content; nothing on it says whose notebook it is."""

    def __init__(self, shortcut_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyScreen")
        self.setAccessibleName("Privacy screen")
        self.setAutoFillBackground(True)
        label = QLabel(f"Content hidden\n\nPress {shortcut_text} to show it again.")
        label.setObjectName("privacyLabel")
        label.setWordWrap(True)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        label.setFont(font)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addStretch(1)


def cover_windows(main: QWidget, shortcut_text: str) -> list[QWidget]:
    """Cover every visible window but ``main`` with a privacy screen; close menus and popups.

    Dialogs are windows of their own: they are covered, not hidden (hiding one would
    cancel it). Returns the covers, for :func:`uncover`.
    """
    covers: list[QWidget] = []
    for window in QApplication.topLevelWidgets():
        if window is main or not window.isVisible():
            continue
        if isinstance(window, QMenu) or window.windowType() == Qt.WindowType.Popup:
            window.close()
            continue
        cover = PrivacyScreen(shortcut_text, window)
        cover.setGeometry(window.rect())
        cover.show()
        cover.raise_()
        covers.append(cover)
    return covers


def uncover(covers: list[QWidget]) -> None:
    """Take the covers of :func:`cover_windows` away."""
    for cover in covers:
        cover.hide()
        cover.deleteLater()
