"""Uji scripts/render_kuliah.py dengan dua notebook kecil: satu berhasil, satu gagal."""
import re
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "render_kuliah.py"
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def write(path, cells):
    nbformat.write(new_notebook(cells=cells, metadata=KERNEL), path)
    return path


def test_render_berhasil_dan_gagal(tmp_path):
    badge = new_markdown_cell("[![Buka di Colab](https://colab.research.google.com/assets/"
                              "colab-badge.svg)](https://colab.research.google.com/x)")
    badge.metadata["tags"] = ["colab"]
    good = write(tmp_path / "90_baik.ipynb", [
        new_markdown_cell("# 90 — Baik\n\n$$x' = \\frac{x}{255}$$"),
        badge,
        new_code_cell("import os\nprint('CEPAT=' + os.environ['KURSUS_CEPAT'])\n"
                      "print('KELUARAN=' + os.environ['KURSUS_OUTPUT_DIR'])"),
        # Penggeser seperti di 04 dan 06: keluaran awalnya masuk ke keluaran sel biasa.
        new_code_cell("import ipywidgets as widgets\n"
                      "widgets.interact(lambda nilai: print(f'penggeser {nilai}'), "
                      "nilai=widgets.IntSlider(value=3, min=0, max=5))"),
    ])
    bad = write(tmp_path / "91_gagal.ipynb", [
        new_code_cell("x = 1"),
        new_code_cell("raise ValueError('sengaja gagal\\nbaris kedua')"),
        new_code_cell("print('tidak sampai')"),
    ])
    html = tmp_path / "keluaran" / "html"
    stale = html / "91_gagal.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("salinan lama")

    result = subprocess.run([sys.executable, str(SCRIPT), str(bad), str(good), "--keluaran", str(html),
                             "--slide"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "[1/2] 91_gagal.ipynb" in out and "[2/2] 90_baik.ipynb" in out
    assert "GAGAL: sel 2: ValueError: sengaja gagal" in out
    assert "baris kedua" not in out  # galat diringkas menjadi satu baris
    assert "90_baik.ipynb" in out.split("Status", 1)[1] and "berhasil" in out

    page = (html / "90_baik.html").read_text(encoding="utf-8")
    assert "CEPAT=1" in page
    assert "penggeser 3" in page   # tanpa tiruan widget Output nbclient (render_kuliah.execute)
    assert f"KELUARAN={tmp_path / 'keluaran' / 'render' / 'cepat' / '90_baik'}" in page
    # Luring: MathJax dari salinan lokal di sebelah halaman, tanpa skrip atau gambar dari internet.
    assert '<script src="_statis/mathjax/MathJax.js?config=' in page
    assert (html / "_statis" / "mathjax" / "MathJax.js").is_file()
    assert not re.search(r"<(script|img|link)[^>]+(src|href)=\"(https?:)?//", page)
    assert "colab-badge" not in page
    slides = (html / "90_baik.slides.html").read_text(encoding="utf-8")
    assert '<script src="_statis/reveal.js/dist/reveal.js"></script>' in slides
    assert (html / "_statis" / "reveal.js" / "dist" / "reveal.js").is_file()
    assert not re.search(r"<(script|img|link)[^>]+(src|href)=\"(https?:)?//", slides)
    assert (html / "91_gagal.GAGAL.slides.html").exists()
    assert (tmp_path / "keluaran" / "render" / "cepat" / "90_baik.ipynb").is_file()
    assert (html / "91_gagal.GAGAL.html").exists()
    assert not stale.exists()  # salinan lama notebook yang kini gagal dihapus
    assert not (html / "90_baik.GAGAL.html").exists()


def test_notebook_tidak_ada(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "tidak_ada.ipynb"),
                             "--keluaran", str(tmp_path / "html")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "tidak ditemukan" in result.stderr
