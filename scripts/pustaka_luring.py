"""Pustaka JavaScript luring untuk salinan kuliah, slide, dan situs kursus.

Halaman yang kita buat tidak memuat apa pun dari internet: MathJax dan reveal.js disalin ke
folder ``_statis/`` di sebelah halaman HTML, sehingga halaman bekerja dari ``file://`` dan dari
server statis mana pun.

- **MathJax 2.7.9** datang dari paket PyPI ``jupyter-server-mathjax`` (requirements-dosen.txt):
  terpasang oleh pip bersama paket lain, tanpa Node, dan cocok dengan konfigurasi MathJax 2
  yang dipakai templat HTML nbconvert; Sphinx juga mendukungnya.
- **reveal.js** (hanya untuk slide) datang dari registri npm: ``npm pack reveal.js@VERSI``
  sekali, lalu disimpan di ``keluaran/pustaka_js/`` (diabaikan git). Lab tanpa internet:
  bangun sekali di komputer yang menjangkau registri npm, lalu salin folder itu (atau folder
  slide yang sudah jadi, yang membawa salinannya sendiri).
"""
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templat_luring"
JS_CACHE = ROOT / "keluaran" / "pustaka_js"
STATIC = "_statis"  # nama folder pustaka di sebelah halaman HTML
REVEAL_VERSION = "5.2.1"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"


class MissingLibrary(RuntimeError):
    """Pustaka luring tidak tersedia; pesannya (bahasa Indonesia) menyebut cara memasangnya."""


def mathjax_source():
    """Folder MathJax 2 dari paket ``jupyter-server-mathjax``."""
    try:
        import jupyter_server_mathjax
    except ImportError as err:
        raise MissingLibrary(
            "MathJax luring tidak ditemukan: paket PyPI `jupyter-server-mathjax` belum terpasang.\n"
            "Pasang perlengkapan dosen: pip install -r requirements-dosen.txt") from err
    folder = Path(jupyter_server_mathjax.__file__).resolve().parent / "static"
    if not (folder / "MathJax.js").is_file():
        raise MissingLibrary(f"MathJax.js tidak ada di {folder}; pasang ulang jupyter-server-mathjax.")
    return folder


def reveal_source(cache=JS_CACHE):
    """Folder reveal.js (dist/ dan plugin/); diunduh sekali dari registri npm bila belum ada."""
    folder = cache / f"reveal.js-{REVEAL_VERSION}"
    if (folder / "dist" / "reveal.js").is_file():
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise MissingLibrary(
            f"reveal.js belum ada di {folder} dan perintah `npm` tidak ditemukan.\n"
            "Pasang Node.js (mis. `apt-get install -y npm`), atau salin folder "
            f"{cache.relative_to(ROOT) if cache.is_relative_to(ROOT) else cache}/ dari komputer "
            "yang sudah membangun slide.")
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([npm, "pack", f"reveal.js@{REVEAL_VERSION}", "--silent"],
                                cwd=tmp, capture_output=True, text=True)
        tarballs = list(Path(tmp).glob("reveal.js-*.tgz"))
        if result.returncode != 0 or not tarballs:
            raise MissingLibrary(
                f"Gagal mengunduh reveal.js@{REVEAL_VERSION} dari registri npm:\n"
                f"{result.stderr.strip()[-500:]}\n"
                "Tanpa internet: salin folder keluaran/pustaka_js/ dari komputer yang sudah "
                "membangun slide.")
        staging = Path(tmp) / "isi"
        with tarfile.open(tarballs[0]) as tar:
            members = [m for m in tar.getmembers()
                       if m.name.startswith(("package/dist/", "package/plugin/"))
                       or m.name == "package/LICENSE"]
            try:
                tar.extractall(staging, members=members, filter="data")
            except TypeError:  # Python tanpa argumen filter (sebelum 3.10.12/3.11.4)
                tar.extractall(staging, members=members)
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.move(str(staging / "package"), folder)
    return folder


def _copy_once(source, target):
    """Menyalin ``source`` ke ``target`` kecuali salinan yang sama (penanda) sudah ada."""
    marker = target / ".sumber"
    if marker.is_file() and marker.read_text() == str(source):
        return
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.map", "__pycache__"))
    marker.write_text(str(source))


def copy_mathjax(static_dir):
    """Menyalin MathJax ke ``static_dir/mathjax``; mengembalikan folder tujuannya."""
    target = Path(static_dir) / "mathjax"
    _copy_once(mathjax_source(), target)
    return target


def copy_reveal(static_dir):
    """Menyalin reveal.js ke ``static_dir/reveal.js``; mengembalikan folder tujuannya."""
    target = Path(static_dir) / "reveal.js"
    _copy_once(reveal_source(), target)
    return target


def mathjax_url(prefix=STATIC):
    """Alamat relatif MathJax untuk halaman yang berada di sebelah folder ``prefix``."""
    return f"{prefix}/mathjax/MathJax.js?config={MATHJAX_CONFIG}"


def html_exporter():
    """HTMLExporter nbconvert dengan templat luring dan MathJax lokal."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="kuliah_lab", extra_template_basedirs=[str(TEMPLATES)],
                        mathjax_url=mathjax_url())


def slides_exporter():
    """SlidesExporter nbconvert (reveal.js) dengan templat luring, reveal.js dan MathJax lokal."""
    from nbconvert import SlidesExporter

    return SlidesExporter(template_name="kuliah_reveal", extra_template_basedirs=[str(TEMPLATES)],
                          mathjax_url=mathjax_url(), reveal_url_prefix=f"{STATIC}/reveal.js",
                          reveal_theme="white", reveal_scroll=True)


def main():
    """Mengunduh reveal.js ke keluaran/pustaka_js/ dan memeriksa MathJax (persiapan lab)."""
    try:
        print(f"MathJax: {mathjax_source()}")
        print(f"reveal.js: {reveal_source()}")
    except MissingLibrary as err:
        print(f"Galat: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
