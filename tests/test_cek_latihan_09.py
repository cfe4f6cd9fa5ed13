"""Sel cek latihan notebook 09 (GAN bersyarat): jawaban benar diterima, jawaban salah yang masuk
akal ditolak dengan petunjuk, dan jawaban bertipe salah mendapat pesan (bukan traceback)."""
import numpy as np
import pytest
from sel_latihan import accepted, refused, run_check

import helpers


class _BatchNorm:
    """Pengganti BatchNormalization: rata-rata bergerak 0 sebelum dilatih, bergeser sesudahnya."""

    def __init__(self, trained):
        self.moving_mean = np.full(8, 0.03 if trained else 0.0, "float32")


class _Model:
    """Pengganti model Keras: ``get_layer`` memberi lapisan bernama, ``predict`` gambar nol,
    ``layers`` berisi satu BatchNorm yang sudah (atau belum) dilatih."""

    def __init__(self, trained=True, **named_layers):
        self.named_layers = named_layers
        self.layers = [_BatchNorm(trained)]

    def get_layer(self, name):
        return self.named_layers[name]

    def predict(self, inputs, **kwargs):
        return np.zeros((len(inputs[0]), 28, 28, 1), "float32")


@pytest.fixture(scope="module")
def label_embedding():
    import keras

    keras.utils.set_random_seed(0)
    layer = keras.layers.Embedding(10, 50, name="label_embedding_g")
    layer.build((None,))
    return layer


Y_TRAIN_16 = np.array([5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7])  # 16 label latih MNIST pertama


@pytest.mark.parametrize("which, ok", [
    ("one_hot_kali_w", True),
    ("lookup", True),            # keluaran Embedding untuk label yang sama: hasilnya memang identik
    ("w_saja", False),           # W sendiri, bentuk (10, 50): tidak membuktikan apa-apa
    ("kelas_0_9", False),        # one-hot kelas 0-9 kali W, sama dengan W
    ("eye", False),              # one-hot tanpa dikalikan W, bentuk (16, 10)
    ("w_transpos", False),       # bentuk (50, 10)
    ("urutan_terbalik", False),  # baris untuk label dalam urutan terbalik
    ("acak", False),             # W generator lain (misalnya yang belum dilatih)
    ("teks", False),
    ("kosong", False),
])
def test_09_latihan_1(label_embedding, which, ok):
    W = label_embedding.get_weights()[0]
    one_hot = np.eye(10, dtype="float32")[Y_TRAIN_16]
    answer = {"one_hot_kali_w": one_hot @ W, "lookup": W[Y_TRAIN_16], "w_saja": W,
              "kelas_0_9": np.eye(10, dtype="float32") @ W, "eye": one_hot,
              "w_transpos": W.T, "urutan_terbalik": (one_hot @ W)[::-1],
              "acak": np.random.default_rng(1).normal(0, 0.05, (16, 50)), "teks": "one-hot kali W",
              "kosong": ...}[which]
    out = run_check("09", 1, jawaban_1=answer, generator=_Model(label_embedding_g=label_embedding),
                    y_train=Y_TRAIN_16.astype("int32"), N_CLASSES=10, LABEL_DIM_G=50)
    assert accepted(out) if ok else refused(out), out


class _Classifier:
    test_accuracy = 0.95


Y_TEST = np.arange(200) % 10
Y_TEST[:7] = 3  # kelas tidak seimbang, seperti data uji asli


def _fidelity(overall, requested):
    return {"overall": overall, "requested": np.asarray(requested), "n_samples": int(np.sum(requested)),
            "per_class": np.full(10, overall), "dataset": "mnist"}


@pytest.mark.parametrize("answer, ok", [
    (_fidelity(0.95, np.bincount(Y_TEST, minlength=10)), True),
    (_fidelity(0.952, np.bincount(Y_TEST, minlength=10)), True),
    # gambar buatan dengan eval_labels: permintaannya seragam, bukan label uji asli
    (_fidelity(0.94, np.full(10, 20)), False),
    # label digeser satu kelas: kesetiaannya jauh di bawah akurasi klasifikator
    (_fidelity(0.01, np.bincount(Y_TEST, minlength=10)), False),
    # hanya 100 gambar uji pertama
    (_fidelity(0.95, np.bincount(Y_TEST[:100], minlength=10)), False),
    (0.95, False),
    ("95%", False),
])
def test_09_latihan_2(answer, ok):
    out = run_check("09", 2, jawaban_2=answer, X_test=np.zeros((200, 28, 28, 1)), y_test=Y_TEST,
                    classifier=_Classifier(), N_CLASSES=10)
    assert accepted(out) if ok else refused(out), out


BLIND_SHARES = np.array([0.1, 0.05, 0.2, 0.1, 0.0, 0.15, 0.1, 0.1, 0.1, 0.1])


def _blind_d(zero=True, frozen=True):
    weights = np.zeros((10, 784)) if zero else np.full((10, 784), 0.01)

    class Layer:
        trainable = not frozen

        def get_weights(self):
            return [weights]

    return _Model(label_embedding_d=Layer())


BLIND = {"per_class": BLIND_SHARES, "overall": 0.1}
PAIR = ("g_blind", "d_blind")


@pytest.mark.parametrize("answer, names, zero, frozen, trained, ok", [
    (BLIND, PAIR, True, True, True, True),
    # kesetiaan generator yang melihat label (atau generator utama), bukan g_blind
    ({"per_class": np.full(10, 0.9), "overall": 0.9}, PAIR, True, True, True, False),
    # embedding label D tidak dinolkan: D masih melihat label
    (BLIND, PAIR, False, True, True, False),
    # dinolkan tetapi tidak dibekukan: D bisa belajar memakai label lagi
    (BLIND, PAIR, True, False, True, False),
    # g_blind belum dilatih (kesetiaan generator acak juga dekat 10%)
    (BLIND, PAIR, True, True, False, False),
    (BLIND, (), True, True, True, False),     # tanpa g_blind/d_blind
    (0.1, PAIR, True, True, True, False),
    ("rendah", PAIR, True, True, True, False),
])
def test_09_latihan_3(monkeypatch, answer, names, zero, frozen, trained, ok):
    monkeypatch.setattr(helpers, "class_fidelity",
                        lambda *args, **kwargs: {"per_class": BLIND_SHARES, "overall": 0.1})
    extra = {"g_blind": _Model(trained=trained), "d_blind": _blind_d(zero, frozen)}
    extra = {name: extra[name] for name in names}
    out = run_check("09", 3, jawaban_3=answer, eval_noise=np.zeros((500, 100)),
                    eval_labels=np.repeat(np.arange(10), 50), classifier=None, N_CLASSES=10, **extra)
    assert accepted(out) if ok else refused(out), out


@pytest.mark.parametrize("overall, fast, ok", [
    (0.1, False, True),
    # ukuran penuh: kesetiaan setinggi varian yang melihat label berarti D melihat label saat dilatih
    # (mis. embedding dinolkan dan dibekukan baru sesudah pelatihan)
    (0.6, False, False),
    (0.6, True, True),   # mode cepat: kedua varian belum membuat angka, jadi tidak diperiksa
])
def test_09_latihan_3_ukuran_penuh(monkeypatch, overall, fast, ok):
    shares = np.full(10, overall)
    fidelity = {"per_class": shares, "overall": overall}
    monkeypatch.setattr(helpers, "class_fidelity", lambda *args, **kwargs: fidelity)
    monkeypatch.setattr(helpers, "fast_mode", lambda: fast)
    out = run_check("09", 3, jawaban_3=dict(fidelity), eval_noise=np.zeros((500, 100)),
                    eval_labels=np.repeat(np.arange(10), 50), classifier=None, N_CLASSES=10,
                    g_blind=_Model(trained=True), d_blind=_blind_d())
    assert accepted(out) if ok else refused(out), out


FASHION = np.array([0.5, 0.95, 0.6, 0.7, 0.55, 0.9, 0.3, 0.9, 0.95, 0.9])


@pytest.mark.parametrize("answer, names, ok", [
    ({"per_class": FASHION, "n_samples": 500, "dataset": "fashion_mnist"}, ("g_fashion",), True),
    # g_fashion ada tetapi belum dilatih
    ({"per_class": FASHION, "n_samples": 500, "dataset": "fashion_mnist"}, ("g_fashion_mentah",), False),
    ({"per_class": FASHION, "n_samples": 500, "dataset": "mnist"}, ("g_fashion",), False),   # MNIST
    ({"per_class": FASHION, "n_samples": 100, "dataset": "fashion_mnist"}, ("g_fashion",), False),
    # kesetiaan generator MNIST yang diukur dengan klasifikator Fashion-MNIST
    ({"per_class": np.full(10, 0.1), "n_samples": 500, "dataset": "fashion_mnist"}, ("g_fashion",), False),
    ({"per_class": FASHION, "n_samples": 500, "dataset": "fashion_mnist"}, (), False),   # tanpa g_fashion
    ([0.5] * 10, ("g_fashion",), False),
    ("fashion_mnist", ("g_fashion",), False),
])
def test_09_latihan_4(monkeypatch, answer, names, ok):
    monkeypatch.setattr(helpers, "load_classifier", lambda *args, **kwargs: None)
    monkeypatch.setattr(helpers, "class_fidelity",
                        lambda *args, **kwargs: {"per_class": FASHION, "dataset": "fashion_mnist"})
    monkeypatch.setattr(helpers, "load_fashion_mnist", lambda: FASHION_DATA)
    extra = {"g_fashion": _Model(trained="g_fashion" in names)} if names else {}
    out = run_check("09", 4, jawaban_4=answer, eval_noise=np.zeros((500, 100)),
                    eval_labels=np.repeat(np.arange(10), 50), N_CLASSES=10, **extra, **fashion_pairs())
    assert accepted(out) if ok else refused(out), out


_RAW = np.random.default_rng(0).integers(0, 256, (40, 28, 28), dtype=np.uint8)
_LABELS = np.arange(40) % 10
FASHION_DATA = ((_RAW, _LABELS), (_RAW[:10], _LABELS[:10]))


def fashion_pairs(images=None, labels=None):
    """F_images dan F_labels seperti di soal (32 gambar pertama), atau yang diberikan uji."""
    normalised = ((_RAW[:32].astype("float32") - 127.5) / 127.5)[..., None]
    return {"F_images": normalised if images is None else images,
            "F_labels": _LABELS[:32].astype("int32") if labels is None else labels}


@pytest.mark.parametrize("pairs, ok", [
    (fashion_pairs(), True),
    # Rentang [0, 1], bukan [-1, 1]
    (fashion_pairs(images=(_RAW[:32].astype("float32") / 255)[..., None]), False),
    # Gambar lain (mis. MNIST) dengan bentuk yang benar
    (fashion_pairs(images=np.zeros((32, 28, 28, 1), "float32")), False),
    # Tanpa sumbu kanal
    (fashion_pairs(images=(_RAW[:32].astype("float32") - 127.5) / 127.5), False),
    # Label tidak cocok dengan gambarnya
    (fashion_pairs(labels=np.roll(_LABELS[:32], 1)), False),
    ({"F_images": None, "F_labels": None}, False),   # nama tidak ada
])
def test_09_latihan_4_data_fashion(monkeypatch, pairs, ok):
    monkeypatch.setattr(helpers, "load_classifier", lambda *args, **kwargs: None)
    monkeypatch.setattr(helpers, "class_fidelity",
                        lambda *args, **kwargs: {"per_class": FASHION, "dataset": "fashion_mnist"})
    monkeypatch.setattr(helpers, "load_fashion_mnist", lambda: FASHION_DATA)
    answer = {"per_class": FASHION, "n_samples": 500, "dataset": "fashion_mnist"}
    namespace = {k: v for k, v in pairs.items() if v is not None}
    out = run_check("09", 4, jawaban_4=answer, eval_noise=np.zeros((500, 100)),
                    eval_labels=np.repeat(np.arange(10), 50), N_CLASSES=10, g_fashion=_Model(), **namespace)
    assert accepted(out) if ok else refused(out), out
