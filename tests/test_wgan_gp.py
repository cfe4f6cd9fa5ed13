"""Penalti gradien dan langkah pelatihan WGAN-GP dari notebook 10 sendiri.

Fungsi diambil dari sel kode notebook (seperti ``test_gan_training.py`` mengambil langkah
notebook 07), lalu diuji pada kritikus kecil yang hasilnya diketahui secara analitik:
bobot interpolasi ~ U(0, 1) satu per sampel, penalti berhingga dengan gradien berhingga saat
gradien kritikus nol (epsilon di dalam akar), dan penalti kritikus linear = (||w|| - 1)^2.
"""
import numpy as np
import pytest
from muat import load_script

NAMES = ["NOISE_DIM", "N_CRITIC", "GP_WEIGHT", "NORM_EPS", "interpolation_weights",
         "gradient_norms", "gradient_penalty", "make_train_step", "run_epoch"]


@pytest.fixture(scope="module")
def nb10():
    import keras

    keras.utils.set_random_seed(0)
    return load_script("benchmarks/run.py").from_notebook("10_wgan_gp", NAMES)


def linear_critic(kernel, bias=0.0):
    import keras

    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    model.layers[-1].set_weights([np.asarray(kernel, "float32").reshape(784, 1),
                                  np.array([bias], "float32")])
    return model


def images(n, seed):
    """Tensor gambar acak di [-1, 1] (di notebook pun gradient_penalty menerima tensor)."""
    import tensorflow as tf

    return tf.constant(np.random.default_rng(seed).uniform(-1, 1, (n, 28, 28, 1)), tf.float32)


def test_setelan_makalah(nb10):
    assert (nb10.N_CRITIC, nb10.GP_WEIGHT, nb10.NOISE_DIM) == (5, 10.0, 100)
    assert 0 < nb10.NORM_EPS <= 1e-6


def test_bobot_interpolasi_seragam_satu_per_sampel(nb10):
    eps = nb10.interpolation_weights(4096).numpy()
    assert eps.shape == (4096, 1, 1, 1)
    assert eps.min() >= 0.0 and eps.max() <= 1.0
    assert len(np.unique(eps)) > 4000                 # berbeda antarsampel, bukan satu per batch
    assert abs(eps.mean() - 0.5) < 0.03
    assert abs(eps.std() - 1 / np.sqrt(12)) < 0.02    # simpangan baku U(0, 1), bukan N(0, 1)


def test_gradien_nol_memberi_penalti_dan_gradien_berhingga(nb10):
    import tensorflow as tf

    critic = linear_critic(np.zeros(784))
    eps = nb10.interpolation_weights(8)
    with tf.GradientTape() as tape:
        penalty = nb10.gradient_penalty(critic, images(8, 1), images(8, 2), eps)
    grad = tape.gradient(penalty, critic.layers[-1].kernel)
    assert float(penalty) == pytest.approx(1.0, abs=1e-5)      # (0 - 1)^2
    assert np.all(np.isfinite(grad.numpy()))

    # Tanpa epsilon di dalam akar, kasus yang sama memberi NaN: itulah yang dicegah NORM_EPS.
    with tf.GradientTape() as tape:
        mixed = tf.convert_to_tensor(images(8, 1))
        with tf.GradientTape() as inner:
            inner.watch(mixed)
            scores = critic(mixed)
        norms = tf.norm(tf.reshape(inner.gradient(scores, mixed), [8, -1]), axis=1)
        naive = tf.reduce_mean(tf.square(norms - 1.0))
    assert not np.all(np.isfinite(tape.gradient(naive, critic.layers[-1].kernel).numpy()))


@pytest.mark.parametrize("scale", [0.3, 1.0, 2.5])
def test_kritikus_linear_penalti_analitik(nb10, scale):
    import tensorflow as tf

    w = np.random.default_rng(3).standard_normal(784)
    w *= scale / np.linalg.norm(w)                   # ||w|| = scale
    critic = linear_critic(w, bias=0.7)
    for eps in (nb10.interpolation_weights(16), tf.zeros((16, 1, 1, 1)), tf.ones((16, 1, 1, 1))):
        penalty = float(nb10.gradient_penalty(critic, images(16, 4), images(16, 5), eps))
        assert penalty == pytest.approx((scale - 1.0) ** 2, abs=1e-4)


def test_norma_gradien_kritikus_linear_per_gambar(nb10):
    """Kritikus linear bergradien w di setiap titik: setiap gambar bernorma ||w||, juga untuk
    masukan array NumPy (seperti batch di Latihan 3)."""
    w = np.random.default_rng(8).standard_normal(784)
    w *= 1.7 / np.linalg.norm(w)
    norms = nb10.gradient_norms(linear_critic(w, bias=-0.2), images(5, 9).numpy()).numpy()
    assert norms.shape == (5,)
    np.testing.assert_allclose(norms, 1.7, rtol=1e-5)


def test_titik_interpolasi_per_sampel(nb10):
    """Kritikus f(x) = ||x||^2 / 2 bergradien x, jadi penaltinya (||x_hat|| - 1)^2 per sampel."""
    import tensorflow as tf

    def critic(x, training=False):
        return 0.5 * tf.reduce_sum(tf.square(x), axis=[1, 2, 3])

    real, fake = images(6, 6), images(6, 7)
    eps = tf.reshape(tf.linspace(0.0, 1.0, 6), (6, 1, 1, 1))
    mixed = (eps * real + (1 - eps) * fake).numpy()
    expected = np.mean((np.linalg.norm(mixed.reshape(6, -1), axis=1) - 1.0) ** 2)
    assert float(nb10.gradient_penalty(critic, real, fake, eps)) == pytest.approx(expected, rel=1e-4)


def test_langkah_pelatihan_lima_langkah_kritikus_per_langkah_g(nb10):
    import keras
    import tensorflow as tf

    nb10.make_train_step.__globals__["NOISE_DIM"] = 8
    try:
        keras.utils.set_random_seed(0)
        generator = keras.Sequential([keras.Input((8,)), keras.layers.Dense(784, activation="tanh"),
                                      keras.layers.Reshape((28, 28, 1))])
        critic = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                                   keras.layers.Dense(16), keras.layers.LeakyReLU(0.2),
                                   keras.layers.Dense(1)])
        g_opt = keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9)
        c_opt = keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9)
        step = nb10.make_train_step(generator, critic, g_opt, c_opt)
        dataset = (tf.data.Dataset.from_tensor_slices(images(160, 8)).batch(16, drop_remainder=True)
                   .batch(nb10.N_CRITIC, drop_remainder=True))
        before = [w.copy() for w in generator.get_weights()]
        values = nb10.run_epoch(step, dataset)
    finally:
        nb10.make_train_step.__globals__["NOISE_DIM"] = 100
    assert values.shape == (4,) and np.all(np.isfinite(values))
    assert int(g_opt.iterations) == 2 and int(c_opt.iterations) == 2 * nb10.N_CRITIC
    assert any(not np.array_equal(a, b) for a, b in zip(before, generator.get_weights()))
