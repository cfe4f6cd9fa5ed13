"""Sel cek latihan notebook 07 dan 08: jawaban benar diterima, jawaban salah yang masuk akal
ditolak, dan jawaban bertipe salah mendapat pesan (bukan traceback)."""
import numpy as np
import pytest
from sel_latihan import accepted, refused, run_check

import helpers

LN2 = float(np.log(2))
SIG6 = float(1 / (1 + np.exp(6)))


LOSS_D = float(-np.log(0.8) - np.log(0.7))
LOSS_G = float(-np.log(0.3))


@pytest.mark.parametrize("loss_d, loss_g, ok", [
    (LOSS_D, LOSS_G, True),
    (2 * LN2, LN2, False),                       # nilai di titik D = 0,5, bukan untuk 0,8 / 0,3
    (float(-np.log(0.8) - np.log(0.3)), LOSS_G, False),  # gambar buatan diberi label 1
    (LOSS_D, float(-np.log(0.7)), False),        # loss G dengan label 0
    ("0,58", LOSS_G, False),                     # teks, bukan angka
    ([LOSS_D, LOSS_G], LOSS_G, False),           # dua angka di satu jawaban
])
def test_07_latihan_1(loss_d, loss_g, ok):
    out = run_check("07", 1, jawaban_1_loss_d=loss_d, jawaban_1_loss_g=loss_g)
    assert accepted(out) if ok else refused(out), out


@pytest.mark.parametrize("minimax, nonsat, ok", [
    (SIG6, 1 - SIG6, True),
    (1 - SIG6, SIG6, False),      # tertukar
    (-SIG6, -(1 - SIG6), False),  # tanda, bukan nilai mutlak
    (None, "besar", False),
])
def test_07_latihan_2(minimax, nonsat, ok):
    out = run_check("07", 2, jawaban_2_minimax=minimax, jawaban_2_nonsat=nonsat)
    assert accepted(out) if ok else refused(out), out


@pytest.mark.parametrize("optimum, d_real, ok", [
    # D saja melawan G yang dibekukan: label 1,0 mendekati 1, label 0,9 berhenti di sekitar 0,9
    (0.9, {1.0: 0.9999, 0.9: 0.899}, True),
    (1.0, {1.0: 0.9999, 0.9: 0.899}, False),  # optimum dikira 1 seperti label biasa
    (0.9, {1.0: 0.899, 0.9: 0.9999}, False),  # kedua run tertukar
    (0.9, {1.0: 0.58, 0.9: 0.62}, False),     # GAN penuh (G ikut dilatih), kunci tertukar
    (0.9, {1.0: 0.6, 0.9: 0.6}, False),       # dua angka sama: perbedaan label tidak terlihat
    (0.9, {1.0: 0.9999, 0.9: 0.9999}, False),  # real_label=0.9 lupa diteruskan
    (0.9, 0.86, False),                     # satu angka, bukan dict
    ("0,9", {1.0: "tinggi", 0.9: 0.86}, False),
    (0.9, {1.0: ..., 0.9: ...}, False),     # bagian (b) belum dijawab
])
def test_07_latihan_3(optimum, d_real, ok):
    out = run_check("07", 3, jawaban_3_optimum=optimum, jawaban_3_d_real=d_real)
    assert accepted(out) if ok else refused(out), out


@pytest.mark.parametrize("present, ok", [(2, True), (np.int64(2), True), (10, False), (0, False),
                                         ("2", False), (2.5, False), (..., False)])
def test_07_latihan_4(present, ok):
    out = run_check("07", 4, jawaban_4_hadir=present)
    assert accepted(out) if ok else refused(out), out


@pytest.fixture(scope="module")
def dcgan_like_generator():
    import keras

    return keras.Sequential([
        keras.Input((7, 7, 256)),
        keras.layers.Conv2DTranspose(128, 5, padding="same", use_bias=False),
        keras.layers.Conv2DTranspose(64, 5, strides=2, padding="same", use_bias=False),
        keras.layers.Conv2DTranspose(1, 5, strides=2, padding="same"),
    ])


@pytest.mark.parametrize("answer, ok", [(5 * 5 * 128 * 64, True), (5 * 5 * 128 * 64 + 64, False),
                                        (5 * 5 * 256 * 128, False), ("204800", False)])
def test_08_latihan_1(dcgan_like_generator, answer, ok):
    from keras import layers

    out = run_check("08", 1, jawaban_1=answer, generator=dcgan_like_generator, layers=layers)
    assert accepted(out) if ok else refused(out), out


def _interpolations():
    z0, z1 = np.random.default_rng(7).standard_normal((2, 100)).astype("float32")
    t = np.linspace(0, 1, 10)[:, None]
    omega = np.arccos(z0 @ z1 / (np.linalg.norm(z0) * np.linalg.norm(z1)))
    slerp = (np.sin((1 - t) * omega) * z0 + np.sin(t * omega) * z1) / np.sin(omega)
    linear = (1 - t) * z0 + t * z1
    return z0, z1, slerp, linear


@pytest.mark.parametrize("which, ok", [("slerp", True), ("linear", False), ("reversed", False),
                                       ("text", False), ("short", False)])
def test_08_latihan_2(which, ok):
    z0, z1, slerp, linear = _interpolations()
    answer = {"slerp": slerp, "linear": linear, "reversed": slerp[::-1], "text": "slerp",
              "short": slerp[:5]}[which]
    out = run_check("08", 2, jawaban_2=answer, z0=z0, z1=z1, NOISE_DIM=100)
    assert accepted(out) if ok else refused(out), out


class _FakeGenerator:
    def predict(self, noise, **kwargs):
        return np.zeros((len(noise), 28, 28, 1))


# Porsi kelas gambar buatan g_fashion (class_coverage diganti agar uji tanpa klasifikator).
FASHION_SHARES = np.array([0.12, 0.08, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])


@pytest.mark.parametrize("answer, names, ok", [
    ({"shares": FASHION_SHARES, "n_samples": 500, "dataset": "fashion_mnist"}, ("g_fashion",), True),
    ({"shares": FASHION_SHARES, "n_samples": 500, "dataset": "mnist"}, ("g_fashion",), False),  # MNIST
    ({"shares": FASHION_SHARES, "n_samples": 16, "dataset": "fashion_mnist"}, ("g_fashion",), False),
    # generator MNIST yang belum dilatih pada Fashion-MNIST: porsinya lain dari g_fashion
    ({"shares": np.array([0.5, 0.3, 0.2, 0, 0, 0, 0, 0, 0, 0]), "n_samples": 500,
      "dataset": "fashion_mnist"}, ("g_fashion",), False),
    ({"shares": FASHION_SHARES, "n_samples": 500, "dataset": "fashion_mnist"}, (), False),  # tanpa g_fashion
    ([0.1] * 10, ("g_fashion",), False),
    ("fashion_mnist", ("g_fashion",), False),
])
def test_08_latihan_3(monkeypatch, answer, names, ok):
    monkeypatch.setattr(helpers, "load_classifier", lambda *args, **kwargs: None)
    monkeypatch.setattr(helpers, "class_coverage",
                        lambda *args, **kwargs: {"shares": FASHION_SHARES, "dataset": "fashion_mnist"})
    extra = {name: _FakeGenerator() for name in names}
    out = run_check("08", 3, jawaban_3=answer, eval_noise=np.zeros((500, 100)), **extra)
    assert accepted(out) if ok else refused(out), out


@pytest.mark.parametrize("answer, ok", [(80.0, True), (np.float64(80.0), True), (9.0, False),
                                        ("80", False), (True, False), ([80.0], False)])
def test_08_latihan_4(monkeypatch, answer, ok):
    # Lantai 1.000 vs 1.000 dibuat 3,0 agar uji tidak perlu klasifikator terlatih.
    monkeypatch.setattr(helpers, "frechet_distance", lambda *args, **kwargs: 3.0)
    out = run_check("08", 4, jawaban_4=answer, classifier=None,
                    X_train=np.zeros((1000, 28, 28, 1)), X_test=np.zeros((1000, 28, 28, 1)))
    assert accepted(out) if ok else refused(out), out
