"""Memuat skrip proyek yang bukan paket (``scripts/*.py``, ``benchmarks/run.py``) sebagai modul.

Dipakai modul uji yang menguji fungsi di dalam skrip itu tanpa menjalankannya sebagai program,
misalnya ``load_script("benchmarks/run.py").from_notebook(...)``.
"""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_script(path):
    """Memuat berkas Python ``path`` (relatif terhadap akar repositori) sebagai modul baru.

    Setiap panggilan menjalankan berkasnya lagi, jadi setiap modul uji mendapat salinan sendiri.
    Nama modulnya diambil dari lokasi berkas (``benchmarks/run.py`` menjadi ``benchmarks_run``),
    sehingga bagian ``if __name__ == "__main__":`` skrip tidak ikut berjalan.
    """
    file = ROOT / path
    if file.suffix != ".py" or not file.is_file():
        raise FileNotFoundError(f"Skrip Python tidak ditemukan: {file}")
    name = "_".join(Path(path).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
