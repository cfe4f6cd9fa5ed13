"""Uji helpers.checks: vonis yang dicetak (bahasa Indonesia) dan nilai kembaliannya.

Setiap fungsi diuji dengan jawaban benar, jawaban salah, dan jawaban yang masih ``...``.
Jawaban salah tidak boleh melempar galat; argumen penulis notebook yang keliru boleh.
"""
import numpy as np
import pytest

from helpers import check_range, check_shape, check_true, check_value

BENAR, SALAH, KOSONG = "✅ Benar", "❌ Belum tepat", "✏️ Belum dijawab"


def verdict(capsys):
    """Keluaran yang dicetak sejak panggilan terakhir."""
    return capsys.readouterr().out


class FakeTensor:
    """Objek dengan atribut ``shape`` seperti tensor Keras (dimensi batch None)."""

    shape = (None, 28, 28, 1)


# --- check_shape -------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (np.zeros((5, 28, 28)), (5, 28, 28)),
    (np.zeros((5, 28, 28, 1)), (None, 28, 28, 1)),
    (np.zeros(784), 784),
    ([[1, 2, 3], [4, 5, 6]], (2, 3)),
    (FakeTensor(), (None, 28, 28, 1)),
])
def test_check_shape_benar(capsys, value, expected):
    assert check_shape("x", value, expected) is True
    out = verdict(capsys)
    assert out.startswith(f"{BENAR}: bentuk `x`.")
    assert "Bentuknya" in out
    assert SALAH not in out


def test_check_shape_pesan_benar_tetap(capsys):
    """Teks vonis benar tidak boleh berubah: sel acuan nbval bisa bergantung padanya."""
    check_shape("X_valid_conv", np.zeros((3, 28, 28, 1)), (3, 28, 28, 1))
    assert verdict(capsys) == "✅ Benar: bentuk `X_valid_conv`. Bentuknya (3, 28, 28, 1).\n"


@pytest.mark.parametrize("value, expected", [
    (np.zeros((5, 28, 28)), (5, 28, 28, 1)),   # sumbu kanal lupa
    (np.zeros((5, 784)), (5, 28, 28)),
    (np.zeros((4, 28, 28)), (5, 28, 28)),
    (FakeTensor(), (32, 28, 28, 1)),            # None tidak sama dengan ukuran tertentu
    (3.0, (1,)),
])
def test_check_shape_salah(capsys, value, expected):
    assert check_shape("x", value, expected, hint="tambahkan sumbu") is False
    out = verdict(capsys)
    assert out.startswith(f"{SALAH}: bentuk `x`.")
    assert f"Diharapkan {tuple(expected)}" in out
    assert "Petunjuk: tambahkan sumbu" in out


def test_check_shape_larik_tidak_beraturan_tidak_melempar(capsys):
    assert check_shape("x", [[1], [1, 2]], (2, 2)) is False
    assert "tidak punya bentuk larik" in verdict(capsys)


@pytest.mark.parametrize("placeholder", [..., None, (..., 28), [..., ...]])
def test_check_shape_belum_dijawab(capsys, placeholder):
    assert check_shape("jawaban_1", placeholder, (28, 28), hint="lihat X_train.shape") is False
    out = verdict(capsys)
    assert out.startswith(f"{KOSONG}: `jawaban_1` masih berisi")
    assert "Petunjuk: lihat X_train.shape" in out
    assert BENAR not in out and SALAH not in out


@pytest.mark.parametrize("expected", ["28x28", (28, "28"), (28.0, 28), (True, 2), 3.5])
def test_check_shape_argumen_penulis_keliru(expected):
    with pytest.raises(ValueError, match="expected"):
        check_shape("x", np.zeros((28, 28)), expected)


# --- check_value -------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected, tol", [
    (784, 784, 1e-6),
    (np.float32(0.1), 0.1, 1e-6),
    ([np.float32(-1.0), np.float32(1.0)], [-1, 1], 1e-6),
    (np.arange(12).reshape(3, 4), np.arange(12).reshape(3, 4), 0),
    (0.52, 0.5, 0.05),
])
def test_check_value_benar(capsys, value, expected, tol):
    assert check_value("nilai_saya", value, expected, tol=tol) is True
    assert verdict(capsys) == "✅ Benar: nilai `nilai_saya`.\n"


def test_check_value_salah_skalar(capsys):
    assert check_value("jawaban_2", 0.25, 0.5, hint="bagi dengan 255") is False
    out = verdict(capsys)
    assert out.startswith(f"{SALAH}: nilai `jawaban_2`.")
    assert "Didapat 0.25: terlalu kecil" in out
    assert "0.5" not in out  # nilai yang diharapkan tidak dibocorkan
    assert "Petunjuk: bagi dengan 255" in out


def test_check_value_salah_larik_kecil_tanpa_repr_numpy(capsys):
    assert check_value("v", [np.float32(-1.0), np.float32(0.9)], [-1, 1]) is False
    out = verdict(capsys)
    assert "Didapat [-1, 0.9]: 1 dari 2 nilai" in out
    assert "np.float32" not in out


def test_check_value_salah_larik_besar(capsys):
    a = np.zeros(100)
    a[:3] = 0.5
    assert check_value("v", a, np.zeros(100), tol=0.1) is False
    out = verdict(capsys)
    assert "3 dari 100 nilai di luar toleransi 0.1" in out


def test_check_value_di_luar_toleransi(capsys):
    assert check_value("v", 0.6, 0.5, tol=0.05) is False
    assert SALAH in verdict(capsys)


@pytest.mark.parametrize("value, pesan", [
    (np.zeros(3), "Bentuknya berbeda"),
    ("0.5", "teks"),
    ({"a": 1}, "bukan angka"),
    (np.nan, "NaN"),
    ([1.0, np.inf], "NaN atau tak hingga"),
])
def test_check_value_jawaban_aneh_tidak_melempar(capsys, value, pesan):
    expected = 0.5 if np.ndim(value) == 0 else [0.5, 0.5]
    assert check_value("v", value, expected) is False
    out = verdict(capsys)
    assert out.startswith(SALAH) and pesan in out


@pytest.mark.parametrize("placeholder", [..., None, [..., 1.0], {"mse": ...}])
def test_check_value_belum_dijawab(capsys, placeholder):
    assert check_value("jawaban_3", placeholder, [0.0, 1.0]) is False
    out = verdict(capsys)
    assert out.startswith(f"{KOSONG}: `jawaban_3`")
    assert SALAH not in out


def test_check_value_argumen_penulis_keliru():
    with pytest.raises(ValueError, match="tol"):
        check_value("v", 1.0, 1.0, tol=-1)
    with pytest.raises(ValueError, match="expected"):
        check_value("v", 1.0, "satu")


# --- check_range -------------------------------------------------------------------------

@pytest.mark.parametrize("value, low, high", [
    (np.linspace(0, 1, 11), 0, 1),
    (np.linspace(-1, 1, 11), -1.0, 1.0),
    (np.array([3, 7], dtype=np.uint8), 0, 255),
    ([0.5], 0.5, 0.5),
    ([5.0, 100.0], 0, None),
])
def test_check_range_benar(capsys, value, low, high):
    assert check_range("X", value, low, high) is True
    out = verdict(capsys)
    assert out.startswith(f"{BENAR}: rentang `X`. Semua nilai dalam [")


def test_check_range_pesan_benar_tetap(capsys):
    check_range("X_test_gan", np.array([-1.0, 1.0]), -1.0, 1.0)
    assert verdict(capsys) == "✅ Benar: rentang `X_test_gan`. Semua nilai dalam [-1.0, 1.0].\n"


@pytest.mark.parametrize("value", [np.array([0.0, 255.0]), np.array([-1.5, 0.0]), [2]])
def test_check_range_salah(capsys, value):
    assert check_range("X", value, 0.0, 1.0, hint="bagi dengan 255") is False
    out = verdict(capsys)
    assert out.startswith(f"{SALAH}: rentang `X`. Diharapkan dalam [0.0, 1.0], didapat")
    assert "Petunjuk: bagi dengan 255" in out


@pytest.mark.parametrize("value, pesan", [
    ([], "kosong"),
    ([0.5, np.nan], "NaN"),
    ("abc", "teks"),
    ([[1], [1, 2]], "bukan angka"),
])
def test_check_range_jawaban_aneh_tidak_melempar(capsys, value, pesan):
    assert check_range("X", value, 0, 1) is False
    out = verdict(capsys)
    assert out.startswith(SALAH) and pesan in out


@pytest.mark.parametrize("placeholder", [..., None])
def test_check_range_belum_dijawab(capsys, placeholder):
    assert check_range("X_test_gan", placeholder, -1, 1) is False
    assert verdict(capsys).startswith(f"{KOSONG}: `X_test_gan`")


def test_check_range_argumen_penulis_keliru():
    with pytest.raises(ValueError, match="tidak boleh lebih besar"):
        check_range("X", [0.5], 1, 0)
    with pytest.raises(ValueError, match="low dan high"):
        check_range("X", [0.5], "nol", 1)


# --- check_true --------------------------------------------------------------------------

@pytest.mark.parametrize("condition", [True, np.bool_(True), 1, np.all(np.ones(3) > 0)])
def test_check_true_benar(capsys, condition):
    assert check_true("porsi_kelas", condition, "setiap kelas lebih dari 5%") is True
    assert verdict(capsys) == "✅ Benar: `porsi_kelas`: setiap kelas lebih dari 5%.\n"


def test_check_true_tanpa_titik_ganda(capsys):
    check_true("x", True, "semua nilai positif.")
    assert verdict(capsys) == "✅ Benar: `x`: semua nilai positif.\n"


@pytest.mark.parametrize("condition", [False, np.bool_(False), 0])
def test_check_true_salah(capsys, condition):
    assert check_true("x", condition, "bertipe float32", hint="pakai astype") is False
    out = verdict(capsys)
    # Kalimat syaratnya diikuti vonis yang tegas, agar tidak terbaca seolah syaratnya terpenuhi.
    assert out.startswith(f"{SALAH}: `x`: bertipe float32. Syarat ini belum terpenuhi.")
    assert "Petunjuk: pakai astype" in out


def test_check_true_larik_tidak_melempar(capsys):
    assert check_true("x", np.array([True, False]), "semua benar") is False
    assert "bukan satu nilai benar/salah" in verdict(capsys)


@pytest.mark.parametrize("placeholder", [..., None])
def test_check_true_belum_dijawab(capsys, placeholder):
    assert check_true("jawaban_4", placeholder, "apa saja") is False
    out = verdict(capsys)
    assert out.startswith(f"{KOSONG}: `jawaban_4`")
    assert BENAR not in out and SALAH not in out


# --- bersama -------------------------------------------------------------------------------

def test_larik_besar_tidak_ditelusuri_untuk_placeholder(capsys):
    """Placeholder hanya dicari di wadah kecil; list data yang besar tetap diperiksa cepat."""
    big = [[0.0] * 28 for _ in range(1000)]
    assert check_shape("X", big, (1000, 28)) is True
    assert BENAR in verdict(capsys)


@pytest.mark.parametrize("call", [
    lambda: check_shape("x", ..., (1,)),
    lambda: check_value("x", ..., 1),
    lambda: check_range("x", ..., 0, 1),
    lambda: check_true("x", ..., "pesan"),
])
def test_semua_mengembalikan_bool(capsys, call):
    assert call() is False


# --- Mode penilaian (KURSUS_PENILAIAN=1, dipasang scripts/kelas.py nilai) -----------------

def test_mode_penilaian_jawaban_salah_melempar_vonisnya(monkeypatch, capsys):
    monkeypatch.setenv("KURSUS_PENILAIAN", "1")
    with pytest.raises(AssertionError, match="❌ Belum tepat: nilai `x`. Didapat 3: terlalu besar"):
        check_value("x", 3, 2)
    assert "❌ Belum tepat" in capsys.readouterr().out  # mahasiswa tetap melihat vonisnya


def test_mode_penilaian_belum_dijawab_melempar(monkeypatch, capsys):
    monkeypatch.setenv("KURSUS_PENILAIAN", "ya")
    with pytest.raises(AssertionError, match="✏️ Belum dijawab: `x` masih berisi `...`"):
        check_shape("x", ..., (2,))


def test_mode_penilaian_jawaban_benar_tidak_melempar(monkeypatch, capsys):
    monkeypatch.setenv("KURSUS_PENILAIAN", "1")
    assert check_true("x", True, "benar") and check_range("x", [0.5], 0, 1)


def test_tanpa_mode_penilaian_jawaban_salah_tidak_melempar(monkeypatch, capsys):
    monkeypatch.delenv("KURSUS_PENILAIAN", raising=False)
    assert check_value("x", 3, 2) is False


def test_nilai_mode_penilaian_yang_tidak_dikenal(monkeypatch):
    monkeypatch.setenv("KURSUS_PENILAIAN", "mungkin")
    with pytest.raises(ValueError, match="KURSUS_PENILAIAN"):
        check_value("x", 3, 2)
