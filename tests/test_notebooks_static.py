"""Pemeriksaan statis setiap notebook: format, penomoran, struktur, dan kebersihan."""
import re
from pathlib import Path

import nbformat
import pytest
from muat import load_script

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
SECTIONS = ["Tujuan pembelajaran", "Perkiraan waktu", "Persiapan", "Ringkasan", "Latihan",
            "Referensi"]
CHECK_TAG = "nbval-check-output"


def load(path):
    return nbformat.read(path, as_version=4)


def test_notebooks_exist_and_are_numbered_consecutively():
    assert NOTEBOOKS, "folder notebooks/ kosong"
    names = [p.name for p in NOTEBOOKS]
    assert all(NAME.match(n) for n in names), names
    numbers = [int(NAME.match(n).group(1)) for n in names]
    assert numbers == list(range(1, len(numbers) + 1)), names


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook(request):
    return request.param, load(request.param)


def test_valid_nbformat_and_kernel(notebook):
    path, nb = notebook
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"


def test_title_matches_number(notebook):
    path, nb = notebook
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith(f"# {path.name[:2]} — ")


def test_no_committed_outputs(notebook):
    """Tanpa keluaran dan nomor eksekusi, kecuali keluaran acuan sel bertag nbval-check-output."""
    path, nb = notebook
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if CHECK_TAG in cell.metadata.get("tags", []):
            assert cell.execution_count in (None, 1), f"sel {i}"
            assert all(o.output_type in ("stream", "execute_result") for o in cell.outputs)
        else:
            assert cell.outputs == [] and cell.execution_count is None, f"sel {i} punya keluaran"
    assert "widgets" not in nb.metadata, "status widget tersimpan; jalankan rapikan_notebook.py"


def test_rapikan_menghapus_status_widget():
    rapikan = load_script("scripts/rapikan_notebook.py")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                                  execution_count=3)]
    rapikan.clean(nb)
    assert "widgets" not in nb.metadata and nb.cells[0].outputs == []


def test_required_sections(notebook):
    path, nb = notebook
    headings = [line for c in nb.cells if c.cell_type == "markdown"
                for line in c.source.splitlines() if line.startswith("## ")]
    titles = [h[3:].strip().lower() for h in headings]
    for section in SECTIONS:
        assert any(t.startswith(section.lower()) for t in titles), f"bagian '{section}' tidak ada"
    order = [next(i for i, t in enumerate(titles) if t.startswith(s.lower()))
             for s in ("Ringkasan", "Latihan", "Referensi")]
    assert order == sorted(order), "urutan akhir harus Ringkasan, Latihan, Referensi"


def test_solutions_are_tagged(notebook):
    path, nb = notebook
    solutions = [c for c in nb.cells if "solusi" in c.metadata.get("tags", [])]
    assert solutions, "tidak ada sel solusi bertag 'solusi'"
    assert any(c.cell_type == "code" for c in solutions), "tidak ada sel kode solusi"
    # Sel markdown bertag solusi memuat jawaban tertulis (pertanyaan "mengapa", "berapa", ...).
    assert all(c.cell_type in ("code", "markdown") for c in solutions)


def test_setup_cell_imports_helpers(notebook):
    path, nb = notebook
    setup = [c for c in nb.cells if "persiapan" in c.metadata.get("tags", [])]
    assert len(setup) == 1, "harus ada tepat satu sel persiapan"
    assert re.search(r"^import helpers$", setup[0].source, re.M)
    assert "helpers.setup(" in setup[0].source
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code is setup[0], "sel kode pertama harus sel persiapan"


def call_arguments(source, start):
    """Teks argumen panggilan yang kurung bukanya ada di ``source[start]``."""
    depth = 0
    for i in range(start, len(source)):
        depth += {"(": 1, ")": -1}.get(source[i], 0)
        if depth == 0:
            return source[start + 1:i]
    return source[start + 1:]


def test_keras_output_is_one_line_per_epoch(notebook):
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not re.search(r"verbose\s*=\s*1\b", cell.source), cell.source[:80]
            for call in re.finditer(r"\.fit\(", cell.source):
                args = call_arguments(cell.source, call.end() - 1)
                assert "verbose" in args, f"fit() harus menyebut verbose (2 atau 0): {args[:60]}"


def test_tanpa_karakter_kendali(notebook):
    """Tidak ada karakter kendali di sel (mis. \\f dari \\frac yang tertulis tanpa escape)."""
    path, nb = notebook
    for i, cell in enumerate(nb.cells):
        bad = sorted({hex(ord(ch)) for ch in cell.source if ord(ch) < 32 and ch not in "\n\t"})
        assert not bad, f"sel {i}: karakter kendali {bad}"
