"""Uji metrik rekonstruksi: nilai yang diketahui dan galat untuk masukan yang salah."""
import numpy as np
import pytest

import helpers

RNG = np.random.default_rng(1)
X = RNG.random((5, 28, 28)).astype(np.float32)


def test_identical_images():
    assert helpers.mse(X, X) == 0.0
    assert helpers.psnr(X, X) == pytest.approx(100.0)
    assert helpers.ssim(X, X) == pytest.approx(1.0, abs=1e-5)


def test_known_values():
    a = np.full((2, 28, 28), 0.5, np.float32)
    b = a + 0.1  # galat 0.1 di setiap piksel: MSE 0.01, PSNR 20 dB
    assert helpers.mse(a, b) == pytest.approx(0.01, rel=1e-4)
    assert helpers.psnr(a, b) == pytest.approx(20.0, rel=1e-4)


def test_metrics_order_noisy_images():
    noisy = np.clip(X + RNG.normal(0, 0.2, X.shape), 0, 1)
    slightly = np.clip(X + RNG.normal(0, 0.02, X.shape), 0, 1)
    assert helpers.ssim(X, slightly) > helpers.ssim(X, noisy)
    assert helpers.psnr(X, slightly) > helpers.psnr(X, noisy)


def test_shapes_accepted():
    assert helpers.mse(X.reshape(5, 784), X.reshape(5, 784)) == 0.0
    m = helpers.image_metrics(X[..., None], X[..., None], with_ssim=True)
    assert list(m) == ["MSE", "PSNR (dB)", "SSIM"]


@pytest.mark.parametrize("a,b,message", [
    (X, X[:4], "harus sama"),
    (X * 2 - 1, X, r"\[0, 1\]"),
    (np.zeros((0, 28, 28)), np.zeros((0, 28, 28)), "kosong"),
    (np.zeros((2, 10)), np.zeros((2, 10)), "784"),
    (np.full((1, 784), np.nan), np.zeros((1, 784)), "NaN"),
])
def test_bad_input(a, b, message):
    with pytest.raises(ValueError, match=message):
        helpers.mse(a, b)


def test_results_table(capsys):
    text = helpers.results_table({"Padat": {"MSE": 0.0123, "PSNR (dB)": 20.5},
                                  "Konvolusi": {"MSE": 0.0101}}, title="Data uji")
    assert capsys.readouterr().out.strip() == text.strip()
    lines = text.splitlines()
    assert lines[0] == "Data uji" and "0.0123" in lines[2] and lines[3].rstrip().endswith("-")
    with pytest.raises(ValueError, match="rows harus dict"):
        helpers.results_table({"A": 0.1})
