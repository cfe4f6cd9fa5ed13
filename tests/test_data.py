"""Uji pemuat data: bentuk, tipe, label, urutan sumber, dan deteksi berkas rusak."""
import shutil

import numpy as np
import pytest

import helpers
from helpers import data as hdata

BUNDLED = hdata.data_dir()


@pytest.fixture
def bundled_only(tmp_path, monkeypatch):
    """Folder data berisi hanya salinan kecil yang dibundel (tanpa data/lengkap/)."""
    for name in ("fashion_mnist_kecil.npz", "mnist_kecil.npz", "SHA256SUMS"):
        shutil.copy(BUNDLED / name, tmp_path / name)
    monkeypatch.setenv("KURSUS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KURSUS_OFFLINE", "1")
    return tmp_path


def test_fashion_bundled_matches_keras_format(bundled_only, capsys):
    (x_train, y_train), (x_test, y_test) = helpers.load_fashion_mnist()
    assert x_train.shape == (10_000, 28, 28) and x_test.shape == (2_000, 28, 28)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    assert y_train.shape == (10_000,) and y_test.shape == (2_000,)
    assert np.array_equal(np.bincount(y_train), [1000] * 10)
    assert np.array_equal(np.bincount(y_test), [200] * 10)
    assert "salinan luring data/fashion_mnist_kecil.npz" in capsys.readouterr().out


def test_bundled_data_is_real_not_random(bundled_only):
    # Rata-rata piksel yang dipublikasikan: Fashion-MNIST sekitar 72.9, MNIST sekitar 33.3.
    # Derau acak seragam akan memberi sekitar 127.
    (x_f, _), _ = helpers.load_fashion_mnist()
    (x_m, y_m), _ = helpers.load_mnist()
    assert 68 < x_f.mean() < 78
    assert 30 < x_m.mean() < 37
    # Sebagian besar piksel MNIST adalah latar hitam.
    assert (x_m == 0).mean() > 0.75


def test_mnist_bundled(bundled_only):
    (x_train, y_train), (x_test, y_test) = helpers.load_mnist()
    assert x_train.shape[1:] == (28, 28) and len(x_train) + len(x_test) == 10_000
    assert x_train.dtype == np.uint8 and set(np.unique(y_train)) == set(range(10))
    assert set(np.unique(y_test)) == set(range(10))


@pytest.mark.parametrize("loader", [helpers.load_fashion_mnist, helpers.load_mnist])
def test_validation_tail_holds_every_class(bundled_only, loader):
    """Data tersimpan dalam urutan acak tetap: 5.000 gambar latih terakhir memuat semua kelas."""
    (_, y_train), _ = loader()
    share = np.bincount(y_train[-5000:], minlength=10) / 5000
    assert share.min() > 0.07 and share.max() < 0.13


def test_forced_offline_never_calls_keras(bundled_only, monkeypatch):
    def boom(name):
        raise AssertionError("Keras tidak boleh dipanggil dalam mode luring")

    monkeypatch.setattr(hdata, "_from_keras", boom)
    helpers.load_mnist()


def test_fallback_when_keras_download_fails(bundled_only, monkeypatch, capsys):
    monkeypatch.setenv("KURSUS_OFFLINE", "0")

    def no_internet(name):
        raise OSError("URL fetch failure: tidak ada jaringan")

    monkeypatch.setattr(hdata, "_from_keras", no_internet)
    (x_train, _), _ = helpers.load_fashion_mnist()
    out = capsys.readouterr().out
    assert "Keras tidak dapat memuat fashion_mnist (OSError)" in out
    assert "salinan luring" in out and len(x_train) == 10_000


def test_keras_used_first_when_it_works(bundled_only, monkeypatch, capsys):
    monkeypatch.setenv("KURSUS_OFFLINE", "tidak")
    fake = ((np.zeros((3, 28, 28), np.uint8), np.zeros(3, np.uint8)),) * 2
    monkeypatch.setattr(hdata, "_from_keras", lambda name: fake)
    assert helpers.load_mnist() is fake
    assert "Sumber data: Keras" in capsys.readouterr().out


def test_complete_local_copy_preferred_over_bundled(bundled_only, capsys):
    folder = bundled_only / "lengkap"
    folder.mkdir()
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (20, 28, 28), dtype=np.uint8)
    y = np.arange(20, dtype=np.uint8) % 10
    np.savez_compressed(folder / "fashion_mnist.npz", x_train=x, y_train=y, x_test=x, y_test=y)
    (folder / "SHA256SUMS").write_text(
        f"{hdata._sha256(folder / 'fashion_mnist.npz')}  fashion_mnist.npz\n")
    (x_train, _), _ = helpers.load_fashion_mnist()
    assert np.array_equal(x_train, x)
    assert "data/lengkap/fashion_mnist.npz" in capsys.readouterr().out


def test_damaged_file_is_detected(bundled_only):
    path = bundled_only / "mnist_kecil.npz"
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(OSError, match=r"mnist_kecil\.npz rusak.*bangun_data\.py"):
        helpers.load_mnist()


def test_missing_file_names_file_and_fix(bundled_only):
    (bundled_only / "fashion_mnist_kecil.npz").unlink()
    with pytest.raises(FileNotFoundError, match=r"fashion_mnist_kecil\.npz tidak ada.*git checkout"):
        helpers.load_fashion_mnist()


def test_missing_manifest(bundled_only):
    (bundled_only / "SHA256SUMS").unlink()
    with pytest.raises(FileNotFoundError, match="Manifes"):
        helpers.load_mnist()


def test_committed_manifest_matches_bundled_files():
    for line in (BUNDLED / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hdata._sha256(BUNDLED / name) == digest, name


def test_fashion_splits(bundled_only):
    (x_tr, y_tr), (x_va, y_va), (x_te, y_te) = helpers.load_fashion_splits()
    assert x_tr.shape == (5_000, 28, 28) and x_va.shape == (5_000, 28, 28)
    assert x_te.shape == (2_000, 28, 28) and x_tr.dtype == np.float32
    assert 0.0 <= x_tr.min() and x_tr.max() <= 1.0 and x_tr.max() > 0.99
    assert len(y_tr) == len(x_tr) and len(y_va) == len(x_va) and len(y_te) == len(x_te)


@pytest.mark.parametrize("bad", [0, -5, 10_000, 2.5, True, "5000"])
def test_fashion_splits_bad_n_valid(bundled_only, bad):
    with pytest.raises(ValueError, match="n_valid harus"):
        helpers.load_fashion_splits(n_valid=bad)


def test_showcase_indices():
    y = np.array([3, 1, 0, 1, 2, 9, 4, 5, 6, 7, 8, 0])
    idx = helpers.showcase_indices(y)
    assert list(y[idx]) == list(range(10)) and idx[0] == 2
    with pytest.raises(ValueError, match=r"Kelas \[9\] tidak ada"):
        helpers.showcase_indices(np.arange(9))
    with pytest.raises(ValueError, match="1-D"):
        helpers.showcase_indices(np.zeros((2, 10)))


def test_class_names():
    assert helpers.class_name(9) == "Sepatu bot (Ankle boot)"
    assert helpers.class_name(0) == "Kaus/atasan (T-shirt/top)"
    assert helpers.class_name(np.uint8(7), "mnist") == "Angka 7 (digit 7)"
    assert len(helpers.FASHION_CLASSES) == len(helpers.MNIST_CLASSES) == 10
    with pytest.raises(ValueError, match="Label harus"):
        helpers.class_name(10)
    with pytest.raises(ValueError, match="tidak dikenal"):
        helpers.class_name(1, "cifar10")
