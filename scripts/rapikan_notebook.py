"""Merapikan notebook sebelum di-commit: hapus keluaran, nomor eksekusi, dan status widget.

Pengecualian: sel bertag `nbval-check-output` menyimpan keluaran acuan yang dibandingkan
oleh nbval (hanya keluaran yang sama di setiap mode, mis. bentuk larik dan jumlah parameter).
nbval hanya membandingkan sel acuan yang bernomor eksekusi, jadi sel itu diberi nomor 1.

    python scripts/rapikan_notebook.py notebooks/*.ipynb           # hapus keluaran
    python scripts/rapikan_notebook.py --acuan notebooks/01_*.ipynb # jalankan (mode cepat,
                                                                    # luring) lalu simpan acuan
"""
import argparse
import os
from pathlib import Path

import nbformat

CHECK_TAG = "nbval-check-output"


def is_checked(cell):
    return cell.cell_type == "code" and CHECK_TAG in cell.metadata.get("tags", [])


def execute(nb, folder):
    from nbclient import NotebookClient

    os.environ.update({"KURSUS_CEPAT": "1", "KURSUS_OFFLINE": "1", "MPLBACKEND": "Agg"})
    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()


def clean(nb):
    """Menghapus keluaran (kecuali acuan), semua nomor eksekusi, dan status widget, di tempat."""
    nb.metadata.pop("widgets", None)  # status widget tersimpan tidak berguna tanpa keluarannya
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        checked = is_checked(cell) and bool(cell.outputs)
        cell.execution_count = 1 if checked else None
        if not checked:
            cell.outputs = []
        for out in cell.outputs:
            if "execution_count" in out:
                out.execution_count = 1
        cell.metadata.pop("execution", None)
    return nb


def main():
    parser = argparse.ArgumentParser(description="Merapikan notebook kursus.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--acuan", action="store_true",
                        help="jalankan notebook dulu dan simpan keluaran sel bertag "
                             f"{CHECK_TAG} sebagai acuan")
    args = parser.parse_args()
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        if args.acuan:
            execute(nb, path.parent)
        nbformat.write(clean(nb), path)
        print(f"Dirapikan: {path}")


if __name__ == "__main__":
    main()
