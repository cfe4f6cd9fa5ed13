"""Preprocessor `Execute` nbgrader untuk `nbgrader autograde` kursus ini (nbgrader_config.py
yang ditulis scripts/kelas.py memakainya).

Bedanya dari `Execute` bawaan hanya satu: tanpa tiruan widget Output milik nbclient. Tiruan itu
mengirim pesan comm ke kernel lewat kanal shell selagi balasan sel ditunggu di kanal yang sama,
dan balasan itu kadang tidak pernah terbaca: sel penggeser (notebook 04 dan 06) tidak selesai
sampai batas waktunya. `Execute` nbgrader memakai NotebookClient yang sama (lewat nbconvert),
jadi tanpa perubahan ini kiriman yang benar bisa dinilai "melebihi batas waktu". Keluaran yang
ditangkap widget Output masuk ke keluaran sel biasa. render_kuliah.execute melakukan hal yang sama.
"""
from nbgrader.preprocessors import Execute


class ExecuteTanpaWidget(Execute):
    """`Execute` nbgrader tanpa objek widget Output di sisi klien."""

    def on_comm_open_jupyter_widget(self, msg):
        return None
