"""Membuat ulang lencana "Open in Colab" dan cabang Colab di sel persiapan setiap notebook.

Alamat repositori hanya disimpan di satu tempat: bagian [tool.kursus] di pyproject.toml.
Setelah mengubahnya (mis. karena repositori dipindah), jalankan:
    python scripts/perbarui_colab.py
Sel yang diubah dikenali dari tag metadata: `colab` (lencana) dan `persiapan` (sel persiapan).
"""
import re
import sys
from pathlib import Path

import nbformat
import tomllib

ROOT = Path(__file__).resolve().parents[1]
COLAB_END = "# --- akhir bagian Colab ---"


def repo_config():
    """(slug, cabang) dari pyproject.toml."""
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["kursus"]
    return cfg["repo"], cfg["branch"]


def badge(notebook_path):
    """Markdown lencana Colab untuk notebook (path relatif dari akar repositori)."""
    slug, branch = repo_config()
    rel = Path(notebook_path).resolve().relative_to(ROOT).as_posix()
    return (f"[![Buka di Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
            f"(https://colab.research.google.com/github/{slug}/blob/{branch}/{rel})")


def colab_block():
    """Baris awal sel persiapan: di Colab saja, unduh repositori dan pasang `helpers`."""
    slug, branch = repo_config()
    return "\n".join([
        "# Di Google Colab: unduh repositori kursus dan pasang paket `helpers`",
        "# (TensorFlow bawaan Colab dibiarkan apa adanya). Di komputer sendiri bagian ini dilewati.",
        "import sys",
        'if "google.colab" in sys.modules:',
        f"    !test -d /content/kursus || git clone -q --depth 1 -b {branch} "
        f"https://github.com/{slug}.git /content/kursus",
        "    %pip install -q --no-deps -e /content/kursus",
        '    sys.path.insert(0, "/content/kursus")',
        COLAB_END,
    ])


def update(path, write=True):
    """Memperbarui satu notebook; mengembalikan True bila isinya (perlu) berubah.

    ``write=False`` hanya memeriksa tanpa menulis (dipakai uji otomatis)."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "colab" in tags:
            cell.source = badge(path)
        if "persiapan" in tags:
            rest = cell.source.split(COLAB_END, 1)[-1].lstrip("\n")
            cell.source = colab_block() + "\n\n" + rest
    after = nbformat.writes(nb)
    if write and after != before:
        Path(path).write_text(after + "\n" if not after.endswith("\n") else after)
    return after != before


def update_readme(write=True):
    """Menyamakan tautan Colab di README.md dengan alamat repositori; True bila berubah."""
    slug, branch = repo_config()
    readme = ROOT / "README.md"
    before = readme.read_text()
    after = re.sub(r"colab\.research\.google\.com/github/[^)\s]+?/blob/[^/)\s]+/notebooks/",
                   f"colab.research.google.com/github/{slug}/blob/{branch}/notebooks/", before)
    if write and after != before:
        readme.write_text(after)
    return after != before


def main():
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    changed = [p.name for p in paths if update(p)]
    if update_readme():
        changed.append("README.md")
    print(f"{len(paths)} notebook diperiksa; diperbarui: {', '.join(changed) or 'tidak ada'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
