"""Seberapa berguna kode autoencoder sebagai fitur (notebook 02, 04, 05).

*Linear probe*: klasifikator linear (regresi logistik scikit-learn) dilatih dengan sedikit
label per kelas pada fitur yang dibekukan, lalu diuji pada data uji. Akurasinya mengukur
seberapa mudah kelas dipisahkan secara linear di ruang fitur itu, bukan kualitas rekonstruksi.
"""
import numpy as np

from .config import _int_at_least


def _flat(features, name):
    features = np.asarray(features, dtype=np.float32)
    if features.ndim < 2 or len(features) == 0:
        raise ValueError(f"{name} harus berbentuk (N, ...) dengan N > 0; diterima {features.shape}.")
    return features.reshape(len(features), -1)


def few_label_indices(labels, per_class, seed=0):
    """Indeks ``per_class`` contoh acak dari setiap kelas (tanpa pengembalian), terurut."""
    _int_at_least(per_class, "per_class")
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    chosen = []
    for k in np.unique(labels):
        members = np.flatnonzero(labels == k)
        if len(members) < per_class:
            raise ValueError(f"Kelas {k} hanya punya {len(members)} contoh; "
                             f"per_class={per_class} terlalu besar.")
        chosen.append(rng.choice(members, per_class, replace=False))
    return np.sort(np.concatenate(chosen))


def linear_probe(train_features, y_train, test_features, y_test, per_class=100, seed=0):
    """Akurasi uji regresi logistik yang dilatih pada ``per_class`` label per kelas.

    Fitur distandarkan (rata-rata 0, simpangan baku 1 per kolom, dihitung dari contoh latih yang
    terpilih) sehingga piksel dan kode dengan skala berbeda dibandingkan secara adil.
    """
    train_features = _flat(train_features, "train_features")
    test_features = _flat(test_features, "test_features")
    if len(train_features) != len(y_train) or len(test_features) != len(y_test):
        raise ValueError("Jumlah fitur dan jumlah label harus sama: "
                         f"{len(train_features)} vs {len(y_train)} (latih), "
                         f"{len(test_features)} vs {len(y_test)} (uji).")
    # scikit-learn diimpor di sini, bukan di awal modul: `import helpers` tetap ringan.
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    idx = few_label_indices(y_train, per_class, seed)
    probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    # Satu utas BLAS: untuk ~1.000 contoh, banyak utas lebih lama saling menunggu daripada
    # bekerja (pada CPU dua inti yang sibuk, puluhan kali lebih lambat).
    with threadpool_limits(limits=1):
        probe.fit(train_features[idx], np.asarray(y_train)[idx])
        return float(probe.score(test_features, y_test))
