"""Uji scripts/edisi_mahasiswa.py: penolakan yang aman, isi edisi mahasiswa, dan bahwa edisi
mahasiswa notebook 01 berjalan di bawah nbval (mode cepat dan luring dari conftest.py)."""
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "edisi_mahasiswa.py"
NOTEBOOKS = ROOT / "notebooks"


def run_script(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.ipynb"))}


def tiny_notebook(path):
    """Notebook kecil dengan satu latihan, sel cek acuan nbval, dan keluaran tersimpan."""
    answer = new_code_cell("jawaban_1 = ...  # jawaban Anda", execution_count=3,
                           outputs=[nbformat.v4.new_output("stream", name="stdout", text="lama\n")])
    solution = new_code_cell("jawaban_1 = 28 * 28", metadata={"tags": ["solusi"]})
    verdict = new_code_cell('helpers.check_value("jawaban_1", jawaban_1, 784)')
    check = new_code_cell("print(784)", execution_count=1, metadata={"tags": ["nbval-check-output"]},
                          outputs=[nbformat.v4.new_output("stream", name="stdout", text="784\n")])
    nb = new_notebook(cells=[new_markdown_cell("# 99 — Uji"), check,
                             new_markdown_cell("### Latihan 1 — Piksel"), answer, solution,
                             verdict],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    nbformat.write(nb, path)
    return path


def test_menolak_folder_notebooks():
    before = snapshot(NOTEBOOKS)
    result = run_script("notebooks")
    assert result.returncode != 0
    assert "Menolak menulis" in result.stderr and "notebook sumber" in result.stderr
    assert snapshot(NOTEBOOKS) == before


def test_menolak_subfolder_notebooks():
    result = run_script(NOTEBOOKS / "mahasiswa")
    assert result.returncode != 0
    assert "Menolak menulis" in result.stderr
    assert not (NOTEBOOKS / "mahasiswa").exists()


def test_menolak_menimpa_sumber_di_folder_lain(tmp_path):
    src = tiny_notebook(tmp_path / "99_uji.ipynb")
    before = src.read_bytes()
    result = run_script(tmp_path, src, "--timpa")
    assert result.returncode != 0
    assert "Menolak menimpa notebook sumber" in result.stderr
    assert src.read_bytes() == before


def test_menolak_folder_tidak_kosong_tanpa_timpa(tmp_path):
    src = tiny_notebook(tmp_path / "99_uji.ipynb")
    dest = tmp_path / "mahasiswa"
    dest.mkdir()
    (dest / "catatan.txt").write_text("jangan dihapus")
    result = run_script(dest, src)
    assert result.returncode != 0
    assert "tidak kosong" in result.stderr and "--timpa" in result.stderr
    assert not (dest / "99_uji.ipynb").exists()

    result = run_script(dest, src, "--timpa")
    assert result.returncode == 0, result.stderr
    assert (dest / "99_uji.ipynb").exists()
    assert (dest / "catatan.txt").read_text() == "jangan dihapus"


def test_notebook_tidak_ada(tmp_path):
    result = run_script(tmp_path / "keluar", tmp_path / "tidak_ada.ipynb")
    assert result.returncode != 0
    assert "tidak ditemukan" in result.stderr


def test_isi_edisi_mahasiswa(tmp_path):
    src = tiny_notebook(tmp_path / "99_uji.ipynb")
    before = src.read_bytes()
    result = run_script(tmp_path / "mahasiswa", src)
    assert result.returncode == 0, result.stderr
    assert "1 sel solusi dibuang" in result.stdout
    assert src.read_bytes() == before  # sumber tidak diubah
    nb = nbformat.read(tmp_path / "mahasiswa" / "99_uji.ipynb", as_version=4)
    nbformat.validate(nb)
    sources = [c.source.strip() for c in nb.cells]
    assert not [s for s in sources if "28 * 28" in s]
    assert "### Latihan 1 — Piksel" in sources and "jawaban_1 = ...  # jawaban Anda" in sources
    grading = [c.metadata["nbgrader"] for c in nb.cells]  # kiriman dapat dinilai kelas.py
    assert [g["grade_id"] for g in grading if g["solution"]] == ["latihan_1_jawaban"]
    assert [(g["grade_id"], g["points"]) for g in grading if g["grade"]] == [("latihan_1_cek", 1)]
    for cell in nb.cells:
        assert "tags" not in cell.metadata
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_semua_notebook_sumber_ke_folder_baru(tmp_path):
    dest = tmp_path / "edisi"
    result = run_script(dest)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in dest.glob("*.ipynb")) == \
        sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def test_edisi_mahasiswa_01_lolos_nbval(tmp_path):
    """Edisi mahasiswa notebook 01 berjalan dari atas ke bawah (pytest --nbval-lax)."""
    candidates = sorted(NOTEBOOKS.glob("01_*.ipynb")) or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not candidates:
        pytest.skip("Belum ada notebook di notebooks/.")
    dest = tmp_path / "mahasiswa"
    result = run_script(dest, candidates[0])
    assert result.returncode == 0, result.stderr
    env = dict(os.environ)  # KURSUS_CEPAT=1, KURSUS_OFFLINE=1, dst. dari conftest.py
    env.pop("PYTEST_ADDOPTS", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-q",
         "-p", "no:cacheprovider", "--rootdir", str(dest), candidates[0].name],
        cwd=dest, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
