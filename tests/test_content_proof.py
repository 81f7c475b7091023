"""`kiosk content proof`: the reviewer's PDF, read back with pypdf."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.pack import load_pack
from kiosk.content.review import fingerprint, review_state
from kiosk.content.testing import make_pack, write_page

pypdf = pytest.importorskip("pypdf")
ROOT = Path(__file__).resolve().parent.parent


def pdf_text(path: Path) -> list[str]:
    """Each PDF page's text with whitespace collapsed (pypdf puts tabs between words)."""
    import unicodedata

    reader = pypdf.PdfReader(str(path))
    # NFKC: the PDF's text uses ligatures ("ﬁ" for "fi").
    return [unicodedata.normalize("NFKC", " ".join(page.extract_text().split()))
            for page in reader.pages]


def test_proof_holds_every_page_title_id_and_status(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack", ("en", "es"))
    (pack / "en" / "glossary.toml").write_text(
        '[placebo]\nterm = "placebo"\ndefinition = "A pill with no medicine in it."\n',
        encoding="utf-8")
    write_page(pack, "en", "terms", "Compared with a [placebo](term:placebo).", order=3,
               sources=["Feder 2021"])
    write_page(pack, "es", "terms", "Comparado con un placebo.", order=3)
    assert main(["content", "approve", "welcome", "--lang", "en", "--by", "Ana Ruiz, MD",
                 "--date", "2026-11-30", "--pack", str(pack)]) == 0
    out = tmp_path / "proof.pdf"
    assert main(["content", "proof", str(out), str(pack)]) == 0
    assert "proof of 6 page(s)" in capsys.readouterr().err
    pages = pdf_text(out)
    text = "\n".join(pages)
    assert "Content proof for clinical review" in pages[0]
    loaded = load_pack(pack)
    assert f"Pack version: {loaded.version}" in pages[0]
    for page in loaded.all_pages():
        state = review_state(page, loaded.glossary(page.lang)).describe()
        holder = next(p for p in pages[1:] if f"ID: {page.lang}/{page.id} " in p)
        assert page.title in holder and f"Review: {state}" in holder
        assert f"Fingerprint: {fingerprint(page, loaded.glossary(page.lang))}" in holder, holder[:400]
    assert "Review: reviewed by Ana Ruiz, MD on 2026-11-30" in text
    assert "Review: never reviewed" in text
    # the term and its definition (pypdf puts a space after the bold term)
    assert re.search(r"placebo ?: A pill with no medicine in it\.", text)
    assert "Feder 2021" in text
    assert "The second card." in text  # a list page's cards, as a list


def test_proof_draws_the_pages_pictures(tmp_path):
    from kiosk.content.testing import png_bytes

    pack = make_pack(tmp_path / "pack")
    (pack / "en" / "brain.png").write_bytes(png_bytes(64, 48))
    write_page(pack, "en", "picture", "Look: ![A drawing of the brain](brain.png)", order=3)
    out = tmp_path / "proof.pdf"
    assert main(["content", "proof", str(out), str(pack)]) == 0
    reader = pypdf.PdfReader(str(out))
    holder = next(p for p in reader.pages if "ID: en/picture" in " ".join(p.extract_text().split()))
    assert len(holder.images) == 1
    assert "Picture: A drawing of the brain" in " ".join(holder.extract_text().split())


def test_proof_one_language(tmp_path):
    pack = make_pack(tmp_path / "pack", ("en", "es"))
    out = tmp_path / "es.pdf"
    assert main(["content", "proof", str(out), str(pack), "--lang", "es"]) == 0
    text = "\n".join(pdf_text(out))
    assert "ID: es/welcome" in text and "ID: en/welcome" not in text


def test_proof_refusals_are_one_line(tmp_path, capsys):
    pack = make_pack(tmp_path / "pack")
    assert main(["content", "proof", str(tmp_path / "x.pdf"), str(pack), "--lang", "fr"]) == 1
    assert capsys.readouterr().err.strip().endswith("no pages in language 'fr'")
    assert main(["content", "proof", str(tmp_path / "no" / "x.pdf"), str(pack)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot write" in err


def test_proof_command_runs_in_a_plain_process(tmp_path):
    """The command starts its own (offscreen) Qt: no display, no running kiosk needed."""
    out = tmp_path / "builtin.pdf"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "KIOSK_CACHE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "kiosk", "content", "proof", str(out),
                             str(ROOT / "resources" / "content")], capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(pypdf.PdfReader(str(out)).pages) > 24


@pytest.mark.budget
def test_proof_of_the_whole_pack_within_3_s(tmp_path):
    """Loading and proofing the shipped pack (both languages) takes at most 3 s (best of 3)."""
    from kiosk.content.proof import write_proof

    pack = load_pack(ROOT / "resources" / "content")
    best = float("inf")
    for i in range(3):
        start = time.perf_counter()
        write_proof(pack, tmp_path / f"p{i}.pdf")
        best = min(best, time.perf_counter() - start)
    print(f"proof of the whole pack: best {best * 1000:.0f} ms")
    assert best < 3.0
