"""Uji helpers.evaluation dan helpers.memorisation: cakupan kelas, jarak Fréchet, cek hafalan
(notebook 07, 08, dan 09).

Klasifikator dilatih sekali per modul (mode cepat: subset 2.000 gambar, 3 epoch) dan dipakai semua uji.
"""
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

matplotlib.use("Agg")

import helpers  # noqa: E402
from helpers.evaluation import _cache_key  # noqa: E402


@pytest.fixture(scope="module")
def mnist():
    (X_train, y_train), (X_test, y_test) = helpers.load_mnist()
    return X_train, y_train, X_test, y_test


@pytest.fixture(scope="module")
def clf():
    return helpers.load_classifier("mnist", verbose=False)  # mode cepat: 2.000 gambar, 3 epoch


@pytest.fixture(scope="module")
def real_and_collapsed(mnist):
    X_train, y_train, X_test, y_test = mnist
    real = X_test[:1000]
    ones = X_train[y_train == 1]
    collapsed = ones[np.arange(1000) % len(ones)]  # "generator" yang hanya membuat angka 1
    return X_train[:1000], real, collapsed


def test_classifier_is_usable(clf):
    assert clf.test_accuracy > 0.8
    assert helpers.classifier_features(np.zeros((3, 28, 28), "float32"), clf).shape == (3, 128)


def test_classifier_cache_is_reused(clf, capsys):
    again = helpers.load_classifier("mnist")
    assert "cache" in capsys.readouterr().out
    x = np.random.default_rng(0).uniform(size=(4, 28, 28)).astype("float32")
    np.testing.assert_allclose(again.predict(x[..., None], verbose=0), clf.predict(x[..., None], verbose=0),
                               atol=1e-6)


def test_cache_key_depends_on_mode_size_and_content(mnist):
    X, y = mnist[0][:500], mnist[1][:500]
    key = _cache_key("mnist", True, X, y, 2)
    assert "cepat" in key and "n500" in key
    assert _cache_key("mnist", False, X, y, 2) != key
    assert _cache_key("mnist", True, mnist[0][:400], mnist[1][:400], 2) != key
    assert _cache_key("mnist", True, mnist[0][100:600], mnist[1][100:600], 2) != key
    assert _cache_key("mnist", True, X, y, 3) != key


def test_coverage_real_vs_collapsed(clf, real_and_collapsed):
    _, real, collapsed = real_and_collapsed
    good = helpers.class_coverage(real, clf, verbose=False)
    bad = helpers.class_coverage(collapsed, clf, verbose=False)
    assert good["n_samples"] == 1000 and good["counts"].sum() == 1000
    assert good["classes_present"] == 10 and good["min_share"] > 0.02
    assert bad["shares"][1] > 0.8 and bad["classes_present"] <= 3 and bad["min_share"] < 0.01
    assert len(bad["classes_below_5pct"]) >= 8
    fig = helpers.plot_class_coverage(bad)
    assert len(fig.axes[0].patches) == 10
    assert len(fig.axes[0].get_lines()) == 2  # garis 5% dan 10%


def test_coverage_prints_indonesian_summary(clf, real_and_collapsed, capsys):
    helpers.class_coverage(real_and_collapsed[1][:200], clf)
    out = capsys.readouterr().out
    assert "Cakupan kelas dari 200 sampel" in out and "porsi terkecil" in out


def test_frechet_real_floor_vs_collapsed(clf, real_and_collapsed):
    train_sub, real, collapsed = real_and_collapsed
    floor = helpers.frechet_distance(train_sub, real, clf)
    bad = helpers.frechet_distance(collapsed, real, clf)
    assert floor >= 0
    assert bad > 5 * floor


def test_frechet_identical_sets_is_zero(clf, real_and_collapsed):
    real = real_and_collapsed[1][:300]
    assert helpers.frechet_distance(real, real, clf) == pytest.approx(0.0, abs=1e-3)


def test_ranges_and_shapes_are_equivalent(clf, real_and_collapsed):
    real = real_and_collapsed[1][:300]
    unit = real.astype("float32") / 255.0
    tanh = (real.astype("float32") - 127.5) / 127.5
    d_unit = helpers.frechet_distance(unit, real_and_collapsed[0][:300], clf)
    d_tanh = helpers.frechet_distance(tanh[..., None], real_and_collapsed[0][:300], clf)
    assert d_unit == pytest.approx(d_tanh, rel=1e-4, abs=1e-4)


def test_classify_rescales_tanh_images(clf, mnist):
    """Gambar keluaran tanh [-1, 1] diklasifikasikan sama seperti gambar [0, 1] yang setara."""
    _, _, X_test, y_test = mnist
    unit = X_test[:200].astype("float32") / 255.0
    tanh = unit * 2.0 - 1.0
    probs_unit = helpers.classify(unit, clf)
    probs_tanh = helpers.classify(tanh[..., None], clf)
    assert probs_unit.shape == (200, 10)
    np.testing.assert_allclose(probs_tanh, probs_unit, atol=1e-5)
    assert np.mean(probs_tanh.argmax(axis=1) == y_test[:200]) > 0.8
    # Tanpa penggeseran, latar -1 adalah masukan di luar sebaran latih: tebakannya lain.
    raw = np.asarray(clf(tanh[..., None], training=False))
    assert np.abs(raw - probs_unit).max() > 0.1
    with pytest.raises(ValueError, match="helpers.load_classifier"):
        helpers.classify(unit, "bukan model")


@pytest.mark.parametrize("bad, pattern", [
    (np.zeros((5, 28, 27), "float32"), "harus berbentuk"),
    (np.zeros((5, 784), "float32"), "harus berbentuk"),
    (np.full((5, 28, 28), 255.0, "float32"), "harus dalam \\[0, 1\\] atau \\[-1, 1\\]"),
    (np.full((5, 28, 28), np.nan, "float32"), "NaN"),
    (np.zeros((0, 28, 28), "float32"), "paling sedikit"),
])
def test_bad_images_give_indonesian_errors(clf, bad, pattern):
    with pytest.raises(ValueError, match=pattern):
        helpers.class_coverage(bad, clf, verbose=False)


def test_other_bad_inputs(clf):
    x = np.zeros((5, 28, 28), "float32")
    with pytest.raises(ValueError, match="paling sedikit 2 gambar"):
        helpers.frechet_distance(x[:1], x, clf)
    with pytest.raises(ValueError, match="helpers.load_classifier"):
        helpers.class_coverage(x, "bukan model")
    with pytest.raises(ValueError, match="tidak dikenal"):
        helpers.load_classifier("cifar10")
    with pytest.raises(ValueError, match="n_train"):
        helpers.load_classifier("mnist", n_train=10)
    with pytest.raises(ValueError, match="present_threshold"):
        helpers.class_coverage(x, clf, present_threshold=5)
    with pytest.raises(ValueError, match="class_coverage"):
        helpers.plot_class_coverage({"counts": [1, 2]})


def test_class_fidelity_real_digits_and_swapped_labels(clf, mnist):
    """Gambar uji asli dengan labelnya sendiri: kesetiaan setinggi akurasi klasifikator;
    dengan label yang digeser satu kelas: hampir nol (notebook 09)."""
    _, _, X_test, y_test = mnist
    images, labels = X_test[:500], y_test[:500]
    right = helpers.class_fidelity(images, labels, clf, verbose=False)
    predicted = helpers.classify(images, clf).argmax(axis=1)
    assert right["overall"] == pytest.approx(np.mean(predicted == labels))
    assert right["overall"] > 0.8 and right["n_samples"] == 500 and right["dataset"] == "mnist"
    assert right["per_class"].shape == (10,) and right["requested"].sum() == 500
    assert right["confusion"].sum() == 500 and right["worst"] == pytest.approx(np.nanmin(right["per_class"]))
    wrong = helpers.class_fidelity(images, (labels + 1) % 10, clf, verbose=False)
    assert wrong["overall"] < 0.1
    only_ones = helpers.class_fidelity(images[labels == 1], np.ones(int(np.sum(labels == 1)), int), clf,
                                       verbose=False)
    assert np.isnan(only_ones["per_class"][0]) and only_ones["worst_class"] == 1


def test_class_fidelity_prints_indonesian_summary(clf, mnist, capsys):
    _, _, X_test, y_test = mnist
    helpers.class_fidelity(X_test[:100], y_test[:100], clf)
    out = capsys.readouterr().out
    assert "Kesetiaan kelas dari 100 sampel" in out and "terendah kelas" in out


@pytest.mark.parametrize("labels, pattern", [
    (np.zeros(4, int), "harus berbentuk \\(5,\\)"),          # satu label kurang
    (np.zeros((5, 10)), "harus berbentuk \\(5,\\)"),         # one-hot, bukan nomor kelas
    (np.array([0, 1, 2, 3, 10]), "rentang 0-9"),
    (np.array([0, 1, 2, 3, -1]), "rentang 0-9"),
    (np.array([0.0, 0.5, 1.0, 2.0, 3.0]), "bilangan bulat"),
])
def test_class_fidelity_bad_labels(clf, labels, pattern):
    with pytest.raises(ValueError, match=pattern):
        helpers.class_fidelity(np.zeros((5, 28, 28), "float32"), labels, clf, verbose=False)


def test_class_fidelity_bad_images_and_classifier(clf):
    with pytest.raises(ValueError, match="harus dalam \\[0, 1\\] atau \\[-1, 1\\]"):
        helpers.class_fidelity(np.full((5, 28, 28), 255.0, "float32"), np.zeros(5, int), clf)
    with pytest.raises(ValueError, match="harus berbentuk"):
        helpers.class_fidelity(np.zeros((5, 784), "float32"), np.zeros(5, int), clf)
    with pytest.raises(ValueError, match="helpers.load_classifier"):
        helpers.class_fidelity(np.zeros((5, 28, 28), "float32"), np.zeros(5, int), "bukan model")


def test_plot_gan_history():
    fig = helpers.plot_gan_history({"loss_D": [1.2, 1.3], "loss_G": [0.9, 0.8], "D_x": [0.6, 0.55],
                                    "D_G_z": [0.4, 0.45]})
    assert len(fig.axes) == 2
    with pytest.raises(ValueError, match="kunci"):
        helpers.plot_gan_history({"loss_D": [1.0]})
    with pytest.raises(ValueError, match="sama panjang"):
        helpers.plot_gan_history({"loss_D": [1.0], "loss_G": [1.0, 2.0], "D_x": [0.5], "D_G_z": [0.5]})


def test_gambar_latih_terdekat():
    import helpers

    rng = np.random.default_rng(0)
    train = rng.uniform(0, 1, (50, 28, 28)).astype("float32")
    queries = np.stack([train[7], np.clip(train[31] + 0.01, 0, 1)])          # salinan dan hampir-salinan
    idx, dist = helpers.nearest_training_images(queries * 2 - 1, train, batch_size=1)  # rentang tanh
    assert idx.tolist() == [7, 31]
    assert dist[0] == pytest.approx(0.0, abs=1e-3) and 0.1 < dist[1] < 0.29
    with pytest.raises(ValueError, match="train_images"):
        helpers.nearest_training_images(queries, np.zeros((3, 5, 5)))


def test_gambar_latih_terdekat_di_ruang_fitur_dan_laporan(clf, mnist, capsys):
    x_test = mnist[2]
    train, generated, test = x_test[:200], x_test[:20], x_test[200:220]
    shifted = np.roll(generated, 1, axis=2)  # bergeser satu piksel: jauh di piksel, dekat di fitur
    idx, dist = helpers.nearest_training_images(shifted, train, classifier=clf)
    _, pixel_dist = helpers.nearest_training_images(shifted, train)
    assert idx.shape == (20,) and np.all(dist >= 0) and np.all(pixel_dist > 0.5)
    medians = helpers.show_nearest_training_images(generated, train, test, classifier=clf, n=20)
    plt.close("all")
    out = capsys.readouterr().out
    assert "Ruang piksel" in out and "Ruang fitur" in out
    assert medians["piksel"]["buatan"] == pytest.approx(0.0, abs=1e-3)  # salinan persis
    assert medians["fitur"]["buatan"] == pytest.approx(0.0, abs=1e-2)
    assert medians["piksel"]["uji"] > 1.0


def test_decimal_uses_indonesian_comma():
    assert helpers.decimal(0.0123, 4) == "0,0123"
    assert helpers.decimal(0.3, 1) == "0,3"
    assert helpers.decimal(20.034) == "20,03"
    assert helpers.decimal(np.float32(0.05), 2) == "0,05"
    assert helpers.decimal(3, 0) == "3"
    assert helpers.decimal(-0.001, 2) == "0,00"
    assert helpers.decimal(-1.26, 1) == "-1,3"
    for bad in ("0.5", None, True, np.array([0.5])):
        with pytest.raises(TypeError, match="bilangan real"):
            helpers.decimal(bad)
    with pytest.raises(ValueError, match="berhingga"):
        helpers.decimal(float("nan"))
    for bad_digits in (-1, 1.5, "2"):
        with pytest.raises(ValueError, match="digits"):
            helpers.decimal(0.5, bad_digits)
