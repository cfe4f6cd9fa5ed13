"""Membangun situs kursus statis dan luring: daftar isi, setiap notebook berisi keluaran dan
gambarnya, glosarium, hasil ukuran penuh, dan panduan dosen, dengan navigasi antarhalaman dan
pencarian.

Alatnya Sphinx + myst-nb dengan tema sphinx-book-theme (dasar Jupyter Book 1), dari
requirements-dosen.txt. Situs terbuka dari file:// (termasuk pencariannya) dan dari server
statis mana pun tanpa internet: MathJax disalin dari paket jupyter-server-mathjax ke
_static/mathjax/, lencana Colab (gambar dari internet) dan status widget tidak ikut.

Notebook dijalankan oleh render_kuliah.execute (cara yang sama dengan salinan kuliah HTML).
Notebook yang sudah dijalankan disimpan di keluaran/render/<mode>/<nama>.ipynb dan dipakai lagi
selama isi selnya sama dan jalannya berhasil, juga yang ditulis oleh
`render_kuliah.py --penuh`; --ulang memaksa menjalankan lagi.

Pemakaian (dari akar repositori):
    python scripts/bangun_situs.py                     # mode cepat (KURSUS_CEPAT=1), semua notebook
    python scripts/bangun_situs.py --penuh             # ukuran penuh (berjam-jam di CPU)
    python scripts/bangun_situs.py --hanya 01 06       # situs kecil: hanya notebook 01 dan 06
    python scripts/bangun_situs.py --tanpa-solusi      # tanpa solusi latihan, untuk mahasiswa
Hasilnya: keluaran/situs/<mode>/html/index.html (buka langsung di peramban); dengan
--tanpa-solusi keluaran/situs/<mode>_mahasiswa/html/.
"""
import argparse
import posixpath
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pustaka_luring  # noqa: E402
import render_kuliah  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
OUTPUT = ROOT / "keluaran"
# Halaman Markdown selain notebook (jalur di repositori), dalam urutan navigasi.
PAGES = ["docs/glosarium.md", "benchmarks/HASIL_PENUH.md", "benchmarks/HASIL.md", "PANDUAN_DOSEN.md"]
README_SECTIONS = ["Daftar isi", "Hasil"]

CONF = '''\
# Dibuat oleh scripts/bangun_situs.py; jangan diubah dengan tangan.
project = "Autoencoder dan GAN"
author = "Kursus Autoencoder dan GAN"
copyright = "Kursus Autoencoder dan GAN"
language = "id"
extensions = ["myst_nb", "sphinx_design"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
myst_update_mathjax = False  # konfigurasi MathJax 3 dari myst tidak berlaku untuk MathJax 2
nb_execution_mode = "off"
nb_merge_streams = True
nb_code_prompt_show = "Tampilkan sel"
nb_code_prompt_hide = "Sembunyikan sel"
exclude_patterns = ["_build", ".doctrees", "_ekstra"]
suppress_warnings = ["mystnb.unknown_mime_type", "myst.xref_missing"]
html_theme = "sphinx_book_theme"
html_title = "Autoencoder dan GAN"
html_static_path = ["_static"]
html_extra_path = ["_ekstra"]  # gambar README yang ditulis sebagai HTML mentah (<img>)
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {{
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "search_bar_text": "Cari di kursus...",
}}
mathjax_path = "{mathjax}"
mathjax2_config = {{
    "tex2jax": {{"inlineMath": [["\\\\(", "\\\\)"]], "displayMath": [["\\\\[", "\\\\]"]],
                "processEscapes": True, "processEnvironments": True}},
    "HTML-CSS": {{"availableFonts": [], "preferredFont": None, "webFont": "STIX-Web",
                 "imageFont": None}},
    "SVG": {{"font": "STIX-Web"}},
}}
'''


def site_links(text, page, site_pages):
    """Tautan relatif Markdown di ``page`` (jalur di repositori) untuk situs: README menjadi
    halaman depan, halaman yang ada di situs tetap, berkas lain (kode, JSON, notebook yang
    tidak ikut) menjadi teks biasa. Gambar, alamat web, dan jangkar di halaman yang sama tetap."""
    folder = posixpath.dirname(page)

    def replace(match):
        label, target = match.group(1), match.group(2)
        parts = urlsplit(target)
        if parts.scheme or not parts.path:
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if resolved == "README.md":
            return f"[{label}]({posixpath.relpath('index.md', folder or '.')}{fragment})"
        if resolved in site_pages:
            return match.group(0)
        return label

    return re.sub(r"(?<!!)\[([^\[\]]*)\]\(([^()\s]+)\)", replace, text)


def readme_index(readme, site_pages):
    """Halaman depan dari README: judul, paragraf pembuka, dan bagian README_SECTIONS, dengan
    kolom Colab dibuang (lencananya gambar dari internet)."""
    text = readme.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^## ", text)
    head = parts[0].strip().split("\n\n")
    keep = [f"## {p.strip()}" for p in parts[1:] if p.split("\n", 1)[0].strip() in README_SECTIONS]
    lines = []
    for line in "\n\n".join(head[:2] + keep).splitlines():
        cells = line.split("|")
        if line.startswith("|") and len(cells) == 7 and ("olab" in cells[5] or set(cells[5]) <= set("- ")):
            line = "|".join(cells[:5] + [""])  # kolom terakhir (Colab) dibuang
        lines.append(line)
    body = site_links("\n".join(lines), "README.md", site_pages)
    pages = [str(Path(p).with_suffix("")) for p in sorted(site_pages)
             if p.startswith("notebooks/")] + [str(Path(p).with_suffix("")) for p in PAGES]
    toc = "\n".join(pages)
    return f"{body}\n\n```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{toc}\n```\n"


def site_notebook(nb, name, site_pages, with_solutions):
    """Notebook untuk situs: salinan kuliah luring, sel solusi tersembunyi di balik tombol
    (atau dibuang), sel persiapan tersembunyi."""
    nb = render_kuliah.lecture_copy(nb)
    if not with_solutions:
        nb.cells = [c for c in nb.cells if "solusi" not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        tags = cell.metadata.setdefault("tags", [])
        hide = bool({"solusi", "persiapan"} & set(tags))
        if cell.cell_type == "code" and hide and "hide-cell" not in tags:
            tags.append("hide-cell")
        if cell.cell_type == "markdown":
            cell.source = site_links(cell.source, f"notebooks/{name}", site_pages)
            if hide:  # jawaban tertulis: kotak lipat sphinx-design (<details>, tanpa skrip)
                cell.source = f"::::::{{dropdown}} Tampilkan jawaban\n{cell.source}\n::::::"
    return nb


def cached(path, render_dir, full):
    """Notebook yang sudah dijalankan dengan isi sel yang sama dan berhasil, atau None."""
    copy = render_dir / ("penuh" if full else "cepat") / f"{path.stem}.ipynb"
    if not copy.is_file():
        return None
    nb = nbformat.read(copy, as_version=4)
    meta = nb.metadata.get("kursus_render", {})
    source = nbformat.read(path, as_version=4)
    if meta.get("berhasil") and meta.get("sumber_sha256") == render_kuliah.source_digest(source):
        return nb
    return None


def select(names):
    """Notebook yang diminta (awalan nomor seperti 01 atau nama berkas), atau semuanya."""
    every = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not names:
        return every
    chosen = []
    for name in names:
        found = [p for p in every if p.name.startswith(name) or p.stem == Path(name).stem]
        if not found:
            raise SystemExit(f"Galat: notebook '{name}' tidak ditemukan di {NOTEBOOKS}.")
        chosen += [p for p in found if p not in chosen]
    return sorted(chosen)


def stage(source, notebooks, executed, with_solutions):
    """Menulis sumber situs (Markdown, notebook, gambar, conf.py) ke folder ``source``."""
    shutil.rmtree(source, ignore_errors=True)
    (source / "notebooks").mkdir(parents=True)
    site_pages = set(PAGES) | {f"notebooks/{p.name}" for p in notebooks}
    (source / "index.md").write_text(readme_index(ROOT / "README.md", site_pages), encoding="utf-8")
    for page in PAGES:
        target = source / page
        target.parent.mkdir(parents=True, exist_ok=True)
        text = (ROOT / page).read_text(encoding="utf-8")
        target.write_text(site_links(text, page, site_pages), encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "gambar", source / "docs" / "gambar")
    shutil.copytree(ROOT / "docs" / "gambar", source / "_ekstra" / "docs" / "gambar")
    for path in notebooks:
        nbformat.write(site_notebook(executed[path], path.name, site_pages, with_solutions),
                       source / "notebooks" / path.name)
    pustaka_luring.copy_mathjax(source / "_static")
    mathjax = pustaka_luring.mathjax_url(prefix="").lstrip("/")
    (source / "conf.py").write_text(CONF.format(mathjax=mathjax), encoding="utf-8")


def build_html(source, html_dir):
    """Menjalankan Sphinx; mengembalikan kode keluarnya."""
    from sphinx.cmd.build import build_main

    return build_main(["-b", "html", "-q", "-E", "-d", str(source / ".doctrees"),
                       str(source), str(html_dir)])


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Membangun situs kursus statis dan luring (Sphinx + myst-nb).")
    parser.add_argument("--penuh", action="store_true",
                        help="notebook ukuran penuh (KURSUS_CEPAT=0) alih-alih mode cepat")
    parser.add_argument("--hanya", nargs="+", metavar="NB",
                        help="hanya notebook ini (nomor seperti 01 atau nama berkas)")
    parser.add_argument("--tanpa-solusi", action="store_true",
                        help="buang sel solusi latihan (bawaan: tersembunyi di balik tombol); "
                             "situs ke situs/<mode>_mahasiswa/")
    parser.add_argument("--ulang", action="store_true",
                        help="jalankan lagi semua notebook walaupun salinan yang sudah "
                             "dijalankan masih cocok")
    parser.add_argument("--keluaran", type=Path, default=OUTPUT,
                        help="folder induk (bawaan: keluaran/): situs ke situs/<mode>/, "
                             "notebook yang dijalankan ke render/<mode>/")
    parser.add_argument("--batas-waktu", type=int, default=3600, metavar="DETIK",
                        help="batas waktu per sel dalam detik (bawaan: 3600)")
    args = parser.parse_args(argv)

    try:
        import myst_nb  # noqa: F401
        import sphinx_book_theme  # noqa: F401
        import sphinx_design  # noqa: F401

        pustaka_luring.mathjax_source()
    except ImportError as err:
        print(f"Galat: paket situs belum terpasang ({err.name}).\n"
              "Pasang perlengkapan dosen: pip install -r requirements-dosen.txt", file=sys.stderr)
        return 1
    except pustaka_luring.MissingLibrary as err:
        print(f"Galat: {err}", file=sys.stderr)
        return 1

    mode = "penuh" if args.penuh else "cepat"
    notebooks = select(args.hanya)
    render_dir = args.keluaran / "render"
    # Situs tanpa solusi (untuk mahasiswa) tidak menimpa situs dosen.
    site_root = args.keluaran / "situs" / (f"{mode}_mahasiswa" if args.tanpa_solusi else mode)
    print(f"Mode: {mode}; {len(notebooks)} notebook; situs ke {site_root / 'html'}", flush=True)

    executed, failed = {}, []
    start = time.perf_counter()
    for i, path in enumerate(notebooks, 1):
        nb = None if args.ulang else cached(path, render_dir, args.penuh)
        if nb is not None:
            print(f"[{i}/{len(notebooks)}] {path.name}: dipakai lagi dari "
                  f"{render_dir / mode / path.name}", flush=True)
        else:
            print(f"[{i}/{len(notebooks)}] {path.name}: dijalankan ...", flush=True)
            t0 = time.perf_counter()
            nb, ok, note = render_kuliah.execute(path, render_dir, args.penuh, args.batas_waktu)
            print(f"    {'selesai' if ok else 'GAGAL'} dalam {time.perf_counter() - t0:.1f} s"
                  + ("" if ok else f" - {note}"), flush=True)
            if not ok:
                failed.append(f"{path.name}: {note}")
        executed[path] = nb

    t0 = time.perf_counter()
    stage(site_root / "sumber", notebooks, executed, not args.tanpa_solusi)
    code = build_html(site_root / "sumber", site_root / "html")
    print(f"Sphinx selesai dalam {time.perf_counter() - t0:.1f} s (kode {code}); "
          f"total {time.perf_counter() - start:.1f} s.")
    if code != 0:
        print("Galat: Sphinx gagal membangun situs (lihat pesan di atas).", file=sys.stderr)
        return 1
    if failed:
        print("Notebook yang GAGAL (situs tetap dibangun dengan keluaran sebagiannya):\n  "
              + "\n  ".join(failed), file=sys.stderr)
        return 1
    print(f"Situs siap: {(site_root / 'html' / 'index.html').resolve().as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
