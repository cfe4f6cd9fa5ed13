"""Penalti sparsity notebook 05 berarti sama di setiap versi Keras 3 yang diizinkan.

Kelasnya diambil langsung dari sel notebook (seperti benchmark), lalu dipasang pada model kecil.
Loss yang dilaporkan `fit` harus sama dengan rumusnya: rekonstruksi + penalti per gambar.
CI menjalankan uji ini di lingkungan terbaru dan di lingkungan versi terlama.
"""
import keras
import numpy as np
import pytest
from muat import load_script

pytestmark = pytest.mark.filterwarnings("ignore:The model does not have any trainable weights")


@pytest.fixture(scope="module")
def nb05():
    return load_script("benchmarks/run.py").from_notebook("05_autoencoder_sparse",
                             ["SparsityPenalty", "L1Penalty", "KLDivergenceRegularizer",
                              "make_sparse_autoencoder"])


def _fit_loss(penalty_layer, x):
    """Loss satu langkah `fit` (satu batch, lr 0) dari model identitas + penalti, loss MSE 0."""
    model = keras.Sequential([keras.Input(shape=(x.shape[1],)), penalty_layer])
    model.compile(loss="mse", optimizer=keras.optimizers.SGD(0.0))
    return model.fit(x, x, batch_size=len(x), epochs=1, verbose=0).history["loss"][0]


def test_l1_penalty_is_per_image(nb05):
    x = np.full((8, 300), 0.5, dtype="float32")
    loss = _fit_loss(nb05.SparsityPenalty(nb05.L1Penalty(1e-2)), x)
    assert loss == pytest.approx(1e-2 * 300 * 0.5, rel=1e-5)   # 1,5 per gambar, bukan x8 atau /8


def test_kl_penalty_matches_formula(nb05):
    x = np.full((16, 300), 0.5, dtype="float32")
    kl_one_unit = 0.1 * np.log(0.1 / 0.5) + 0.9 * np.log(0.9 / 0.5)
    loss = _fit_loss(nb05.SparsityPenalty(nb05.KLDivergenceRegularizer(1e-3, 0.1)), x)
    assert loss == pytest.approx(1e-3 * 300 * kl_one_unit, rel=1e-5)


def test_penalty_does_not_depend_on_batch_size(nb05):
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, (64, 300)).astype("float32")
    layer = lambda: nb05.SparsityPenalty(nb05.L1Penalty(1e-3))  # noqa: E731
    small = np.mean([_fit_loss(layer(), x[i:i + 8]) for i in range(0, 64, 8)])
    assert _fit_loss(layer(), x) == pytest.approx(small, rel=1e-5)


def test_penalty_layer_survives_save_and_load(nb05, tmp_path):
    model = keras.Sequential([keras.Input(shape=(300,)),
                              nb05.SparsityPenalty(nb05.KLDivergenceRegularizer(2e-3, 0.05),
                                                   name="penalti_kode")])
    path = tmp_path / "m.keras"
    model.save(path)
    loaded = keras.models.load_model(path, custom_objects={
        "SparsityPenalty": nb05.SparsityPenalty,
        "KLDivergenceRegularizer": nb05.KLDivergenceRegularizer})
    assert loaded.get_layer("penalti_kode").penalty.get_config() == {"weight": 2e-3, "target": 0.05}


def test_notebook_model_loss_is_reconstruction_plus_penalty(nb05):
    """Model notebook: loss fit = BCE rata-rata + penalti pada kode, tidak dihitung dua kali."""
    keras.utils.set_random_seed(0)
    penalty = nb05.KLDivergenceRegularizer(1e-2, 0.1)
    model, encoder = nb05.make_sparse_autoencoder(penalty, name="uji")
    model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.SGD(0.0))
    x = np.random.default_rng(1).uniform(0, 1, (32, 28, 28)).astype("float32")
    loss = model.fit(x, x, batch_size=32, epochs=1, verbose=0, shuffle=False).history["loss"][0]
    bce = float(np.mean(keras.losses.binary_crossentropy(x, model(x))))
    expected = bce + float(penalty(encoder(x)))
    assert loss == pytest.approx(expected, rel=1e-4)
