"""The system tray icon and its menu: Open, New conversation, Pause notifications, Quit.

Many Linux desktops (GNOME by default) have no tray: there ``QSystemTrayIcon
.isSystemTrayAvailable()`` is False, the icon is never shown, and the app stays reachable from
its launcher (a second start brings the window forward) and notifies over D-Bus all the same.
The icon is drawn here (a speech bubble on the accent colour), as resources/ has none yet.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

ACCENT = "#2563eb"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128)
MESSAGE_MS = 10_000


def app_icon() -> QIcon:
    """The app's icon at the usual tray and window sizes."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(_bubble(size))
    return icon


def _bubble(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(ACCENT))
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.22, size * 0.22)
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(size * 0.2, size * 0.22, size * 0.6, size * 0.42),
                          size * 0.12, size * 0.12)
    tail = QPainterPath()
    tail.moveTo(QPointF(size * 0.32, size * 0.6))
    tail.lineTo(QPointF(size * 0.28, size * 0.8))
    tail.lineTo(QPointF(size * 0.48, size * 0.62))
    tail.closeSubpath()
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(bubble.united(tail))
    painter.end()
    return pixmap


class TrayIcon(QSystemTrayIcon):
    """The tray icon. Its menu's actions are attributes, so tests and the app trigger them."""

    open_requested = Signal()
    new_conversation_requested = Signal()
    pause_toggled = Signal(bool)  # True: pause notifications for an hour
    quit_requested = Signal()
    message_clicked = Signal()  # a fallback notification (showMessage) was clicked
    message_shown = Signal(str, str)  # title, body: what showMessage was given

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(app_icon(), parent)
        self.setToolTip("Desktop Assistant")  # the product name stays as it is
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.open_action = QAction(self.tr("&Open Desktop Assistant"), self.menu)
        self.open_action.triggered.connect(self.open_requested)
        self.new_action = QAction(self.tr("&New conversation"), self.menu)
        self.new_action.triggered.connect(self.new_conversation_requested)
        self.pause_action = QAction(self.tr("&Pause notifications for 1 hour"), self.menu)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.pause_toggled)
        self.quit_action = QAction(self.tr("&Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.new_action)
        self.menu.addSeparator()
        self.menu.addAction(self.pause_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.setContextMenu(self.menu)
        self.activated.connect(self._activated)
        self.messageClicked.connect(self.message_clicked)

    def show_message(self, title: str, body: str, *, urgent: bool = False) -> None:
        """A notification through the tray (Notification Center, a toast or a balloon)."""
        icon = (QSystemTrayIcon.MessageIcon.Warning if urgent
                else QSystemTrayIcon.MessageIcon.Information)
        self.showMessage(title, body, icon, MESSAGE_MS)
        self.message_shown.emit(title, body)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def dispose(self) -> None:
        """Hide the icon and drop its menu (the menu has no parent: it is a top-level)."""
        self.hide()
        self.setContextMenu(None)  # type: ignore[arg-type]
        self.menu.deleteLater()
