"""Memuat MNIST dan Fashion-MNIST, dengan cadangan luring (offline) yang dibundel.

Urutan sumber: (1) Keras (cache atau unduhan), kecuali ``KURSUS_OFFLINE=1``;
(2) salinan lengkap lokal ``data/lengkap/`` dengan pembagian resmi 60.000/10.000 (dibangun
dengan ``python scripts/bangun_data.py --lengkap``); (3) subset kecil ``data/`` yang ikut di
repositori: 10.000 gambar latih dan 2.000 gambar uji pertama dari rilis resmi.
Setiap berkas lokal dicocokkan dengan manifes SHA-256 sebelum dipakai, dan baris
"Sumber data" menyebut asalnya serta apakah pembagiannya resmi.
"""
import hashlib
import os
from pathlib import Path

import numpy as np

from .config import offline_mode

FASHION_CLASSES = [
    "Kaus/atasan (T-shirt/top)",
    "Celana panjang (Trouser)",
    "Sweter (Pullover)",
    "Gaun (Dress)",
    "Mantel (Coat)",
    "Sandal (Sandal)",
    "Kemeja (Shirt)",
    "Sepatu kets (Sneaker)",
    "Tas (Bag)",
    "Sepatu bot (Ankle boot)",
]
MNIST_CLASSES = [f"Angka {d} (digit {d})" for d in range(10)]

_FILES = {  # nama dataset -> (salinan lengkap di data/lengkap/, subset yang dibundel di data/)
    "fashion_mnist": ("fashion_mnist.npz", "fashion_mnist_kecil.npz"),
    "mnist": ("mnist.npz", "mnist_kecil.npz"),
}
_REBUILD = "Pulihkan dengan `git checkout -- data/` atau bangun ulang: python scripts/bangun_data.py"
_BUILD_COMPLETE = "data lengkap resmi: python scripts/bangun_data.py --lengkap"


def data_dir():
    """Folder data luring: ``KURSUS_DATA_DIR`` bila diatur, selain itu ``data/`` repositori."""
    custom = os.environ.get("KURSUS_DATA_DIR")
    return Path(custom) if custom else Path(__file__).resolve().parents[1] / "data"


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _verified(path):
    """Memeriksa ``path`` terhadap SHA256SUMS di foldernya; galat jelas bila rusak/hilang."""
    manifest = path.parent / "SHA256SUMS"
    if not path.exists():
        raise FileNotFoundError(f"Berkas data luring {path} tidak ada. {_REBUILD}")
    if not manifest.exists():
        raise FileNotFoundError(f"Manifes {manifest} tidak ada. {_REBUILD}")
    expected = dict(line.split()[::-1] for line in manifest.read_text().splitlines() if line)
    if expected.get(path.name) != _sha256(path):
        raise OSError(f"Berkas data {path} rusak (SHA-256 tidak cocok dengan {manifest}). "
                      f"{_REBUILD}")
    return path


def _from_npz(path):
    """Empat larik seperti ``load_data()`` dan keterangan asal data yang dicatat pembangunnya."""
    with np.load(_verified(path)) as f:
        origin = str(f["sumber"]) if "sumber" in f.files else \
            f"asal tidak tercatat, mungkin bukan rilis resmi; bangun ulang dengan {_BUILD_COMPLETE}"
        return ((f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])), origin


def _from_keras(name):
    import keras
    return getattr(keras.datasets, name).load_data()


def _load(name):
    complete, bundled = _FILES[name]
    if not offline_mode():
        try:
            result = _from_keras(name)
            print(f"Sumber data: Keras ({name}, rilis resmi, pembagian resmi "
                  "60.000 latih / 10.000 uji).")
            return result
        except Exception as err:  # tanpa internet, unduhan Keras gagal dengan bermacam galat
            print(f"Keras tidak dapat memuat {name} ({type(err).__name__}); "
                  "memakai salinan luring.")
    complete_path = data_dir() / "lengkap" / complete
    if complete_path.exists():
        result, origin = _from_npz(complete_path)
        print(f"Sumber data: salinan lengkap lokal data/lengkap/{complete} ({origin}).")
        return result
    result, origin = _from_npz(data_dir() / bundled)
    print(f"Sumber data: subset luring data/{bundled} ({origin}; lebih kecil dari data "
          f"lengkap; {_BUILD_COMPLETE}).")
    return result


def load_fashion_mnist():
    """Fashion-MNIST berformat sama dengan ``keras.datasets.fashion_mnist.load_data()``.

    Mengembalikan ``(X_train, y_train), (X_test, y_test)``, uint8, gambar (n, 28, 28): larik
    yang sama persis dari Keras atau salinan lengkap (60.000/10.000), atau awalnya saja dari
    subset yang dibundel (10.000/2.000).
    Dipakai notebook 01-06 (dan latihan notebook 08 dan 09).
    """
    return _load("fashion_mnist")


def load_mnist():
    """MNIST berformat sama dengan ``keras.datasets.mnist.load_data()``. Notebook 01, 07, 08, 09.

    Sumber dan ukuran seperti ``load_fashion_mnist``.
    """
    return _load("mnist")


def load_fashion_splits(n_valid=5000):
    """Fashion-MNIST siap untuk autoencoder (notebook 02-06): float32 dalam [0, 1].

    Menjalankan tiga langkah yang diajarkan di notebook 01: memuat, membagi dengan 255, dan
    menjadikan ``n_valid`` gambar latih terakhir sebagai data validasi. Mengembalikan
    ``(X_train, y_train), (X_valid, y_valid), (X_test, y_test)``.
    """
    (X_train_full, y_train_full), (X_test, y_test) = load_fashion_mnist()
    if isinstance(n_valid, bool) or not isinstance(n_valid, int) \
            or not 0 < n_valid < len(X_train_full):
        raise ValueError(f"n_valid harus bilangan bulat antara 1 dan {len(X_train_full) - 1}, "
                         f"bukan {n_valid!r}.")
    X_train_full = X_train_full.astype("float32") / 255.0
    X_test = X_test.astype("float32") / 255.0
    return ((X_train_full[:-n_valid], y_train_full[:-n_valid]),
            (X_train_full[-n_valid:], y_train_full[-n_valid:]), (X_test, y_test))


def showcase_indices(y_test):
    """Indeks gambar uji pertama dari setiap kelas 0-9: gambar tetap yang dipakai semua
    notebook 02-06 untuk menampilkan rekonstruksi, agar hasilnya bisa dibandingkan."""
    y = np.asarray(y_test)
    if y.ndim != 1:
        raise ValueError(f"y_test harus larik label 1-D, bukan bentuk {y.shape}.")
    missing = [c for c in range(10) if not np.any(y == c)]
    if missing:
        raise ValueError(f"Kelas {missing} tidak ada di y_test; berikan label data uji lengkap.")
    return np.array([int(np.argmax(y == c)) for c in range(10)])


def class_name(label, dataset="fashion_mnist"):
    """Nama kelas berbahasa Indonesia (dengan nama Inggrisnya). Notebook 01-10."""
    names = {"fashion_mnist": FASHION_CLASSES, "mnist": MNIST_CLASSES}.get(dataset)
    if names is None:
        raise ValueError(f"Dataset {dataset!r} tidak dikenal; pilih 'fashion_mnist' atau 'mnist'.")
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)) \
            or not 0 <= label < len(names):
        raise ValueError(f"Label harus bilangan bulat 0-9, bukan {label!r}.")
    return names[int(label)]
