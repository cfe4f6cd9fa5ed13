"""Uji pemuat data: bentuk, tipe, label, urutan sumber, dan deteksi berkas rusak."""
import hashlib
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


# Fakta rilis resmi: label pertama data latih dan uji, dan SHA-256 byte 100 gambar pertama
# (sama dengan byte 16..78.416 berkas IDX resmi train-images / t10k-images).
OFFICIAL = {
    "mnist": dict(train_labels=[5, 0, 4, 1, 9, 2, 1, 3, 1, 4], test_labels=[7, 2, 1, 0, 4, 1, 4, 9, 5, 9],
                  train_sha="c8d7b3ac57a59fa463cbbcdc21a53485e2990f12ca46d0fef62dd86cadfd67a3",
                  test_sha="8a004a2f81a80f4866259cbb77cf37af89315036b298b250b4d45c24aaa92048"),
    "fashion_mnist": dict(train_labels=[9, 0, 0, 3, 0, 2, 7, 2, 5, 5],
                          test_labels=[9, 2, 1, 1, 6, 1, 4, 6, 5, 7],
                          train_sha="9fd5e05238929f78618002dd971c29d7154e418c5e6c5159dcbc48bead93a90f",
                          test_sha="d8c9b85550f6c8fa33478e27cb3fe70fd34b4cc96e6ab91b911853b51fb3d527"),
}


@pytest.mark.parametrize("name, loader", [("mnist", helpers.load_mnist),
                                          ("fashion_mnist", helpers.load_fashion_mnist)])
def test_bundled_subset_is_the_start_of_the_official_split(bundled_only, capsys, name, loader):
    (x_train, y_train), (x_test, y_test) = loader()
    assert x_train.shape == (10_000, 28, 28) and x_test.shape == (2_000, 28, 28)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    assert y_train.shape == (10_000,) and y_test.shape == (2_000,)
    facts = OFFICIAL[name]
    assert list(y_train[:10]) == facts["train_labels"]
    assert list(y_test[:10]) == facts["test_labels"]
    assert hashlib.sha256(x_train[:100].tobytes()).hexdigest() == facts["train_sha"]
    assert hashlib.sha256(x_test[:100].tobytes()).hexdigest() == facts["test_sha"]
    out = capsys.readouterr().out
    assert f"subset luring data/{name}_kecil.npz" in out
    assert "pertama dari rilis resmi" in out and "bangun_data.py --lengkap" in out


def test_bundled_data_is_real_not_random(bundled_only):
    # Rata-rata piksel yang dipublikasikan: Fashion-MNIST sekitar 72.9, MNIST sekitar 33.3.
    # Derau acak seragam akan memberi sekitar 127.
    (x_f, _), _ = helpers.load_fashion_mnist()
    (x_m, y_m), _ = helpers.load_mnist()
    assert 68 < x_f.mean() < 78
    assert 30 < x_m.mean() < 37
    # Sebagian besar piksel MNIST adalah latar hitam.
    assert (x_m == 0).mean() > 0.75


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


def _write_complete_copy(data_folder, name, x, y, **extra):
    """Salinan lengkap tiruan data/lengkap/<name>.npz beserta manifesnya."""
    folder = data_folder / "lengkap"
    folder.mkdir()
    np.savez_compressed(folder / f"{name}.npz", x_train=x, y_train=y, x_test=x, y_test=y, **extra)
    (folder / "SHA256SUMS").write_text(f"{hdata._sha256(folder / f'{name}.npz')}  {name}.npz\n")


@pytest.mark.parametrize("name, loader", [("mnist", helpers.load_mnist),
                                          ("fashion_mnist", helpers.load_fashion_mnist)])
def test_complete_local_copy_preferred_over_bundled(bundled_only, capsys, name, loader):
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (20, 28, 28), dtype=np.uint8)
    y = np.arange(20, dtype=np.uint8) % 10
    _write_complete_copy(bundled_only, name, x, y, sumber=np.array("paket uji; rilis resmi"))
    (x_train, _), _ = loader()
    assert np.array_equal(x_train, x)
    assert f"data/lengkap/{name}.npz (paket uji; rilis resmi)" in capsys.readouterr().out


def test_complete_copy_without_recorded_origin_is_flagged(bundled_only, capsys):
    """Salinan lengkap dari versi pembangun lama (tanpa catatan asal) tidak disebut resmi."""
    _write_complete_copy(bundled_only, "fashion_mnist", np.zeros((10, 28, 28), np.uint8),
                         np.arange(10, dtype=np.uint8))
    helpers.load_fashion_mnist()
    out = capsys.readouterr().out
    assert "asal tidak tercatat, mungkin bukan rilis resmi" in out and "--lengkap" in out


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
