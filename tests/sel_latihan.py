"""Membaca blok latihan notebook dan menjalankan sel ceknya tanpa menjalankan notebook.

Dipakai ``test_latihan.py`` (struktur dan edisi mahasiswa) dan uji sel cek per notebook
(``test_cek_latihan_*.py``): sel cek sebuah latihan dijalankan dengan jawaban yang dipilih
uji (benar, salah tetapi masuk akal, atau bertipe salah) dan konteks secukupnya.
"""
import contextlib
import hashlib
import io
import os
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
OK, WRONG, TODO = "✅ Benar", "❌ Belum tepat", "✏️ Belum dijawab"


def is_solution(cell):
    return "solusi" in cell.get("metadata", {}).get("tags", [])


def exercises(nb):
    """Daftar (nomor, sel-sel blok) untuk setiap soal ``### Latihan N``.

    Batas blok latihan didefinisikan sekali, di scripts/sumber_nbgrader.py (yang memberi poin
    nbgrader), jadi uji dan penilaian selalu melihat blok yang sama."""
    import_scripts()
    import sumber_nbgrader

    return [(number, [nb.cells[i] for i in indices])
            for number, indices in sumber_nbgrader.exercise_blocks(nb)]


def import_scripts():
    """Membuat modul di scripts/ dapat diimpor (modul ini juga dimuat conftest.py untuk nbval,
    tanpa folder tests/ di sys.path)."""
    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))


def student_edition(path):
    """Edisi mahasiswa notebook ``path`` seperti yang dibuat `nbgrader generate_assignment`
    (scripts/edisi_mahasiswa.py). Disimpan di keluaran/uji_edisi/ menurut sidik notebook dan
    skrip pembuatnya, sehingga setiap versi notebook dibuat sekali untuk semua uji."""
    path = Path(path)
    scripts = [ROOT / "scripts" / name for name in ("edisi_mahasiswa.py", "kelas.py", "sumber_nbgrader.py")]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in [path, *scripts])).hexdigest()[:16]
    cache = ROOT / "keluaran" / "uji_edisi" / f"{path.stem}-{digest}.ipynb"
    if not cache.exists():
        import_scripts()
        import edisi_mahasiswa

        student = edisi_mahasiswa.release([path])[path.name]
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=cache.parent, delete=False, suffix=".tmp") as tmp:
            nbformat.write(student, tmp)
        os.replace(tmp.name, cache)  # dua proses uji boleh membuatnya bersamaan
    return nbformat.read(cache, as_version=4)


def python_source(source):
    """Sumber sel sebagai Python biasa (perintah ``!`` dan ``%`` IPython diubah)."""
    from IPython.core.inputtransformer2 import TransformerManager
    return TransformerManager().transform_cell(source)


def notebook(prefix):
    """Notebook yang namanya diawali ``prefix`` (mis. ``"02"``)."""
    (path,) = [p for p in NOTEBOOKS if p.name.startswith(prefix)]
    return nbformat.read(path, as_version=4)


def check_cells(prefix, number):
    """Sumber sel cek Latihan ``number``: sel kode tanpa tag solusi sesudah sel solusi terakhir."""
    (block,) = [b for n, b in exercises(notebook(prefix)) if n == number]
    code = [c for c in block if c.cell_type == "code"]
    last_solution = max(i for i, c in enumerate(code) if is_solution(c))
    cells = [c.source for c in code[last_solution + 1:]]
    assert cells, f"Notebook {prefix}, Latihan {number}: tidak ada sel cek."
    return cells


def run_check(prefix, number, **namespace):
    """Menjalankan sel cek Latihan ``number`` dengan nama-nama ``namespace``; mengembalikan
    teks yang dicetaknya. Galat apa pun dari sel cek diteruskan (uji menganggapnya cacat)."""
    import numpy as np

    import helpers

    names = {"np": np, "helpers": helpers, **namespace}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for source in check_cells(prefix, number):
            exec(python_source(source), names)
    return out.getvalue()


def accepted(text):
    """Sel cek menerima jawaban: ada vonis benar dan tidak ada vonis salah/belum dijawab."""
    return OK in text and WRONG not in text and TODO not in text


def refused(text):
    """Sel cek menolak jawaban dengan vonis (bukan traceback) dan tanpa satu pun "Benar"
    yang bisa mengecoh mahasiswa bahwa jawabannya sebagian besar sudah tepat."""
    return (WRONG in text or TODO in text) and not accepted(text)
