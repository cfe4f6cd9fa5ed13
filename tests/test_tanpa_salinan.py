"""Kode yang sama di dua notebook hanya boleh di tempat yang disengaja.

Yang disengaja: sel persiapan (blok Colab dibuat ulang dari satu sumber oleh
scripts/perbarui_colab.py), `train_step` GAN, dan sel yang mendefinisikan `make_generator`:
keduanya ditulis lengkap di setiap notebook GAN karena itulah pelajarannya (notebook 10 memakai
generator DCGAN notebook 08 tanpa perubahan, agar perbandingannya adil). Kerangka pelatihan GAN
lainnya (checkpoint, riwayat, kisi, GIF) berasal dari helpers.GanTraining, tidak disalin.
"""
import itertools
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted(Path(__file__).parent.parent.joinpath("notebooks").glob("[0-9][0-9]_*.ipynb"))
WINDOW = 6  # baris kode (tanpa baris kosong dan komentar), seperti alat pencari duplikat


def _deliberate(source):
    # Kode model dan langkah pelatihan tetap di notebook, lengkap (GAYA.md).
    return ("helpers.setup(" in source or "def train_step" in source
            or "def make_generator(" in source)


def _windows(path, deliberate):
    """Semua rangkaian WINDOW baris kode berurutan di sel yang (bukan) disengaja sama."""
    found = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code" or _deliberate(cell.source) != deliberate:
            continue
        lines = [line.strip() for line in cell.source.splitlines()]
        lines = [line for line in lines if line and not line.startswith("#")]
        for i in range(len(lines) - WINDOW + 1):
            found.setdefault(tuple(lines[i:i + WINDOW]), cell.get("id"))
    return found


@pytest.mark.parametrize("a, b", list(itertools.combinations(NOTEBOOKS, 2)),
                         ids=lambda p: p.name[:2])
def test_tidak_ada_blok_tersalin_antarnotebook(a, b):
    wa, wb = _windows(a, False), _windows(b, False)
    shared = sorted((wa[w], wb[w], w[0]) for w in set(wa) & set(wb))
    assert not shared, (f"{a.name} dan {b.name} berbagi {len(shared)} blok {WINDOW} baris; "
                        f"pindahkan ke helpers. Contoh (sel, sel, baris pertama): {shared[:3]}")


@pytest.mark.parametrize("name", ["07_gan.ipynb", "08_dcgan.ipynb", "09_gan_bersyarat.ipynb",
                                  "10_wgan_gp.ipynb"])
def test_kerangka_gan_dari_helpers(name):
    code = "\n".join(c.source for c in nbformat.read(NOTEBOOKS[0].parent / name, as_version=4).cells
                     if c.cell_type == "code")
    assert "helpers.GanTraining(" in code
    for scaffolding in ("CheckpointManager", "tf.train.Checkpoint(", "imageio", "mimsave"):
        assert scaffolding not in code, f"{name} menulis sendiri kerangka '{scaffolding}'"
