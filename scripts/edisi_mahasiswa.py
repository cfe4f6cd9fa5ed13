"""Membuat edisi mahasiswa dengan `nbgrader generate_assignment` (lewat scripts/kelas.py).

Setiap notebook diubah menjadi sumber nbgrader (scripts/sumber_nbgrader.py: sel jawaban dan
solusinya menjadi satu sel dengan penanda solusi, sel cek menjadi sel uji), lalu nbgrader
membuat rilisnya di folder kursus sementara:
- bagian solusi dihapus dari sel jawaban (kerangka berisi `...` tetap ada), sel solusi teks
  dihapus dari sel "*Jawaban Anda*", soal dan sel cek tetap ada;
- semua keluaran dan nomor eksekusi dihapus, termasuk keluaran acuan nbval (tag
  `nbval-check-output` juga dibuang karena acuannya tidak ikut);
- metadata nbgrader ikut, jadi kiriman mahasiswa dapat dinilai `scripts/kelas.py nilai`.

Pemakaian (dari akar repositori; butuh nbgrader dari requirements-dosen.txt):
    python scripts/edisi_mahasiswa.py edisi_mahasiswa/             # semua notebook
    python scripts/edisi_mahasiswa.py DIR notebooks/02_*.ipynb      # notebook tertentu saja
    python scripts/edisi_mahasiswa.py DIR --timpa                   # DIR sudah berisi berkas

Skrip menolak menulis ke folder notebooks/ sendiri atau menimpa notebook sumber. Untuk
memberi dan menilai tugas lengkap dengan folder kursus nbgrader, pakai scripts/kelas.py.
"""
import argparse
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sumber_nbgrader import is_solution  # noqa: E402


class RefusedError(Exception):
    """Permintaan yang ditolak; pesannya (bahasa Indonesia) ditampilkan kepada pengguna."""


def release(sources):
    """{nama berkas: notebook edisi mahasiswa} dari `nbgrader generate_assignment`."""
    import kelas

    with tempfile.TemporaryDirectory(prefix="edisi_") as tmp:
        try:
            released = kelas.prepare(Path(tmp) / "kelas", sources)
        except kelas.RefusedError as err:
            raise RefusedError(str(err)) from None
        students = {path.name: nbformat.read(path, as_version=4) for path in released}
    for nb in students.values():
        nbformat.validate(nb)
    return students


def student_notebook(nb, name="tugas"):
    """Edisi mahasiswa satu notebook ``nb`` (``nb`` sendiri tidak diubah)."""
    with tempfile.TemporaryDirectory(prefix="sumber_") as tmp:
        path = Path(tmp) / f"{name}.ipynb"
        nbformat.write(nb, path)
        (student,) = release([path]).values()
    return student


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
    students = release(sources)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sources:
        n_solutions = sum(is_solution(cell) for cell in nbformat.read(src, as_version=4).cells)
        out = dest / src.name
        nbformat.write(students[src.name], out)
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
