"""Uji sakelar mode cepat/luring, fungsi ukuran, setup, dan folder keluaran."""
import numpy as np
import pytest

import helpers


@pytest.mark.parametrize("raw,expected", [
    ("1", True), ("true", True), ("TRUE", True), ("ya", True), (" Ya ", True),
    ("0", False), ("false", False), ("tidak", False), ("", False),
])
def test_switch_values(monkeypatch, raw, expected):
    monkeypatch.setenv("KURSUS_CEPAT", raw)
    monkeypatch.setenv("KURSUS_OFFLINE", raw)
    assert helpers.fast_mode() is expected
    assert helpers.offline_mode() is expected


def test_unset_switch_is_off(monkeypatch):
    monkeypatch.delenv("KURSUS_CEPAT", raising=False)
    assert helpers.fast_mode() is False


@pytest.mark.parametrize("raw", ["2", "cepat", "benar", "yes please"])
def test_bad_switch_value_is_clear_error(monkeypatch, raw):
    monkeypatch.setenv("KURSUS_CEPAT", raw)
    with pytest.raises(ValueError, match=r"KURSUS_CEPAT=.*tidak dikenal.*ya/tidak"):
        helpers.fast_mode()


def test_sizes_follow_fast_mode(monkeypatch):
    monkeypatch.setenv("KURSUS_CEPAT", "0")
    assert helpers.epochs(20) == 20 and helpers.sample_count(55_000) == 55_000
    monkeypatch.setenv("KURSUS_CEPAT", "1")
    assert helpers.epochs(20) == 1 and helpers.epochs(20, fast=3) == 3
    assert helpers.sample_count(55_000) == 2000 and helpers.sample_count(500) == 500


@pytest.mark.parametrize("bad", [0, -1, 2.0, "10", True, None])
def test_sizes_reject_bad_values(bad):
    with pytest.raises(ValueError, match="bilangan bulat"):
        helpers.epochs(bad)
    with pytest.raises(ValueError, match="bilangan bulat"):
        helpers.sample_count(bad)


def test_setup_seeds_and_reports(monkeypatch, capsys):
    monkeypatch.setenv("KURSUS_CEPAT", "1")
    assert helpers.setup(seed=7) is None  # sel persiapan tidak menampilkan nilai kembalian
    first = np.random.rand(3)
    helpers.setup(seed=7)
    assert np.array_equal(first, np.random.rand(3))
    out = capsys.readouterr().out
    assert "TensorFlow" in out and "Keras 3." in out and "Mode cepat: AKTIF" in out
    assert "Benih acak global: 7" in out
    with pytest.raises(ValueError, match="seed"):
        helpers.setup(seed=-1)


def test_output_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KURSUS_OUTPUT_DIR", str(tmp_path))
    path = helpers.output_dir("08_dcgan")
    assert path == tmp_path / "08_dcgan" and path.is_dir()
    for bad in ["", "../x", "a/b", "..", 3]:
        with pytest.raises(ValueError, match="Nama folder keluaran"):
            helpers.output_dir(bad)
