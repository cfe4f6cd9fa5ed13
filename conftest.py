"""Pengaturan pytest untuk seluruh kursus.

Kernel notebook yang dijalankan nbval mewarisi variabel lingkungan proses ini, jadi semua
notebook diuji dalam mode cepat dan luring tanpa variabel yang diatur dengan tangan.
Keluaran (checkpoint, gambar, model cache) ditulis ke folder sementara yang baru setiap sesi,
agar uji tidak melanjutkan checkpoint dari latihan sebelumnya.
"""
import os
import tempfile

os.environ["KURSUS_CEPAT"] = "1"
os.environ["KURSUS_OFFLINE"] = "1"
os.environ["KURSUS_OUTPUT_DIR"] = tempfile.mkdtemp(prefix="kursus-uji-")
os.environ["MPLBACKEND"] = "Agg"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

_SECONDS_PER_FILE = {}


def pytest_runtest_logreport(report):
    """Menjumlahkan waktu setiap berkas uji (notebook maupun modul uji)."""
    path = report.nodeid.split("::")[0]
    _SECONDS_PER_FILE[path] = _SECONDS_PER_FILE.get(path, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    notebooks = {p: s for p, s in _SECONDS_PER_FILE.items() if p.endswith(".ipynb")}
    if notebooks:
        terminalreporter.section("Waktu per notebook (mode cepat)")
        for path, seconds in sorted(notebooks.items()):
            terminalreporter.write_line(f"{seconds:8.1f} s  {path}")
        terminalreporter.write_line(f"{sum(notebooks.values()):8.1f} s  total notebook")
