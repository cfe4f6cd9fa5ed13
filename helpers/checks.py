"""Pemeriksaan jawaban latihan: mencetak dalam bahasa Indonesia apa yang benar atau salah.

Setiap fungsi mengembalikan True/False dan tidak pernah melempar galat karena jawaban
salah, agar notebook tetap berjalan sampai akhir. Jawaban yang masih ``...`` dilaporkan
sebagai "belum dijawab". Dipakai sel cek latihan di notebook 01-08.
"""
import numpy as np

_OK = "✅ Benar"
_NO = "❌ Belum tepat"
_TODO = "✏️ Belum dijawab"


def _report(ok, what, detail="", hint=""):
    if ok:
        print(f"{_OK}: {what}." + (f" {detail}" if detail else ""))
    else:
        print(f"{_NO}: {what}. {detail}".rstrip())
        if hint:
            print(f"   Petunjuk: {hint}")
    return bool(ok)


def _answered(name, value):
    if value is Ellipsis or value is None:
        print(f"{_TODO}: `{name}` masih berisi `...`. Ganti dengan jawaban Anda lalu jalankan "
              "sel ini lagi.")
        return False
    return True


def check_shape(name, value, expected, hint=""):
    """Memeriksa bentuk larik/tensor ``value`` (``None`` di ``expected`` = bebas)."""
    if not _answered(name, value):
        return False
    shape = tuple(getattr(value, "shape", np.shape(value)))
    expected = tuple(expected)
    ok = len(shape) == len(expected) and all(e is None or s == e for s, e in zip(shape, expected))
    return _report(ok, f"bentuk `{name}`", f"Diharapkan {expected}, didapat {shape}." if not ok
                   else f"Bentuknya {shape}.", hint)


def check_value(name, value, expected, tol=1e-6, hint=""):
    """Memeriksa bahwa angka/larik ``value`` sama dengan ``expected`` (toleransi ``tol``)."""
    if not _answered(name, value):
        return False
    try:
        a = np.asarray(value, dtype=float)
        b = np.asarray(expected, dtype=float)
        ok = a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0)
    except (TypeError, ValueError):
        return _report(False, f"nilai `{name}`", "Nilainya bukan angka atau larik angka.", hint)
    detail = "" if ok else (f"Diharapkan {expected}, didapat {value}." if a.size <= 10
                            else f"Selisih terbesar {np.max(np.abs(a - b)) if a.shape == b.shape else 'bentuk berbeda'}.")
    return _report(ok, f"nilai `{name}`", detail, hint)


def check_range(name, value, low, high, hint=""):
    """Memeriksa bahwa semua nilai ``value`` berada dalam [low, high]."""
    if not _answered(name, value):
        return False
    a = np.asarray(value, dtype=float)
    ok = a.size > 0 and bool(np.all(np.isfinite(a))) and a.min() >= low and a.max() <= high
    detail = (f"Semua nilai dalam [{low}, {high}]." if ok else
              f"Diharapkan dalam [{low}, {high}], didapat [{a.min():.4g}, {a.max():.4g}]."
              if a.size else "Larik kosong.")
    return _report(ok, f"rentang `{name}`", detail, hint)


def check_true(name, condition, message, hint=""):
    """Pemeriksaan bebas: ``condition`` benar berarti jawaban ``name`` lolos; ``message``
    menjelaskan apa yang diperiksa."""
    if not _answered(name, condition):
        return False
    return _report(bool(condition), f"`{name}`: {message}", "", hint)
