"""Konfigurasi kursus: benih acak, laporan lingkungan, dan sakelar mode cepat/luring.

Sakelar dibaca dari variabel lingkungan setiap kali dipanggil (tidak ada kerja saat impor):
- ``KURSUS_CEPAT=1``  : mode cepat (sedikit epoch, subset kecil); dipakai oleh uji otomatis.
- ``KURSUS_OFFLINE=1`` : pakai data luring yang dibundel, tanpa mencoba internet.
- ``KURSUS_PENILAIAN=1``: mode penilaian (dipasang ``scripts/kelas.py nilai``): sel cek yang
  menolak jawaban melempar ``AssertionError``, sehingga nbgrader memberinya nol poin.
"""
import os
import platform

_NILAI_YA = {"1", "true", "ya", "yes", "on"}
_NILAI_TIDAK = {"", "0", "false", "tidak", "no", "off"}


def _switch(name):
    """Membaca sakelar ``name``; nilai yang tidak dikenal menghasilkan galat yang jelas."""
    raw = os.environ.get(name, "")
    value = raw.strip().lower()
    if value in _NILAI_YA:
        return True
    if value in _NILAI_TIDAK:
        return False
    raise ValueError(
        f"Nilai {name}={raw!r} tidak dikenal. Gunakan 1/0, true/false, atau ya/tidak "
        f"(contoh: {name}=1)."
    )


def fast_mode():
    """True bila mode cepat aktif (``KURSUS_CEPAT``). Dipakai semua notebook 01-10."""
    return _switch("KURSUS_CEPAT")


def offline_mode():
    """True bila mode luring aktif (``KURSUS_OFFLINE``). Dipakai oleh ``helpers.data``."""
    return _switch("KURSUS_OFFLINE")


def grading_mode():
    """True bila mode penilaian aktif (``KURSUS_PENILAIAN``). Dipakai ``helpers.checks``."""
    return _switch("KURSUS_PENILAIAN")


def _int_at_least(value, name, lowest=1):
    if isinstance(value, bool) or not isinstance(value, int) or value < lowest:
        raise ValueError(f"{name} harus bilangan bulat >= {lowest}, bukan {value!r}.")
    return value


def epochs(full, fast=1):
    """Jumlah epoch: ``full`` biasanya, ``fast`` dalam mode cepat. Notebook 02-10.

    Contoh di sel pelatihan: ``EPOCHS = helpers.epochs(20)`` memperlihatkan nilai ukuran
    penuh kepada mahasiswa, sementara uji otomatis cukup melatih 1 epoch.
    """
    _int_at_least(full, "full")
    _int_at_least(fast, "fast")
    return min(full, fast) if fast_mode() else full


def sample_count(full, fast=2000):
    """Jumlah contoh data latih: ``full`` biasanya, paling banyak ``fast`` dalam mode cepat.

    Notebook 02-10, mis. ``N_TRAIN = helpers.sample_count(55_000)``.
    """
    _int_at_least(full, "full")
    _int_at_least(fast, "fast")
    return min(full, fast) if fast_mode() else full


def setup(seed=42):
    """Sel persiapan setiap notebook (01-10): benih global, versi, perangkat, mode.

    Mengatur benih Python, NumPy, dan TensorFlow sekaligus dengan
    ``keras.utils.set_random_seed`` agar hasil dapat diulang, lalu mencetak ringkasan (versi,
    perangkat, benih, mode). Tidak mengembalikan apa pun, jadi sel persiapan tidak menampilkan
    nilai kembalian; mode dibaca lewat ``helpers.fast_mode()`` dan ``helpers.offline_mode()``.
    """
    _int_at_least(seed, "seed", lowest=0)
    import keras
    import numpy as np
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    gpus = tf.config.list_physical_devices("GPU")
    print(f"Python {platform.python_version()} | TensorFlow {tf.__version__} | "
          f"Keras {keras.__version__} | NumPy {np.__version__}")
    if gpus:
        print(f"Perangkat: GPU ({len(gpus)} buah) - pelatihan ukuran penuh akan cepat.")
    else:
        print("Perangkat: CPU saja. Di Google Colab pilih menu Runtime > Change runtime type "
              "> GPU (T4) agar pelatihan ukuran penuh jauh lebih cepat.")
    print(f"Benih acak global: {seed}")
    print("Mode cepat: AKTIF (epoch dan data dikecilkan)" if fast_mode()
          else "Mode cepat: mati (ukuran penuh)")
    if offline_mode():
        print("Mode luring: AKTIF (data dari salinan lokal, tanpa mencoba internet)")


def output_base():
    """Folder induk semua keluaran: ``KURSUS_OUTPUT_DIR`` bila diatur, selain itu
    ``keluaran/`` di akar repositori (diabaikan git)."""
    from pathlib import Path

    base = os.environ.get("KURSUS_OUTPUT_DIR")
    return Path(base) if base else Path(__file__).resolve().parents[1] / "keluaran"


def output_dir(name):
    """Folder keluaran ``keluaran/<name>/`` di akar repositori (diabaikan git), dibuat bila belum ada.

    Tempat checkpoint, gambar PNG/GIF, dan model cache. Notebook 07-10 (dan evaluasi).
    ``KURSUS_OUTPUT_DIR`` dapat mengganti folder induknya.
    """

    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name in (".", ".."):
        raise ValueError(f"Nama folder keluaran harus satu nama sederhana, mis. '08_dcgan', bukan {name!r}.")
    path = output_base() / name
    path.mkdir(parents=True, exist_ok=True)
    return path
