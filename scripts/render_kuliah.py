"""Membuat salinan kuliah: menjalankan notebook lalu menyimpannya sebagai HTML berisi keluaran.

Setiap notebook dijalankan dari awal pada kernel baru (nbclient) dan diekspor dengan
nbconvert ke keluaran/html/<nama>.html (folder keluaran/ diabaikan git). Notebook yang gagal
dilaporkan beserta galatnya dan salinannya ditulis sebagai <nama>.GAGAL.html untuk diperiksa;
notebook lain tetap dirender. Kode keluar bukan nol bila ada yang gagal.

Mode:
- bawaan: mode cepat (KURSUS_CEPAT=1), beberapa menit untuk semua notebook;
- --penuh: ukuran penuh (KURSUS_CEPAT=0), bisa berjam-jam di CPU.
KURSUS_OFFLINE dibiarkan seperti yang Anda atur (mis. KURSUS_OFFLINE=1 di lab tanpa internet).
Berkas yang ditulis notebook (checkpoint, PNG, GIF) masuk ke keluaran/render/<mode>/<nama>/
lewat KURSUS_OUTPUT_DIR, terpisah dari keluaran saat Anda menjalankan notebook sendiri.
Dalam mode cepat folder itu dikosongkan dulu; dalam mode penuh checkpoint lama dipakai
untuk melanjutkan pelatihan (hapus foldernya untuk mulai dari nol).

Pemakaian (dari akar repositori):
    python scripts/render_kuliah.py                          # semua notebook, mode cepat
    python scripts/render_kuliah.py --penuh notebooks/08_dcgan.ipynb
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
HTML_DIR = ROOT / "keluaran" / "html"


def first_line(text, limit=200):
    """Baris pertama yang tidak kosong dari ``text``, dipotong sampai ``limit`` karakter."""
    for line in str(text).splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= limit else line[:limit - 3] + "..."
    return ""


def describe_error(nb, err):
    """Satu baris: sel yang gagal (urutan mulai 1) dan galatnya, mis. 'sel 12: ValueError: ...'."""
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return (f"sel {index + 1}: {out.get('ename', 'Galat')}: "
                        f"{first_line(out.get('evalue', ''))}")
    ename, evalue = getattr(err, "ename", None), getattr(err, "evalue", None)
    if ename:
        return f"{ename}: {first_line(evalue)}"
    return f"{type(err).__name__}: {first_line(err)}"


def kernel_env(full, artefacts):
    """Variabel lingkungan kernel: mode, folder keluaran, dan backend gambar inline."""
    env = dict(os.environ)
    env["KURSUS_CEPAT"] = "0" if full else "1"
    env["KURSUS_OUTPUT_DIR"] = str(artefacts)
    # Gambar harus masuk ke keluaran sel agar tampil di HTML (MPLBACKEND=Agg menyembunyikannya).
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # tanpa log C++ TensorFlow yang panjang
    return env


def render(path, html_dir, full, timeout, show_log=False):
    """Menjalankan satu notebook dan menulis HTML-nya. Mengembalikan (berhasil, keterangan)."""
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    mode = "penuh" if full else "cepat"
    artefacts = html_dir.parent / "render" / mode / path.stem
    if not full and artefacts.exists():
        shutil.rmtree(artefacts)  # mode cepat selalu mulai dari nol
    artefacts.mkdir(parents=True, exist_ok=True)

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    ok, note = True, "berhasil"
    try:
        # Log kernel (peringatan TensorFlow, dsb.) disembunyikan kecuali diminta; galat sel
        # tetap tercatat di keluaran sel dan di ringkasan.
        client.execute(env=kernel_env(full, artefacts),
                       stderr=None if show_log else subprocess.DEVNULL)
    except Exception as err:  # galat sel, batas waktu, atau kernel mati: laporkan, lanjutkan
        ok, note = False, describe_error(nb, err)

    html, _ = HTMLExporter().from_notebook_node(nb)
    good, failed = html_dir / f"{path.stem}.html", html_dir / f"{path.stem}.GAGAL.html"
    (good if ok else failed).write_text(html, encoding="utf-8")
    (failed if ok else good).unlink(missing_ok=True)  # jangan tinggalkan salinan usang
    return ok, note


def find_notebooks(paths):
    """Notebook yang diminta, atau semua notebook di notebooks/ bila tidak ada."""
    if not paths:
        return sorted(NOTEBOOKS.glob("*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise SystemExit(f"Galat: notebook tidak ditemukan: {', '.join(missing)}")
    return list(paths)


def summary(rows):
    """Tabel ringkasan: notebook, detik, status."""
    width = max([len("Notebook")] + [len(name) for name, _, _, _ in rows])
    lines = [f"{'Notebook':<{width}}  {'Detik':>8}  Status", "-" * (width + 30)]
    for name, seconds, ok, note in rows:
        lines.append(f"{name:<{width}}  {seconds:>8.1f}  {'berhasil' if ok else 'GAGAL: ' + note}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Menjalankan notebook dan menyimpan salinan kuliah HTML berisi keluaran.")
    parser.add_argument("notebook", nargs="*", type=Path,
                        help="notebook yang dirender (bawaan: semua notebook di notebooks/)")
    parser.add_argument("--penuh", action="store_true",
                        help="ukuran penuh (KURSUS_CEPAT=0) alih-alih mode cepat")
    parser.add_argument("--keluaran", type=Path, default=HTML_DIR,
                        help="folder HTML (bawaan: keluaran/html/); berkas notebook masuk ke "
                             "folder render/ di sebelahnya")
    parser.add_argument("--batas-waktu", type=int, default=3600, metavar="DETIK",
                        help="batas waktu per sel dalam detik (bawaan: 3600)")
    parser.add_argument("--log-kernel", action="store_true",
                        help="tampilkan log kernel (stderr), mis. pesan TensorFlow")
    args = parser.parse_args(argv)

    paths = find_notebooks(args.notebook)
    if not paths:
        print(f"Galat: tidak ada notebook di {NOTEBOOKS}.", file=sys.stderr)
        return 1
    args.keluaran.mkdir(parents=True, exist_ok=True)
    offline = os.environ.get("KURSUS_OFFLINE", "") or "tidak diatur"
    print(f"Mode: {'penuh (KURSUS_CEPAT=0)' if args.penuh else 'cepat (KURSUS_CEPAT=1)'}; "
          f"KURSUS_OFFLINE={offline}; HTML ke {args.keluaran}")

    rows = []
    for i, path in enumerate(paths, 1):
        print(f"[{i}/{len(paths)}] {path.name} ...", flush=True)
        start = time.perf_counter()
        ok, note = render(path, args.keluaran, args.penuh, args.batas_waktu, args.log_kernel)
        seconds = time.perf_counter() - start
        print(f"    {'selesai' if ok else 'GAGAL'} dalam {seconds:.1f} s"
              + ("" if ok else f" - {note}"), flush=True)
        rows.append((path.name, seconds, ok, note))

    print()
    print(summary(rows))
    n_failed = sum(not ok for _, _, ok, _ in rows)
    if n_failed:
        print(f"\n{n_failed} dari {len(rows)} notebook GAGAL; salinan sebagiannya ditulis "
              "sebagai *.GAGAL.html untuk diperiksa.")
        return 1
    print(f"\nSemua {len(rows)} notebook berhasil dirender ke {args.keluaran}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
