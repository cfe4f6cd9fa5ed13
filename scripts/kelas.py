"""Memberi tugas dan menilainya dengan nbgrader, tanpa JupyterHub.

    python scripts/kelas.py siapkan [NOTEBOOK ...]     # folder kursus nbgrader + edisi mahasiswa
    python scripts/kelas.py nilai 09 unduhan.zip       # kiriman LMS -> nilai.csv + umpan balik

`siapkan` membuat folder kursus nbgrader (bawaan `keluaran/kelas/`): setiap notebook menjadi
satu tugas bernama sama, sumbernya diturunkan dari notebooks/ oleh scripts/sumber_nbgrader.py,
lalu `nbgrader generate_assignment` menulis edisi mahasiswa ke `release/<tugas>/`.

`nilai` menyalin arsip unduhan LMS (Google Classroom, Moodle; .zip) ke folder kursus,
mengumpulkannya dengan `nbgrader zip_collect` (NIM dari nama berkas atau foldernya, lihat
scripts/kumpulan_lms.py), menilai setiap mahasiswa dengan `nbgrader autograde` dalam mode
cepat, luring, dan penilaian dengan batas waktu per notebook, membuat umpan balik HTML
(`nbgrader generate_feedback`), lalu menulis `nilai_<tugas>.csv`. Kiriman yang macet, berulang
tanpa akhir, bukan notebook, atau menulis di luar foldernya mendapat baris yang jelas dan tidak
menghentikan kiriman lain.
"""
import argparse
import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))

from kumpulan_lms import student_id  # noqa: E402
from sumber_nbgrader import grade_ids, nbgrader_source  # noqa: E402

COURSE_ID = "autoencoder-dan-gan"
DEFAULT_FOLDER = ROOT / "keluaran" / "kelas"
CONFIG = '''# Dibuat oleh scripts/kelas.py; dibuat ulang setiap `siapkan`.
c = get_config()  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "{course}"
# Edisi mahasiswa: bagian solusi dihapus; kerangka jawaban di atasnya tetap ada.
c.ClearSolutions.code_stub = {{"python": ""}}
c.ClearSolutions.text_stub = ""
c.ZipCollectApp.collector_plugin = "kumpulan_lms.LmsCollector"
# Sel cek yang terhapus (atau kehilangan metadata di editor lain) dikembalikan sebelum dinilai.
c.OverwriteCells.add_missing_cells = True
c.Exchange.root = {exchange!r}  # tidak dipakai tanpa JupyterHub; folder yang dapat ditulis
# Penilaian tanpa tiruan widget Output nbclient (scripts/nbgrader_eksekusi.py): sel penggeser
# kadang tidak pernah selesai bila tiruan itu dipakai.
import sys  # noqa: E402
sys.path.insert(0, {scripts!r})
from nbgrader.converters import Autograde  # noqa: E402
from nbgrader_eksekusi import ExecuteTanpaWidget  # noqa: E402
c.Autograde.autograde_preprocessors = [
    ExecuteTanpaWidget if step.__name__ == "Execute" else step
    for step in Autograde.class_traits()["autograde_preprocessors"].default()]
'''
IGNORED = {".git", "__pycache__", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints"}


class RefusedError(Exception):
    """Permintaan yang ditolak; pesannya (bahasa Indonesia) ditampilkan kepada dosen."""


def nbgrader(folder, *args, timeout=None, env=None):
    """Menjalankan ``nbgrader <args>`` di folder kursus; mengembalikan CompletedProcess.

    Bila ``timeout`` terlampaui, seluruh grup prosesnya (termasuk kernel notebook) dihentikan
    dan ``subprocess.TimeoutExpired`` diteruskan."""
    env = dict(env or os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SCRIPTS), env.get("PYTHONPATH")]))
    env["PATH"] = _with_python_bin(env.get("PATH", ""))
    command = [sys.executable, "-m", "nbgrader", *args]
    with subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, start_new_session=True) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _with_python_bin(path):
    """PATH dengan folder program lingkungan Python ini di depan: nbgrader memanggil `alembic`
    dan `jupyter` dari lingkungan yang sama."""
    bin_dir = str(Path(sys.executable).parent)
    return path if bin_dir in path.split(os.pathsep) else os.pathsep.join([bin_dir, path])


def _require_ok(result, what):
    if result.returncode != 0:
        raise RefusedError(f"{what} gagal:\n{(result.stdout + result.stderr)[-3000:]}")


def api(folder):
    """NbGraderAPI untuk folder kursus, dengan konfigurasi dari nbgrader_config.py-nya."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    os.environ["PATH"] = _with_python_bin(os.environ.get("PATH", ""))
    config = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _require_success(result, what):
    if not result.get("success"):
        raise RefusedError(f"{what} gagal:\n{(result.get('log', '') + result.get('error', ''))[-3000:]}")


# --- siapkan -----------------------------------------------------------------------------

def prepare(folder=DEFAULT_FOLDER, notebooks=()):
    """Menulis folder kursus nbgrader dan edisi mahasiswa; mengembalikan path notebook rilis."""
    folder = Path(folder).resolve()
    sources = [Path(p) for p in notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in sources:
        if not path.is_file() or path.suffix != ".ipynb":
            raise RefusedError(f"Notebook {path} tidak ditemukan atau bukan .ipynb.")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(CONFIG.format(root=str(folder), course=COURSE_ID,
                                                            exchange=str(folder / "pertukaran"),
                                                            scripts=str(SCRIPTS)),
                                              encoding="utf-8")
    grader = api(folder)
    released = []
    for path in sources:
        assignment = path.stem
        target = folder / "source" / assignment / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            source = nbgrader_source(nbformat.read(path, as_version=4))
        except ValueError as err:
            raise RefusedError(f"{path.name}: {err}") from None
        nbformat.write(source, target)
        _require_success(grader.generate_assignment(assignment),
                         f"nbgrader generate_assignment {assignment}")
        released.append(folder / "release" / assignment / path.name)
    return released


# --- nilai -------------------------------------------------------------------------------

def assignment_name(folder, name):
    """Nama tugas lengkap dari awalannya (mis. "09" -> "09_gan_bersyarat")."""
    found = sorted(p.name for p in (folder / "source").glob(f"{name}*") if p.is_dir())
    if len(found) != 1:
        known = ", ".join(sorted(p.name for p in (folder / "source").glob("*"))) or "belum ada"
        raise RefusedError(f"Tugas {name!r} tidak ditemukan tepat satu kali di {folder}/source "
                           f"(tugas yang ada: {known}). Jalankan dulu `kelas.py siapkan`.")
    return found[0]


def snapshot(root, skip=()):
    """{path: (ukuran, mtime)} semua berkas di ``root``, kecuali ``skip`` (folder atau berkas;
    berkas pendamping seperti ``gradebook.db-journal`` ikut dikecualikan)."""
    skip = [str(Path(s).resolve()) for s in skip]

    def skipped(path):
        return any(path == s or path.startswith(s + os.sep) or path.startswith(s + "-")
                   for s in skip)

    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in IGNORED and not d.startswith(".venv")
                       and not skipped(os.path.join(dirpath, d))]
        for name in filenames:
            path = os.path.join(dirpath, name)
            if skipped(path) or name.startswith(".venv"):  # mis. log pemasangan lingkungan CI
                continue
            try:
                stat = os.stat(path)
            except OSError:
                continue
            state[path] = (stat.st_size, stat.st_mtime_ns)
    return state


def first_error(nb):
    """(grade_id atau nomor sel, "NamaGalat: pesan") galat pertama di notebook, atau None."""
    for index, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                where = cell.metadata.get("nbgrader", {}).get("grade_id") or f"sel {index}"
                message = " ".join(str(output.get("evalue", "")).split())[:200]
                return where, f"{output.get('ename')}: {message}"
    return None


def grade_one(folder, assignment, nim, limit):
    """Menilai satu mahasiswa; mengembalikan keterangan bila penilaian tidak normal, atau None."""
    submitted = folder / "submitted" / nim / assignment
    files = sorted(p for p in submitted.iterdir() if p.name != "timestamp.txt")
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    if not notebooks:
        return "bukan notebook: " + ", ".join(p.name for p in files)
    try:
        nbformat.validate(nbformat.read(notebooks[0], as_version=4))
    except Exception as err:  # JSON rusak, format lain, dsb.
        return f"bukan notebook yang sah ({type(err).__name__})"
    own = [folder / "autograded" / nim, folder / "feedback" / nim, folder / "gradebook.db",
           folder / ".nbgrader.log", folder / f"nilai_{assignment}.csv"]
    work = Path(tempfile.mkdtemp(prefix=f"nilai_{nim}_"))
    env = {**os.environ, "KURSUS_CEPAT": "1", "KURSUS_OFFLINE": "1", "KURSUS_PENILAIAN": "1",
           "KURSUS_OUTPUT_DIR": str(work / "keluaran"), "HOME": str(work),
           "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(work / "matplotlib")}
    def watched():  # folder kursus (kecuali milik kiriman ini) dan repositori (kecuali keluaran/)
        return {**snapshot(folder, skip=own), **snapshot(ROOT, skip=[ROOT / "keluaran", folder])}

    before = watched()
    try:
        result = nbgrader(folder, "autograde", assignment, "--student", nim, "--force",
                          f"--Execute.timeout={limit}", timeout=limit, env=env)
    except subprocess.TimeoutExpired:
        return f"melebihi batas waktu {limit} detik"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    after = watched()
    changed = sorted(str(p) for p in set(before) ^ set(after)
                     | {p for p in before if p in after and before[p] != after[p]})
    if changed:
        return f"DITOLAK: menulis di luar foldernya ({changed[0]})"
    if result.returncode != 0 or not (folder / "autograded" / nim / assignment).is_dir():
        return "gagal dinilai: " + failure_reason(result.stdout + result.stderr)
    return None


def failure_reason(log):
    """Sebab kegagalan `nbgrader autograde` dari lognya, dalam kalimat untuk dosen."""
    errors = re.findall(r"^\s*(\w+(?:Error|Exception)): (.*)$", log, flags=re.MULTILINE)
    if not errors:
        return "lihat .nbgrader.log di folder kursus"
    name, message = errors[-1]
    missing = re.fullmatch(r"'(latihan_\w+)'", message.strip())
    if name == "KeyError" and missing:
        return (f"sel {missing.group(1)} tidak ditemukan (metadata nbgrader hilang: notebook "
                "tidak dibuat dari edisi mahasiswa, atau disimpan editor yang membuang metadata sel)")
    return f"{name}: {message.strip()[:200]}"


def scores(folder, assignment, nim):
    """{grade_id: (skor, skor maksimum, perlu dinilai dosen)} dari gradebook nbgrader."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        try:
            notebook = gradebook.find_submission_notebook(assignment, assignment, nim)
        except MissingEntry:
            return {}
        return {g.name: (g.score, g.max_score, g.needs_manual_grade) for g in notebook.grades}


def grade(folder, assignment, archives, limit=300):
    """Seluruh alur `nilai`; mengembalikan baris tabel nilai (list of dict) dan path CSV-nya."""
    folder = Path(folder).resolve()
    assignment = assignment_name(folder, assignment)
    archive_dir = folder / "downloaded" / assignment / "archive"
    extracted = folder / "downloaded" / assignment / "extracted"
    old = [archive_dir, extracted, *folder.glob(f"submitted/*/{assignment}"),
           *folder.glob(f"autograded/*/{assignment}"), *folder.glob(f"feedback/*/{assignment}")]
    for path in old:  # setiap `nilai` mulai dari arsip yang diberikan saja
        shutil.rmtree(path, ignore_errors=True)
    archive_dir.mkdir(parents=True)
    for archive in archives:
        if not Path(archive).is_file():
            raise RefusedError(f"Arsip {archive} tidak ditemukan.")
        shutil.copy(archive, archive_dir)
    _require_ok(nbgrader(folder, "zip_collect", assignment, "--force",
                         f"--LmsCollector.notebook={assignment}.ipynb",
                         f"--LmsCollector.extracted={extracted}"), "nbgrader zip_collect")
    statuses = []
    for path in sorted(p for p in extracted.rglob("*") if p.is_file()):
        if student_id(path, extracted) is None:
            statuses.append(("?", f"tanpa NIM di nama berkas: {path.relative_to(extracted)}"))
    students = sorted(p.parent.name for p in folder.glob(f"submitted/*/{assignment}") if p.is_dir())
    grader = None
    for student in students:
        print(f"  menilai {student} ...", flush=True)
        problem = grade_one(folder, assignment, student, limit)
        problem = problem and problem + several_files(folder, assignment, student, extracted)
        if problem:
            statuses.append((student, problem))
            continue
        graded = nbformat.read(folder / "autograded" / student / assignment / f"{assignment}.ipynb",
                               as_version=4)
        error = first_error(graded)
        status = "bersih" if error is None else f"galat pertama ({error[0]}) {error[1]}"
        grader = grader or api(folder)
        if not grader.generate_feedback(assignment, student_id=student).get("success"):
            status += "; umpan balik HTML gagal dibuat (lihat .nbgrader.log)"
        statuses.append((student, status + several_files(folder, assignment, student, extracted)))
    return write_table(folder, assignment, statuses)


def several_files(folder, assignment, nim, extracted):
    """Catatan untuk status bila arsip memuat lebih dari satu berkas dari NIM ini."""
    mine = [p for p in sorted(extracted.rglob("*")) if p.is_file() and student_id(p, extracted) == nim]
    if len(mine) < 2:
        return ""
    kept = [p.read_bytes() for p in (folder / "submitted" / nim / assignment).iterdir()
            if p.name != "timestamp.txt"]
    graded = [str(p.relative_to(extracted)) for p in mine if p.read_bytes() in kept]
    return f"; {len(mine)} berkas di arsip, yang dinilai: {', '.join(graded) or '?'}"


def write_table(folder, assignment, statuses):
    """Menulis nilai_<tugas>.csv dari gradebook: satu baris per (nim, status); poin hanya untuk
    kiriman yang dinilai ("bersih" atau "galat pertama ..."), termasuk nilai manual dosen."""
    source = nbformat.read(folder / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    cells = grade_ids(source)
    exercises = sorted({number for number, _ in cells.values()})
    maximum = _number(sum(c.metadata["nbgrader"].get("points", 0) for c in source.cells
                          if c.metadata.get("nbgrader", {}).get("grade")))
    rows = []
    for nim, status in statuses:
        row = {"nim": nim, "status": status}
        if nim != "?":
            graded = status.startswith(("bersih", "galat pertama"))
            points = scores(folder, assignment, nim) if graded else {}
            for number in exercises:
                ids = [g for g, (n, _) in cells.items() if n == number]
                row[f"latihan_{number}"] = _number(sum(points.get(g, (0, 0, False))[0] or 0 for g in ids))
            row["total"] = _number(sum(row[f"latihan_{n}"] for n in exercises))
            row["maksimum"] = maximum
            row["belum_dinilai_dosen"] = sum(1 for g in cells if points.get(g, (0, 0, False))[2])
        rows.append(row)
    columns = ["nim", "notebook"] + [f"latihan_{n}" for n in exercises] + \
        ["total", "maksimum", "belum_dinilai_dosen", "status"]
    table = folder / f"nilai_{assignment}.csv"
    with open(table, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow({"notebook": assignment, **row})
    return rows, table


def refresh_table(folder, assignment):
    """Menulis ulang nilai_<tugas>.csv (mis. sesudah dosen menilai jawaban tertulis di
    Formgrader) dengan status dari tabel sebelumnya."""
    folder = Path(folder).resolve()
    assignment = assignment_name(folder, assignment)
    table = folder / f"nilai_{assignment}.csv"
    if not table.is_file():
        raise RefusedError(f"{table} belum ada. Jalankan dulu `kelas.py nilai {assignment} ARSIP`.")
    with open(table, encoding="utf-8") as handle:
        statuses = [(row["nim"], row["status"]) for row in csv.DictReader(handle)]
    return write_table(folder, assignment, statuses)


def _number(x):
    """Poin untuk tabel: 3 bukan 3.0."""
    return int(x) if float(x).is_integer() else round(float(x), 2)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Memberi dan menilai tugas notebook dengan nbgrader.")
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER,
                        help="folder kursus nbgrader (bawaan: keluaran/kelas)")
    sub = parser.add_subparsers(dest="perintah", required=True)
    prep = sub.add_parser("siapkan", help="folder kursus nbgrader dan edisi mahasiswa (release/)")
    prep.add_argument("notebook", nargs="*", type=Path, help="bawaan: semua notebook di notebooks/")
    rate = sub.add_parser("nilai", help="arsip kiriman LMS -> nilai_<tugas>.csv dan umpan balik")
    rate.add_argument("tugas", help="nama tugas atau awalannya, mis. 09")
    rate.add_argument("arsip", nargs="+", type=Path, help="arsip .zip unduhan LMS")
    rate.add_argument("--batas-detik", type=int, default=300,
                      help="batas waktu satu notebook (bawaan 300 detik, mode cepat)")
    again = sub.add_parser("tabel", help="tulis ulang nilai_<tugas>.csv sesudah penilaian manual")
    again.add_argument("tugas", help="nama tugas atau awalannya, mis. 09")
    args = parser.parse_args(argv)
    try:
        if args.perintah == "siapkan":
            for path in prepare(args.folder, args.notebook):
                print(f"  edisi mahasiswa: {path}")
        else:
            if args.perintah == "nilai":
                rows, table = grade(args.folder, args.tugas, args.arsip, args.batas_detik)
            else:
                rows, table = refresh_table(args.folder, args.tugas)
            for row in rows:
                pending = row.get("belum_dinilai_dosen")
                print(f"  {row['nim']:>12}  {row.get('total', 0):>3}/{row.get('maksimum', '-')}"
                      + (f" ({pending} jawaban tertulis belum dinilai)" if pending else "")
                      + f"  {row['status']}")
            print(f"Tabel nilai: {table}\nUmpan balik: {Path(args.folder).resolve() / 'feedback'}")
    except RefusedError as err:
        print(f"Galat: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
