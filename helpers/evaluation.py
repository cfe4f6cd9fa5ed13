"""Evaluasi generator GAN dengan klasifikator kecil (notebook 07, 08, 09, dan 10).

Dua ukuran yang dipakai notebook 07 (GAN padat) dan 08 (DCGAN):

- **cakupan kelas**: sebuah CNN kecil menebak kelas setiap gambar buatan generator; histogram
  tebakannya memperlihatkan apakah semua kelas muncul. Bila satu-dua kelas mendominasi, itu
  tanda *mode collapse* (keruntuhan mode).
- **jarak Fréchet** antara gambar asli dan buatan, dihitung di ruang fitur lapisan kedua dari
  akhir klasifikator yang sama (gagasan FID dari Heusel dkk. 2017, tetapi dengan klasifikator
  MNIST/Fashion-MNIST kecil, bukan Inception; angkanya tidak dapat dibandingkan dengan FID di
  makalah).

Klasifikator dilatih sekali lalu disimpan di ``helpers.output_dir("klasifikator")``. Kunci cache
memuat nama dataset, mode cepat/penuh, jumlah epoch, jumlah gambar latih, dan sidik jari isi data
latih, sehingga model yang dilatih singkat di mode cepat tidak pernah dipakai ulang di ukuran penuh.
"""
import hashlib
import json
import math
import numbers

import numpy as np

from .config import epochs as _epochs
from .config import fast_mode, output_dir, sample_count
from .data import FASHION_CLASSES, MNIST_CLASSES, load_fashion_mnist, load_mnist
from .plotting import _as_images

_DATASETS = {"mnist": (load_mnist, MNIST_CLASSES), "fashion_mnist": (load_fashion_mnist, FASHION_CLASSES)}
_FEATURE_LAYER = "fitur"
_SEED = 1234


def thousands(n):
    """Bilangan bulat dengan pemisah ribuan Indonesia: 285180 -> '285.180'. Notebook 01-10,
    untuk angka yang dicetak (``f"{n:,}"`` memberi '285,180', yang terbaca 285,18)."""
    return f"{int(n):,}".replace(",", ".")


def decimal(x, digits=2):
    """Bilangan dengan koma desimal Indonesia dan ``digits`` angka di belakang koma:
    ``decimal(0.0123, 4)`` -> '0,0123', ``decimal(0.3, 1)`` -> '0,3'. Notebook 04, 05, 09, untuk
    angka di judul gambar, label, dan tabel (``f"{x:.2f}"`` memberi titik, yang terbaca sebagai
    pemisah ribuan)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"decimal() membutuhkan bilangan real; diterima {type(x).__name__}.")
    if not math.isfinite(x):
        raise ValueError(f"decimal() membutuhkan bilangan berhingga; diterima {x}.")
    if isinstance(digits, bool) or not isinstance(digits, numbers.Integral) or digits < 0:
        raise ValueError(f"digits harus bilangan bulat 0 atau lebih; diterima {digits!r}.")
    text = f"{float(x):.{int(digits)}f}"
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]  # -0,00 ditulis 0,00
    return text.replace(".", ",")


def _check_dataset(dataset):
    if dataset not in _DATASETS:
        raise ValueError(f"Dataset {dataset!r} tidak dikenal; pilih 'mnist' atau 'fashion_mnist'.")
    return dataset


def _prepare(images, name="images", min_count=1):
    """Memeriksa gambar lalu mengembalikan (N, 28, 28, 1) float32 dalam [0, 1].

    Aturan bentuk dan rentang sama dengan fungsi gambar ``helpers.plotting``: [0, 1], [-1, 1]
    (keluaran ``tanh``, digeser dengan (x + 1) / 2), atau uint8 0-255.
    """
    shape = np.shape(images)
    if len(shape) not in (3, 4):
        raise ValueError(f"{name} harus berbentuk (N, 28, 28) atau (N, 28, 28, 1); "
                         f"diterima bentuk {shape}.")
    if shape[0] < min_count:
        raise ValueError(f"{name} harus berisi paling sedikit {min_count} gambar; "
                         f"diterima {shape[0]}.")
    return _as_images(images, name, tol=1e-4)[..., None]


def _is_classifier(classifier):
    import keras

    if not isinstance(classifier, keras.Model) or not classifier.name.startswith("klasifikator_") \
            or _FEATURE_LAYER not in [layer.name for layer in classifier.layers]:
        raise ValueError("classifier harus model dari helpers.load_classifier(...), "
                         f"bukan {type(classifier).__name__}.")
    return classifier


def _build_classifier(dataset):
    """CNN kecil: dua blok Conv2D + MaxPooling, lapisan fitur 128 unit, keluaran softmax 10 kelas."""
    import keras
    from keras import layers

    def init(k):
        return keras.initializers.GlorotUniform(seed=_SEED + k)

    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu", kernel_initializer=init(0)),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu", kernel_initializer=init(1)),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dense(128, activation="relu", kernel_initializer=init(2), name=_FEATURE_LAYER),
        layers.Dense(10, activation="softmax", kernel_initializer=init(3)),
    ], name=f"klasifikator_{dataset}")


def _cache_key(dataset, fast, X_train, y_train, n_epochs):
    """Nama berkas cache: dataset, mode, epoch, jumlah gambar latih, dan sidik jari isinya."""
    digest = hashlib.sha256(np.ascontiguousarray(X_train).tobytes())
    digest.update(np.ascontiguousarray(y_train).tobytes())
    mode = "cepat" if fast else "penuh"
    return f"{dataset}_{mode}_e{n_epochs}_n{len(X_train)}_{digest.hexdigest()[:12]}"


def load_classifier(dataset="mnist", n_train=None, epochs=None, verbose=True):
    """Klasifikator CNN kecil untuk ``dataset`` ("mnist" atau "fashion_mnist"). Notebook 07-10.

    Dilatih sekali pada data latih dataset itu, lalu bobotnya disimpan di
    ``helpers.output_dir("klasifikator")``; panggilan berikutnya memuat dari cache. Akurasi pada
    data uji dicetak, karena evaluasi generator hanya sebaik klasifikatornya.

    ``n_train``: jumlah gambar latih (bawaan: semua; 2.000 di mode cepat).
    ``epochs``: jumlah epoch (bawaan: 4; 3 di mode cepat).
    Model dilatih dengan benih sendiri (tanpa menyentuh benih global notebook), jadi hasilnya
    sama setiap kali. Mengembalikan ``keras.Model``.
    """
    _check_dataset(dataset)
    loader, _ = _DATASETS[dataset]
    (X_train, y_train), (X_test, y_test) = loader()
    full = len(X_train)
    n = sample_count(full, fast=2000) if n_train is None else n_train
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 100 <= n <= full:
        raise ValueError(f"n_train harus bilangan bulat antara 100 dan {full}, bukan {n_train!r}.")
    n_epochs = _epochs(4, fast=3) if epochs is None else epochs
    if isinstance(n_epochs, bool) or not isinstance(n_epochs, (int, np.integer)) or n_epochs < 1:
        raise ValueError(f"epochs harus bilangan bulat >= 1, bukan {epochs!r}.")
    order = np.random.default_rng(_SEED).permutation(full)[:n]
    X_sub, y_sub = X_train[order], y_train[order]

    key = _cache_key(dataset, fast_mode(), X_sub, y_sub, int(n_epochs))
    folder = output_dir("klasifikator")
    weights_path, info_path = folder / f"{key}.weights.h5", folder / f"{key}.json"
    model = _build_classifier(dataset)
    if weights_path.exists() and info_path.exists():
        model.load_weights(weights_path)
        info = json.loads(info_path.read_text())
        source = f"dimuat dari cache {weights_path.name}"
    else:
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(_prepare(X_sub, "X_train"), y_sub, epochs=int(n_epochs), batch_size=64,
                  shuffle=False, verbose=0)
        _, accuracy = model.evaluate(_prepare(X_test, "X_test"), y_test, batch_size=512, verbose=0)
        info = {"accuracy": float(accuracy), "n_train": int(n), "n_test": int(len(X_test)),
                "epochs": int(n_epochs)}
        model.save_weights(weights_path)
        info_path.write_text(json.dumps(info, indent=1))
        source = f"baru dilatih, disimpan sebagai {weights_path.name}"
    if verbose:
        print(f"Klasifikator {dataset}: {thousands(info['n_train'])} gambar latih, "
              f"{info['epochs']} epoch ({source}).")
        print(f"Akurasi pada {thousands(info['n_test'])} gambar uji: {decimal(100 * info['accuracy'], 1)}%")
    model.test_accuracy = info["accuracy"]
    return model


def _predict(model, x, batch_size=500):
    """Memanggil model per batch (tanpa ``predict``, agar tidak ada peringatan *retracing*)."""
    parts = [np.asarray(model(x[i:i + batch_size], training=False))
             for i in range(0, len(x), batch_size)]
    return np.concatenate(parts, axis=0)


def classify(images, classifier):
    """Peluang kelas (N, 10) dari klasifikator untuk ``images``. Notebook 08.

    Selalu pakai fungsi ini, bukan ``classifier(images)`` langsung: klasifikator dilatih pada
    gambar [0, 1], dan fungsi ini lebih dulu menggeser keluaran ``tanh`` [-1, 1] ke [0, 1]
    (juga menerima uint8 0-255). Tebakan kelasnya ``classify(...).argmax(axis=1)``.
    """
    return _predict(_is_classifier(classifier), _prepare(images))


def classifier_features(images, classifier):
    """Fitur 128-dimensi dari lapisan kedua dari akhir klasifikator. Notebook 07, 08.

    ``images``: (N, 28, 28) atau (N, 28, 28, 1), nilai [0, 1] atau [-1, 1].
    Mengembalikan larik (N, 128) float64.
    """
    import keras

    clf = _is_classifier(classifier)
    x = _prepare(images)
    extractor = keras.Model(clf.inputs[0], clf.get_layer(_FEATURE_LAYER).output)
    return np.asarray(_predict(extractor, x), dtype=np.float64)


def class_coverage(images, classifier, present_threshold=0.01, verbose=True):
    """Cakupan kelas: kelas mana yang ditebak klasifikator untuk gambar buatan. Notebook 07-10.

    Pendeteksi *mode collapse*: generator yang sehat menghasilkan semua kelas dengan porsi
    mendekati seragam (10% tiap kelas). ``present_threshold``: porsi minimum agar sebuah kelas
    dihitung "hadir" (bawaan 1%; beberapa salah tebak tidak boleh membuat kelas terlihat hadir).

    Mengembalikan dict: ``counts`` dan ``shares`` (per kelas), ``n_samples``,
    ``classes_present``, ``min_share``, ``min_class``, ``classes_below_5pct``, ``dataset``.
    Pakailah 1.000 sampel atau lebih agar porsinya cukup stabil.
    """
    clf = _is_classifier(classifier)
    if isinstance(present_threshold, bool) or not isinstance(present_threshold, (int, float)) \
            or not 0 < present_threshold < 1:
        raise ValueError(f"present_threshold harus angka antara 0 dan 1, bukan {present_threshold!r}.")
    x = _prepare(images)
    predicted = np.argmax(_predict(clf, x), axis=1)
    counts = np.bincount(predicted, minlength=10)
    shares = counts / len(x)
    dataset = clf.name.removeprefix("klasifikator_")
    result = {
        "dataset": dataset,
        "n_samples": int(len(x)),
        "counts": counts,
        "shares": shares,
        "classes_present": int(np.sum(shares >= present_threshold)),
        "min_share": float(shares.min()),
        "min_class": int(np.argmin(shares)),
        "classes_below_5pct": [int(c) for c in np.flatnonzero(shares < 0.05)],
    }
    if verbose:
        below = result["classes_below_5pct"]
        print(f"Cakupan kelas dari {thousands(len(x))} sampel: {result['classes_present']}/10 kelas hadir "
              f"(porsi >= {100 * present_threshold:g}%); porsi terkecil "
              f"{decimal(100 * result['min_share'], 1)}% (kelas {result['min_class']}); kelas di bawah 5%: "
              f"{below if below else 'tidak ada'}.")
    return result


def class_fidelity(images, requested_labels, classifier, verbose=True):
    """Kesetiaan kelas GAN bersyarat: porsi gambar yang diminta sebagai kelas k dan memang
    ditebak k oleh klasifikator evaluasi. Notebook 09.

    ``images``: (N, 28, 28) atau (N, 28, 28, 1), nilai [0, 1], [-1, 1], atau uint8 0-255.
    ``requested_labels``: (N,) bilangan bulat 0-9, kelas yang diminta dari generator untuk
    setiap gambar (urutannya sama dengan ``images``).

    Mengembalikan dict: ``per_class`` (10 porsi; NaN untuk kelas yang tidak diminta),
    ``overall`` (porsi semua gambar yang tebakannya sama dengan permintaannya), ``worst_class``
    dan ``worst`` (kelas yang diminta dengan porsi terkecil), ``requested`` (banyaknya gambar
    per kelas yang diminta), ``confusion`` (matriks 10 x 10: baris = kelas diminta, kolom =
    kelas tebakan), ``n_samples``, dan ``dataset``. Kesetiaan hanya sebaik klasifikatornya:
    bandingkan dengan akurasi klasifikator pada data uji asli.
    """
    clf = _is_classifier(classifier)
    x = _prepare(images)
    labels = np.asarray(requested_labels)
    if labels.shape != (len(x),):
        raise ValueError(f"requested_labels harus berbentuk ({len(x)},), satu kelas untuk setiap "
                         f"gambar; diterima bentuk {labels.shape}.")
    whole = labels.dtype.kind in "iu" or (labels.dtype.kind == "f" and np.all(labels == np.round(labels)))
    if not whole:
        raise ValueError("requested_labels harus berisi bilangan bulat 0-9 (nomor kelas), bukan "
                         f"nilai bertipe {labels.dtype} seperti {labels.ravel()[:3].tolist()}.")
    if labels.min() < 0 or labels.max() > 9:
        raise ValueError(f"requested_labels harus dalam rentang 0-9; diterima "
                         f"[{labels.min():g}, {labels.max():g}].")
    labels = labels.astype(int)
    predicted = np.argmax(_predict(clf, x), axis=1)
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (labels, predicted), 1)
    requested = confusion.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_class = np.where(requested > 0, np.diag(confusion) / np.maximum(requested, 1), np.nan)
    worst_class = int(np.nanargmin(per_class))
    result = {
        "dataset": clf.name.removeprefix("klasifikator_"),
        "n_samples": int(len(x)),
        "per_class": per_class,
        "overall": float(np.mean(predicted == labels)),
        "worst_class": worst_class,
        "worst": float(per_class[worst_class]),
        "requested": requested,
        "confusion": confusion,
    }
    if verbose:
        print(f"Kesetiaan kelas dari {thousands(len(x))} sampel: {decimal(100 * result['overall'], 1)}% "
              f"ditebak sesuai kelas yang diminta; terendah kelas {worst_class} "
              f"({decimal(100 * result['worst'], 1)}%).")
    return result


def plot_class_coverage(coverage, title=None, path=None):
    """Diagram batang porsi tiap kelas dari ``class_coverage``, dengan garis 5% dan 10% (seragam).

    Batang di bawah garis 5% diwarnai merah. Notebook 07-10. Mengembalikan Figure.
    """
    import matplotlib.pyplot as plt

    from .plotting import _finish

    if not isinstance(coverage, dict) or "shares" not in coverage or "dataset" not in coverage:
        raise ValueError("coverage harus dict hasil helpers.class_coverage(...).")
    shares = 100 * np.asarray(coverage["shares"], dtype=float)
    if shares.shape != (10,):
        raise ValueError(f"coverage['shares'] harus berisi 10 porsi, bukan bentuk {shares.shape}.")
    names = _DATASETS[_check_dataset(coverage["dataset"])][1]
    labels = [n.split(" (")[0] for n in names]
    fig, ax = plt.subplots(figsize=(8, 3.5))
    colors = ["tab:red" if s < 5 else "tab:blue" for s in shares]
    ax.bar(range(10), shares, color=colors)
    ax.axhline(10, color="gray", linestyle=":", label="seragam (10%)")
    ax.axhline(5, color="tab:red", linestyle="--", label="batas 5%")
    ax.set_xticks(range(10))
    ax.set_xticklabels(labels, rotation=30 if coverage["dataset"] == "fashion_mnist" else 0,
                       ha="right" if coverage["dataset"] == "fashion_mnist" else "center",
                       fontsize=8)
    ax.set_xlabel("Kelas tebakan klasifikator")
    ax.set_ylabel("Porsi sampel (%)")
    ax.set_ylim(0, max(25.0, shares.max() * 1.1))
    ax.legend(loc="upper right")
    ax.set_title(title or f"Cakupan kelas dari {coverage.get('n_samples', '?')} sampel "
                          f"({coverage['classes_present']}/10 kelas hadir)")
    ax.grid(axis="y", alpha=0.3)
    return _finish(fig, path)


def _sqrt_psd(matrix):
    values, vectors = np.linalg.eigh(matrix)
    return (vectors * np.sqrt(np.clip(values, 0.0, None))) @ vectors.T


def frechet_distance(images_a, images_b, classifier):
    """Jarak Fréchet antara dua kumpulan gambar di ruang fitur klasifikator. Notebook 07-10.

    Fitur setiap kumpulan diringkas sebagai Gaussian (rata-rata mu, kovarians Sigma), lalu
        d^2 = ||mu_a - mu_b||^2 + Tr(Sigma_a + Sigma_b - 2 (Sigma_a Sigma_b)^(1/2)).
    Akar matriks dihitung stabil lewat Tr((Sigma_a Sigma_b)^(1/2)) =
    Tr((Sigma_a^(1/2) Sigma_b Sigma_a^(1/2))^(1/2)) dengan dekomposisi eigen.
    Mengembalikan d^2 (seperti FID). 0 = kedua kumpulan identik secara statistik; angka bergantung
    pada jumlah sampel, jadi bandingkan selalu dengan jumlah yang sama dan dengan "lantai"
    asli-vs-asli (mis. subset data latih vs data uji).
    """
    clf = _is_classifier(classifier)
    a = classifier_features(_prepare(images_a, "images_a", min_count=2), clf)
    b = classifier_features(_prepare(images_b, "images_b", min_count=2), clf)
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root_a = _sqrt_psd(cov_a)
    middle = root_a @ cov_b @ root_a
    trace_sqrt = float(np.sum(np.sqrt(np.clip(np.linalg.eigvalsh((middle + middle.T) / 2), 0.0, None))))
    distance = float(np.sum((mu_a - mu_b) ** 2) + np.trace(cov_a) + np.trace(cov_b) - 2 * trace_sqrt)
    return max(distance, 0.0)


_GAN_KEYS = ("loss_D", "loss_G", "D_x", "D_G_z")


def plot_gan_history(history, title="Kurva pelatihan GAN", path=None):
    """Dua panel per epoch: loss D dan G, serta rata-rata D(x) dan D(G(z)). Notebook 07, 08, 09.

    ``history``: dict berisi list/larik per epoch dengan kunci ``loss_D``, ``loss_G``, ``D_x``
    (rata-rata keluaran D untuk gambar asli) dan ``D_G_z`` (untuk gambar buatan). Garis abu-abu
    menandai nilai saat D sama sekali tidak bisa membedakan (D = 0,5 di mana-mana):
    loss_D = 2 ln 2 ~ 1,386, loss_G = ln 2 ~ 0,693, D(x) = D(G(z)) = 0,5.
    Mengembalikan Figure.
    """
    import matplotlib.pyplot as plt

    from .plotting import _finish

    if not isinstance(history, dict) or any(k not in history for k in _GAN_KEYS):
        got = list(history) if isinstance(history, dict) else type(history).__name__
        raise ValueError(f"history harus dict dengan kunci {list(_GAN_KEYS)}; diterima {got}.")
    values = {k: np.asarray(history[k], dtype=float) for k in _GAN_KEYS}
    lengths = {len(v) if v.ndim == 1 else -1 for v in values.values()}
    if len(lengths) != 1 or min(lengths) < 1:
        raise ValueError("Setiap nilai history harus list angka per epoch, tidak kosong, dan sama panjang.")
    epochs = np.arange(1, len(values["loss_D"]) + 1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.6))
    ax1.plot(epochs, values["loss_D"], "o-", ms=3, label="loss D")
    ax1.plot(epochs, values["loss_G"], "s-", ms=3, label="loss G")
    ax1.axhline(2 * np.log(2), color="gray", linestyle=":", label="D = 0,5: loss D = 2 ln 2")
    ax1.axhline(np.log(2), color="gray", linestyle="--", label="D = 0,5: loss G = ln 2")
    ax1.set_ylabel("Loss (BCE)")
    ax2.plot(epochs, values["D_x"], "o-", ms=3, label="D(x): gambar asli")
    ax2.plot(epochs, values["D_G_z"], "s-", ms=3, label="D(G(z)): gambar buatan")
    ax2.axhline(0.5, color="gray", linestyle=":", label="0,5 (tidak bisa membedakan)")
    ax2.set_ylim(0, 1)
    ax2.set_ylabel("Rata-rata keluaran D (peluang 'asli')")
    for ax in (ax1, ax2):
        ax.set_xlabel("Epoch")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(title)
    return _finish(fig, path)
