"""Cek hafalan generator: gambar latih terdekat dari gambar buatan (notebook 07, 08).

Jarak Fréchet dan cakupan kelas tidak dapat membedakan angka baru dari salinan gambar latih.
Pembandingnya gambar uji asli, yang tidak pernah dilihat model: bila gambar buatan jauh lebih
dekat ke gambar latih terdekatnya daripada gambar uji asli, generator menyalin data latihnya.
Jarak diukur di ruang piksel [0, 1] dan, bila klasifikator diberikan, juga di ruang fitur
klasifikator (gambar yang bergeser satu piksel jauh di ruang piksel tetapi dekat di ruang fitur).
"""
import numpy as np

from .evaluation import _prepare, classifier_features, decimal
from .plotting import compare_rows


def _nearest(x, ref, batch_size):
    """Indeks dan jarak Euclid baris ``ref`` terdekat untuk setiap baris ``x``."""
    ref_sq = np.sum(ref ** 2, axis=1)
    indices, distances = [], []
    for i in range(0, len(x), batch_size):
        part = x[i:i + batch_size]
        d2 = np.sum(part ** 2, axis=1)[:, None] - 2 * part @ ref.T + ref_sq[None, :]
        best = np.argmin(d2, axis=1)
        indices.append(best)
        distances.append(np.sqrt(np.maximum(d2[np.arange(len(part)), best], 0.0)))
    return np.concatenate(indices), np.concatenate(distances)


def _embed(images, classifier, name="images"):
    """Vektor pembanding: piksel [0, 1] yang diratakan, atau fitur klasifikator bila diberikan."""
    x = _prepare(images, name=name)
    x = x.reshape(len(x), -1) if classifier is None else classifier_features(x, classifier)
    return x.astype(np.float64)


def nearest_training_images(images, train_images, classifier=None, batch_size=500):
    """Untuk setiap gambar di ``images``: indeks dan jarak gambar ``train_images`` terdekat.

    Tanpa ``classifier``: jarak Euclid antarpiksel dalam [0, 1] (keluaran ``tanh`` digeser
    lebih dulu). Dengan ``classifier``: jarak Euclid antarfitur klasifikator
    (``classifier_features``). Mengembalikan (indeks, jarak).
    """
    ref = _embed(train_images, classifier, name="train_images")
    return _nearest(_embed(images, classifier), ref, batch_size)


def show_nearest_training_images(generated, train_images, test_images, classifier=None,
                                 n=500, n_show=8, title="Gambar buatan dan gambar latih terdekat"):
    """Cek hafalan untuk ``n`` gambar buatan: median dan jarak terkecil ke gambar latih
    terdekat, dibandingkan dengan ``n`` gambar uji asli; lalu ``n_show`` gambar buatan yang
    paling dekat ke data latih beserta tetangga terdekatnya (di ruang piksel dan, bila
    ``classifier`` diberikan, di ruang fitur). Mengembalikan dict jarak median per ruang.
    """
    spaces = {"piksel": None} if classifier is None else {"piksel": None, "fitur": classifier}
    rows, medians = {"Gambar buatan": None}, {}
    for space, clf in spaces.items():
        ref = _embed(train_images, clf, name="train_images")  # sekali per ruang, untuk kedua set
        idx, dist = _nearest(_embed(generated[:n], clf), ref, batch_size=500)
        _, test_dist = _nearest(_embed(test_images[:n], clf, name="test_images"), ref, batch_size=500)
        medians[space] = {"buatan": float(np.median(dist)), "uji": float(np.median(test_dist))}
        print(f"Ruang {space}, jarak ke gambar latih terdekat ({len(dist)} gambar): buatan median "
              f"{decimal(np.median(dist))} (terkecil {decimal(dist.min())}), uji asli median "
              f"{decimal(np.median(test_dist))} (terkecil {decimal(test_dist.min())})")
        if space == "piksel":
            closest = np.argsort(dist)[:n_show]  # gambar buatan yang paling mirip gambar latih
            rows["Gambar buatan"] = generated[closest]
        rows[f"Terdekat ({space})"] = train_images[idx[closest]]
    compare_rows(rows, title=title)
    return medians
