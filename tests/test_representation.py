"""Uji linear probe dan pelatihan yang diukur waktunya."""
import keras
import numpy as np
import pytest

import helpers

RNG = np.random.default_rng(3)


def _blobs(n_per_class, spread):
    centres = np.eye(3, 8) * 4
    y = np.repeat(np.arange(3), n_per_class)
    x = centres[y] + RNG.normal(0, spread, (len(y), 8))
    return x.astype(np.float32), y


def test_few_label_indices_balanced_and_reproducible():
    y = np.repeat(np.arange(4), 50)
    idx = helpers.few_label_indices(y, 10, seed=1)
    assert np.array_equal(np.bincount(y[idx]), [10, 10, 10, 10])
    assert np.array_equal(idx, helpers.few_label_indices(y, 10, seed=1))
    assert not np.array_equal(idx, helpers.few_label_indices(y, 10, seed=2))
    with pytest.raises(ValueError, match="hanya punya 50"):
        helpers.few_label_indices(y, 51)


def test_linear_probe_separable_vs_noise():
    x_train, y_train = _blobs(40, 0.5)
    x_test, y_test = _blobs(100, 0.5)
    assert helpers.linear_probe(x_train, y_train, x_test, y_test, per_class=10) > 0.95
    noise_train = RNG.normal(size=x_train.shape)
    noise_test = RNG.normal(size=x_test.shape)
    assert helpers.linear_probe(noise_train, y_train, noise_test, y_test, per_class=10) < 0.6


def test_linear_probe_flattens_images_and_checks_lengths():
    x_train, y_train = _blobs(20, 0.5)
    images = x_train.reshape(-1, 2, 4)
    assert helpers.linear_probe(images, y_train, images, y_train, per_class=5) > 0.9
    with pytest.raises(ValueError, match="Jumlah fitur dan jumlah label"):
        helpers.linear_probe(x_train, y_train[:-1], x_train, y_train)


def test_timed_fit_records_seconds_and_refuses_uncompiled(capsys):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4)], name="kecil")
    x = np.ones((8, 4), np.float32)
    with pytest.raises(ValueError, match="belum dikompilasi"):
        helpers.timed_fit(model, x, x, epochs=1)
    model.compile(loss="mse", optimizer="adam")
    history = helpers.timed_fit(model, x, x, epochs=2, validation_data=(x, x), verbose=0)
    assert len(history.history["loss"]) == 2 and history.seconds_per_epoch > 0
    assert "kecil:" in capsys.readouterr().out
    with pytest.raises(ValueError, match="epochs"):
        helpers.timed_fit(model, x, x, epochs=0)
