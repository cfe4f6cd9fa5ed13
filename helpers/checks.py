"""Pemeriksaan jawaban latihan: mencetak dalam bahasa Indonesia apa yang benar atau salah.

Setiap fungsi mengembalikan True/False dan tidak melempar galat karena jawaban salah, agar
notebook tetap berjalan sampai akhir. Pengecualiannya mode penilaian (``KURSUS_PENILAIAN=1``,
dipasang ``scripts/kelas.py nilai``): sesudah mencetak vonisnya, jawaban yang ditolak atau
belum diisi melempar ``AssertionError`` berisi vonis itu, supaya sel uji nbgrader gagal.
Jawaban yang masih ``...`` (juga di dalam list/tuple/dict, mis. ``(..., ...)``) atau ``None``
dilaporkan sebagai "belum dijawab".
Argumen dari penulis notebook yang keliru (mis. ``expected`` bukan bentuk) menghasilkan
``ValueError`` yang jelas. Dipakai sel cek latihan di notebook 01-10.
"""
import json
import os

import numpy as np

from .config import grading_mode

_OK = "✅ Benar"
_NO = "❌ Belum tepat"
_TODO = "✏️ Belum dijawab"


def _report(ok, what, detail="", hint=""):
    __tracebackhide__ = True  # IPython/pytest tidak menampilkan bingkai fungsi cek
    if ok:
        print(f"{_OK}: {what}." + (f" {detail}" if detail else ""))
    else:
        print(f"{_NO}: {what}. {detail}".rstrip())
        if hint:
            print(f"   Petunjuk: {hint}")
        _fail_when_grading(f"{_NO}: {what}. {detail}".rstrip())
    return bool(ok)


def _fail_when_grading(verdict):
    """Dalam mode penilaian, vonis yang menolak jawaban menjadi galat sel (nol poin)."""
    __tracebackhide__ = True
    if grading_mode():
        raise AssertionError(verdict)


def _has_placeholder(value, depth=0):
    """True bila ``value`` adalah ``...`` atau list/tuple/dict yang masih memuat ``...``."""
    if value is Ellipsis:
        return True
    small = depth < 3 and len(value) <= 16 if isinstance(value, (list, tuple, dict)) else False
    if small and isinstance(value, dict):
        return any(_has_placeholder(v, depth + 1) for v in value.values())
    if small:  # hanya wadah kecil: larik data yang besar tidak ditelusuri
        return any(_has_placeholder(v, depth + 1) for v in value)
    return False


def answered(name, value, hint=""):
    """True bila ``value`` sudah diisi; bila masih ``...``/``None`` mencetak "belum dijawab".

    Dipakai sel cek sebelum memeriksa sifat jawaban yang hanya ada pada jawaban sungguhan
    (mis. ``jawaban.count_params()``)::

        if helpers.answered("jawaban_4", jawaban_4):
            ...
    """
    __tracebackhide__ = True
    if value is None or _has_placeholder(value):
        empty = "`None`" if value is None else "`...`"
        print(f"{_TODO}: `{name}` masih berisi {empty}. Ganti dengan jawaban Anda, jalankan "
              "sel jawaban, lalu jalankan sel cek ini lagi.")
        if hint:
            print(f"   Petunjuk: {hint}")
        _fail_when_grading(f"{_TODO}: `{name}` masih berisi {empty}.")
        return False
    return True


def _record_expected(name, expected):
    """Bila ``KURSUS_CATAT_CEK`` berisi path berkas, mencatat jawaban yang diharapkan di sana
    (satu baris JSON). Dipakai uji otomatis untuk memastikan edisi mahasiswa tidak
    membocorkan jawaban; di notebook biasa tidak melakukan apa-apa."""
    path = os.environ.get("KURSUS_CATAT_CEK")
    if path and np.size(expected) <= 10:  # larik besar (mis. vektor derau) bukan jawaban tertulis
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"name": name, "expected": np.ravel(expected).tolist()}) + "\n")


def _fmt(a):
    """Angka/larik untuk pesan: ringkas, tanpa ``np.float32(...)``."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return f"{a.item():.6g}"
    text = np.array2string(a, separator=", ", formatter={"float_kind": lambda x: f"{x:.6g}"})
    return " ".join(text.split())  # satu baris


def _expected_shape(expected):
    if isinstance(expected, (int, np.integer)) and not isinstance(expected, bool):
        return (int(expected),)
    try:
        shape = tuple(expected)
    except TypeError:
        raise ValueError(f"expected harus bentuk seperti (28, 28) atau 784, bukan {expected!r}.") from None
    if not all(e is None or (isinstance(e, (int, np.integer)) and not isinstance(e, bool)
                             and e >= 0) for e in shape):
        raise ValueError(f"Setiap ukuran di expected harus bilangan bulat >= 0 atau None, "
                         f"bukan {expected!r}.")
    return shape


def check_shape(name, value, expected, hint=""):
    """Memeriksa bentuk larik/tensor ``value`` (``None`` di ``expected`` = bebas).

    ``expected`` berupa tuple, mis. ``(None, 28, 28, 1)``, atau satu bilangan untuk vektor.
    """
    __tracebackhide__ = True
    expected = _expected_shape(expected)
    if not answered(name, value, hint):
        return False
    try:
        shape = getattr(value, "shape", None)
        shape = tuple(np.shape(value) if shape is None else shape)
    except (TypeError, ValueError):
        return _report(False, f"bentuk `{name}`",
                       f"Nilainya tidak punya bentuk larik; diharapkan {expected}.", hint)
    ok = len(shape) == len(expected) and all(e is None or s == e for s, e in zip(shape, expected))
    return _report(ok, f"bentuk `{name}`", f"Diharapkan {expected}, didapat {shape}." if not ok
                   else f"Bentuknya {shape}.", hint)


def _numeric(value, what, hint):
    """Jawaban sebagai larik float, atau None (setelah melaporkan) bila bukan angka."""
    __tracebackhide__ = True
    if isinstance(value, (str, bytes)):
        _report(False, what, f"Nilainya teks {value!r}, bukan angka.", hint)
        return None
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        _report(False, what, "Nilainya bukan angka atau larik angka.", hint)
        return None


def check_value(name, value, expected, tol=1e-6, hint=""):
    """Memeriksa bahwa angka/larik ``value`` sama dengan ``expected`` (selisih mutlak <= ``tol``)."""
    __tracebackhide__ = True
    try:
        b = np.asarray(expected, dtype=float)
        tol = float(tol)
    except (TypeError, ValueError):
        raise ValueError(f"expected dan tol harus angka atau larik angka, bukan {expected!r} "
                         f"dan {tol!r}.") from None
    if not tol >= 0:
        raise ValueError(f"tol harus >= 0, bukan {tol!r}.")
    _record_expected(name, b)
    if not answered(name, value, hint):
        return False
    what = f"nilai `{name}`"
    a = _numeric(value, what, hint)
    if a is None:
        return False
    if a.shape != b.shape:
        return _report(False, what, f"Bentuknya berbeda: diharapkan {b.shape}, didapat {a.shape}.",
                       hint)
    if not np.all(np.isfinite(a)):
        return _report(False, what, "Nilainya mengandung NaN atau tak hingga.", hint)
    ok = bool(np.allclose(a, b, atol=tol, rtol=0))
    if ok:
        return _report(True, what)
    # Nilai yang diharapkan tidak dicetak: mahasiswa hanya diberi tahu arah kesalahannya.
    off = int(np.sum(~np.isclose(a, b, atol=tol, rtol=0)))
    if a.size == 1:
        direction = "terlalu besar" if a.item() > b.item() else "terlalu kecil"
        detail = f"Didapat {_fmt(a)}: {direction} (toleransi {tol:g})."
    elif a.size <= 10:
        detail = f"Didapat {_fmt(a)}: {off} dari {a.size} nilai di luar toleransi {tol:g}."
    else:
        detail = f"{off} dari {a.size} nilai di luar toleransi {tol:g}."
    return _report(False, what, detail, hint)


def check_range(name, value, low, high, hint=""):
    """Memeriksa bahwa semua nilai ``value`` berada dalam [low, high] (``None`` = tanpa batas)."""
    __tracebackhide__ = True
    lo = -np.inf if low is None else low
    hi = np.inf if high is None else high
    try:
        lo, hi = float(lo), float(hi)
    except (TypeError, ValueError):
        raise ValueError(f"low dan high harus angka atau None, bukan {low!r} dan {high!r}.") from None
    if lo > hi:
        raise ValueError(f"low ({low}) tidak boleh lebih besar dari high ({high}).")
    if not answered(name, value, hint):
        return False
    what = f"rentang `{name}`"
    a = _numeric(value, what, hint)
    if a is None:
        return False
    if a.size == 0:
        return _report(False, what, "Larik kosong.", hint)
    if not np.all(np.isfinite(a)):
        return _report(False, what, "Nilainya mengandung NaN atau tak hingga.", hint)
    ok = bool(a.min() >= lo and a.max() <= hi)
    bounds = f"[{'-∞' if low is None else low}, {'∞' if high is None else high}]"
    detail = (f"Semua nilai dalam {bounds}." if ok else
              f"Diharapkan dalam {bounds}, didapat [{a.min():.4g}, {a.max():.4g}].")
    return _report(ok, what, detail, hint)


def check_true(name, condition, message, hint=""):
    """Pemeriksaan bebas: ``condition`` benar berarti jawaban ``name`` lolos; ``message``
    menjelaskan apa yang diperiksa, mis. ``"semua nilai positif"``."""
    __tracebackhide__ = True
    if not answered(name, condition, hint):
        return False
    what = f"`{name}`: {str(message).rstrip('.')}"
    try:
        ok = bool(condition)
    except (TypeError, ValueError):  # mis. larik berisi banyak nilai benar/salah
        return _report(False, what, "Kondisinya bukan satu nilai benar/salah.", hint)
    # Kalimat `message` menyebut syaratnya; bila gagal, vonisnya mengatakan syarat itu belum terpenuhi.
    return _report(ok, what, "" if ok else "Syarat ini belum terpenuhi.", hint)
