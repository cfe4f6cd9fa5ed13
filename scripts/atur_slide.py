"""Mengatur metadata slide (`metadata.slideshow.slide_type`) setiap sel notebook menurut aturan
tetap, agar `render_kuliah.py --slide` (nbconvert, reveal.js) menghasilkan slide kuliah.

Aturan (dibaca dari atas ke bawah, aturan pertama yang cocok berlaku):
1. sel pertama (judul `# ...`) -> "slide": slide pembuka;
2. sel bertag `colab` (lencana Colab) dan `persiapan` (sel persiapan) -> "skip";
3. sel cek latihan (memanggil `helpers.answered`) -> "skip": di layar hanya mencetak vonis;
4. sel bertag `solusi` -> "notes": tampil di tampilan pembicara (tombol S), tidak di layar;
5. markdown yang memuat judul `## Tujuan pembelajaran` tepat sesudah judul -> "-":
   judul dan tujuan menjadi satu slide pembuka;
6. markdown yang memuat judul bagian `## ` -> "slide": setiap bagian mulai slide baru;
7. markdown yang memuat subjudul `### ` -> "subslide" (slide bawah di bagian yang sama);
8. sel kode yang menjadi inti pelajaran (definisi model, `train_step`, *loss*, pelatihan) atau
   yang menggambar (`plt.`, `helpers.show_images`, `compare_rows`, `plot_history`) -> "subslide";
9. sel lain -> "-" (melanjutkan slide) bila slide sekarang masih pendek, atau "subslide" bila
   slide sekarang sudah lebih dari BARIS_PER_SLIDE baris; sel kode pertama sesudah penjelasan
   markdown di slide yang sama -> "fragment" (muncul setelah diklik).

Skrip hanya menulis `metadata.slideshow`; sumber, keluaran, id sel, dan metadata lain tetap.
Hasilnya selalu sama untuk isi sel yang sama (idempoten): jalankan lagi setelah notebook diubah.

    python scripts/atur_slide.py notebooks/*.ipynb          # tulis metadata
    python scripts/atur_slide.py --periksa notebooks/*.ipynb  # hanya periksa (kode keluar 1 bila beda)
"""
import argparse
import re
import sys
from pathlib import Path

import nbformat

BARIS_PER_SLIDE = 18
KEY_CODE = re.compile(
    r"^\s*(def (make|build)_\w+|class \w+\((keras\.)?Model\)|def train_step|def \w*loss\w*"
    r"|@tf\.function)|\.fit\(|timed_fit\(|GanTraining\(", re.M)
FIGURE_CODE = re.compile(r"\bplt\.|helpers\.(show_images|compare_rows|plot_history|show_grid)\b")


def tags(cell):
    return cell.metadata.get("tags", [])


def headings(cell, level):
    prefix = "#" * level + " "
    return [line for line in cell.source.splitlines() if line.startswith(prefix)]


def slide_types(nb):
    """Jenis slide setiap sel (daftar sepanjang nb.cells) menurut aturan di docstring modul."""
    types = []
    lines_on_slide = 0          # baris di slide (atau subslide) yang sedang diisi
    markdown_on_slide = False   # slide sekarang sudah memuat penjelasan markdown
    code_after_markdown = False  # sel kode pertama sesudahnya sudah dijadikan fragment
    previous_visible = None
    for index, cell in enumerate(nb.cells):
        n_lines = len(cell.source.splitlines()) + (4 if cell.cell_type == "code" else 0)
        if index == 0:
            kind = "slide"
        elif {"colab", "persiapan"} & set(tags(cell)):
            kind = "skip"
        elif cell.cell_type == "code" and "helpers.answered(" in cell.source:
            kind = "skip"
        elif "solusi" in tags(cell):
            kind = "notes"
        elif (cell.cell_type == "markdown" and previous_visible == 0
              and any("Tujuan pembelajaran" in h for h in headings(cell, 2))):
            kind = "-"
        elif cell.cell_type == "markdown" and headings(cell, 2):
            kind = "slide"
        elif cell.cell_type == "markdown" and headings(cell, 3):
            kind = "subslide"
        elif cell.cell_type == "code" and (KEY_CODE.search(cell.source) or FIGURE_CODE.search(cell.source)):
            kind = "subslide"
        elif lines_on_slide + n_lines > BARIS_PER_SLIDE:
            kind = "subslide"
        elif cell.cell_type == "code" and markdown_on_slide and not code_after_markdown:
            kind = "fragment"
        else:
            kind = "-"

        if kind in ("slide", "subslide"):
            lines_on_slide, markdown_on_slide, code_after_markdown = 0, False, False
        if kind not in ("skip", "notes"):
            lines_on_slide += n_lines
            markdown_on_slide |= cell.cell_type == "markdown"
            code_after_markdown |= kind == "fragment"
            previous_visible = index
        types.append(kind)
    return types


def apply(nb):
    """Menulis jenis slide ke metadata setiap sel; mengembalikan jumlah sel yang berubah."""
    changed = 0
    for cell, kind in zip(nb.cells, slide_types(nb)):
        if cell.metadata.get("slideshow", {}).get("slide_type") != kind:
            cell.metadata["slideshow"] = {"slide_type": kind}
            changed += 1
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description="Mengatur metadata slide notebook kursus.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--periksa", action="store_true",
                        help="jangan menulis; kode keluar 1 bila ada notebook yang metadatanya beda")
    args = parser.parse_args(argv)
    differ = []
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        changed = apply(nb)
        kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
        summary = (f"{kinds.count('slide')} slide, {kinds.count('subslide')} subslide, "
                   f"{kinds.count('fragment')} fragment, {kinds.count('skip')} skip, "
                   f"{kinds.count('notes')} catatan")
        if args.periksa:
            if changed:
                differ.append(path)
            print(f"{path}: {'BEDA, ' + str(changed) + ' sel' if changed else 'sesuai'} ({summary})")
        else:
            if changed:
                nbformat.write(nb, path)
            print(f"{path}: {changed} sel diubah ({summary})")
    if differ:
        print(f"\nJalankan: python scripts/atur_slide.py {' '.join(map(str, differ))}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
