"""Lencana Colab dan cabang Colab di sel persiapan sesuai alamat di pyproject.toml."""
import nbformat
import pytest
from muat import ROOT, load_script

colab = load_script("scripts/perbarui_colab.py")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_badge_and_setup_are_current(path):
    nb = nbformat.read(path, as_version=4)
    badges = [c for c in nb.cells if "colab" in c.metadata.get("tags", [])]
    assert len(badges) == 1 and badges[0].source == colab.badge(path)
    slug, branch = colab.repo_config()
    assert f"/github/{slug}/blob/{branch}/notebooks/{path.name})" in badges[0].source
    setup = next(c for c in nb.cells if "persiapan" in c.metadata.get("tags", []))
    assert setup.source.startswith(colab.colab_block())


def test_regenerating_changes_nothing():
    """Notebook yang di-commit sudah sama dengan hasil `python scripts/perbarui_colab.py`."""
    for path in NOTEBOOKS:
        assert colab.update(path, write=False) is False, f"{path.name} belum diperbarui"


def test_readme_links_every_notebook_with_current_badge():
    readme = (ROOT / "README.md").read_text()
    assert colab.update_readme(write=False) is False, "README belum diperbarui"
    for path in NOTEBOOKS:
        assert f"](notebooks/{path.name})" in readme, f"README tidak menautkan {path.name}"
        assert colab.badge(path).split("](", 1)[1] in readme, f"lencana {path.name} tidak ada"
