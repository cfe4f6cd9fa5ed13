"""Uji metadata slide: scripts/atur_slide.py dan metadata di setiap notebook kursus."""
import json
from pathlib import Path

import nbformat
import pytest
from muat import load_script
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
atur_slide = load_script("scripts/atur_slide.py")
rapikan = load_script("scripts/rapikan_notebook.py")


def small_notebook():
    cells = [
        new_markdown_cell("# 90 — Contoh\n\nPengantar."),
        new_markdown_cell("[![Buka di Colab](https://colab.research.google.com/x.svg)](https://x)"),
        new_markdown_cell("## Tujuan pembelajaran\n\n- satu\n- dua"),
        new_code_cell("# persiapan\nimport helpers"),
        new_markdown_cell("## 1. Data\n\nKita memuat data."),
        new_code_cell("x = 1"),
        new_code_cell("y = 2"),
        new_markdown_cell("### 1.1 Gambar"),
        new_code_cell("helpers.show_images(x)"),
        new_code_cell("def make_encoder():\n    return None"),
        new_markdown_cell("## Latihan\n\n### Latihan 1"),
        new_code_cell("jawaban_1 = ..."),
        new_code_cell("if helpers.answered('jawaban_1', jawaban_1):\n    pass"),
        new_code_cell("jawaban_1 = 3"),
        new_code_cell("\n".join(f"print({i})" for i in range(30))),
    ]
    cells[1].metadata["tags"] = ["colab"]
    cells[3].metadata["tags"] = ["persiapan"]
    cells[13].metadata["tags"] = ["solusi"]
    for i, cell in enumerate(cells):
        cell.id = f"sel-{i:03d}"
    return new_notebook(cells=cells)


def test_aturan_slide():
    kinds = atur_slide.slide_types(small_notebook())
    assert kinds == ["slide", "skip", "-", "skip", "slide", "fragment", "-", "subslide",
                     "subslide", "subslide", "slide", "fragment", "skip", "notes", "subslide"]


def test_idempoten_dan_hanya_metadata_slide(tmp_path):
    path = tmp_path / "90_contoh.ipynb"
    nbformat.write(small_notebook(), path)
    before = nbformat.read(path, as_version=4)
    assert atur_slide.main([str(path)]) == 0
    once = path.read_text(encoding="utf-8")
    assert atur_slide.main([str(path)]) == 0
    assert path.read_text(encoding="utf-8") == once  # dijalankan lagi: tidak ada yang berubah
    assert atur_slide.main(["--periksa", str(path)]) == 0
    after = nbformat.read(path, as_version=4)
    assert [c.id for c in after.cells] == [c.id for c in before.cells]
    for cell in after.cells:
        assert set(cell.metadata.pop("slideshow")) == {"slide_type"}
    assert json.dumps(after, sort_keys=True) == json.dumps(before, sort_keys=True)


def test_rapikan_notebook_mempertahankan_metadata_slide():
    nb = small_notebook()
    atur_slide.apply(nb)
    expected = [c.metadata["slideshow"] for c in nb.cells]
    rapikan.clean(nb)
    assert [c.metadata.get("slideshow") for c in nb.cells] == expected


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_punya_metadata_slide(path):
    nb = nbformat.read(path, as_version=4)
    missing = [i for i, c in enumerate(nb.cells) if "slide_type" not in c.metadata.get("slideshow", {})]
    assert not missing, (f"{len(missing)} sel tanpa metadata slide (mis. sel {missing[:5]}); "
                         f"jalankan: python scripts/atur_slide.py notebooks/{path.name}")
    changed = atur_slide.apply(nb)
    assert changed == 0, (f"{changed} sel punya jenis slide yang berbeda dari aturan; "
                          f"jalankan: python scripts/atur_slide.py notebooks/{path.name}")
