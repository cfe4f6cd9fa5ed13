"""Uji statis latihan setiap notebook dan edisi mahasiswanya (tanpa menjalankan notebook).

- Setiap ``### Latihan N`` diikuti sel jawaban (tanpa tag solusi) lalu sel bertag ``solusi``
  sebelum soal/judul berikutnya; minimal 3 latihan, bernomor 1, 2, 3, ...
- Edisi mahasiswa (rilis `nbgrader generate_assignment`, lewat scripts/edisi_mahasiswa.py)
  tidak memuat sel solusi, tidak memuat teks solusi, dan tidak memakai nama yang hanya
  didefinisikan di sel solusi (agar tetap bisa dijalankan dari atas ke bawah).
"""
import ast
import builtins

import nbformat
import pytest
from sel_latihan import NOTEBOOKS, exercises, is_solution, python_source, student_edition


def names(source):
    """(nama yang didefinisikan, nama yang dibaca) dalam satu sel kode."""
    tree = ast.parse(python_source(source))
    defined, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, (ast.Store, ast.Del)) else used).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            defined.add(node.name)
    return defined, used


def test_ada_notebook():
    assert NOTEBOOKS, "Tidak ada notebook di notebooks/."


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_struktur_latihan(path):
    nb = nbformat.read(path, as_version=4)
    found = exercises(nb)
    numbers = [n for n, _ in found]
    assert len(found) >= 3, f"{path.name}: hanya {len(found)} latihan, minimal 3."
    assert numbers == list(range(1, len(found) + 1)), \
        f"{path.name}: nomor latihan harus 1, 2, 3, ...; ditemukan {numbers}."
    for n, block in found:
        code = [c for c in block if c.cell_type == "code"]
        assert code and not is_solution(code[0]), \
            f"{path.name}, Latihan {n}: sel kode pertama harus sel jawaban tanpa tag solusi."
        solutions = [c for c in code[1:] if is_solution(c)]
        assert solutions, f"{path.name}, Latihan {n}: tidak ada sel bertag solusi setelah sel jawaban."
        for sol in solutions:
            assert sol.source.strip() != code[0].source.strip(), \
                f"{path.name}, Latihan {n}: sel jawaban sama dengan solusinya."
    # Sel solusi hanya boleh ada di dalam blok latihan.
    in_blocks = {id(c) for _, block in found for c in block}
    stray = [i for i, c in enumerate(nb.cells) if is_solution(c) and id(c) not in in_blocks]
    assert not stray, f"{path.name}: sel solusi di luar blok latihan (sel {stray})."


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_edisi_mahasiswa_tanpa_solusi(path):
    nb = nbformat.read(path, as_version=4)
    student = student_edition(path)
    nbformat.validate(student)
    solutions = [c.source.strip() for c in nb.cells if is_solution(c)]
    assert solutions, f"{path.name}: tidak ada sel solusi sama sekali."
    assert not [c for c in student.cells if is_solution(c)]
    assert len(student.cells) == len(nb.cells) - len(solutions)
    for cell in student.cells:
        text = cell.source.strip()
        for sol in solutions:
            assert text != sol and sol not in text, \
                f"{path.name}: teks solusi bocor ke edisi mahasiswa:\n{sol[:200]}"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert "nbval-check-output" not in cell.metadata.get("tags", [])
    # Soal dan sel jawaban tetap ada.
    assert len(exercises(student)) == len(exercises(nb))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_edisi_mahasiswa_tidak_butuh_nama_dari_solusi(path):
    """Nama yang hanya dibuat di sel solusi tidak boleh dipakai sel lain sesudahnya."""
    nb = nbformat.read(path, as_version=4)
    known = set(dir(builtins)) | {"get_ipython", "display", "In", "Out", "_"}
    from_solution = set()
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        defined, used = names(cell.source)
        if is_solution(cell):
            from_solution |= defined - known
            continue
        missing = (used & from_solution) - known - defined
        if missing:
            problems.append(f"sel {i + 1}: {sorted(missing)}")
        known |= defined
        from_solution -= defined
    assert not problems, (f"{path.name}: edisi mahasiswa memakai nama yang hanya dibuat di sel "
                          f"solusi: {problems}")


def test_pencari_bocoran_jawaban(tmp_path):
    """Jawaban cek yang tertulis di sel mahasiswa ditemukan dalam berbagai ejaan angka."""
    from conftest import leaked_answers

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("### Latihan 1 — Parameter\n\nModel ini punya 286.414 parameter "
                                      "dan loss 1,3863."),
        nbformat.v4.new_code_cell("x = 0.5  # rentang soal"),
        nbformat.v4.new_code_cell("print(286414)", metadata={"tags": ["solusi"]}),
        nbformat.v4.new_code_cell("helpers.check_value('x', x, 0.5)"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    path = tmp_path / "contoh.ipynb"
    nbformat.write(nb, path)
    found = leaked_answers(path, [("params", [286414.0]), ("loss", [1.386294]),
                                  ("setengah", [0.5]), ("lain", [2864.14])])
    assert found == [("loss", "1,3863", 0), ("params", "286.414", 0)]
