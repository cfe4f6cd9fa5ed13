"""Membuat edisi mahasiswa: salinan notebook tanpa sel solusi dan tanpa keluaran.

Yang dilakukan untuk setiap notebook:
- sel bertag `solusi` (solusi latihan) dibuang; soal latihan, sel jawaban (berisi `...`),
  dan sel cek tetap ada;
- semua keluaran dan nomor eksekusi dihapus, termasuk keluaran acuan nbval (tag
  `nbval-check-output` juga dibuang karena acuannya tidak ikut);
- hasilnya divalidasi dengan nbformat sebelum ditulis.

Pemakaian (dari akar repositori):
    python scripts/edisi_mahasiswa.py edisi_mahasiswa/             # semua notebook
    python scripts/edisi_mahasiswa.py DIR notebooks/02_*.ipynb      # notebook tertentu saja
    python scripts/edisi_mahasiswa.py DIR --timpa                   # DIR sudah berisi berkas

Skrip menolak menulis ke folder notebooks/ sendiri atau menimpa notebook sumber.
"""
import argparse
import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOLUTION_TAG = "solusi"
CHECK_TAG = "nbval-check-output"


class RefusedError(Exception):
    """Permintaan yang ditolak; pesannya (bahasa Indonesia) ditampilkan kepada pengguna."""


def tags(cell):
    """Daftar tag metadata sebuah sel."""
    return list(cell.get("metadata", {}).get("tags", []))


def is_solution(cell):
    """True bila sel adalah solusi latihan (bertag `solusi`)."""
    return SOLUTION_TAG in tags(cell)


def student_notebook(nb):
    """Mengembalikan salinan ``nb`` untuk mahasiswa: tanpa sel solusi, tanpa keluaran."""
    nb = copy.deepcopy(nb)  # notebook asli tidak diubah
    nb.cells = [cell for cell in nb.cells if not is_solution(cell)]
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        remaining = [t for t in tags(cell) if t != CHECK_TAG]
        if remaining:
            cell.metadata["tags"] = remaining
        else:
            cell.metadata.pop("tags", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)  # status widget tersimpan ikut terhapus bersama keluaran
    nbformat.validate(nb)
    return nb


def source_notebooks(paths):
    """Notebook yang akan diproses: ``paths`` bila diberikan, selain itu semua di notebooks/."""
    if not paths:
        found = sorted(NOTEBOOKS.glob("*.ipynb"))
        if not found:
            raise RefusedError(f"Tidak ada notebook di {NOTEBOOKS}.")
        return found
    result = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise RefusedError(f"Notebook {path} tidak ditemukan.")
        if path.suffix != ".ipynb":
            raise RefusedError(f"{path} bukan notebook (.ipynb).")
        result.append(path)
    return result


def check_destination(dest, sources, overwrite):
    """Menolak tujuan yang berbahaya: folder notebooks/, menimpa sumber, folder tidak kosong."""
    dest_abs = dest.resolve()
    nb_dir = NOTEBOOKS.resolve()
    if dest_abs == nb_dir or nb_dir in dest_abs.parents:
        raise RefusedError(
            f"Menolak menulis ke {dest}: itu folder notebook sumber ({NOTEBOOKS}). "
            "Edisi mahasiswa harus ditulis ke folder lain, mis. edisi_mahasiswa/.")
    for src in sources:
        if (dest_abs / src.name).resolve() == src.resolve():
            raise RefusedError(
                f"Menolak menimpa notebook sumber {src}. Pilih folder tujuan lain.")
    if dest.exists() and not dest.is_dir():
        raise RefusedError(f"Tujuan {dest} sudah ada dan bukan folder.")
    if dest.is_dir() and any(dest.iterdir()) and not overwrite:
        raise RefusedError(
            f"Folder {dest} sudah ada dan tidak kosong. Tambahkan --timpa untuk menimpa "
            "notebook bernama sama di dalamnya, atau pilih folder kosong/baru.")


def build(dest, paths=(), overwrite=False):
    """Menulis edisi mahasiswa ke ``dest``; mengembalikan daftar (path tujuan, jumlah solusi)."""
    dest = Path(dest)
    sources = source_notebooks(paths)
    names = [src.name for src in sources]
    doubles = sorted({n for n in names if names.count(n) > 1})
    if doubles:
        raise RefusedError(f"Beberapa notebook bernama sama ({', '.join(doubles)}); "
                           "hasilnya akan saling menimpa.")
    check_destination(dest, sources, overwrite)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sources:
        nb = nbformat.read(src, as_version=4)
        n_solutions = sum(is_solution(cell) for cell in nb.cells)
        out = dest / src.name
        nbformat.write(student_notebook(nb), out)
        written.append((out, n_solutions))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Membuat edisi mahasiswa: notebook tanpa sel solusi dan tanpa keluaran.")
    parser.add_argument("tujuan", type=Path, help="folder tujuan, mis. edisi_mahasiswa/")
    parser.add_argument("notebook", nargs="*", type=Path,
                        help="notebook tertentu (bawaan: semua notebook di notebooks/)")
    parser.add_argument("--timpa", action="store_true",
                        help="boleh menulis ke folder yang sudah berisi berkas (notebook "
                             "bernama sama ditimpa; berkas lain dibiarkan)")
    args = parser.parse_args(argv)
    try:
        written = build(args.tujuan, args.notebook, args.timpa)
    except RefusedError as err:
        print(f"Galat: {err}", file=sys.stderr)
        return 1
    for out, n_solutions in written:
        print(f"  {out}  ({n_solutions} sel solusi dibuang)")
    print(f"Selesai: {len(written)} notebook edisi mahasiswa ditulis ke {args.tujuan}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
