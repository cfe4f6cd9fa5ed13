"""Uji alur tugas dan penilaian nbgrader (scripts/kelas.py, scripts/sumber_nbgrader.py).

- Setiap notebook kursus dapat diubah menjadi sumber nbgrader: satu sel jawaban bertanda
  solusi per sel solusi, sel cek bernilai poin, sel lain terkunci.
- Untuk notebook 01 dan 06: arsip unduhan LMS berisi kiriman benar, kiriman dengan jawaban
  salah dan kiriman yang melempar galat (di 06 keduanya dalam satu kiriman), berkas PDF, dan
  berkas tanpa NIM menghasilkan tabel nilai (CSV) dan umpan balik yang benar.
- Kiriman yang berulang tanpa akhir, menulis di luar foldernya, atau bukan JSON notebook
  mendapat baris yang jelas dan tidak menghentikan kiriman lain.
"""
import csv
import re
import zipfile

import nbformat
import pytest
from muat import load_script
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from sel_latihan import NOTEBOOKS, exercises, is_solution

kelas = load_script("scripts/kelas.py")
sumber = load_script("scripts/sumber_nbgrader.py")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_sumber_nbgrader_dari_tag_solusi(path):
    nb = nbformat.read(path, as_version=4)
    source = sumber.nbgrader_source(nb)
    meta = [c.metadata["nbgrader"] for c in source.cells]
    solutions = [c for c in nb.cells if is_solution(c)]
    assert len(source.cells) == len(nb.cells) - len(solutions)
    assert not [c for c in source.cells if is_solution(c)]
    ids = [m["grade_id"] for m in meta]
    assert len(ids) == len(set(ids)), f"{path.name}: grade_id ganda"
    answers = [c for c in source.cells if c.metadata["nbgrader"]["solution"]]
    assert len(answers) == len(solutions)  # setiap solusi punya satu sel jawaban
    for cell in answers:
        assert cell.source.count("BEGIN SOLUTION") == cell.source.count("END SOLUTION") == 1
    for number, _ in exercises(nb):
        checks = [m for m in meta if m["grade_id"].startswith(f"latihan_{number}_cek")]
        assert checks and all(m["locked"] and m["points"] > 0 for m in checks), \
            f"{path.name}: Latihan {number} tanpa sel cek bernilai"
    others = [m for m in meta if not (m["solution"] or m["grade"])]
    assert others and all(m["locked"] for m in others)


def test_struktur_latihan_yang_tidak_dikenali_ditolak():
    nb = new_notebook(cells=[new_markdown_cell("### Latihan 1 — Uji"), new_code_cell("x = ..."),
                             new_code_cell("x = 1", metadata={"tags": ["solusi"]})])
    with pytest.raises(ValueError, match="Latihan 1: tidak ada sel cek"):
        sumber.nbgrader_source(nb)


def fill(source, answers):
    """Kiriman dari notebook sumber nbgrader: bagian solusi sel ``grade_id`` diganti teks lain."""
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(source), as_version=4))
    for cell in nb.cells:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if grade_id in answers:
            text = answers[grade_id]
            cell.source, n = re.subn(r"### BEGIN SOLUTION\n.*?### END SOLUTION",
                                     lambda _, text=text: text, cell.source, flags=re.S)
            assert n == 1
    return nbformat.writes(nb)


def lms_zip(path, files):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def read_table(path):
    with open(path, encoding="utf-8") as handle:
        return {row["nim"]: row for row in csv.DictReader(handle)}


# Per notebook: NIM -> (jawaban yang diganti, latihan yang kehilangan poin, awal status).
# Di 06 satu kiriman memuat dua kesalahan (jawaban salah di Latihan 2, galat di Latihan 1):
# notebook itu melatih model, jadi setiap kiriman tambahan menambah puluhan detik uji.
CASES = {
    "01": {"2301002": ({"latihan_3_jawaban": "X_valid_conv = X_valid  # lupa sumbu kanal"}, {3},
                       "galat pertama (latihan_3_cek) AssertionError: ❌ Belum tepat"),
           "2301003": ({"latihan_2_jawaban": "porsi_mustahil = 1 / 0"}, {2},
                       "galat pertama (latihan_2_jawaban) ZeroDivisionError")},
    "06": {"2301002": ({"latihan_2_jawaban": "jawaban_2 = (0.5, 2.0)  # tertukar",
                        "latihan_1_jawaban": "raise RuntimeError('rumus belum selesai')"}, {1, 2},
                       "galat pertama (latihan_1_jawaban) RuntimeError: rumus belum selesai")},
}
# Nama berkas seperti unduhan Moodle, Google Drive ("Salinan dari"), dan pengumpulan lain.
LMS_NAMES = {"2301001": "Budi Santoso_4321_assignsubmission_file_/2301001_{stem}.ipynb",
             "2301002": "Salinan dari {stem} - 2301002.ipynb",
             "2301003": "Citra_987_assignsubmission_file_/{stem}_2301003.ipynb"}


@pytest.mark.parametrize("prefix", sorted(CASES))
def test_nilai_dari_arsip_lms(tmp_path, prefix):
    (notebook,) = [p for p in NOTEBOOKS if p.name.startswith(prefix)]
    folder = tmp_path / "kelas"
    (release,) = kelas.prepare(folder, [notebook])
    assert release.is_file()
    source = nbformat.read(folder / "source" / notebook.stem / notebook.name, as_version=4)
    faulty = CASES[prefix]
    submissions = {"2301001": fill(source, {}),
                   **{nim: fill(source, answers) for nim, (answers, _, _) in faulty.items()}}
    archive = lms_zip(tmp_path / "unduhan.zip", {
        **{LMS_NAMES[nim].format(stem=notebook.stem): text for nim, text in submissions.items()},
        f"2301004_{notebook.stem}.pdf": "%PDF-1.4 bukan notebook",
        f"tanpa_nim_{notebook.name}": fill(source, {}),
    })
    rows, table = kelas.grade(folder, prefix, [archive], limit=300)
    assert table.is_file()
    got = read_table(table)
    checks = {n for n, kind in sumber.grade_ids(source).values() if kind == "cek"}
    written = sum(kind == "tulisan" for _, kind in sumber.grade_ids(source).values())

    good = got["2301001"]
    assert good["status"] == "bersih"
    assert all(good[f"latihan_{n}"] == "1" for n in checks)
    assert good["total"] == str(len(checks)) and good["belum_dinilai_dosen"] == str(written)
    assert good["maksimum"] == str(len(checks) + written)

    for nim, (_, lost, status) in faulty.items():
        row = got[nim]
        assert all(row[f"latihan_{n}"] == ("0" if n in lost else "1") for n in checks), row
        assert row["total"] == str(len(checks) - len(lost)), row
        assert row["status"].startswith(status), row["status"]

    assert got["2301004"]["status"].startswith("bukan notebook") and got["2301004"]["total"] == "0"
    assert got["?"]["status"].startswith("tanpa NIM")
    for nim in submissions:
        feedback = folder / "feedback" / nim / notebook.stem / f"{notebook.stem}.html"
        assert feedback.is_file(), f"umpan balik {nim} tidak ada"
    assert "❌ Belum tepat" in (folder / "feedback" / "2301002" / notebook.stem /
                               f"{notebook.stem}.html").read_text(encoding="utf-8")


def tiny_assignment(path):
    nb = new_notebook(cells=[
        new_code_cell("import helpers"),
        new_markdown_cell("### Latihan 1 — Piksel\n\nBerapa piksel gambar 28 × 28?"),
        new_code_cell("jawaban_1 = ...  # jawaban Anda"),
        new_markdown_cell("*Jawaban Anda* (mengapa?): ..."),
        new_code_cell("jawaban_1 = 28 * 28", metadata={"tags": ["solusi"]}),
        new_markdown_cell("**Jawaban.** 28 baris kali 28 kolom.", metadata={"tags": ["solusi"]}),
        new_code_cell('helpers.check_value("jawaban_1", jawaban_1, 784)'),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, path)
    return path


def test_kiriman_bermasalah_tidak_menghentikan_yang_lain(tmp_path):
    folder = tmp_path / "kelas"
    kelas.prepare(folder, [tiny_assignment(tmp_path / "99_piksel.ipynb")])
    source = nbformat.read(folder / "source" / "99_piksel" / "99_piksel.ipynb", as_version=4)
    # Nama unduhan Google Drive memuat tanggal; itu bukan NIM.
    archive = lms_zip(tmp_path / "Tugas 99-20241015T093012Z-001.zip", {
        "2301011_99_piksel.ipynb": fill(source, {"latihan_1_jawaban": "while True:\n    pass"}),
        "2301012_99_piksel.ipynb": fill(source, {"latihan_1_jawaban":
                                                 "open('../../../bocor.txt', 'w').write('x')\n"
                                                 "jawaban_1 = 784"}),
        "2301013_99_piksel.ipynb": '{"cells": [',
        "2301014_99_piksel.ipynb": fill(source, {}),
        "2301015_99_piksel.ipynb": without_check(fill(source, {"latihan_1_jawaban": "jawaban_1 = 5"})),
        "2301016_99_piksel.ipynb": without_nbgrader_metadata(fill(source, {})),
        "2301017_99_piksel.ipynb": fill(source, {}),
        "Salinan 2301017_99_piksel.ipynb": fill(source, {"latihan_1_jawaban": "jawaban_1 = 28"}),
        "99_piksel.ipynb": fill(source, {}),
    })
    rows, table = kelas.grade(folder, "99", [archive], limit=15)
    got = read_table(table)
    assert got["2301011"]["status"] == "melebihi batas waktu 15 detik"
    assert got["2301012"]["status"].startswith("DITOLAK: menulis di luar foldernya")
    assert "bocor.txt" in got["2301012"]["status"] and got["2301012"]["total"] == "0"
    assert got["2301013"]["status"].startswith("bukan notebook yang sah")
    assert got["2301014"]["status"] == "bersih" and got["2301014"]["total"] == "1"
    assert got["2301014"]["maksimum"] == "2" and got["2301014"]["belum_dinilai_dosen"] == "1"
    # Sel cek yang dihapus dikembalikan nbgrader sebelum menilai, jadi jawaban salah tetap ketahuan.
    assert got["2301015"]["total"] == "0" and "❌ Belum tepat" in got["2301015"]["status"]
    assert "metadata nbgrader hilang" in got["2301016"]["status"]
    assert "2 berkas di arsip, yang dinilai:" in got["2301017"]["status"]
    assert got["?"]["status"].startswith("tanpa NIM") and "20241015" not in got

    # Dosen menilai jawaban tertulis (di Formgrader; di sini lewat API gradebook nbgrader),
    # lalu `kelas.py tabel` menulis ulang tabelnya dengan status yang sama.
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        written = gradebook.find_grade("latihan_1_tulisan", "99_piksel", "99_piksel", "2301014")
        written.manual_score, written.needs_manual_grade = 1, False  # seperti Formgrader
        gradebook.db.commit()
    kelas.refresh_table(folder, "99")
    again = read_table(table)
    assert again["2301014"]["total"] == "2" and again["2301014"]["belum_dinilai_dosen"] == "0"
    assert again["2301011"]["status"] == got["2301011"]["status"]


def test_penilaian_tanpa_tiruan_widget_output(tmp_path):
    """Autograde memakai Execute tanpa widget Output di sisi klien (scripts/nbgrader_eksekusi.py),
    dan batas waktu `--Execute.timeout` tetap berlaku untuknya."""
    from nbgrader.preprocessors import Execute
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    folder = tmp_path / "kelas"
    kelas.prepare(folder, [tiny_assignment(tmp_path / "99_piksel.ipynb")])
    config = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()
    (execute,) = [step for step in config.Autograde.autograde_preprocessors if issubclass(step, Execute)]
    assert execute.__name__ == "ExecuteTanpaWidget"
    step = execute(config=Config({"Execute": {"timeout": 7}}))
    assert step.timeout == 7
    output_widget = {"content": {"comm_id": "w", "data": {"state": {
        "_model_module": "@jupyter-widgets/output", "_model_name": "OutputModel", "outputs": []}}}}
    assert step.on_comm_open_jupyter_widget(output_widget) is None
    assert Execute().on_comm_open_jupyter_widget(output_widget) is not None   # bawaan: ada tiruan


def without_check(text):
    nb = nbformat.reads(text, as_version=4)
    nb.cells = [c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] != "latihan_1_cek"]
    return nbformat.writes(nb)


def without_nbgrader_metadata(text):
    nb = nbformat.reads(text, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader")
    return nbformat.writes(nb)
