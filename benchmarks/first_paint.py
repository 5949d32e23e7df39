"""Child process for startup.py: start a window, print the wall-clock time of its first paint.

    python benchmarks/first_paint.py bare   # a bare PySide6 window: our floor
    python benchmarks/first_paint.py app    # Desktop Assistant, as `desktop-assistant` starts it
"""

import os
import sys
import time


def report() -> None:
    print(f"{time.time():.6f}", flush=True)
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
    from desktop_assistant.app import Services, run_gui

    run_gui(Services.from_environment(), on_shown=report)


if __name__ == "__main__":
    bare() if sys.argv[1] == "bare" else ours()
