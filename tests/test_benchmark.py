"""Uji benchmark: bentuk cepatnya dijalankan sungguhan, hasil lengkapnya ada dan konsisten."""
import inspect
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from muat import load_script

import helpers

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ["02 AE bertumpuk", "03 AE konvolusional", "04 AE denoising (dropout)",
          "05 AE sparse (KL)", "06 VAE", "07 GAN padat", "08 DCGAN", "09 GAN bersyarat",
          "10 WGAN-GP"]


@pytest.fixture(scope="module")
def fast_run(tmp_path_factory):
    """Menjalankan `python benchmarks/run.py --cepat` seperti pengguna, sekali untuk modul ini."""
    target = tmp_path_factory.mktemp("benchmark") / "hasil.md"
    done = subprocess.run([sys.executable, "benchmarks/run.py", "--cepat", "--keluaran", str(target)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return target.read_text(encoding="utf-8"), json.loads(target.with_suffix(".json").read_text())


def test_fast_run_reports_every_group_with_real_numbers(fast_run):
    markdown, results = fast_run
    assert list(results) == GROUPS
    for group, rows in results.items():
        assert rows[0]["label"] == "kita" and rows[1]["label"].startswith("acuan"), group
        for row in rows:
            assert row["images"] > 0 and row["rate"] > 0, (group, row)
            assert f"| {group} | {row['label']} |" in markdown
            if group.startswith(("07", "08", "09", "10")):
                assert math.isfinite(row["quality"]["Fréchet"]) and row["quality"]["Fréchet"] >= 0
                assert 1 <= row["quality"]["kelas hadir"] <= 10
                # Hanya GAN bersyarat yang diminta kelas, jadi hanya ia yang punya kesetiaan kelas.
                assert ("kesetiaan" in row["quality"]) == group.startswith("09"), (group, row)
                if group.startswith("09"):
                    assert 0 <= row["quality"]["kesetiaan"] <= 1
            else:
                # Setelah beberapa detik pun rekonstruksi harus jauh lebih baik dari tebakan acak.
                assert 0 < row["quality"]["MSE uji"] < 0.1, (group, row)
    assert len(results["02 AE bertumpuk"]) == 3 and len(results["03 AE konvolusional"]) == 3
    assert "Rasio kecepatan kita / acuan" in markdown and "Mesin:" in markdown


def test_saved_full_results_cover_every_group():
    text = (ROOT / "benchmarks" / "HASIL.md").read_text(encoding="utf-8")
    command = re.search(r"Perintah: `([^`]*)`", text)
    assert command and command.group(1).startswith("python benchmarks/run.py")
    assert "--cepat" not in command.group(1), "HASIL.md harus berasal dari run ukuran penuh"
    for group in GROUPS:
        assert f"| {group} | kita |" in text, group
    assert "55.000 latih" in text, "run ukuran penuh memakai 55.000 gambar latih Fashion-MNIST"


def test_notebooks_use_the_batch_size_the_benchmark_measures():
    run = load_script("benchmarks/run.py")
    default_batch = inspect.signature(helpers.timed_fit).parameters["batch_size"].default
    for stem in ["02_autoencoder_bertumpuk", "03_autoencoder_konvolusional",
                 "04_autoencoder_denoising", "05_autoencoder_sparse", "06_autoencoder_variasional"]:
        source = (ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8")
        # Tanpa batch_size tertulis, helpers.timed_fit memakai bawaannya, yang harus sama.
        explicit = re.search(rf"(BATCH_SIZE = |batch_size=){run.OUR_BATCH_SIZE}\b", source)
        by_default = "helpers.timed_fit(" in source and "batch_size" not in source
        assert explicit or (by_default and default_batch == run.OUR_BATCH_SIZE), stem
    for stem in ["07_gan", "08_dcgan", "09_gan_bersyarat", "10_wgan_gp"]:
        source = (ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8")
        # Ukuran penuh memakai batch yang diukur benchmark (10 memakai batch kecil di mode cepat).
        assert re.search(rf"BATCH_SIZE = (\d+ if helpers.fast_mode\(\) else )?{run.GAN_BATCH_SIZE}\b",
                         source), stem


def test_from_notebook_takes_definitions_and_names_what_is_missing():
    run = load_script("benchmarks/run.py")
    nb = run.from_notebook("08_dcgan", ["NOISE_DIM", "make_generator"])
    assert nb.NOISE_DIM == 100
    assert nb.make_generator().output_shape == (None, 28, 28, 1)
    with pytest.raises(SystemExit, match="tidak_ada"):
        run.from_notebook("08_dcgan", ["tidak_ada"])
