"""The content pack: Markdown pages per language, a safe renderer and a checker. Qt-free.

Names load on first use, so ``kiosk --help`` and other commands that only
register ``kiosk content`` do not pay for Markdown, TOML or hyphenation.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.content.check import check_pack
    from kiosk.content.images import PageImageBudget, image_budget_problem
    from kiosk.content.model import Card, CardGroup, ContentProblem, Page, Term
    from kiosk.content.pack import Pack, load_pack
    from kiosk.content.render import render_markdown
    from kiosk.content.review import (
        ReviewState,
        fingerprint,
        hidden_pages,
        review_state,
        visible_pages,
    )

__all__ = [
    "Card", "CardGroup", "ContentProblem", "Page", "Pack", "Term", "ReviewState",
    "PageImageBudget", "check_pack", "fingerprint", "hidden_pages", "image_budget_problem",
    "load_pack", "render_markdown", "review_state", "visible_pages",
]

_WHERE = {
    "Card": "model", "CardGroup": "model", "ContentProblem": "model", "Page": "model",
    "Term": "model", "Pack": "pack", "load_pack": "pack", "render_markdown": "render",
    "check_pack": "check", "ReviewState": "review", "fingerprint": "review",
    "hidden_pages": "review", "review_state": "review", "visible_pages": "review",
    "PageImageBudget": "images", "image_budget_problem": "images",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'kiosk.content' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kiosk.content.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
