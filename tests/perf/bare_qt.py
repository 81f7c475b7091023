"""Start-up baseline: a bare PySide6 window (one QLabel) that exits after its first paint."""

import sys
import time

START = time.perf_counter()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402


class FirstPaint(QObject):
    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            elapsed = (time.perf_counter() - START) * 1000
            QTimer.singleShot(0, lambda: (print(f"startup: {elapsed:.0f} ms", file=sys.stderr),
                                          app.quit()))
        return False


app = QApplication(sys.argv[:1])
label = QLabel("Hello")
probe = FirstPaint()
label.installEventFilter(probe)
label.resize(1280, 800)
label.show()
sys.exit(app.exec())
