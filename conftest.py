"""Pengaturan pytest untuk seluruh kursus.

Kernel notebook yang dijalankan nbval mewarisi variabel lingkungan proses ini, jadi semua
notebook diuji dalam mode cepat dan luring tanpa variabel yang diatur dengan tangan.
Keluaran (checkpoint, gambar, model cache) ditulis ke folder sementara yang baru setiap sesi,
agar uji tidak melanjutkan checkpoint dari latihan sebelumnya. Data selalu subset kecil yang
dibundel, juga di komputer yang sudah punya salinan lengkap data/lengkap/.
"""
import os
import tempfile
from pathlib import Path

import pytest

import helpers

os.environ["KURSUS_CEPAT"] = "1"
os.environ["KURSUS_OFFLINE"] = "1"
os.environ["KURSUS_OUTPUT_DIR"] = tempfile.mkdtemp(prefix="kursus-uji-")
os.environ["MPLBACKEND"] = "Agg"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

_BUNDLED_ONLY = Path(tempfile.mkdtemp(prefix="kursus-data-"))
for _name in ("mnist_kecil.npz", "fashion_mnist_kecil.npz", "SHA256SUMS"):
    (_BUNDLED_ONLY / _name).symlink_to(Path(__file__).resolve().parent / "data" / _name)
os.environ["KURSUS_DATA_DIR"] = str(_BUNDLED_ONLY)

# Jawaban yang diharapkan setiap check_value, dicatat kernel per notebook (helpers.checks).
_ANSWER_LOG = Path(tempfile.mkdtemp(prefix="kursus-jawaban-"))
LEAK_PROPERTY = "jawaban_bocor"

_SECONDS_PER_FILE = {}
_PEAK_MB_PER_NOTEBOOK = {}
PEAK_MB_LIMIT = 3 * 1024   # batas memori residen puncak satu kernel notebook (mode cepat)
PEAK_PROPERTY = "memori_puncak_kernel_mb"


def pytest_runtest_logreport(report):
    """Menjumlahkan waktu setiap berkas uji dan mengambil memori puncak tiap notebook.

    Dengan pytest-xdist laporan datang dari proses pekerja; memori puncak ikut di
    `user_properties` karena hanya data laporan yang sampai ke proses utama.
    """
    path = report.nodeid.split("::")[0]
    _SECONDS_PER_FILE[path] = _SECONDS_PER_FILE.get(path, 0.0) + report.duration
    for name, value in report.user_properties:
        if name == PEAK_PROPERTY:
            _PEAK_MB_PER_NOTEBOOK[path] = value


def _kernel_peak_mb(item):
    """VmHWM (memori residen puncak) proses kernel nbval untuk notebook item ini, dalam MB."""
    kernel = getattr(item.parent, "kernel", None)
    provisioner = getattr(getattr(kernel, "km", None), "provisioner", None)
    pid = getattr(getattr(provisioner, "process", None), "pid", None)
    status = Path(f"/proc/{pid}/status")
    if pid is None or not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _answer_log(path):
    return _ANSWER_LOG / f"{Path(path).stem}.jsonl"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Sebelum kernel sebuah notebook dimulai: ke mana kernel mencatat jawaban cek."""
    path = item.nodeid.split("::")[0]
    if path.endswith(".ipynb"):
        os.environ["KURSUS_CATAT_CEK"] = str(_answer_log(path))


def _spellings(value):
    """Cara sebuah jawaban bisa tertulis di teks: 204800, 204.800, 204,800, 1,386, 1.3863, ..."""
    v = abs(float(value))
    if v == round(v):
        n = int(round(v))  # bilangan bulat kecil (bentuk, jumlah kelas) ada di mana-mana
        return set() if n < 100 else {str(n), f"{n:,}", helpers.thousands(n), f"{n:_}"}
    forms = {f"{v:.{digits}f}" for digits in (3, 4)}
    # 0,5 atau 2,0 (juga 1,9996 yang tertulis 2.000) biasanya bagian dari soal itu sendiri.
    forms = {f for f in forms if v >= 1e-3 and round(float(f), 1) != float(f)}
    return forms | {f.replace(".", ",") for f in forms}


def leaked_answers(notebook_path, answers):
    """Pasangan (nama cek, teks jawaban, nomor sel) untuk setiap jawaban yang diharapkan cek
    dan tertulis di sel mana pun edisi mahasiswa buatan nbgrader (markdown maupun kode)."""
    import importlib.util
    import re

    spec = importlib.util.spec_from_file_location(
        "sel_latihan", Path(__file__).resolve().parent / "tests" / "sel_latihan.py")
    sel_latihan = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sel_latihan)
    student = sel_latihan.student_edition(notebook_path)
    found = set()
    for name, values in answers:
        for text in set().union(*(_spellings(v) for v in values)):
            pattern = re.compile(rf"(?<![\d.,]){re.escape(text)}(?!\d)")
            for i, cell in enumerate(student.cells):
                if pattern.search(cell.source):
                    found.add((name, text, i))
    return sorted(found)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    """Setelah sel terakhir sebuah notebook (sebelum kernelnya dimatikan): catat memori puncak
    dan jawaban cek yang tertulis di edisi mahasiswa."""
    path = item.nodeid.split("::")[0]
    if path.endswith(".ipynb") and (nextitem is None or nextitem.parent is not item.parent):
        peak = _kernel_peak_mb(item)
        if peak is not None:
            item.user_properties.append((PEAK_PROPERTY, peak))
        log = _answer_log(path)
        if log.exists():
            import json

            answers = [(r["name"], r["expected"]) for r in map(json.loads, log.read_text().splitlines())]
            leaks = leaked_answers(Path(str(item.fspath)), answers)
            if leaks:
                item.user_properties.append((LEAK_PROPERTY, leaks))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Notebook yang memakai memori di atas PEAK_MB_LIMIT atau yang edisi mahasiswanya memuat
    jawaban sebuah cek dilaporkan gagal (di teardown sel terakhirnya)."""
    outcome = yield
    report = outcome.get_result()
    peak = dict(item.user_properties).get(PEAK_PROPERTY)
    leaks = dict(item.user_properties).get(LEAK_PROPERTY)
    if call.when == "teardown" and peak is not None and peak > PEAK_MB_LIMIT:
        report.outcome = "failed"
        report.longrepr = (f"Memori residen puncak kernel {peak:.0f} MB melebihi batas "
                           f"{PEAK_MB_LIMIT} MB untuk {item.nodeid.split('::')[0]}.")
    if call.when == "teardown" and leaks:
        report.outcome = "failed"
        report.longrepr = "Edisi mahasiswa membocorkan jawaban cek:\n" + "\n".join(
            f"  `{name}` = {text} tertulis di sel {cell}" for name, text, cell in leaks)


def pytest_terminal_summary(terminalreporter):
    notebooks = {p: s for p, s in _SECONDS_PER_FILE.items() if p.endswith(".ipynb")}
    if notebooks:
        terminalreporter.section("Waktu per notebook (mode cepat)")
        for path, seconds in sorted(notebooks.items()):
            terminalreporter.write_line(f"{seconds:8.1f} s  {path}")
        terminalreporter.write_line(f"{sum(notebooks.values()):8.1f} s  total notebook")
    if _PEAK_MB_PER_NOTEBOOK:
        terminalreporter.section(f"Memori residen puncak kernel per notebook (batas {PEAK_MB_LIMIT} MB)")
        for path, peak in sorted(_PEAK_MB_PER_NOTEBOOK.items()):
            terminalreporter.write_line(f"{peak:8.0f} MB  {path}")
