"""Membuat salinan kuliah: menjalankan notebook lalu menyimpannya sebagai HTML berisi keluaran.

Setiap notebook dijalankan dari awal pada kernel baru (nbclient) dan diekspor dengan
nbconvert ke keluaran/html/<nama>.html (folder keluaran/ diabaikan git); dengan --slide juga
ke slide reveal.js keluaran/html/<nama>.slides.html. Notebook yang gagal dilaporkan beserta
galatnya dan salinannya ditulis sebagai <nama>.GAGAL.html untuk diperiksa; notebook lain
tetap dirender. Kode keluar bukan nol bila ada yang gagal.

Halaman tidak memuat apa pun dari internet: MathJax (dan reveal.js untuk slide) disalin ke
keluaran/html/_statis/ (lihat pustaka_luring.py), lencana Colab (gambar dari internet) dan
status widget tidak ikut. Jadi folder keluaran/html/ bisa dibuka dari file:// atau disalin
utuh ke komputer lain. Notebook yang sudah dijalankan juga disimpan sebagai
keluaran/render/<mode>/<nama>.ipynb; bangun_situs.py memakainya lagi bila sumbernya sama.

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
    python scripts/render_kuliah.py --slide notebooks/02_*.ipynb   # HTML dan slide
"""
import argparse
import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pustaka_luring  # noqa: E402

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


def source_digest(nb):
    """Sidik SHA-256 isi sel (jenis dan sumber), tanpa metadata dan keluaran."""
    cells = [[cell.cell_type, cell.source] for cell in nb.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


def execute(path, render_dir, full, timeout, show_log=False):
    """Menjalankan satu notebook dari awal pada kernel baru; satu-satunya cara kursus menjalankan
    notebook untuk salinan kuliah, slide, dan situs.

    Berkas yang ditulis notebook masuk ke ``render_dir/<mode>/<nama>/``; notebook yang sudah
    dijalankan disimpan sebagai ``render_dir/<mode>/<nama>.ipynb`` dengan metadata
    ``kursus_render`` (sidik sumber, mode, berhasil atau tidak). Mengembalikan
    (notebook, berhasil, keterangan).
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError

    mode = "penuh" if full else "cepat"
    artefacts = render_dir / mode / path.stem
    if not full and artefacts.exists():
        shutil.rmtree(artefacts)  # mode cepat selalu mulai dari nol
    artefacts.mkdir(parents=True, exist_ok=True)

    # Satu kali ulang pada kernel baru bila sebuah sel tidak dijawab kernel dalam batas waktunya
    # (kernel yang macet atau pesan yang hilang); galat sel biasa tidak diulang.
    for attempt in (1, 2):
        nb = nbformat.read(path, as_version=4)
        digest = source_digest(nb)
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        # Tanpa tiruan widget Output milik nbclient. Tiruan itu mengirim pesan comm ke kernel
        # lewat kanal shell selagi balasan sel ditunggu di kanal yang sama, dan balasan itu
        # kadang tidak pernah terbaca: sel penggeser (04, 06) "macet" sampai batas waktunya.
        # Keluaran yang ditangkap widget Output (gambar awal penggeser) masuk ke keluaran sel.
        client.widget_registry = {}
        ok, note = True, "berhasil"
        try:
            # Log kernel (peringatan TensorFlow, dsb.) disembunyikan kecuali diminta; galat sel
            # tetap tercatat di keluaran sel dan di ringkasan.
            client.execute(env=kernel_env(full, artefacts),
                           stderr=None if show_log else subprocess.DEVNULL)
        except Exception as err:  # galat sel, batas waktu, atau kernel mati: laporkan, lanjutkan
            ok, note = False, describe_error(nb, err)
            if isinstance(err, CellTimeoutError) and attempt == 1:
                print(f"  {path.name}: sel melewati batas {timeout} detik; diulang sekali.", flush=True)
                continue
        break
    nb.metadata["kursus_render"] = {"sumber_sha256": digest, "mode": mode, "berhasil": ok,
                                    "keterangan": note}
    nbformat.write(nb, render_dir / mode / f"{path.stem}.ipynb")
    return nb, ok, note


def lecture_copy(nb):
    """Salinan notebook untuk halaman luring: tanpa sel lencana Colab (gambar dari internet),
    tanpa status widget, dan tanpa keluaran tampilan widget (tidak berfungsi tanpa kernel;
    notebook menyediakan gambar statis sebagai gantinya)."""
    nb = copy.deepcopy(nb)
    nb.cells = [cell for cell in nb.cells if "colab" not in cell.metadata.get("tags", [])]
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [out for out in cell.outputs
                            if "application/vnd.jupyter.widget-view+json" not in out.get("data", {})]
    return nb


def render(path, html_dir, full, timeout, show_log=False, slides=False):
    """Menjalankan satu notebook dan menulis HTML-nya (dan slidenya bila ``slides``).
    Mengembalikan (berhasil, keterangan)."""
    nb, ok, note = execute(path, html_dir.parent / "render", full, timeout, show_log)
    nb = lecture_copy(nb)
    outputs = [(pustaka_luring.html_exporter(), "html")]
    if slides:
        outputs.append((pustaka_luring.slides_exporter(), "slides.html"))
    for exporter, suffix in outputs:
        page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        good = html_dir / f"{path.stem}.{suffix}"
        failed = html_dir / f"{path.stem}.GAGAL.{suffix}"
        (good if ok else failed).write_text(page, encoding="utf-8")
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
    parser.add_argument("--slide", action="store_true",
                        help="tulis juga slide reveal.js <nama>.slides.html")
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
    try:  # pustaka luring disalin sebelum menjalankan apa pun, agar galatnya muncul di awal
        pustaka_luring.copy_mathjax(args.keluaran / pustaka_luring.STATIC)
        if args.slide:
            pustaka_luring.copy_reveal(args.keluaran / pustaka_luring.STATIC)
    except pustaka_luring.MissingLibrary as err:
        print(f"Galat: {err}", file=sys.stderr)
        return 1
    offline = os.environ.get("KURSUS_OFFLINE", "") or "tidak diatur"
    print(f"Mode: {'penuh (KURSUS_CEPAT=0)' if args.penuh else 'cepat (KURSUS_CEPAT=1)'}; "
          f"KURSUS_OFFLINE={offline}; HTML ke {args.keluaran}")

    rows = []
    for i, path in enumerate(paths, 1):
        print(f"[{i}/{len(paths)}] {path.name} ...", flush=True)
        start = time.perf_counter()
        ok, note = render(path, args.keluaran, args.penuh, args.batas_waktu, args.log_kernel,
                          slides=args.slide)
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
