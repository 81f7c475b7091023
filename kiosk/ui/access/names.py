"""Accessible names that follow the interface language.

A widget named once in its constructor would keep the language of that moment: an
Orca user who switches to Spanish would still hear "Home screen". ``set_name`` keeps
the English source beside the name, and ``retranslate`` (run by the access
controller at each language change) names every such widget again in the new
language. Mark the source with ``N_`` so lupdate collects it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.ui.i18n import tr

PROPERTY = "accessNameSource"


def set_name(widget: QWidget, source: str) -> None:
    """Name ``widget`` ``tr(source)`` for screen readers, renamed at each language change."""
    widget.setProperty(PROPERTY, source)
    widget.setAccessibleName(tr(source))


def source(widget: QWidget) -> str:
    """The English source of a name given by :func:`set_name`, else ''."""
    value = widget.property(PROPERTY)
    return value if isinstance(value, str) else ""


def retranslate(root: QWidget) -> None:
    """Name again, in the current language, every widget under ``root`` named by ``set_name``."""
    for widget in (root, *root.findChildren(QWidget)):
        text = source(widget)
        if text:
            widget.setAccessibleName(tr(text))
