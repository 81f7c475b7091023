"""An offline QR code: segno computes the matrix, we paint it (no network, no temp files)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    import segno

QUIET_ZONE = 4  # modules of white around the code; phone cameras need it


def _escape(value: str) -> str:
    """Escape a vCard 3 text value (RFC 2426 section 5: backslash, comma, semicolon, newline)."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def contact_vcard(name: str, phone: str = "", street: str = "", city: str = "", region: str = "",
                  zipcode: str = "", website: str = "") -> str:
    """A vCard 3.0 contact card for an organisation (what iOS and Android cameras save)."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{_escape(name)};;;;", f"FN:{_escape(name)}",
             f"ORG:{_escape(name)}"]
    if phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(phone)}")
    if street or city or region or zipcode:
        parts = ("", "", street, city, region, zipcode, "USA")
        lines.append("ADR;TYPE=WORK:" + ";".join(_escape(p) for p in parts))
    if website:
        lines.append(f"URL:{_escape(website)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines)


def make_qr(text: str) -> segno.QRCode:
    """A full-size QR code (never a Micro QR: phone cameras do not read those)."""
    # Imported here: segno pulls in urllib and xml (about 100 ms), which must not
    # delay opening the clinic finder; its loader warms this import in a worker.
    import segno

    return segno.make_qr(text, error="m")


def render_qr(code: segno.QRCode, module_px: int, dark: QColor | None = None,
              light: QColor | None = None) -> QImage:
    """Paint a QR matrix into an image, ``module_px`` pixels per module, quiet zone included."""
    module_px = max(1, module_px)
    size = (len(code.matrix) + 2 * QUIET_ZONE) * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(light or QColor("#FFFFFF"))
    painter = QPainter(image)
    brush = dark or QColor("#000000")
    for y, row in enumerate(code.matrix):
        top = (y + QUIET_ZONE) * module_px
        x = 0
        width = len(row)
        while x < width:
            if row[x]:
                start = x
                while x < width and row[x]:
                    x += 1
                # One rectangle per run of dark modules: a fifth of the fills.
                painter.fillRect((start + QUIET_ZONE) * module_px, top,
                                 (x - start) * module_px, module_px, brush)
            else:
                x += 1
    painter.end()
    return image


class QrWidget(QWidget):
    """Shows a QR code as large as fits, in whole pixels per module, always dark on white."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QrCode")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._text = ""
        self._code: segno.QRCode | None = None
        self._image: QImage | None = None
        self._min_side = 240

    def set_text(self, text: str, code: segno.QRCode | None = None) -> None:
        """Show ``text`` as a QR code (``code``: its encoding, if made earlier); '' shows nothing."""
        if text == self._text and code is None:
            return  # already encoded (segno takes ~3 ms per code; screens retranslate often)
        self._text = text
        self._code = (code or make_qr(text)) if text else None
        self._image = None
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def code(self) -> segno.QRCode | None:
        return self._code

    def set_min_side(self, px: int) -> None:
        if px != self._min_side:
            self._min_side = px
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self._min_side + 40, self._min_side + 40)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self._min_side, self._min_side)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._code is None:
            return
        modules = len(self._code.matrix) + 2 * QUIET_ZONE
        side = min(self.width(), self.height())
        module_px = max(1, side // modules)
        if self._image is None or self._image.width() != modules * module_px:
            self._image = render_qr(self._code, module_px)
        painter = QPainter(self)
        image = self._image
        x = (self.width() - image.width()) // 2
        y = (self.height() - image.height()) // 2
        painter.drawImage(QRect(x, y, image.width(), image.height()), image)
        painter.end()
