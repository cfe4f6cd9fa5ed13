"""Uji fungsi gambar untuk setiap bentuk masukan yang diterima dan galat untuk yang tidak."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402

RNG = np.random.default_rng(0)
BASE = RNG.random((4, 28, 28)).astype(np.float32)  # nilai [0, 1]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def shown(fig, i=0):
    return fig.axes[i].images[0].get_array()


@pytest.mark.parametrize("images", [
    BASE, BASE[..., None], BASE.reshape(4, 784), BASE * 2 - 1, (BASE * 255).astype(np.uint8),
], ids=["N28x28", "N28x28x1", "N784", "minus1_1", "uint8"])
def test_show_images_accepts_every_format(images):
    fig = helpers.show_images(images, titles=list("abcd"), ncols=2)
    assert len(fig.axes) == 4
    np.testing.assert_allclose(shown(fig), BASE[0], atol=1 / 255)
    assert fig.axes[1].get_title() == "b"


def test_show_images_grid_and_save(tmp_path):
    path = tmp_path / "sub" / "kisi.png"
    fig = helpers.show_images(BASE[:3], ncols=2, title="Contoh", path=path)
    assert len(fig.axes) == 4  # 2 x 2, sel terakhir kosong
    assert path.exists() and path.stat().st_size > 1000
    assert fig._suptitle.get_text() == "Contoh"


@pytest.mark.parametrize("bad,message", [
    (np.zeros((4, 32, 32)), "harus berbentuk"),
    (np.zeros((28, 28)), "harus berbentuk"),
    (np.zeros((4, 783)), "harus berbentuk"),
    (np.zeros((0, 28, 28)), "kosong"),
    (BASE * 3, r"\[0, 1\] atau \[-1, 1\]"),
    (np.full((1, 28, 28), np.nan), "NaN"),
])
def test_show_images_rejects_bad_input(bad, message):
    with pytest.raises(ValueError, match=message):
        helpers.show_images(bad)


def test_show_images_bad_titles_and_ncols():
    with pytest.raises(ValueError, match="Jumlah judul"):
        helpers.show_images(BASE, titles=["a"])
    with pytest.raises(ValueError, match="ncols"):
        helpers.show_images(BASE, ncols=0)


def test_compare_rows_dict_and_pair(tmp_path):
    fig = helpers.compare_rows({"Asli": BASE, "Berderau": BASE[..., None], "Bersih": BASE},
                               title="Perbandingan", path=tmp_path / "baris.png")
    assert len(fig.axes) == 12 and fig.axes[4].get_ylabel() == "Berderau"
    fig = helpers.compare_rows((BASE, BASE.reshape(4, 784)))
    assert fig.axes[0].get_ylabel() == "Asli" and fig.axes[4].get_ylabel() == "Rekonstruksi"
    assert (tmp_path / "baris.png").exists()


def test_compare_rows_errors():
    with pytest.raises(ValueError, match="jumlah gambar yang sama"):
        helpers.compare_rows({"Asli": BASE, "Rekonstruksi": BASE[:3]})
    with pytest.raises(ValueError, match="tepat dua"):
        helpers.compare_rows([BASE])
    with pytest.raises(ValueError, match="rows harus dict"):
        helpers.compare_rows({})
    with pytest.raises(ValueError, match="baris 'Rekonstruksi'"):
        helpers.compare_rows({"Asli": BASE, "Rekonstruksi": BASE + 5})


class FakeHistory:
    history = {"loss": [0.3, 0.2, 0.1], "val_loss": [0.35, 0.25, 0.2], "mse": [3.0, 2.0, 1.0]}


def test_plot_history_from_history_and_dict(tmp_path):
    fig = helpers.plot_history(FakeHistory(), path=tmp_path / "loss.png")
    assert len(fig.axes) == 2  # loss (dengan val_loss) dan mse
    labels = [line.get_label() for line in fig.axes[0].lines]
    assert labels == ["loss (latih)", "loss (validasi)"]
    assert fig.axes[0].get_xlabel() == "Epoch"
    fig = helpers.plot_history({"d_loss": [1.0, 0.5], "g_loss": [2.0, 1.0]}, keys=["d_loss"],
                               log=True)
    assert len(fig.axes) == 1 and fig.axes[0].get_yscale() == "log"
    assert (tmp_path / "loss.png").exists()


def test_plot_history_errors():
    with pytest.raises(ValueError, match="History"):
        helpers.plot_history([0.1, 0.2])
    with pytest.raises(ValueError, match="tidak ada di history"):
        helpers.plot_history(FakeHistory(), keys=["akurasi"])
    with pytest.raises(ValueError, match="nilai positif"):
        helpers.plot_history({"loss": [0.1, 0.0]}, log=True)
    with pytest.raises(ValueError, match="tidak kosong"):
        helpers.plot_history({"loss": []})


def test_image_sheet_places_images_row_by_row():
    images = np.stack([np.full((28, 28), v, dtype=np.float32) for v in (0.25, 0.5, 0.75)])
    sheet = helpers.image_sheet(images, ncols=2, gap=3, fill=0.125)
    assert sheet.shape == (2 * 28 + 3, 2 * 28 + 3)
    assert sheet[0, 0] == 0.25 and sheet[0, 31] == 0.5 and sheet[31, 0] == 0.75
    assert sheet[29, 0] == 0.125 and sheet[31, 31] == 0.125  # celah dan petak kosong terakhir
    np.testing.assert_allclose(helpers.image_sheet(images * 2 - 1, ncols=3)[0, :28], 0.25)  # [-1, 1]
    with pytest.raises(ValueError, match="ncols"):
        helpers.image_sheet(images, ncols=0)
