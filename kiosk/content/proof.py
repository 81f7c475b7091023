"""``kiosk content proof``: a reviewer's PDF of a content pack, made with Qt's own PDF output.

The one module under kiosk/content that uses Qt, and only inside ``write_proof``: it
is imported by the proof command alone, never by the kiosk's core. No browser, no
network: QTextDocument lays the pages out and QPdfWriter writes them (QTextDocument
numbers the pages itself).

Each page of the pack gets: its title and id, its review status and fingerprint, the
summary and content warning, the page as the kiosk shows it (list pages as their card
groups; links and glossary terms as plain text), its sources and the definitions of the
glossary terms it uses.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from kiosk.content.glossary import definitions
from kiosk.content.model import Page
from kiosk.content.pack import Pack, display_path
from kiosk.content.review import review_state

_LINK_TAG_RE = re.compile(r"</?a\b[^>]*>")
_IMG_RE = re.compile(r"<img\b([^>]*)>")
_SRC_RE = re.compile(r'\bsrc="([^"]*)"')
_ALT_RE = re.compile(r'\balt="([^"]*)"')

STYLE = """
body { font-size: 10.5pt; }
h1 { font-size: 18pt; margin-top: 0; }
h2 { font-size: 14pt; margin-top: 10pt; }
h3 { font-size: 12pt; }
p.meta { font-size: 9.5pt; color: #333333; margin: 0; }
p.state-never { color: #8a4b00; font-weight: bold; }
p.state-changed { color: #a40000; font-weight: bold; }
p.state-reviewed { color: #1f5f1f; font-weight: bold; }
p.warning { font-style: italic; }
h2.section { font-size: 11pt; color: #444444; border-bottom: 1px solid #999999; }
.shown { margin-left: 8pt; }
"""


def _shown_html(page: Page) -> str:
    """The page as the kiosk shows it, for paper: links and terms become their words."""
    if page.kind == "list":
        parts = [page.intro_html] if page.intro_html else []
        for group in page.groups:
            parts.append(f"<h2>{html.escape(group.heading)}</h2><ul>")
            for card in group.cards:
                text = f" \u2013 {html.escape(card.text)}" if card.text else ""
                parts.append(f"<li><b>{html.escape(card.name)}</b>{text}</li>")
            parts.append("</ul>")
        markup = "\n".join(parts)
    else:
        markup = page.html
    markup = _LINK_TAG_RE.sub("", markup)
    return _IMG_RE.sub(_picture, markup)


PICTURE_WIDTH = 420  # at most this wide on the proof's page (of about 650 across)


def _picture(m: re.Match[str]) -> str:
    """A picture as the reader shows it (the renderer already checked it: inside the pack,
    within the size budgets), at most PICTURE_WIDTH wide, with its alt text below."""
    from kiosk.content.images import image_size

    src_match, alt_match = _SRC_RE.search(m.group(1)), _ALT_RE.search(m.group(1))
    if src_match is None:
        return ""
    src, alt = src_match.group(1), alt_match.group(1) if alt_match else ""
    caption = f"<br><i>Picture: {alt or html.escape(os.path.basename(src))}</i>"
    size = image_size(Path(html.unescape(src)))
    width = f' width="{PICTURE_WIDTH}"' if size and size[0] > PICTURE_WIDTH else ""
    return f'<img src="{src}" alt="{alt}"{width}>{caption}'


def _page_html(pack: Pack, page: Page, first: bool) -> str:
    from kiosk.content.review import fingerprint

    glossary = pack.glossary(page.lang)
    state = review_state(page, glossary)
    brk = "" if first else ' style="page-break-before: always"'
    out = [f"<h1{brk}>{html.escape(page.title)}</h1>",
           f'<p class="meta">ID: {page.lang}/{page.id} \u00b7 kind: {page.kind} \u00b7 '
           f"order: {page.order} \u00b7 file: {html.escape(display_path(page.path))}</p>",
           f'<p class="meta state-{state.state}">Review: {html.escape(state.describe())}</p>',
           f'<p class="meta">Fingerprint: {fingerprint(page, glossary)}'
           + (f" (approved: {html.escape(page.reviewed_fingerprint)})"
              if page.reviewed_fingerprint else "") + "</p>",
           f"<p><b>Summary (home tile):</b> {html.escape(page.summary)}</p>"]
    if page.content_warning:
        out.append(f'<p class="warning"><b>Content warning:</b> '
                   f"{html.escape(page.content_warning)}</p>")
    out.append('<h2 class="section">The page as shown</h2>')
    out.append(f'<div class="shown">{_shown_html(page)}</div>')
    out.append('<h2 class="section">Sources</h2>')
    if page.sources:
        out.append("<ol>" + "".join(f"<li>{html.escape(s)}</li>" for s in page.sources)
                   + "</ol>")
    else:
        out.append("<p><i>No sources listed.</i></p>")
    out.append('<h2 class="section">Glossary terms on this page</h2>')
    terms = definitions(glossary, page.terms)
    missing = [t for t in page.terms if t not in glossary]
    if terms or missing:
        items = [f"<li><b>{html.escape(t.term)}</b>: {html.escape(t.definition)}</li>"
                 for t in terms]
        items += [f"<li><b>{html.escape(t)}</b>: <i>no definition</i></li>" for t in missing]
        out.append("<ul>" + "".join(items) + "</ul>")
    else:
        out.append("<p><i>None.</i></p>")
    return "\n".join(out)


def proof_html(pack: Pack, langs: Iterable[str] | None = None,
               when: datetime | None = None) -> tuple[str, int]:
    """The whole proof as one HTML document for QTextDocument, and its number of pages."""
    chosen = [lang for lang in (langs or pack.languages) if lang in pack.languages]
    pages = [p for lang in chosen for p in pack.pages(lang) if p.lang == lang]
    when = when or datetime.now()
    rows = "".join(
        f"<tr><td>{p.lang}/{p.id}</td><td>{html.escape(p.title)}</td>"
        f"<td>{html.escape(review_state(p, pack.glossary(p.lang)).describe())}</td></tr>"
        for p in pages)
    title = [
        "<h1>Content proof for clinical review</h1>",
        f"<p><b>Pack:</b> {html.escape(display_path(pack.source_dir))}</p>",
        f"<p><b>Pack version:</b> {pack.version or 'unknown'}</p>",
        f"<p><b>Made:</b> {when:%Y-%m-%d %H:%M}</p>",
        f"<p><b>Languages:</b> {', '.join(chosen)} \u00b7 <b>Pages:</b> {len(pages)}</p>",
        "<p>Each page shows what a patient sees, its sources, the glossary definitions it "
        "uses, its review status and a fingerprint of its visible content. To record a "
        "review: <code>kiosk content approve ID --by \"NAME, CREDENTIALS\"</code>.</p>",
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
        "<tr><th>Page</th><th>Title</th><th>Review</th></tr>" + rows + "</table>",
    ]
    if any(p.is_error for p in pack.problems):
        title.append("<h2>Files the kiosk does not show</h2><ul>" + "".join(
            f"<li>{html.escape(str(p))}</li>" for p in pack.problems if p.is_error) + "</ul>")
    body = "\n".join(title) + "\n" + "\n".join(
        _page_html(pack, page, first=False) for page in pages)
    return f"<html><head><style>{STYLE}</style></head><body>{body}</body></html>", len(pages)


def write_proof(pack: Pack, out: Path, langs: Iterable[str] | None = None) -> int:
    """Write the proof PDF of ``pack`` to ``out``; return the number of content pages."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a command, not a window
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import (
        QFont,
        QGuiApplication,
        QPageLayout,
        QPageSize,
        QPdfWriter,
        QTextDocument,
    )

    app = QGuiApplication.instance() or QGuiApplication(["kiosk-proof"])
    markup, count = proof_html(pack, langs)
    out = Path(out)
    with open(out, "ab"):
        pass  # fail early, with the OS's reason, if the file cannot be written
    writer = QPdfWriter(str(out))
    writer.setTitle(f"Content proof, pack {pack.version}")
    writer.setCreator("kiosk content proof")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    # QTextDocument.print_ keeps its own 2 cm margin inside the page and numbers the pages.
    doc = QTextDocument()
    font = doc.defaultFont()
    if hasattr(font, "setFeature"):  # Qt 6.7+: no ligatures, so text copied or searched
        for tag in ("liga", "clig"):  # in the PDF reads "ff", not one "ﬀ" glyph
            font.setFeature(QFont.Tag(tag), 0)
        doc.setDefaultFont(font)
    # Pictures are handed over as resources: the copy of the document that print_ makes
    # keeps them, but does not load files itself. Only pictures the renderer accepted
    # (inside the pack, within the size budgets) appear in the markup.
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage

    for src in dict.fromkeys(m.group(1) for m in _SRC_RE.finditer(markup)):
        image = QImage(html.unescape(src))
        if not image.isNull():
            doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(src), image)
    doc.setHtml(markup)
    doc.print_(writer)
    del writer  # finishes the file
    del app
    if not out.is_file() or out.stat().st_size == 0:
        raise OSError(f"Qt wrote no PDF to {out}")
    return count
