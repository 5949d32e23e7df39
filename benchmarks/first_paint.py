"""Child process for startup.py: start a window, print wall-clock times of its paints.

    python benchmarks/first_paint.py bare   # a bare PySide6 window: our floor
    python benchmarks/first_paint.py app    # Desktop Assistant, as `desktop-assistant` starts it

Prints the time of the window's first paint; for the app, then also the time the
conversation list (filled right after the first paint) has painted.
"""

import os
import sys
import time


def report(done: bool = True) -> None:
    print(f"{time.time():.6f}", flush=True)
    if done:
        os._exit(0)


def bare() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        """Reports once the first paint is done, as the app's own hook does."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, report)
            return False

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1100, 720)
    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()


def ours() -> None:
    """Exactly what ``desktop-assistant`` runs before its first paint; the rest comes after."""
    from desktop_assistant.app import Services, run_gui

    def shown() -> None:
        report(done=False)
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication

        from desktop_assistant.ui.main_window import MainWindow

        class ListPainted(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Paint and window.sidebar.list.count():
                    report()
                return False

        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        window.sidebar.list.viewport().installEventFilter(ListPainted(window))

    run_gui(Services.from_environment(), on_shown=shown)


if __name__ == "__main__":
    bare() if sys.argv[1] == "bare" else ours()
