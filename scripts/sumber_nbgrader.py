"""Notebook kursus -> notebook sumber nbgrader, diturunkan dari tag `solusi`.

Notebook di notebooks/ adalah satu-satunya sumber: soal, sel jawaban (berisi `...`), sel
solusi bertag `solusi`, dan sel cek. Metadata nbgrader tidak disimpan di sana; fungsi ini
membuatnya setiap kali `scripts/kelas.py siapkan` dijalankan:

- sel jawaban kode + sel solusi kode sesudahnya -> satu sel "Autograded answer": kerangka
  jawaban, lalu solusinya di antara `### BEGIN SOLUTION` dan `### END SOLUTION`
  (nbgrader menghapus bagian itu di edisi mahasiswa, jadi kerangkanya yang tersisa);
- sel teks "*Jawaban Anda* ..." + sel solusi teks -> satu sel "Manually graded answer";
- sel cek sesudah solusi -> "Autograder tests" (sel yang sama yang dilihat mahasiswa;
  dalam mode penilaian cek yang menolak jawaban melempar galat, jadi nbgrader memberi nol);
- semua sel lain -> "Read-only": nbgrader mengembalikan isinya sebelum menilai.

Struktur latihan yang tidak dikenali menghasilkan ``ValueError`` yang menyebut latihannya.
"""
import copy
import re

SOLUTION_TAG = "solusi"
CHECK_TAG = "nbval-check-output"
PROMPT = re.compile(r"^###\s+Latihan\s+(\d+)\b", re.MULTILINE)
HEADING = re.compile(r"^#{1,3}\s", re.MULTILINE)  # judul tingkat 1-3 menutup blok latihan
WRITTEN_ANSWER = re.compile(r"^\*Jawaban Anda\b")
CHECK_POINTS = 1     # poin setiap sel cek (dinilai otomatis)
WRITTEN_POINTS = 1   # poin setiap jawaban tertulis (dinilai dosen)


def is_solution(cell):
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def exercise_blocks(nb):
    """Daftar (nomor latihan, indeks sel bloknya) untuk setiap ``### Latihan N``."""
    blocks = []
    for i, cell in enumerate(nb.cells):
        match = PROMPT.search(cell.source) if cell.cell_type == "markdown" else None
        if not match:
            continue
        end = i + 1
        while end < len(nb.cells) and not (nb.cells[end].cell_type == "markdown"
                                           and HEADING.search(nb.cells[end].source)):
            end += 1
        blocks.append((int(match.group(1)), list(range(i + 1, end))))
    return blocks


def _nbgrader(cell, grade_id, *, solution=False, grade=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    # Tanpa keluaran tersimpan, tag acuan nbval tidak berarti lagi (dan akan gagal di nbval).
    tags = [t for t in cell.metadata.get("tags", []) if t not in (SOLUTION_TAG, CHECK_TAG)]
    if tags:
        cell.metadata["tags"] = tags
    else:
        cell.metadata.pop("tags", None)


def _with_solution(answer, solution, code):
    """Isi sel jawaban lalu solusinya di antara penanda solusi nbgrader."""
    begin, end = ("### BEGIN SOLUTION", "### END SOLUTION") if code else \
        ("<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->")
    gap = "\n" if code else "\n\n"
    return f"{answer.source.rstrip()}{gap}{begin}\n{solution.rstrip()}\n{end}"


def _grade_block(nb, number, indices, drop):
    """Memberi metadata nbgrader pada satu blok latihan; sel solusi yang digabung masuk ``drop``."""
    solutions = [i for i in indices if is_solution(nb.cells[i])]
    if not solutions:
        raise ValueError(f"Latihan {number}: tidak ada sel bertag `solusi`.")
    answers = {"code": [], "markdown": []}
    checks = []
    for i in indices:
        cell = nb.cells[i]
        if is_solution(cell):
            continue
        if i > solutions[-1]:
            if cell.cell_type == "code":
                checks.append(i)
        elif cell.cell_type == "code" or WRITTEN_ANSWER.match(cell.source.lstrip()):
            answers[cell.cell_type].append(i)
    if not checks:
        raise ValueError(f"Latihan {number}: tidak ada sel cek sesudah sel solusi.")
    for kind, label in (("code", "jawaban"), ("markdown", "tulisan")):
        sols = [i for i in solutions if nb.cells[i].cell_type == kind]
        if len(sols) != len(answers[kind]):
            raise ValueError(
                f"Latihan {number}: {len(answers[kind])} sel {label} untuk {len(sols)} sel "
                f"solusi {'kode' if kind == 'code' else 'teks'}; setiap solusi harus "
                "berpasangan dengan satu sel jawaban mahasiswa sebelumnya.")
        for k, (ans, sol) in enumerate(zip(answers[kind], sols), start=1):
            cell = nb.cells[ans]
            cell.source = _with_solution(cell, nb.cells[sol].source, kind == "code")
            grade_id = f"latihan_{number}_{label}" + (f"_{k}" if k > 1 else "")
            if kind == "code":
                _nbgrader(cell, grade_id, solution=True)
            else:
                _nbgrader(cell, grade_id, solution=True, grade=True, points=WRITTEN_POINTS)
            drop.add(sol)
    for k, i in enumerate(checks, start=1):
        _nbgrader(nb.cells[i], f"latihan_{number}_cek" + (f"_{k}" if k > 1 else ""),
                  grade=True, locked=True, points=CHECK_POINTS)



def nbgrader_source(nb):
    """Salinan ``nb`` sebagai notebook sumber nbgrader (``nb`` sendiri tidak diubah)."""
    nb = copy.deepcopy(nb)
    blocks = exercise_blocks(nb)
    if not blocks:
        raise ValueError("Notebook ini tidak punya soal `### Latihan N`.")
    drop = set()
    for number, indices in blocks:
        _grade_block(nb, number, indices, drop)
    stray = [i for i, c in enumerate(nb.cells) if is_solution(c) and i not in drop]
    if stray:
        raise ValueError(f"Sel solusi di luar blok latihan: sel {[i + 1 for i in stray]}.")
    nb.cells = [c for i, c in enumerate(nb.cells) if i not in drop]
    for cell in nb.cells:
        if "nbgrader" not in cell.metadata:
            _nbgrader(cell, cell.get("id") or f"sel_{id(cell)}", locked=True)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def grade_ids(nb):
    """{grade_id: (nomor latihan, jenis)} untuk sel bernilai sebuah notebook sumber nbgrader."""
    result = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            number, kind = re.match(r"latihan_(\d+)_(\w+?)(?:_\d+)?$", meta["grade_id"]).groups()
            result[meta["grade_id"]] = (int(number), kind)
    return result
