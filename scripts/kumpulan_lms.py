"""Pengenal kiriman dari unduhan LMS untuk `nbgrader zip_collect` (dipakai scripts/kelas.py).

Google Classroom mengunduh berkas dengan nama yang diberikan mahasiswa; Moodle menaruh setiap
kiriman di folder ``Nama Lengkap_<id Moodle>_assignsubmission_file_/``. Karena itu NIM dicari
lebih dulu di nama berkas, baru di nama folder di atasnya (yang terdekat dulu): deretan angka
terpanjang dengan minimal 5 digit. Setiap tugas berisi satu notebook, jadi berkas apa pun dari
seorang mahasiswa dipetakan ke notebook tugas itu (``Salinan dari 09_….ipynb`` tetap dikenali);
berkas yang bukan notebook ikut dikumpulkan agar tabel nilai dapat menyebutnya.
"""
import os
import re
from datetime import datetime, timezone
from pathlib import PurePath

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Unicode

NIM = re.compile(r"(?<!\d)\d{5,}(?!\d)")


def student_id(path, root=None):
    """NIM untuk berkas kiriman ``path``, atau None. ``root`` adalah folder ekstraksi nbgrader:
    di bawahnya setiap arsip punya folder sendiri bernama arsip itu, yang tidak ikut dibaca
    (nama unduhan Google Drive memuat tanggal, mis. ``Tugas-20241015T093012Z-001.zip``)."""
    parts = PurePath(os.path.relpath(path, root) if root else path).parts
    if root and len(parts) > 1:
        parts = parts[1:]
    for part in reversed(parts):
        found = NIM.findall(part)
        if found:
            return max(found, key=len)
    return None


class LmsCollector(FileNameCollectorPlugin):
    """Pengumpul kiriman LMS: NIM dari nama berkas atau foldernya; satu notebook per tugas."""

    notebook = Unicode(help="nama berkas notebook tugas, mis. 09_gan_bersyarat.ipynb").tag(config=True)
    extracted = Unicode(help="folder hasil ekstraksi (nama di atasnya tidak dipakai)").tag(config=True)

    def collect(self, submitted_file):
        nim = student_id(submitted_file, self.extracted or None)
        if nim is None:
            self.log.warning("Tidak ada NIM (minimal 5 digit) di nama berkas atau foldernya: %s",
                             submitted_file)
            return None
        stem = os.path.splitext(self.notebook)[0]
        ext = os.path.splitext(submitted_file)[1] or ".tanpa_ekstensi"
        # Dua berkas dari satu NIM: nbgrader menyimpan yang waktunya paling akhir.
        stamp = datetime.fromtimestamp(os.path.getmtime(submitted_file), timezone.utc)
        return {"student_id": nim, "file_id": stem + ext, "timestamp": stamp.isoformat()}
